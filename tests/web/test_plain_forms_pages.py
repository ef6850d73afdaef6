"""Route tests of the lead page's forms, Today's quick log, a person's timeline (what was
given or asked, long notes folded) and the report's funnel on a phone."""

from __future__ import annotations

import datetime as dt
import html
import re

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.leads import add_lead, show_lead
from netweave.services.people import show_person
from netweave.web.charts import NARROW, funnel_bars
from web.web_helpers import DAY, add


def _said(page: str) -> str:
    # the error page's message, or a form's refusal said beside its field
    said = r'<p class="(?:error-text|flash flash-error[^"]*)"[^>]*>(.*?)</p>'
    found = re.search(said, page, re.S)
    assert found, page
    return html.unescape(found[1])


def test_a_posting_address_fits_the_form(client: TestClient, web_ctx: Context) -> None:
    lead = add_lead(web_ctx, "Acme", "Engineer")["id"]
    assert 'name="url" maxlength="1000"' in client.get(f"/leads/{lead}").text
    assert 'name="url" maxlength="1000"' in client.get("/leads").text


def test_a_due_day_alone_moves_the_step_set(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    lead = add_lead(web_ctx, "Acme", "Engineer", next_step="write to Ada", due=DAY)["id"]
    later = DAY + dt.timedelta(days=5)
    moved = client.post(
        f"/leads/{lead}/next", data={"csrf_token": token, "step": "", "due": later.isoformat()}
    )
    assert moved.status_code == 303
    view = show_lead(web_ctx, f"#{lead}")
    assert (view["next_step"], view["next_due"]) == ("write to Ada", later.isoformat())
    # the step erased with its day as it was: cleared, as before
    client.post(
        f"/leads/{lead}/next", data={"csrf_token": token, "step": "", "due": later.isoformat()}
    )
    assert show_lead(web_ctx, f"#{lead}")["next_step"] is None


def test_a_due_day_without_a_step_to_move_says_a_step_is_needed(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    lead = add_lead(web_ctx, "Acme", "Engineer")["id"]
    page = client.get(f"/leads/{lead}").text
    assert 'name="step" maxlength="1000" required' in page
    refused = client.post(
        f"/leads/{lead}/next", data={"csrf_token": token, "step": "", "due": DAY.isoformat()}
    )
    assert refused.status_code == 422
    assert "give the step too" in _said(refused.text)
    assert show_lead(web_ctx, f"#{lead}")["next_step"] is None


def test_the_move_form_offers_the_next_stage_not_the_current_one(
    client: TestClient, web_ctx: Context
) -> None:
    lead = add_lead(web_ctx, "Acme", "Engineer")["id"]
    page = client.get(f"/leads/{lead}").text
    select = page.split('<select name="stage" required>', 1)[1].split("</select>", 1)[0]
    assert '<option value="lead"' not in select
    assert '<option value="researching" selected>' in select
    client_lead = add_lead(web_ctx, "Initech", "Analyst")["id"]
    from netweave.services.leads import move_lead

    move_lead(web_ctx, f"#{client_lead}", "rejected")
    closed = client.get(f"/leads/{client_lead}").text
    select = closed.split('<select name="stage" required>', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected disabled>choose a stage</option>' in select
    assert '<option value="rejected"' not in select


def test_todays_quick_log_says_who_reached_out(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    pid = add(web_ctx, "Tom Tester", circle="inner", met_on=DAY - dt.timedelta(days=400))
    today = client.get("/").text
    assert "Log a conversation" in today
    form = today.split('class="log-mini"', 1)[1].split("</form>", 1)[0]
    assert '<option value="both" selected>both</option>' in form
    assert '<option value="out">I did</option>' in form
    client.post(
        f"/people/{pid}/log",
        data={"csrf_token": token, "kind": "email", "direction": "out", "note": "sent the paper"},
    )
    assert show_person(web_ctx, f"#{pid}")["interactions"][0]["direction"] == "out"


def test_the_timeline_shows_what_was_given_and_asked(client: TestClient, web_ctx: Context) -> None:
    pid = add(web_ctx, "Ada Lovelace", met_on=DAY - dt.timedelta(days=900))
    log_interaction(
        web_ctx,
        LogRequest(
            names=[f"#{pid}"], kind="coffee", gave=["information"], asked=["advice"], note="ok"
        ),
    )
    for path in (f"/people/{pid}", f"/people/{pid}/timeline"):
        page = client.get(path).text
        exchanges = page.split("data-exchanges>", 1)[1].split("</p>", 1)[0]
        assert "You gave information" in exchanges
        assert "You asked for advice" in exchanges


def test_a_long_note_is_folded_on_the_timeline(client: TestClient, web_ctx: Context) -> None:
    pid = add(web_ctx, "Ada Lovelace")
    note = "First line of the talk. " + "word " * 1900 + "THE END"
    log_interaction(web_ctx, LogRequest(names=[f"#{pid}"], kind="coffee", note=note.strip()))
    page = client.get(f"/people/{pid}").text
    folded = page.split("data-long-note>", 1)[1].split("</details>", 1)[0]
    preview = folded.split("</summary>", 1)[0]
    assert "First line of the talk." in preview
    assert "THE END" not in preview
    assert f"Show all ({len(note.strip()):,} characters)" in preview
    assert "THE END" in folded  # the whole note, once opened
    log_interaction(web_ctx, LogRequest(names=[f"#{pid}"], kind="coffee", note="short one"))
    assert "<p>short one</p>" in client.get(f"/people/{pid}").text


def test_the_funnel_is_drawn_again_for_a_phone_with_its_labels_readable() -> None:
    funnel = [
        {"source": s, "leads": 4, "interviews": 2, "offers": 1, "accepted": 1}
        for s in ("referral", "x")
    ]
    narrow = funnel_bars(funnel, NARROW, stacked=True)
    assert narrow["width"] <= 360  # shown in a ~330 px card: 13 px text stays ≥ 11 px
    first = narrow["rows"][0]
    assert narrow["x0"] == 0
    assert first["label_y"] < first["bars"][0][1]
    assert max(w for row in narrow["rows"] for _, _, w, _ in row["bars"]) < NARROW - 20


def test_the_reports_page_has_a_narrow_funnel(client: TestClient, web_ctx: Context) -> None:
    add_lead(web_ctx, "Acme", "Engineer", source="referral")
    page = client.get("/reports").text
    assert page.count('class="chart funnel chart-wide"') == 1
    assert page.count('class="chart funnel chart-narrow"') == 1
    assert f'viewBox="0 0 {NARROW} ' in page

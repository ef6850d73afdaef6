"""The Campaigns pages: a seasonal checklist made, ticked off and closed from the web."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from netweave.services import agenda
from netweave.services.campaigns import new_campaign, show_campaign
from netweave.services.context import Context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.people import show_person
from web.web_helpers import DAY, add


def _text(page: str) -> str:
    """A page's text without its tags (a date is kept on one line in a span of its own)."""
    return re.sub(r"<[^>]+>", "", page)


def _on_today(ctx: Context) -> list[str | None]:
    return [i["person"] for i in agenda.agenda(ctx)["items"] if i["kind"] == "campaign"]


def test_the_campaigns_page_is_in_the_navigation_and_lists_progress(
    client: TestClient, web_ctx: Context
) -> None:
    add(web_ctx, "Ada Lovelace", circle="close")
    add(web_ctx, "Grace Hopper", tags=["alumni"])
    new_campaign(web_ctx, "Holidays <2026>", ["close"], ["alumni"])
    assert 'href="/campaigns"' in client.get("/").text
    page = client.get("/campaigns").text
    assert "Holidays &lt;2026&gt;" in page  # escaped
    assert re.search(r"data-progress>0/2<", page)
    assert '<span class="chip chip-circle">close</span>' in page
    assert 'href="/people?tag=alumni"' in page
    # the form: a checkbox per circle of the settings, a CSRF token
    for circle in web_ctx.settings.circles:
        assert f'name="circle" value="{circle}"' in page
    assert re.search(r'action="/campaigns"[^>]*>\s*<input type="hidden" name="csrf_token"', page)


def test_a_campaign_is_made_from_the_form_and_shows_its_checklist(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Me Myself", is_me=True, circle="close")
    ada = add(web_ctx, "Ada Lovelace", circle="close", needs=["a publisher"])
    add(web_ctx, "Alan Turing", circle="active")
    add(web_ctx, "Grace Hopper", circle="wide", tags=["alumni"])
    add(web_ctx, "Linus Wide", circle="wide")
    log_interaction(web_ctx, LogRequest(names=["Ada Lovelace"], kind="coffee", note="Engines"))
    made = client.post(
        "/campaigns",
        data={"csrf_token": token, "name": "Holidays 2026", "circle": ["close", "active"],
              "tags": "Alumni"},
    )  # fmt: skip
    assert made.status_code == 303, made.text
    view = show_campaign(web_ctx, "Holidays 2026")
    assert re.fullmatch(rf"/campaigns/{view['id']}\?said=[\w-]{{22}}", made.headers["location"])
    assert view["audience"] == {"circles": ["close", "active"], "tags": ["alumni"]}
    assert [i["person"] for i in view["items"]] == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    page = client.get(made.headers["location"]).text
    assert f'href="/people/{ada}"' in page
    assert f"last talked {DAY} (coffee): Engines" in _text(page)  # the personal prompt
    assert "they are looking for a publisher" in page
    assert page.count('action="/campaigns/') >= 3  # a Done per item (and the close button)
    assert "Me Myself" not in page
    assert {"Ada Lovelace", "Alan Turing", "Grace Hopper"} <= set(_on_today(web_ctx))


def test_a_campaign_form_without_an_audience_or_a_name_says_why(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", circle="close")
    bare = client.post("/campaigns", data={"csrf_token": token, "name": "Holidays"})
    assert bare.status_code == 422
    assert "choose an audience" in bare.text
    assert "--circle" not in bare.text  # the terminal's option: the web says it in its words
    unnamed = client.post("/campaigns", data={"csrf_token": token, "circle": "close"})
    assert (unnamed.status_code, "a campaign needs a name" in unnamed.text) == (422, True)
    unknown = client.post("/campaigns", data={"csrf_token": token, "name": "X", "circle": "galaxy"})
    assert unknown.status_code == 422
    client.post("/campaigns", data={"csrf_token": token, "name": "Holidays", "circle": "close"})
    again = client.post(
        "/campaigns", data={"csrf_token": token, "name": "holidays", "circle": "close"}
    )
    assert (again.status_code, "already exists" in again.text) == (422, True)  # the form
    no_token = client.post("/campaigns", data={"name": "Other", "circle": "close"})
    assert no_token.status_code == 403
    assert client.get("/campaigns/999").status_code == 404


def test_done_on_an_item_ticks_it_off_and_logs_the_greeting(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace", circle="close")
    grace = add(web_ctx, "Grace Hopper", circle="close")
    outsider = add(web_ctx, "Linus Wide", circle="wide")
    cid = new_campaign(web_ctx, "Holidays", ["close"])["id"]
    done = client.post(
        f"/campaigns/{cid}/done", data={"csrf_token": token, "person": str(ada), "kind": "call"}
    )
    assert (done.status_code, done.headers["location"]) == (
        303,
        f"/campaigns/{cid}?greeted={ada}#person-{ada}",
    )
    items = {i["person"]: i["done"] for i in show_campaign(web_ctx, f"#{cid}")["items"]}
    assert items == {"Ada Lovelace": True, "Grace Hopper": False}
    last = show_person(web_ctx, "Ada Lovelace")["interactions"][0]
    assert (last["kind"], last["direction"], last["date"], last["summary"]) == (
        "call", "out", str(DAY), "Holidays check-in"
    )  # fmt: skip
    assert _on_today(web_ctx) == ["Grace Hopper"]
    page = client.get(f"/campaigns/{cid}").text
    assert re.search(r"data-progress>1/2<", page)
    assert f'<input type="hidden" name="person" value="{ada}">' not in page  # no Done twice
    assert f'<input type="hidden" name="person" value="{grace}">' in page
    # someone not on the list: refused, nothing logged
    refused = client.post(f"/campaigns/{cid}/done", data={"csrf_token": token,
                                                          "person": str(outsider)})  # fmt: skip
    assert (refused.status_code, "not on campaign" in refused.text) == (422, True)
    assert show_person(web_ctx, "Linus Wide")["interactions"] == []


def test_a_greeting_sent_from_today_shows_done_on_the_campaign_page(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    ada = add(web_ctx, "Ada Lovelace", circle="close")
    cid = new_campaign(web_ctx, "Holidays", ["close"])["id"]
    assert "Ada Lovelace" in client.get("/").text
    sent = client.post(f"/checked-in/{ada}", data={"csrf_token": token, "kind": "campaign"})
    assert sent.status_code == 303
    page = client.get(f"/campaigns/{cid}").text
    assert '<span class="chip chip-done">done</span>' in page
    assert f"greeted {DAY}" in _text(page)


def test_closing_a_campaign_takes_its_greetings_off_today(
    client: TestClient, web_ctx: Context, token: str
) -> None:
    add(web_ctx, "Ada Lovelace", circle="close")
    cid = new_campaign(web_ctx, "Holidays", ["close"])["id"]
    assert f'action="/campaigns/{cid}/close"' in client.get(f"/campaigns/{cid}").text
    closed = client.post(f"/campaigns/{cid}/close", data={"csrf_token": token})
    assert closed.status_code == 303
    assert re.fullmatch(rf"/campaigns/{cid}\?said=[\w-]{{22}}", closed.headers["location"])
    assert _on_today(web_ctx) == []
    page = client.get(f"/campaigns/{cid}").text
    assert f'action="/campaigns/{cid}/close"' not in page
    assert f"Ended {DAY}" in _text(page)
    again = client.post(f"/campaigns/{cid}/close", data={"csrf_token": token})
    assert (again.status_code, "ended on" in again.text) == (422, True)  # said on its page


def test_a_campaign_s_page_is_found_by_its_number_alone(
    client: TestClient, web_ctx: Context
) -> None:
    """A campaign named "#2" does not take the page of the campaign numbered 2."""
    add(web_ctx, "Ada Lovelace", circle="close")
    first = new_campaign(web_ctx, "#2", ["close"])
    second = new_campaign(web_ctx, "Holidays", ["close"])
    assert (first["id"], second["id"]) == (1, 2)
    assert "<h1>Holidays</h1>" in client.get("/campaigns/2").text
    assert "<h1>#2</h1>" in client.get("/campaigns/1").text
    assert client.get("/campaigns/3").status_code == 404


def test_the_pages_name_the_day_greetings_leave_today_as_the_cli_does(
    client: TestClient, web_ctx: Context
) -> None:
    """`campaign show` says "off the agenda from ENDS": the pages name that day too, and
    not as the last day on Today."""
    add(web_ctx, "Ada Lovelace", circle="close")
    view = new_campaign(web_ctx, "Holidays", ["close"])
    ends = view["ends"]
    assert ends == "2026-07-15"
    page = _text(client.get(f"/campaigns/{view['id']}").text)
    assert f"Open greetings are on Today, and off it from {ends}." in page
    assert "until" not in page
    listed = _text(client.get("/campaigns").text)
    assert f"off Today from {ends}" in listed
    assert f"until {ends}" not in listed


def test_today_links_the_one_running_campaign_for_the_greetings_past_five(
    client: TestClient, web_ctx: Context
) -> None:
    for n in range(7):
        add(web_ctx, f"Friend {n}", circle="close")
    cid = new_campaign(web_ctx, "Holidays", ["close"])["id"]
    page = client.get("/").text
    assert f'<a href="/campaigns/{cid}">Holidays lists them all</a>' in page

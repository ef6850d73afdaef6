"""The outreach pages of a person: the six-point draft with its checks, "Check my text", the
3B7 follow-up from Today, the TIARA sheet and "We talked", which plans the thank-you and the
update as ``prep --done`` does; and their JSON counterparts."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

from fastapi.testclient import TestClient

from netweave.clock import Clock
from netweave.services.agenda import agenda
from netweave.services.context import Context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.orgs import show_organization
from netweave.services.outreach import draft_message, prep_sheet
from web.conftest import csrf_of
from web.web_helpers import DAY, add


def _text(page: str) -> str:
    """A page's words, without its tags."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_person_page_leads_to_the_draft_and_the_sheet(
    client: TestClient, web_ctx: Context
) -> None:
    mei = add(web_ctx, "Mei Chen", title="Product Manager", company="Stripe")
    me = add(web_ctx, "Ada Park", is_me=True)
    page = client.get(f"/people/{mei}").text
    assert f'href="/people/{mei}/draft">Draft an outreach</a>' in page
    assert f'href="/people/{mei}/prep">Prepare (TIARA)</a>' in page
    assert "data-reach-out" not in client.get(f"/people/{me}").text  # no message to oneself


def test_a_direct_path_in_leads_to_the_draft(client: TestClient, web_ctx: Context) -> None:
    """On the organization's Paths in, someone you know there is a draft away."""
    mei = add(web_ctx, "Mei Chen", title="Product Manager", company="Stripe")
    org = show_organization(web_ctx, "Stripe")["id"]
    page = client.get(f"/orgs/{org}").text
    assert f'<a href="/people/{mei}/draft" data-draft-link>Draft an outreach' in page


def test_the_draft_page_shows_the_draft_and_its_six_checks(
    client: TestClient, web_ctx: Context
) -> None:
    mei = add(web_ctx, "Mei Chen", title="Product Manager", company="Stripe")
    page = client.get(f"/people/{mei}/draft").text
    draft = draft_message(web_ctx, f"#{mei}")
    assert draft["text"] in html.unescape(page)  # in the box, to edit and copy
    assert '<textarea id="draft-text" name="text"' in page
    assert page.count("data-rule=") == 6
    assert f"The draft follows all six rules ({draft['words']} words)." in _text(page)
    assert "Not kept" not in page


def test_check_my_text_checks_what_was_typed(client: TestClient, web_ctx: Context) -> None:
    mei = add(web_ctx, "Mei Chen", title="Product Manager", company="Stripe")
    typed = "Hi Mei, is Stripe hiring? I would love a job there."
    refused = client.post(f"/people/{mei}/draft/check", data={"text": typed})
    assert refused.status_code == 403  # a form like every other: its CSRF token
    token = csrf_of(client, f"/people/{mei}/draft")
    page = client.post(f"/people/{mei}/draft/check", data={"csrf_token": token, "text": typed})
    assert page.status_code == 200
    assert typed in html.unescape(page.text)  # the box keeps the text checked
    words = _text(page.text)
    assert "Your text keeps 2 of the six rules." in words
    assert "Not kept Ask for insight and advice, not for a job or a referral. Mentions " in words
    assert "Kept Phrase the request as a question." in words
    assert "Kept Keep it under 75 words." in words
    empty = client.post(f"/people/{mei}/draft/check", data={"csrf_token": token, "text": " "})
    assert empty.status_code == 422
    assert "Your message: write or paste it in the box first. Nothing was saved." in empty.text


def test_the_check_takes_the_persons_context_as_the_draft_does(
    client: TestClient, web_ctx: Context
) -> None:
    """Their organization's and title's words are no job ask: the draft checked again
    unchanged keeps all six rules, on the page and through the API."""
    rina = add(web_ctx, "Rina Sato", title="Hiring Manager", company="Open Positions Ltd")
    draft = draft_message(web_ctx, f"#{rina}")
    assert draft["broken"] == []
    token = csrf_of(client, f"/people/{rina}/draft")
    form = {"csrf_token": token, "text": draft["text"]}
    page = client.post(f"/people/{rina}/draft/check", data=form).text
    assert "Your text follows all six rules" in _text(page)
    headers = {"x-csrf-token": token}
    body = {"text": draft["text"], "person": rina}
    assert client.post("/api/drafts/check", json=body, headers=headers).json()["ok"] is True
    bare = client.post("/api/drafts/check", json={"text": draft["text"]}, headers=headers)
    assert [f["rule"] for f in bare.json()["broken"]] == ["no_job_ask"]  # as `draft --check`


def test_todays_second_contact_links_to_a_first_message(
    client: TestClient, web_ctx: Context
) -> None:
    """3B7's day-3 step names a second person at the employer: its link drafts to them."""
    add(web_ctx, "Grace Liu", company="Plaid")
    omar = add(web_ctx, "Omar Haddad", company="Plaid")
    sent = DAY - dt.timedelta(days=5)  # three business days before
    log_interaction(
        web_ctx,
        LogRequest(names=["Grace Liu"], kind="email", direction="out", on=sent, asked=["advice"]),
    )
    today = client.get("/").text
    assert f'href="/people/{omar}/draft" data-draft-link>Draft an outreach' in today
    words = _text(client.get(f"/people/{omar}/draft").text)
    assert "Outreach to Omar Haddad" in words


def test_an_open_ask_gets_its_follow_up_and_today_links_to_it(
    client: TestClient, web_ctx: Context
) -> None:
    grace = add(web_ctx, "Grace Liu", company="Plaid")
    sent = DAY - dt.timedelta(days=12)
    log_interaction(
        web_ctx,
        LogRequest(names=["Grace Liu"], kind="email", direction="out", on=sent, asked=["advice"]),
    )
    today = client.get("/").text
    assert f'href="/people/{grace}/draft" data-draft-link>Draft the follow-up' in today
    page = client.get(f"/people/{grace}/draft").text
    words = _text(page)
    assert "Your one follow-up to Grace Liu" in words
    assert "in case it got buried" in words
    assert "data-checks-none" in page  # the six rules are a first message's
    early = Clock(as_of=sent + dt.timedelta(days=2))
    web_ctx.clock = early
    words = _text(client.get(f"/people/{grace}/draft").text)
    assert "that ask is still open" in words
    assert "Nothing to send now." in words
    # no follow-up is on the page, and nothing is in the box to copy
    assert "a follow-up is not checked" not in words
    assert "Type or paste a message in the box to check it against the six rules." in words
    assert "Copy the text" not in words


def test_the_tiara_sheet(client: TestClient, web_ctx: Context) -> None:
    mei = add(web_ctx, "Mei Chen", title="Product Manager", company="Stripe")
    page = client.get(f"/people/{mei}/prep", params={"focus": "payments"}).text
    sheet = prep_sheet(web_ctx, f"#{mei}", focus="payments")
    for section in sheet["sections"]:
        assert f"<h3>{section['title']}</h3>" in html.unescape(page)
        assert all(q in html.unescape(page) for q in section["questions"])
    assert "We talked — plan the thank-you" in page


def test_we_talked_plans_the_thank_you_and_the_update(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    mei = add(ctx, "Mei Chen", title="Product Manager", company="Stripe")
    token = csrf_of(client, f"/people/{mei}/prep")
    notes = "Talk to the data team"
    form = {"csrf_token": token, "kind": "coffee", "notes": notes, "update_in": "30"}
    sent = client.post(f"/people/{mei}/prep/done", data=form)
    assert sent.status_code == 303
    page = client.get(sent.headers["location"]).text
    later = DAY + dt.timedelta(days=30)
    assert (
        "Logged the coffee (advice received). Planned: “Thank Mei Chen for the conversation "
        "(within 24 hours)”, due today; “Update Mei on what you did with their advice”, due "
        f"{later.day} {later:%B} (in 30 days)."
    ) in html.unescape(page)
    due = {i["kind"]: i["reason"] for i in agenda(ctx)["items"] if i["kind"] == "thank_you"}
    assert due == {"thank_you": "Thank Mei Chen for the conversation (within 24 hours)"}
    ctx.clock = Clock(as_of=later)
    assert any(i["kind"] == "update" for i in agenda(ctx)["items"])
    ctx.clock = Clock(as_of=DAY)
    again = client.post(f"/people/{mei}/prep/done", data=form)
    assert again.status_code == 422  # held already today: nothing logged twice
    assert "logged as done today already" in again.text
    assert "Talk to the data team</textarea>" in again.text  # the form as it was sent


def test_we_talked_refuses_a_day_count_out_of_range(client: TestClient, web_ctx: Context) -> None:
    mei = add(web_ctx, "Mei Chen")
    token = csrf_of(client, f"/people/{mei}/prep")
    for days, said in (("0", "from 1 to 3,650 days"), ("soon", "a whole number, not 'soon'")):
        form = {"csrf_token": token, "kind": "video", "update_in": days}
        refused = client.post(f"/people/{mei}/prep/done", data=form)
        assert refused.status_code == 422
        assert f"Update them in: {said}" in html.unescape(refused.text)
    assert agenda(web_ctx)["items"] == []  # nothing was planned


def test_the_api_drafts_checks_and_prepares(client: TestClient, web_ctx: Context) -> None:
    mei = add(web_ctx, "Mei Chen", title="Product Manager", company="Stripe")
    token = csrf_of(client)
    headers = {"x-csrf-token": token}
    assert client.get(f"/api/people/{mei}/draft").json() == draft_message(web_ctx, f"#{mei}")
    checked = client.post("/api/drafts/check", json={"text": "Hello."}, headers=headers).json()
    assert checked["ok"] is False
    assert "question" in [f["rule"] for f in checked["broken"]]
    sheet = json.loads(json.dumps(prep_sheet(web_ctx, f"#{mei}")))  # tuples as lists
    assert client.get(f"/api/people/{mei}/prep").json() == sheet
    held = client.post(
        f"/api/people/{mei}/prep/done", json={"kind": "call", "update_in": 14}, headers=headers
    )
    assert held.status_code == 201
    planned = {t["kind"]: t["due"] for t in held.json()["tasks"]}
    assert planned == {"thank_you": DAY.isoformat(), "update": "2026-06-29"}

"""The outreach page of a person: the six-point draft with its checks, "Check my text", the
3B7 follow-up from Today; and their JSON counterparts."""

from __future__ import annotations

import datetime as dt
import html
import re

from fastapi.testclient import TestClient

from netweave.clock import Clock
from netweave.services.context import Context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.outreach import draft_message
from web.conftest import csrf_of
from web.web_helpers import DAY, add


def _text(page: str) -> str:
    """A page's words, without its tags."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_person_page_leads_to_the_draft(client: TestClient, web_ctx: Context) -> None:
    mei = add(web_ctx, "Mei Chen", title="Product Manager", company="Stripe")
    me = add(web_ctx, "Ada Park", is_me=True)
    page = client.get(f"/people/{mei}").text
    assert f'href="/people/{mei}/draft">Draft an outreach</a>' in page
    assert "data-reach-out" not in client.get(f"/people/{me}").text  # no message to oneself


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


def test_the_api_drafts_and_checks(client: TestClient, web_ctx: Context) -> None:
    mei = add(web_ctx, "Mei Chen", title="Product Manager", company="Stripe")
    token = csrf_of(client)
    headers = {"x-csrf-token": token}
    assert client.get(f"/api/people/{mei}/draft").json() == draft_message(web_ctx, f"#{mei}")
    checked = client.post("/api/drafts/check", json={"text": "Hello."}, headers=headers).json()
    assert checked["ok"] is False
    assert "question" in [f["rule"] for f in checked["broken"]]

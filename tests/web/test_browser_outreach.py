"""Reaching out in a real browser: a person's page leads to the six-point draft, whose checks
follow the text typed; Today's 3B7 follow-up leads to its draft; the TIARA page's "We talked"
plans the thank-you, which Today shows that day, and the update, which it shows a month on."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.people import PersonChanges, add_person
from web.browser import NEEDS_CHROMIUM, PHONE, open_person, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user; Mei at Stripe, never written to; Omar, to talk with; Grace, asked for
    advice twelve days ago and silent since."""
    db = tmp_path_factory.mktemp("outreach") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(name="Ada Park", is_me=True))
        add_person(ctx, PersonChanges(name="Mei Chen", title="Product Manager", company="Stripe"))
        add_person(ctx, PersonChanges(name="Omar Haddad", title="Data Lead", company="Plaid"))
        add_person(ctx, PersonChanges(name="Grace Liu", company="Ramp"))
        log_interaction(
            ctx,
            LogRequest(names=["Grace Liu"], kind="email", direction="out",
                       on=DAY - dt.timedelta(days=12), asked=["advice"]),
        )  # fmt: skip
    finally:
        ctx.close()
    return db


@pytest.fixture(scope="module")
def server(network: Path) -> Iterator[str]:
    with running_server(network, DAY) as url:
        yield url


def test_a_draft_and_its_six_checks_follow_the_text(server: str, page: Any, browser: Any) -> None:
    open_person(page, server, "Mei Chen")
    shot(page, "outreach-person")
    page.click("a:has-text('Draft an outreach')")
    page.wait_for_url(re.compile(r"/people/\d+/draft$"))
    box = page.locator("#draft-text")
    expect(box).to_have_value(re.compile(r"^Hi Mei,"))
    expect(page.locator("[data-checks-summary]")).to_contain_text("follows all six rules")
    expect(page.locator(".rule-ok")).to_have_count(6)
    page.click("button:has-text('Copy the text')")
    expect(page.locator("[data-copied]")).to_have_text(re.compile("Copied|Select the text"))
    shot(page, "outreach-draft")
    box.fill("Hi Mei, is Stripe hiring? Could you refer me for a job there?")
    page.click("button:has-text('Check my text')")
    summary = page.locator("[data-checks-summary]")
    expect(summary).to_have_text("Your text keeps 3 of the six rules.")
    broken = page.locator("[data-rule=no_job_ask]")
    expect(broken).to_contain_text("Not kept")
    expect(broken.locator("[data-why]")).to_have_text(re.compile(r"^Mentions .*job"))
    expect(page.locator("#draft-text")).to_have_value(
        "Hi Mei, is Stripe hiring? Could you refer me for a job there?"
    )  # the text checked stays in the box, to edit again
    shot(page, "outreach-checked")
    phone = browser.new_context(viewport=PHONE)
    try:
        small = phone.new_page()
        small.goto(page.url.replace("/draft/check", "/draft"))
        expect(small.locator(".rule-ok")).to_have_count(6)
        shot(small, "outreach-draft-phone")
    finally:
        phone.close()


def test_todays_3b7_follow_up_leads_to_its_draft(server: str, page: Any) -> None:
    page.goto(server + "/")
    shot(page, "outreach-today-3b7")
    page.click("a:has-text('Draft the follow-up')")
    page.wait_for_url(re.compile(r"/people/\d+/draft$"))
    expect(page.locator("h1")).to_have_text("Your one follow-up to Grace Liu")
    expect(page.locator("#draft-text")).to_have_value(re.compile("in case it got buried"))
    expect(page.locator("[data-checks-none]")).to_be_visible()
    shot(page, "outreach-follow-up")


def test_we_talked_plans_the_thank_you_and_the_update(
    server: str, network: Path, page: Any, browser: Any
) -> None:
    open_person(page, server, "Omar Haddad")
    page.click("a:has-text('Prepare (TIARA)')")
    page.wait_for_url(re.compile(r"/people/\d+/prep$"))
    expect(page.locator("[data-tiara] h3").first).to_have_text("Trends")
    page.fill("input[name=focus]", "payments data")
    page.click("button:has-text('Tailor the questions')")
    expect(page.locator("[data-tiara]")).to_contain_text("payments data")
    shot(page, "outreach-prep")
    phone = browser.new_context(viewport=PHONE)
    try:
        small = phone.new_page()
        small.goto(page.url)
        shot(small, "outreach-prep-phone")
    finally:
        phone.close()
    page.select_option("select[name=kind]", "coffee")
    page.fill("textarea[name=notes]", "Talk to their data team")
    page.click("button:has-text('We talked: plan the thank-you')")
    page.wait_for_url(re.compile(r"/people/\d+\?said="))
    later = DAY + dt.timedelta(days=30)
    expect(page.locator("[data-said]")).to_have_text(
        "Logged the coffee (advice received). Planned: “Thank Omar Haddad for the "
        "conversation (within 24 hours)”, due today; “Update Omar on what you did with "
        f"their advice”, due {later.day} {later:%B} (in 30 days)."
    )
    expect(page.locator("#timeline")).to_contain_text("Talk to their data team")
    shot(page, "outreach-held")
    page.goto(server + "/")
    thanks = page.locator(".agenda-item.kind-thank_you")
    expect(thanks).to_contain_text("Thank Omar Haddad for the conversation (within 24 hours)")
    expect(page.locator(".agenda-item.kind-update")).to_have_count(0)  # not before its day
    with running_server(network, later) as month_on:
        page.goto(month_on + "/")
        update = page.locator(".agenda-item", has_text="Update Omar on what you did")
        expect(update).to_have_count(1)
        shot(page, "outreach-update-due")

"""What a form did, in a real browser: the status line that says it takes the focus (so a
screen reader says it and the keyboard goes on from there), in place on Today and on the
page a form lands on, once; and dates stay whole on a phone."""

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
from netweave.services.events import add_event, meet
from netweave.services.leads import add_lead
from netweave.services.people import PersonChanges, add_person
from web.browser import NEEDS_CHROMIUM, PHONE, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM

#: What the focused element is, for the assertions: its tag and the marks that tell it.
FOCUSED = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, id: e.id, said: e.hasAttribute("data-said"),
          agenda: e.hasAttribute("data-agenda-said"), logged: e.hasAttribute("data-logged"),
          text: e.textContent.trim()};
}"""


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Na Wu and Yuna Jang due for a check-in; people met at an event; a lead."""
    db = tmp_path_factory.mktemp("said") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        long_ago = DAY - dt.timedelta(days=400)
        for name in ("Na Wu", "Yuna Jang", "Roya Rahimi"):
            add_person(ctx, PersonChanges(name=name, circle="inner", met_on=long_ago))
        event = add_event(ctx, "Climate Week", DAY - dt.timedelta(days=1))
        meet(ctx, f"#{event['id']}", ["Abigail Bennett", "Achieng Kariuki"])
        add_lead(ctx, "Kelp Forest Labs", "Data engineer")
    finally:
        ctx.close()
    return db


@pytest.fixture(scope="module")
def server(network: Path) -> Iterator[str]:
    with running_server(network, DAY) as url:
        yield url


def test_done_and_snooze_on_today_say_what_they_did_and_take_the_focus(
    server: str, page: Any
) -> None:
    page.goto(server + "/")
    page.locator("form[action^='/checked-in/'] button", has_text="Done").first.focus()
    page.keyboard.press("Enter")
    said = page.locator("[data-agenda-said]")
    expect(said).to_contain_text("Marked done: check-in with")
    expect(said).to_contain_text("Logged a message with")
    assert page.evaluate(FOCUSED)["agenda"]
    page.locator(".snooze-inline summary").first.click()
    page.locator(".snooze-inline[open] button[type=submit]").click()
    expect(said).to_contain_text(re.compile(r"Snoozed the check-in with .+ until 22 June\."))
    focused = page.evaluate(FOCUSED)
    assert focused["agenda"]
    assert focused["text"].startswith("Snoozed")
    shot(page, "said-today")


def test_a_person_added_is_said_once_with_the_focus_on_it(server: str, page: Any) -> None:
    page.goto(server + "/people/new")
    page.fill("input[name=name]", "Ana Li")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/people/\d+\?said=[\w-]{22}$"))
    expect(page.locator("[data-said]")).to_have_text("Added Ana Li.")
    page.wait_for_function("document.activeElement.hasAttribute('data-said')")
    page.reload()
    expect(page.locator("h1")).to_have_text(re.compile("Ana Li"))
    assert page.locator("[data-said]").count() == 0  # said once


def test_a_log_lands_with_the_focus_on_what_was_logged(server: str, page: Any) -> None:
    page.goto(server + "/people")
    page.click("#people-rows a:has-text('Roya Rahimi')")
    page.fill("textarea[name=note]", "Coffee by the river")
    page.click("button:has-text('Log conversation')")
    page.wait_for_url(re.compile(r"\?logged=[\w-]{22}#timeline$"))
    page.wait_for_function("document.activeElement.hasAttribute('data-logged')")
    page.reload()
    assert page.locator("[data-logged]").count() == 0  # said once


def test_a_lead_moved_keeps_the_focus_on_its_arrow_and_says_the_move(
    server: str, page: Any
) -> None:
    page.goto(server + "/leads")
    page.locator("form[action$='/move'] button[data-move=on]").first.click()
    page.wait_for_url(re.compile(r"/leads\?said=[\w-]{22}#lead-\d+-on$"))
    expect(page.locator("[data-said]")).to_contain_text("Moved the lead #")
    page.wait_for_function("document.activeElement.id.endsWith('-on')")
    # the message is said by a live region while the focus stays on the arrow
    live = page.locator("body > p.sr-only[aria-live=polite]")
    expect(live).to_contain_text("Moved the lead #")


def test_dates_stay_on_one_line_on_a_phone(browser: Any, server: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(server + "/events")
        page.click("a:has-text('Climate Week')")
        page.wait_for_url(re.compile(r"/events/\d+$"))
        lines = page.evaluate(
            """() => Array.from(document.querySelectorAll("td .nowrap"))
                 .map(e => e.getClientRects().length)"""
        )
        assert lines
        assert set(lines) == {1}, lines  # each date one box: not broken at a hyphen
        shot(page, "said-event-phone")
    finally:
        context.close()

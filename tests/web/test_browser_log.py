"""Logging a conversation in a real browser: every answer is a page of its own, so a reload
sends nothing again; an ask the woven check holds back is recorded once, when confirmed; and
Today says how many people went in a circle."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
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
from web.browser import NEEDS_CHROMIUM, open_person, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Nina, met three days ago; Grace, asked for advice two days ago and silent since;
    Dora, met long ago; and people in no circle."""
    db = tmp_path_factory.mktemp("log") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(name="Nina Newcomb", met_on=DAY - dt.timedelta(days=3)))
        add_person(ctx, PersonChanges(name="Grace Liu", met_on=DAY - dt.timedelta(days=400)))
        log_interaction(
            ctx,
            LogRequest(names=["Grace Liu"], kind="message", direction="out",
                       on=DAY - dt.timedelta(days=2), asked=["advice"]),
        )  # fmt: skip
        add_person(ctx, PersonChanges(name="Una Unsorted"))
        add_person(ctx, PersonChanges(name="Dora Double", met_on=DAY - dt.timedelta(days=400)))
    finally:
        ctx.close()
    return db


@pytest.fixture(scope="module")
def server(network: Path) -> Iterator[str]:
    with running_server(network, DAY) as url:
        yield url


def test_a_held_ask_is_recorded_once_whatever_is_reloaded(server: str, page: Any) -> None:
    open_person(page, server, "Nina Newcomb")
    page.select_option("select[name=ask]", "referral")
    page.fill("textarea[name=note]", "Coffee after the meetup")
    page.click("button:has-text('Log conversation')")
    page.wait_for_url(re.compile(r"\?held=[\w-]+#log$"))
    held = page.url
    expect(page.locator("[data-coaching]")).to_contain_text("Not recorded")
    page.reload()  # a page of its own: nothing is sent again, nothing recorded
    assert page.url == held
    expect(page.locator("[data-coaching]")).to_contain_text("Not recorded")
    expect(page.locator("#timeline")).to_contain_text("No conversations logged yet.")
    shot(page, "log-held-ask")
    page.click("button:has-text('Record the ask anyway')")
    page.wait_for_url(re.compile(r"\?logged=[\w-]+&coached=[\w-]+#timeline$"))
    expect(page.locator("[data-logged]")).to_have_text(
        f"Logged the coffee of {DAY} (you asked for a referral)."
    )
    # what ``log --yes`` prints after it: the check's facts, then what to do now
    expect(page.locator("[data-coached] li").first).to_contain_text(
        "Nina Newcomb: not woven yet for a referral ask"
    )
    assert page.locator(".timeline li").count() == 1
    shot(page, "log-recorded")
    page.go_back()  # to the held page: it leads to what was logged, not to its buttons
    page.wait_for_url(re.compile(r"\?logged=[\w-]+#timeline$"))
    page.reload()
    assert page.locator("[data-coaching]").count() == 0
    assert page.locator("[data-coached]").count() == 0  # said once
    assert page.locator(".timeline li").count() == 1


def test_a_second_ask_is_recorded_once_with_its_warning(server: str, page: Any) -> None:
    open_person(page, server, "Grace Liu")
    page.select_option("select[name=kind]", "message")
    page.select_option("select[name=direction]", "out")
    page.select_option("select[name=ask]", "advice")
    page.click("button:has-text('Log conversation')")
    page.wait_for_url(re.compile(r"\?logged=[\w-]+&again=advice:[\d-]+#log$"))
    expect(page.locator("[data-asked-again]")).to_contain_text("recorded as a follow-up")
    shot(page, "log-second-ask")
    page.reload()  # said once: a reload records nothing, and says nothing again
    expect(page.locator(".timeline li")).to_have_count(2)
    assert page.locator("[data-asked-again]").count() == 0


def test_a_double_click_logs_one_conversation(server: str, network: Path, page: Any) -> None:
    open_person(page, server, "Dora Double")
    page.fill("textarea[name=note]", "Lunch by the river")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    # a double click on a busy server (another program writing): the second click comes
    # while the first one's form is on its way, and sends it again
    busy = sqlite3.connect(network, isolation_level=None)
    try:
        busy.execute("BEGIN IMMEDIATE")
        page.evaluate("""() => {
            const button = document.querySelector("form[data-log-form] button[type=submit]");
            button.click();
            setTimeout(() => button.click(), 150);
        }""")
        for _ in range(100):
            if len(posts) == 2:
                break
            page.wait_for_timeout(20)
        time.sleep(0.3)
        busy.execute("COMMIT")
    finally:
        busy.close()
    assert len(posts) == 2
    page.wait_for_url(re.compile(r"\?logged=[\w-]+#timeline$"))
    expect(page.locator("[data-logged]")).to_have_text(f"Logged the coffee of {DAY}.")
    page.reload()
    expect(page.locator(".timeline li")).to_have_count(1)
    shot(page, "log-double-click")


def test_today_says_who_went_in_which_circle(server: str, page: Any) -> None:
    page.goto(server + "/")
    form = page.locator("[data-without-circle]")
    expect(form).to_contain_text("no circle or cadence yet")
    form.locator("select[name=circle]").select_option("wide")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/\?circled=[\w-]{22}$"))
    said = page.locator("[data-circled]")
    expect(said).to_have_text(re.compile(r"^Put \d+ people in the wide circle: a check-in with "
                                         r"each every 180 days\.$"))  # fmt: skip
    assert said.get_attribute("role") == "status"
    assert page.locator("[data-without-circle]").count() == 0
    shot(page, "today-circled")
    page.reload()  # said once
    expect(page.locator("[data-circled]")).to_have_count(0)

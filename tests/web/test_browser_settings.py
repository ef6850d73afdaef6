"""In a real browser: the Settings page, reached from Today's goals box, changes a weekly goal
by keyboard; a value refused is said at its field, focused, as typed; the box follows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.people import PersonChanges, add_person
from web.browser import DESKTOP, NEEDS_CHROMIUM, PHONE, running_server, shot, watched_page
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Ada, tagged mentor, served on a free port."""
    db = tmp_path_factory.mktemp("settings") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(name="Ada Lovelace", tags=["mentor"]))
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


def _gives(page: Any) -> Any:
    return page.locator("[data-goals] [data-goal=gives]")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page at desktop width; console errors fail the test, but for the refused
    form's own status (422), which Chromium reports as one."""
    with watched_page(browser, allowed=("status of 422",)) as tab:
        yield tab


def test_a_goal_changed_on_the_settings_page_shows_in_todays_goals_box(
    server: str, page: Any
) -> None:
    page.goto(server + "/")
    expect(_gives(page)).to_contain_text("0/1")
    page.get_by_role("link", name="change the targets").click()
    page.wait_for_url(server + "/settings#goals")
    gives = page.get_by_label("Gives a week")
    expect(gives).to_have_value("1")
    # refused: the page again, the message at the field, the field focused and as typed
    gives.fill("four")
    page.get_by_label("Check-ins a week").fill("6")
    gives.press("Enter")
    alert = page.get_by_role("alert")
    expect(alert).to_have_text("Gives a week: 'four' is not a whole number. Nothing was saved.")
    expect(gives).to_be_focused()
    expect(gives).to_have_value("four")
    expect(page.get_by_label("Check-ins a week")).to_have_value("6")
    expect(gives).to_have_attribute("aria-describedby", "settings-gives-error")
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "flow-settings-refused")
    # by keyboard: typed over, Enter saves; the page says so
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/settings\?saved=[\w-]{22}$"))
    expect(page.get_by_role("status")).to_have_text("Saved: Gives a week 4; Check-ins a week 6.")
    expect(page.get_by_label("Gives a week")).to_have_value("4")
    shot(page, "flow-settings-saved")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    expect(_gives(page)).to_contain_text("0/4")
    expect(page.locator("[data-goals] [data-goal=check_ins]")).to_contain_text("0/6")


@pytest.mark.parametrize(("size", "label"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_settings_page_fits_and_its_tags_keep_a_cadence(
    server: str, browser: Any, size: Any, label: str
) -> None:
    context = browser.new_context(viewport=size)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(server + "/settings")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings")
    expect(link).to_have_attribute("aria-current", "page")
    box = link.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= size["width"]
    shot(page, f"page-settings-{label}")
    mentor = page.get_by_label("mentor (1 person)")
    mentor.fill("none" if label == "phone" else "30")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    expect(page.get_by_label("mentor (1 person)")).to_have_value(
        "none" if label == "phone" else "30"
    )
    context.close()


@pytest.fixture(scope="module")
def locked_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A network with a password, served on a free port."""
    from netweave.services.access import set_password

    db = tmp_path_factory.mktemp("settings-locked") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        set_password(ctx, PASSWORD)
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


PASSWORD = "correct horse battery"


@pytest.mark.parametrize("wide", [1100, 1241, 1280, 1600])
def test_beside_log_out_every_link_of_the_navigation_is_in_view(
    locked_server: str, browser: Any, wide: int
) -> None:
    """With a password set, "Log out" takes the top bar's room: the navigation goes on a
    row of its own rather than lose its last links (Settings) off the edge."""
    context = browser.new_context(viewport={"width": wide, "height": 700})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(locked_server + "/login")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(locked_server + "/settings")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Settings")
    nav = page.get_by_role("navigation", name="Main").bounding_box()
    assert nav is not None
    for link in page.locator(".nav a").all():
        box = link.bounding_box()
        assert box is not None
        assert box["x"] >= nav["x"]
        assert box["x"] + box["width"] <= nav["x"] + nav["width"] + 0.5, link.inner_text()
    context.close()

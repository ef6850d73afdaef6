"""Tasks from the web alone, in a real browser: the Tasks page (reached from Today) lists
open tasks overdue, today and upcoming with their person and lead; a task added there and
on a person's page (a refusal shown at its field); Done and Snooze come back to the page."""

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
from netweave.services.people import PersonChanges, add_person
from netweave.services.tasks import add_task
from web.browser import NEEDS_CHROMIUM, PHONE, running_server, shot, watched_page
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """Lucas and Mei; a thank-you to Mei overdue, and a task of the user's due today."""
    db = tmp_path / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(name="Lucas Silva"))
        add_person(ctx, PersonChanges(name="Mei Chen"))
        add_task(ctx, "Thank Mei Chen for the coffee", due=DAY - dt.timedelta(days=2),
                 person="Mei Chen", kind="thank_you")  # fmt: skip
        add_task(ctx, "Update the CV")
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page at desktop width that fails on console errors but a refused form's 422."""
    with watched_page(browser, allowed=("status of 422",)) as tab:
        yield tab


def _group(page: Any, key: str) -> Any:
    return page.locator(f"[data-tasks={key}]")


def test_tasks_page_adds_lists_snoozes_and_does(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.click("[data-tasks-link] a")
    page.wait_for_url(server + "/tasks")
    expect(_group(page, "overdue").locator("[data-task]")).to_have_text(
        re.compile(r"Thank-you\s+Mei Chen\s+Thank Mei Chen for the coffee\s+due 2026-06-13")
    )
    expect(_group(page, "today").locator("[data-task]")).to_contain_text("Update the CV")
    expect(_group(page, "upcoming")).to_contain_text("Nothing planned yet.")
    # a follow-up planned weeks ahead, about Lucas
    form = page.locator("[data-task-add]")
    form.locator("input[name=title]").fill("Follow up with Lucas")
    form.locator("input[name=due]").fill("2026-07-06")
    form.locator("input[name=person]").fill("Lucas")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/tasks\?said=[\w-]{22}$"))
    expect(page.locator("main [data-said]")).to_have_text(
        "Added the task “Follow up with Lucas” (about Lucas Silva), due 6 July."
    )
    upcoming = _group(page, "upcoming").locator("[data-task]")
    expect(upcoming).to_contain_text("Follow up with Lucas")
    expect(upcoming.locator("a.agenda-person")).to_have_attribute("href", "/people/1")
    shot(page, "tasks-page")
    # about no one known: refused at its field, as typed
    form.locator("input[name=title]").fill("Call Zed")
    form.locator("input[name=person]").fill("Zed Nobody")
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-refused=person]")).to_contain_text("About: no person matches")
    expect(form.locator("input[name=title]")).to_have_value("Call Zed")
    expect(form.locator("input[name=person]")).to_be_focused()
    shot(page, "tasks-page-refused")
    page.goto(server + "/tasks")
    # snoozed a week: upcoming, saying until when
    today = _group(page, "today")
    today.locator("summary:has-text('Snooze')").click()
    today.locator(".snooze-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/tasks\?said="))
    expect(page.locator("main [data-said]")).to_have_text("Snoozed until 22 June: Update the CV.")
    expect(_group(page, "upcoming")).to_contain_text("snoozed until 2026-06-22")
    # the thank-you done: a message logged with Mei, as on Today
    _group(page, "overdue").locator("button:has-text('Done')").click()
    page.wait_for_url(re.compile(r"/tasks\?said="))
    expect(page.locator("main [data-said]")).to_have_text(
        "Marked done: Thank Mei Chen for the coffee. Logged a message with Mei Chen."
    )
    expect(_group(page, "overdue")).to_contain_text("Nothing overdue.")
    page.set_viewport_size(PHONE)
    shot(page, "tasks-page-phone")


def test_a_task_added_on_a_person_page(server: str, page: Any) -> None:
    page.goto(server + "/people/1")
    form = page.locator("[data-person-task-add]")
    form.locator("input[name=title]").fill("")
    form.locator("button[type=submit]").click()  # the browser asks for a title first
    expect(page).to_have_url(server + "/people/1")
    form.locator("input[name=title]").fill("Send Lucas the article")
    form.locator("input[name=due]").fill("2026-06-20")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/people/1\?said=[\w-]{22}#tasks$"))
    expect(page.locator("main [data-said]")).to_have_text(
        "Added the task “Send Lucas the article” (about Lucas Silva), due 20 June."
    )
    expect(page.locator("[data-person-tasks] [data-task]")).to_have_text(
        re.compile(r"Send Lucas the article\s+due 2026-06-20")
    )
    page.locator("#tasks").scroll_into_view_if_needed()
    shot(page, "tasks-person-page")
    page.set_viewport_size(PHONE)
    page.locator("#tasks").scroll_into_view_if_needed()
    shot(page, "tasks-person-page-phone")
    page.click("[data-person-tasks] a:has-text('All tasks')")
    expect(_group(page, "upcoming")).to_contain_text("Send Lucas the article")


def test_add_a_task_labels_and_boxes_line_up_and_the_page_says_it_is_todays(
    server: str, page: Any
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server + "/tasks")
    expect(page.locator(".page-head .crumbs a")).to_have_text("Today")
    form = page.locator("[data-task-add]")
    labels = [form.locator("label").nth(i).bounding_box() for i in range(3)]
    boxes = [form.locator("label input").nth(i).bounding_box() for i in range(3)]
    assert {round(b["y"]) for b in labels if b} == {round(labels[0]["y"])}  # type: ignore[index]
    assert {round(b["y"]) for b in boxes if b} == {round(boxes[0]["y"])}  # type: ignore[index]
    assert {round(b["height"]) for b in boxes if b} == {round(boxes[0]["height"])}  # type: ignore[index]

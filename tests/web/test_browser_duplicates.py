"""Duplicates in a real browser: review a pair, merge it, undo the merge, keep a pair apart
and take that back."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.people import PersonChanges, add_person
from web.browser import DESKTOP, NEEDS_CHROMIUM, PHONE, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small network with two pairs of likely duplicates, served on a free port."""
    db = tmp_path_factory.mktemp("duplicates") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(name="Sam Sample", is_me=True))
        add_person(
            ctx,
            PersonChanges(
                name="Margaret Hamilton", emails=["margaret@apollo.example"], company="MIT",
                title="Director of Software Engineering", met_on=DAY - dt.timedelta(days=900),
            ),
        )  # fmt: skip
        add_person(
            ctx,
            PersonChanges(
                name="Margaret H. Hamilton", emails=["mh@hamilton.example"],
                phones=["+1 617 555 0100"],
            ),
        )  # fmt: skip
        log_interaction(
            ctx,
            LogRequest(names=["margaret@apollo.example"], on=DAY - dt.timedelta(days=30),
                       kind="coffee", note="Talked about Apollo"),
        )  # fmt: skip
        add_person(ctx, PersonChanges(name="Linus Torvalds", company="Linux Foundation"))
        add_person(ctx, PersonChanges(name="Linus Torvald", emails=["linus@other.example"]))
        add_person(ctx, PersonChanges(name="Grace Hopper"))
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


def _tab(browser: Any, viewport: dict[str, int], errors: list[str]) -> Any:
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.set_default_timeout(15000)
    return tab


def _fits(page: Any) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, overflow


def test_review_merge_undo_and_keep_apart(server: str, browser: Any) -> None:
    errors: list[str] = []
    phone = _tab(browser, PHONE, errors)
    phone.goto(server + "/people/duplicates")
    expect(phone.locator("li.dup")).to_have_count(2)
    _fits(phone)
    shot(phone, "flow-duplicates-review-phone")
    phone.context.close()

    page = _tab(browser, DESKTOP, errors)
    page.goto(server + "/people")
    page.click("a:has-text('Duplicates')")
    page.wait_for_url(re.compile(r"/people/duplicates$"))
    pair = page.locator("li.dup", has_text="Margaret H. Hamilton")
    expect(pair).to_contain_text("Director of Software Engineering at MIT")
    expect(pair).to_contain_text("(617) 555-0100")  # as the person page reads it
    # the record with the conversation is the one kept by default
    kept = pair.locator(".dup-side", has_text="margaret@apollo.example")
    expect(kept.locator("input[name=keep]")).to_be_checked()
    expect(kept.locator("[data-conversations]")).to_contain_text("1")
    _fits(page)
    shot(page, "flow-duplicates-review-desktop")

    pair.locator("button:has-text('Merge')").click()
    page.wait_for_url(re.compile(r"/people/\d+\?merged=[\w-]+$"))
    expect(page.locator("h1")).to_have_text("Margaret Hamilton")
    flash = page.locator("[data-merged]")
    expect(flash).to_contain_text("Merged Margaret H. Hamilton")
    expect(page.locator("body")).to_contain_text("mh@hamilton.example")
    shot(page, "flow-duplicates-merged")

    flash.locator("button:has-text('Undo this merge')").click()
    page.wait_for_url(re.compile(r"/people/duplicates\?undone=[\w-]+$"))
    expect(page.locator(".flash")).to_contain_text("Merge undone")
    expect(page.locator("li.dup", has_text="Margaret H. Hamilton")).to_have_count(1)
    shot(page, "flow-duplicates-undone")

    linus = page.locator("li.dup", has_text="Linus Torvald")
    linus.locator("button:has-text('Not the same person')").click()
    page.wait_for_url(re.compile(r"apart=\d+-\d+$"))
    expect(page.locator("li.dup")).to_have_count(1)
    expect(page.locator("li.dup", has_text="Linus")).to_have_count(0)
    flash = page.locator("[data-apart]")
    expect(flash).to_contain_text("Kept apart: Linus Torvald")
    expect(page.locator("#kept-apart li")).to_have_count(1)
    _fits(page)
    shot(page, "flow-duplicates-kept-apart")

    flash.locator("button:has-text('Undo')").click()
    page.wait_for_url(re.compile(r"again=\d+-\d+$"))
    expect(page.locator("[data-again]")).to_contain_text("No longer kept apart")
    expect(page.locator("li.dup", has_text="Linus Torvald")).to_have_count(1)
    expect(page.locator("#kept-apart")).to_have_count(0)
    shot(page, "flow-duplicates-proposed-again")
    page.context.close()
    assert errors == []


def test_the_pairs_kept_apart_are_listed_on_a_phone(server: str, browser: Any) -> None:
    errors: list[str] = []
    phone = _tab(browser, PHONE, errors)
    phone.goto(server + "/people/duplicates")
    pair = phone.locator("li.dup", has_text="Linus Torvald")
    pair.locator("button:has-text('Not the same person')").click()
    phone.wait_for_url(re.compile(r"apart=\d+-\d+$"))
    kept = phone.locator("#kept-apart li", has_text="Linus Torvald")
    expect(kept).to_have_count(1)
    _fits(phone)
    shot(phone, "flow-duplicates-kept-apart-phone")
    kept.locator("button:has-text('Propose again')").click()
    phone.wait_for_url(re.compile(r"again=\d+-\d+$"))
    expect(phone.locator("li.dup", has_text="Linus Torvald")).to_have_count(1)
    phone.context.close()
    assert errors == []

"""In a real browser, by keyboard: each step of an introduction lands on it, its next step
focused and what the step did in view; on a phone the introductions under way come before
the suggestions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services import intros
from netweave.services.context import open_context
from netweave.services.people import PersonChanges, add_person
from web.browser import DESKTOP, NEEDS_CHROMIUM, PHONE, empty_network, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM

#: Pairs who share interests: a page of suggestions below the introductions under way.
PAIRS = [("Di Eve", "Ed Fox"), ("Flo Gray", "Gus Hale"), ("Ida Ives", "Jo Kent"),
         ("Kim Lund", "Lea Moss"), ("Max Nye", "Ned Orr"), ("Ola Park", "Pia Quinn")]  # fmt: skip

#: Introductions proposed later.
LATER = [("Uma Vance", "Val West"), ("Wes Xu", "Yan Yu"), ("Abe Bond", "Cy Dunn"),
         ("Eli Finch", "Gil Hart")]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Six introductions proposed and six pairs to suggest, served on a free port."""
    db = tmp_path_factory.mktemp("intro-steps") / "netweave.db"
    empty_network(db, DAY)
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        for n, pair in enumerate(PAIRS):
            for name in pair:
                interests = [f"social:hobby{n}a", f"social:hobby{n}b"]
                add_person(ctx, PersonChanges(name=name, interests=interests))
        for name in ("Ada Lovelace", "Guido van Rossum", "Quang Đặng", "Zed Q. Tester"):
            add_person(ctx, PersonChanges(name=name))
        intros.propose(ctx, "Ada Lovelace", "Guido", "Both love python")
        intros.propose(ctx, "Quang", "Zed", "Both build grid software")
        for a, b in LATER:  # listed first (the newest first): Ada's is a screen down
            for name in (a, b):
                add_person(ctx, PersonChanges(name=name))
            intros.propose(ctx, a, b, "Both run marathons")
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


def _take(tab: Any, button: str | None, lands: str, said: str) -> None:
    """Press Enter on the focused ``button`` (``None``: a form's field); the page lands on
    ``lands``, focused, with what the step did (``said``) in view, and the introduction's
    head."""
    if button is not None:
        expect(tab.locator(":focus")).to_have_text(re.compile("^" + re.escape(button)))
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(rf"/intros\?done=[\w-]+#{lands}$"))
    expect(tab.locator(f"#{lands}")).to_be_focused()
    status = tab.get_by_role("status")
    expect(status).to_have_text(re.compile("^" + re.escape(said)))
    expect(status).to_be_in_viewport()
    intro = tab.locator("[data-intro]", has=tab.locator(f"#{lands}"))
    expect(intro.locator(".intro-head")).to_be_in_viewport()


def test_each_step_lands_on_the_next_one_on_a_phone(server: str, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(server + "/intros")
    under_way = tab.get_by_role("heading", name="Under way").bounding_box()
    suggested = tab.get_by_role("heading", name="Suggested").bounding_box()
    assert under_way["y"] < suggested["y"]
    assert under_way["y"] < PHONE["height"]  # on the first screen
    shot(tab, "intros-phone")
    assert tab.locator("#intro-1-ask").bounding_box()["y"] > PHONE["height"]  # a screen down
    tab.locator("#intro-1-ask").focus()
    _take(tab, "Asked Ada", "intro-1-agree", "Asked Ada Lovelace whether they'd like to meet")
    _take(tab, "Ada agreed", "intro-1-ask", "Ada Lovelace agreed to meet Guido van Rossum.")
    _take(tab, "Asked Guido", "intro-1-agree", "Asked Guido van Rossum whether")
    _take(tab, "Guido agreed", "intro-1-introduce", "Guido van Rossum agreed")
    shot(tab, "intros-phone-both-agreed")
    _take(tab, "Introduced Ada and Guido", "intro-1-head", "Introduced Ada Lovelace and")
    context.close()


def test_an_outcome_lands_on_the_finished_introduction(server: str, browser: Any) -> None:
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(server + "/intros")
    tab.locator("#intro-2-ask").focus()
    _take(tab, "Asked Quang", "intro-2-agree", "Asked Quang Đặng whether")
    for step in ("agree", "ask", "agree", "introduce"):
        with tab.expect_navigation():
            tab.locator(f"#intro-2-{step}").click()
    form = tab.locator("[data-intro='2'] form[data-outcome]")
    form.locator("select[name=met]").select_option("yes")
    form.locator("input[name=note]").focus()
    _take(tab, None, "intro-2-head", "Recorded how the introduction of Quang Đặng to Zed Q.")
    expect(tab.locator("details[data-finished]")).to_have_attribute("open", "")
    shot(tab, "intros-outcome-recorded")
    context.close()

"""In a real browser: the Introductions, Targets and Events forms refused come back as they
were filled in, the message at the field at fault and the focus there."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.events import add_event
from netweave.services.people import PersonChanges, add_person
from netweave.services.targets import add_target
from web.browser import DESKTOP, NEEDS_CHROMIUM, empty_network, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two people, a target and an event, served on a free port."""
    db = tmp_path_factory.mktemp("refused") / "netweave.db"
    empty_network(db, DAY)
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing", "Alan Turing"):
            add_person(ctx, PersonChanges(name=name))
        add_target(ctx, "Acme Robotics", motivation=2)
        add_event(ctx, "PyCon", DAY, place="Bilbao", kind="conference")
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    """A page at desktop width (a 422 is logged as a console error: not a failure here)."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def test_an_introduction_of_someone_unknown_comes_back_as_typed(server: str, tab: Any) -> None:
    tab.goto(server + "/intros")
    tab.fill("input[name=a]", "Ada Lovelace")
    tab.fill("input[name=b]", "Gracie Zzyzx")
    tab.fill("input[name=why]", "Both wrote the first compilers")
    tab.click("form.propose-form button:has-text('Propose')")
    second = tab.locator("input[name=b]")
    expect(tab.get_by_role("alert")).to_have_text(
        "Second person: no person matches 'Gracie Zzyzx'. Nothing was saved."
    )
    expect(second).to_be_focused()
    expect(second).to_have_attribute("aria-invalid", "true")
    assert tab.input_value("input[name=a]") == "Ada Lovelace"
    assert tab.input_value("input[name=why]") == "Both wrote the first compilers"
    shot(tab, "intro-refused")
    second.fill("Grace Hopper")
    tab.click("form.propose-form button:has-text('Propose')")
    tab.wait_for_url(re.compile(r"/intros\?done=[\w-]+#intro-\d+-ask$"))  # it lands there
    expect(tab.locator("[data-intro]")).to_have_count(1)
    expect(tab.get_by_role("alert")).to_have_count(0)


def test_a_target_and_an_event_taken_already_are_said_at_their_names(server: str, tab: Any) -> None:
    tab.goto(server + "/targets")
    tab.fill("input[name=org]", "Acme Robotics")
    tab.select_option("select[name=motivation]", "3")
    tab.click("button:has-text('Add target')")
    expect(tab.get_by_role("alert")).to_contain_text("Employer: Acme Robotics is already a target")
    expect(tab.locator("input[name=org]")).to_be_focused()
    assert tab.locator("select[name=motivation]").first.input_value() == "3"
    shot(tab, "target-refused")
    tab.goto(server + "/events")
    tab.fill("input[name=name]", "PyCon")
    tab.fill("input[name=place]", "Prague")
    tab.select_option("select[name=kind]", "conference")
    tab.click("button:has-text('Add event')")
    expect(tab.get_by_role("alert")).to_contain_text("Name: event 'PyCon' on")
    expect(tab.locator("input[name=name]")).to_be_focused()
    assert tab.input_value("input[name=place]") == "Prague"
    assert tab.locator("select[name=kind]").input_value() == "conference"
    shot(tab, "event-refused")

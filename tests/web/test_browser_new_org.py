"""In a real browser: an employer typed close to one already here is said on the page the
person form lands on, with the way to merge it; a refused interest is said at its field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.orgs import add_organization
from netweave.services.people import PersonChanges, add_person
from web.browser import DESKTOP, NEEDS_CHROMIUM, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Initrode, and Ada who works nowhere yet, served on a free port."""
    db = tmp_path_factory.mktemp("new-org") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_organization(ctx, "Initrode")
        add_person(ctx, PersonChanges(name="Ada Lovelace"))
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


def test_an_employer_close_to_another_is_said_and_merged(server: str, browser: Any) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(server + "/people?q=Ada")
    page.click("#people-rows a:has-text('Ada Lovelace')")
    page.click("a:has-text('Edit')")
    page.fill("input[name=company]", "Initrod")
    page.click("button:has-text('Save')")
    page.wait_for_url(re.compile(r"/people/\d+\?new_org=[\w-]{22}&said=[\w-]{22}$"))
    said = page.get_by_role("status").filter(has_text="is a new organization")
    expect(said).to_contain_text(
        "Initrod is a new organization; did you mean Initrode (#1)? If so, merge Initrod into it"
    )
    expect(said.get_by_role("link", name="Initrode (#1)")).to_have_attribute("href", "/orgs/1")
    shot(page, "flow-person-new-org-hint")
    said.get_by_role("link", name="the page of Initrod").click()
    page.click("summary:has-text('Merge into another organization')")
    page.fill("input[name=into]", "Initrode")
    page.click("button:has-text('Merge Initrod into it')")
    expect(page.locator("h1")).to_have_text("Initrode")
    expect(page.locator(".people-list").first).to_contain_text("Ada Lovelace")
    # an interest refused: the message at its field, the field focused, the rest as typed
    page.goto(server + "/people?q=Ada")
    page.click("#people-rows a:has-text('Ada Lovelace')")
    page.click("a:has-text('Edit')")
    page.fill("input[name=interest]", "engines")
    page.fill("input[name=need]", "a loom")
    page.click("button:has-text('Save')")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Interest must be CATEGORY:LABEL")
    field = page.locator("input[name=interest]")
    expect(field).to_be_focused()
    # the message, and the hint that says the format
    expect(field).to_have_attribute("aria-describedby", "edit-person-interest-error interest-hint")
    assert page.input_value("input[name=need]") == "a loom"
    page.evaluate("window.scrollTo(0, 0)")  # the sticky top bar stays on top in the shot
    shot(page, "flow-person-interest-refused")
    context.close()

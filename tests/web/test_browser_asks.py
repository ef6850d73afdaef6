"""Open asks on the person page, in a real browser: got it, declined, and a receipt logged."""

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
from web.browser import NEEDS_CHROMIUM, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Olga, of whom the user asked advice, information and an introduction last week."""
    db = tmp_path_factory.mktemp("asks") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(name="Olga Openask", met_on=DAY - dt.timedelta(days=200)))
        log_interaction(
            ctx,
            LogRequest(names=["Olga Openask"], on=DAY - dt.timedelta(days=7), kind="coffee",
                       asked=["advice", "information", "introduction"]),
        )  # fmt: skip
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


def test_open_asks_are_settled_from_the_person_page(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/people/1")
    asks = page.locator("#reciprocity ul.asks li")
    expect(asks).to_have_count(3)
    page.locator("#reciprocity").scroll_into_view_if_needed()
    shot(page, "flow-person-open-asks")
    asks.filter(has_text="advice").locator("button:has-text('Got it')").click()
    page.wait_for_url(re.compile(r"/people/1\?said=[\w-]{22}#reciprocity$"))
    expect(asks).to_have_count(2)
    said = page.locator("main [data-said]")
    expect(said).to_have_text("Marked fulfilled: your ask of 8 June for advice to Olga Openask.")
    expect(said).to_be_focused()
    asks.filter(has_text="introduction").locator("button:has-text('Declined')").click()
    expect(asks).to_have_count(1)
    expect(page.locator("#reciprocity")).to_contain_text("You asked for information")
    # what she sends later answers the ask for information: logging it closes that ask
    form = page.locator("form[data-log-form]")
    form.locator("select[name=kind]").select_option("email")
    form.locator("select[name=direction]").select_option("in")
    form.locator("select[name=received]").select_option("information")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(server + "/people/1")
    expect(page.locator("#reciprocity ul.asks")).to_have_count(0)
    expect(page.locator("#reciprocity")).to_contain_text("you received")
    page.locator("#reciprocity").scroll_into_view_if_needed()
    shot(page, "flow-person-asks-settled")
    context.close()
    assert errors == []


def test_the_map_has_you_in_the_middle_without_a_record_of_your_own(
    server: str, browser: Any
) -> None:
    """No `people add NAME --me` yet: the map still draws "You" at the centre."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/map")
    expect(page.locator("svg[data-drawn]")).to_have_count(1)
    assert page.locator("svg[data-map] circle.node-me").count() == 1
    assert page.locator("svg[data-map] circle.node").count() == 2  # you and Olga
    shot(page, "flow-network-map-no-record-of-yours")
    context.close()

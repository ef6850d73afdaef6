"""In a real browser: long unbroken text (a pasted address, a long tag) stays inside Today's
cards and the People table, at desktop and phone widths."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.people import PersonChanges, add_person
from netweave.services.tasks import add_task
from web.browser import DESKTOP, NEEDS_CHROMIUM, PHONE, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Ada, with a 100-character tag and a task whose title is one long word and a link."""
    db = tmp_path_factory.mktemp("long-text") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(name="Ada Lovelace", tags=["t" * 100]))
        add_task(ctx, "w" * 1000, person="Ada Lovelace")
        add_task(ctx, "See https://example.com/" + "a/b" * 100, person="Ada Lovelace")
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_long_text_stays_inside_cards_and_the_people_table(
    server: str, browser: Any, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(server + "/")
    cards = page.locator(".agenda-item")
    assert cards.count() >= 1  # the two tasks of one person share a card
    for n in range(cards.count()):
        wide = cards.nth(n).evaluate("card => card.scrollWidth - card.clientWidth")
        assert wide <= 1, f"card {n} overflows by {wide}px"
    shot(page, f"long-text-today-{viewport['width']}")
    page.goto(server + "/people")
    table = page.locator(".people-table")
    box = table.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= viewport["width"]
    tag = page.locator(".people-table .chip", has_text="tttt")
    assert tag.first.get_attribute("title") == "t" * 100  # cut on the page, said whole here
    shot(page, f"long-text-people-{viewport['width']}")
    context.close()

"""In a real browser: the person page's row of chips and location, wrapped on a phone, starts
no line with a separator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.people import PersonChanges, add_person
from web.browser import DESKTOP, NEEDS_CHROMIUM, PHONE, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM

#: Each item of the row that starts a line (its left edge is the row's), with its text.
_LINE_STARTS = """row => {
  const left = row.getBoundingClientRect().left;
  return Array.from(row.children)
    .filter(item => Math.abs(item.getBoundingClientRect().left - left) < 1)
    .map(item => item.innerText.trim());
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Priyanka: a title, an organization, a circle, five tags and a long location."""
    db = tmp_path_factory.mktemp("person-location") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(
            name="Priyanka Ramaswamy-Okonkwo", company="Northwind Renewable Energy Partners",
            title="Senior Director of Grid Modernization", circle="close",
            tags=["mentor", "climate", "python community", "alumni", "energy policy"],
            location="San Francisco Bay Area, California, United States",
        ))  # fmt: skip
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_location_after_the_tags_starts_no_line_with_a_dot(
    server: str, browser: Any, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(server + "/people/1")
    row = page.locator(".person-id .chips")
    starts = row.evaluate(_LINE_STARTS)
    assert len(starts) >= 2, starts  # the row wraps: the location (at least) starts a line
    assert "San Francisco Bay Area, California, United States" in starts
    assert not [text for text in starts if text.startswith("·")], starts
    shot(page, f"person-location-{viewport['width']}")
    context.close()

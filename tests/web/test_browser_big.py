"""A network larger than a map or a phone screen can show whole, in a real browser: the map
draws a bounded number of people around you and says of how many; the People list tells
namesakes apart on a phone."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.network_map import MAP_PEOPLE
from netweave.services.people import PersonChanges, add_person
from web.browser import NEEDS_CHROMIUM, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM
EMPLOYERS = ["Google", "Meta", "Initech", "Globex"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo network of more people than the map shows, and four John Smiths."""
    db = tmp_path_factory.mktemp("big") / "netweave.db"
    subprocess.run(
        [sys.executable, "-m", "netweave", "--db", str(db), "--as-of", DAY.isoformat(),
         "demo", "--people", str(MAP_PEOPLE + 60)],
        check=True, capture_output=True,
    )  # fmt: skip
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        for n, employer in enumerate(EMPLOYERS):
            add_person(ctx, PersonChanges(name="John Smith", company=employer, title=f"Role {n}"))
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_map_of_a_big_network_is_bounded_and_centred_on_you(
    server: str, browser: Any, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/map")
    expect(page.locator("svg[data-drawn]")).to_have_count(1)
    assert page.locator("svg[data-map] circle.node").count() == MAP_PEOPLE + 1
    expect(page.locator("[data-map-count]")).to_contain_text(f"Showing {MAP_PEOPLE} of the ")
    expect(page.locator("[data-map-count]")).to_contain_text("Narrow it by tag")
    svg, you = page.locator("svg[data-map]").bounding_box(), page.locator(".node-me").bounding_box()
    assert svg is not None
    assert you is not None
    middle = (svg["x"] + svg["width"] / 2, svg["y"] + svg["height"] / 2)
    centre = (you["x"] + you["width"] / 2, you["y"] + you["height"] / 2)
    assert abs(middle[0] - centre[0]) < 2
    assert abs(middle[1] - centre[1]) < 2
    # the names shown never overlap one another, and can be read on a phone too (the boxes
    # the browser lays the text out in)
    names = page.evaluate(
        "() => Array.from(document.querySelectorAll('.node-label'), t => {"
        " const r = t.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; })"
    )
    assert len(names) >= 4
    assert all(b["height"] >= 11 for b in names), [b["height"] for b in names]
    me = page.evaluate(
        "() => { const r = document.querySelector('.node-me').getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; }"
    )
    for a, b in [*itertools.combinations(names, 2), *((n, me) for n in names)]:
        apart = a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
        apart = apart or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
        assert apart, (a, b)  # nor your own dot
    shot(page, f"flow-network-map-big-{width}")
    # narrowed to one organization: every one of them, and it says so
    page.goto(server + "/map?org=Initech")
    expect(page.locator("svg[data-drawn]")).to_have_count(1)
    expect(page.locator("[data-map-count]")).to_contain_text("All ")
    expect(page.locator("[data-map-count]")).to_contain_text("All 1 person these filters match.")
    page.goto(server + "/map?tag=nosuch")
    expect(page.locator("[data-map-count]")).to_contain_text("Not drawn: no tag 'nosuch'")
    context.close()
    assert errors == [] or all("404" in e for e in errors)


def test_namesakes_are_told_apart_on_a_phone(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/people?q=john+smith")
    work = page.locator("#people-rows [data-work]")
    expect(work).to_have_count(len(EMPLOYERS))
    seen = sorted(t.strip() for t in work.all_inner_texts())
    assert seen == sorted(f"Role {n} · {e}" for n, e in enumerate(EMPLOYERS))
    for line in work.all():
        expect(line).to_be_visible()
    # nothing runs off the side of the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "flow-people-namesakes-phone")
    context.close()

"""Keyboard, screen reader and phone use of the pages, in a real browser: what the map offers
instead of its dots, what the live search says, names, contrast and focus."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from web.browser import CHROMIUM, running_server, shot
from web.web_helpers import DAY

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (make test installs it)"
)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo network of 40 people."""
    db = tmp_path_factory.mktemp("access") / "netweave.db"
    subprocess.run(
        [sys.executable, "-m", "netweave", "--db", str(db), "--as-of", DAY.isoformat(),
         "demo", "--people", "40"],
        check=True, capture_output=True,
    )  # fmt: skip
    with running_server(db, DAY) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page at desktop width; console errors fail the test."""
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.set_default_timeout(15000)
    yield tab
    context.close()
    assert errors == []


def tab_stops(page: Any, most: int = 80) -> list[str]:
    """What Tab lands on from the top of the page, one description per stop."""
    page.locator("body").focus()
    seen = []
    for _ in range(most):
        page.keyboard.press("Tab")
        here = page.evaluate(
            "(() => { const e = document.activeElement;"
            " return e.tagName + ':' + (e.getAttribute('aria-label') || e.textContent.trim()"
            " || e.getAttribute('name') || ''); })()"
        )
        if seen and here == seen[0]:
            break
        seen.append(here)
    return seen


def test_the_map_keeps_its_dots_out_of_the_tab_order_and_links_the_list(
    server: str, page: Any
) -> None:
    page.goto(server + "/map?circle=active")
    expect(page.locator("svg[data-drawn]")).to_be_visible()
    assert page.locator("svg[data-map] circle.node").count() > 1
    stops = tab_stops(page)
    assert not [s for s in stops if s.startswith("circle")], stops
    # from the zoom buttons, the next stop is past the map (the footer or the page's end)
    zoom = [i for i, s in enumerate(stops) if s.startswith("BUTTON:Zoom in")]
    assert zoom, stops
    assert stops[zoom[0] : zoom[0] + 3] == [
        "BUTTON:Zoom in", "BUTTON:Zoom out", "BUTTON:Reset the zoom"
    ]  # fmt: skip
    # the people on the map, as a list, narrowed the same way
    link = page.get_by_role("link", name="The same people as a list")
    expect(link).to_have_attribute("href", "/people?circle=active")
    expect(page.locator("svg[data-map]")).to_have_attribute(
        "aria-label", "Network map. " + page.inner_text("[data-map-count]")
    )
    expect(page.locator("a[aria-current=true]")).to_have_text("By circle")
    shot(page, "access-map-desktop")
    link.click()
    page.wait_for_url(server + "/people?circle=active")
    expect(page.locator("select[name=circle]")).to_have_value("active")


def test_the_map_without_javascript_says_so_and_links_the_list(server: str, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "/map")
    card = tab.locator("section.map-card")
    said = card.inner_text()  # as shown: the text of <noscript> is not in the DOM's text
    assert "Drawing" not in said
    assert "The map needs JavaScript, which is off in this browser" in said
    expect(card.get_by_role("link", name="the same people as a list")).to_have_attribute(
        "href", "/people"
    )
    expect(tab.locator("svg[data-map]")).to_be_hidden()
    shot(tab, "access-map-without-javascript-phone")
    context.close()


def test_the_live_search_says_how_many_it_found_or_why_not(server: str, browser: Any) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/people")
    said = page.locator("[data-people-found]")
    expect(said).to_have_attribute("role", "status")
    everyone = f"{page.locator('#people-rows input[name=ids]').count()} people."
    expect(said).to_have_text(everyone)
    page.fill("input[name=q]", "zzzz no such one")
    expect(page.locator("#people-rows")).to_contain_text("No one matches")
    expect(said).to_have_text("No one matches.")
    page.fill("input[name=q]", "")
    expect(said).to_have_text(everyone)
    page.fill("input[name=org]", "Nowhere Corp Q")  # refused: the answer is a 404
    expect(said).to_have_text("no organization matches 'Nowhere Corp Q'")
    page.fill("input[name=org]", "")
    expect(said).to_have_text(everyone)
    page.select_option("select[name=circle]", "inner")
    expect(said).not_to_have_text(everyone)
    shown = page.locator("#people-rows input[name=ids]").count()
    assert said.inner_text() == f"{shown} {'person' if shown == 1 else 'people'}."
    shot(page, "access-people-found")
    context.close()
    assert all("404" in e for e in errors), errors

"""Keyboard, screen reader and phone use of the pages, in a real browser: what the map offers
instead of its dots, what the live search says, names, contrast and focus."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.campaigns import new_campaign
from netweave.services.context import open_context
from netweave.services.knows import add_knows
from netweave.services.people import PersonChanges, add_person
from web.browser import (
    DESKTOP,
    NEEDS_CHROMIUM,
    PHONE,
    demo_network,
    empty_network,
    running_server,
    shot,
)
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo network of 40 people, and Vera, whose values and ties have remove buttons."""
    db = tmp_path_factory.mktemp("access") / "netweave.db"
    demo_network(db, DAY)
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(
            name="Vera Values", interests=["personal:choir singing", "professional:robotics"],
            needs=["a sublet in Lisbon"], offers=["hiking routes"],
        ))  # fmt: skip
        add_person(ctx, PersonChanges(name="Tom Tie"))
        add_knows(ctx, "Vera Values", "Tom Tie", context="Rowing club")
        for name in ("Cam Close", "Cleo Close"):
            add_person(ctx, PersonChanges(name=name, circle="close"))
        new_campaign(ctx, "Holidays", ["close"])
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


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
    # the user's own record is among the rows, said apart as the map counts the others
    everyone = f"{page.locator('#people-rows input[name=ids]').count() - 1} people and you."
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


def contrast(one: str, two: str) -> float:
    """The WCAG contrast ratio of two computed colours (``rgb(…)``, opaque)."""

    def luminance(colour: str) -> float:
        found = re.findall(r"[\d.]+", colour)[:3]
        assert len(found) == 3, colour
        rgb = [float(c) / 255 for c in found]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


STYLE = "(e, p) => getComputedStyle(e)[p]"


def style(locator: Any, prop: str) -> str:
    """A computed style of the element."""
    value: str = locator.evaluate(STYLE, prop)
    return value


def test_text_reaches_4_5_to_1_where_it_fell_short(server: str, page: Any) -> None:
    page.goto(server + "/leads")
    plus = page.locator(".topbar .btn-primary")
    assert contrast(style(plus, "color"), style(plus, "backgroundColor")) >= 4.5
    column = page.locator(".column").first
    count = column.locator("h2 .muted")
    assert contrast(style(count, "color"), style(column, "backgroundColor")) >= 4.5
    page.goto(server + "/reports")
    labels = page.locator("svg.chart-wide .seg-label")
    assert labels.count() > 1
    for label in labels.all():
        segment = label.evaluate("e => getComputedStyle(e.previousElementSibling).fill")
        assert contrast(style(label, "fill"), segment) >= 4.5, label.text_content()
    page.goto(server + "/people?q=Vera+Values")
    page.click("#people-rows a:has-text('Vera Values')")
    axis = page.locator(".chart .axis").first
    assert contrast(style(axis, "fill"), "rgb(255, 255, 255)") >= 4.5
    for remove in page.locator(".btn-x").all():
        assert style(remove, "opacity") == "1"
        behind = remove.evaluate(
            "e => { for (let p = e; p; p = p.parentElement) {"
            " const c = getComputedStyle(p).backgroundColor;"
            " if (c !== 'rgba(0, 0, 0, 0)') return c; } return 'rgb(255, 255, 255)'; }"
        )
        assert contrast(style(remove, "color"), behind) >= 4.5, remove.get_attribute("aria-label")


def test_the_remove_buttons_are_24_pixels_at_least_on_a_phone(server: str, browser: Any) -> None:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(server + "/people?q=Vera+Values")
    tab.click("#people-rows a:has-text('Vera Values')")
    removes = tab.locator(".btn-x")
    assert removes.count() == 5  # two interests, a need, an offer, a tie
    for remove in removes.all():
        box = remove.bounding_box()
        assert box["width"] >= 24, remove.get_attribute("aria-label")
        assert box["height"] >= 24, remove.get_attribute("aria-label")
    removes.first.scroll_into_view_if_needed()
    shot(tab, "access-remove-buttons-phone")
    context.close()


def test_the_focus_ring_stands_out_at_3_to_1(server: str, page: Any) -> None:
    page.goto(server + "/targets")
    page.locator(".target-change summary").first.click()
    ghost = page.locator(".target-change button.btn-ghost").first
    ghost.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # by the keyboard: :focus-visible
    expect(ghost).to_be_focused()
    assert float(style(ghost, "outlineWidth").removesuffix("px")) >= 2
    ring = style(ghost, "outlineColor")
    for behind in ("rgb(255, 255, 255)", style(page.locator("body"), "backgroundColor")):
        assert contrast(ring, behind) >= 3, (ring, behind)
    shot(page, "access-focus-ring")
    # on the dark top bar, the ring is light
    plus = page.locator(".topbar .btn-primary")
    plus.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(plus).to_be_focused()
    assert (
        contrast(style(plus, "outlineColor"), style(page.locator(".topbar"), "backgroundColor"))
        >= 3
    )


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An empty network, for imports that would change the demo's counts: its address and
    its database file."""
    db = tmp_path_factory.mktemp("access-imports") / "netweave.db"
    empty_network(db, DAY)
    with running_server(db, DAY) as url:
        yield url, db


def test_the_end_of_an_import_is_said_in_a_live_region(
    empty_server: tuple[str, Path], page: Any, tmp_path: Path
) -> None:
    url, db = empty_server
    cards = tmp_path / "many.vcf"
    cards.write_text("".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Bulk Person {n}\nEMAIL:bulk{n}@example.org\nEND:VCARD\n"
        for n in range(4000)
    ))  # fmt: skip
    page.goto(url + "/imports")
    page.select_option("select[name=kind]", "vcard")
    page.set_input_files("input[name=file]", str(cards))
    # another program writing meanwhile: the import waits for it, so it is still running
    # when its page opens, however fast the machine
    busy = sqlite3.connect(db, isolation_level=None)
    try:
        busy.execute("BEGIN IMMEDIATE")
        page.click("button:has-text('Import')")
        page.wait_for_url(re.compile(r"/imports/jobs/"))
        assert page.get_attribute("[data-job]", "data-state") == "running"
    finally:
        busy.execute("COMMIT")
        busy.close()
    # the script follows it to its end
    expect(page.get_by_role("progressbar", name="Importing many.vcf")).to_be_visible()
    said = page.locator("[data-job-said]")
    expect(said).to_have_attribute("role", "status")
    expect(said).to_have_text("Imported many.vcf: 4000 new people.", timeout=120000)


def test_all_shown_is_offered_only_where_it_works(server: str, browser: Any) -> None:
    for javascript in (False, True):
        context = browser.new_context(viewport=DESKTOP, java_script_enabled=javascript)
        tab = context.new_page()
        tab.goto(server + "/people?circle=active")
        every = tab.get_by_label("All shown")
        if not javascript:  # nothing would tick the rows
            expect(every).to_be_hidden()
        else:
            every.check()
            boxes = tab.locator("#people-rows input[name=ids]")
            assert boxes.count() > 1
            for box in boxes.all():
                expect(box).to_be_checked()
            shot(tab, "access-all-shown")
        expect(tab.locator("th.col-check")).to_have_text("Select")  # a header a reader can say
        context.close()


def test_a_campaign_item_done_by_keyboard_lands_on_the_person(server: str, page: Any) -> None:
    page.goto(server + "/campaigns")
    page.click("a:has-text('Holidays')")
    item = page.locator("li[data-item]", has_text="Cam Close")
    item.get_by_role("button", name=re.compile(r"^Done\b.*greeted Cam Close$")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/campaigns/\d+\?greeted=\d+#person-\d+$"))
    expect(item).to_be_focused()
    expect(item).to_contain_text("done")
    expect(page.get_by_role("status")).to_have_text(
        "Greeted Cam Close: logged as a conversation you started."
    )
    shot(page, "access-campaign-greeted")

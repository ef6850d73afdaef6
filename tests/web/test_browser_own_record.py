"""The user's own record and everyone's schools and communities from the web alone, in a
real browser: "This is me" on the new-person form and on a person's page, refused once there
is one; a school added to the user and to a contact (a refusal shown at its field), which
then counts for the tie, and removed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from web.browser import NEEDS_CHROMIUM, PHONE, empty_network, running_server, shot, watched_page
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """An empty network."""
    db = tmp_path / "netweave.db"
    empty_network(db, DAY)
    with running_server(db, DAY) as url:
        yield url


def _add(page: Any, server: str, name: str, *, me: bool = False) -> None:
    page.goto(server + "/people/new")
    page.fill("input[name=name]", name)
    if me:
        page.check("[data-me] input[name=me]")
    page.click("button:has-text('Add person')")
    page.wait_for_url(re.compile(r"/people/\d+\?said="))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page at desktop width that fails on console errors but a refused form's 422/409."""
    with watched_page(browser, allowed=("status of 422", "status of 409")) as tab:
        yield tab


def test_this_is_me_on_the_new_person_form_then_schools_shared(server: str, page: Any) -> None:
    page.goto(server + "/people/new")
    expect(page.locator("[data-me]")).to_contain_text("This is me")
    shot(page, "own-record-new-person-form")
    _add(page, server, "Maya Lindqvist", me=True)
    expect(page.locator("[data-you]")).to_have_text("you")
    expect(page.locator("[data-this-is-me]")).to_have_count(0)
    # her school, from her own page
    form = page.locator("[data-affiliation-add]")
    page.click("#affiliations summary")
    form.locator("input[name=community]").fill("Bayview University")
    form.locator("select[name=kind]").select_option("school")
    form.locator("input[name=role]").fill("BA Economics")
    form.locator("input[name=start]").fill("2012")
    form.locator("input[name=end]").fill("2016")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/people/1\?said=[\w-]{22}#affiliations$"))
    expect(page.locator("main [data-said]")).to_have_text(
        "Added Bayview University (BA Economics) to Maya Lindqvist's schools and communities."
    )
    expect(page.locator("[data-affiliation]")).to_have_text(
        re.compile(r"Bayview University\s+school · BA Economics · 2012–2016")
    )
    shot(page, "own-record-page-with-school")
    # the new-person form now says who the user is, and takes no second "me"
    page.goto(server + "/people/new")
    expect(page.locator("[data-me]")).to_have_count(0)
    expect(page.locator("[data-you-are]")).to_have_text("You are Maya Lindqvist here already.")
    _add(page, server, "Ben Lee")
    expect(page.locator("[data-this-is-me]")).to_have_count(0)  # there is a "me" already
    factors = page.locator(".factor", has_text="Shared interests")
    expect(factors).to_contain_text("0.0/10")
    # a year after the one it ends: refused at its field, as typed
    page.click("#affiliations summary")
    form.locator("input[name=community]").fill("Bayview University")
    form.locator("input[name=start]").fill("2016")
    form.locator("input[name=end]").fill("2012")
    form.locator("button[type=submit]").click()
    refused = page.locator("[data-refused=start]")
    expect(refused).to_have_text("From: 2016 is after the year it ends (2012). Nothing was saved.")
    expect(form.locator("input[name=community]")).to_have_value("Bayview University")
    expect(form.locator("input[name=start]")).to_be_focused()
    shot(page, "own-record-affiliation-refused")
    form.locator("input[name=end]").fill("2017")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"#affiliations$"))
    expect(factors).not_to_contain_text("0.0/10")  # a school shared with the user
    page.set_viewport_size(PHONE)
    page.locator("#affiliations").scroll_into_view_if_needed()
    shot(page, "own-record-contact-school-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("[data-affiliation] button[type=submit]").click()
    page.wait_for_url(re.compile(r"#affiliations$"))
    expect(page.locator("main [data-said]")).to_have_text(
        "Removed Bayview University from Ben Lee's schools and communities."
    )
    expect(page.locator("[data-affiliation]")).to_have_count(0)
    expect(factors).to_contain_text("0.0/10")


def test_this_is_me_on_a_person_page_while_there_is_no_own_record(server: str, page: Any) -> None:
    _add(page, server, "Ben Lee")
    _add(page, server, "Maya Lindqvist")
    shot(page, "own-record-this-is-me-button")
    page.click("[data-this-is-me] button")
    page.wait_for_url(re.compile(r"/people/2\?said="))
    expect(page.locator("main [data-said]")).to_contain_text("Maya Lindqvist is you now")
    expect(page.locator("[data-you]")).to_have_text("you")
    expect(page.locator("[data-your-page]")).to_have_count(1)
    page.goto(server + "/people/1")
    expect(page.locator("[data-this-is-me]")).to_have_count(0)
    # a button sent from a page shown before: refused, saying why
    page.goto(server + "/people/1")
    page.evaluate(
        """() => { const f = document.createElement('form'); f.method = 'post';
        f.action = '/people/1/me'; const t = document.createElement('input');
        t.type = 'hidden'; t.name = 'csrf_token';
        t.value = document.querySelector('meta[name=csrf-token]').content;
        f.appendChild(t); document.body.appendChild(f); f.submit(); }"""
    )
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(
        "you are Maya Lindqvist (#2) already, and a network has one own record: nothing was changed"
    )
    shot(page, "own-record-this-is-me-refused")

"""Asking before what cannot be taken back, and refused forms, in a real browser: with
JavaScript off the server asks on a page of its own; with it on, the dialog's yes is enough."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.leads import add_lead, move_lead
from netweave.services.people import PersonChanges, add_person
from web.browser import DESKTOP, NEEDS_CHROMIUM, PHONE, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two people with a conversation each, and a lead at offer."""
    db = tmp_path_factory.mktemp("confirm") / "netweave.db"
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        for name, kind in (("Mykola Kravchenko", "email"), ("Abigail Bennett", "call")):
            add_person(ctx, PersonChanges(name=name))
            log_interaction(
                ctx, LogRequest(names=[name], on=DAY - dt.timedelta(days=9), kind=kind, note="hi")
            )
        move_lead(ctx, f"#{add_lead(ctx, 'Initrode', 'Staff Engineer')['id']}", "offer")
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


def _tab(browser: Any, viewport: dict[str, int], *, script: bool) -> Any:
    tab = browser.new_context(viewport=viewport, java_script_enabled=script).new_page()
    tab.set_default_timeout(15000)
    return tab


def _open_conversation(tab: Any, server: str, name: str) -> None:
    tab.goto(f"{server}/people")
    tab.get_by_role("link", name=name, exact=True).first.click()
    tab.locator("#timeline a.tl-edit").first.click()


def test_without_javascript_a_delete_is_asked_on_a_page_then_said(
    server: str, browser: Any
) -> None:
    tab = _tab(browser, PHONE, script=False)
    _open_conversation(tab, server, "Mykola Kravchenko")
    tab.get_by_role("button", name="Delete this conversation").click()
    # the server asks: nothing is deleted yet, and the way back keeps it
    expect(tab.locator("h1")).to_have_text("Delete this conversation?")
    expect(tab).to_have_title("Delete this conversation? · netweave")
    shot(tab, "confirm-delete-phone")
    tab.set_viewport_size(DESKTOP)
    shot(tab, "confirm-delete-desktop")
    tab.get_by_role("link", name="Keep it").click()
    expect(tab.locator("h1")).to_contain_text("Email on")
    tab.get_by_role("button", name="Delete this conversation").click()
    tab.get_by_role("button", name="Yes, delete it").click()
    expect(tab.locator("[data-deleted]")).to_have_text(
        f"Deleted the email of {DAY - dt.timedelta(days=9)}."
    )
    expect(tab.locator("#timeline")).to_contain_text("No conversations logged yet.")
    shot(tab, "deleted-flash-desktop")
    tab.context.close()


def test_without_javascript_an_offer_is_accepted_after_asking(server: str, browser: Any) -> None:
    tab = _tab(browser, DESKTOP, script=False)
    tab.goto(f"{server}/leads")
    tab.get_by_role("button", name="Accept the offer: Staff Engineer at Initrode").click()
    expect(tab.locator("h1")).to_have_text("Accept the offer: Staff Engineer at Initrode?")
    shot(tab, "confirm-accept-desktop")
    tab.get_by_role("button", name="Yes, accept the offer").click()
    expect(tab.locator("[data-accepted]")).to_contain_text("Congratulations on the offer.")
    tab.context.close()


def test_with_javascript_the_dialog_alone_asks(server: str, browser: Any) -> None:
    tab = _tab(browser, DESKTOP, script=True)
    _open_conversation(tab, server, "Abigail Bennett")
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    tab.on("dialog", answer)
    tab.get_by_role("button", name="Delete this conversation").click()
    expect(tab.locator("[data-deleted]")).to_have_text(
        f"Deleted the call of {DAY - dt.timedelta(days=9)}."
    )
    assert asked == ["Delete this conversation? This cannot be undone."]
    tab.context.close()


def test_without_javascript_a_refused_form_comes_back_as_typed(server: str, browser: Any) -> None:
    tab = _tab(browser, DESKTOP, script=False)
    tab.goto(f"{server}/people/new")
    tab.get_by_label("Name").fill("Ada Lovelace")
    tab.get_by_label("Email").fill("ada@example.org")
    tab.get_by_label("Introduced by").fill("Nobody Zzzz")
    tab.get_by_role("button", name="Add person").click()
    field = tab.get_by_label("Introduced by")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(tab.get_by_role("alert")).to_have_text(
        "Introduced by: no person matches 'Nobody Zzzz'. Nothing was saved."
    )
    expect(tab.get_by_label("Email")).to_have_value("ada@example.org")
    expect(tab.get_by_label("Name")).to_have_value("Ada Lovelace")
    shot(tab, "refused-new-person-desktop")
    tab.set_viewport_size(PHONE)
    shot(tab, "refused-new-person-phone")
    tab.context.close()

"""Route tests of what assistive technology and a quick look rely on: the navigation's
current page, and an overdue next step said in words on the leads board."""

from __future__ import annotations

import datetime as dt
import html
import re

from fastapi.testclient import TestClient

from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.context import Context, open_context
from netweave.services.leads import add_lead
from web.web_helpers import DAY, add


def current(page: str) -> list[tuple[str, str]]:
    """The navigation links marked current: (their text, the aria-current value)."""
    nav = page.split('<nav class="nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'aria-current="([^"]+)">([^<]+)</a>', nav)


def test_the_section_is_the_current_page_only_on_its_own_page(
    client: TestClient, web_ctx: Context
) -> None:
    pid = add(web_ctx, "Ada Lovelace")
    assert current(client.get("/people").text) == [("page", "People")]
    assert current(client.get("/people?q=ada").text) == [("page", "People")]
    assert current(client.get(f"/people/{pid}").text) == [("true", "People")]
    assert current(client.get("/people/duplicates").text) == [("true", "People")]
    assert current(client.get("/").text) == [("page", "Today")]


def test_an_overdue_next_step_says_so_on_the_board(client: TestClient, sqlite_db_url: str) -> None:
    earlier = open_context(
        Settings(database_url=sqlite_db_url), Clock(as_of=DAY - dt.timedelta(days=5))
    )
    try:
        add_lead(
            earlier, "Globex", "Late Role", next_step="Call Hank", due=DAY - dt.timedelta(days=2)
        )
        add_lead(earlier, "Globex", "Due Today Role", next_step="Write", due=DAY)
        add_lead(earlier, "Globex", "Later Role", next_step="Wait", due=DAY + dt.timedelta(days=3))
    finally:
        earlier.close()
    board = client.get("/leads").text
    cards = {
        role: card
        for card in board.split('<article class="lead-card"')[1:]
        for role in re.findall(r'class="lead-role" href="/leads/\d+">([^<]+)<', card)
    }
    assert "overdue by 2 days</strong>" in cards["Late Role"]
    assert "overdue" not in cards["Due Today Role"]
    assert "overdue" not in cards["Later Role"]


def shown_text(page: str) -> str:
    """The page's text as shown: no tags, so nothing from a ``title`` attribute."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_explanations_are_in_the_text_not_only_in_titles(
    client: TestClient, web_ctx: Context
) -> None:
    pid = add(web_ctx, "Ada Lovelace")
    reports = shown_text(client.get("/reports").text)
    assert "Hidden leads reached you through people, before or without a public posting" in reports
    assert "for the rest it is too early to tell" in reports
    person = shown_text(client.get(f"/people/{pid}").text)
    assert "How they know each other" in person
    today = shown_text(client.get("/").text)
    assert "on a lead's next step it clears the step without logging anything" in today


def test_the_import_form_says_what_your_address_is_for_and_fills_it_in(
    client: TestClient,
) -> None:
    page = client.get("/imports").text
    field = re.search(r'<input type="text" name="me"[^>]*>', page)
    assert field
    assert 'autocomplete="email"' in field[0]
    assert "title=" not in field[0]
    hint = re.search(r'aria-describedby="([^"]+)"', field[0])
    assert hint
    said = re.search(rf'id="{hint[1]}">([^<]+)<', page)
    assert said
    assert said[1].startswith("Your address is for mail and calendars")


def test_the_targets_letters_are_read_as_words(client: TestClient, web_ctx: Context) -> None:
    from netweave.services.targets import add_target

    add_target(web_ctx, "Globex")
    head = client.get("/targets").text.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert re.findall(r'<span class="sr-only">(\w+)</span>', head) == [
        "Advocacy", "Motivation", "Posting",
    ]  # fmt: skip
    assert re.findall(r'<span aria-hidden="true">(\w)</span>', head) == ["A", "M", "P"]


def test_a_conversation_page_is_titled_as_its_heading(client: TestClient, web_ctx: Context) -> None:
    from netweave.services.interactions import LogRequest, log_interaction

    add(web_ctx, "Ada Lovelace")
    logged = log_interaction(web_ctx, LogRequest(names=["Ada Lovelace"], on=DAY, kind="email"))
    page = client.get(f"/conversations/{logged['interaction']['id']}").text
    assert f"<title>Email on {DAY} with Ada Lovelace · netweave</title>" in page
    assert f'<h1>Email on <span class="nowrap">{DAY}</span></h1>' in page


def test_the_sources_bar_is_told_apart_by_more_than_colour(
    client: TestClient, web_ctx: Context
) -> None:
    for n, source in enumerate(("network", "network", "referral", "recruiter")):
        add_lead(web_ctx, f"Org {n}", "Role", source=source)
    page = client.get("/reports").text
    wide = re.search(r'<svg class="chart shares chart-wide"[^>]*aria-label="([^"]+)"', page)
    assert wide
    assert (
        wide[1]
        == "Share of leads by source, left to right: referral 25%, network 50%, recruiter 25%"
    )
    legend = page.split("data-shares>", 1)[1].split("</p>", 1)[0]
    assert shown_text(legend) == "referral 25% (1) network 50% (2) recruiter 25% (1)"

"""What a screen reader's list of buttons and links hears on the pages of a demo network: a
button repeated down a page says what it does and to whom, not "Merge" nineteen times."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.demo.build import build_demo
from netweave.services import intros
from netweave.services.context import Context, open_context
from netweave.services.people import PersonChanges, add_person
from netweave.store.models import Person
from netweave.web.app import create_app
from web.web_helpers import DAY


@pytest.fixture(scope="module")
def demo_ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    """A demo network of 300 people (duplicates, suggestions, targets and all)."""
    db = tmp_path_factory.mktemp("names") / "netweave.db"
    context = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    build_demo(context, people=300)
    yield context
    context.close()


@pytest.fixture(scope="module")
def demo(demo_ctx: Context) -> Iterator[TestClient]:
    """A client of the web app on the demo network."""
    with TestClient(create_app(demo_ctx), base_url="http://127.0.0.1") as client:
        yield client


def names(page: str, tag: str) -> list[str]:
    """The accessible names of the page's ``tag`` elements: aria-label, else the text, the
    visually hidden part included."""
    found = []
    for attrs, inner in re.findall(rf"<{tag}\b([^>]*)>(.*?)</{tag}>", page, re.S):
        label = re.search(r'aria-label="([^"]*)"', attrs)
        text = label[1] if label else re.sub(r"<[^>]+>", "", inner)
        found.append(" ".join(html.unescape(text).split()))
    return found


def starting(page: str, tag: str, start: str) -> list[str]:
    """The names of the ``tag`` elements whose name starts with ``start``."""
    return [n for n in names(page, tag) if n == start or n.startswith(start + " ")
            or n.startswith(start + ":") or n.startswith(start + ",")]  # fmt: skip


def each_different(page: str, tag: str, start: str, at_least: int = 2) -> list[str]:
    """The names starting with ``start``: several on the page, no two alike."""
    found = starting(page, tag, start)
    assert len(found) >= at_least, (start, found)
    assert len(set(found)) == len(found), (start, found)
    return found


def test_the_duplicates_buttons_name_the_pair(demo: TestClient) -> None:
    page = demo.get("/people/duplicates").text
    merge = each_different(page, "button", "Merge")
    apart = each_different(page, "button", "Not the same person")
    assert re.fullmatch(r"Merge .+ \(#\d+\) and .+ \(#\d+\)", merge[0]), merge[0]
    assert re.fullmatch(r"Not the same person: .+ \(#\d+\) and .+ \(#\d+\)", apart[0])


def test_the_intro_buttons_name_the_two_people(demo: TestClient, demo_ctx: Context) -> None:
    page = demo.get("/intros").text
    propose = each_different(page, "button", "Propose")
    each_different(page, "button", "Not these two")
    assert propose[0] == "Propose"  # the form's, for two people chosen: then the suggestions'
    assert re.fullmatch(r"Propose introducing .+ and .+", propose[1]), propose[1]
    for a, b in (("Ivo Intro", "Ines Intro"), ("Una Under", "Vic Way")):
        for name in (a, b):
            add_person(demo_ctx, PersonChanges(name=name))
        made = intros.propose(demo_ctx, a, b, "Both build robots")
        intros.ask(demo_ctx, int(made["id"]))
    page = demo.get("/intros").text
    declined = [n for n in names(page, "button") if re.match(r"\w+ declined \(", n)]
    assert len(declined) == len(set(declined)) >= 2
    assert "Ivo declined (introducing Ivo Intro to Ines Intro)" in declined


def test_the_target_controls_name_the_employer(demo: TestClient) -> None:
    page = demo.get("/targets").text
    save = each_different(page, "button", "Save")
    each_different(page, "button", "Take off the list")
    labels = each_different(page, "label", "Motivation")
    org = save[0].removeprefix("Save ")
    assert f"Take off the list: {org}" in starting(page, "button", "Take off the list")
    assert [n for n in labels if n.startswith(f"Motivation for {org} ")]  # then the options


def test_the_probably_knows_buttons_name_both(demo: TestClient, demo_ctx: Context) -> None:
    with demo_ctx.db.transaction() as session:
        ids = [p.id for p in session.query(Person).order_by(Person.id)]
    for pid in ids:
        page = demo.get(f"/people/{pid}").text
        if len(starting(page, "button", "No")) > 1:
            break
    else:
        pytest.fail("no one in the demo with two people they probably know")
    each_different(page, "button", "They know each other")
    no = each_different(page, "button", "No")
    assert re.fullmatch(r"No, .+ does not know .+", no[0]), no[0]


def test_the_timeline_edit_links_name_the_conversation(demo: TestClient) -> None:
    rows = demo.get("/people").text
    for pid in re.findall(r'<a href="/people/(\d+)">', rows):
        page = demo.get(f"/people/{pid}/timeline").text
        if len(starting(page, "a", "edit")) > 2:
            break
    edits = starting(page, "a", "edit")
    assert all(re.fullmatch(r"edit the \w+ of \d{4}-\d\d-\d\d", e) for e in edits), edits


def test_the_log_buttons_of_today_name_the_person(demo: TestClient) -> None:
    page = demo.get("/").text
    logs = each_different(page, "button", "Log")
    assert all(e.startswith("Log a conversation with ") for e in logs), logs

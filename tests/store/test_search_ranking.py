"""Search ranks matches by one rule, so SQLite and PostgreSQL list the same people in the
same order: a word in the name over one in the work over one elsewhere, then by name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from databases import truncate_pg
from netweave.clock import Clock
from netweave.config import Settings
from netweave.demo.build import build_demo
from netweave.services.context import Context, open_context
from netweave.services.people import PersonChanges, add_person, search_people
from netweave.store.search import search_ids

#: The day the network is built on (the suite's day).
TODAY = dt.date(2026, 6, 15)

#: People beside the demo network whom the queries below are about.
EXTRA = [
    PersonChanges(name="Noor Halvorsen", company="Quillfeather", title="Staff engineer"),
    PersonChanges(name="Halvor Quist", company="Brightwater", note="knows Noor from Quillfeather"),
    PersonChanges(name="Quillfeather Okafor", company="Tern Labs", title="Designer"),
    PersonChanges(name="Ada Quill", company="Orbit", note="met at quillfeather's launch"),
    PersonChanges(name="王小明", company="Quillfeather", title="Researcher"),
    PersonChanges(name="王芳", company="Tern Labs", note="introduced by 王小明"),
    PersonChanges(name="Łukasz Wójcik", company="Brightwater", title="Engineer"),
    *[PersonChanges(name=f"Tied {n}", company="Tern Labs", title="Analyst") for n in "EDCBA"],
    PersonChanges(name="Analyst Tern", company="Plain Co", note="tern labs alumnus"),
]
QUERIES = [
    "Halvorsen",  # a name
    "halvor",  # a prefix: of one's first name, of another's family name
    "quillfeather",  # a company, a name and notes
    "Brightwater",  # a company
    "launch",  # a word in notes
    "qu",  # a short prefix, many matches
    "王小明",  # a non-Latin name, also in someone's notes
    "王",
    "lukasz",  # a letter that does not decompose
    "tern labs",  # many people alike: ties broken by name, then number
    "analyst tern",
    "engineer",
    "ma",
]


def _network(ctx: Context) -> Context:
    build_demo(ctx, people=120, seed=11)
    for changes in EXTRA:
        add_person(ctx, changes)
    return ctx


@pytest.fixture
def both(sqlite_db_url: str, pg_url: str) -> Iterator[tuple[Context, Context]]:
    truncate_pg(pg_url)
    clock = Clock(as_of=TODAY)
    lite = open_context(Settings(database_url=sqlite_db_url), clock)
    pg = open_context(Settings(database_url=pg_url), clock)
    try:
        yield _network(lite), _network(pg)
    finally:
        lite.close()
        pg.close()


def _ids(ctx: Context, query: str, limit: int, offset: int = 0) -> list[int]:
    with ctx.db.reading() as session:
        return search_ids(session, query, limit, offset)


def test_both_databases_list_the_same_people_in_the_same_order(
    both: tuple[Context, Context],
) -> None:
    lite, pg = both
    for query in QUERIES:
        found = _ids(lite, query, 1000)
        assert found, query
        assert _ids(pg, query, 1000) == found, query
        assert _ids(pg, query, 7, 3) == found[3:10], query  # a page: the same rows
        names = [p["name"] for p in search_people(lite, query)]
        assert [p["name"] for p in search_people(pg, query)] == names, query


def _names(ctx: Context, query: str) -> list[str]:
    return [p["name"] for p in search_people(ctx, query)]


def test_a_word_in_the_name_comes_before_one_in_the_work_before_one_elsewhere(
    ctx: Context,
) -> None:
    for changes in EXTRA:
        add_person(ctx, changes)
    assert _names(ctx, "quillfeather") == [
        "Quillfeather Okafor",  # the name
        "Noor Halvorsen",  # the work, by name
        "王小明",
        "Ada Quill",  # notes, by name
        "Halvor Quist",
    ]
    assert _names(ctx, "halvor") == ["Halvor Quist", "Noor Halvorsen"]  # names alike: by name
    assert _names(ctx, "王小明") == ["王小明", "王芳"]


def test_each_word_counts_its_best_field_and_ties_go_by_name_then_number(
    ctx: Context,
) -> None:
    for changes in EXTRA:
        add_person(ctx, changes)
    twin = add_person(ctx, PersonChanges(name="Tied A", company="Tern Labs", title="Analyst"))
    found = _names(ctx, "analyst tern")
    # "Analyst Tern": both words in the name (3 + 3); the Tied: both in the work (2 + 2)
    assert found == ["Analyst Tern", "Tied A", "Tied A", "Tied B", "Tied C", "Tied D", "Tied E"]
    tied = [p["id"] for p in search_people(ctx, "analyst tern") if p["name"] == "Tied A"]
    assert tied == sorted(tied)
    assert tied[-1] == twin["id"]

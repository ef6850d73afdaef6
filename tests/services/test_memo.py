"""Reads remembered until the data changes: the agenda and the person page, on both backends."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from factories import person, talk
from netweave.clock import Clock
from netweave.config import Settings
from netweave.services.agenda import agenda, compute_agenda
from netweave.services.context import Context, open_context
from netweave.services.history import person_overview
from netweave.store.models import Task

TODAY = dt.date(2026, 6, 15)


def test_the_agenda_is_remembered_until_a_commit(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))
    talk(ctx, "ada", on=dt.date(2026, 5, 1))
    first = agenda(ctx)
    hits = ctx.memo.hits
    assert agenda(ctx) == first == compute_agenda(ctx)
    if ctx.db.dialect == "sqlite":
        # PostgreSQL's signal is the cluster's WAL position: the other test workers' writes
        # move it too, so there a second read may be a (harmless) miss.
        assert ctx.memo.hits == hits + 1
    talk(ctx, "ada", on=dt.date(2026, 6, 14))  # a commit: the remembered agenda is stale
    assert agenda(ctx)["items"] == [] == compute_agenda(ctx)["items"]


def test_a_commit_from_another_process_is_seen(ctx: Context, db_url: str) -> None:
    assert agenda(ctx)["items"] == []
    other = open_context(Settings(database_url=db_url), ctx.clock)
    try:
        with other.db.transaction() as session:
            session.add(Task(due=dt.date(2026, 6, 15), title="Send the slides"))
    finally:
        other.close()
    assert [i["reason"] for i in agenda(ctx)["items"]] == ["Send the slides"]


@pytest.fixture
def sqlite_ctx(sqlite_db_url: str) -> Iterator[Context]:
    context = open_context(Settings(database_url=sqlite_db_url), Clock(as_of=TODAY))
    yield context
    context.close()


def test_a_remembered_read_is_served_without_the_database(sqlite_ctx: Context) -> None:
    person(sqlite_ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))
    first = person_overview(sqlite_ctx, "ada")
    misses = sqlite_ctx.memo.misses
    for _ in range(3):
        assert person_overview(sqlite_ctx, "ada") == first
    assert sqlite_ctx.memo.misses == misses


def test_callers_get_their_own_copy(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))
    page = person_overview(ctx, "ada")
    page["person"]["name"] = "changed by a caller"
    page["history"].clear()
    again = person_overview(ctx, "ada")
    assert again["person"]["name"] == "Ada Lovelace"
    assert again["history"]


def test_another_day_is_another_read(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))
    talk(ctx, "ada", on=dt.date(2026, 6, 14))
    assert agenda(ctx)["items"] == []
    later = dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 8, 1)))
    assert [i["person"] for i in agenda(later)["items"]] == ["Ada Lovelace"]

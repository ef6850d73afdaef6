"""Bulk writes through the driver store exactly what SQLAlchemy would, on both backends."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Table, insert, select, text

from netweave.services.context import Context
from netweave.store.bulk import RowWriter
from netweave.store.models import Interaction, Person

INTERACTIONS = cast(Table, Interaction.__table__)
PEOPLE = cast(Table, Person.__table__)
WHEN = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
#: A whole second, a fraction of one, and a time given in another zone.
TIMES = [
    WHEN,
    WHEN.replace(microsecond=120),
    WHEN.astimezone(dt.timezone(dt.timedelta(hours=-5))),
]


def _stored(ctx: Context, table: str, columns: str, ids: list[int]) -> list[tuple[Any, ...]]:
    """Raw column values as the database keeps them (as text)."""
    casts = ", ".join(f"CAST({c} AS TEXT)" for c in columns.split(", "))
    listed = ", ".join(str(i) for i in ids)
    with ctx.db.reading() as session:
        rows = session.execute(
            text(f"SELECT {casts} FROM {table} WHERE id IN ({listed}) ORDER BY id")
        )
        return [tuple(r) for r in rows]


def test_rows_are_stored_as_sqlalchemy_stores_them(ctx: Context) -> None:
    fixed = {"created_at": WHEN, "updated_at": WHEN}
    values = [(t, "email", None, f"x{n}", "mbox") for n, t in enumerate(TIMES)]
    columns = ("occurred_at", "kind", "summary", "external_id", "source")
    with ctx.db.transaction() as session:
        ids = RowWriter(session, INTERACTIONS, columns, fixed).write_new(values)
        core = session.execute(
            insert(INTERACTIONS).returning(INTERACTIONS.c.id, sort_by_parameter_order=True),
            [{**dict(zip(columns, v, strict=True)), "external_id": f"y{n}", **fixed}
             for n, v in enumerate(values)],
        )  # fmt: skip
        expected = [int(r[0]) for r in core]
    shown = "occurred_at, kind, direction, summary, source, created_at, updated_at"
    assert _stored(ctx, "interaction", shown, ids) == _stored(ctx, "interaction", shown, expected)


def test_dates_booleans_and_defaults_match_too(ctx: Context) -> None:
    columns = ("display_name", "met_on", "is_me")
    values = [("Ada", dt.date(2024, 2, 8), False), ("Me", None, True)]
    with ctx.db.transaction() as session:
        ids = RowWriter(session, PEOPLE, columns).write_new(values)
        core = session.execute(
            insert(PEOPLE).returning(PEOPLE.c.id, sort_by_parameter_order=True),
            [dict(zip(columns, v, strict=True)) for v in values],
        )
        expected = [int(r[0]) for r in core]
    shown = "display_name, met_on, is_me, circle"
    assert _stored(ctx, "person", shown, ids) == _stored(ctx, "person", shown, expected)


def test_reserved_ids_never_collide(ctx: Context) -> None:
    with ctx.db.transaction() as session:
        session.add(Person(display_name="Before"))
        session.flush()
        first = RowWriter(session, PEOPLE, ("display_name",)).write_new([("A",), ("B",)])
        session.add(Person(display_name="After"))
        session.flush()
        second = RowWriter(session, PEOPLE, ("display_name",)).write_new([("C",)])
    with ctx.db.reading() as session:
        ids = list(session.scalars(select(Person.id)))
    assert len(ids) == len(set(ids)) == 5
    assert len(set(first + second)) == 3


def test_an_id_once_given_is_never_given_again(ctx: Context) -> None:
    # Deleting the newest row must not free its id: an undo may put that row back.
    with ctx.db.transaction() as session:
        [top] = RowWriter(session, PEOPLE, ("display_name",)).write_new([("Newest",)])
        session.execute(PEOPLE.delete().where(PEOPLE.c.id == top))
    with ctx.db.transaction() as session:
        [bulk] = RowWriter(session, PEOPLE, ("display_name",)).write_new([("Bulk",)])
        session.execute(PEOPLE.delete().where(PEOPLE.c.id == bulk))
    with ctx.db.transaction() as session:
        one = Person(display_name="One by one")
        session.add(one)
        session.flush()
        assert top < bulk < one.id

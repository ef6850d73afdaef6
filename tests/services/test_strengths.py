"""Strengths read from the aggregates many at once are the strengths a person's page says."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from netweave.demo import build_demo
from netweave.logic.strength import strength
from netweave.services.context import Context
from netweave.store import tables
from netweave.store.stats import STRENGTH_VALUES, Strengths, facts_of


def test_the_strengths_of_a_demo_network_are_those_of_its_facts(ctx: Context) -> None:
    build_demo(ctx, people=300)
    stats = tables.person_stats.c
    with ctx.db.rows() as conn:
        rows = conn.execute(
            select(*STRENGTH_VALUES).join_from(
                tables.person_stats, tables.person, tables.person.c.id == stats.person_id
            )
        ).all()
    assert len(rows) > 250
    assert any(row[-1] is not None for row in rows)  # some met on a day recorded
    for now in (
        ctx.clock.now(),
        dt.datetime(2020, 1, 1, 23, 30, tzinfo=dt.UTC),  # before most contacts
        dt.datetime(2031, 7, 1, 0, 15, tzinfo=dt.UTC),
    ):
        strengths = Strengths(now)
        assert [strengths.of(row) for row in rows] == [strength(facts_of(r), now) for r in rows]

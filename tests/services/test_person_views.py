"""Everyone's person views, read a whole table at a time, are those read a chunk at a time."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, update

from netweave.demo import build_demo
from netweave.services.context import Context
from netweave.services.directory import PeopleFilter, list_people
from netweave.services.relationships import strength_fields, strengths
from netweave.services.views import person_views
from netweave.store import stats, tables


def _the_slow_way(ctx: Context) -> list[dict[str, Any]]:
    """Everyone's view (by name) as built before: a chunk of 400 people at a time, with
    each strength from ``relationships.strengths`` and each cadence from ``stats.cadences``."""
    p = tables.person.c
    now = ctx.clock.now()
    circles = ctx.settings.circles
    with ctx.db.rows() as conn:
        ids = list(conn.scalars(select(p.id).order_by(p.sort_key, p.id)))
        views = [
            view
            for start in range(0, len(ids), 400)
            for view in person_views(conn, ids[start : start + 400], circles, now)
        ]
        computed = strengths(conn, ids, now)
        cadences = stats.cadences(conn, ids, circles)
        pinned = dict(conn.execute(select(p.id, p.strength_override)).tuples().all())
    for view in views:
        pid = view["id"]
        view.update(strength_fields(computed.get(pid), pinned[pid]))
        view["cadence_days"] = None if view["is_me"] else cadences[pid][0]
    return views


def test_everyone_s_views_are_those_of_the_slow_way_byte_for_byte(ctx: Context) -> None:
    build_demo(ctx, people=1200, seed=5)
    p, t = tables.person.c, tables.tag.c
    with ctx.db.transaction() as session:  # what the demo does not hold: pinned strengths,
        # and tags with a cadence (someone with two of them keeps the shorter)
        session.execute(update(tables.person).where(p.id % 7 == 0).values(strength_override=42))
        labels = list(session.scalars(select(t.label).order_by(t.id).limit(3)))
        for label, days in zip(labels, (20, 45, 90), strict=True):
            session.execute(update(tables.tag).where(t.label == label).values(cadence_days=days))
    views = list_people(ctx, PeopleFilter())
    assert len(views) > 1000  # more than half the people: the whole tables are read
    assert json.dumps(views, indent=2) == json.dumps(_the_slow_way(ctx), indent=2)
    assert {v["strength"] for v in views if v["strength_pinned"]} == {42}
    assert {20, 45, 90} <= {v["cadence_days"] for v in views}

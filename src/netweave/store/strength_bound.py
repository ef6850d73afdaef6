"""The people whose tie strength may reach a value, found by the database from the aggregates.

A strength is computed in Python from a person's ``person_stats`` row; scoring everyone to
find the few strong ties grows with the network. Each factor has an upper bound that is a
step function of one column (or of the day of the last contact), which SQL can add up:
those whose bounds fall short cannot reach the value, and only the others are scored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, literal, or_, select

from netweave.clock import start_of
from netweave.logic.strength import (
    MAX_POINTS,
    SATURATING,
    needed_points,
    recency_steps,
    saturating_steps,
)
from netweave.store.tables import person, person_stats

#: The aggregate (or sum of them) each saturating factor grows with.
_AMOUNTS = {
    "depth": person_stats.c.depth_sum,
    "frequency": person_stats.c.interactions,
    "two_way": person_stats.c.two_way,
    "reciprocity": person_stats.c.gives + person_stats.c.receipts,
    "shared": person_stats.c.shared,
}


def may_reach(value: int, today: dt.date) -> Select[Any]:
    """The ids of the people whose tie strength on ``today`` may be ``value`` or more: all
    who do, and some who fall short (their strength is to be computed). A strength set by
    hand counts as it is."""
    pinned = person.c.strength_override
    bounds = sum((_bound(name) for name in SATURATING), _recency(today))
    bounds = bounds + MAX_POINTS["duration"]
    counted = person_stats.c.person_id.is_not(None)  # no aggregates: no strength
    return (
        select(person.c.id)
        .outerjoin_from(person, person_stats, person_stats.c.person_id == person.c.id)
        .where(
            or_(
                pinned >= value,
                and_(pinned.is_(None), counted, bounds >= needed_points(value)),
            )
        )
    )


def _bound(name: str) -> ColumnElement[Any]:
    amount = _AMOUNTS[name]
    steps = [(amount < below, literal(points)) for below, points in saturating_steps(name)]
    return case(*steps, else_=literal(MAX_POINTS[name]))


def _recency(today: dt.date) -> ColumnElement[Any]:
    """At most the points of a last contact on the latest day before its step's cut-off."""
    last = person_stats.c.last_at
    steps: list[tuple[ColumnElement[bool], Any]] = [(last.is_(None), literal(0.0))]
    for days, points in recency_steps():
        # on the day ``days`` days ago or before: that long ago at least
        steps.append((last < start_of(today - dt.timedelta(days=days - 1)), literal(points)))
    return case(*steps, else_=literal(MAX_POINTS["recency"]))

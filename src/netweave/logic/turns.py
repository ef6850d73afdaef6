"""Taking turns: a short daily list drawn from a longer ranked one, so that none waits forever."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def day_turn(ranked: Sequence[T], per_day: int, since: dt.date, today: dt.date) -> list[T]:
    """The ``per_day`` of ``ranked`` (best first) whose turn it is ``today``: on ``since``
    the first ones, each day after the next ones, wrapping round to the first after the
    last; so every one of them comes up within ``len(ranked) / per_day`` days (rounded up)
    while the list stays the same, and a day's list is the same whenever it is asked for."""
    if len(ranked) <= per_day:
        return list(ranked)
    start = (today - since).days * per_day % len(ranked)
    return [*ranked[start:], *ranked[:start]][:per_day]

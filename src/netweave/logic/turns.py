"""Taking turns: a short daily list drawn from a longer ranked one, so that none waits forever."""

from __future__ import annotations

import datetime as dt
import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

_DAY = dt.timedelta(days=1)
#: A Monday: the weeks and business days that turns are counted by start from it (the
#: dormant ties' weeks, the 3B7 steps' ring).
FIRST_MONDAY = dt.date(2001, 1, 1)


@dataclass(frozen=True)
class Contender(Generic[T]):
    """One that takes turns: on the list from ``arrives`` to the day before ``leaves``."""

    value: T
    arrives: dt.date
    leaves: dt.date


def day_turn(ranked: Sequence[Contender[T]], per_day: int, today: dt.date) -> list[T]:
    """The ``per_day`` of ``ranked`` (best first, one order for every day) whose turn it is
    ``today``, found by replaying the days from the first arrival to ``today``.

    Each day, those arrived that day join the line among those still waiting for their
    first turn, by rank; those waiting come before those shown already, who stand in the
    order they were shown. The first ``per_day`` of the line still on it that day are the
    day's, and go to the back of the line. So the best come first, one that leaves (done,
    or no longer due) leaves the turn to the next ones without moving anyone else's, and
    everyone comes up within as many days as it takes to show those ahead of them. A day's
    list is the same whenever it is asked for, as long as nothing arrives or leaves on a
    day before it.
    """
    by_arrival = sorted(
        (rank for rank, c in enumerate(ranked) if c.arrives < c.leaves and c.arrives <= today),
        key=lambda rank: ranked[rank].arrives,
    )
    waiting: list[int] = []  # ranks never shown yet (a heap: the best first)
    shown: deque[int] = deque()  # ranks shown, the longest ago first
    day, arrived = today, 0
    if by_arrival:
        day = ranked[by_arrival[0]].arrives
    while True:
        while arrived < len(by_arrival) and ranked[by_arrival[arrived]].arrives <= day:
            heapq.heappush(waiting, by_arrival[arrived])
            arrived += 1
        turn = _first(waiting, shown, ranked, per_day, day)
        if day >= today:
            return [ranked[rank].value for rank in turn]
        shown.extend(turn)
        day += _DAY
        if not waiting and not shown and arrived < len(by_arrival):  # nobody on the line
            day = max(day, ranked[by_arrival[arrived]].arrives)


def _first(
    waiting: list[int], shown: deque[int], ranked: Sequence[Contender[T]], count: int,
    day: dt.date,
) -> list[int]:  # fmt: skip
    """The first ``count`` ranks of the line still on it on ``day``, taken off it (those
    that left on the way are dropped: they never come back)."""
    turn: list[int] = []
    while len(turn) < count and waiting:
        rank = heapq.heappop(waiting)
        if ranked[rank].leaves > day:
            turn.append(rank)
    while len(turn) < count and shown:
        rank = shown.popleft()
        if ranked[rank].leaves > day:
            turn.append(rank)
    return turn

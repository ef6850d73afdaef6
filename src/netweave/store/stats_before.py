"""The strength aggregates of a few people as they stood at an earlier moment, folded from
the log (``person_stats`` holds them as they stand now)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from netweave.clock import day_of
from netweave.store import tables
from netweave.store.stats import STRENGTH_COLUMNS, contacts_query, count_contact, id_chunks

if TYPE_CHECKING:
    from netweave.store.engine import Reader

_COUNTED = {"gave": "gives", "received": "receipts"}
_NAMES = (*STRENGTH_COLUMNS, "met_on")  # of the ``STRENGTH_VALUES``


def aggregates_before(
    session: Reader, now: Mapping[int, Sequence[Any]], moment: dt.datetime
) -> dict[int, tuple[Any, ...]]:
    """The ``STRENGTH_VALUES`` of these people (``now``: their values as they stand) from
    what was logged before ``moment`` only: their conversations before it and their gives
    and receipts of the days before its day (what they share with the user and the day
    they met are not logged: kept; a day met after ``moment`` comes after the first
    contact before it, so it does not count)."""
    rows = {pid: dict(zip(_NAMES, values, strict=True)) for pid, values in now.items()}
    for row in rows.values():
        row |= {"interactions": 0, "two_way": 0, "depth_sum": 0.0, "depth_at": None,
                "first_at": None, "last_at": None, "gives": 0, "receipts": 0}  # fmt: skip
    chat, swap = tables.interaction.c, tables.exchange.c
    for chunk in id_chunks(list(rows)):
        for pid, when, kind, direction, n in session.execute(
            contacts_query(chunk).where(chat.occurred_at < moment)
        ):
            count_contact(rows[pid], when, kind, direction, n)
        for pid, direction, n in session.execute(
            select(swap.person_id, swap.direction, func.count())
            .where(swap.person_id.in_(chunk), swap.occurred_on < day_of(moment))
            .group_by(swap.person_id, swap.direction)
        ):
            if direction in _COUNTED:
                rows[pid][_COUNTED[direction]] = n
    return {pid: tuple(row[name] for name in _NAMES) for pid, row in rows.items()}

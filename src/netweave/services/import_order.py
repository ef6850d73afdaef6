"""Which of two LinkedIn exports is the older, told by the latest connection each holds.

An export holds every connection made before it was made, so it was made on the day of its
latest "Connected On" or later. An import keeps that day on its batch (``counts``, under
``LATEST``; the latest of its files). An export whose latest connection is earlier than
that of the batch that gave someone's current role is older than that batch's export (it
would otherwise hold the later connection): the role it names is history, not news.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.io.records import PersonRecord
from netweave.store.models import ImportBatch

#: The key of a batch's ``counts`` that holds the latest connection of its exports.
LATEST = "latest_connection"
#: The kind of the batches that hold it.
KIND = "linkedin"


def latest_of(counts: dict[str, Any] | None) -> dt.date | None:
    """The latest connection a batch's ``counts`` holds (``None``: not known)."""
    value = (counts or {}).get(LATEST)
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def with_latest(
    counts: dict[str, Any], before: dict[str, Any] | None, day: dt.date | None = None
) -> dict[str, Any]:
    """``counts`` (a batch's summary written again) with the latest connection of the
    batch's files: that of ``before`` (its counts so far) or ``day`` (the file just read),
    whichever is later."""
    days = [d for d in (latest_of(before), day) if d is not None]
    return {**counts, LATEST: max(days).isoformat()} if days else counts


class ExportDays:
    """The latest connection of each batch's exports, each batch read once."""

    def __init__(self, session: Session, day: dt.date | None) -> None:
        self.session = session
        #: The latest connection of the export being read (``None``: not known).
        self.day = day
        self._days: dict[int, dt.date | None] = {}

    def any_known(self) -> bool:
        """Whether an earlier LinkedIn import (this one's earlier files too) knows its
        exports' latest connection: only then is one compared with this export's."""
        kept = self.session.scalars(select(ImportBatch.counts).where(ImportBatch.kind == KIND))
        return any(latest_of(counts) is not None for counts in kept)

    def saw(self, record: object, today: dt.date) -> None:
        """Note the day a record read says its connection was made (up to ``today``)."""
        day = record.first_known if isinstance(record, PersonRecord) else None
        if day is not None and day <= today and (self.day is None or day > self.day):
            self.day = day

    def older_than(self, batch_id: int | None) -> bool:
        """Whether the export being read is older than those of batch ``batch_id``: its
        latest connection is earlier than theirs (equal, or either unknown: not older)."""
        if self.day is None or batch_id is None:
            return False
        if batch_id not in self._days:
            counts = self.session.scalar(
                select(ImportBatch.counts).where(ImportBatch.id == batch_id)
            )
            self._days[batch_id] = latest_of(counts)
        theirs = self._days[batch_id]
        return theirs is not None and self.day < theirs

"""The one place that reads the clock; everything else takes ``today``/``now`` as a value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

UTC = dt.UTC


def utcnow() -> dt.datetime:
    """The real current time in UTC (for bookkeeping such as ``created_at``)."""
    return dt.datetime.now(UTC)


@dataclass(frozen=True)
class Clock:
    """The program's notion of "now"; ``as_of`` pins "today" (the ``--as-of`` option)."""

    as_of: dt.date | None = None

    def today(self) -> dt.date:
        """The day the agenda and due dates are computed for."""
        return self.as_of if self.as_of is not None else dt.date.today()

    def now(self) -> dt.datetime:
        """The current moment in UTC; on an ``as_of`` day, the real time of day on that date."""
        real = utcnow()
        if self.as_of is None:
            return real
        return dt.datetime.combine(self.as_of, real.timetz())

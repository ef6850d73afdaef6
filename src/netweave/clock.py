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

    def moment(self, on: dt.date | None) -> dt.datetime:
        """When an entry the user dates ``on`` a day happened: now, for today (or no day);
        noon UTC on an earlier day, so the date reads the same from UTC-11 to UTC+11.

        Today's entries keep the time of day, so a reply logged after an outreach of the
        same day comes after it.
        """
        if on is None or on == self.today():
            return self.now()
        return dt.datetime.combine(on, dt.time(12, 0, tzinfo=UTC))

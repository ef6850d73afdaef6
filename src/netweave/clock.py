"""The one place that reads the clock; everything else takes ``today``/``now`` as a value.

Moments are stored in UTC; days are the user's, in the computer's time zone (``TZ``): a
conversation at 00:30 in Berlin is on the day it was in Berlin. ``day_of`` and ``start_of``
turn one into the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

UTC = dt.UTC


def utcnow() -> dt.datetime:
    """The real current time in UTC (for bookkeeping such as ``created_at``)."""
    return dt.datetime.now(UTC)


def day_of(moment: dt.datetime) -> dt.date:
    """The day a moment falls on where the user is (a naive moment is UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone().date()


def local_stamp(moment: dt.datetime) -> str:
    """A moment as the user reads it: their time zone's ISO time, to the second, with the
    offset (``2026-11-26T09:30:00-05:00``: still one unambiguous instant)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone().isoformat(timespec="seconds")


def start_of(day: dt.date) -> dt.datetime:
    """The first moment of ``day`` where the user is, in UTC."""
    return local_moment(day, dt.time())


def local_moment(day: dt.date, time: dt.time) -> dt.datetime:
    """``time`` of ``day`` where the user is, in UTC. A time the clocks skip (where summer
    time starts at midnight, as in Santiago or Beirut, the day starts at 01:00) is the
    moment they skip it, on that day: never a moment of the day before."""
    wall = dt.datetime.combine(day, time)
    moment = wall.astimezone()
    if moment.date() != day:  # skipped, and taken back to the day before: take it forward
        moment = wall.replace(fold=1).astimezone()
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Clock:
    """The program's notion of "now"; ``as_of`` pins "today" (the ``--as-of`` option)."""

    as_of: dt.date | None = None

    def today(self) -> dt.date:
        """The day the agenda and due dates are computed for."""
        return self.as_of if self.as_of is not None else dt.date.today()

    def now(self) -> dt.datetime:
        """The current moment in UTC; on an ``as_of`` day, the real time of day on that date
        (the user's time of day, so the moment falls on that day where they are)."""
        real = utcnow()
        if self.as_of is None:
            return real
        return local_moment(self.as_of, real.astimezone().time())

    def moment(self, on: dt.date | None) -> dt.datetime:
        """When an entry the user dates ``on`` a day happened: now, for today (or no day);
        noon of that day where the user is, on another day.

        Today's entries keep the time of day, so a reply logged after an outreach of the
        same day comes after it.
        """
        if on is None or on == self.today():
            return self.now()
        return local_moment(on, dt.time(12))

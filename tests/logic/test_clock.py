"""The program's clock: a moved today, and when an entry dated by the user happened."""

from __future__ import annotations

import datetime as dt

from netweave.clock import UTC, Clock, utcnow

DAY = dt.date(2026, 6, 15)


def test_an_entry_dated_today_happens_now_on_that_day() -> None:
    before = utcnow()
    moment = Clock(as_of=DAY).moment(DAY)
    after = utcnow()
    assert moment.date() == DAY
    assert before.time() <= moment.time() <= after.time() or before.date() != after.date()
    assert Clock(as_of=DAY).moment(None).date() == DAY


def test_an_entry_dated_earlier_happens_at_noon_utc() -> None:
    earlier = DAY - dt.timedelta(days=3)
    assert Clock(as_of=DAY).moment(earlier) == dt.datetime(2026, 6, 12, 12, tzinfo=UTC)


def test_two_entries_of_today_keep_their_order() -> None:
    clock = Clock(as_of=DAY)
    assert clock.moment(DAY) <= clock.moment(None)

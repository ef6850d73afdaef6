"""The program's clock: a moved today, and when an entry dated by the user happened."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from netweave.clock import UTC, Clock, day_of, local_moment, start_of, utcnow

DAY = dt.date(2026, 6, 15)


def test_an_entry_dated_today_happens_now_on_that_day() -> None:
    before = utcnow()
    moment = Clock(as_of=DAY).moment(DAY)
    after = utcnow()
    assert moment.date() == DAY
    assert before.time() <= moment.time() <= after.time() or before.date() != after.date()
    assert Clock(as_of=DAY).moment(None).date() == DAY


def test_an_entry_dated_earlier_happens_at_noon() -> None:  # in UTC, where the tests run
    earlier = DAY - dt.timedelta(days=3)
    assert Clock(as_of=DAY).moment(earlier) == dt.datetime(2026, 6, 12, 12, tzinfo=UTC)


def test_two_entries_of_today_keep_their_order() -> None:
    clock = Clock(as_of=DAY)
    assert clock.moment(DAY) <= clock.moment(None)


def test_a_moments_day_is_the_users(new_york: None) -> None:
    evening = dt.datetime(2026, 6, 11, 1, 0, tzinfo=UTC)  # 9 pm on the 10th in New York
    assert day_of(evening) == dt.date(2026, 6, 10)
    assert day_of(evening.replace(tzinfo=None)) == dt.date(2026, 6, 10)  # naive is UTC
    assert start_of(dt.date(2026, 6, 10)) == dt.datetime(2026, 6, 10, 4, tzinfo=UTC)
    assert start_of(dt.date(2026, 1, 10)) == dt.datetime(2026, 1, 10, 5, tzinfo=UTC)  # winter


def test_a_moved_today_and_its_entries_fall_on_that_day_where_the_user_is(
    new_york: None,
) -> None:
    clock = Clock(as_of=DAY)
    assert day_of(clock.now()) == DAY  # whatever the real time of day
    assert day_of(clock.moment(None)) == DAY
    earlier = DAY - dt.timedelta(days=3)
    assert clock.moment(earlier) == dt.datetime(2026, 6, 12, 16, tzinfo=UTC)  # noon there


@pytest.fixture
def santiago(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's time zone is Santiago's, where summer time starts at midnight: on
    6 September 2026 the clocks go from 00:00 straight to 01:00."""
    monkeypatch.setenv("TZ", "America/Santiago")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_day_whose_midnight_is_skipped_starts_when_the_clocks_jump(santiago: None) -> None:
    jump = dt.date(2026, 9, 6)
    assert start_of(jump) == dt.datetime(2026, 9, 6, 4, tzinfo=UTC)  # 01:00 there, UTC−3
    assert day_of(start_of(jump)) == jump
    assert day_of(start_of(jump) - dt.timedelta(seconds=1)) == jump - dt.timedelta(days=1)
    assert start_of(jump - dt.timedelta(days=1)) == dt.datetime(2026, 9, 5, 4, tzinfo=UTC)
    assert start_of(jump + dt.timedelta(days=1)) == dt.datetime(2026, 9, 7, 3, tzinfo=UTC)


def test_a_time_the_clocks_skip_is_on_its_own_day(santiago: None) -> None:
    """``--as-of 2026-09-06`` run at 00:30 logs on the 6th, not at 23:30 on the 5th."""
    moment = local_moment(dt.date(2026, 9, 6), dt.time(0, 30))
    assert day_of(moment) == dt.date(2026, 9, 6)
    # when the clocks go back (at midnight on 4 April 2027), a day still starts at 00:00
    assert start_of(dt.date(2027, 4, 4)) == dt.datetime(2027, 4, 4, 4, tzinfo=UTC)
    assert day_of(local_moment(dt.date(2027, 4, 3), dt.time(23, 30))) == dt.date(2027, 4, 3)

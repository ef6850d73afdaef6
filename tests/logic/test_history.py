"""Strength over time: replaying the log at past moments."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from netweave.logic.history import Contact, sample_moments, strength_series
from netweave.logic.strength import total

UTC = dt.UTC
T0 = dt.datetime(2025, 1, 1, 12, tzinfo=UTC)


def test_no_contacts_is_zero_but_shared_interests() -> None:
    moments = sample_moments(dt.date(2025, 1, 1), dt.date(2025, 6, 1), 5)
    series = strength_series([], [], [], 2, moments)
    assert [total(f) for f in series] == [total(series[0])] * len(moments)
    assert all(f["recency"] == 0 and f["shared"] > 0 for f in series)


def test_a_conversation_raises_the_line_from_its_day() -> None:
    contacts = [Contact(T0 + dt.timedelta(days=30), 1.0, True)]
    moments = sample_moments(dt.date(2025, 1, 1), dt.date(2025, 3, 1), 3)
    before, after, later = (total(f) for f in strength_series(contacts, [], [], 0, moments))
    assert before == 0
    assert after > 0
    assert later <= after  # recency and depth fade without contact


def test_help_counts_from_the_day_it_was_given() -> None:
    contacts = [Contact(T0, 1.0, True)]
    moments = sample_moments(dt.date(2025, 1, 2), dt.date(2025, 1, 20), 2)
    series = strength_series(contacts, [dt.date(2025, 1, 10)], [], 0, moments)
    assert series[0]["reciprocity"] == 0
    assert series[1]["reciprocity"] > 0


@given(st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1)), st.integers(0, 4000), st.integers(2, 40))
def test_moments_span_the_range_in_order(start: dt.date, days: int, count: int) -> None:
    end = start + dt.timedelta(days=days)
    moments = sample_moments(start, end, count)
    assert moments[0].date() == start
    assert moments[-1].date() == max(end, start + dt.timedelta(days=1))
    assert moments == sorted(set(moments))
    assert len(moments) <= count

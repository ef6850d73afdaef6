"""Keep-in-touch cadence: any interaction resets the clock."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from netweave.config import DEFAULT_CIRCLES
from netweave.logic.cadence import cadence_days, next_due

D = dt.date(2026, 1, 1)


def test_cadence_comes_from_override_then_circle() -> None:
    assert cadence_days("close", None, DEFAULT_CIRCLES) == 30
    assert cadence_days("close", 7, DEFAULT_CIRCLES) == 7
    assert cadence_days("dormant", None, DEFAULT_CIRCLES) is None
    assert cadence_days(None, None, DEFAULT_CIRCLES) is None
    assert cadence_days("close", None, DEFAULT_CIRCLES, tag=10) == 10
    assert cadence_days("close", 7, DEFAULT_CIRCLES, tag=10) == 7


def test_next_due_counts_from_last_contact_or_first_meeting() -> None:
    assert next_due(D, dt.date(2025, 1, 1), 30) == dt.date(2026, 1, 31)
    assert next_due(None, D, 14) == dt.date(2026, 1, 15)
    assert next_due(D, D, None) is None


@given(st.integers(1, 400), st.integers(0, 800), st.integers(0, 800))
def test_a_later_contact_never_brings_the_check_in_forward(cadence: int, a: int, b: int) -> None:
    first, later = sorted((D + dt.timedelta(days=a), D + dt.timedelta(days=b)))
    earlier_due, later_due = next_due(first, D, cadence), next_due(later, D, cadence)
    assert earlier_due is not None
    assert later_due is not None
    assert later_due >= earlier_due

"""The 3B7 routine: business days, the step due, and the responder classes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from netweave.logic.followup import (
    FOLLOW_UP_AFTER,
    FOLLOW_UP_OFFERED_DAYS,
    SECOND_CONTACT_AFTER,
    add_business_days,
    business_days_between,
    days_with_a_step,
    next_step,
    responder_class,
)

MONDAY = dt.date(2026, 6, 1)
FRIDAY = dt.date(2026, 6, 5)
SATURDAY = dt.date(2026, 6, 6)

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


def brute_force(start: dt.date, end: dt.date) -> int:
    """Weekdays in (start, end], one day at a time."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += day.weekday() < 5
    return count


def bday(start: dt.date, n: int) -> dt.date:
    return add_business_days(start, n)


# --- business days -------------------------------------------------------------------------


def test_thresholds() -> None:
    assert (SECOND_CONTACT_AFTER, FOLLOW_UP_AFTER, FOLLOW_UP_OFFERED_DAYS) == (3, 7, 3)


def test_business_days_skip_the_weekend() -> None:
    assert business_days_between(MONDAY, MONDAY) == 0
    assert business_days_between(MONDAY, FRIDAY) == 4
    assert business_days_between(FRIDAY, SATURDAY) == 0
    assert business_days_between(FRIDAY, FRIDAY + dt.timedelta(days=3)) == 1  # Monday
    assert business_days_between(SATURDAY, SATURDAY + dt.timedelta(days=1)) == 0
    assert business_days_between(MONDAY, MONDAY + dt.timedelta(days=14)) == 10
    assert business_days_between(FRIDAY, MONDAY) == 0  # end before start


@given(days, st.integers(-30, 400))
def test_business_days_match_a_day_by_day_count(start: dt.date, span: int) -> None:
    end = start + dt.timedelta(days=span)
    assert business_days_between(start, end) == brute_force(start, end)


def test_add_business_days_skips_the_weekend() -> None:
    assert bday(FRIDAY, 1) == FRIDAY + dt.timedelta(days=3)
    assert bday(SATURDAY, 1) == SATURDAY + dt.timedelta(days=2)
    assert bday(MONDAY, 3) == dt.date(2026, 6, 4)
    assert bday(MONDAY, 7) == dt.date(2026, 6, 10)
    assert bday(MONDAY, 0) == MONDAY
    assert bday(SATURDAY, 0) == SATURDAY


@given(days, st.integers(0, 300))
def test_add_business_days_lands_on_a_weekday_n_business_days_later(start: dt.date, n: int) -> None:
    end = add_business_days(start, n)
    assert business_days_between(start, end) == n
    if n > 0:
        assert end.weekday() < 5
        # the first such day: the day before is one business day short
        assert business_days_between(start, end - dt.timedelta(days=1)) == n - 1


@given(days, st.integers(1, 400))
def test_add_business_days_inverts_the_count_on_weekdays(start: dt.date, span: int) -> None:
    end = start + dt.timedelta(days=span)
    assume(end.weekday() < 5)
    assert add_business_days(start, business_days_between(start, end)) == end


# --- responder classes -------------------------------------------------------------------


@pytest.mark.parametrize("sent", [MONDAY, dt.date(2026, 6, 3), FRIDAY, SATURDAY])
def test_responder_class_boundaries(sent: dt.date) -> None:
    later = sent + dt.timedelta(days=400)
    assert responder_class(sent, sent, later) == "booster"
    assert responder_class(sent, bday(sent, 3), later) == "booster"
    assert responder_class(sent, bday(sent, 4), later) == "obligate"
    assert responder_class(sent, bday(sent, 30), later) == "obligate"
    assert responder_class(sent, None, sent) is None
    assert responder_class(sent, None, bday(sent, 3)) is None
    assert responder_class(sent, None, bday(sent, 7)) is None
    assert responder_class(sent, None, bday(sent, 8)) == "curmudgeon"


def test_a_weekend_reply_counts_as_the_next_business_day_late() -> None:
    # sent Monday: Tue, Wed, Thu are days 1–3, Friday day 4 — and Saturday is still day 4
    assert responder_class(MONDAY, dt.date(2026, 6, 4), MONDAY) == "booster"
    assert responder_class(MONDAY, SATURDAY, MONDAY) == "obligate"


@given(days, st.integers(0, 60), st.integers(0, 60))
def test_responder_class_follows_the_business_day_count(
    sent: dt.date, reply_after: int, today_after: int
) -> None:
    replied = sent + dt.timedelta(days=reply_after)
    today = sent + dt.timedelta(days=today_after)
    waited = business_days_between(sent, replied)
    assert responder_class(sent, replied, today) == ("booster" if waited <= 3 else "obligate")
    silent = responder_class(sent, None, today)
    assert silent == ("curmudgeon" if business_days_between(sent, today) > 7 else None)


# --- next step -----------------------------------------------------------------------------


@pytest.mark.parametrize("sent", [MONDAY, dt.date(2026, 6, 4), SATURDAY])
def test_next_step_timeline(sent: dt.date) -> None:
    def step(n: int, followed_up: bool = False) -> str | None:
        return next_step(sent, followed_up, bday(sent, n))

    assert [step(n) for n in range(13)] == [
        None,
        None,
        None,
        "second_contact",
        "second_contact",
        "second_contact",
        "second_contact",
        "follow_up",
        "follow_up",
        "follow_up",
        None,  # left undone three business days: dropped, not repeated for weeks
        None,
        None,
    ]
    assert [step(n, followed_up=True) for n in range(13)] == [
        None,
        None,
        None,
        "second_contact",
        "second_contact",
        "second_contact",
        "second_contact",
        None,
        None,
        None,
        None,
        None,
        None,
    ]


def test_the_weekend_does_not_bring_the_second_contact_forward() -> None:
    # sent Thursday: Fri, Mon, Tue are days 1–3
    thursday = dt.date(2026, 6, 4)
    assert next_step(thursday, False, dt.date(2026, 6, 7)) is None  # Sunday, day 1
    assert next_step(thursday, False, dt.date(2026, 6, 8)) is None  # Monday, day 2
    assert next_step(thursday, False, dt.date(2026, 6, 9)) == "second_contact"


@given(days, st.integers(0, 90), st.booleans())
def test_next_step_follows_the_business_day_count(
    sent: dt.date, after: int, followed_up: bool
) -> None:
    today = sent + dt.timedelta(days=after)
    waited = business_days_between(sent, today)
    if waited < 3:
        expected = None
    elif waited < 7:
        expected = "second_contact"
    elif waited < 10:
        expected = None if followed_up else "follow_up"
    else:
        expected = None
    assert next_step(sent, followed_up, today) == expected


@given(days, st.integers(-5, 40))
def test_the_days_with_a_step_are_those_next_step_gives_one_for(
    today: dt.date, before: int
) -> None:
    """The agenda reads only outreach sent from ``first`` to ``last``: exactly the sends
    that have a step today when no follow-up was sent."""
    sent = today - dt.timedelta(days=before)
    first, last = days_with_a_step(today)
    assert (first <= sent <= last) == (next_step(sent, False, today) is not None)

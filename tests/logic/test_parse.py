"""Parsing dates, partial birthdays and interests."""

from __future__ import annotations

import datetime as dt

import pytest

from netweave.errors import InvalidInput
from netweave.logic.parse import MAX_ID, parse_birthday, parse_date, parse_interest, row_id


def test_dates() -> None:
    assert parse_date("2026-03-14") == dt.date(2026, 3, 14)
    with pytest.raises(InvalidInput, match="--met-on must be a date"):
        parse_date("14/03/2026", "--met-on")


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("1990-05-17", "1990-05-17"), ("--05-17", "--05-17"), ("--0229", "--02-29"), ("1990", "1990")],
)
def test_birthdays(raw: str, stored: str) -> None:
    assert parse_birthday(raw) == stored


@pytest.mark.parametrize("raw", ["1990-02-30", "May 17", "--13-01", "17.05.1990"])
def test_bad_birthdays(raw: str) -> None:
    with pytest.raises(InvalidInput):
        parse_birthday(raw)


def test_interests() -> None:
    assert parse_interest("Professional: machine  learning") == ("professional", "machine learning")
    for bad in ("chess", "hobby:chess", "social:", ":x"):
        with pytest.raises(InvalidInput, match="CATEGORY:LABEL"):
            parse_interest(bad)


def test_row_ids_stop_where_ids_fit_32_bits() -> None:
    assert row_id("#12") == row_id(" 12 ") == 12
    assert row_id(str(MAX_ID)) == MAX_ID == 2**31 - 1  # PostgreSQL's integer
    for beyond in (str(MAX_ID + 1), "#3000000000", "99999999999999999999"):
        assert row_id(beyond) == 0  # names no row
    for not_an_id in ("twelve", "#-1", "1.5", "²", ""):
        assert row_id(not_an_id) is None

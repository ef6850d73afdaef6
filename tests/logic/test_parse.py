"""Parsing dates, partial birthdays, interests and schools."""

from __future__ import annotations

import datetime as dt

import pytest

from netweave.errors import InvalidInput
from netweave.logic.parse import (
    DATE_RANGE,
    MAX_ID,
    parse_affiliation,
    parse_birthday,
    parse_date,
    parse_interest,
    parse_typed_birthday,
    row_id,
    whole_number,
)


def test_dates() -> None:
    assert parse_date("2026-03-14") == dt.date(2026, 3, 14)
    with pytest.raises(InvalidInput, match="--met-on must be a date"):
        parse_date("14/03/2026", "--met-on")


def test_typed_dates_are_from_1900_to_2999() -> None:
    first, last = DATE_RANGE
    assert (first, last) == (dt.date(1900, 1, 1), dt.date(2999, 12, 31))
    assert parse_date("1900-01-01") == dt.date(1900, 1, 1)
    assert parse_date("2999-12-31") == dt.date(2999, 12, 31)
    for typo in ("0026-03-01", "0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"):
        with pytest.raises(
            InvalidInput, match=f"^--on must be from 1900-01-01 to 2999-12-31, not {typo}$"
        ):
            parse_date(typo, "--on")


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


def test_a_typed_birthday_has_a_year_from_1900_to_2999() -> None:
    for ok in ("1900-01-01", "1990-05-17", "--02-29", "2999", " 1990 "):
        assert parse_typed_birthday(ok) == parse_birthday(ok)
    for typo in ("0026-03-01", "0026", "1850-05-17", "3000-01-01"):
        with pytest.raises(InvalidInput, match=r"^--birthday must have a year from 1900 to 2999"):
            parse_typed_birthday(typo)
    with pytest.raises(InvalidInput, match="not a real date"):
        parse_typed_birthday("1990-02-30")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("9 March", "--03-09"), ("March 9", "--03-09"), ("Mar 9, 1990", "1990-03-09"),
     ("17 may 1990", "1990-05-17"), ("Sept 3", "--09-03")],
)  # fmt: skip
def test_a_typed_birthday_may_name_its_month(typed: str, stored: str) -> None:
    assert parse_typed_birthday(typed) == stored


def test_a_typed_birthday_that_cannot_be_read_says_so_as_typed() -> None:
    with pytest.raises(InvalidInput, match=r"^birthday 'Feb 30' is not a real date$"):
        parse_typed_birthday("Feb 30")
    with pytest.raises(InvalidInput, match=r"17 May or 1990, not 'Maytember 3'$"):
        parse_typed_birthday("Maytember 3")


def test_a_files_birthday_keeps_its_year() -> None:
    # Importers take a birthday as the file spells it (an ancestor's card may say 1850).
    assert parse_birthday("1850-05-17") == "1850-05-17"
    assert parse_birthday("0026-03-01") == "0026-03-01"


def test_the_web_takes_the_same_dates() -> None:
    from pydantic import ValidationError

    from netweave.web.forms import LogIn, PersonIn, parse_day

    assert parse_day("1900-01-01") == dt.date(1900, 1, 1)
    with pytest.raises(InvalidInput, match="from 1900-01-01 to 2999-12-31, not 0026-03-01"):
        parse_day("0026-03-01")
    with pytest.raises(ValidationError, match="from 1900-01-01 to 2999-12-31"):
        PersonIn(name="Ada", met_on=dt.date(26, 3, 1))
    with pytest.raises(ValidationError, match="from 1900-01-01 to 2999-12-31"):
        LogIn(people=[1], on="3000-01-01")  # type: ignore[arg-type]
    # a birthday's year is checked by the people service, for the web as for the CLI
    # (tests/services/test_people.py)
    assert PersonIn(name="Ada", birthday="0026-03-01").changes().birthday == "0026-03-01"


def test_interests() -> None:
    assert parse_interest("Professional: machine  learning") == ("professional", "machine learning")
    for bad in ("chess", "hobby:chess", "social:", ":x"):
        with pytest.raises(InvalidInput, match="CATEGORY:LABEL"):
            parse_interest(bad)


def test_schools_and_communities() -> None:
    school = parse_affiliation
    assert school("Bayview University : BA Economics:2014-2018", kind="school") == (
        "school", "Bayview University", "BA Economics", (2014, 2018))  # fmt: skip
    assert school("Bayview", kind="school") == ("school", "Bayview", None, (None, None))
    assert school("Bayview:2018", kind="school")[2:] == (None, (2018, 2018))
    assert school("Bayview:MBA:2019-", kind="school")[2:] == ("MBA", (2019, None))
    assert school("Bayview::\u20132020", kind="school")[2:] == (None, (None, 2020))
    assert school("Bayview:Class of 2018", kind="school")[2:] == ("Class of 2018", (None, None))
    assert school("Club:Toastmasters:member") == ("club", "Toastmasters", "member", (None, None))
    for bad in ("Toastmasters", "guild:Toastmasters", ":x", "club::member"):
        with pytest.raises(InvalidInput, match=r"KIND:NAME|name it first"):
            parse_affiliation(bad)
    # each says the form its option takes
    said = r"^club: name it after its kind \(KIND:NAME\[:ROLE\]\[:FROM-TO\]\), not 'club:'$"
    with pytest.raises(InvalidInput, match=said):
        parse_affiliation("club:")
    with pytest.raises(InvalidInput, match=r"^school: name it first \(NAME\[:ROLE\]\[:FROM-TO\]\)"):
        parse_affiliation(":BA", kind="school")


@pytest.mark.parametrize(
    "typed",
    ["Bayview:BA:2020-20x", "Bayview:BA:14-18", "Bayview:2020-20x", "Bayview:14", "X:BA:CS"],
)
def test_years_badly_written_are_refused_not_kept_in_the_role(typed: str) -> None:
    with pytest.raises(InvalidInput, match=r"^school: years as FROM-TO .*, not '"):
        parse_affiliation(typed, kind="school")


def test_row_ids_stop_where_ids_fit_32_bits() -> None:
    assert row_id("#12") == row_id(" 12 ") == 12
    assert row_id(str(MAX_ID)) == MAX_ID == 2**31 - 1  # PostgreSQL's integer
    for beyond in (str(MAX_ID + 1), "#3000000000", "99999999999999999999"):
        assert row_id(beyond) == 0  # names no row
    for not_an_id in ("twelve", "#-1", "1.5", "²", ""):
        assert row_id(not_an_id) is None


@pytest.mark.parametrize("typed", ["2026-02-30", "2026-13-01", "2026-04-31"])
def test_a_date_that_does_not_exist_is_named_so(typed: str) -> None:
    with pytest.raises(InvalidInput, match=f"^--on: {typed} is not a real date$"):
        parse_date(typed, "--on")


def test_a_date_in_another_shape_is_shown_the_shape_wanted() -> None:
    with pytest.raises(InvalidInput, match=r"must be a date like 2026-03-14, not '1/12/2026'"):
        parse_date("1/12/2026", "--on")


@pytest.mark.parametrize(
    ("typed", "number"),
    [("12", 12), (" 7 ", 7), ("0", 0), ("-5", -5), ("007", 7)],
)
def test_a_whole_number_is_plain_ascii_digits(typed: str, number: int) -> None:
    assert whole_number(typed) == number


@pytest.mark.parametrize(
    "typed",
    ["1_0", "+5", "\uff11\uff12", "\u0661", "1e3", "1.0", "", " ", "--5", "5-", "0x10", "9" * 5000],
)
def test_what_pythons_int_reads_but_a_user_does_not_type_is_no_number(typed: str) -> None:
    assert whole_number(typed) is None

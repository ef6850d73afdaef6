"""Parsing of user-typed values: dates, partial birthdays, interests, schools."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from netweave.errors import InvalidInput
from netweave.logic.normalize import clean
from netweave.logic.vocab import COMMUNITY_KINDS, INTEREST_CATEGORIES
from netweave.logic.wording import echoed

_BIRTHDAY = re.compile(r"^(?:(\d{4})-(\d{2})-(\d{2})|--(\d{2})-?(\d{2})|(\d{4}))$")


#: The largest row id: ids fit a 32-bit integer on every backend (PostgreSQL's ``integer``),
#: so a larger number names no row. Ids typed on the command line or sent to the web stop here.
MAX_ID = 2**31 - 1
#: The most rows a ``--limit`` may ask for.
MAX_LIMIT = 1000


#: The longest keep-in-touch interval (and snooze) in days: ten years.
MAX_DAYS = 3650
#: The largest count a threshold or weekly target may ask for.
MAX_COUNT = 1000

#: The years of every date a user types (and of ``--as-of``): due dates are computed years
#: ahead of a day, and a year like 0026 or 9999 is a typo, not a plan.
FIRST_YEAR, LAST_YEAR = 1900, 2999
DATE_RANGE = (dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31))


#: What a field says to clear its value ("--circle none", an employer of "none").
NONE = "none"


def says_none(value: str | None) -> bool:
    """Whether a typed value says ``none``: clear the value (ignoring case and spaces)."""
    return value is not None and value.strip().lower() == NONE


#: A whole number as the user types it: plain ASCII digits, a minus in front at most.
_WHOLE = re.compile(r"-?[0-9]+")
#: The most digits read (Python refuses to read a longer number; no range comes near it).
_MOST_DIGITS = 4000


def whole_number(text: str) -> int | None:
    """The whole number ``text`` is (spaces around it aside), or ``None`` when it is none:
    the one rule of every number a user types, on the command line and in the web's forms.
    Only plain ASCII digits, with a leading minus (the range the number is then checked
    against says whether a negative is taken): ``1_0``, ``+5``, ``１２`` or ``1e3`` are not
    numbers here, although Python's ``int()`` reads some of them."""
    digits = text.strip()
    if len(digits) > _MOST_DIGITS or not _WHOLE.fullmatch(digits):
        return None
    return int(digits)


def bounded(value: int, low: int, high: int, what: str) -> int:
    """``value`` if ``low <= value <= high``; else one clear error naming ``what``."""
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be from {low} to {high}, not {value}")
    return value


def row_id(text: str) -> int | None:
    """The id in ``#12`` or ``12`` (ASCII digits only), or ``None`` when ``text`` is not one.

    A number beyond any row's id becomes 0, which matches no row: looked up, it is "not
    found" instead of a number the database cannot hold.
    """
    digits = text.strip().removeprefix("#")
    if not (digits.isascii() and digits.isdigit()):
        return None
    value = int(digits)
    return value if value <= MAX_ID else 0


def parse_date(value: str, what: str = "date") -> dt.date:
    """An ISO date (``YYYY-MM-DD``) within ``DATE_RANGE``; raises ``InvalidInput`` naming
    ``what`` otherwise."""
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        if _DATE_SHAPE.fullmatch(value.strip()):  # 2026-02-30, 2026-13-01
            raise InvalidInput(f"{what}: {value.strip()} is not a real date") from None
        raise InvalidInput(f"{what} must be a date like 2026-03-14, not {value!r}") from None
    return in_date_range(day, what)


def snooze_end(today: dt.date, until: str | None, days: int, what: str = "--until") -> dt.date:
    """The day a snooze ends: ``until`` (a date typed in the field ``what``) when given,
    else ``days`` (1 to ``MAX_DAYS``) after ``today``; refused unless it is after today."""
    if until is not None:
        return after_today(parse_date(until, what), today)
    return after_today(today + dt.timedelta(days=bounded(days, 1, MAX_DAYS, "days")), today)


def after_today(day: dt.date, today: dt.date) -> dt.date:
    """``day`` as the end of a snooze: refused unless it comes after ``today`` (a snooze
    that ends today hides nothing)."""
    if day <= today:
        raise InvalidInput(f"snooze until a day after today ({today}), not {day}")
    return day


#: What is written as an ISO date, real or not.
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


def in_date_range(day: dt.date, what: str = "date") -> dt.date:
    """``day`` if it lies within ``DATE_RANGE``; else one clear error naming ``what``."""
    first, last = DATE_RANGE
    if not first <= day <= last:
        raise InvalidInput(f"{what} must be from {first} to {last}, not {day.isoformat()}")
    return day


def parse_birthday(value: str) -> str:
    """A full or partial birthday: ``1990-05-17``, ``--05-17`` (no year) or ``1990`` (year only)."""
    text = value.strip()
    match = _BIRTHDAY.match(text)
    if not match:
        raise InvalidInput(f"birthday must look like 1990-05-17, --05-17 or 1990, not {value!r}")
    year, month, day, pmonth, pday, only_year = match.groups()
    if only_year:
        return only_year
    check_year = int(year) if year else 2000  # a leap year, so --02-29 is allowed
    month_s, day_s = (month, day) if year else (pmonth, pday)
    try:
        dt.date(check_year, int(month_s), int(day_s))
    except ValueError:
        raise InvalidInput(f"birthday {value!r} is not a real date") from None
    return f"{year}-{month_s}-{day_s}" if year else f"--{month_s}-{day_s}"


#: A birthday written with the month's name: "9 March", "March 9", "Mar 9, 1990".
_NAMED_MONTH = re.compile(
    r"(?:(?P<d1>\d{1,2})\.?\s+(?P<m1>[a-z]{3,9})\.?|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2}))"
    r"(?:,?\s+(?P<year>\d{4}))?",
    re.I,
)
_MONTHS = (
    {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
    | {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)


def _with_month_name(text: str) -> str:
    """ "9 March 1990" as ``1990-03-09``, "March 9" as ``--03-09``; anything else as given."""
    match = _NAMED_MONTH.fullmatch(text.strip())
    month = match and _MONTHS.get((match["m1"] or match["m2"]).lower())
    if not match or not month:
        return text
    day = int(match["d1"] or match["d2"])
    return f"{match['year'] or '-'}-{month:02d}-{day:02d}"


def parse_typed_birthday(value: str, what: str = "--birthday") -> str:
    """``parse_birthday`` for a birthday a user typed (the month may be named: "9 March",
    "March 9, 1990"): a year, when given, is one of ``FIRST_YEAR``..``LAST_YEAR``. (A
    file's birthday is taken as the file spells it.)"""
    try:
        birthday = parse_birthday(_with_month_name(value))
    except InvalidInput as problem:
        if "real date" in str(problem):
            raise InvalidInput(f"birthday {value.strip()!r} is not a real date") from None
        raise InvalidInput(
            f"birthday must look like 1990-05-17, 17 May 1990, --05-17, 17 May or 1990, not "
            f"{value.strip()!r}"
        ) from None
    year = birthday[:4]
    if year.isdigit() and not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise InvalidInput(
            f"{what} must have a year from {FIRST_YEAR} to {LAST_YEAR}, not {value.strip()!r}"
        )
    return birthday


def parse_interest(value: str) -> tuple[str, str]:
    """``CATEGORY:LABEL`` → (category, label), category one of personal/professional/social."""
    category, sep, label = value.partition(":")
    category = category.strip().lower()
    label = clean(label)
    if not sep or category not in INTEREST_CATEGORIES or not label:
        raise InvalidInput(
            f"interest must be CATEGORY:LABEL with CATEGORY one of "
            f"{', '.join(INTEREST_CATEGORIES)} (e.g. professional:machine learning), not {value!r}"
        )
    return category, label


#: The years of a school or community as typed: ``2014-2018``, ``2014-``, ``-2018`` or ``2018``.
_YEARS = re.compile(r"^(\d{4})?\s*[-\u2013]\s*(\d{4})?$|^(\d{4})$")


#: A last part meant as years but not written as ``_YEARS`` (``2020-20x``, ``14-18``, ``14``).
_LIKE_YEARS = re.compile(r"^\d+$|^\d+\s*[-\u2013]|^[-\u2013]\s*\d")

#: A school or community as typed: kind, name, role and (first year, last year).
Affiliated = tuple[str, str, str | None, tuple[int | None, int | None]]


def parse_affiliation(value: str, *, kind: str | None = None) -> Affiliated:
    """``[KIND:]NAME[:ROLE][:YEARS]`` → (kind, name, role, (from, to)): a school or community
    as ``--school`` (``kind`` given) or ``--community`` (``KIND:`` first) takes it. YEARS is
    ``2014-2018``, ``2014-`` (from), ``-2018`` (until) or ``2018`` (that year alone)."""
    parts = [clean(part) for part in value.split(":")]
    form = "NAME[:ROLE][:FROM-TO]" if kind else "KIND:NAME[:ROLE][:FROM-TO]"
    if kind is None:
        said = parts.pop(0).lower() if len(parts) > 1 else ""
        if said not in COMMUNITY_KINDS:
            raise InvalidInput(
                f"community must be KIND:NAME[:ROLE][:FROM-TO] with KIND one of "
                f"{', '.join(COMMUNITY_KINDS)} (e.g. club:Toastmasters:member), not {value!r}"
            )
        kind = said
    years: tuple[int | None, int | None] = (None, None)
    found = _YEARS.match(parts[-1]) if len(parts) > 1 else None
    if found and any(found.groups()):
        parts.pop()
        start, end, alone = found.groups()
        years = (int(alone), int(alone)) if alone else (_year(start), _year(end))
    elif len(parts) > 2 or (len(parts) == 2 and _LIKE_YEARS.match(parts[-1])):
        raise InvalidInput(
            f"{kind}: years as FROM-TO with four digits each (e.g. 2014-2018), "
            f"not {echoed(parts[-1])}"
        )
    name, role = parts[0], clean(":".join(parts[1:])) or None
    if not name:
        where = "first" if form.startswith("NAME") else "after its kind"
        raise InvalidInput(f"{kind}: name it {where} ({form}), not {value!r}")
    return kind, name, role, years


def _year(text: str | None) -> int | None:
    return int(text) if text else None

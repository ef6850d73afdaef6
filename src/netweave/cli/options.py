"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from netweave.errors import InvalidInput
from netweave.logic.parse import (
    MAX_DAYS,
    MAX_ID,
    MAX_LIMIT,
    parse_date,
    says_none,
    snooze_end,
    whole_number,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Force = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]
#: Until when to snooze something: ``--until DATE``, or ``--days N`` (``DaysOpt``) from today.
UntilOpt = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Hide it until this day.")
]


def _path(name: str) -> Callable[[str], Path]:
    """The parser of a file or folder parameter: ``""`` names no file (a shell's unset
    variable), although the operating system would take it for the current folder."""

    def parse(value: str) -> Path:
        if not value.strip():
            raise InvalidInput(f"{name} is empty")
        return Path(value)

    return parse


def path_argument(help: str, metavar: str) -> Any:
    """A file or folder argument; ``""`` is refused, naming it (``FILE is empty``), exit 1.
    Whether the file can be read is the command's own error."""
    return typer.Argument(metavar=metavar, help=help, parser=_path(metavar.rstrip(".")))


def path_option(name: str, metavar: str, help: str) -> Any:
    """A file or folder option; ``""`` is refused, naming it (``--check is empty``), exit 1."""
    return typer.Option(name, metavar=metavar, help=help, parser=_path(name))


def given(value: str | None, option: str) -> str | None:
    """An option's value; ``""`` (a shell's unset variable) is refused, naming the option,
    rather than taken as "not given" (a filter dropped) or written."""
    if value is not None and not value.strip():
        raise InvalidInput(empty_option(option))
    return value


def empty_option(option: str) -> str:
    """The line that refuses an empty option value."""
    return f"{option} is empty: give a value, or leave {option} out"


def empty_value(option: str) -> str:
    """The line that refuses an empty value of an edit that ``none`` drops."""
    return f"{option} is empty: give a value, or none to drop it"


def change(value: str | None, option: str) -> str | None:
    """A single value an edit command sets, the one convention of every edit: ``None`` (not
    given) leaves the value as it is; ``none`` drops it, passed on as ``""`` (what the
    services take for "clear it"); an empty value (a shell's unset variable) is refused,
    naming the option, rather than taken to drop the value."""
    if value is None:
        return None
    if says_none(value):
        return ""
    if not value.strip():
        raise InvalidInput(empty_value(option))
    return value


#: The parameter types of the Click that Typer uses (the installed Typer may carry a Click
#: of its own: ``typer._click.types`` or ``click.types``).
_types: Any = importlib.import_module(typer.BadParameter.__module__.rpartition(".")[0] + ".types")


class _Whole(_types.IntRange):  # type: ignore[misc]
    """A whole number in a range, read by the one rule of numbers typed (``whole_number``:
    plain ASCII digits, not ``1_0``, ``+5`` or ``１２`` as Click's ``int()`` would)."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str):
            number = whole_number(value)
            if number is None:
                self.fail(f"{value!r} is not a whole number.", param, ctx)
            value = number
        return super().convert(value, param, ctx)


class _RowNumber(_Whole):
    """A row's number as lists and messages print it, ``#12``, or as ``12``."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        number = value.strip().removeprefix("#") if isinstance(value, str) else ""
        # '#x' is refused as typed
        return super().convert(number if whole_number(number) is not None else value, param, ctx)


def id_argument(help: str, metavar: str = "ID") -> Any:
    """A row's number, ``12`` or ``#12``: 1 to ``MAX_ID`` (a larger number names no row: a
    usage error)."""
    return typer.Argument(metavar=metavar, help=help, click_type=_RowNumber(min=1, max=MAX_ID))


def number_option(*names: str, bounds: tuple[int, int], help: str, metavar: str = "N") -> Any:
    """A whole-number option from ``bounds[0]`` to ``bounds[1]``. The command line checks it
    as it reads it: a value out of range, or not a whole number, is a usage error (exit 2)
    naming the option and the range, the one wording of every number refused."""
    low, high = bounds
    return typer.Option(*names, metavar=metavar, click_type=_Whole(min=low, max=high), help=help)


#: How long to snooze something: ``--until DATE``, or ``--days N`` from today.
DaysOpt = Annotated[
    int,
    number_option(
        "--days", bounds=(1, MAX_DAYS), help=f"Or: hide it for this many days (up to {MAX_DAYS})."
    ),
]


def limit_option(help: str, *names: str) -> Any:
    """``--limit``: 1 to ``MAX_LIMIT`` rows."""
    return number_option(*(names or ("--limit",)), bounds=(1, MAX_LIMIT), help=help)


class _Cadence(_types.ParamType):  # type: ignore[misc]
    """A cadence as typed: a number of days from 1 to ``MAX_DAYS``, or ``none``; anything
    else is a usage error (exit 2) in the words of every number refused. A blank value of
    an option is left to the command (an empty option is refused by name); of an argument,
    it is not a number either (as for ``config set``)."""

    name = "days"

    def __init__(self, *, blank_refused: bool = False) -> None:
        self.blank_refused = blank_refused

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        text = str(value).strip()
        if (not text and not self.blank_refused) or says_none(text):
            return value
        days = whole_number(text)
        if days is None:
            self.fail(f"{value!r} is not a whole number of days, or none", param, ctx)
        elif not 1 <= days <= MAX_DAYS:
            self.fail(f"{days} is not from 1 to {MAX_DAYS}", param, ctx)
        return text


def cadence_option(help: str) -> Any:
    """``--cadence DAYS``: 1 to ``MAX_DAYS`` days, or ``none``."""
    return typer.Option("--cadence", metavar="DAYS", click_type=_Cadence(), help=help)


def cadence_argument(help: str) -> Any:
    """A ``DAYS`` argument: 1 to ``MAX_DAYS`` days, or ``none``."""
    return typer.Argument(metavar="DAYS", click_type=_Cadence(blank_refused=True), help=help)


#: The options that describe a conversation, for ``log`` (with defaults) and for
#: ``conversations edit`` (``None``: leave it as it is).
_KINDS = "coffee, meeting, call, video, email, message, event or note."
KindOpt = Annotated[str, typer.Option("--kind", metavar="K", help=_KINDS)]
DirectionOpt = Annotated[
    str, typer.Option("--direction", metavar="out|in|both", help="Who reached out.")
]
KindChange = Annotated[str | None, typer.Option("--kind", metavar="K", help=_KINDS)]
DirectionChange = Annotated[
    str | None, typer.Option("--direction", metavar="out|in|both", help="Who reached out.")
]


def parse_date_option(value: str | None, option: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` option value, or ``None`` when it was not given."""
    return parse_date(value, option) if value is not None else None


def snooze_day(today: dt.date, until: str | None, days: int) -> dt.date:
    """The day a snooze ends: ``--until`` when given, else ``--days`` after today (the
    rule the web's snooze forms follow too)."""
    return snooze_end(today, until, days)


def days_or_until(ctx: typer.Context, until: str | None, days: int) -> None:
    """Refuse ``--days`` and ``--until`` together: the snooze ends on one day, not two."""
    source = ctx.get_parameter_source("days")
    if until is not None and source is not None and source.name != "DEFAULT":
        ctx.fail(f"give --days or --until, not both (--days {days}, --until {until})")

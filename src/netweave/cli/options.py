"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from netweave.logic.parse import parse_date

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def parse_date_option(value: str | None, option: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` option value, or ``None`` when it was not given."""
    return parse_date(value, option) if value is not None else None

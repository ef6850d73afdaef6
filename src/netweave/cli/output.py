"""Rendering: JSON for machines (``--json``), Rich tables and text for people."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

DASH = "—"


def print_json(data: Any) -> None:
    """Print ``data`` as JSON (UTF-8, dates as ISO strings)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialize {type(value).__name__}")


def console() -> Console:
    """A console on standard output."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def error(message: str) -> None:
    """One line on standard error."""
    sys.stderr.write(f"netweave: error: {message}\n")


def say(message: str) -> None:
    """One line of plain output."""
    sys.stdout.write(message + "\n")


def table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None
) -> None:
    """Print a table for people to read."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=title, title_justify="left", header_style="bold", pad_edge=False, box=None)
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(Text(cell(v)) for v in row))
    console().print(grid)


def cell(value: Any) -> str:
    """A table cell: empty values as a dash, lists joined."""
    if value is None or value == "" or value == []:
        return DASH
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def escape(text: str) -> str:
    """Escape Rich markup in user data."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)

"""Rendering: JSON for machines (``--json``), Rich tables and text for people."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

DASH = "—"
#: Control characters other than a new line or a tab: shown as U+FFFD, never sent to the
#: terminal (an escape sequence in an imported name could clear the screen or retitle it).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with its control characters (but new lines and tabs) made harmless."""
    return text if text.isprintable() else _CONTROL.sub("\ufffd", text)


def print_json(data: Any) -> None:
    """Print ``data`` as JSON (UTF-8, dates as ISO strings; escaped as ``\\uXXXX`` where
    standard output cannot say them)."""
    plain = not _utf(sys.stdout)
    sys.stdout.write(json.dumps(data, ensure_ascii=plain, indent=2, default=_default) + "\n")


def _utf(stream: Any) -> bool:
    return "utf" in (getattr(stream, "encoding", None) or "utf-8").lower()


def tolerate_encodings() -> None:
    """Let standard output and error write what their encoding cannot (a C locale, a
    pipe set to ASCII or Latin-1): such characters become ``?``, rather than the command
    failing after its change is saved."""
    for stream in (sys.stdout, sys.stderr):
        if not _utf(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialize {type(value).__name__}")


def no_color() -> bool:
    """Whether the user asked for plain text: ``NO_COLOR`` set to anything but the empty
    string (https://no-color.org). Then nothing is styled at all: no colour, and no bold or
    dim either, which are escape codes as much as colours are."""
    return bool(os.environ.get("NO_COLOR"))


def console(*, stderr: bool = False) -> Console:
    """A console on standard output (or error).

    On a terminal long lines wrap at its width. Anywhere else (a pipe, a file) each line is
    written whole, however long: ``netweave today | grep 3b7`` finds a whole item, never a
    piece of one cut at an assumed 80 columns. With ``NO_COLOR`` it styles nothing (Rich
    alone would drop the colours but still send bold and dim).
    """
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(
        stderr=stderr,
        highlight=False,
        soft_wrap=not stream.isatty(),
        emoji=False,
        color_system=None if no_color() else "auto",
    )


def error(message: str) -> None:
    """One line on standard error (a line break in it, from a file's name, say, is not
    one: it is shown as U+FFFD)."""
    sys.stderr.write(f"netweave: error: {visible(message).replace(chr(10), chr(0xFFFD))}\n")


def say(message: str) -> None:
    """One line of plain output."""
    sys.stdout.write(visible(message) + "\n")


def aside(message: str) -> None:
    """One line about the output rather than of it (standard error): what a redirect into
    a file should leave out."""
    sys.stderr.write(visible(message) + "\n")


def say_more(shown: int, found: int) -> None:
    """The note under a list cut off at its limit: how many more, and how to see them."""
    from netweave.logic.parse import MAX_LIMIT
    from netweave.services.finding import COUNT_CAP

    more = found - shown
    if more <= 0:
        return
    if found >= COUNT_CAP:
        say(f"… and at least {more:,} more: add words to narrow the search.")
    else:
        say(f"… and {more:,} more: --limit {min(found, MAX_LIMIT)}")


def say_new_org(view: dict[str, Any], *, only_if_similar: bool = False) -> None:
    """A line when a command made an organization from a name typed (its view's
    ``new_org``): a short or mistyped name may have meant one already here. With
    ``only_if_similar`` (a person's new company, an organization added: everyday news) the
    line is said only when there are names it may have meant."""
    new = view.get("new_org")
    if not new:
        return
    if new["similar"]:
        say(f"{new['name']} is a new organization; did you mean {' or '.join(new['similar'])}?")
    elif not only_if_similar:
        say(f"{new['name']} is a new organization.")


def table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None
) -> None:
    """Print an aligned table for people to read (plain text; the header bold on a terminal).

    Written by hand rather than with Rich: ``people list`` runs many times a day and
    this keeps Rich's import and layout engine off its start-up path.
    """
    cells = [[cell(v) for v in row] for row in rows]
    widths = [_width(c) for c in columns]
    for row in cells:
        widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=True)]
    terminal = sys.stdout.isatty()
    if terminal:  # on a terminal the table fits its width; a pipe gets every cell whole
        widths = fitted(widths, shutil.get_terminal_size().columns)
    bold = terminal and not no_color()
    lines = [visible(title)] if title else []
    header = _line(columns, widths)
    lines.append(f"\033[1m{header}\033[0m" if bold else header)
    lines.extend(_line(row, widths) for row in cells)
    sys.stdout.write("\n".join(lines) + "\n")


#: The narrowest a column is cut to so that a table fits a terminal.
NARROWEST = 6


def fitted(widths: Sequence[int], columns: int) -> list[int]:
    """Column widths cut down, the widest first, so that a row of them (two spaces apart)
    fits ``columns``; none narrower than ``NARROWEST`` (or than it was), so a terminal
    too narrow for even that gets lines wider than itself."""
    fit = list(widths)
    over = sum(fit) + 2 * (len(fit) - 1) - columns
    while over > 0:
        widest = max(range(len(fit)), key=lambda i: fit[i])
        if fit[widest] <= NARROWEST:
            break
        fit[widest] -= 1
        over -= 1
    return fit


def _line(values: Sequence[str], widths: Sequence[int]) -> str:
    cut = [_cut(v, w) for v, w in zip(values, widths, strict=True)]
    padded = [v + " " * (w - _width(v)) for v, w in zip(cut, widths, strict=True)]
    return "  ".join(padded).rstrip()


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns: cut short with an ellipsis when it is wider."""
    if _width(text) <= width:
        return text
    kept = ""
    for char in text:
        if _width(kept + char) > width - 1:
            break
        kept += char
    return kept + "…"


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (East Asian) characters count twice."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def cell(value: Any) -> str:
    """A table cell: empty values as a dash, lists joined."""
    if value is None or value == "" or value == []:
        return DASH
    if isinstance(value, list | tuple):
        return visible(", ".join(str(v) for v in value))
    return visible(" ".join(str(value).split()))  # one line per row: no newlines or tabs


def escape(text: str) -> str:
    """Escape Rich markup in user data (and make its control characters harmless)."""
    from rich.markup import escape as rich_escape

    return rich_escape(visible(text))


def say_answered(asks: list[dict[str, Any]]) -> None:
    """The asks a logged receipt settled, one line each."""
    for ask in asks:
        say(f"  That answers your ask #{ask['id']} of {ask['person']} ({ask['kind']}, "
            f"{ask['on']}): marked fulfilled.")  # fmt: skip


def say_reopened(asks: list[dict[str, Any]]) -> None:
    """The asks a receipt taken back no longer settles, one line each."""
    for ask in asks:
        say(f"  Open again: your ask #{ask['id']} of {ask['person']} ({ask['kind']}, "
            f"{ask['on']}).")  # fmt: skip

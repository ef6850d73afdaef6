"""Reading text exports: streamed CSV rows, and the dates they spell (the encoding is
``io.encoding``'s)."""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from netweave.errors import InvalidInput
from netweave.io.records import FormatError
from netweave.logic.normalize import clean
from netweave.logic.parse import parse_birthday

#: A header row is looked for in this many lines at most.
HEADER_LINES = 100
#: The longest cell read (Python's csv module stops at 128 KiB; notes pasted from a long
#: email are longer): past it, a cell is a bad row.
MAX_CELL = 16 * 1024 * 1024
csv.field_size_limit(MAX_CELL)

_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_DAY_MONTH = re.compile(r"^(\d{1,2})[ -]([a-z]{3,})\.?(?:,?[ -](\d{4}|\d{2}))?$", re.I)
_MONTH_DAY = re.compile(r"^([a-z]{3,})\.? (\d{1,2})(?:, ?(\d{4}))?$", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
#: Day first, as Germany, Russia and much of Europe write dates: ``15.04.1985``.
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$")
#: Outlook's year for a birthday without one.
_NO_YEAR = 1604


def csv_rows(
    lines: Iterable[str],
    name: str,
    line_offset: int = 0,
    delimiter: str = ",",
    errors: list[FormatError] | None = None,
    width: int | None = None,
    every_cell: bool = False,
) -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with the physical line it starts on; ``line_offset`` lines came before.

    Blank lines are skipped; a CSV syntax error becomes a ``FormatError`` naming the line,
    and so does a quote never closed (Python's reader would run its cell on to the end of
    the file, taking every row after it: a line is added at the end to see it happen). That
    row is bad: it goes to ``errors`` when given (and the rows end there), else is raised.
    A quote closed only by a later row's quote took the rows between into one cell: with
    the header's ``width`` given, a row with more cells than it and a line break in one is
    that, and bad too (the rows after it are read).

    A row with fewer cells than the header is legal (a file typed by hand, or a script
    that drops trailing empty cells), and so is a last line with no line end. Both at once
    say a cut-off file (a download stopped short inside that row, its last cell likely cut
    too) only where the file's writer is seen to write every cell: ``every_cell`` (the
    format's own exports always do: LinkedIn's), or a row before it has the header's
    width with its last cell empty (Google's and Outlook's exports write the empty cells).
    Then, when no row before it is short, that last row is bad as cut off; otherwise it is
    read as any short row is.
    """
    if isinstance(lines, io.TextIOBase):
        lines = _bounded(lines, name, line_offset)
    tail = _Tail(lines)
    reader = csv.reader(itertools.chain(tail, [_END + "\n"]), delimiter=delimiter)
    seen = _RowsSeen(name, width, every_cell)
    consumed = 0
    try:
        for row in reader:
            start = line_offset + consumed + 1
            consumed = reader.line_num
            if row == [_END]:  # the line added at the end
                return
            problem, last = seen.problem(row, start, ended=tail.ended)
            if problem is not None:
                _report(problem, errors)
                if last:
                    return
            elif "".join(row).strip():  # a cell that is not blank (sooner than cell by cell)
                seen.saw(row)
                yield start, row
    except csv.Error as exc:
        raise _malformed(exc, name, line_offset + reader.line_num) from None


def _report(problem: FormatError, errors: list[FormatError] | None) -> None:
    """Keep a bad row's problem in ``errors`` (the row is then skipped), or raise it."""
    if errors is None:
        raise problem
    errors.append(problem)


def _malformed(exc: csv.Error, name: str, line: int) -> FormatError:
    """The problem of a file the csv reader gives up on at ``line``."""
    why = f"malformed CSV: {exc}"
    if "field larger than field limit" in str(exc):
        why = f"a cell longer than {MAX_CELL // 2**20} MB: not a contacts export"
    return FormatError(name, why, line)


@dataclass
class _RowsSeen:
    """What the rows of a CSV file read so far tell of it: whether its writer writes every
    cell, and whether a row was shorter than the header (see ``csv_rows``)."""

    name: str
    width: int | None
    writes_every_cell: bool
    short_before: bool = False

    def problem(
        self, row: list[str], start: int, *, ended: bool
    ) -> tuple[FormatError | None, bool]:
        """What is wrong with a row starting at line ``start`` (``None``: nothing), and
        whether the rows end with it; ``ended``: its last line ended with a line break."""
        if row and _END in row[-1]:  # a cell run on to the line added at the end
            why = "a quoted field is not closed: it runs on to the end of the file"
            return FormatError(self.name, why, start), True
        width = self.width
        if width is not None and len(row) > width and any("\n" in cell for cell in row):
            why = "a quoted field is not closed: the row runs on into the lines after it"
            return FormatError(self.name, why, start), False
        short = width is not None and len(row) < width
        if short and not ended and self.writes_every_cell and not self.short_before:
            why = (f"the file ends inside this row ({len(row)} of its {width} fields, "
                   "and no line end: cut off?)")  # fmt: skip
            return FormatError(self.name, why, start), True
        return None, False

    def saw(self, row: list[str]) -> None:
        """Take a row read as good into account."""
        short = self.width is not None and len(row) < self.width
        self.short_before = self.short_before or short
        self.writes_every_cell = self.writes_every_cell or (
            len(row) == self.width and row[-1] == ""
        )


class _Tail:
    """Lines read, and whether the last read so far ended with a line break (only a
    file's last line may not: the csv reader reads no further than the row it gives)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = lines
        self.ended = True

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            self.ended = line.endswith(("\n", "\r"))
            yield line


def _bounded(stream: io.TextIOBase, name: str, line_offset: int) -> Iterator[str]:
    """The stream's lines, each read at most ``MAX_CELL`` characters at a time: a line
    longer than that (a gigabyte of spaces in a zip of one megabyte) is refused before it
    is held in memory whole."""
    number = line_offset
    for line in iter(functools.partial(stream.readline, MAX_CELL), ""):
        number += 1
        if len(line) == MAX_CELL and line[-1] != "\n":
            raise FormatError(
                name, f"a line longer than {MAX_CELL // 2**20} MB: not a contacts export", number
            )
        yield line


#: The line ``csv_rows`` adds after a file's last (a character of Unicode's private area:
#: no export writes it).
_END = "\ue000end of the file\ue000"


def find_header(
    stream: Iterator[str], name: str, is_header: Callable[[list[str]], bool], what: str
) -> tuple[int, list[str]]:
    """Read lines until one parses as a header row; return its line number and cells.

    Lines before it (a preamble) are skipped; the stream is left just after the header.
    An empty file or no header in the first ``HEADER_LINES`` lines raises ``FormatError``.
    """
    number, cells, _ = find_header_of_any(stream, name, is_header, what, ",")
    return number, cells


def find_header_of_any(
    stream: Iterator[str],
    name: str,
    is_header: Callable[[list[str]], bool],
    what: str,
    delimiters: str = ",;\t",
) -> tuple[int, list[str], str]:
    """``find_header`` for a file whose cells may be separated otherwise than by commas (a
    file saved again by Excel takes the list separator of the user's locale: ";" in much
    of Europe, a tab for "Unicode text"); also returns the separator the header has."""
    number = 0
    lines = _bounded(stream, name, 0) if isinstance(stream, io.TextIOBase) else stream
    for number, line in enumerate(lines, 1):
        for delimiter in delimiters:
            cells = split_line(line, delimiter)
            if (delimiter == "," or len(cells) > 1) and is_header(cells):
                return number, cells, delimiter
        if number >= HEADER_LINES:
            break
    if number == 0:
        raise FormatError(name, "empty file")
    raise FormatError(name, f"no header row ({what}) found")


def split_line(line: str, delimiter: str = ",") -> list[str]:
    """The cells of one CSV line (an unbalanced quote runs to the end of the line)."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


class Row:
    """One CSV row whose cells are looked up by column name, case-insensitively."""

    __slots__ = ("cells", "columns")

    def __init__(self, columns: dict[str, int], cells: list[str]) -> None:
        self.columns = columns
        self.cells = cells

    def get(self, column: str) -> str:
        """The stripped cell of ``column``; ``""`` when the column or the cell is missing."""
        index = self.columns.get(column.lower())
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()


def cells_of(columns: dict[str, int], names: Sequence[str]) -> Callable[[list[str]], list[str]]:
    """A reader of these columns' stripped cells (``""`` where missing), like ``Row.get``,
    with the positions looked up once rather than on every row."""
    positions = [columns.get(name.lower()) for name in names]

    def read(cells: list[str]) -> list[str]:
        size = len(cells)
        return [cells[i].strip() if i is not None and i < size else "" for i in positions]

    return read


def column_index(header: list[str]) -> dict[str, int]:
    """Column name (stripped, lower-cased, BOM removed) → position; the first one wins."""
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        index.setdefault(cell.replace("\ufeff", "").strip().lower(), position)
    return index


def date_parts(value: str, day_first: bool = False) -> tuple[int | None, int, int] | None:
    """(year, month, day) of ``08 Feb 2026``, ``8-Feb-26`` (as Excel writes it again),
    ``Feb 8, 2026``, ``Feb 8``, ``2/8/26``, ``8.2.2026``, ISO (``2026-02-08``, also with
    slashes or dots).

    The year is ``None`` when absent or impossible (``0000``, a four-digit year before 1000),
    and as written otherwise (``26`` stays 26). Slashed dates are month first (day first
    with ``day_first``, as the file's other dates show it is written) unless the first
    number cannot be a month (or, day first, the second); dotted ones day first.
    ``None`` for anything else.
    """
    text = clean(value)
    if match := _ISO_DATE.match(text):
        return _year(match[1]), int(match[2]), int(match[3])
    if match := _NUMERIC.match(text):
        first, second = int(match[1]), int(match[2])
        if first > 12 >= second or (day_first and second <= 12):
            first, second = second, first
        return _year(match[3]), first, second
    if match := _DOTTED.match(text):
        return _year(match[3]), int(match[2]), int(match[1])
    day_month = _DAY_MONTH.match(text)
    if day_month and (named := _month(day_month[2])):
        return _year(day_month[3]), named, int(day_month[1])
    month_day = _MONTH_DAY.match(text)
    if month_day and (named := _month(month_day[1])):
        return _year(month_day[3]), named, int(month_day[2])
    return None


def slashed_order(value: str) -> bool | None:
    """What a slashed date says of its file's order: ``True`` when it can only be day first
    (``25/12/1985``), ``False`` when only month first (``12/25/1985``), ``None`` when it
    could be either (``3/4/1990``) or is no slashed date."""
    match = _NUMERIC.match(clean(value))
    if match is None:
        return None
    first, second = int(match[1]), int(match[2])
    if first > 12 >= second:
        return True
    if second > 12 >= first:
        return False
    return None


def _year(written: str | None) -> int | None:
    """A year as written: ``26`` is 26; none, or four digits below 1000 (``0000``), is ``None``."""
    if not written:
        return None
    year = int(written)
    return None if len(written) == 4 and year < 1000 else year


def _month(word: str) -> int | None:
    """1–12 for an English month name or its abbreviation (``Feb``, ``Sept``), else ``None``."""
    word = word.lower()
    for number, month in enumerate(_MONTHS, 1):
        if len(word) >= 3 and month.startswith(word):
            return number
    return None


def export_birthday(value: str, day_first: bool = False) -> str | None:
    """A birthday as exports spell it, in ``logic.parse`` form: ``1990-05-17``, ``--05-17``.

    ``day_first`` reads ``3/4/1990`` as 3 April. Empty, or Outlook's ``0/0/00``, is
    ``None``. A two-digit year is dropped rather than guessed, and so is Outlook's 1604
    ("no year"). Raises ``InvalidInput`` otherwise.
    """
    text = clean(value)
    if not text or text in ("0/0/00", "0/0/0000"):
        return None
    if text.startswith("--") or text.isdigit():
        return parse_birthday(text)
    parts = date_parts(text, day_first)
    if parts is None:
        raise InvalidInput(f"not a birthday: {value!r}")
    year, month, day = parts
    if year is not None and (year < 100 or year == _NO_YEAR):
        year = None
    return parse_birthday(
        f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    )

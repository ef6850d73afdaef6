"""Write people as CSV for spreadsheets, with every cell neutralized against formula injection."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

#: What a spreadsheet may read as the start of a formula (OWASP, "CSV Injection").
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: How list values (emails, tags …) share one cell.
LIST_SEPARATOR = "; "


def neutralize(cell: str) -> str:
    """The cell with a single quote in front if a spreadsheet could run it as a formula.

    This is OWASP's recommendation for CSV injection: Excel, LibreOffice and Google
    Sheets show a leading ``'`` as "text follows" rather than evaluate the cell. The
    price is that harmless values starting with one of ``DANGEROUS_PREFIXES`` gain the
    quote too: a phone number ``+1 415 …`` is written ``'+1 415 …`` and a negative
    number ``-3`` as ``'-3``. We accept that, since the program cannot tell a phone
    number typed by a user from a formula planted in an imported contact.
    """
    return "'" + cell if cell.startswith(DANGEROUS_PREFIXES) else cell


def write_people_csv(
    rows: Iterable[Mapping[str, object]], columns: Sequence[str], out: TextIO
) -> int:
    """Write one row per person under a header of ``columns``; return how many rows.

    Each row gives the value of each column (missing keys and ``None`` are empty
    cells); lists, tuples and sets are joined with ``"; "``, dates written in ISO
    form, and every cell, the header included, goes through ``neutralize``. ``out``
    should be opened with ``newline=""`` and UTF-8 (``"utf-8-sig"`` if Excel is to
    detect the encoding); rows end with CRLF as RFC 4180 asks.
    """
    writer = csv.writer(out)
    writer.writerow([neutralize(column) for column in columns])
    count = 0
    for row in rows:
        writer.writerow([neutralize(_cell(row.get(column))) for column in columns])
        count += 1
    return count


def _cell(value: object) -> str:
    """The text of one value."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return LIST_SEPARATOR.join(_cell(item) for item in items)
    return str(value)

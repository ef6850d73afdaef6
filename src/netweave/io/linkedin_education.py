"""LinkedIn's Education.csv: the user's own schools, with the degree and the years."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

from netweave.io.linkedin_rows import ExportUser, has_columns
from netweave.io.records import FormatError, SchoolRecord
from netweave.io.text import Row, column_index, csv_rows, find_header_of_any
from netweave.logic.normalize import clean

#: A year in a date cell: "2014", "Sep 2014", "2014-09".
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def read_education(
    stream: TextIO, name: str, _user: ExportUser, errors: list[FormatError] | None
) -> Iterator[SchoolRecord]:
    """A record for each row naming a school ("School Name"), its role the "Degree Name"
    and its years those of "Start Date" and "End Date" (a date without a year gives none);
    rows naming no school are passed over."""
    line, header, sep = find_header_of_any(
        stream, name, has_columns("school name"), "School Name, …"
    )
    columns = column_index(header)
    for number, cells in csv_rows(
        stream, name, line, sep, errors=errors, width=len(header), every_cell=True
    ):
        row = Row(columns, cells)
        school = clean(row.get("school name"))
        if not school:
            continue
        yield SchoolRecord(
            school=school,
            line=number,
            degree=clean(row.get("degree name")) or None,
            start_year=_year(row.get("start date")),
            end_year=_year(row.get("end date")),
            file=name,
        )


def _year(cell: str | None) -> int | None:
    found = _YEAR.search(cell or "")
    return int(found[1]) if found else None

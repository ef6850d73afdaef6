"""A JSON backup read a piece at a time reads as the json module reads the whole file: the
same values, and the same line and column for what is not valid JSON, wherever the pieces
are cut."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netweave.errors import InvalidInput
from netweave.io import json_backup
from netweave.io.json_backup import open_backup

DOCUMENT: dict[str, Any] = {
    "format": "netweave-backup",
    "version": 1,
    "tables": {
        "person": {
            "columns": ["display_name", "id", "score"],
            "rows": [
                ["Zoë Ångström", 1, 0.30000000000000004],
                ['李小龍 😀 "q" \\ \u2028', 2, -1.5e-300],
                ["", 12345678901234567890, None],
            ],
        },
        "empty": {"rows": [], "columns": []},
        "odd": {"columns": ["a"], "rows": [{"not": "a list"}, [[1, [2, {}]]], True, "x"]},
        "no rows": {"columns": ["a"], "rows": {"x": 1}},
        "not an entry": [1, 2],
    },
    "schema": "0023",
    "after": {"nested": [1, 2, {"deep": "é"}]},
}


def _read(path: Path) -> Any:
    """The document as the reader gives it back, rows and all."""
    with open_backup(path) as backup:
        outline = backup.outline()
        document = outline.document()
        if outline.tables is not None:
            document["tables"] = {
                name: None
                if entry is None
                else {"columns": entry.columns, "rows": list(backup.rows(entry))}
                for name, entry in outline.tables.items()
            }
    return document


def _expected(document: Any) -> Any:
    """What the reader gives for ``document``: its tables' entries that are not objects as
    None, and "rows" that are not a list as no rows."""
    tables = document.get("tables") if isinstance(document, dict) else None
    if not isinstance(tables, dict):
        return document if not isinstance(document, dict) else {**document, "tables": None}
    return {
        **document,
        "tables": {
            name: None
            if not isinstance(entry, dict)
            else {
                "columns": entry.get("columns"),
                "rows": entry["rows"] if isinstance(entry.get("rows"), list) else [],
            }
            for name, entry in tables.items()
        },
    }


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 64, json_backup.PIECE])
@pytest.mark.parametrize("indent", [None, 1])
@pytest.mark.parametrize("ascii", [False, True], ids=["utf-8", "escaped"])
def test_read_in_pieces_as_the_json_module_reads_it(piece, indent, ascii, tmp_path, monkeypatch):
    monkeypatch.setattr(json_backup, "PIECE", piece)
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(DOCUMENT, ensure_ascii=ascii, indent=indent), encoding="utf-8")
    assert _read(path) == _expected(json.loads(path.read_bytes()))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "utf-32-le"])
def test_the_encodings_the_json_module_reads(encoding, tmp_path, monkeypatch):
    monkeypatch.setattr(json_backup, "PIECE", 5)
    path = tmp_path / "backup.json"
    path.write_bytes(json.dumps(DOCUMENT, ensure_ascii=False).encode(encoding))
    assert _read(path) == _expected(json.loads(path.read_bytes()))


def _json_error(text: str) -> tuple[int, int] | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.lineno, exc.colno
    return None


def test_a_file_cut_anywhere_is_named_where_the_json_module_names_it(tmp_path, monkeypatch):
    monkeypatch.setattr(json_backup, "PIECE", 3)
    text = json.dumps(DOCUMENT, ensure_ascii=False, indent=1)
    path = tmp_path / "cut.json"
    for end in range(len(text)):
        path.write_text(text[:end], encoding="utf-8")
        where = _json_error(text[:end])
        assert where is not None  # no part of an object is a whole document
        with pytest.raises(InvalidInput) as caught:
            _read(path)
        assert str(caught.value).startswith(
            f"{path}: not valid JSON (line {where[0]}, column {where[1]}: "
        ), end


@pytest.mark.parametrize(
    "text",
    [
        '{"tables": {}} x',
        '{"tables": {"a": {"rows": [1 2]}}}',
        '{"tables": {"a": {"rows": [1,, 2]}}}',
        '{"tables": {"a" {"rows": []}}}',
        '{"tables": {1: 2}}',
        '{"a": [1, 2}',
        '{"a": "tab\tin a string"}',
        "",
        "   \n  ",
    ],
)
def test_what_is_not_json_is_named_where_the_json_module_names_it(text, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    line, column = _json_error(text) or (0, 0)
    with pytest.raises(InvalidInput, match=rf"not valid JSON \(line {line}, column {column}: "):
        _read(path)


def test_a_number_json_does_not_allow_is_refused(tmp_path):
    path = tmp_path / "nan.json"
    path.write_text('{"tables": {"a": {"columns": [], "rows": [[NaN]]}}}', encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"not a JSON backup \(NaN is not a number JSON"):
        _read(path)


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
_ENTRIES = st.fixed_dictionaries(
    {"columns": st.lists(st.text(max_size=5), max_size=3), "rows": st.lists(_VALUES, max_size=5)}
)


@settings(max_examples=150, deadline=None)
@given(
    tables=st.dictionaries(st.text(max_size=6), _ENTRIES | _VALUES, max_size=4),
    header=st.dictionaries(st.text(max_size=6), _VALUES, max_size=3),
    piece=st.integers(1, 40),
    indent=st.none() | st.integers(0, 2),
)
def test_any_document_reads_as_the_json_module_reads_it(
    tmp_path_factory, tables, header, piece, indent
):
    document = {**header, "tables": tables}
    text = json.dumps(document, indent=indent)
    path = tmp_path_factory.mktemp("any") / "any.json"
    path.write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_backup, "PIECE", piece)
        assert _read(path) == _expected(json.loads(text))

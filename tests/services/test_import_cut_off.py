"""A CSV cut off inside its last row (a download stopped short), on both backends: the
file is refused and nothing comes in, as a cut-off vCard or calendar is; with the bad rows
skipped, the cut row is listed and the others come in."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from netweave.errors import InvalidInput
from netweave.services.context import Context
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import ImportBatch, Person

DATA = Path(__file__).resolve().parents[1] / "data"
CUT = [
    ("linkedin", DATA / "linkedin" / "cut" / "Connections.csv", 7, ["Ada Quill", "Bruno Costa"]),
    ("google-csv", DATA / "google" / "cut" / "contacts_google_cut.csv", 3, ["Ada Quill"]),
]


def _names(ctx: Context) -> list[str]:
    with ctx.db.reading() as session:
        return sorted(session.scalars(select(Person.display_name)))


@pytest.mark.parametrize(("kind", "path", "line", "whole"), CUT)
def test_a_csv_cut_off_inside_its_last_row_is_refused(
    ctx: Context, kind: str, path: Path, line: int, whole: list[str]
) -> None:
    with pytest.raises(InvalidInput, match=rf":{line}: the file ends inside this row"):
        run_import(ctx, kind, [path], ImportOptions())
    assert _names(ctx) == []
    with ctx.db.reading() as session:
        assert list(session.scalars(select(ImportBatch.state))) in ([], ["failed"])
    result = run_import(ctx, kind, [path], ImportOptions(skip_bad_rows=True))
    assert _names(ctx) == whole
    assert [(e["line"], e["error"].split(" (")[0]) for e in result["errors"]] == [
        (line, "the file ends inside this row")
    ]


@pytest.mark.parametrize("bob_last", [True, False])
def test_a_short_last_row_of_a_file_typed_by_hand_is_imported(
    ctx: Context, tmp_path: Path, bob_last: bool
) -> None:
    """Bob's row has no phone and no line end: the file is imported whole, as it is with
    his row first."""
    rows = ["Ann,Ash,ann@x.com,+1 415 555 0100", "Bob,Birch,bob@x.com"]
    path = tmp_path / "short.csv"
    text = "First Name,Last Name,E-mail Address,Mobile Phone\r\n"
    path.write_bytes((text + "\r\n".join(rows if bob_last else rows[::-1])).encode())
    result = run_import(ctx, "google-csv", [path], ImportOptions())
    assert _names(ctx) == ["Ann Ash", "Bob Birch"]
    assert result["errors"] == []

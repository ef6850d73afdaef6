"""Hostile files (tests/data/hostile/, and huge ones made here) against every importer.

Whatever the file, ``netweave import`` either imports it or fails with one clear line and
a non-zero exit, leaving the database as it was. Cells that a spreadsheet would run as
formulas come back out of ``export csv`` neutralized.
"""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

import pytest
from harness import clear_failure, cli, content, fresh

from reliability_report import record, scaled

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
KINDS = {
    "linkedin": ["import", "linkedin"],
    "vcard": ["import", "vcard"],
    "google-csv": ["import", "google-csv"],
    "ics": ["import", "ics", "--create-people"],
    "mbox": ["import", "mbox", "--me", "dana@example.com", "--keep-bodies"],
}
HUGE_MB = scaled(4, 120)


def _as_input(kind: str, source: Path, folder: Path) -> Path:
    """The file as this importer would be given it (LinkedIn files go by their names)."""
    if kind != "linkedin":
        return source
    target = folder / source.stem.rsplit("-", 1)[-1]
    target.mkdir(exist_ok=True)
    shutil.copy(source, target / "Connections.csv")  # every CSV is tried as Connections.csv
    return target / "Connections.csv"


def _try(kind: str, path: Path, empty_db: Path, work: Path) -> str:
    """Import one file with one importer; return "imported" or "refused" (or fail)."""
    db = fresh(empty_db, work / f"{kind}.db")
    before = content(db)
    outcome = cli(db, *KINDS[kind], str(path), "--json")
    if outcome.code == 0 and outcome.exception is None:
        return "imported"
    problem = clear_failure(outcome)
    assert problem is None, f"{kind} {path.name}: {problem}"
    assert content(db) == before, f"{kind} {path.name}: a failed import changed the database"
    return "refused"


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_hostile_file_is_imported_or_refused_cleanly(
    kind: str, empty_db: Path, tmp_path: Path
) -> None:
    began = time.perf_counter()
    files = sorted(HOSTILE.iterdir())
    results = {f.name: _try(kind, _as_input(kind, f, tmp_path), empty_db, tmp_path) for f in files}
    refused = sum(r == "refused" for r in results.values())
    record(
        "hostile", f"corpus through `import {kind}`", inputs=len(files),
        seconds=time.perf_counter() - began,
        note=f"{refused} refused with one line, {len(files) - refused} imported",
    )  # fmt: skip
    # A binary file is never imported as if it held contacts.
    assert results["binary.vcf"] == results["binary.csv"] == "refused"


def _huge_mbox(path: Path, megabytes: int) -> None:
    message = (
        b"From ann@example.com Mon Mar  2 17:04:11 2026\nFrom: Ann <ann@example.com>\n"
        b"To: Dana <dana@example.com>\nDate: Mon, 2 Mar 2026 17:04:11 +0000\n"
        b"Message-ID: <%d@example.com>\nSubject: hello\n\n" + b"body line\n" * 80 + b"\n"
    )
    with path.open("wb") as out:
        n = 0
        while out.tell() < megabytes << 20:
            out.write(message.replace(b"%d", str(n).encode()))
            n += 1


def test_huge_files(empty_db: Path, tmp_path: Path) -> None:
    began = time.perf_counter()
    mbox = tmp_path / "huge.mbox"
    _huge_mbox(mbox, HUGE_MB)
    one_line = tmp_path / "one-line.csv"
    with one_line.open("wb") as out:
        out.write(b"Name,Notes\r\nAnn," + b"x" * (HUGE_MB << 20) + b"\r\n")
    nul = tmp_path / "zeros.vcf"
    nul.write_bytes(b"\x00" * (HUGE_MB << 20))
    results = {
        "mbox": _try("mbox", mbox, empty_db, tmp_path),
        "one-line": _try("google-csv", one_line, empty_db, tmp_path),
        "zeros": _try("vcard", nul, empty_db, tmp_path),
    }
    record(
        "hostile", f"huge files ({HUGE_MB} MB each: mail, one CSV line, NUL bytes)", inputs=3,
        seconds=time.perf_counter() - began, note=", ".join(f"{k} {v}" for k, v in results.items()),
    )  # fmt: skip
    assert results["mbox"] == "imported"
    assert results["zeros"] == "refused"


DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("google-csv", "formula-google.csv"),
        ("vcard", "formula.vcf"),
        ("linkedin", "formula-Connections.csv"),
    ],
)
def test_formula_cells_are_neutralized_on_the_way_out(
    kind: str, name: str, empty_db: Path, tmp_path: Path
) -> None:
    db = fresh(empty_db, tmp_path / "formula.db")
    imported = cli(db, *KINDS[kind], str(_as_input(kind, HOSTILE / name, tmp_path)), "--json")
    assert imported.code == 0, imported.stderr
    out = tmp_path / "people.csv"
    exported = cli(db, "export", "csv", str(out))
    assert exported.code == 0, exported.stderr
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [cell for row in rows for cell in row]
    assert any("HYPERLINK" in cell or "SUM(" in cell for cell in cells), "formulas were imported"
    dangerous = [cell for cell in cells if cell.startswith(DANGEROUS)]
    assert dangerous == []
    record("hostile", f"formula cells via `import {kind}` → `export csv`",
           inputs=len(cells))  # fmt: skip


MATCHING = {".vcf": ["vcard"], ".csv": ["google-csv", "linkedin"], ".ics": ["ics"],
            ".mbox": ["mbox"]}  # fmt: skip


def test_hostile_files_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    # PostgreSQL is stricter than SQLite (no NUL bytes in text, lengths enforced): every
    # file goes to its own importer there too.
    from sqlalchemy import create_engine, text

    from databases import truncate_pg

    began, tried, refused = time.perf_counter(), 0, 0
    engine = create_engine(pg_url)
    try:
        for source in sorted(HOSTILE.iterdir()):
            for kind in MATCHING[source.suffix]:
                truncate_pg(pg_url)
                outcome = cli(pg_url, *KINDS[kind], str(_as_input(kind, source, tmp_path)))
                tried += 1
                if outcome.code == 0 and outcome.exception is None:
                    continue
                refused += 1
                problem = clear_failure(outcome)
                assert problem is None, f"{kind} {source.name}: {problem}"
                assert "database error" not in outcome.stderr, f"{kind} {source.name}"
                with engine.connect() as conn:
                    held = conn.execute(text("SELECT count(*) FROM import_batch")).scalar()
                assert held == 0, f"{kind} {source.name}: a refused import left a batch"
    finally:
        engine.dispose()
    record(
        "hostile", "corpus through its own importer on PostgreSQL", inputs=tried,
        seconds=time.perf_counter() - began, note=f"{refused} refused with one line",
    )  # fmt: skip


def test_an_overlong_name_in_an_import_is_refused_with_its_file(pg_url: str) -> None:
    from databases import truncate_pg

    truncate_pg(pg_url)
    outcome = cli(pg_url, *KINDS["vcard"], str(HOSTILE / "folded-forever.vcf"))
    assert clear_failure(outcome) is None
    assert "folded-forever.vcf" in outcome.stderr

"""Backup and restore lose nothing: export json → restore into a fresh database → export
again gives the same document (the export time aside), on SQLite and PostgreSQL.

``make test`` does it at 1,000 people; ``make soak`` at 10,000.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from harness import AS_OF

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.demo import build_demo
from netweave.services.backup import export_json, restore_json
from netweave.services.context import open_context
from reliability_report import record, scaled

PEOPLE = scaled(1_000, 10_000)


@pytest.fixture(scope="module")
def backup(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The JSON backup of a demo network of ``PEOPLE`` people."""
    folder = tmp_path_factory.mktemp("backup")
    db = folder / "source.db"
    db.write_bytes(sqlite_template.read_bytes())
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=AS_OF))
    build_demo(ctx, people=PEOPLE, seed=9)
    export_json(ctx, folder / "first.json")
    ctx.close()
    return folder / "first.json"


def _body(path: Path) -> list[str]:
    """The document without its first line (which holds the time of the export)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith('{"format":')
    assert '"exported_at":' in lines[0]
    return lines[1:]


def test_backup_restore_backup_is_identical(backup: Path, db_url: str, tmp_path: Path) -> None:
    began = time.perf_counter()
    ctx = open_context(Settings(database_url=db_url), Clock(as_of=AS_OF))
    try:
        restored = restore_json(ctx, backup)
        again = export_json(ctx, tmp_path / "second.json")
    finally:
        ctx.close()
    first, second = _body(backup), _body(tmp_path / "second.json")
    differing = sum(a != b for a, b in zip(first, second, strict=False))
    differing += abs(len(first) - len(second))
    backend = db_url.split(":", 1)[0].split("+")[0]
    record(
        "backup", f"json → restore ({backend}) → json at {PEOPLE:,} people", trials=1,
        inputs=again["rows"], lost=differing, seconds=time.perf_counter() - began,
        note=f"{restored.get('rows', again['rows']):,} rows restored; differing lines: {differing}",
    )  # fmt: skip
    assert again["people"] == PEOPLE + 1  # and the user
    assert differing == 0

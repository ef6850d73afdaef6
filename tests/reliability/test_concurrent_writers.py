"""Concurrency: several CLI writers at once on one SQLite file lose nothing and never fail.

Each writer is a process running ``netweave`` commands in a loop (tests/reliability/
cli_loop.py) until the time is up; every success must be a row in the database, and no
run may fail ("database is locked" or anything else). Another kind of writer is one more
entry in ``WRITERS`` (and a command in cli_loop.py).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from harness import AS_OF, environment, fresh, netweave, run

from reliability_report import record, scaled

SECONDS = scaled(5, 30)
LOOP = Path(__file__).with_name("cli_loop.py")


def _scalar(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


#: How many writes of a writer (by its tag) the database holds, per kind of writer.
STORED: dict[str, Callable[[Path, str], int]] = {
    "people add": lambda db, tag: _scalar(
        db, f"SELECT count(*) FROM person WHERE display_name LIKE '{tag} %'"
    ),
    "log": lambda db, tag: _scalar(
        db, f"SELECT count(*) FROM interaction WHERE summary LIKE '{tag}-%'"
    ),
    "people edit": lambda db, tag: _scalar(
        db, f"SELECT count(*) FROM tag WHERE label LIKE '{tag.lower()}-%'"
    ),
}
#: The writers running at once.
WRITERS = ("people add", "people add", "log", "people edit")


def test_cli_writers_at_once_lose_nothing(empty_db: Path, tmp_path: Path) -> None:
    db = fresh(empty_db, tmp_path / "shared.db")
    assert run(netweave(db, "people", "add", "Anchor Person")).returncode == 0
    # The writers load the program first, then write side by side from ``start`` on.
    start = time.time() + 15
    deadline = start + SECONDS
    window = [str(start), str(deadline)]
    processes = {
        f"W{n}": (kind, subprocess.Popen(
            [sys.executable, str(LOOP), *window, kind, f"W{n}", str(db), AS_OF.isoformat()],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment(),
        ))
        for n, kind in enumerate(WRITERS)
    }  # fmt: skip
    results = {}
    for tag, (kind, process) in processes.items():
        out, err = process.communicate(timeout=SECONDS + 300)
        assert process.returncode == 0, err
        results[tag] = (kind, json.loads(out))
    successes = {tag: r["successes"] for tag, (_, r) in results.items()}
    stored = {tag: STORED[kind](db, tag) for tag, (kind, _) in results.items()}
    failures = [f for _, r in results.values() for f in r["failures"]]
    record(
        "concurrency",
        f"{len(WRITERS)} CLI writer processes on one SQLite file ({', '.join(WRITERS)})",
        trials=1,
        inputs=sum(successes.values()) + len(failures),
        lost=sum(successes.values()) - sum(stored.values()) + len(failures),
        seconds=SECONDS,
        note=f"{sum(successes.values())} writes, {len(failures)} failed",
    )
    assert failures == []
    assert successes == stored
    assert all(n > 0 for n in successes.values())

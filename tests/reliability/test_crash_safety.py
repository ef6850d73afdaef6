"""Crash safety: ``kill -9`` of import, merge and restore at random moments loses nothing.

After each kill the file passes SQLite's integrity check, its content is exactly the state
before the command or the state after a clean run (the batch is absent or whole), and the
command, run again, completes. Trials are seeded; ``make soak`` runs many more.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from harness import (
    content,
    counts,
    database_window,
    fresh,
    integrity,
    netweave,
    run,
    run_and_kill,
)

from factories import backup_as_of_0012
from reliability_report import record, scaled

SEED = 20260615
TRIALS = scaled(2, 25)
TABLES = ("person", "contact_point", "interaction", "interaction_participant", "import_batch")


@dataclass
class Operation:
    """A command to kill: its arguments and the database it starts from."""

    name: str
    start: Path
    args: list[str]
    #: Whether running it again after it completed is expected to succeed too.
    repeatable: bool


def _clean_run(op: Operation, work: Path) -> tuple[dict[str, str], dict[str, str], float]:
    """States before and after an uninterrupted run, and how long it had the database open."""
    db = fresh(op.start, work / "clean.db")
    before = content(db)
    seconds = database_window(netweave(db, *op.args), db)
    return before, content(db), seconds


def _trials(
    op: Operation, work: Path, check_rerun: Callable[[Path], None], trials: int = TRIALS
) -> None:
    before, after, seconds = _clean_run(op, work)
    assert before != after
    rng = random.Random(f"{SEED}-{op.name}")
    kills = absent = whole = lost = 0
    began = time.perf_counter()
    for trial in range(trials):
        db = fresh(op.start, work / f"trial-{trial}.db")
        # A moment while the process has the database open (a little past its end, too),
        # each trial in its own slice of that time, so a few trials still cover all of it.
        moment = rng.uniform(trial, trial + 1) / trials * 1.1 * seconds
        outcome = run_and_kill(netweave(db, *op.args), db, moment)
        kills += outcome.killed
        problems = []
        if (check := integrity(db)) != "ok":
            problems.append(f"integrity: {check}")
        state = content(db)
        if state == before:
            absent += 1
        elif state == after:
            whole += 1
        else:
            changed = sorted(t for t in state if state[t] not in (before[t], after[t]))
            problems.append(f"neither before nor after: {changed}")
        if state == before or op.repeatable:
            again = run(netweave(db, *op.args))
            if again.returncode != 0:
                problems.append(f"run again failed: {again.stderr.strip()}")
            elif op.repeatable:
                check_rerun(db)
        if problems:
            lost += 1
            pytest.fail(f"{op.name} trial {trial} (killed={outcome.killed}): {problems}")
        Path(db).unlink()
    record(
        "crash", f"kill -9 during `{op.name}`", trials=trials, faults=kills,
        seconds=time.perf_counter() - began, lost=lost,
        note=f"absent {absent}, whole {whole}; database open {seconds:.2f} s in a clean run",
    )  # fmt: skip


def test_kill_during_import(demo_files: Path, empty_db: Path, tmp_path: Path) -> None:
    args = ["import", "linkedin", str(demo_files / "linkedin")]
    op = Operation("import linkedin", empty_db, args, repeatable=True)
    clean = fresh(empty_db, tmp_path / "reference.db")
    assert run(netweave(clean, *op.args)).returncode == 0
    expected = counts(clean, *TABLES[:-1])

    def same_rows(db: Path) -> None:
        # Whatever the kill left, one complete run makes the same people and conversations.
        assert counts(db, *TABLES[:-1]) == expected

    _trials(op, tmp_path, same_rows)


def test_kill_during_merge(demo_db: Path, tmp_path: Path) -> None:
    # Two people with conversations, tags and positions: the merge moves all of it.
    op = Operation("people merge", demo_db, ["people", "merge", "2", "3"], repeatable=False)
    _trials(op, tmp_path, lambda db: None)


def test_kill_during_restore(demo_db: Path, empty_db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    assert run(netweave(demo_db, "export", "json", str(backup))).returncode == 0
    op = Operation("restore", empty_db, ["restore", str(backup)], repeatable=False)
    _trials(op, tmp_path, lambda db: None)


def test_kill_during_restore_of_an_older_backup(
    demo_db: Path, empty_db: Path, tmp_path: Path
) -> None:
    """The schema taken back to the backup's, the rows, the schema brought forward and the
    search index commit together: a kill leaves the database empty at head, or restored."""
    backup = tmp_path / "backup.json"
    assert run(netweave(demo_db, "export", "json", str(backup))).returncode == 0
    older = tmp_path / "older.json"
    document = json.loads(backup.read_text(encoding="utf-8"))
    older.write_text(json.dumps(backup_as_of_0012(document)), encoding="utf-8")
    op = Operation("restore (schema 0012)", empty_db, ["restore", str(older)], repeatable=False)
    # more trials than the others: more steps to fall between (schema back, rows, forward)
    _trials(op, tmp_path, lambda db: None, trials=scaled(4, 25))

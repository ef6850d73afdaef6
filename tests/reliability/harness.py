"""Helpers of the reliability tests: run the real program as a process, compare databases."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netweave.config import DB_ENV

AS_OF = dt.date(2026, 6, 15)
#: Columns holding the wall-clock time of a run, which differs between two clean runs.
CLOCK_COLUMNS = frozenset({"created_at", "updated_at", "started_at", "finished_at"})


def netweave(db: Path, *args: str) -> list[str]:
    """The command line of ``netweave --db DB --as-of AS_OF ARGS...`` as a new process."""
    return [sys.executable, "-m", "netweave", "--db", str(db), "--as-of", AS_OF.isoformat(), *args]


def environment() -> dict[str, str]:
    """The environment of child processes: no database from the caller's environment."""
    return {k: v for k, v in os.environ.items() if k != DB_ENV}


def run(argv: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a command to completion, capturing its output."""
    return subprocess.run(
        argv, capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=environment()
    )


@dataclass
class Kill:
    """How one killed run went: whether the kill came before the process ended."""

    killed: bool
    seconds: float


def _opened(pid: int, db: Path) -> bool:
    """Whether the process has the database file open (so start-up is over)."""
    target = str(db.resolve())
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) == target:
                    return True
            except OSError:
                continue
    except OSError:
        return False
    return False


def _wait_open(process: subprocess.Popen[bytes], db: Path, deadline: float) -> float:
    """Poll until the process opens ``db`` (or ends); return that moment."""
    while time.perf_counter() < deadline and process.poll() is None:
        if _opened(process.pid, db):
            break
        time.sleep(0.002)
    return time.perf_counter()


def database_window(argv: list[str], db: Path) -> float:
    """Seconds from the moment the process opens ``db`` to its end (a clean run)."""
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment()
    )
    opened = _wait_open(process, db, time.perf_counter() + 300)
    if process.wait(timeout=300) != 0:
        raise AssertionError(f"{argv} failed")
    return time.perf_counter() - opened


def run_and_kill(argv: list[str], db: Path, after: float) -> Kill:
    """Start ``argv``; ``kill -9`` it ``after`` seconds once it has opened ``db``.

    Timing from the opening of the database (not from the start of the process) puts
    the faults where writes happen, instead of in interpreter start-up.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment()
    )
    _wait_open(process, db, start + 300)
    try:
        process.wait(timeout=after)
        return Kill(False, time.perf_counter() - start)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return Kill(True, time.perf_counter() - start)


def integrity(db: Path) -> str:
    """``PRAGMA integrity_check`` of a SQLite file (opening it recovers a hot WAL)."""
    conn = sqlite3.connect(db)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    text = "; ".join(str(r[0]) for r in result)
    return text if not orphans else f"{text}; foreign keys broken: {orphans[:3]}"


def content(db: Path) -> dict[str, str]:
    """A digest of every table's rows (clock columns left out) and of the schema, to compare
    database states."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'person_search%' AND name <> 'alembic_version' ORDER BY name"
            )
        ]
        digests = {}
        for table in tables:
            columns = [
                r[1]
                for r in conn.execute(f'PRAGMA table_info("{table}")')
                if r[1] not in CLOCK_COLUMNS
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(f'SELECT {listed} FROM "{table}" ORDER BY 1, 2').fetchall()
            digests[table] = _digest(rows)
        search_sql = "SELECT rowid, name, work, other FROM person_search ORDER BY rowid"
        search = conn.execute(search_sql).fetchall()
        digests["person_search"] = _digest(search)
        # the schema too: a restore of an older backup takes it back and brings it forward
        digests["schema"] = _digest(_schema(conn))
    finally:
        conn.close()
    return digests


def _schema(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """The revision, and each table's columns, foreign keys and indexes: what they are, not
    how their SQL is written (a table Alembic rebuilds lists its constraints in any order)."""
    shape: list[tuple[object, ...]] = conn.execute("SELECT * FROM alembic_version").fetchall()
    names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    for (table,) in names.fetchall():
        shape.append((table, *conn.execute(f'PRAGMA table_info("{table}")').fetchall()))
        keys = conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
        shape.append((table, *sorted(key[2:] for key in keys)))  # not their numbers
        indexes = []
        for _seq, name, unique, origin, partial in conn.execute(f'PRAGMA index_list("{table}")'):
            columns = tuple(r[2] for r in conn.execute(f'PRAGMA index_info("{name}")'))
            named = "" if name.startswith("sqlite_autoindex") else name  # numbered in order
            indexes.append((named, unique, origin, partial, columns))
        shape.append((table, *sorted(indexes)))
    return shape


def _digest(rows: list[tuple[object, ...]]) -> str:
    return f"{len(rows)}:" + hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def counts(db: Path, *tables: str) -> dict[str, int]:
    """Row counts of these tables."""
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def fresh(template: Path, path: Path) -> Path:
    """A copy of an (empty or built) database file at ``path``."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, path)
    return path


@functools.cache
def _command() -> Any:
    import typer

    from netweave.cli.app import app

    return typer.main.get_command(app)


@dataclass
class Outcome:
    """What one in-process ``netweave`` run did."""

    code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def cli(db: Path | str, *args: str, as_of: str | None = None) -> Outcome:
    """``netweave --db DB --as-of DAY ARGS...`` in this process (Click's test runner)."""
    from click.testing import CliRunner

    argv = ["--db", str(db), "--as-of", as_of or AS_OF.isoformat(), *args]
    result = CliRunner().invoke(_command(), argv, prog_name="netweave")
    unexpected = result.exception
    if isinstance(unexpected, SystemExit):
        unexpected = None
    return Outcome(result.exit_code, result.stdout, result.stderr, unexpected)


def clear_failure(outcome: Outcome) -> str | None:
    """Why a failed run is not the contract's one clear line (``None`` when it is).

    The contract: exit 1 (2 for usage or ambiguity), nothing on stdout, no traceback, and
    one ``netweave: error:`` line on stderr (a bad option too).
    """
    if outcome.exception is not None:
        return f"uncaught {type(outcome.exception).__name__}: {outcome.exception}"
    text = outcome.stdout + outcome.stderr
    if "Traceback" in text:
        return "a traceback"
    lines = outcome.stderr.strip().splitlines()
    if outcome.code not in (1, 2):
        return f"exit code {outcome.code}"
    if len(lines) != 1 or not lines[0].startswith("netweave: error: "):
        return f"not one clear line: {outcome.stderr[:300]!r}"
    return None

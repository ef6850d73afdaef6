"""Ctrl-C or a SIGTERM just after a command's commit: the line says what was saved.

The signal is sent the moment the commit is visible to another connection (polled, no
sleep that races); with this many rows the command then still has a second or so of
work before it ends (its session let go, the database closed). Should it end first, it
says what it did and exits 0, and the trial is run again.
"""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import as_from_a_terminal

from netweave.cli.stopping import stopped_line
from netweave.store.ledger import Ledger

#: Tries before giving up: on a loaded machine the watcher may miss the moment now and then.
ATTEMPTS = 15
#: Rows of each file imported.
ROWS = 10_000


def _connections(path: Path, people: int, first: int = 0) -> Path:
    rows = (f"P{n},Q{n},https://www.linkedin.com/in/p{n},,Acme {n % 97},Engineer,08 Feb 2024\n"
            for n in range(first, first + people))  # fmt: skip
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    + "".join(rows))  # fmt: skip
    return path


def _run(db: Path, args: list[str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "netweave", "--db", str(db), *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=as_from_a_terminal)  # fmt: skip


def _stop_after(
    base: Path, db: Path, args: list[str], query: str, committed: object, stop: signal.Signals
) -> tuple[int, str]:
    """Run the command on a copy of ``base``; send ``stop`` once ``query`` answers
    ``committed``. Its exit status and stderr."""
    for _ in range(ATTEMPTS):
        shutil.copy(base, db)
        process = _run(db, args)
        watch = sqlite3.connect(db, timeout=0.01)
        try:
            while process.poll() is None:
                try:
                    seen = watch.execute(query).fetchone()[0]
                except sqlite3.OperationalError:  # not made yet, or busy
                    seen = None
                if seen == committed:
                    process.send_signal(stop)
                    break
                time.sleep(0.002)  # a poll, not a wait for the commit
        finally:
            watch.close()
        _, err = process.communicate(timeout=120)
        if process.returncode != 0:  # stopped: else it ended before the signal, try again
            return process.returncode, err.decode()
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    pytest.fail(f"the command always ended before it could be stopped ({ATTEMPTS} tries)")


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """A netweave database with nothing in it."""
    base = tmp_path / "empty.db"
    subprocess.run([sys.executable, "-m", "netweave", "--db", str(base), "db", "upgrade"],
                   check=True, capture_output=True)  # fmt: skip
    return base


@pytest.mark.parametrize(("stop", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_import_stopped_after_its_commit_says_it_was_saved(
    tmp_path: Path, empty: Path, stop: signal.Signals, status: int
) -> None:
    csv = _connections(tmp_path / "Connections.csv", ROWS)
    db = tmp_path / "k.db"
    args = ["import", "linkedin", str(csv)]
    code, err = _stop_after(empty, db, args, "SELECT count(*) FROM import_batch", 1, stop)
    assert code == status
    said = "stopped (interrupted) after the import of Connections.csv (import batch 1) was saved"
    assert err == f"netweave: error: {said}\n"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone() == (ROWS,)


def test_an_undo_stopped_after_its_commit_says_it_was_saved(tmp_path: Path, empty: Path) -> None:
    csv = _connections(tmp_path / "Connections.csv", ROWS)
    imported = tmp_path / "imported.db"
    shutil.copy(empty, imported)
    subprocess.run([sys.executable, "-m", "netweave", "--db", str(imported), "import",
                    "linkedin", str(csv)], check=True, capture_output=True)  # fmt: skip
    db = tmp_path / "k.db"
    query = "SELECT state FROM import_batch WHERE id = 1"
    code, err = _stop_after(imported, db, ["import", "undo", "1"], query, "undone", signal.SIGINT)
    assert (code, err) == (130, "netweave: error: stopped (interrupted) after the undo of "
                           "import batch 1 was saved\n")  # fmt: skip


def test_an_import_of_two_files_stopped_between_them_says_which_was_saved(
    tmp_path: Path, empty: Path
) -> None:
    first = _connections(tmp_path / "a.csv", ROWS)
    second = _connections(tmp_path / "b.csv", ROWS, first=ROWS)
    db = tmp_path / "k.db"
    args = ["import", "linkedin", str(first), str(second)]
    code, err = _stop_after(empty, db, args, "SELECT count(*) FROM person", ROWS, signal.SIGINT)
    assert code == 130
    assert err == ("netweave: error: stopped (interrupted): the import of a.csv (import batch 1) "
                   "was saved; the import of b.csv is not saved\n")  # fmt: skip
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone() == (ROWS,)


def test_what_a_stopped_command_says() -> None:
    """Nothing saved; saved and nothing under way; saved, then more under way."""
    ledger = Ledger()
    assert stopped_line(ledger) == "stopped (interrupted): what was under way is not saved"
    ledger.saved.append("the change")
    assert stopped_line(ledger) == "stopped (interrupted) after the change was saved"
    ledger.saved.append("the import of a.csv (import batch 2)")
    ledger.saved.append("the change")  # the summary written after it names nothing
    said = "stopped (interrupted) after the import of a.csv (import batch 2) was saved"
    assert stopped_line(ledger) == said

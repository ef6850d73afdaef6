"""Ctrl-C during ``restore``: one line, exit 130, and no database left where there was none;
an interrupt a finalizer would swallow stops the command all the same."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import as_from_a_terminal

from netweave.cli import stopping
from netweave.cli.stopping import NOTHING_SAVED, stop

#: Tries before giving up: on a loaded machine the watcher may miss the moment now and then.
ATTEMPTS = 15


def _backup(tmp_path: Path) -> Path:
    """A backup big enough to take a while to restore."""
    rows = "".join(f"P{n},Q{n},https://www.linkedin.com/in/p{n},,Acme {n % 97},Engineer,"
                   "08 Feb 2024\n" for n in range(6000))  # fmt: skip
    csv = tmp_path / "Connections.csv"
    csv.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows)
    db, backup = tmp_path / "source.db", tmp_path / "backup.json"
    for args in (["import", "linkedin", str(csv)], ["export", "json", str(backup)]):
        subprocess.run([sys.executable, "-m", "netweave", "--db", str(db), *args],
                       check=True, capture_output=True)  # fmt: skip
    return backup


def test_an_interrupted_restore_says_one_line_and_leaves_no_database(tmp_path: Path) -> None:
    backup = _backup(tmp_path)
    target = tmp_path / "new" / "target.db"
    for _ in range(ATTEMPTS):
        process = subprocess.Popen(
            [sys.executable, "-m", "netweave", "--db", str(target), "restore", str(backup)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=as_from_a_terminal,
        )  # fmt: skip
        while process.poll() is None and not target.exists():
            time.sleep(0.002)
        time.sleep(0.3)  # the schema made, the rows under way
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=120)
        if process.returncode != 0:
            break
        target.unlink()  # it ended before the signal: again
    else:
        pytest.fail(f"the restore always ended before it could be stopped ({ATTEMPTS} tries)")
    assert (process.returncode, err.decode()) == (130, f"netweave: error: {NOTHING_SAVED}\n")
    assert not target.exists()
    assert not target.parent.exists()


def test_an_interrupt_a_finalizer_swallowed_is_raised_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C while the collector runs a finalizer (SQLAlchemy has some) cannot be raised
    there: Python would print "Exception ignored in …" and carry on. The command's hook
    sends the signal again, and the command stops where it can."""

    from netweave.cli.stopping import unraisable

    class Finalized:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C as it runs

    monkeypatch.setattr(sys, "unraisablehook", unraisable)
    monkeypatch.setattr(stopping, "_running", True)

    def command() -> None:
        Finalized()
        for _ in range(100):  # the command carries on
            time.sleep(0.001)

    previous = signal.signal(signal.SIGINT, stop)
    try:
        with pytest.raises(KeyboardInterrupt):
            command()
    finally:
        signal.signal(signal.SIGINT, previous)

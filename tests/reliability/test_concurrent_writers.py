"""Concurrency: CLI writers and the web app at once on one SQLite file lose nothing, never fail.

Each writer is a process running ``netweave`` commands in a loop (tests/reliability/
cli_loop.py) until the time is up; every success must be a row in the database, and no
run may fail ("database is locked" or anything else). Another kind of writer is one more
entry in ``WRITERS`` (and a command in cli_loop.py).
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
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
STORED["web"] = STORED["people add"]
#: The writers running at once: four CLI processes and the web app (``netweave serve``).
WRITERS = ("people add", "people add", "log", "people edit", "web")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(db: Path) -> tuple[subprocess.Popen[str], str]:
    """``netweave serve`` on the shared file, once it answers."""
    port = _free_port()
    server = subprocess.Popen(
        [*netweave(db, "serve", "--port", str(port))],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment(),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                return server, url
        except OSError:
            if server.poll() is not None:
                raise AssertionError(f"netweave serve stopped: {server.stderr.read()}") from None
            time.sleep(0.1)
    server.kill()
    raise AssertionError("netweave serve did not answer in 30 s")


def test_writers_at_once_lose_nothing(empty_db: Path, tmp_path: Path) -> None:
    db = fresh(empty_db, tmp_path / "shared.db")
    assert run(netweave(db, "people", "add", "Anchor Person")).returncode == 0
    server, url = _serve(db)
    # The writers load the program first, then write side by side from ``start`` on.
    start = time.time() + 15
    deadline = start + SECONDS
    window = [str(start), str(deadline)]
    processes = {
        f"W{n}": (kind, subprocess.Popen(
            [sys.executable, str(LOOP), *window, kind, f"W{n}", url if kind == "web" else str(db),
             AS_OF.isoformat()],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment(),
        ))
        for n, kind in enumerate(WRITERS)
    }  # fmt: skip
    results = {}
    try:
        for tag, (kind, process) in processes.items():
            out, err = process.communicate(timeout=SECONDS + 300)
            assert process.returncode == 0, err
            results[tag] = (kind, json.loads(out))
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()
    successes = {tag: r["successes"] for tag, (_, r) in results.items()}
    stored = {tag: STORED[kind](db, tag) for tag, (kind, _) in results.items()}
    failures = [f for _, r in results.values() for f in r["failures"]]
    busy = sum(r.get("busy", 0) for _, r in results.values())  # 503s, sent again
    record(
        "concurrency",
        f"{len(WRITERS)} writer processes on one SQLite file ({', '.join(WRITERS)})",
        trials=1,
        inputs=sum(successes.values()) + len(failures),
        lost=sum(successes.values()) - sum(stored.values()) + len(failures),
        seconds=SECONDS,
        note=f"{sum(successes.values())} writes, {len(failures)} failed, {busy} busy, sent again",
    )
    assert failures == []
    assert successes == stored
    assert all(n > 0 for n in successes.values())

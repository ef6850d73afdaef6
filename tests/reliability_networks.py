"""Fixtures of the reliability tests: demo networks as databases and as files, built once.

A plugin (see ``pytest_plugins`` in tests/conftest.py), not a conftest.py in
tests/reliability/: a second module named ``conftest`` would shadow tests/cli/conftest.py
for the tests that import from it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.demo import build_demo
from netweave.demo.export import export_demo
from netweave.services.context import open_context

#: "Today" of the demo networks (the same day as tests/reliability/harness.py).
AS_OF = dt.date(2026, 6, 15)


@pytest.fixture(scope="session")
def empty_db(sqlite_template: Path) -> Path:
    """An empty database at head (copy it before use)."""
    return sqlite_template


@pytest.fixture(scope="session")
def demo_db(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding a 150-person demo network (copy it before use)."""
    path = tmp_path_factory.mktemp("demo-db") / "demo.db"
    shutil.copy(sqlite_template, path)
    ctx = open_context(Settings(database_url=sqlite_url(path)), Clock(as_of=AS_OF))
    build_demo(ctx, people=150, seed=5)
    ctx.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 150-person demo network as files (LinkedIn export, vCards, mbox, calendar)."""
    folder = tmp_path_factory.mktemp("demo-files") / "files"
    export_demo(folder, people=150, seed=5, today=AS_OF)
    return folder

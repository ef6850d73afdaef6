"""Shared fixtures: real SQLite files and a real PostgreSQL server, migrated once per run."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text

from databases import truncate_pg
from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import Context, open_context
from netweave.store.engine import Database
from netweave.store.migrate import upgrade

#: The reliability tests report what they tried (tests/reliability_report.py) and share
#: demo networks (tests/reliability_networks.py).
pytest_plugins = ("reliability_report", "reliability_networks")

# Property tests judge correctness, not speed: on a loaded 2-core machine data generation
# and single examples can be slow, which must not fail a run.
settings.register_profile("netweave", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("netweave")

# Days are the user's, in the computer's time zone: the tests run in UTC wherever they run,
# and those about other zones move it (``new_york``).
os.environ["TZ"] = "UTC"
time.tzset()

PG_ENV = "NETWEAVE_TEST_PG"
PG_DEFAULT = "postgresql+psycopg:///postgres?host=/var/run/postgresql"
TODAY = dt.date(2026, 6, 15)
BACKENDS = ["sqlite", "postgresql"]


def _pg_admin_url() -> str:
    return os.environ.get(PG_ENV, PG_DEFAULT)


def _worker() -> str:
    """A name unique to this test process, so concurrent runs never share a database."""
    return f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database(sqlite_url(path))
    upgrade(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL database of this test worker, migrated to head once per run."""
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    name = f"netweave_test_{_worker()}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
        # Test data need not survive a crash; skipping the commit flush keeps tests fast.
        conn.execute(text(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    db = Database(url)
    upgrade(db)
    db.close()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty, migrated database on each backend."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "netweave.db"
        shutil.copy(template, path)
        return sqlite_url(path)
    url: str = request.getfixturevalue("pg_url")
    truncate_pg(url)
    return url


@pytest.fixture
def sqlite_db_url(sqlite_template: Path, tmp_path: Path) -> str:
    """An empty, migrated SQLite database (for tests that are about SQLite itself)."""
    path = tmp_path / "netweave.db"
    shutil.copy(sqlite_template, path)
    return sqlite_url(path)


@pytest.fixture
def ctx(db_url: str) -> Iterator[Context]:
    """A service context on each backend, with "today" pinned to ``TODAY``."""
    context = open_context(Settings(database_url=db_url), Clock(as_of=TODAY))
    yield context
    context.close()


@pytest.fixture
def db(ctx: Context) -> Database:
    """The open database of ``ctx``."""
    return ctx.db


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's time zone is New York's (UTC−4 in June) for the test."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()

"""CLI fixtures: run ``netweave`` in-process against each backend, with "today" pinned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import ROOT_CONFTEST, Cli, invoke
from typer.testing import Result


@pytest.fixture(scope="session")
def today(pytestconfig: pytest.Config) -> dt.date:
    """``TODAY`` of the root conftest (conftests are not importable by name without packages)."""
    for plugin in pytestconfig.pluginmanager.get_plugins():
        if Path(getattr(plugin, "__file__", "") or "").resolve() == ROOT_CONFTEST:
            value: dt.date = plugin.TODAY
            return value
    raise LookupError(f"{ROOT_CONFTEST} is not loaded")


@pytest.fixture(scope="session")
def run_netweave() -> Callable[..., Result]:
    """``run(ARGS, input=None, env=None)``: the bare program, without ``--db`` or ``--as-of``."""
    return invoke


@pytest.fixture
def cli(db_url: str, today: dt.date) -> Cli:
    """A ``netweave`` runner on an empty database, once on SQLite and once on PostgreSQL."""
    return Cli(db_url, today)


@pytest.fixture
def cli_for(today: dt.date) -> Callable[[str], Cli]:
    """Make a runner for any ``--db`` value (a path, a URL, something that is not a database)."""
    return lambda db: Cli(db, today)


@pytest.fixture
def sqlite_cli(sqlite_db_url: str, today: dt.date) -> Cli:
    """A ``netweave`` runner on an empty SQLite database (for SQLite-only behaviour)."""
    return Cli(sqlite_db_url, today)

"""The CLI test helpers: run ``netweave`` in-process, read its JSON and its error line.

They live outside conftest.py so test modules import them by a name no other test folder
uses (``from cli_support import Cli``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import signal
import warnings
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

with warnings.catch_warnings():
    # typer 0.20 with Click 8.5 warns at import (it re-exports click.utils names Click
    # deprecates); pyproject allows that pair, and "warnings are errors" would make it fatal.
    warnings.filterwarnings("ignore", "'click.utils", DeprecationWarning)
    import typer
    import typer.testing
    from typer.testing import CliRunner, Result

    from netweave.cli.app import app

ROOT_CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"


@functools.cache
def _click_command(typer_app: typer.Typer) -> Any:
    return typer.main.get_command(typer_app)


def invoke(
    args: list[str], *, input: str | None = None, env: dict[str, str] | None = None
) -> Result:
    """Run ``netweave ARGS...`` in-process through typer's ``CliRunner``."""
    with pytest.MonkeyPatch.context() as patch:
        # typer's runner rebuilds the Click command on every call (~50 ms of signature
        # inspection); hundreds of calls share one, as a real process builds it once.
        patch.setattr(typer.testing, "_get_command", _click_command)
        return CliRunner().invoke(app, args, input=input, env=env)


def parse_json(result: Result) -> Any:
    """The JSON a successful command printed on stdout."""
    assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr == "", result.stderr
    return json.loads(result.stdout)


def error_line(result: Result, code: int = 1) -> str:
    """The one ``netweave: error:`` line of a failed command (checked: code, no traceback)."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("netweave: error: "), lines[0]
    return lines[0]


class Cli:
    """Runs ``netweave --db URL --as-of DAY ARGS...`` in-process through typer's ``CliRunner``."""

    def __init__(self, db_url: str, today: dt.date) -> None:
        self.db_url = db_url
        self.today = today

    def __call__(
        self, *args: str, input: str | None = None, as_of: dt.date | None = None
    ) -> Result:
        day = (as_of or self.today).isoformat()
        return invoke(["--db", self.db_url, "--as-of", day, *args], input=input)

    error_line = staticmethod(error_line)

    def json(self, *args: str, as_of: dt.date | None = None) -> Any:
        """Run a command with ``--json`` and return what it printed, parsed."""
        return parse_json(self(*args, "--json", as_of=as_of))

    def add(self, name: str, *options: str) -> dict[str, Any]:
        """Add a person (``people add NAME OPTIONS... --json``) and return their view."""
        view: dict[str, Any] = self.json("people", "add", name, *options)
        return view

    def show(self, name: str) -> dict[str, Any]:
        """``people show NAME --json``."""
        view: dict[str, Any] = self.json("people", "show", name)
        return view

    def show_lines(self, name: str) -> dict[str, str]:
        """``people show NAME`` as the user reads it: each "Label: value" line by label."""
        shown = self("people", "show", name)
        assert shown.exit_code == 0, shown.stderr
        return {
            label.strip(): value
            for label, _, value in (line.partition(": ") for line in shown.stdout.splitlines()[1:])
        }

    def names(self, *options: str, as_of: dt.date | None = None) -> list[str]:
        """The names ``people list OPTIONS... --json`` returns, in order."""
        return [p["name"] for p in self.json("people", "list", *options, as_of=as_of)]

    def scalar(self, sql: str) -> Any:
        """One value read straight from the database (to check what the CLI cannot show)."""
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as conn:
                return conn.execute(text(sql)).scalar_one()
        finally:
            engine.dispose()

    def days_ago(self, days: int) -> str:
        """The ISO date ``days`` before the pinned today."""
        return (self.today - dt.timedelta(days=days)).isoformat()


def as_from_a_terminal() -> None:
    """In the child, before netweave starts: Ctrl-C and SIGTERM as a terminal gives them. A
    process of the test run may hold Ctrl-C ignored at the system level (a library loaded
    in it can set that), and a child would inherit it and never stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

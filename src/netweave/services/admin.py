"""Database administration: schema upgrades and backups."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from netweave.errors import DatabaseError
from netweave.services.context import Context
from netweave.store.migrate import HEAD_REVISION, backup_sqlite


def upgrade_report(ctx: Context) -> dict[str, Any]:
    """What opening the database did to its schema (opening upgrades it when behind)."""
    report = ctx.upgraded
    action = (
        "none" if report is None else ("created" if report.from_revision is None else "upgraded")
    )
    return {
        "action": action,
        "database": ctx.db.location,
        "revision": HEAD_REVISION,
        "upgraded_from": report.from_revision if report else None,
        "backup": str(report.backup) if report and report.backup else None,
    }


def check_database(ctx: Context) -> dict[str, Any]:
    """Check the rows as a restore checks a backup's: what no netweave command writes (two
    records of the user, a word outside its vocabulary, …) is a problem. ``ok`` says
    whether there is none; ``problems`` names every one found, one line each (a restore
    stops at the first)."""
    with ctx.db.reading() as session:
        problems = database_problems(ctx, session)
    return {"database": ctx.db.location, "revision": HEAD_REVISION, "ok": not problems,
            "problems": problems}  # fmt: skip


def database_problems(ctx: Context, session: Session) -> list[str]:
    """Every problem a restore would find in the rows ``session`` reads, one line each that
    names the database, the row and the value; empty when there is none."""
    from netweave.services.backup_checks import find_problems

    return list(find_problems(session, ctx.db.location, ctx.settings))


def backup_database(ctx: Context, target: Path) -> Path:
    """Write a consistent copy of the database to ``target`` (SQLite file, or a pg_dump archive)."""
    target = target.expanduser().absolute()
    if target.exists():
        raise DatabaseError(f"{target} already exists; choose another backup path")
    source = ctx.db.sqlite_file
    if source is not None:
        return backup_sqlite(source, target)
    return _pg_dump(ctx, target)


def _pg_dump(ctx: Context, target: Path) -> Path:
    """A custom-format ``pg_dump`` archive, restorable with ``pg_restore``."""
    exe = shutil.which("pg_dump")
    if exe is None:
        raise DatabaseError("pg_dump is not installed; install the PostgreSQL client tools")
    url = ctx.db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    result = subprocess.run(
        [exe, "--format=custom", f"--file={target}", f"--dbname={url}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        target.unlink(missing_ok=True)
        message = (result.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise DatabaseError(f"pg_dump failed: {message}")
    return target

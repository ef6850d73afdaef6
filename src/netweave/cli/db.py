"""``netweave db``: schema upgrades and backups."""

from pathlib import Path
from typing import Annotated

import typer

from netweave.cli.options import JsonOpt, path_argument
from netweave.cli.output import error, print_json, say
from netweave.cli.state import context

app = typer.Typer(help="Upgrade, check and back up the database.", no_args_is_help=True)


@app.command("upgrade")
def upgrade(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Bring the database schema up to date (a SQLite file is backed up first)."""
    from netweave.services.admin import upgrade_report

    report = upgrade_report(context(ctx, create=True))
    if json_out:
        print_json(report)
    elif report["action"] == "none":
        say(f"{report['database']} is up to date (schema {report['revision']}).")
    elif report["action"] == "created":
        say(f"Created {report['database']} (schema {report['revision']}).")
    else:
        say(f"Upgraded {report['database']} to schema {report['revision']}.")
        if report["backup"]:
            say(f"The previous version was saved as {report['backup']}.")


@app.command("check")
def check(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Check that the database holds only rows netweave writes (one record of you, known
    words), as a restore checks a backup: every problem is named, one line each, with exit
    status 1 (with --json, the result is printed too: ok, and the problems found)."""
    from netweave.services.admin import check_database

    report = check_database(context(ctx))
    if json_out:
        print_json(report)
    for problem in report["problems"]:
        error(problem)
    if not report["ok"]:
        raise typer.Exit(1)
    if not json_out:
        say(f"{report['database']}: no problems found.")


@app.command("backup")
def backup(
    ctx: typer.Context,
    path: Annotated[
        Path, path_argument("Where to write the copy (must not exist).", metavar="PATH")
    ],
    json_out: JsonOpt = False,
) -> None:
    """Write a consistent copy of the database: a SQLite file (open it with --db FILE), or on
    PostgreSQL a pg_dump archive (restore it with pg_restore -d EMPTY_DB FILE, not with
    netweave restore, which reads export json's backups)."""
    from netweave.services.admin import backup_database

    written = backup_database(context(ctx), path)
    if json_out:
        print_json({"backup": str(written)})
        return
    say(f"Backed up to {written}.")

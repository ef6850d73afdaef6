"""``netweave export vcard|csv|json`` and ``netweave restore``: your data in standard formats."""

from pathlib import Path
from typing import Annotated

import typer

from netweave.cli.options import Force, JsonOpt, path_argument
from netweave.cli.output import print_json, say
from netweave.cli.state import context, state
from netweave.errors import NetweaveError
from netweave.logic.wording import count

app = typer.Typer(
    help="Export people as vCards or CSV, or the whole database as a JSON backup.",
    no_args_is_help=True,
)

IncludeMe = Annotated[
    bool, typer.Option("--include-me", help="Include your own record (left out by default).")
]


def _people(n: int) -> str:
    return count(n, "person", "people")


@app.command("vcard")
def vcard_command(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        path_argument("Folder for the .vcf files (created if missing).", metavar="DIR"),
    ],
    include_me: IncludeMe = False,
    json_out: JsonOpt = False,
) -> None:
    """One vCard 4.0 file per person, in a folder that khard and vdirsyncer read (a vdir).
    The cards take their places together at the end: stopped before, the folder is as it
    was."""
    from netweave.services.export import export_vcards

    result = export_vcards(context(ctx), folder, include_me=include_me)
    if json_out:
        print_json({**result, "folder": str(folder)})
        return
    gone = result["removed"]
    also = f"; removed the cards of {_people(gone)} not exported this time" if gone else ""
    say(f"Exported {_people(result['people'])} to {folder}{also}.")


@app.command("csv")
def csv_command(
    ctx: typer.Context,
    file: Annotated[Path, path_argument("The CSV file to write.", metavar="FILE")],
    include_me: IncludeMe = False,
    force: Force = False,
    json_out: JsonOpt = False,
) -> None:
    """One row per person for spreadsheets (cells that could run as formulas are defused)."""
    from netweave.services.export import export_csv

    result = export_csv(context(ctx), file, include_me=include_me, force=force)
    if json_out:
        print_json({**result, "file": str(file)})
        return
    say(f"Exported {_people(result['people'])} to {file}.")


@app.command("json")
def json_command(
    ctx: typer.Context,
    file: Annotated[Path, path_argument("The backup file to write.", metavar="FILE")],
    force: Force = False,
    json_out: JsonOpt = False,
) -> None:
    """A full, lossless backup of every table as JSON (bring it back with netweave restore)."""
    from netweave.services.backup import export_json

    result = export_json(context(ctx), file, force=force)
    if json_out:
        print_json({**result, "file": str(file)})
        return
    say(f"Exported {_people(result['people'])} ({count(result['rows'], 'row')}) to {file}.")


def restore_command(
    ctx: typer.Context,
    file: Annotated[
        Path, path_argument("A backup written by netweave export json.", metavar="FILE")
    ],
    json_out: JsonOpt = False,
) -> None:
    """Restore a JSON backup into an empty database (all or nothing; ids are kept). A backup
    written by an older netweave is brought up to date as it is restored; a damaged one has
    every problem named, one line each, and nothing is restored."""
    from netweave.services.backup import restore_json

    try:
        result = restore_json(context(ctx, create=True), file)
    except (NetweaveError, KeyboardInterrupt):
        # a failed or interrupted restore leaves no empty database
        state(ctx).discard_new_database()
        raise
    if json_out:
        print_json({**result, "file": str(file)})
        return
    say(f"Restored {_people(result['people'])} ({count(result['rows'], 'row')}) from {file}.")

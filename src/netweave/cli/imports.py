"""``netweave import``: bring a network in from LinkedIn, address books, calendars and mail."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from netweave.cli.options import JsonOpt, id_argument, parse_date_option, path_argument
from netweave.cli.output import console, print_json, say, table
from netweave.cli.state import context
from netweave.logic.wording import count

app = typer.Typer(
    help="Import LinkedIn exports, vCards, Google/Outlook CSV, calendars and mail; list; undo.",
    no_args_is_help=True,
)

Paths = Annotated[
    list[Path],
    # a file that cannot be read is the import's own one-line error (exit 1), as a missing
    # one is, not a usage error
    path_argument("Files (or folders) to import.", metavar="PATH..."),
]
SkipBad = Annotated[
    bool,
    typer.Option(
        "--skip-bad-rows",
        help="Import the good rows of a file and list the bad (without it, a bad row "
        "leaves the whole file out). A value that is no email address or phone number "
        "makes no bad row: it is kept in the person's notes and listed.",
    ),
]


def _run(ctx: typer.Context, kind: str, paths: list[Path], json_out: bool, **options: Any) -> None:
    from netweave.services.imports import ImportOptions, PartialImport, run_import

    if any(not value.strip() for value in options.get("me", [])):
        from netweave.errors import InvalidInput

        raise InvalidInput("--me: an empty address (give yours, or leave --me out)")
    nw = context(ctx)
    if json_out:
        try:
            result = run_import(nw, kind, paths, ImportOptions(**options))
        except PartialImport as partial:  # what stays imported, for a script to undo
            print_json(partial.summary)
            raise
    elif not sys.stderr.isatty():
        result = run_import(nw, kind, paths, ImportOptions(**options))
    else:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
        with Progress(*columns, console=console(stderr=True), transient=True) as bar:
            task = bar.add_task(f"Importing {kind} …")

            def show(name: str, count: int) -> None:
                bar.update(task, description=f"Importing {name}: {count:,} records read")

            result = run_import(nw, kind, paths, ImportOptions(**options, progress=show))
    if json_out:
        print_json(result)
        return
    counts = ", ".join(f"{result[k]} {k}" for k in ("created", "updated", "merged", "skipped"))
    if result["people"] != result["created"]:  # conversations and roles are records too
        counts = counts.replace(
            " created", f" created ({count(result['people'], 'new person', 'new people')})", 1
        )
    problems = result.get("error_count", len(result["errors"]))
    say(f"Import batch {result['batch']}: {counts}, {count(problems, 'problem')}.")
    for problem in result["errors"][:20]:
        where = f"{problem['file']}:{problem['line']}" if problem["line"] else problem["file"]
        say(f"  {where}: {problem['error']}")
    if len(result["errors"]) > 20:
        say(f"  … and {len(result['errors']) - 20} more (see --json).")


@app.command("linkedin")
def linkedin(
    ctx: typer.Context,
    paths: Paths,
    me: Annotated[
        str | None,
        typer.Option("--me", metavar="NAME|URL", help="You, when importing messages.csv alone."),
    ] = None,
    skip_bad_rows: SkipBad = False,
    json_out: JsonOpt = False,
) -> None:
    """A LinkedIn data export: the .zip as downloaded, the unzipped folder, or one CSV.

    Its connections, invitations and messages; Profile.csv and Education.csv are you (your
    own record, and your schools with degree and years).
    """
    _run(ctx, "linkedin", paths, json_out, skip_bad_rows=skip_bad_rows, me=[me] if me else [])


#: ``--me`` of an address book: the card of the user's own.
MyCard = Annotated[
    list[str] | None,
    typer.Option(
        "--me",
        metavar="EMAIL",
        help="Your own address (repeatable, or several separated by commas): the card with "
        "it is yours, and fills in your own record instead of making a contact.",
    ),
]


@app.command("vcard")
def vcard(
    ctx: typer.Context,
    paths: Paths,
    me: MyCard = None,
    skip_bad_rows: SkipBad = False,
    json_out: JsonOpt = False,
) -> None:
    """vCard files (2.1, 3.0, 4.0) or a folder of them (a vdir)."""
    _run(ctx, "vcard", paths, json_out, skip_bad_rows=skip_bad_rows, me=me or [])


@app.command("google-csv")
def google_csv(
    ctx: typer.Context,
    paths: Paths,
    me: MyCard = None,
    skip_bad_rows: SkipBad = False,
    json_out: JsonOpt = False,
) -> None:
    """Google Contacts or Outlook CSV exports."""
    _run(ctx, "google-csv", paths, json_out, skip_bad_rows=skip_bad_rows, me=me or [])


@app.command("ics")
def ics(
    ctx: typer.Context,
    paths: Paths,
    create_people: Annotated[
        bool, typer.Option("--create-people", help="Add attendees you do not know yet.")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Expand recurring events from this day."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            help="… up to this day (default: today; "
            "never past now: meetings not held yet are left out).",
        ),
    ] = None,
    me: Annotated[
        list[str] | None,
        typer.Option(
            "--me",
            metavar="EMAIL",
            help="Your own address (repeatable, or several separated by commas; default: "
            "those on your record). Events you declined are left out.",
        ),
    ] = None,
    skip_bad_rows: Annotated[
        bool, typer.Option("--skip-bad-rows", help="Import the good events and list the bad.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Calendar files: meetings with people you know become conversations."""
    _run(
        ctx, "ics", paths, json_out, create_people=create_people, me=me or [],
        since=parse_date_option(since, "--since"), until=parse_date_option(until, "--until"),
        skip_bad_rows=skip_bad_rows,
    )  # fmt: skip


@app.command("mbox")
def mbox(
    ctx: typer.Context,
    paths: Paths,
    me: Annotated[
        list[str] | None,
        typer.Option(
            "--me",
            metavar="EMAIL",
            help="Your own address (repeatable, or several separated by commas); by default "
            "the emails on your own record.",
        ),
    ] = None,
    keep_bodies: Annotated[
        bool, typer.Option("--keep-bodies", help="Keep the start of each message.")
    ] = False,
    include_bulk: Annotated[
        bool, typer.Option("--include-bulk", help="Keep newsletters and notifications.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """A mail archive (mbox): who you wrote with and when; headers and subjects only by default.

    A folder is read with its mail files (.mbox, .mbx, Thunderbird's, named with dots
    too: Jobs.2025) and those of its Thunderbird subfolders (Inbox.sbd/...), but for Trash
    and Junk; a Thunderbird profile, with each account's mail folders. The files not read
    (.msf indexes, settings and data) are listed with why.
    """
    _run(ctx, "mbox", paths, json_out, me=me or [], keep_bodies=keep_bodies,
         include_bulk=include_bulk)  # fmt: skip


@app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List past imports (with --json, the problems each one listed)."""
    from netweave.services.import_undo import list_batches

    batches = list_batches(context(ctx))
    if json_out:
        print_json(batches)
    elif not batches:
        say("No imports yet.")
    else:
        table(
            [
                "Batch",
                "Kind",
                "Source",
                "Started",
                "State",
                "Created",
                "Updated",
                "Merged",
                "Skipped",
                "Problems",
            ],
            [
                [
                    b["batch"],
                    b["kind"],
                    b["description"],  # a file's name; a merge's two by name
                    b["started"][:16].replace("T", " "),  # the user's time, to the minute
                    b["state"],
                    b["created"],
                    b["updated"],
                    b["merged"],
                    b["skipped"],
                    b["error_count"],
                ]
                for b in batches
            ],
        )


@app.command("undo")
def undo(
    ctx: typer.Context,
    batch: Annotated[int, id_argument("The batch number.", metavar="BATCH")],
    json_out: JsonOpt = False,
) -> None:
    """Remove exactly what an import created and restore what it changed."""
    from netweave.services.import_kept import apart_words
    from netweave.services.import_undo import undo_batch

    result = undo_batch(context(ctx), batch)
    if json_out:
        print_json(result)
        return
    if result["reverted"]:
        reverted = f"{count(result['reverted'], 'change')} reverted"
    elif result.get("changed_nothing"):  # the same file read again: all was here already
        reverted = "it had changed nothing, so there was nothing to revert"
    else:  # what it brought in was removed since (a person forgotten)
        reverted = "nothing was left to revert: what it changed is gone since"
    if result.get("people_removed"):
        reverted += f"; {count(result['people_removed'], 'person', 'people')} it brought in removed"
    say(f"Undid import batch {result['batch']}: {reverted}.")
    if result.get("apart_removed"):
        say(apart_words(result["apart_removed"]))
    if result["kept"]:
        names = ", ".join(f"{p['name']} (#{p['id']})" for p in result["kept"])
        say(f"Kept {names}: you have added to them since (`netweave people forget` removes one).")

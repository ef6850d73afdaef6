"""``netweave conversations``: list, show, correct and delete logged conversations."""

import sys
from typing import Annotated, Any

import typer

from netweave.cli.options import (
    DirectionChange,
    JsonOpt,
    KindChange,
    change,
    id_argument,
    limit_option,
    parse_date_option,
)
from netweave.cli.output import (
    DASH,
    console,
    escape,
    print_json,
    say,
    say_answered,
    say_reopened,
    table,
)
from netweave.cli.state import context
from netweave.errors import InvalidInput
from netweave.logic.vocab import exchange_words

app = typer.Typer(
    help="The conversations you logged or imported: list, show, correct and delete them.",
    no_args_is_help=True,
)

IdArg = Annotated[int, id_argument("The conversation (#12 or 12).")]


@app.command("list")
def list_(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(metavar="[NAME]", help="Only conversations with this person.")
    ] = None,
    limit: Annotated[int | None, limit_option("How many, newest first (20 unless told).")] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Every conversation, not the latest 20.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """The latest conversations, newest first, with their numbers for edit and delete. A
    list cut off at its limit ends with how many older ones there are. With --json, the
    list is a JSON array cut off at the same limit, with no such line: a script gets every
    conversation with --all --json."""
    from netweave.services.conversations import (
        DEFAULT_LIMIT,
        count_conversations,
        list_conversations,
    )

    if all_ and limit is not None:
        raise typer.BadParameter("give --all or --limit, not both", param_hint="'--all'")
    nw = context(ctx)
    shown = None if all_ else (limit or DEFAULT_LIMIT)
    found = list_conversations(nw, name, limit=shown)
    if json_out:
        print_json(found)
    elif not found:
        say("No conversations logged yet." if name is None else "No conversations with them.")
    else:
        table(
            ["#", "Date", "Kind", "Way", "With", "Note"],
            [_row(c) for c in found],
        )
        if len(found) == shown:
            _say_older(len(found), count_conversations(nw, name))


def _say_older(shown: int, total: int) -> None:
    """The line under a list cut off at its limit: how many older ones, how to see them."""
    from netweave.logic.parse import MAX_LIMIT

    more = total - shown
    if more <= 0:
        return
    limit = f" (or --limit {total})" if total <= MAX_LIMIT else ""
    say(f"… and {more:,} older: see them all with --all{limit}.")


@app.command("show")
def show(ctx: typer.Context, conversation: IdArg, json_out: JsonOpt = False) -> None:
    """One conversation: when, who, what was said, given, asked and received."""
    from netweave.services.conversations import show_conversation

    view = show_conversation(context(ctx), conversation)
    if json_out:
        print_json(view)
    else:
        _print(view)


@app.command("edit")
def edit(
    ctx: typer.Context,
    conversation: IdArg,
    kind: KindChange = None,
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="The right day.")] = None,
    direction: DirectionChange = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="What you talked about (none: drop it)."),
    ] = None,
    add: Annotated[
        list[str] | None,
        typer.Option("--add", metavar="NAME", help="Someone else who took part (repeatable)."),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", metavar="NAME", help="Someone who was not there (repeatable)."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Correct a conversation: its day, kind, direction, note or people. Strength and the
    next check-in of everyone in it follow."""
    from netweave.services.conversations import ConversationChanges, edit_conversation

    changes = ConversationChanges(
        kind=kind,
        on=parse_date_option(on, "--on"),
        direction=direction,
        note=change(note, "--note"),
        add=list(add or []),
        remove=list(remove or []),
    )
    result = edit_conversation(context(ctx), conversation, changes)
    if json_out:
        print_json(result)
        return
    changed = result["changed"]
    number = result["interaction"]["id"]
    say(f"Changed conversation #{number}: {', '.join(changed)}." if changed else
        f"Conversation #{number} already says so; nothing changed.")  # fmt: skip
    for title in result["reopened"]:
        say(f"  Open again: {title}")
    for title in result["tasks_done"]:
        say(f"  Done with it: {title}")
    say_reopened(result["asks_reopened"])
    say_answered(result["asks_fulfilled"])
    _print(result["interaction"])


@app.command("delete")
def delete(
    ctx: typer.Context,
    conversation: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Delete a conversation, with what was given, asked or received in it."""
    from netweave.services.conversations import delete_conversation, show_conversation

    number = conversation
    if not yes:
        view = show_conversation(context(ctx), number)
        if not sys.stdin.isatty():
            raise InvalidInput(
                f"deleting conversation #{number} cannot be undone; add --yes to confirm"
            )
        _print(view)
        typer.confirm(f"Delete conversation #{number}?", abort=True)
    result = delete_conversation(context(ctx), number)
    if json_out:
        print_json(result)
        return
    gone = result["deleted"]
    extra = result["exchanges"]
    tail = f" and the {extra} exchange{'s' if extra != 1 else ''} logged with it" if extra else ""
    say(
        f"Deleted conversation #{gone['id']} ({gone['date']}, {gone['kind']} with "
        f"{', '.join(gone['people'])}){tail}."
    )
    for title in result["reopened"]:
        say(f"  Open again: {title}")
    say_reopened(result["asks_reopened"])


def _row(c: dict[str, Any]) -> list[Any]:
    return [c["id"], c["date"], c["kind"], c["direction"], ", ".join(c["people"]),
            c["summary"] or DASH]  # fmt: skip


def _print(view: dict[str, Any]) -> None:
    out = console()
    out.print(
        f"[bold]#{view['id']}[/bold] {view['date']} {view['kind']} "
        f"({_WAYS.get(view['direction'], view['direction'])}) with "
        + escape(", ".join(view["people"]))
    )
    if view["summary"]:
        out.print(f"  {escape(view['summary'])}")
    for e in view["exchanges"]:
        who = escape(e["person"])
        out.print(f"  {who}: {_VERBS[e['direction']]} {exchange_words(e['kind'])} ({e['status']})")
    if view["source"] != "manual":
        out.print(f"  From an import ({view['source']}).")


_WAYS = {"out": "you reached out", "in": "they reached out", "both": "both ways"}
_VERBS = {"gave": "you gave", "received": "you received", "asked": "you asked for"}

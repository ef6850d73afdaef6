"""``netweave asks``: what you asked people for, and whether you got it."""

from typing import Annotated, Any

import typer

from netweave.cli.options import JsonOpt, id_argument
from netweave.cli.output import print_json, say, table
from netweave.cli.state import context
from netweave.logic.wording import days

app = typer.Typer(
    help="What you asked people for: open asks, and marking them fulfilled or declined.",
    no_args_is_help=True,
)

AskId = Annotated[int, id_argument("The ask's number (`netweave asks list`).", "ASK")]


@app.command("list")
def list_(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(metavar="[NAME]", help="Only what you asked this person for.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Fulfilled and declined asks too.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """List your open asks, the oldest first (logging what you received closes one)."""
    from netweave.services.asks import list_asks

    asks = list_asks(context(ctx), name, all_=all_)
    if json_out:
        print_json(asks)
    elif not asks:
        say("No open asks." if not all_ else "No asks yet.")
    else:
        table(
            ["Ask", "Person", "Asked for", "On", "Status"],
            [[a["id"], a["person"], a["kind"], a["on"], _status(a)] for a in asks],
        )


def _status(ask: dict[str, Any]) -> str:
    if ask["status"] != "open":
        on = ask["settled_on"]  # none for an ask settled before netweave kept the day
        return f"{ask['status']} on {on}" if on else str(ask["status"])
    if ask["after_today"]:  # ``--as-of`` a day before it
        return "asked after today"
    return "asked today" if ask["days_open"] == 0 else f"open for {days(ask['days_open'])}"


def _settle(ctx: typer.Context, ask_id: int, status: str, json_out: bool) -> None:
    from netweave.services.asks import settle_ask

    ask = settle_ask(context(ctx), ask_id, status)
    if ask.get("already") and not json_out:
        verb = "is" if ask["status"] == "open" else "was"  # was fulfilled on DAY
        say(f"Ask #{ask['id']} ({ask['kind']} from {ask['person']}) {verb} {_status(ask)} already.")
        return
    if json_out:
        print_json(ask)
    else:
        say(f"Ask #{ask['id']} ({ask['kind']} from {ask['person']}, {ask['on']}): {status}.")


@app.command("fulfilled")
def fulfilled(ctx: typer.Context, ask_id: AskId, json_out: JsonOpt = False) -> None:
    """Mark an ask fulfilled: you got what you asked for."""
    _settle(ctx, ask_id, "fulfilled", json_out)


@app.command("declined")
def declined(ctx: typer.Context, ask_id: AskId, json_out: JsonOpt = False) -> None:
    """Mark an ask declined: they could not or would not help."""
    _settle(ctx, ask_id, "declined", json_out)


@app.command("reopen")
def reopen(ctx: typer.Context, ask_id: AskId, json_out: JsonOpt = False) -> None:
    """Make a settled ask open again."""
    _settle(ctx, ask_id, "open", json_out)

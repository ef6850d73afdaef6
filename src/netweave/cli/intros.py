"""``netweave intros``: who to introduce to whom, and double opt-in introductions."""

from typing import Annotated, Any

import typer

from netweave.cli.options import JsonOpt, id_argument, limit_option
from netweave.cli.output import print_json, say, table
from netweave.cli.state import context

app = typer.Typer(
    help="Introductions: suggestions from needs, offers and interests; double opt-in steps.",
    no_args_is_help=True,
)

IntroId = Annotated[int, id_argument("The introduction (see `intros list`).")]
NoteOpt = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="A note for this step.")
]


@app.command("suggest")
def suggest(
    ctx: typer.Context,
    limit: Annotated[int, limit_option("Show at most this many.")] = 20,
    method: Annotated[
        str,
        typer.Option(
            "--method", help="auto (the model if installed), semantic, or lexical (words only)."
        ),
    ] = "auto",
    json_out: JsonOpt = False,
) -> None:
    """Pairs worth introducing: one's need meets the other's offer, or strong shared interests."""
    from netweave.services.intro_suggestions import suggest_intros_or_why

    found, why = suggest_intros_or_why(context(ctx), limit=limit, method=method.lower())
    if json_out:
        print_json(found)
        return
    if not found:
        say(f"No suggestions yet: {why}.")
        say("Record what people need, offer and care about with `netweave people edit NAME "
            "--need TEXT --offer TEXT --interest CATEGORY:LABEL`.")  # fmt: skip
        return
    for n, s in enumerate(found, 1):
        say(f"{n:>2}. {s['a']} (#{s['a_id']}) ↔ {s['b']} (#{s['b_id']})  score {s['score']:.2f}")
        for reason in s["reason"].split("; "):
            say(f"      {reason}")
        if s["reach_out_to"] is not None:
            say(f"      (you are one of them: no introduction, reach out to #{s['reach_out_to']})")
        elif s["kind"] == "need-offer":
            say(f"      ask {s['a']} first, whose help is asked: "
                f"`netweave intros propose #{s['a_id']} #{s['b_id']} --why TEXT`")  # fmt: skip
    say(f"Matched by {found[0]['method']} similarity. Start one with "
        "`netweave intros propose A B --why TEXT`.")  # fmt: skip


@app.command("propose")
def propose(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="A", help="The person asked first.")],
    b: Annotated[str, typer.Argument(metavar="B", help="The person asked once A agrees.")],
    why: Annotated[str, typer.Option("--why", metavar="TEXT", help="Why they should meet.")],
    yes: Annotated[
        bool,
        typer.Option("--yes", help="Propose a pair again although one of them declined before."),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Start a double opt-in introduction and draft the question to A.

    A pair one of whom said no to an earlier introduction is proposed again only with --yes."""
    from netweave.services.intros import propose as start

    _render(start(context(ctx), a, b, why, confirmed=yes), json_out, "Proposed")


@app.command("ask")
def ask(ctx: typer.Context, intro_id: IntroId, json_out: JsonOpt = False) -> None:
    """Record that you sent the opt-in question (to A, or to B once A agreed)."""
    from netweave.services.intros import ask as asked

    _render(asked(context(ctx), intro_id), json_out, "Asked")


@app.command("agree")
def agree(
    ctx: typer.Context, intro_id: IntroId, note: NoteOpt = None, json_out: JsonOpt = False
) -> None:
    """The person asked said yes."""
    from netweave.services.intros import agree as agreed

    _render(agreed(context(ctx), intro_id, note), json_out, "Agreed")


@app.command("tell")
def tell(
    ctx: typer.Context, intro_id: IntroId, note: NoteOpt = None, json_out: JsonOpt = False
) -> None:
    """A agreed but it stopped: record that you let A know it will not happen (not why)."""
    from netweave.services.intros import tell as told

    _render(told(context(ctx), intro_id, note), json_out, "Told")


@app.command("decline")
def decline(
    ctx: typer.Context,
    intro_id: IntroId,
    by: Annotated[
        str | None, typer.Option("--by", help="a, b, or you (withdraw); default: who was asked.")
    ] = None,
    note: NoteOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Someone said no: the introduction stops, and the other side is told nothing."""
    from netweave.services.intros import decline as declined

    view = declined(context(ctx), intro_id, note, by.lower() if by else None)
    if json_out:
        print_json(view)
        return
    say(f"Introduction #{view['id']} of {view['a']} and {view['b']} declined.")
    if view["message"] is None:
        say("No message goes to the other side.")
        return
    say(f"{view['a']} said yes and waits to hear: only that it will not happen, not why.")
    _next(view)


@app.command("introduce")
def introduce(
    ctx: typer.Context, intro_id: IntroId, note: NoteOpt = None, json_out: JsonOpt = False
) -> None:
    """You sent the introduction: they now know each other, and it counts as a give to both."""
    from netweave.services.intros import introduce as made

    _render(made(context(ctx), intro_id, note), json_out, "Introduced")


@app.command("outcome")
def outcome(
    ctx: typer.Context,
    intro_id: IntroId,
    met: Annotated[bool, typer.Option("--met", help="They met.")] = False,
    not_met: Annotated[bool, typer.Option("--not-met", help="They did not meet.")] = False,
    helped: Annotated[bool, typer.Option("--helped", help="It helped.")] = False,
    not_helped: Annotated[bool, typer.Option("--not-helped", help="It did not help.")] = False,
    note: NoteOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Record how an introduction turned out."""
    from netweave.services.intros import record_outcome

    view = record_outcome(
        context(ctx),
        intro_id,
        met=_either(ctx, met, not_met, "met"),
        helped=_either(ctx, helped, not_helped, "helped"),
        note=note,
    )
    _render(view, json_out, f"{view['step'].capitalize()} for")  # recorded, or corrected


@app.command("dismiss")
def dismiss(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="A", help="One person.")],
    b: Annotated[str, typer.Argument(metavar="B", help="The other person.")],
    json_out: JsonOpt = False,
) -> None:
    """Stop suggesting that A and B meet."""
    from netweave.services.intros import dismiss_suggestion

    result = dismiss_suggestion(context(ctx), a, b)
    if json_out:
        print_json(result)
        return
    say(f"{result['a']} and {result['b']} will not be suggested again.")


@app.command("list")
def list_(
    ctx: typer.Context,
    all_: Annotated[
        bool, typer.Option("--all", help="Include declined and finished ones.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Introductions under way (with --all, every one) and their next step."""
    from netweave.services.intros import list_intros

    intros = list_intros(context(ctx), include_closed=all_)
    if json_out:
        print_json(intros)
    elif not intros:
        say("No introductions under way: see `netweave intros suggest`.")
    else:
        table(
            ["#", "A", "B", "Step", "Since", "Next"],
            [[i["id"], i["a"], i["b"], i["step"], i["updated_on"], i["next"]] for i in intros],
        )


@app.command("show")
def show(ctx: typer.Context, intro_id: IntroId, json_out: JsonOpt = False) -> None:
    """One introduction: its history, next step and the message to send."""
    from netweave.services.intros import show as get

    view = get(context(ctx), intro_id)
    if json_out:
        print_json(view)
        return
    say(f"Introduction #{view['id']}: {view['a']} ↔ {view['b']} — {view['step']}")
    say(f"Why: {view['why']}")
    for step in view["history"]:
        said = f": {step['said']}" if step.get("said") else ""
        extra = f" — {step['note']}" if step.get("note") else ""
        say(f"  {step['on']}  {step['label']}{said}{extra}")
    if view["outcome"]:
        say(f"Outcome: {view['outcome']}")
    _next(view)


def _either(ctx: typer.Context, yes: bool, no: bool, flag: str) -> bool | None:
    """``--FLAG`` (True), ``--not-FLAG`` (False) or neither (None); both are refused."""
    if yes and no:
        ctx.fail(f"give --{flag} or --not-{flag}, not both")
    return True if yes else (False if no else None)


def _render(view: dict[str, Any], json_out: bool, verb: str) -> None:
    if json_out:
        print_json(view)
        return
    say(f"{verb}: introduction #{view['id']} of {view['a']} and {view['b']} ({view['step']}).")
    if logged := view.get("logged"):  # the step's message, as a conversation
        to = " and ".join(logged["to"])
        say(f"Logged a message to {to} (conversation #{logged['conversation']}).")
    _next(view)


def _next(view: dict[str, Any]) -> None:
    if view["message"]:
        say(f"Message to {view['message']['to']}:")
        say(f"  {view['message']['text']}")
    if view["next"]:
        say(f"Next: {view['next']}")

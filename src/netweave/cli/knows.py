"""``netweave knows``: who knows whom, and inferred connections to confirm or dismiss."""

from typing import Annotated, Any

import typer

from netweave.cli.options import JsonOpt, limit_option, parse_date_option
from netweave.cli.output import print_json, say, table
from netweave.cli.state import context
from netweave.logic.wording import sentence

app = typer.Typer(
    help="Who knows whom among your contacts: record, list, and confirm suggestions.",
    no_args_is_help=True,
)

PersonA = Annotated[str, typer.Argument(metavar="A", help="One person (id, name or email).")]
PersonB = Annotated[str, typer.Argument(metavar="B", help="The other person.")]
HowOpt = Annotated[
    str,
    typer.Option(
        "--how",
        metavar="WELL",
        help="How well they know each other: well (the default; weighs 1.0 in paths) or "
        "slightly (met once or twice; 0.4).",
    ),
]


@app.command("add")
def add(
    ctx: typer.Context,
    a: PersonA,
    b: PersonB,
    context_text: Annotated[
        str | None, typer.Option("--context", metavar="TEXT", help="How they know each other.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Since when (YYYY-MM-DD).")
    ] = None,
    how: HowOpt = "well",
    json_out: JsonOpt = False,
) -> None:
    """Record that A and B know each other, and how well."""
    from netweave.services.knows import add_knows

    edge = add_knows(
        context(ctx), a, b, context=context_text, since=parse_date_option(since, "--since"), how=how
    )
    if json_out:
        print_json(edge)
    else:
        say(sentence(f"Recorded: {edge['a']} knows {edge['b']}{_about(edge)}"))


def _about(edge: dict[str, Any]) -> str:
    parts = [edge["context"]] if edge.get("context") else []
    if edge.get("how") == "slightly":
        parts.insert(0, "slightly")
    if edge.get("since"):
        parts.append(f"since {edge['since']}")
    return f" ({', '.join(parts)})" if parts else ""


@app.command("list")
def list_(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(metavar="[NAME]", help="Only this person's connections.")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """List who knows whom (everyone, or one person's connections)."""
    from netweave.services.knows import list_knows

    edges = list_knows(context(ctx), name)
    if json_out:
        print_json(edges)
    elif not edges:
        say("No connections recorded yet: `netweave knows add A B` or see `knows suggestions`.")
    else:
        table(
            ["A", "B", "Context", "Since", "How well", "Status"],
            [[e["a"], e["b"], e["context"], e["since"], e["how"], e["status"]] for e in edges],
        )


@app.command("remove")
def remove(ctx: typer.Context, a: PersonA, b: PersonB, json_out: JsonOpt = False) -> None:
    """Forget that A and B know each other."""
    from netweave.services.knows import remove_knows

    edge = remove_knows(context(ctx), a, b)
    if json_out:
        print_json(edge)
        return
    say(sentence(f"Removed: {edge['a']} — {edge['b']}"))


@app.command("suggestions")
def suggestions(
    ctx: typer.Context,
    limit: Annotated[int, limit_option("Show at most this many.")] = 30,
    json_out: JsonOpt = False,
) -> None:
    """Pairs who probably know each other (an introducer, same employer, school, event or
    thread)."""
    from netweave.services.knows import suggestions as find

    found = find(context(ctx), limit=limit)
    if json_out:
        print_json(found)
    elif not found:
        say("No suggestions: nothing in your network hints at new connections.")
    else:
        table(
            ["A", "B", "Confidence", "Why"],
            [[_who(s, "a"), _who(s, "b"), f"{s['confidence']:.2f}", s["reason"]] for s in found],
        )
        say("Confirm with `netweave knows confirm A B`, or `netweave knows dismiss A B`")
        say("(names or #ids).")


def _who(suggestion: dict[str, Any], side: str) -> str:
    return f"{suggestion[side]} #{suggestion[side + '_id']}"


@app.command("confirm")
def confirm(
    ctx: typer.Context,
    a: PersonA,
    b: PersonB,
    context_text: Annotated[
        str | None, typer.Option("--context", metavar="TEXT", help="How they know each other.")
    ] = None,
    how: HowOpt = "well",
    json_out: JsonOpt = False,
) -> None:
    """Confirm a suggestion: A and B know each other."""
    from netweave.services.knows import confirm as accept

    edge = accept(context(ctx), a, b, context=context_text, how=how)
    if json_out:
        print_json(edge)
        return
    say(sentence(f"Confirmed: {edge['a']} knows {edge['b']}{_about(edge)}"))
    if not edge["suggested"]:
        say("They were not among the suggestions (`netweave knows suggestions`): recorded as "
            "`netweave knows add` does.")  # fmt: skip


@app.command("dismiss")
def dismiss(ctx: typer.Context, a: PersonA, b: PersonB, json_out: JsonOpt = False) -> None:
    """Dismiss a suggestion; it will not be offered again."""
    from netweave.services.knows import dismiss as drop

    result = drop(context(ctx), a, b)
    if json_out:
        print_json(result)
        return
    say(f"Dismissed: {result['a']} — {result['b']} will not be suggested again.")

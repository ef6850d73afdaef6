"""``people duplicates``, ``apart`` and ``merge``: records of one person found and folded."""

from typing import Annotated, Any

import typer

from netweave.cli.options import JsonOpt, number_option
from netweave.cli.output import print_json, say, table
from netweave.cli.state import context


def register(app: typer.Typer) -> None:
    """Add these commands to ``netweave people``."""
    app.command("duplicates")(duplicates)
    app.command("apart")(apart)
    app.command("merge")(merge)


#: How ``people merge`` words a setting both records set otherwise: what differs, and
#: how a value reads ("stays close", "keeps every 30 days").
_SETTING_WORDS = {
    "circle": ("Their circles differ", "stays {}", "was {}"),
    "cadence_days": ("Their own cadences differ", "keeps every {} days", "had every {} days"),
    "strength_override": ("Their pinned strengths differ", "keeps {}", "had {}"),
}


def _between(between: dict[str, Any]) -> str | None:
    """What a merge dropped that was between the two records: one person is not introduced
    to, nor knows, themselves."""
    intros = [f"#{i}" for i in between["introductions"]]
    what = [f"{'introductions' if len(intros) > 1 else 'introduction'} {', '.join(intros)}"]
    what = (what if intros else []) + (["the 'knows' link"] if between["knows"] else [])
    what += ["the 'introduced by' link"] if between.get("introduced_by") else []
    if not what:
        return None
    return f"Dropped {' and '.join(what)} between them (`netweave import undo` brings it back)."


def _settings_differ(result: dict[str, Any]) -> list[str]:
    """One line per setting the merged record had otherwise: the kept one's stands."""
    lines = []
    for attr, values in result["settings_differ"].items():
        what, kept, had = _SETTING_WORDS[attr]
        was = f"#{result['merged']} {had.format(values['other'])}, as the notes say"
        lines.append(f"{what}: {result['name']} {kept.format(values['kept'])} ({was}).")
    return lines


def duplicates(
    ctx: typer.Context,
    kept_apart: Annotated[
        bool, typer.Option("--kept-apart", help="List the pairs kept apart instead.")
    ] = False,
    json_out: JsonOpt = False,
    limit: Annotated[
        int, number_option("--limit", bounds=(1, 10_000), help="Pairs listed, the likeliest first.")
    ] = 100,
) -> None:
    """List pairs that may be the same person (nothing is merged without you)."""
    from netweave.services.duplicates import find, notes

    if kept_apart:
        _print_kept_apart(ctx, json_out)
        return
    found = find(context(ctx), limit)
    pairs = found.pairs
    if json_out:
        print_json(pairs)
    elif not pairs:
        say("No likely duplicates.")
    else:
        table(
            ["#", "Person", "#", "Maybe the same as", "Score", "Why"],
            [
                [
                    p["a"]["id"],
                    p["a"]["name"],
                    p["b"]["id"],
                    p["b"]["name"],
                    p["score"],
                    p["reason"],
                ]
                for p in pairs
            ],
        )
        if len(pairs) == limit:
            say(f"The first {limit:,} pairs, the likeliest first (--limit for more).")
        say("Merge a pair with `netweave people merge KEEP OTHER` (undo: `netweave import undo`),"
            " or keep it apart with `netweave people apart A B`.")  # fmt: skip
    if not json_out:
        for note in notes(found):
            say(note)


def _print_kept_apart(ctx: typer.Context, json_out: bool) -> None:
    from netweave.services.merge_review import kept_apart

    pairs = kept_apart(context(ctx), limit=10_000)
    if json_out:
        print_json(pairs)
    elif not pairs:
        say("No pairs kept apart.")
    else:
        table(
            ["#", "Person", "#", "Kept apart from", "Since"],
            [[p["a"]["id"], p["a"]["name"], p["b"]["id"], p["b"]["name"], p["since"]]
             for p in pairs],
        )  # fmt: skip
        say("Propose a pair again with `netweave people apart A B --undo`.")


def apart(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="One person.")],
    b: Annotated[str, typer.Argument(help="Another, not the same person.")],
    undo: Annotated[
        bool, typer.Option("--undo", help="Take it back: the pair may be proposed again.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Say two records are different people: never proposed as duplicates again."""
    from netweave.services.merge_review import keep_apart, undo_keep_apart

    result = (undo_keep_apart if undo else keep_apart)(context(ctx), a, b)
    if json_out:
        print_json(result)
        return
    first, second = result["a"], result["b"]
    pair = f"{first['name']} (#{first['id']}) and {second['name']} (#{second['id']})"
    if undo:
        say(f"{pair} are no longer kept apart: proposed as duplicates again while they look "
            "alike.")  # fmt: skip
    else:
        say(f"{pair} are different people: not proposed as duplicates again; undo with "
            f"`netweave people apart {first['id']} {second['id']} --undo`.")  # fmt: skip


def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The person to keep.")],
    other: Annotated[str, typer.Argument(help="The duplicate folded into KEEP.")],
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            help="Merge your own record with one of another name (refused without it).",
        ),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Merge two records of one person, losing nothing; undo with `netweave import undo`.

    Your own record with one of another name is merged only with --yes: their addresses
    would become yours."""
    from netweave.services.merge import merge as merge_people

    result = merge_people(context(ctx), keep, other, confirmed=yes)
    if json_out:
        print_json(result)
    else:
        say(f"Merged #{result['merged']} into {result['name']} (#{result['kept']}); "
            f"undo with `netweave import undo {result['batch']}`.")  # fmt: skip
        if result["other_name"]:
            say(f"Their names differ ({result['other_name']}): if they are two people, "
                f"undo it now.")  # fmt: skip
        for line in _settings_differ(result):
            say(line)
        if result["now_you"]:
            say(f"#{result['merged']} was your own record, so {result['name']} "
                f"(#{result['kept']}) is now you.")  # fmt: skip
        if dropped := _between(result["between"]):
            say(dropped)
        if repeated := result["between"].get("repeated"):
            said = ", ".join(f"#{i}" for i in repeated)
            say(f"Dropped introduction {said}: the same pair had one under way with each "
                "record, and the one further along stays.")  # fmt: skip
        if result["dropped"]:
            counts = " and ".join(f"{n} {what}" for what, n in result["dropped"].items())
            say(f"Dropped {counts} that named the person who is now you: your own ties come "
                "from your conversations, and an introduction is between two others.")  # fmt: skip

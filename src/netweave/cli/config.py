"""``netweave config`` and ``netweave tags``: stored preferences."""

from typing import Annotated

import typer

from netweave.cli.options import JsonOpt, cadence_argument
from netweave.cli.output import print_json, say, table
from netweave.cli.state import context
from netweave.logic.wording import count, every

app = typer.Typer(
    help=(
        "Show and change settings (circle cadences, woven-check thresholds, the phone region,"
        " the target order)."
    ),
    no_args_is_help=True,
)
tags_app = typer.Typer(
    help="Tags: list them, their keep-in-touch cadences, and one removed or renamed everywhere.",
    no_args_is_help=True,
)


@app.command("show")
def show(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Show every setting in force."""
    from netweave.services.preferences import show as show_settings

    result = show_settings(context(ctx))
    if json_out:
        print_json(result)
        return
    table(
        ["Setting", "Value"],
        [[k, "none" if v is None else v] for k, v in result["settings"].items()],
    )
    if result["tag_cadences"]:
        table(["Tag", "Cadence (days)"], list(result["tag_cadences"].items()))


#: A value such as -5 is the argument, not an option (the service then says what is wrong).
NUMBERS_AS_ARGUMENTS = {"ignore_unknown_options": True}


@app.command("set", context_settings=NUMBERS_AS_ARGUMENTS)
def set_(
    ctx: typer.Context,
    key: Annotated[
        str,
        typer.Argument(help="e.g. circles.close, woven.min_two_way, phone_region, targets.order."),
    ],
    value: Annotated[
        str,
        typer.Argument(help="A number of days, a count, `none`, a country code, or keys in order."),
    ],
    json_out: JsonOpt = False,
) -> None:
    """Change a setting (stored in the database, so it travels with your data)."""
    from netweave.services.preferences import set_preference

    _check_key(ctx, key)
    _check_number(ctx, key, value)
    stored = set_preference(context(ctx), key, value)
    if json_out:
        print_json({"key": key, "value": stored})
        return
    say(f"{key} = {'none' if stored is None else stored}")


class _UnknownKey(typer.BadParameter):
    """A usage error said in its own words (exit 2, as every usage error)."""

    def format_message(self) -> str:
        return str(self.message)


def _check_key(ctx: typer.Context, key: str) -> None:
    """An unknown setting is a usage error, as an unknown option is (exit 2)."""
    from netweave.config import CONFIG_KEYS

    if key not in CONFIG_KEYS:
        raise _UnknownKey(f"unknown setting {key!r}; settings: {', '.join(CONFIG_KEYS)}", ctx)


def _check_number(ctx: typer.Context, key: str, value: str) -> None:
    """A number out of the setting's range, or not a number (an empty value too), is a
    usage error (exit 2) in the words of every number refused, naming the setting."""
    from netweave.config import number_bounds, says_off
    from netweave.logic.parse import whole_number

    bounds, text = number_bounds(key), value.strip()
    circle = key.startswith("circles.")
    if bounds is None or (circle and text and says_off(text)):
        return
    low, high = bounds
    named = f"'{key}'"
    number = whole_number(text)
    if number is None:
        what = "a whole number of days, or none" if circle else "a whole number"
        raise typer.BadParameter(f"{value!r} is not {what}", ctx, param_hint=named)
    if not low <= number <= high:
        raise typer.BadParameter(f"{number} is not from {low} to {high}", ctx, param_hint=named)


@app.command("reset")
def reset(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The setting, as `config show` names it.")],
    json_out: JsonOpt = False,
) -> None:
    """Put a setting back to its default."""
    from netweave.services.preferences import reset_preference

    _check_key(ctx, key)
    value = reset_preference(context(ctx), key)
    if json_out:
        print_json({"key": key, "value": value})
        return
    say(f"{key} = {'none' if value is None else value} (the default)")


@tags_app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Every tag: how many people carry it and its keep-in-touch cadence."""
    from netweave.services.tagging import list_tags

    tags = list_tags(context(ctx))
    if json_out:
        print_json(tags)
        return
    if not tags:
        say("No tags yet: give one with `people edit NAME --tag LABEL`.")
        return
    table(
        ["Tag", "People", "Cadence"],
        [
            [
                t["label"],
                t["people"],
                every(t["cadence_days"]),
            ]
            for t in tags
        ],
    )


@tags_app.command("cadence", context_settings=NUMBERS_AS_ARGUMENTS)
def cadence(
    ctx: typer.Context,
    tag: Annotated[str, typer.Argument(help="The tag.")],
    days: Annotated[str, cadence_argument("Days between check-ins, or `none`.")],
    json_out: JsonOpt = False,
) -> None:
    """Set how often to check in with everyone carrying a tag (a person's own cadence wins)."""
    from netweave.logic.parse import says_none
    from netweave.services.preferences import set_tag_cadence

    value = None if says_none(days) else int(days)
    result = set_tag_cadence(context(ctx), tag, value)
    if json_out:
        print_json(result)
        return
    say(
        f"Tag {result['tag']!r}: "
        + (f"check in {every(value)}." if value else "no cadence of its own.")
    )


#: ``--yes`` of the tag commands that change many people at once and cannot be undone.
YES_HELP = "Do it: without it, nothing is changed and you are told how many people it would touch."


@tags_app.command("remove")
def remove(
    ctx: typer.Context,
    tag: Annotated[str, typer.Argument(help="The tag.")],
    yes: Annotated[bool, typer.Option("--yes", help=YES_HELP)] = False,
    json_out: JsonOpt = False,
) -> None:
    """Delete a tag: taken from everyone carrying it, and gone from the lists of tags.

    It cannot be undone: a tag anyone carries is removed only with --yes (without it, you
    are told how many people carry it)."""
    from netweave.services.tagging import remove_tag

    result = remove_tag(context(ctx), tag, confirmed=yes)
    if json_out:
        print_json(result)
        return
    n = result["people"]
    who = "nobody carried it" if not n else f"taken from {count(n, 'person', 'people')}"
    say(f"Removed the tag {result['tag']!r}: {who}.")


@tags_app.command("rename")
def rename(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="The tag.")],
    new: Annotated[str, typer.Argument(help="Its new label (one used already joins the two).")],
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            help="Join into a tag already here (without it, nothing is changed and you are told "
            "how many people it would change).",
        ),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Rename a tag for everyone carrying it; to a label in use, the two tags become one.

    Joined, they cannot be told apart again, and the shorter of their cadences is kept: a
    join that changes anyone is made only with --yes (without it, you are told how many
    people it would change, and the cadence kept). A new label needs no --yes."""
    from netweave.services.tagging import joined_cadence, rename_tag

    result = rename_tag(context(ctx), old, new, confirmed=yes)
    if json_out:
        print_json(result)
        return
    people = count(result["people"], "person", "people")
    if not result["joined"]:
        say(f"Renamed the tag {result['tag']!r} to {result['renamed_to']!r} ({people}).")
        return
    cadence = joined_cadence(result["tag"], result["renamed_to"], *result["cadences"])
    carry = count(result["carrying"], "person carries", "people carry")
    say(f"Joined the tag {result['tag']!r} ({people}) into {result['renamed_to']!r}, which "
        f"{carry} now; cadence: {cadence}.")  # fmt: skip

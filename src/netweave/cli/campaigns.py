"""``netweave campaign`` (seasonal check-ins) and ``netweave goals`` (weekly targets)."""

from typing import Annotated, Any

import typer

from netweave.cli.options import JsonOpt, number_option, parse_date_option
from netweave.cli.output import print_json, say, table
from netweave.cli.state import context
from netweave.logic.parse import MAX_COUNT
from netweave.logic.wording import sentence

campaign_app = typer.Typer(
    help="Seasonal check-ins: a checklist of people to greet, each with a prompt.",
    no_args_is_help=True,
)
goals_app = typer.Typer(help="Weekly goals: conversations, gives and check-ins, with streaks.")

#: A weekly target: 0 (none) to ``MAX_COUNT``, as ``services.goals`` takes it.
WEEKLY = (0, MAX_COUNT)

CampaignName = Annotated[str, typer.Argument(metavar="NAME", help="The campaign's name.")]


@campaign_app.command("new")
def new(
    ctx: typer.Context,
    name: CampaignName,
    circle: Annotated[
        list[str] | None,
        typer.Option(
            "--circle", metavar="C[,C...]", help="Everyone in these circles (comma-separated)."
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", metavar="T", help="Everyone with this tag (repeatable)."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Create a checklist of people to greet: everyone in the circles or with the tags."""
    from netweave.services.campaigns import new_campaign

    view = new_campaign(context(ctx), name, list(circle or []), list(tag or []))
    if json_out:
        print_json(view)
        return
    who = "person" if view["total"] == 1 else "people"
    say(f"Created campaign {view['name']} with {view['total']} {who}.")
    _print_items(view["items"])


@campaign_app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List campaigns with their audience and progress."""
    from netweave.services.campaigns import list_campaigns

    views = list_campaigns(context(ctx))
    if json_out:
        print_json(views)
        return
    if not views:
        say("No campaigns yet: start one with `netweave campaign new NAME --circle close`.")
        return
    table(
        ["Name", "Audience", "Done", "Created", "Off the agenda from"],
        [[v["name"], _audience(v["audience"]), f"{v['done']}/{v['total']}", v["created"],
          v["ends"]] for v in views],
    )  # fmt: skip


def _audience(audience: dict[str, Any]) -> str:
    parts = [f"circles {', '.join(audience['circles'])}"] if audience["circles"] else []
    parts += [f"tags {', '.join(audience['tags'])}"] if audience["tags"] else []
    return "; ".join(parts)


@campaign_app.command("close")
def close(ctx: typer.Context, name: CampaignName, json_out: JsonOpt = False) -> None:
    """End a campaign now: its open greetings leave the agenda (the checklist stays)."""
    from netweave.services.campaigns import close_campaign

    view = close_campaign(context(ctx), name)
    if json_out:
        print_json(view)
        return
    say(f"Closed {view['name']}: {view['done']}/{view['total']} greeted.")


@campaign_app.command("show")
def show(ctx: typer.Context, name: CampaignName, json_out: JsonOpt = False) -> None:
    """Show a campaign's checklist: who, what to mention, and who is done."""
    from netweave.services.campaigns import show_campaign

    view = show_campaign(context(ctx), name)
    if json_out:
        print_json(view)
        return
    say(
        f"{view['name']} — {_audience(view['audience'])} — {view['done']}/{view['total']} done"
        f" — off the agenda from {view['ends']}"
    )
    _print_items(view["items"])


def _print_items(items: list[dict[str, Any]]) -> None:
    table(
        ["Done", "Name", "Prompt"],
        [["yes" if i["done"] else "", i["person"], i["prompt"]] for i in items],
    )


@campaign_app.command("done")
def done(
    ctx: typer.Context,
    name: CampaignName,
    people: Annotated[list[str], typer.Argument(metavar="PERSON...", help="Who you greeted.")],
    kind: Annotated[
        str,
        typer.Option("--kind", metavar="K", help="How: message, email, call, coffee, …"),
    ] = "message",
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="What you said or heard.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="When (default: today).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Tick people off a campaign and log the greeting, so their check-in is reset."""
    from netweave.services.campaigns import mark_done

    result = mark_done(
        context(ctx), name, people, kind=kind, note=note, on=parse_date_option(on, "--on")
    )
    if json_out:
        print_json(result)
        return
    if result["marked"]:
        say(f"Marked done in {result['name']}: {', '.join(result['marked'])} ({result['kind']}).")
    for title in result["also_done"]:
        say(f"  Done with it: {title}")
    if result["already_done"]:
        say(sentence(f"Already done: {', '.join(result['already_done'])}"))
    say(f"{result['done']} of {result['total']} done.")


@goals_app.callback(invoke_without_command=True)
def goals(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Show this week's goals: progress on each target, the streak and the best streak."""
    if ctx.invoked_subcommand is not None:
        return
    from netweave.services.goals import weekly_goals

    result = weekly_goals(context(ctx))
    if json_out:
        print_json(result)
        return
    say(f"Week {result['week_start']} to {result['week_end']}")
    table(
        ["Goal", "Done", "Target", "Met"],
        [[g["name"].replace("_", "-"), g["done"], g["target"], "yes" if g["met"] else "no"]
         for g in result["goals"]],
    )  # fmt: skip
    weeks = "week" if result["streak"] == 1 else "weeks"
    say(f"Streak: {result['streak']} {weeks} (best {result['best_streak']}).")


@goals_app.command("set")
def set_(
    ctx: typer.Context,
    conversations: Annotated[
        int | None,
        number_option("--conversations", bounds=WEEKLY, help="Conversations a week."),
    ] = None,
    gives: Annotated[
        int | None, number_option("--gives", bounds=WEEKLY, help="Gives a week.")
    ] = None,
    check_ins: Annotated[
        int | None,
        number_option(
            "--check-ins",
            bounds=WEEKLY,
            help="Check-ins a week: overdue people and dormant ties contacted.",
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Set weekly targets (defaults: 5 conversations, 1 give, 3 check-ins)."""
    from netweave.services.goals import set_targets

    targets = set_targets(
        context(ctx), conversations=conversations, gives=gives, check_ins=check_ins
    )
    if json_out:
        print_json(targets)
        return
    summary = ", ".join(f"{name.replace('_', '-')} {n}" for name, n in targets.items())
    say(f"Weekly goals: {summary}.")

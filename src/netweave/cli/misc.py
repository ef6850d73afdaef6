"""Top-level commands: ``log``, ``search``, ``today``, ``snooze`` and ``demo``."""

from pathlib import Path
from typing import Annotated, Any

import typer

from netweave.cli.options import (
    DaysOpt,
    DirectionOpt,
    JsonOpt,
    KindOpt,
    UntilOpt,
    days_or_until,
    limit_option,
    number_option,
    parse_date_option,
    path_option,
    snooze_day,
)
from netweave.cli.output import print_json, say, say_answered, say_more
from netweave.cli.state import context, state
from netweave.logic.vocab import kind_label
from netweave.logic.wording import count, echoed

#: The largest demo network ``demo --people`` builds (the benchmarks' is 100,000).
DEMO_MAX_PEOPLE = 1_000_000

#: The agenda kinds ``snooze --kind`` takes (the service's ``SNOOZABLE`` with - for _; a
#: test keeps the two in step); the words ``today`` prints are taken too (``typed_kind``).
SNOOZE_KINDS = "check-in, give, 3b7, birthday, intro or campaign"


def snooze_kind(value: str) -> str:
    """A ``--kind`` for ``snooze``, in any case and with - or _, as the service names it."""
    from netweave.errors import InvalidInput
    from netweave.logic.vocab import typed_kind
    from netweave.services.agenda_snooze import SNOOZABLE, not_snoozable

    kind = typed_kind(value)
    if kind not in SNOOZABLE:
        raise InvalidInput(not_snoozable(value, SNOOZE_KINDS))
    return kind


def register(app: typer.Typer) -> None:
    """Add these commands to the top-level app."""
    app.command("log")(log)
    app.command("search")(search)
    app.command("today")(today)
    app.command("snooze")(snooze)
    app.command("demo")(demo)


#: The options of ``log``.
OnOpt = Annotated[str | None, typer.Option("--on", metavar="DATE", help="When (default: today).")]
LogNoteOpt = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="What you talked about.")
]
GaveOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--gave",
        metavar="KIND",
        help="You gave advice, information, introduction, referral, job or favor.",
    ),
]
AskOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ask",
        metavar="KIND",
        help="You asked them for advice, information, introduction, referral, job or "
        "favor (job and referral asks go through the woven check first; see --yes).",
    ),
]
ReceivedOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--received",
        metavar="KIND",
        help="They gave you advice, information, introduction, referral, job or favor.",
    ),
]
AskAnywayOpt = Annotated[
    bool, typer.Option("--yes", help="Record an ask even when coached against it.")
]


def log(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(metavar="NAME...", help="Who you talked with.")],
    kind: KindOpt = "meeting",
    on: OnOpt = None,
    direction: DirectionOpt = "both",
    note: LogNoteOpt = None,
    gave: GaveOpt = None,
    ask: AskOpt = None,
    received: ReceivedOpt = None,
    yes: AskAnywayOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Log a conversation with one or more people."""
    from netweave.services.interactions import LogRequest, log_interaction

    request = LogRequest(
        names=names,
        kind=kind,
        on=parse_date_option(on, "--on"),
        direction=direction,
        note=note,
        gave=list(gave or []),
        asked=list(ask or []),
        received=list(received or []),
        confirmed=yes,
    )
    result = log_interaction(context(ctx), request)
    if json_out:
        print_json(result)
    else:
        _say_logged(result)
    if not result["recorded"]:
        raise typer.Exit(1)


def _say_logged(result: dict[str, Any]) -> None:
    """What ``log`` recorded and what follows from it, or the coaching that held an ask back."""
    if not result["recorded"]:
        say("Not recorded: this ask comes before the relationship is woven.")
        for line in result["coaching"]:
            say(f"  {line}")
        say("  To record the ask anyway, add --yes.")
        return
    it = result["interaction"]
    say(f"Logged {it['kind']} with {', '.join(it['people'])} on {it['date']}.")
    for title in it["tasks_done"]:
        say(f"  Done with it: {title}")
    say_answered(it["asks_fulfilled"])
    for line in result["second_contact"] + result["lead_steps"]:
        say(f"  {line}")
    for line in result["coaching"]:
        say(f"  {line}")


def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help="Words to find in names, work, notes, interests, tags, needs, offers; or an "
            "email address (or its start), a phone number, or an email domain: @acme.com or "
            "acme.com finds everyone with an address at acme.com or a subdomain of it "
            "(mail.acme.com), @acme everyone at acme under any top-level domain (acme.com, "
            "acme.io, acme.co.uk)."
        ),
    ],
    limit: Annotated[int, limit_option("At most this many.")] = 50,
    json_out: JsonOpt = False,
) -> None:
    """Find people by anything you know about them."""
    from netweave.cli.person_show import print_people
    from netweave.errors import InvalidInput
    from netweave.services.people import count_people, search_people

    if not query.strip():
        raise InvalidInput(
            "search for at least one word: a name, an employer, a title, an interest, a tag, "
            "a need or an offer"
        )
    nw = context(ctx)
    views = search_people(nw, query, limit)
    if json_out:
        print_json(views)
    elif not views:
        say(f"Nobody matches {echoed(query)}.")
    else:
        print_people(views)
        if len(views) == limit:
            say_more(limit, count_people(nw, query))


def today(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Your agenda for today: who to thank, follow up with and check in with."""
    from netweave.cli.today_print import print_today
    from netweave.services.agenda import compute_agenda

    app = context(ctx)
    result = compute_agenda(app)  # one run: nothing to remember it for
    if json_out:
        print_json(result)
        return
    print_today(result, app.settings.circles)


def snooze(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Who the suggestion is about.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            metavar="K",
            help=f"{SNOOZE_KINDS}, or as `today` names it (give back, introduction); "
            "any case, - or _.",
        ),
    ] = "check-in",
    until: UntilOpt = None,
    days: DaysOpt = 7,
    off: Annotated[
        bool, typer.Option("--off", help="Lift the snooze: the suggestion is offered again now.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Hide an agenda suggestion about someone for a while (a task: `tasks snooze`);
    --off offers it again now."""
    from netweave.services.agenda_snooze import snooze_suggestion

    if off:
        _wake(ctx, name, kind, json_out=json_out)
        return
    days_or_until(ctx, until, days)
    nw = context(ctx)
    day = snooze_day(nw.clock.today(), until, days)
    view = snooze_suggestion(nw, name, snooze_kind(kind), day)
    if json_out:
        print_json(view)
        return
    line = f"Snoozed until {view['until']}: {kind_label(view['kind'])} for {view['person']}"
    if view["shown"]:
        pass
    elif view["snoozed_until_before"]:
        line += f" (it was snoozed until {view['snoozed_until_before']} already)"
    elif view.get("due") and view["due"] >= view["until"]:
        line += f" (not due until {view['due']} anyway: nothing is hidden now)"
    else:
        line += " (none is on today's list for them: one that comes before then stays hidden)"
    say(line)
    for instead in view["instead"]:  # what the snoozed item stood for comes up now
        import shlex

        label, named = kind_label(instead["kind"]), shlex.quote(name)
        say(
            f"In its place today: {label} for {view['person']} — {instead['reason']}. "
            f"To hide it too: `netweave snooze {named} --kind {instead['kind'].replace('_', '-')}`"
        )


def _wake(ctx: typer.Context, name: str, kind: str, *, json_out: bool) -> None:
    """``snooze NAME --off``: the suggestion snoozed is offered again from today."""
    from netweave.services.agenda_snooze import wake_suggestion

    days = ctx.get_parameter_source("days")
    if ctx.params.get("until") is not None or (days is not None and days.name != "DEFAULT"):
        ctx.fail("--off lifts a snooze: leave out --until and --days")
    view = wake_suggestion(context(ctx), name, snooze_kind(kind))
    if json_out:
        print_json(view)
        return
    label = kind_label(view["kind"])
    if view["was_until"]:
        say(f"Snooze lifted: the {label} for {view['person']} is offered again from today "
            f"(it was hidden until {view['was_until']}).")  # fmt: skip
    else:
        say(f"The {label} for {view['person']} was not snoozed: nothing changed.")


def demo(
    ctx: typer.Context,
    people: Annotated[
        int,
        number_option(
            "--people", bounds=(10, DEMO_MAX_PEOPLE), help="How many people besides you."
        ),
    ] = 300,
    seed: Annotated[
        int,
        number_option(
            "--seed",
            bounds=(0, 2**32 - 1),
            help="Random seed: the same seed gives the same network.",
        ),
    ] = 7,
    export: Annotated[
        Path | None,
        path_option(
            "--export",
            metavar="DIR",
            help="Write the network as files (LinkedIn export, vCards, mbox, .ics) into DIR "
            "instead of filling the database.",
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Fill an empty database with a realistic synthetic network."""
    if export is not None:
        from netweave.clock import Clock
        from netweave.demo.export import export_demo

        day = Clock(as_of=state(ctx).as_of).today()
        written = export_demo(export, people=people, seed=seed, today=day)
        if json_out:
            print_json({"folder": str(export), "written": written})
            return
        summary = ", ".join(f"{name}: {n}" for name, n in written.items())
        say(f"Wrote the demo network to {export} ({summary}).")
        return
    from netweave.demo import build_demo

    counts = build_demo(context(ctx, create=True), people=people, seed=seed)
    if json_out:
        print_json({"rows": counts})
        return
    summary = ", ".join(
        count(counts[table], *noun) for table, noun in _DEMO_NOUNS.items() if counts.get(table)
    )
    say(f"Built a demo network: {summary}.")


#: What ``demo`` reports it built, by table, as a person would count it.
_DEMO_NOUNS: dict[str, tuple[str, str]] = {
    "person": ("person", "people"),
    "organization": ("organization", "organizations"),
    "interaction": ("conversation", "conversations"),
    "exchange": ("give or ask", "gives and asks"),
    "knows": ("known connection", "known connections"),
    "event": ("event", "events"),
    "target": ("target employer", "target employers"),
    "lead": ("lead", "leads"),
    "task": ("task", "tasks"),
    "introduction": ("introduction", "introductions"),
    "tag": ("tag", "tags"),
    "community": ("community", "communities"),
}

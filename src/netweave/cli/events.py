"""``netweave events`` and ``netweave tasks``."""

from typing import Annotated, Any

import typer

from netweave.cli.options import (
    DaysOpt,
    JsonOpt,
    UntilOpt,
    change,
    days_or_until,
    given,
    id_argument,
    parse_date_option,
    snooze_day,
)
from netweave.cli.output import print_json, say, table
from netweave.cli.state import context
from netweave.logic.vocab import TASK_KINDS
from netweave.logic.wording import count, sentence

app = typer.Typer(
    help="Events where you meet people, and quick capture of who you met.", no_args_is_help=True
)
tasks_app = typer.Typer(help="Follow-ups, thank-yous and other things to do.", no_args_is_help=True)

#: The kinds ``tasks add --kind`` takes, as its errors name them.
_TASK_KINDS = ", ".join(k.replace("_", "-") for k in TASK_KINDS)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The event's name.")],
    on: Annotated[
        str, typer.Option("--on", metavar="DATE", help="When it takes place (YYYY-MM-DD).")
    ],
    place: Annotated[str | None, typer.Option("--place", help="Where.")] = None,
    kind: Annotated[
        str, typer.Option("--kind", help="conference, meetup, party, class or other.")
    ] = "other",
    json_out: JsonOpt = False,
) -> None:
    """Add an event."""
    from netweave.services.events import add_event

    day = parse_date_option(on, "--on")
    assert day is not None
    view = add_event(context(ctx), name, day, place=place, kind=kind)
    if json_out:
        print_json(view)
    else:
        if filled := view.get("filled"):  # known already, as where someone was met
            parts = [f"{f} ({view[f]})" for f in filled]
            said = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
            # written down without a day, this add gave it one
            when = ", without a day" if filled[0] == "date" else ""
            at = "" if when else f" on {view['date']}"
            say(f"{view['name']}{at} (#{view['id']}) was known already{when}: {said} set.")
        else:
            say(f"Added {view['name']} on {view['date']} (#{view['id']}).")


@app.command("edit")
def edit(
    ctx: typer.Context,
    event: Annotated[str, typer.Argument(help="The event: #id or name (the latest of that name).")],
    name: Annotated[str | None, typer.Option("--name", help="Rename it.")] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="The right day (YYYY-MM-DD); its open follow-ups move with it.",
        ),
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", metavar="P", help="Where (none: drop it).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", metavar="K", help="conference, meetup, party, class or other."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Correct an event: its name, day, place or kind. Moved to another day, the open
    follow-ups planned from its day, and the day people were met there, move with it."""
    from netweave.logic.parse import says_none
    from netweave.services.event_edit import EventChanges, edit_event

    changes = EventChanges(
        name=name,
        on=parse_date_option(on, "--on"),
        place=change(place, "--place") or None,
        clear_place=says_none(place),
        kind=kind,
    )
    view = edit_event(context(ctx), event, changes)
    if json_out:
        print_json(view)
    else:
        _say_event_edited(view)


def _say_event_edited(view: dict[str, Any]) -> None:
    """What ``events edit`` changed, and what became of the follow-ups planned from its day."""
    changed = view["changed"]
    said = f"{view['name']} (#{view['id']})"
    say(f"Changed {said}: {', '.join(changed)}." if changed else
        f"{said} already says so; nothing changed.")  # fmt: skip
    follow_ups = view["follow_ups"]
    if follow_ups["moved"]:
        moved = count(follow_ups["moved"], "open follow-up", "open follow-ups")
        say(f"  {moved} moved with it: due {follow_ups['due']} now.")
    for done in follow_ups["done"]:
        say(f"  No follow-up for {done['name']}: you were in touch on {done['on']}, since.")
    if follow_ups["kept"]:
        kept = count(follow_ups["kept"], "open follow-up stays", "open follow-ups stay")
        say(f"  {kept} as due: the event had no date, so they were planned from the day "
            "you named the people met there.")  # fmt: skip


@app.command("meet")
def meet(
    ctx: typer.Context,
    event: Annotated[str, typer.Argument(help="The event (id or name).")],
    names: Annotated[
        list[str] | None, typer.Argument(metavar="NAME...", help="The people you met.")
    ] = None,
    new: Annotated[
        list[str] | None,
        typer.Option(
            "--new",
            metavar="NAME",
            help="Someone new, even if the name looks like someone's you know (repeatable).",
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", metavar="TEXT", help="A note for everyone named (known people's is added to)."
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Capture the people you met at an event; each gets a follow-up within two days.

    A NAME is the person of that exact full name (case and accents aside), #id or email;
    a full name several people have is ambiguous (exit 2, the candidates listed, nothing
    saved). A name that is no one's but looks like people's you know ("Dana Smit" for Dana
    Smith, "Jon Doe" for John Doe, a first name alone) is refused, naming them (exit 1,
    nothing saved): name the one you met as written or by #id, or give --new NAME for
    someone new. Any other name adds a new person.
    """
    from netweave.services.events import meet as meet_people

    result = meet_people(context(ctx), event, names or [], note=note, new=new or [])
    if json_out:
        print_json(result)
        return
    met = result["event"]
    at = f"{met['name']} ({met['date']})" if met["date"] else met["name"]
    for p in result["people"]:
        verb = "Added" if p["new"] else "Linked"
        say(sentence(f"{verb} {p['name']} (#{p['id']}), met at {at}"))
        if p["similar"]:
            say(f"  Already in your network: {', '.join(p['similar'])}; to mean one of them, "
                "name them by #id (and `netweave people merge` joins two records).")  # fmt: skip
    for p in result["people"]:
        if p["followed_up"]:
            say(f"No follow-up for {p['name']}: you were in touch on {p['followed_up']}, since.")
    for title in result["tasks_done"]:  # the meeting was the contact an earlier task asked for
        say(f"  Done with it: {title}")
    planned, due = result["follow_ups"], result["follow_up_due"]
    if planned:
        who = "person" if planned == 1 else "people"
        now = " (on today's list now)" if due <= context(ctx).clock.today().isoformat() else ""
        say(f"Follow-ups planned for {planned} {who}, due {due}{now}.")
    elif not any(p["followed_up"] for p in result["people"]):
        say("Their follow-ups for this event were already planned.")


@app.command("list")
def list_(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """List events, most recent first."""
    from netweave.services.events import list_events

    events = list_events(context(ctx))
    if json_out:
        print_json(events)
    elif not events:
        say("No events yet: add one with `netweave events add NAME --on DATE`.")
    else:
        table(
            ["#", "Event", "Date", "Place", "People met"],
            [[e["id"], e["name"], e["date"], e["place"], e["people"]] for e in events],
        )


@app.command("show")
def show(
    ctx: typer.Context,
    event: Annotated[str, typer.Argument(help="The event: #id or name (the latest of that name).")],
    json_out: JsonOpt = False,
) -> None:
    """Show an event with the people met there and their follow-ups."""
    from netweave.services.events import show_event

    view = show_event(context(ctx), event)
    if json_out:
        print_json(view)
        return
    when = f" on {view['date']}" if view["date"] else ""
    where = f" at {view['place']}" if view["place"] else ""
    met = count(len(view["people"]), "person", "people")
    say(f"{view['name']} (#{view['id']}){when}{where}: {met} met.")
    if view["people"]:
        table(
            ["#", "Met", "Works", "Follow-up"],
            [[p["id"], p["name"], p["works"], _follow_up(p["follow_up"])] for p in view["people"]],
        )


def _follow_up(follow_up: dict[str, Any] | None) -> str:
    if follow_up is None:
        return ""
    return "done" if follow_up["done"] else f"due {follow_up['due']}"


@tasks_app.command("add")
def task_add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What to do.")],
    due: Annotated[
        str | None, typer.Option("--due", metavar="DATE", help="When (default: today).")
    ] = None,
    person: Annotated[
        str | None, typer.Option("--person", metavar="NAME", help="Who it is about.")
    ] = None,
    kind: Annotated[
        str, typer.Option("--kind", metavar="KIND", help=f"One of: {_TASK_KINDS} (to-do: custom).")
    ] = "custom",
    json_out: JsonOpt = False,
) -> None:
    """Add a task."""
    from netweave.services.tasks import add_task

    view = add_task(
        context(ctx),
        title,
        due=parse_date_option(due, "--due"),
        person=given(person, "--person"),
        kind=kind,
    )
    if json_out:
        print_json(view)
    else:
        say(f"Task #{view['id']} due {view['due']}: {view['title']}")


@tasks_app.command("list")
def task_list(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include done tasks.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """List open tasks by due date."""
    from netweave.logic.vocab import kind_label
    from netweave.services.tasks import list_tasks

    tasks = list_tasks(context(ctx), include_done=all_)
    if json_out:
        print_json(tasks)
    elif not tasks:
        say("No open tasks.")
    else:
        table(
            ["#", "Due", "Kind", "Who", "Task", "Done"],
            [
                [
                    t["id"],
                    t["due"],
                    kind_label(t["kind"]),
                    t["person"],
                    t["title"],
                    "yes" if t["done"] else "",
                ]
                for t in tasks
            ],
        )


@tasks_app.command("done")
def task_done(
    ctx: typer.Context,
    task_id: Annotated[int, id_argument("The task.")],
    log: Annotated[
        bool,
        typer.Option(
            "--log",
            help="Also log the message the task meant (a thank-you, a follow-up, …) to its "
            "person, as the web's Done does: it counts as a contact.",
        ),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Mark a task done."""
    from netweave.services.tasks import complete

    if log:
        _done_and_logged(ctx, task_id, json_out)
        return
    view = complete(context(ctx), task_id)
    if json_out:
        print_json(view)
    elif view["already_done"]:
        say(f"Already done on {view['done_on']}: {view['title']}")
    else:
        say(f"Done: {view['title']}")


def _done_and_logged(ctx: typer.Context, task_id: int, json_out: bool) -> None:
    from netweave.services.agenda_done import task_done as done_and_logged

    view = done_and_logged(context(ctx), task_id)
    if json_out:
        print_json(view)
    elif view["already_done"]:
        say(f"Already done: {view['title']} (nothing logged)")
    elif view["logged"]:
        say(f"Done: {view['title']} (logged as a message to {view['person']})")
        for title in view["greeted"]:
            say(f"  Done with it: {title}")
    else:
        say(f"Done: {view['title']} (nothing logged: the task is about no one)")


@tasks_app.command("snooze")
def task_snooze(
    ctx: typer.Context,
    task_id: Annotated[int, id_argument("The task.")],
    until: UntilOpt = None,
    days: DaysOpt = 1,
    json_out: JsonOpt = False,
) -> None:
    """Hide a task from the agenda for a while."""
    from netweave.services.tasks import snooze

    days_or_until(ctx, until, days)
    nw = context(ctx)
    day = snooze_day(nw.clock.today(), until, days)
    view = snooze(nw, task_id, day)
    if json_out:
        print_json(view)
        return
    who = f" (with {view['person']})" if view["person"] else ""
    say(f"Snoozed until {view['snoozed_until']}: {view['title']}{who}")

"""``netweave people``: add, edit, list, show and forget people."""

import sys
from typing import Annotated, Any
from urllib.parse import unquote

import typer

from netweave.cli.options import (
    JsonOpt,
    cadence_option,
    limit_option,
    number_option,
    parse_date_option,
)
from netweave.cli.output import cell, console, escape, print_json, say, say_new_org, table
from netweave.cli.person_leads import print_person_leads
from netweave.cli.state import context
from netweave.errors import InvalidInput
from netweave.logic.employer import work_line
from netweave.logic.parse import parse_typed_birthday, says_none
from netweave.logic.wording import birthday_text, count, met_text, sentence

app = typer.Typer(help="Add, edit, list, show and forget people.", no_args_is_help=True)

Emails = Annotated[list[str] | None, typer.Option("--email", help="Email address (repeatable).")]
Phones = Annotated[list[str] | None, typer.Option("--phone", help="Phone number (repeatable).")]
Company = Annotated[
    str | None,
    typer.Option(
        "--company",
        metavar="ORG",
        help="Current organization (none: no current job; the last one is kept as history).",
    ),
]
Title = Annotated[
    str | None, typer.Option("--title", metavar="T", help="Current job title (none: no title).")
]
Linkedin = Annotated[
    str | None,
    typer.Option("--linkedin", metavar="URL", help="LinkedIn profile URL (none: drop it)."),
]
Tags = Annotated[list[str] | None, typer.Option("--tag", metavar="T", help="Tag (repeatable).")]
Interests = Annotated[
    list[str] | None,
    typer.Option(
        "--interest",
        metavar="CATEGORY:LABEL",
        help="Interest, CATEGORY personal, professional or social (repeatable).",
    ),
]
Needs = Annotated[
    list[str] | None,
    typer.Option("--need", metavar="TEXT", help="What they are looking for (repeatable)."),
]
Offers = Annotated[
    list[str] | None,
    typer.Option("--offer", metavar="TEXT", help="What they can help with (repeatable)."),
]
MetAt = Annotated[
    str | None, typer.Option("--met-at", metavar="EVENT", help="The event where you met.")
]
MetOn = Annotated[
    str | None, typer.Option("--met-on", metavar="DATE", help="The day you met (YYYY-MM-DD).")
]
IntroducedBy = Annotated[
    str | None,
    typer.Option(
        "--introduced-by",
        metavar="NAME",
        help="Who introduced you to them: a name, an email or #id (none: nobody).",
    ),
]
Note = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note about them.")]
Circle = Annotated[
    str | None,
    typer.Option(
        "--circle",
        metavar="C",
        help="inner, close, active, wide or dormant (sets the cadence); none: no circle.",
    ),
]
Pronouns = Annotated[
    str | None, typer.Option("--pronouns", help="Their pronouns (none: drop them).")
]
Headline = Annotated[
    str | None, typer.Option("--headline", help="A one-line description (none: drop it).")
]
Location = Annotated[
    str | None, typer.Option("--location", help="Where they live or work (none: drop it).")
]
Birthday = Annotated[
    str | None,
    typer.Option("--birthday", metavar="DATE", help="1990-05-17, --05-17 or 1990 (none: drop it)."),
]
Me = Annotated[bool, typer.Option("--me", help="This is you (your own record).")]
Cadence = Annotated[
    str | None,
    cadence_option("Their own keep-in-touch interval; none: back to their tag's or circle's."),
]


def _drops(value: str | None) -> bool:
    """Whether a single value typed says to drop it: ``none`` (an empty one is refused)."""
    return says_none(value)


#: Options of one value each, by their key: ``none`` drops the value; an empty one is
#: refused (an unset variable in a script must not drop a job or a birthday).
_SINGLE = {
    "title": "--title", "linkedin": "--linkedin", "pronouns": "--pronouns",
    "headline": "--headline", "location": "--location", "birthday": "--birthday",
    "introduced_by": "--introduced-by", "cadence": "--cadence", "circle": "--circle",
}  # fmt: skip


#: Options that add to (or take from) a list, by their key: an empty value adds nothing.
_LISTED = {
    "emails": "--email", "phones": "--phone", "tags": "--tag", "interests": "--interest",
    "needs": "--need", "offers": "--offer", "remove_tags": "--remove-tag",
    "remove_emails": "--remove-email", "remove_phones": "--remove-phone",
    "remove_interests": "--remove-interest", "remove_needs": "--remove-need",
    "remove_offers": "--remove-offer",
}  # fmt: skip


def _refuse_empty(values: dict[str, Any]) -> None:
    """An empty value is refused, naming its option: added to a list or the notes it would
    add nothing (and "Updated" would say otherwise); for a single value, ``none`` drops it."""
    for key, option in _LISTED.items():
        if any(not str(v).strip() for v in values.get(key) or []):
            raise InvalidInput(f"{option} is empty: give a value")
    for key, option in _SINGLE.items():
        if values.get(key) is not None and not values[key].strip():
            raise InvalidInput(f"{option} is empty: give a value, or none to drop it")
    if values.get("note") is not None and not values["note"].strip():
        raise InvalidInput("--note is empty: give the line to add to the notes")
    met_at = values.get("met_at")
    if met_at is not None and (not met_at.strip() or says_none(met_at)):
        raise InvalidInput("--met-at is empty: give the event or place where you met them")


def _cadence(value: str | None) -> int | None:
    """``--cadence``: a number of days, as ``--cadence`` let it through (``none`` is
    handled by the caller)."""
    return None if value is None or _drops(value) else int(value)


def _changes(**values: Any) -> Any:
    from netweave.services.people import PersonChanges

    met_on = values.pop("met_on")
    lists = (
        "emails",
        "phones",
        "tags",
        "interests",
        "needs",
        "offers",
        "remove_tags",
        "remove_emails",
        "remove_phones",
        "remove_interests",
        "remove_needs",
        "remove_offers",
    )
    for key in lists:
        values[key] = list(values.get(key) or [])
    _refuse_empty(values)
    for key in ("pronouns", "headline", "location"):  # "" drops these in the service
        values[key] = "" if _drops(values.get(key)) else values.get(key)
    cadence, circle, birthday = values.pop("cadence"), values.pop("circle"), values.pop("birthday")
    company, title, linkedin = values.pop("company"), values.pop("title"), values.pop("linkedin")
    introduced_by = values.pop("introduced_by")
    return PersonChanges(
        company=None if _drops(company) else company,
        end_job=_drops(company),
        title=None if _drops(title) else title,
        clear_title=_drops(title),
        linkedin=None if _drops(linkedin) else linkedin,
        clear_linkedin=_drops(linkedin),
        met_on=parse_date_option(met_on, "--met-on"),
        introduced_by=None if _drops(introduced_by) else introduced_by,
        clear_introduced_by=_drops(introduced_by),
        birthday=None
        if birthday is None or _drops(birthday)
        else parse_typed_birthday(birthday, "--birthday"),
        clear_birthday=_drops(birthday),
        cadence_days=_cadence(cadence),
        clear_cadence=_drops(cadence),
        circle=None if _drops(circle) else circle,
        clear_circle=_drops(circle),
        **values,
    )


#: How a command finds one person.
WHO_HELP = "Who: an id, an email, a phone number, a full name or the start of one."


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Their full name.")],
    email: Emails = None,
    phone: Phones = None,
    company: Company = None,
    title: Title = None,
    linkedin: Linkedin = None,
    tag: Tags = None,
    interest: Interests = None,
    need: Needs = None,
    offer: Offers = None,
    met_at: MetAt = None,
    met_on: MetOn = None,
    introduced_by: IntroducedBy = None,
    note: Note = None,
    circle: Circle = None,
    pronouns: Pronouns = None,
    headline: Headline = None,
    location: Location = None,
    birthday: Birthday = None,
    cadence: Cadence = None,
    me: Me = False,
    json_out: JsonOpt = False,
) -> None:
    """Add a person: who they are, how you met, what they need and can offer."""
    from netweave.services.people import add_person, namesakes

    changes = _changes(
        name=name, emails=email, phones=phone, company=company, title=title, linkedin=linkedin,
        tags=tag, interests=interest, needs=need, offers=offer, met_at=met_at, met_on=met_on,
        introduced_by=introduced_by, note=note, circle=circle, pronouns=pronouns,
        headline=headline, location=location, birthday=birthday, cadence=cadence, is_me=me,
    )  # fmt: skip
    view = add_person(context(ctx), changes)
    same_name = namesakes(context(ctx), view["name"], besides=view["id"])
    if json_out:
        print_json(view | {"namesakes": [{"id": pid, "name": shown} for pid, shown in same_name]})
        return
    say(f"Added {view['name']} (#{view['id']}).")
    say_new_org(view, only_if_similar=True)
    for pid, shown in same_name:
        say(f"  {shown} (#{pid}) was here already: if they are one person, "
            f"`netweave people merge {pid} {view['id']}`.")  # fmt: skip


@app.command("edit")
def edit(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=WHO_HELP)],
    new_name: Annotated[str | None, typer.Option("--name", help="Rename them.")] = None,
    email: Emails = None,
    phone: Phones = None,
    company: Company = None,
    title: Title = None,
    linkedin: Linkedin = None,
    tag: Tags = None,
    interest: Interests = None,
    need: Needs = None,
    offer: Offers = None,
    met_at: MetAt = None,
    met_on: MetOn = None,
    introduced_by: IntroducedBy = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Add a line to the notes.")
    ] = None,
    circle: Circle = None,
    pronouns: Pronouns = None,
    headline: Headline = None,
    location: Location = None,
    birthday: Birthday = None,
    cadence: Cadence = None,
    me: Me = False,
    strength: Annotated[
        int | None,
        number_option("--strength", bounds=(0, 100), help="Pin the tie strength (0-100)."),
    ] = None,
    unpin_strength: Annotated[
        bool, typer.Option("--unpin-strength", help="Compute the strength again.")
    ] = False,
    remove_tag: Annotated[
        list[str] | None, typer.Option("--remove-tag", help="Remove a tag.")
    ] = None,
    remove_email: Annotated[
        list[str] | None, typer.Option("--remove-email", help="Remove an email.")
    ] = None,
    remove_phone: Annotated[
        list[str] | None, typer.Option("--remove-phone", help="Remove a phone.")
    ] = None,
    remove_interest: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-interest",
            metavar="LABEL",
            help="Remove an interest: LABEL or CATEGORY:LABEL, any case.",
        ),
    ] = None,
    remove_need: Annotated[
        list[str] | None,
        typer.Option("--remove-need", metavar="TEXT", help="Remove a need (any case)."),
    ] = None,
    remove_offer: Annotated[
        list[str] | None,
        typer.Option("--remove-offer", metavar="TEXT", help="Remove an offer (any case)."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Change a person: options given replace single values and add to lists.

    The --remove-* options take a value away; with the matching add option in the same
    command they correct it (the old one goes, the new one comes). A new --company keeps
    the previous position as history.
    """
    from netweave.services.people import edit_person

    changes = _changes(
        name=new_name, emails=email, phones=phone, company=company, title=title, linkedin=linkedin,
        tags=tag, interests=interest, needs=need, offers=offer, met_at=met_at, met_on=met_on,
        introduced_by=introduced_by, note=note, circle=circle, pronouns=pronouns,
        headline=headline, location=location, birthday=birthday, cadence=cadence,
        strength=strength, is_me=me,
        unpin_strength=unpin_strength, remove_tags=remove_tag,
        remove_emails=remove_email, remove_phones=remove_phone,
        remove_interests=remove_interest, remove_needs=remove_need, remove_offers=remove_offer,
    )  # fmt: skip
    view = edit_person(context(ctx), name, changes)
    if json_out:
        print_json(view)
    else:
        say(f"Updated {view['name']} (#{view['id']}).")
        say_new_org(view, only_if_similar=True)
        if was := view.get("was_me"):
            say(f"You are {view['name']} now, no longer {was['name']} (#{was['id']}).")


@app.command("list")
def list_(
    ctx: typer.Context,
    tag: Annotated[
        str | None, typer.Option("--tag", metavar="T", help="Only people with this tag.")
    ] = None,
    org: Annotated[
        str | None, typer.Option("--org", metavar="ORG", help="Only people working there now.")
    ] = None,
    circle: Annotated[
        str | None, typer.Option("--circle", metavar="C", help="Only this circle.")
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only people due for a check-in.")
    ] = False,
    limit: Annotated[int | None, limit_option("At most this many.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """List people, optionally filtered."""
    from netweave.services.directory import PeopleFilter, list_people

    views = list_people(
        context(ctx),
        PeopleFilter(tag=tag, organization=org, circle=circle, overdue=overdue, limit=limit),
        brief=not json_out,  # the table shows no strength: it is not worked out
    )
    if json_out:
        print_json(views)
        return
    if not views:
        say(
            "No people match."
            if (tag or org or circle or overdue)
            else "No people yet: add one with `netweave people add NAME`."
        )
        return
    print_people(views, due=overdue)


def print_people(views: list[dict[str, Any]], *, due: bool = False) -> None:
    """A table of person views (``person_rows`` is enough)."""
    columns = ["#", "Name", "Company", "Title", "Circle", "Last contact", "Tags"]
    if due:
        columns.append("Due since")
    rows = []
    for v in views:
        row = [
            v["id"],
            v["name"],
            v["company"],
            v["title"],
            v["circle"],
            v["last_interaction"],
            v["tags"],
        ]
        if due:
            until = v.get("check_in_snoozed_until")
            row.append(f"{v['next_due']} (snoozed to {until})" if until else v["next_due"])
        rows.append(row)
    table(columns, rows)


@app.command("show")
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=WHO_HELP)],
    json_out: JsonOpt = False,
) -> None:
    """Show everything about one person."""
    from netweave.services.people import show_person

    view = show_person(context(ctx), name)
    if json_out:
        print_json(view)
        return
    _print_person(view)


def _print_person(v: dict[str, Any]) -> None:
    out = console()
    work = work_line(v["title"], v["company"])  # "Former plant manager, Retired"
    out.print(
        f"[bold]{escape(v['name'])}[/bold] (#{v['id']})" + (f" — {escape(work)}" if work else "")
    )
    me = v["is_me"]  # the user's own record: no tie to measure, no check-in to make
    lines = [
        ("Headline", v["headline"]),
        ("Pronouns", v["pronouns"]),
        ("Location", v["location"]),
        ("Emails", v["emails"]),
        ("Phones", v["phones_shown"]),
        ("LinkedIn", v["linkedin"] and unquote(v["linkedin"])),  # zoë-dupont, not zo%C3%AB
        ("Birthday", birthday_text(v["birthday"])),
        ("Circle", None if me else _circle(v)),
        ("Met", met_text(v)),
        ("Last contact", v["last_interaction"]),
        ("Next check-in", v["next_due"]),
        ("Snoozed", _snoozed(v)),
        ("Strength", None if me else f"{v['strength']}/100 — {v['strength_reason']}"),
        ("Reciprocity", None if me else _balance(v["reciprocity"])),
        ("Responds", v["responder"]),
        ("Tags", v["tags"]),
        ("Interests", [f"{i['label']} ({i['category']})" for i in v["interests"]]),
        ("Needs", v["needs"]),
        ("Offers", v["offers"]),
    ]
    for label, value in lines:
        if value not in (None, "", []):
            out.print(f"  [bold]{label}:[/bold] {escape(cell(value))}")
    notes = [cell(line) for line in (v["notes"] or "").splitlines() if line.strip()]
    for n, line in enumerate(notes):  # a line of its own for each line of the notes
        out.print(("  [bold]Notes:[/bold] " if n == 0 else "         ") + escape(line))
    past = [p for p in v["positions"] if not p["current"]]
    if past:
        out.print(
            "  [bold]Before:[/bold] "
            + escape("; ".join(work_line(p["title"], p["organization"]) for p in past))
        )
    print_person_leads(out, v["leads"])
    if v["interactions"]:
        out.print("  [bold]Recent conversations:[/bold]")
        for i in v["interactions"][:10]:
            number = f"#{i['id']}"
            out.print(
                f"    [dim]{number:>6}[/dim]  {i['date']}  {i['kind']:<8} "
                + escape(i["summary"] or "")
            )


def _snoozed(v: dict[str, Any]) -> str | None:
    """The agenda's suggestions about them hidden today, and how to lift a snooze."""
    hidden = v.get("snoozed") or {}
    if not hidden:
        return None
    what = "; ".join(f"{kind.replace('_', '-')} until {until}" for kind, until in hidden.items())
    kind = next(iter(hidden)).replace("_", "-")
    return f"{what} (to offer it again now: `netweave snooze #{v['id']} --kind {kind} --off`)"


_CADENCE_SOURCE = {"own": "own cadence", "circle": "circle"}

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


def _circle(v: dict[str, Any]) -> str | None:
    """The circle, and how often to keep in touch and why (own cadence, a tag's, the circle's)."""
    days, circle = v["cadence_days"], v["circle"]
    if days is None:
        return str(circle) if circle else None
    source = v.get("cadence_source")
    why = f"tag {v.get('cadence_tag')}" if source == "tag" else _CADENCE_SOURCE.get(source or "")
    every = "every day" if days == 1 else f"every {days} days"
    return f"{circle or 'no circle'}; keep in touch {every}" + (f" ({why})" if why else "")


def _balance(r: dict[str, Any]) -> str | None:
    if not (r["gave"] or r["received"] or r["asked"]):
        return None
    balance = f"{r['balance']:+d}" if r["balance"] else "0"
    text = f"you gave {r['gave']}, received {r['received']}, asked {r['asked']}"
    text += f" (balance {balance})"
    if r["only_taken"]:
        text += " — you have only taken so far: offer something"
    if r["open_asks"]:
        text += f"; {count(r['open_asks'], 'open ask')} (`netweave asks list`)"
    return text


@app.command("forget")
def forget(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=WHO_HELP)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Remove a person and everything that is only about them."""
    from netweave.services.people import forget_person, show_person, yours_stays

    if not yes:
        view = show_person(context(ctx), name)
        if view["is_me"]:  # refused at once, before any question
            raise InvalidInput(yours_stays(view["name"], view["id"]))
        if not sys.stdin.isatty():
            raise InvalidInput(f"forgetting {view['name']} cannot be undone; add --yes to confirm")
        typer.confirm(f"Forget {view['name']} (#{view['id']}) and their history?", abort=True)
        name = str(view["id"])
    removed = forget_person(context(ctx), name)
    if json_out:
        print_json({"forgotten": removed})
        return
    say(
        sentence(f"Forgot {removed}")
        + " An import of a file that holds them brings them back as someone new."
    )


@app.command("duplicates")
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


@app.command("apart")
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


@app.command("merge")
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The person to keep.")],
    other: Annotated[str, typer.Argument(help="The duplicate folded into KEEP.")],
    json_out: JsonOpt = False,
) -> None:
    """Merge two records of one person, losing nothing; undo with `netweave import undo`."""
    from netweave.services.merge import merge as merge_people

    result = merge_people(context(ctx), keep, other)
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
        if result["dropped"]:
            counts = " and ".join(f"{n} {what}" for what, n in result["dropped"].items())
            say(f"Dropped {counts} that named the person who is now you: your own ties come "
                "from your conversations, and an introduction is between two others.")  # fmt: skip


@app.command("circle")
def circle(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="inner, close, active, wide or dormant.")],
    who: Annotated[
        list[str] | None,
        typer.Argument(help="Who: ids, emails, phone numbers or names.", show_default=False),
    ] = None,
    unsorted: Annotated[
        bool,
        typer.Option(
            "--unsorted",
            help="Everyone with no circle and no cadence, own or a tag's, yet (imports, say).",
        ),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Put people in a circle at once (its cadence sets their check-ins)."""
    from netweave.services.circles import put_in_circle

    result = put_in_circle(context(ctx), name, who or [], unsorted=unsorted)
    if json_out:
        print_json(result)
        return
    for line in _put_in_circle(result):
        say(line)


def _put_in_circle(result: dict[str, Any]) -> list[str]:
    """What ``people circle`` did, and the check-ins that follow: the circle's cadence,
    but for those whose own cadence or a tag's comes first, each named with theirs."""
    days, kept = result["cadence"], result["not_by_circle"]
    every = f"check-ins every {days} days" if days else "no check-ins"
    put = f"Put {count(result['moved'], 'person', 'people')} in the {result['circle']} circle"
    if not kept:
        return [f"{put} ({every})."]
    if len(kept) < result["moved"]:
        by_circle = result["moved"] - len(kept)
        head = f"{put} ({every} for {by_circle} of them); for the others their own cadence or a "
        head += "tag's comes first:"
    else:
        head = f"{put}; their own cadence or a tag's comes first, not the circle's ({every}):"
    lines = [head]
    for k in kept:
        why = f"tag {k['cadence_tag']}" if k["cadence_source"] == "tag" else "own cadence"
        often = "every day" if k["cadence_days"] == 1 else f"every {k['cadence_days']} days"
        lines.append(f"  {k['name']}: {often} ({why})")
    return lines

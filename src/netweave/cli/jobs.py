"""``netweave targets`` and ``netweave leads``: the LAMP list and the pipeline of leads."""

from typing import Annotated, Any

import typer

from netweave.cli.options import JsonOpt, change, given, number_option, parse_date_option
from netweave.cli.output import print_json, say, say_new_org, table
from netweave.cli.state import context
from netweave.logic.lamp import ADVOCACY_MEANING, MOTIVATION_RANGE, POSTING_RANGE, short_list
from netweave.logic.wording import count, days

targets_app = typer.Typer(
    help="Target employers (the LAMP list): add, rank, change, remove.",
    invoke_without_command=True,
)
leads_app = typer.Typer(
    help="Job leads and referrals: a pipeline with stages, people and next steps.",
    no_args_is_help=True,
)

MotivationOpt = Annotated[
    int | None,
    number_option(
        "--motivation", "-m", bounds=MOTIVATION_RANGE, help="How much you want to work there, 0–3."
    ),
]
PostingOpt = Annotated[
    int | None,
    number_option(
        "--posting", "-p", bounds=POSTING_RANGE, help="Relevant openings posted, 1 (none) to 3."
    ),
]
NotesOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note.")]
#: Read as imports read a company ("ACME Corp" is Acme Inc.); a name only close to another
#: organization's is refused, naming it, unless this says it is a new one.
NewOrgOpt = Annotated[
    bool,
    typer.Option(
        "--new-org",
        help="Make a new organization of the name even if it looks like one already here "
        "('Globx' for Globex: refused without it).",
    ),
]
#: A new target's: what it starts with when not given.
NewMotivationOpt = Annotated[
    int | None,
    number_option(
        "--motivation",
        "-m",
        bounds=MOTIVATION_RANGE,
        help="How much you want to work there, 0–3 (default 0).",
    ),
]
NewPostingOpt = Annotated[
    int | None,
    number_option(
        "--posting",
        "-p",
        bounds=POSTING_RANGE,
        help="Relevant openings posted, 1 (none) to 3 (default 1).",
    ),
]


@targets_app.callback()
def targets(ctx: typer.Context, json_out: JsonOpt = False) -> None:
    """Rank your target employers: motivation, then posting, then advocacy (configurable)."""
    if ctx.invoked_subcommand is not None:
        return
    from netweave.services.targets import list_targets

    views = list_targets(context(ctx))
    if json_out:
        print_json(views)
    else:
        print_targets(views)


def print_targets(views: list[dict[str, Any]]) -> None:
    """The LAMP table, the top five marked."""
    if not views:
        say("No targets yet: add employers with `netweave targets add ORG --motivation 3`.")
        return
    rows = []
    for v in views:
        names = [f"{a['name']} #{a['id']} ({a['strength']})" for a in v["advocates"][:3]]
        more = len(v["advocates"]) - len(names)
        rows.append(
            [
                v["rank"],
                v["org"],
                v["advocacy"],
                v["motivation"],
                v["posting"],
                ", ".join(names) + (f" +{more}" if more > 0 else ""),
                "work these now" if v["work_now"] else "",
            ]
        )
    table(["#", "Employer", "A", "M", "P", "Advocates (strength)", ""], rows)
    say(f"A: {ADVOCACY_MEANING}.")
    if short := short_list(len(views)):
        say(short)


@targets_app.command("add")
def add_target(
    ctx: typer.Context,
    org: Annotated[
        str,
        typer.Argument(
            help="The employer: its name (case, punctuation and a legal form such as Inc or "
            "GmbH aside) or #id; created when new."
        ),
    ],
    motivation: NewMotivationOpt = None,
    posting: NewPostingOpt = None,
    note: NotesOpt = None,
    new_org: NewOrgOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Put an employer on your target list. A name no organization has but close to some
    (a typo, a short form) is refused, naming them: give the one meant, or --new-org."""
    from netweave.services.targets import add_target as add

    view = add(
        context(ctx), org, motivation=motivation, posting=posting, notes=note, new_org=new_org
    )
    if json_out:
        print_json(view)
    else:
        count = len(view["advocates"])
        plural = "" if count == 1 else "s"
        say(f"Added {view['org']}: rank {view['rank']}, {count} advocate{plural}.")
        say_new_org(view)


@targets_app.command("set")
def set_target(
    ctx: typer.Context,
    org: Annotated[str, typer.Argument(help="A target employer.")],
    motivation: MotivationOpt = None,
    posting: PostingOpt = None,
    note: NotesOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Change a target's motivation, posting or note."""
    from netweave.services.targets import set_target as change

    view = change(context(ctx), org, motivation=motivation, posting=posting, notes=note)
    if json_out:
        print_json(view)
    else:
        say(f"{view['org']}: M {view['motivation']}, P {view['posting']}, rank {view['rank']}.")


@targets_app.command("remove")
def remove_target(
    ctx: typer.Context,
    org: Annotated[str, typer.Argument(help="A target employer.")],
    json_out: JsonOpt = False,
) -> None:
    """Take an employer off your target list (its people stay)."""
    from netweave.services.targets import remove_target as remove

    name = remove(context(ctx), org)
    if json_out:
        print_json({"removed": name})
        return
    say(f"Removed {name} from your targets.")


LeadArg = Annotated[str, typer.Argument(metavar="LEAD", help="A lead's number, or its employer.")]
NextOpt = Annotated[
    str | None, typer.Option("--next", metavar="TEXT", help="The next step (shows in `today`).")
]
DueOpt = Annotated[
    str | None, typer.Option("--due", metavar="YYYY-MM-DD", help="When the next step is due.")
]


def _people(values: list[str]) -> list[tuple[str, str]]:
    from netweave.errors import InvalidInput

    out = []
    for value in values:
        name, sep, role = value.rpartition(":")
        if not sep or not name.strip():
            raise InvalidInput(
                f"a person with a role is NAME:ROLE (e.g. 'Mei Chen:referrer'), not {value!r}"
            )
        out.append((name.strip(), role.strip()))
    return out


@leads_app.command("add")
def add_lead(
    ctx: typer.Context,
    org: Annotated[
        str,
        typer.Argument(
            help="The employer: its name (case, punctuation and a legal form such as Inc or "
            "GmbH aside) or #id; created when new."
        ),
    ],
    role: Annotated[str, typer.Option("--role", "-r", help="The role, e.g. 'Data engineer'.")],
    source: Annotated[
        str, typer.Option("--source", help="referral, network, recruiter, posting or other.")
    ] = "other",
    hidden: Annotated[
        bool | None,
        typer.Option(
            "--hidden/--public",
            help="Reached you through people before or without a posting "
            "[default: referral or network without --url].",
        ),
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="The posting's address.")] = None,
    next_step: NextOpt = None,
    due: DueOpt = None,
    person: Annotated[
        list[str],
        typer.Option(
            "--person",
            metavar="NAME:ROLE",
            help="A linked person; ROLE: referrer, hiring-manager, recruiter, "
            "interviewer or advocate (repeatable).",
        ),
    ] = [],  # noqa: B006 (typer reads the default; it is never mutated)
    note: NotesOpt = None,
    new_org: NewOrgOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Open a lead at an employer. A name no organization has but close to some (a typo,
    a short form) is refused, naming them: give the one meant, or --new-org."""
    from netweave.services.leads import add_lead as add

    view = add(
        context(ctx),
        org,
        role,
        source=source,
        hidden=hidden,
        url=url,
        next_step=next_step,
        due=parse_date_option(due, "--due"),
        people=_people(person),
        notes=note,
        new_org=new_org,
    )
    say_lead(view, json_out)


def say_lead(view: dict[str, Any], json_out: bool) -> None:
    """A lead added or corrected: its JSON, or one line (and a word on a new employer)."""
    if json_out:
        print_json(view)
        return
    hidden_text = "hidden" if view["hidden"] else "public"
    say(f"Lead #{view['id']}: {view['role']} at {view['org']} ({view['source']}, {hidden_text}).")
    if view.get("hidden_said"):  # an edit's new source or posting turned it
        say(view["hidden_said"])
    say_new_org(view)
    if same := view.get("same_role"):  # two openings of one title can be: said, not refused
        ids = ", ".join(f"#{n}" for n in same)
        say(f"An open lead for the same role there is {ids} already: if it is this one, "
            f"`netweave leads move {view['id']} withdrawn`.")  # fmt: skip


@leads_app.command("list")
def list_leads(
    ctx: typer.Context,
    stage: Annotated[str | None, typer.Option("--stage", help="Only leads at this stage.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Closed leads too.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Your leads, the nearest next step first."""
    from netweave.services.leads import list_leads as listing

    views = listing(context(ctx), stage=given(stage, "--stage"), include_closed=all_)
    if json_out:
        print_json(views)
    elif not views and stage:
        say(f"No leads at {stage.replace('_', ' ')}.")
    elif not views:
        closed = 0 if all_ else len(listing(context(ctx), include_closed=True))
        add = "`netweave leads add ORG --role ROLE --source referral`"
        if closed:
            say(
                f"No open leads; {count(closed, 'closed one')} (see them, and how they ended, "
                f"with `netweave leads list --all`). A new lead: {add}."
            )
        else:
            say(f"No leads yet: {add}.")
    else:
        table(
            ["#", "Employer", "Role", "Stage", "Days", "Source", "Next step", "Due"],
            [
                [
                    v["id"],
                    v["org"],
                    v["role"],
                    v["stage"].replace("_", " "),
                    v["days_in_stage"],
                    v["source"] + (" (hidden)" if v["hidden"] else ""),
                    v["next_step"],
                    v["next_due"],
                ]
                for v in views
            ],
        )


@leads_app.command("show")
def show_lead(ctx: typer.Context, lead: LeadArg, json_out: JsonOpt = False) -> None:
    """A lead with its stage history and its people."""
    from netweave.services.leads import show_lead as show

    print_lead(show(context(ctx), lead), json_out)


def print_lead(view: dict[str, Any], json_out: bool) -> None:
    """One lead, as JSON or as text."""
    if json_out:
        print_json(view)
        return
    say(f"Lead #{view['id']}: {view['role']} at {view['org']}")
    hidden = ", hidden" if view["hidden"] else ""
    say(f"  Stage: {view['stage'].replace('_', ' ')} for {days(view['days_in_stage'])}")
    say(
        f"  Source: {view['source']}{hidden}"
        + (f" — {view['posting_url']}" if view["posting_url"] else "")
    )
    if view["next_step"]:
        say(f"  Next: {view['next_step']} (due {view['next_due']})")
    for p in view["people"]:
        now_at = f" (now at {p['now_at']})" if p.get("now_at") else ""
        say(f"  {p['role'].replace('_', ' ')}: {p['name']} #{p['id']}{now_at}")
    table(
        ["On", "From", "To", "Note"],
        [
            [h["on"], (h["from"] or "").replace("_", " "), h["to"].replace("_", " "), h["note"]]
            for h in view["history"]
        ],
    )


@leads_app.command("move")
def move_lead(
    ctx: typer.Context,
    lead: LeadArg,
    stage: Annotated[
        str,
        typer.Argument(
            help="lead, researching, networking, referral-requested, applied, interviewing, "
            "offer, accepted, rejected or withdrawn."
        ),
    ],
    note: NotesOpt = None,
    next_step: NextOpt = None,
    due: DueOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Move a lead to another stage (dated today, or --as-of). The lead's next step is
    cleared (it belonged to the stage left), unless --next gives a new one, or --due alone
    keeps it for that day; a closed lead has none."""
    from netweave.services.leads import CLOSED_STAGES
    from netweave.services.leads import move_lead as move

    view = move(
        context(ctx),
        lead,
        stage,
        note=note,
        next_step=next_step,
        due=parse_date_option(due, "--due"),
    )
    if json_out:
        print_json(view)
    else:
        say(f"Lead #{view['id']} ({view['org']}) is now at {view['stage'].replace('_', ' ')}.")
        if view["next_step"]:
            say(f"Next step: {view['next_step']} (due {view['next_due']}).")
        elif view["step_cleared"] and view["stage"] in CLOSED_STAGES:
            say(f"Its next step ({view['step_cleared']}) is cleared: the lead is closed.")
        elif view["step_cleared"]:
            say(
                f"Its next step ({view['step_cleared']}) is cleared: set the next one with "
                f"`netweave leads next {view['id']} STEP --due YYYY-MM-DD`."
            )
        for line in _accepted_lines(view):
            say(line)


def _accepted_lines(view: dict[str, Any]) -> list[str]:
    """After an offer accepted: who is on Today to hear the news (and who heard it already),
    and the leads still open; after one taken back, whose news is off Today; after a lead
    rejected or withdrawn, the tasks planned for it that are off Today."""
    lines = []
    if view["untold"]:
        names = ", ".join(p["name"] for p in view["untold"])
        lines.append(f"The acceptance no longer stands: its messages to tell the people who "
                     f"helped are off Today: {names}.")  # fmt: skip
    if view["dropped"]:
        titles = "; ".join(t["title"] for t in view["dropped"])
        lines.append(f"The lead is closed: its open tasks are off Today: {titles}.")
    if view["stage"] == "accepted" and view["thanks"]:
        names = ", ".join(t["person"]["name"] for t in view["thanks"])
        lines.append(f"Congratulations. On today's list: tell the people who helped, and "
                     f"thank them: {names}.")  # fmt: skip
    elif view["stage"] == "accepted":
        lines.append("Congratulations.")
    if view["told"]:
        names = ", ".join(p["name"] for p in view["told"])
        lines.append(f"Told already, when the offer was first accepted: {names}.")
    if view["still_open"]:
        leads = ", ".join(f"#{o['id']} ({o['role']} at {o['org']})" for o in view["still_open"])
        lines.append(f"Still open: {leads}. Withdraw each with `netweave leads move ID "
                     "withdrawn`, and tell the people there.")  # fmt: skip
    return lines


@leads_app.command("next")
def next_step(
    ctx: typer.Context,
    lead: LeadArg,
    step: Annotated[
        str | None,
        typer.Argument(
            metavar="[STEP]",
            help="The next step (none: drop it; left out, --due moves the one set).",
        ),
    ] = None,
    due: DueOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Set a lead's next step and its due date (it shows in `today` when due), or put the
    step off to another day (--due alone)."""
    from netweave.services.leads import set_next_step

    view = set_next_step(context(ctx), lead, change(step, "STEP"), parse_date_option(due, "--due"))
    if json_out:
        print_json(view)
    elif view["next_step"]:
        say(f"Lead #{view['id']}: next, {view['next_step']} (due {view['next_due']}).")
    else:
        say(f"Lead #{view['id']}: no next step.")


@leads_app.command("edit")
def edit_lead(
    ctx: typer.Context,
    lead: LeadArg,
    role: Annotated[str | None, typer.Option("--role", "-r", help="The role.")] = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            help="The employer: its name or #id, as `leads add` takes it (created when new).",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", help="referral, network, recruiter, posting or other."),
    ] = None,
    hidden: Annotated[
        bool | None,
        typer.Option(
            "--hidden/--public",
            help="Reached you through people, or posted. Left out, a new --source or --url "
            "decides it again (hidden: a referral or network lead with no posting), unless "
            "it was set by hand against that rule: then it is kept.",
        ),
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="The posting's address (none: drop it).")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Its notes (none: drop them).")
    ] = None,
    new_org: NewOrgOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Correct a lead's role, employer, source, posting or notes (its stage stays)."""
    from netweave.services.leads import edit_lead as edit

    view = edit(
        context(ctx),
        lead,
        role=role,
        org=org,
        source=source,
        hidden=hidden,
        url=change(url, "--url"),
        notes=change(note, "--note"),
        new_org=new_org,
    )
    say_lead(view, json_out)


@leads_app.command("unlink")
def unlink_person(
    ctx: typer.Context,
    lead: LeadArg,
    person: Annotated[str, typer.Argument(help="A person: id, name or email.")],
    role: Annotated[
        str | None, typer.Option("--role", help="Only this role (left out: every role).")
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Take a person off a lead."""
    from netweave.services.leads import unlink_person as unlink

    view = unlink(context(ctx), lead, person, role)
    if json_out:
        print_json(view)
    else:
        say(f"Took {view['unlinked']['name']} off lead #{view['id']} ({view['org']}).")


@leads_app.command("link")
def link_person(
    ctx: typer.Context,
    lead: LeadArg,
    person: Annotated[
        str, typer.Argument(help="A person: id, name or email; NAME:ROLE as in `leads add`.")
    ],
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="referrer, hiring-manager, recruiter, interviewer or advocate (the default).",
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Link a person to a lead with their role."""
    from netweave.errors import InvalidInput
    from netweave.services.leads import link_person as link

    if ":" in person:  # NAME:ROLE, the form `leads add --person` takes
        [(person, named)] = _people([person])
        if role is not None and role != named:
            raise InvalidInput(f"two roles given, {named!r} and --role {role!r}: give one")
        role = named
    view = link(context(ctx), lead, person, role or "advocate")
    if json_out:
        print_json(view)
    else:
        p = view["linked"]
        say(f"Linked {p['name']} to lead #{view['id']} as {p['role'].replace('_', ' ')}.")

"""``netweave people``: add, edit, list, show and forget people."""

import sys
from typing import Annotated, Any

import typer

from netweave.cli import people_duplicates
from netweave.cli.options import JsonOpt, limit_option
from netweave.cli.output import print_json, say, say_new_org
from netweave.cli.person_options import (
    Birthday,
    Cadence,
    Circle,
    Communities,
    Company,
    Emails,
    Headline,
    Interests,
    IntroducedBy,
    Linkedin,
    Location,
    Me,
    MetAt,
    MetOn,
    Needs,
    NewBirthday,
    NewCadence,
    NewCircle,
    NewCompany,
    NewHeadline,
    NewIntroducedBy,
    NewLinkedin,
    NewLocation,
    NewName,
    NewPronouns,
    NewTitle,
    Note,
    NoteLine,
    Offers,
    Phones,
    Pronouns,
    RemoveCommunities,
    RemoveEmails,
    RemoveInterests,
    RemoveNeeds,
    RemoveOffers,
    RemovePhones,
    RemoveTags,
    Schools,
    Strength,
    Tags,
    Title,
    UnpinStrength,
    person_changes,
)
from netweave.cli.person_show import print_people, print_person
from netweave.cli.state import context
from netweave.errors import InvalidInput
from netweave.logic.wording import count, every, sentence

app = typer.Typer(help="Add, edit, list, show and forget people.", no_args_is_help=True)

#: How a command finds one person.
WHO_HELP = "Who: an id, an email, a phone number, a full name or the start of one."


def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Their full name.")],
    email: Emails = None,
    phone: Phones = None,
    company: NewCompany = None,
    title: NewTitle = None,
    linkedin: NewLinkedin = None,
    tag: Tags = None,
    interest: Interests = None,
    need: Needs = None,
    offer: Offers = None,
    school: Schools = None,
    community: Communities = None,
    met_at: MetAt = None,
    met_on: MetOn = None,
    introduced_by: NewIntroducedBy = None,
    note: Note = None,
    circle: NewCircle = None,
    pronouns: NewPronouns = None,
    headline: NewHeadline = None,
    location: NewLocation = None,
    birthday: NewBirthday = None,
    cadence: NewCadence = None,
    me: Me = False,
    json_out: JsonOpt = False,
) -> None:
    """Add a person: who they are, how you met, what they need and can offer."""
    from netweave.services.people import add_person, namesakes

    changes = person_changes(
        name=name, emails=email, phones=phone, company=company, title=title, linkedin=linkedin,
        tags=tag, interests=interest, needs=need, offers=offer, schools=school,
        communities=community, met_at=met_at, met_on=met_on,
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
    _say_namesakes(same_name, view["id"])


def _say_namesakes(same_name: list[tuple[int, str]], person_id: int) -> None:
    """Those here already under the name a person was just given, with how to merge them."""
    for pid, shown in same_name:
        say(f"  {shown} (#{pid}) was here already: if they are one person, "
            f"`netweave people merge {pid} {person_id}`.")  # fmt: skip


def edit(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=WHO_HELP)],
    new_name: NewName = None,
    email: Emails = None,
    phone: Phones = None,
    company: Company = None,
    title: Title = None,
    linkedin: Linkedin = None,
    tag: Tags = None,
    interest: Interests = None,
    need: Needs = None,
    offer: Offers = None,
    school: Schools = None,
    community: Communities = None,
    met_at: MetAt = None,
    met_on: MetOn = None,
    introduced_by: IntroducedBy = None,
    note: NoteLine = None,
    circle: Circle = None,
    pronouns: Pronouns = None,
    headline: Headline = None,
    location: Location = None,
    birthday: Birthday = None,
    cadence: Cadence = None,
    me: Me = False,
    strength: Strength = None,
    unpin_strength: UnpinStrength = False,
    remove_tag: RemoveTags = None,
    remove_email: RemoveEmails = None,
    remove_phone: RemovePhones = None,
    remove_interest: RemoveInterests = None,
    remove_need: RemoveNeeds = None,
    remove_offer: RemoveOffers = None,
    remove_community: RemoveCommunities = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes",
            help="With --me: be this person instead of your own record (refused without it).",
        ),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Change a person: options given replace single values and add to lists.

    The --remove-* options take a value away; with the matching add option in the same
    command they correct it (the old one goes, the new one comes). A new --company keeps
    the previous position as history. --me makes them you; while another record is you,
    only with --yes.
    """
    from netweave.services.people import edit_person, namesakes

    changes = person_changes(
        name=new_name, emails=email, phones=phone, company=company, title=title, linkedin=linkedin,
        tags=tag, interests=interest, needs=need, offers=offer, schools=school,
        communities=community, met_at=met_at, met_on=met_on,
        introduced_by=introduced_by, note=note, circle=circle, pronouns=pronouns, headline=headline,
        location=location, birthday=birthday, cadence=cadence, strength=strength, is_me=me,
        unpin_strength=unpin_strength, remove_tags=remove_tag, remove_emails=remove_email,
        remove_phones=remove_phone, remove_interests=remove_interest, remove_needs=remove_need,
        remove_offers=remove_offer, remove_communities=remove_community,
    )  # fmt: skip
    view = edit_person(context(ctx), name, changes, confirmed=yes)
    # renamed to a name someone has already: said as `people add` says it
    same_name = namesakes(context(ctx), view["name"], besides=view["id"]) if new_name else []
    if json_out:
        print_json(view | ({"namesakes": [{"id": p, "name": n} for p, n in same_name]}
                           if new_name else {}))  # fmt: skip
    else:
        _say_updated(view)
        _say_namesakes(same_name, view["id"])


def _say_updated(view: dict[str, Any]) -> None:
    """What ``people edit`` changed: the name, a new organization, whether they are you now."""
    say(f"Updated {view['name']} (#{view['id']}).")
    say_new_org(view, only_if_similar=True)
    if was := view.get("was_me"):
        say(f"You are {view['name']} now, no longer {was['name']} (#{was['id']}).")


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


def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=WHO_HELP)],
    json_out: JsonOpt = False,
) -> None:
    """Show everything about one person."""
    from netweave.services.people import show_person
    from netweave.services.person_weave import weave_of

    view = show_person(context(ctx), name)
    view |= weave_of(context(ctx), view["id"])  # whom they know, their introductions
    if json_out:
        print_json(view)
        return
    print_person(view)


def forget(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=WHO_HELP)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Remove a person and everything that is only about them."""
    from netweave.services.people import (
        forget_person,
        introductions_to_forget,
        show_person,
        yours_stays,
    )

    if not yes:
        view = show_person(context(ctx), name)
        if view["is_me"]:  # refused at once, before any question
            raise InvalidInput(yours_stays(view["name"], view["id"]))
        intros = introductions_to_forget(context(ctx), f"#{view['id']}")
        also = f" (it removes {intros})" if intros else ""
        if not sys.stdin.isatty():
            raise InvalidInput(
                f"forgetting {view['name']} cannot be undone{also}; add --yes to confirm"
            )
        typer.confirm(f"Forget {view['name']} (#{view['id']}) and their history{also}?", abort=True)
        name = str(view["id"])
    removed = forget_person(context(ctx), name)
    if json_out:
        print_json({"forgotten": removed})
        return
    say(
        sentence(f"Forgot {removed}")
        + " An import of a file that holds them brings them back as someone new."
    )


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
    often = f"check-ins {every(days)}" if days else "no check-ins"
    put = f"Put {count(result['moved'], 'person', 'people')} in the {result['circle']} circle"
    if not kept:
        return [f"{put} ({often})."]
    if len(kept) < result["moved"]:
        by_circle = result["moved"] - len(kept)
        head = f"{put} ({often} for {by_circle} of them); for the others their own cadence or a "
        head += "tag's comes first:"
    else:
        head = f"{put}; their own cadence or a tag's comes first, not the circle's ({often}):"
    lines = [head]
    for k in kept:
        why = f"tag {k['cadence_tag']}" if k["cadence_source"] == "tag" else "own cadence"
        lines.append(f"  {k['name']}: {every(k['cadence_days'])} ({why})")
    return lines


#: The commands, in the order ``--help`` lists them.
app.command("add")(add)
app.command("edit")(edit)
app.command("list")(list_)
app.command("show")(show)
app.command("forget")(forget)
people_duplicates.register(app)
app.command("circle")(circle)

"""The options ``people add`` and ``people edit`` share, and the changes they ask for."""

import copy
from typing import Annotated, Any, get_args

import typer

from netweave.cli.options import cadence_option, empty_value, number_option, parse_date_option
from netweave.errors import InvalidInput
from netweave.logic.parse import parse_typed_birthday, says_none

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
Schools = Annotated[
    list[str] | None,
    typer.Option(
        "--school",
        metavar="NAME[:ROLE][:FROM-TO]",
        help="A school, with their degree and years: 'Bayview University:BA Economics:2014-2018'"
        " (repeatable).",
    ),
]
Communities = Annotated[
    list[str] | None,
    typer.Option(
        "--community",
        metavar="KIND:NAME[:ROLE][:FROM-TO]",
        help="A community, KIND alumni, club, school or other: 'club:Toastmasters:member'"
        " (repeatable).",
    ),
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


def _on_add(option: Any, help: str) -> Any:
    """The ``people add`` form of an option it shares with ``people edit``: the same option,
    with the help of a new record (on a new record, there is nothing for ``none`` to drop)."""
    value_type, info = get_args(option)
    info = copy.copy(info)
    info.help = help
    return Annotated[value_type, info]


#: The options whose help on ``people edit`` says what ``none`` drops, as ``people add``
#: says them.
NewCompany = _on_add(Company, "Current organization (created when new).")
NewTitle = _on_add(Title, "Current job title.")
NewLinkedin = _on_add(Linkedin, "LinkedIn profile URL.")
NewIntroducedBy = _on_add(IntroducedBy, "Who introduced you to them: a name, an email or #id.")
NewCircle = _on_add(Circle, "inner, close, active, wide or dormant (sets the cadence).")
NewPronouns = _on_add(Pronouns, "Their pronouns.")
NewHeadline = _on_add(Headline, "A one-line description.")
NewLocation = _on_add(Location, "Where they live or work.")
NewBirthday = _on_add(Birthday, "1990-05-17, --05-17 or 1990.")
NewCadence = _on_add(
    Cadence, "Their own keep-in-touch interval (left out: their tag's or circle's)."
)


#: Options of ``people edit`` alone.
NewName = Annotated[str | None, typer.Option("--name", help="Rename them.")]
NoteLine = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="Add a line to the notes.")
]
Strength = Annotated[
    int | None,
    number_option("--strength", bounds=(0, 100), help="Pin the tie strength (0-100)."),
]
UnpinStrength = Annotated[
    bool, typer.Option("--unpin-strength", help="Compute the strength again.")
]
RemoveTags = Annotated[list[str] | None, typer.Option("--remove-tag", help="Remove a tag.")]
RemoveEmails = Annotated[list[str] | None, typer.Option("--remove-email", help="Remove an email.")]
RemovePhones = Annotated[list[str] | None, typer.Option("--remove-phone", help="Remove a phone.")]
RemoveInterests = Annotated[
    list[str] | None,
    typer.Option(
        "--remove-interest",
        metavar="LABEL",
        help="Remove an interest: LABEL or CATEGORY:LABEL, any case.",
    ),
]
RemoveCommunities = Annotated[
    list[str] | None,
    typer.Option(
        "--remove-community",
        "--remove-school",
        metavar="NAME",
        help="Remove a school or community by its name (any case).",
    ),
]
RemoveNeeds = Annotated[
    list[str] | None,
    typer.Option("--remove-need", metavar="TEXT", help="Remove a need (any case)."),
]
RemoveOffers = Annotated[
    list[str] | None,
    typer.Option("--remove-offer", metavar="TEXT", help="Remove an offer (any case)."),
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
    "needs": "--need", "offers": "--offer", "schools": "--school",
    "communities": "--community", "remove_communities": "--remove-community",
    "remove_tags": "--remove-tag",
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
            raise InvalidInput(empty_value(option))
    if values.get("note") is not None and not values["note"].strip():
        raise InvalidInput("--note is empty: give the line to add to the notes")
    met_at = values.get("met_at")
    if met_at is not None and (not met_at.strip() or says_none(met_at)):
        raise InvalidInput("--met-at is empty: give the event or place where you met them")


def _cadence(value: str | None) -> int | None:
    """``--cadence``: a number of days, as ``--cadence`` let it through (``none`` is
    handled by the caller)."""
    return None if value is None or _drops(value) else int(value)


def person_changes(**values: Any) -> Any:
    """The ``PersonChanges`` the options of ``people add`` or ``people edit`` ask for."""
    from netweave.services.people import PersonChanges

    met_on = values.pop("met_on")
    lists = (
        "emails",
        "phones",
        "tags",
        "interests",
        "needs",
        "offers",
        "schools",
        "communities",
        "remove_communities",
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

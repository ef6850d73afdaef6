"""Turning form fields and JSON bodies into service requests."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import Path
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from netweave.errors import InvalidInput
from netweave.logic.parse import MAX_DAYS, in_date_range, snooze_end, whole_number
from netweave.logic.parse import MAX_ID as MAX_ID  # the routes' bound on ids, as the CLI's
from netweave.logic.vocab import DIRECTIONS, EXCHANGE_KINDS, INTERACTION_KINDS, choose
from netweave.services import field_lengths as column
from netweave.services.people import PersonChanges
from netweave.web.refusal import Fields, checking

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
BodyId = Annotated[int, Field(ge=1, le=MAX_ID)]
KINDS = INTERACTION_KINDS
ASKS = EXCHANGE_KINDS


def address_id(text: str | None) -> int | None:
    """A row's number as a page's address gives it (``?person=12``), by the one rule of
    numbers typed (``whole_number``: ``1_0``, ``+5`` or ``１２`` are none); ``None`` when
    it is no number, or none a row can have (below 1, beyond ``MAX_ID``)."""
    number = whole_number(text or "")
    return number if number is not None and 1 <= number <= MAX_ID else None


def _day(value: dt.date) -> dt.date:
    """A date of a JSON body within the dates a user may type (else a validation error)."""
    try:
        return in_date_range(value, "the date")
    except InvalidInput as exc:
        raise ValueError(str(exc)) from None


def _iso(value: Any) -> Any:
    """A JSON body's date must be written as one (``"2026-03-14"``): a number is not a day
    (pydantic would take ``0`` for 1 January 1970)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value.strip()):
        raise ValueError(f"expected a date like 2026-03-14, not {value!r}")
    return value.strip()


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A date in a JSON body: ``YYYY-MM-DD`` from 1900 to 2999, as every date a user types.
Day = Annotated[dt.date, BeforeValidator(_iso), AfterValidator(_day)]


#: A line of a form or a JSON body (a name, an address, a number) and a longer text (a note).
Line = Annotated[str, Field(max_length=300)]
Long = Annotated[str, Field(max_length=column.NOTE)]
#: An address or number, and an interest, as long as their columns hold.
Contact = Annotated[str, Field(max_length=column.CONTACT)]
Interest = Annotated[str, Field(max_length=column.INTEREST)]


class ApiIn(BaseModel):
    """A JSON body: a field the API does not know is an error, never silently dropped
    (``"ask"`` for ``"asked"`` would record a conversation without its ask)."""

    model_config = ConfigDict(extra="forbid")


class PersonIn(ApiIn):
    """A person to create: ``name`` is required, everything else optional. Each address,
    number, tag, interest, need and offer is as long as the web's forms take it (a field
    written to a column, as long as the column holds)."""

    name: str = Field(min_length=1, max_length=column.PERSON_NAME)
    emails: list[Contact] = Field(default_factory=list, max_length=20)
    phones: list[Contact] = Field(default_factory=list, max_length=20)
    company: str | None = Field(default=None, max_length=column.ORGANIZATION)
    title: str | None = Field(default=None, max_length=column.TITLE)
    linkedin: str | None = Field(default=None, max_length=500)
    tags: list[Line] = Field(default_factory=list, max_length=50)
    interests: list[Interest] = Field(default_factory=list, max_length=50)
    needs: list[Long] = Field(default_factory=list, max_length=50)
    offers: list[Long] = Field(default_factory=list, max_length=50)
    met_at: str | None = Field(default=None, max_length=300)
    met_on: Day | None = None
    #: Who introduced the user to them: a name, an email or ``#id``.
    introduced_by: str | None = Field(default=None, max_length=300)
    note: str | None = Field(default=None, max_length=column.NOTE)
    circle: str | None = Field(default=None, max_length=column.CIRCLE)
    pronouns: str | None = Field(default=None, max_length=column.PRONOUNS)
    headline: str | None = Field(default=None, max_length=column.HEADLINE)
    location: str | None = Field(default=None, max_length=column.PERSON_LOCATION)
    birthday: str | None = Field(default=None, max_length=20)
    #: This is the user's own record (refused while there is one: ``people add NAME --me``).
    is_me: bool = False

    def changes(self) -> PersonChanges:
        """The service request (the service checks a birthday as every date a user types)."""
        return PersonChanges(**self.model_dump())


class PersonPatchIn(ApiIn):
    """Changes to a person, as ``people edit`` makes them: a field left out stays as it is;
    one set to ``null`` is dropped (as ``none`` drops it on the command line: ``company``
    ends the current job, kept as history; ``strength`` goes back to the computed one;
    ``cadence_days`` back to a tag's or the circle's); the lists add, ``remove_*`` take
    away; ``note`` is a line added to the notes."""

    name: str | None = Field(default=None, min_length=1, max_length=column.PERSON_NAME)
    company: str | None = Field(default=None, max_length=column.ORGANIZATION)
    title: str | None = Field(default=None, max_length=column.TITLE)
    linkedin: str | None = Field(default=None, max_length=500)
    circle: str | None = Field(default=None, max_length=column.CIRCLE)
    cadence_days: int | None = Field(default=None, ge=1, le=MAX_DAYS)
    strength: int | None = Field(default=None, ge=0, le=100)
    pronouns: str | None = Field(default=None, max_length=column.PRONOUNS)
    headline: str | None = Field(default=None, max_length=column.HEADLINE)
    location: str | None = Field(default=None, max_length=column.PERSON_LOCATION)
    birthday: str | None = Field(default=None, max_length=20)
    introduced_by: str | None = Field(default=None, max_length=300)
    met_at: str | None = Field(default=None, max_length=300)
    met_on: Day | None = None
    note: str | None = Field(default=None, max_length=column.NOTE)
    emails: list[Contact] = Field(default_factory=list, max_length=20)
    phones: list[Contact] = Field(default_factory=list, max_length=20)
    tags: list[Line] = Field(default_factory=list, max_length=50)
    interests: list[Interest] = Field(default_factory=list, max_length=50)
    needs: list[Long] = Field(default_factory=list, max_length=50)
    offers: list[Long] = Field(default_factory=list, max_length=50)
    remove_emails: list[Contact] = Field(default_factory=list, max_length=20)
    remove_phones: list[Contact] = Field(default_factory=list, max_length=20)
    remove_tags: list[Line] = Field(default_factory=list, max_length=50)
    remove_interests: list[Interest] = Field(default_factory=list, max_length=50)
    remove_needs: list[Long] = Field(default_factory=list, max_length=50)
    remove_offers: list[Long] = Field(default_factory=list, max_length=50)

    def changes(self) -> PersonChanges:
        """The service request: ``null`` given for a field is the service's "drop it"."""
        values = self.model_dump(exclude_unset=True)
        dropped = {key for key, value in values.items() if value is None}
        for key in sorted(dropped - _DROPPED_AS_EMPTY - set(_DROPS)):
            raise InvalidInput(f"{key}: null drops a value, and this one cannot be dropped")
        kept: dict[str, Any] = {k: v for k, v in values.items() if v is not None}
        for key in dropped & _DROPPED_AS_EMPTY:
            kept[key] = ""  # "" drops these in the service
        kept.update({flag: True for key, flag in _DROPS.items() if key in dropped})
        return PersonChanges(**kept)


#: The fields a ``null`` drops as the service drops them when given ``""``.
_DROPPED_AS_EMPTY = {"pronouns", "headline", "location"}
#: The fields a ``null`` drops through a flag of ``PersonChanges``, and the flag.
_DROPS = {
    "company": "end_job", "title": "clear_title", "linkedin": "clear_linkedin",
    "circle": "clear_circle", "cadence_days": "clear_cadence", "strength": "unpin_strength",
    "birthday": "clear_birthday", "introduced_by": "clear_introduced_by",
}  # fmt: skip


class LogIn(ApiIn):
    """A conversation to log."""

    people: list[BodyId] = Field(min_length=1, max_length=50)
    kind: str = "meeting"
    on: Day | None = None
    direction: str = "both"
    note: str | None = Field(default=None, max_length=column.NOTE)
    gave: list[str] = Field(default_factory=list, max_length=10)
    asked: list[str] = Field(default_factory=list, max_length=10)
    received: list[str] = Field(default_factory=list, max_length=10)
    confirmed: bool = False


class FormIn(BaseModel):
    """A web form's fields as typed, each within the length it takes: checked in the route,
    one too long is a refusal of that field (the form again, the message beside it), where a
    limit on the route's parameter would give the error page instead. A field written to a
    column takes the column's length (``services.field_lengths``), and its page gives the
    browser the same (``maxlength``, from ``lengths``)."""


def short(limit: int) -> Any:
    """A field of at most ``limit`` characters."""
    return Field(default="", max_length=limit)


class PersonFormIn(FormIn):
    """The fields the forms that add and edit a person share, each as long in both."""

    name: str = short(column.PERSON_NAME)
    company: str = short(column.ORGANIZATION)
    title: str = short(column.TITLE)
    circle: str = short(column.CIRCLE)
    tags: Long = ""
    email: str = short(column.CONTACT)
    phone: str = short(column.CONTACT)
    introduced_by: Line = ""
    note: Long = ""


class PersonNewIn(PersonFormIn):
    """The fields of the form that adds a person."""

    met_at: str = short(column.EVENT)
    met_on: str = short(20)


class PersonEditIn(PersonFormIn):
    """The fields of the form that edits a person."""

    headline: str = short(column.HEADLINE)
    location: str = short(column.PERSON_LOCATION)
    pronouns: str = short(column.PRONOUNS)
    birthday: str = short(20)
    cadence: str = short(6)
    strength: str = short(3)
    remove_email: list[str] = Field(default_factory=list, max_length=50)
    remove_phone: list[str] = Field(default_factory=list, max_length=50)
    linkedin: str = short(column.CONTACT)
    need: Long = ""
    offer: Long = ""
    interest: str = short(column.INTEREST)


class LeadNewIn(FormIn):
    """The fields of the form that opens a lead."""

    org: str = short(column.ORGANIZATION)
    role: str = short(column.ROLE)
    source: str = short(50)
    url: str = short(column.POSTING_URL)
    hidden: str = short(10)
    step: str = short(column.STEP)
    due: str = short(20)
    person: str = short(300)
    person_role: str = short(50)


class LeadEditIn(FormIn):
    """The fields of the form that edits a lead."""

    role: str = short(column.ROLE)
    org: str = short(column.ORGANIZATION)
    source: str = short(50)
    url: str = short(column.POSTING_URL)
    hidden: str = short(10)
    notes: Long = ""


class OrgEditIn(FormIn):
    """The fields of the form that edits an organization."""

    name: str = short(column.ORGANIZATION)
    domain: str = short(column.DOMAIN)
    industry: str = short(column.INDUSTRY)
    location: str = short(column.ORG_LOCATION)
    notes: Long = ""


class EventIn(FormIn):
    """The fields of the forms that add and edit an event."""

    name: str = short(column.EVENT)
    on: str = short(20)
    kind: str = short(20)
    place: str = short(column.PLACE)


class MeetIn(FormIn):
    """The fields of the quick capture of the people met at an event (a note for all of
    them is each one's conversation's, as long as a note)."""

    names: Long = ""
    note: Long = ""


class IntroIn(FormIn):
    """The fields of the form that introduces two people named (a name each, as long as a
    person's; why they should meet, a note)."""

    a: str = short(column.PERSON_NAME)
    b: str = short(column.PERSON_NAME)
    why: Long = ""


class OutcomeIn(FormIn):
    """The note of an introduction's outcome form."""

    note: Long = ""


class CampaignIn(FormIn):
    """The fields of the form that starts a campaign (each circle ticked, as long as a
    circle; the tags typed, a short list)."""

    name: str = short(column.CAMPAIGN)
    circle: str = short(column.CIRCLE)
    tags: str = short(1000)


class KnowsIn(FormIn):
    """The fields of the form that records whom a person knows (a name, as long as a
    person's; how they know each other, a note)."""

    other: str = short(column.PERSON_NAME)
    context: Long = ""


class AffiliationIn(FormIn):
    """The fields of the form that adds a school, alumni group or club to a person."""

    community: str = short(column.COMMUNITY)
    role: str = short(column.AFFILIATION_ROLE)
    start: str = short(6)
    end: str = short(6)


class TaskIn(FormIn):
    """The fields of the form that adds a task (who it is about: a name, as a person's)."""

    title: str = short(column.TASK_TITLE)
    due: str = short(20)
    person: str = short(column.PERSON_NAME)


def lengths(form: type[FormIn]) -> dict[str, int]:
    """The length each field of a form takes (a page's ``maxlength``, the same the route
    checks)."""
    out = {}
    for name, info in form.model_fields.items():
        limit = next((m.max_length for m in info.metadata if hasattr(m, "max_length")), None)
        if limit is not None:
            out[name] = limit
    return out


def form_lengths() -> dict[str, dict[str, int]]:
    """The lengths of the fields of every form checked so, by form: a page's
    ``lengths.PersonEditIn.location``."""
    return {form.__name__: lengths(form) for form in _FORMS}


def within_limits(form: type[FormIn], typed: Mapping[str, Any]) -> None:
    """Refuse a form a field of which is longer than it takes (a ``ValidationError`` naming
    the field, for ``refusal_of``)."""
    form.model_validate(typed)


_FORMS = (PersonNewIn, PersonEditIn, LeadNewIn, LeadEditIn, OrgEditIn, EventIn, MeetIn, IntroIn,
          OutcomeIn, CampaignIn, KnowsIn, AffiliationIn, TaskIn)  # fmt: skip


def split_list(text: str | None) -> list[str]:
    """``"a, b;c"`` → ``["a", "b", "c"]`` (tags and other short lists typed in one field)."""
    if not text:
        return []
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def optional(text: str | None) -> str | None:
    """An empty form field means "not given"."""
    return text.strip() if text and text.strip() else None


def parse_day(text: str | None) -> dt.date | None:
    """A date typed in a form (``YYYY-MM-DD``), or ``None`` when empty."""
    value = optional(text)
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"expected a date like 2026-03-14, not {value!r}") from None
    return in_date_range(day, "the date")


#: The lengths a snooze form offers, in days (a day may be typed instead): one week first
#: chosen, as ever.
SNOOZE_CHOICES = ((1, "1 day"), (3, "3 days"), (7, "1 week"), (14, "2 weeks"), (30, "1 month"))


def snooze_day(today: dt.date, days: int, until: str) -> dt.date:
    """The day a snooze form's snooze ends: the day typed in "Until" when there is one,
    else ``days`` after today; refused unless after today, as ``--until`` and ``--days``."""
    return snooze_end(today, optional(until), days, "Until")


def log_fields(form: Any) -> dict[str, Any]:
    """The fields of a log form, as ``LogRequest`` keyword arguments (without the names)."""
    with checking("kind", "Kind"):
        kind = choose(str(form.get("kind") or "meeting"), INTERACTION_KINDS, "kind")
    with checking("direction", "Who reached out"):
        direction = choose(str(form.get("direction") or "both"), DIRECTIONS, "direction")
    with checking("on", "On"):
        on = parse_day(form.get("on"))
    return {
        "kind": kind,
        "direction": direction,
        "on": on,
        "note": optional(form.get("note")),
        "gave": [str(v) for v in form.getlist("gave") if v],
        "asked": [str(v) for v in form.getlist("ask") if v],
        "received": [str(v) for v in form.getlist("received") if v],
        "confirmed": form.get("confirmed") == "1",
    }


#: The fields of the forms that add and edit a person, and how their refusals start.
PERSON_FIELDS: Fields = {
    "name": ("Name", "a person needs a name"),
    "email": ("Email", "emails", "not an email address"),
    "phone": ("Phone", "phones", "not a phone number"),
    "company": ("Organization", "--company", "not an organization name"),
    "title": ("Title",),
    "tags": ("Tags", "tag"),
    "circle": ("Circle", "unknown circle"),
    "met_at": ("Met at",),
    "met_on": ("Met on", "the day you met"),
    "introduced_by": ("Introduced by",),
    "birthday": ("Birthday",),
    "cadence": ("Keep in touch every … days", "cadence"),
    "strength": ("Strength you set", "strength", "a pinned strength"),
    "linkedin": ("LinkedIn", "not a linkedin profile"),
    "headline": ("Headline",),
    "location": ("Location",),
    "pronouns": ("Pronouns",),
    "note": ("Note",),
    "interest": ("Interest",),
    "need": ("Need",),
    "offer": ("Offer",),
}
#: The fields of the form that logs a conversation, and how their refusals start.
LOG_FIELDS: Fields = {
    "kind": ("Kind",),
    "direction": ("Who reached out",),
    "on": ("On", "cannot log a conversation on", "the date"),
    "note": ("Note",),
    "gave": ("I gave",),
    "ask": ("I asked for", "asked"),
    "received": ("They gave me",),
}

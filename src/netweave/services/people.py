"""People: add, edit, list, show, search and forget — one transaction per call."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.logic.contact_query import format_phone
from netweave.logic.employer import is_employer
from netweave.logic.name_parts import split_name
from netweave.logic.normalize import clean, fold, normalize_contact
from netweave.logic.parse import MAX_DAYS, bounded, parse_typed_birthday
from netweave.logic.vocab import choose
from netweave.logic.wording import next_check_in
from netweave.services import field_lengths as column
from netweave.services.affiliations import AffiliationChanges, change_affiliations
from netweave.services.agenda_snooze import snoozes_of
from netweave.services.context import Context
from netweave.services.events import events_named
from netweave.services.intro_forgotten import introductions_of, leave_word, said
from netweave.services.lead_people import person_leads
from netweave.services.merge_log import forget_merged_history
from netweave.services.merge_yours import refuse_as_you
from netweave.services.orgs import employer
from netweave.services.person_contradictions import refuse_contradictions
from netweave.services.person_lists import apply_lists
from netweave.services.person_lists import get_or_create_tag as get_or_create_tag  # re-export
from netweave.services.removed import forget_person_removals, forget_removed, remember_removed
from netweave.services.resolve import resolve_person
from netweave.services.tasks import congratulation, plan_congratulation, withdraw_congratulation
from netweave.services.views import PersonView, person_detail, person_views
from netweave.store import search, stats
from netweave.store.models import (
    ContactPoint,
    Event,
    Interaction,
    InteractionParticipant,
    Person,
    Position,
    Task,
)


@dataclass
class PersonChanges:
    """What ``people add``/``edit`` set or add (``None`` or empty: unchanged)."""

    name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    linkedin: str | None = None
    tags: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    met_at: str | None = None
    met_on: dt.date | None = None
    #: Who introduced the user to them (a name, an email or ``#id``) / nobody did (``none``).
    introduced_by: str | None = None
    clear_introduced_by: bool = False
    note: str | None = None
    circle: str | None = None
    pronouns: str | None = None
    headline: str | None = None
    location: str | None = None
    birthday: str | None = None
    cadence_days: int | None = None
    #: Drop their own cadence (back to a tag's or the circle's) / leave every circle.
    clear_cadence: bool = False
    clear_circle: bool = False
    #: Drop the current job's title / the birthday / the LinkedIn profile (``none``).
    clear_title: bool = False
    clear_birthday: bool = False
    clear_linkedin: bool = False
    #: The current job ends today (kept as history): ``--company none``, or laid off.
    end_job: bool = False
    strength: int | None = None
    unpin_strength: bool = False
    is_me: bool = False
    remove_tags: list[str] = field(default_factory=list)
    remove_emails: list[str] = field(default_factory=list)
    remove_phones: list[str] = field(default_factory=list)
    #: Values to take away, matched ignoring case (an interest by ``LABEL`` or
    #: ``CATEGORY:LABEL``); one the person does not have is an error, and nothing changes.
    remove_interests: list[str] = field(default_factory=list)
    remove_needs: list[str] = field(default_factory=list)
    remove_offers: list[str] = field(default_factory=list)
    #: Schools, communities (``affiliations.AffiliationChanges``) and those to take away.
    schools: list[str] = field(default_factory=list)
    communities: list[str] = field(default_factory=list)
    remove_communities: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        """Whether nothing at all is asked for."""
        return self == PersonChanges()


def add_person(ctx: Context, changes: PersonChanges) -> PersonView:
    """Create a person from ``changes`` (``name`` is required) and return their view; a
    ``company`` new here is made, and the view says so under ``new_org`` (with the
    organizations its name partly matches, as a target's or a lead's)."""
    name = clean(changes.name or "")
    if not name:
        raise InvalidInput("a person needs a name")
    with ctx.db.transaction() as session:
        if changes.is_me and (me := _me(session)) is not None:
            raise Conflict(
                f"you are {me.display_name} (#{me.id}) already: to be another record here "
                "instead (one with no conversations with you), "
                "`netweave people edit NAME --me --yes`",
                web=f"you are {me.display_name} (#{me.id}) already: a network has one own record",
            )
        given, family = split_name(name)
        # added "now" on the program's clock (moved by --as-of): a person met on no given day
        # is first known from then, which starts their keep-in-touch cadence
        now = ctx.clock.now()
        person = Person(display_name=name, given_name=given, family_name=family,
                        created_at=now, updated_at=now)  # fmt: skip
        session.add(person)
        new = _apply(ctx, session, person, changes, editing=False)
        view = detail(ctx, session, person)
        return view | {"new_org": new} if new else view


def namesakes(ctx: Context, name: str, *, besides: int | None = None) -> list[tuple[int, str]]:
    """People already here under this very name (case and accents aside), but ``besides``:
    a second "Priya Raman" is most likely the first one again."""
    wanted = fold(clean(name))
    with ctx.db.reading() as session:
        ids = [i for i in search.search_ids(session, name) if i != besides]
        if not ids:
            return []
        rows = session.execute(
            select(Person.id, Person.display_name).where(Person.id.in_(ids)).order_by(Person.id)
        )
        return [(pid, shown) for pid, shown in rows if fold(shown) == wanted]


def edit_person(
    ctx: Context, query: str, changes: PersonChanges, *, confirmed: bool = False
) -> PersonView:
    """Change the person ``query`` names: scalars are replaced, list options add. Made the
    user (``is_me``) in place of another record, which needs ``confirmed`` (as a merge of
    the user's own record does), the view names that one (``was_me``); a ``company`` new
    here is said under ``new_org``, as ``add_person`` says it."""
    if changes.empty():
        raise InvalidInput("nothing to change: give what to set, add or remove (see --help)")
    with ctx.db.transaction() as session:
        person = resolve_person(session, query)
        was = _me(session) if changes.is_me else None
        if changes.is_me and not person.is_me:
            _may_be_you(session, person, was, confirmed=confirmed)
        if changes.name is not None:
            name = clean(changes.name)
            if not name:
                raise InvalidInput("a person needs a name")
            _renamed_in_tasks(session, person, name)
            person.display_name = name
            person.given_name, person.family_name = split_name(name)
        new = _apply(ctx, session, person, changes, editing=True)
        view = detail(ctx, session, person)
        if was is not None and was.id != person.id:
            view["was_me"] = {"id": was.id, "name": was.display_name}
        return view | {"new_org": new} if new else view


def _may_be_you(session: Session, person: Person, was: Person | None, *, confirmed: bool) -> None:
    """Refuse to make ``person`` the user's own record in place of another (``was``) unless
    ``confirmed``, and at all when they have conversations or help exchanged with the user,
    which would be the user's with themselves (as "This is me" and a merge refuse it): that
    first, since no ``confirmed`` would change it."""
    refuse_as_you(session, person, was)
    if was is not None and not confirmed:
        raise Conflict(
            f"you are {was.display_name} (#{was.id}) now: to be {person.display_name} "
            f"(#{person.id}) instead, re-run with --yes",
            web=f"you are {was.display_name} (#{was.id}) already: a network has one own record",
        )


def _renamed_in_tasks(session: Session, person: Person, name: str) -> None:
    """The open tasks about a person renamed say the new name, whole words only: "Congratulate
    Grace Hopper on …" and "Update Grace on …", planned when she was Ada Lovelace ("Al" to
    "Alan" leaves "Alpha" as it is)."""
    given, _family = split_name(name)
    swaps = {old: new for old, new in ((person.given_name, given), (person.display_name, name))
             if old and new and old != new}  # fmt: skip
    if not swaps:
        return
    # one pass, the full name before the first: "Bo Li" to "Li Bo" is not then "Li Li"
    olds = sorted(swaps, key=len, reverse=True)
    said = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, olds))})(?!\w)")
    for task in session.scalars(
        select(Task).where(Task.person_id == person.id, Task.done_at.is_(None))
    ):
        task.title = said.sub(lambda found: swaps[found.group(0)], task.title)


def _me(session: Session) -> Person | None:
    """The user's own record, if there is one."""
    return session.scalars(select(Person).where(Person.is_me.is_(True))).first()


def detail(ctx: Context, session: Session, person: Person) -> PersonView:
    """The full view of a person, with where their keep-in-touch interval comes from and
    the open leads they are linked to (``leads``)."""
    view = person_detail(session, person, ctx.settings.circles, ctx.clock.now())
    leads = {"leads": person_leads(session, person.id)}
    # the agenda's suggestions about them hidden today, by kind: until when
    today = ctx.clock.today()
    hidden = {"snoozed": snoozes_of(session, [person.id], today).get(person.id, {})}
    due = view["next_due"]
    # the next check-in as `people show` and the person's page say it: overdue said so
    said = {"next_due_said": next_check_in(dt.date.fromisoformat(due), today) if due else None}
    return (
        view | cadence_source(person, view["cadence_days"]) | _shown(view, ctx) | leads | hidden
        | said
    )  # fmt: skip


def _shown(view: PersonView, ctx: Context) -> dict[str, object]:
    """How each contact point reads (``shown``; a phone number formatted, national for the
    configured region), and the phones so, in the order of ``phones``. The stored values
    stay as they are for scripts, exports and address books."""
    region = ctx.settings.phone_region
    for point in view["contact_points"]:
        point["shown"] = (
            format_phone(point["normalized"], region)
            if point["kind"] == "phone"
            else point["value"]
        )
    shown = {p["value"]: p["shown"] for p in view["contact_points"] if p["kind"] == "phone"}
    return {"phones_shown": [shown.get(value, value) for value in view["phones"]]}


def cadence_source(person: Person, cadence: int | None) -> dict[str, str | None]:
    """Where a person's keep-in-touch interval comes from, in the order ``stats.cadences``
    resolves it: ``own`` (their own cadence), ``tag`` (the shortest of their tags', named by
    ``cadence_tag``) or ``circle``; ``None`` without a cadence."""
    source, tag = None, None
    if cadence is not None:
        tagged = sorted(
            (t.cadence_days, t.label) for t in person.tags if t.cadence_days is not None
        )
        if person.cadence_days is not None:
            source = "own"
        elif tagged:
            source, tag = "tag", tagged[0][1]
        else:
            source = "circle"
    return {"cadence_source": source, "cadence_tag": tag}


def _apply(
    ctx: Context, session: Session, person: Person, changes: PersonChanges, *, editing: bool
) -> dict[str, Any] | None:
    """Apply every change, then refresh the person's search row; the ``new_org`` of a
    company made new here."""
    _apply_profile(ctx, person, changes, editing=editing)
    session.flush()
    _apply_contacts(ctx, session, person, changes)
    new_org = _apply_position(ctx, session, person, changes)
    apply_lists(session, person, changes)
    said = AffiliationChanges(changes.schools, changes.communities, changes.remove_communities)
    change_affiliations(session, person, said, ctx.clock.today())
    if changes.met_at:
        event = _get_or_create_event(session, changes.met_at, changes.met_on)
        person.met_event = event
        if person not in event.attendees:
            event.attendees.append(person)
    if changes.clear_introduced_by:
        person.introduced_by_id = None
    if changes.introduced_by is not None:
        person.introduced_by_id = _introducer(session, person, changes.introduced_by).id
    if changes.is_me:
        session.execute(
            update(Person).where(Person.id != person.id, Person.is_me.is_(True)).values(is_me=False)
        )
    session.flush()
    search.index_people(session, [person.id])
    stats.rebuild(session, [person.id], ctx.settings.circles)
    if person.is_me:
        stats.refresh_shared(session, None)
    return new_org


def _introducer(session: Session, person: Person, query: str) -> Person:
    """The person ``query`` names as the one who introduced the user to ``person``: someone
    else, and not the user."""
    try:
        introducer = resolve_person(session, query)
    except NotFound as missing:
        raise NotFound(f"--introduced-by: {missing}", web=f"Introduced by: {missing}") from None
    if introducer.id == person.id:
        said = f"{person.display_name} cannot have introduced themselves"
        raise InvalidInput(f"--introduced-by: {said}", web=f"Introduced by: {said}")
    if introducer.is_me:
        said = f"{introducer.display_name} is you: name who introduced you to them"
        raise InvalidInput(f"--introduced-by: {said}", web=f"Introduced by: {said}")
    return introducer


def _apply_profile(ctx: Context, person: Person, changes: PersonChanges, *, editing: bool) -> None:
    refuse_contradictions(changes)
    if changes.clear_circle:
        person.circle = None
    if changes.clear_cadence:
        person.cadence_days = None
    if changes.circle is not None:
        person.circle = choose(changes.circle, tuple(ctx.settings.circles), "circle")
    if changes.cadence_days is not None:
        person.cadence_days = bounded(changes.cadence_days, 1, MAX_DAYS, "cadence (days)")
    for attr in ("pronouns", "headline", "location"):
        value = getattr(changes, attr)
        if value is not None:
            setattr(person, attr, clean(value) or None)
    if changes.is_me:
        person.is_me = True
    if changes.strength is not None:
        if not 0 <= changes.strength <= 100:
            raise InvalidInput("a pinned strength must be between 0 and 100")
        person.strength_override = changes.strength
    if changes.unpin_strength:
        person.strength_override = None
    today = ctx.clock.today()
    if changes.clear_birthday:
        person.birthday = None
    if changes.birthday is not None:
        person.birthday = parse_typed_birthday(changes.birthday, "birthday")
        if (
            person.birthday[:4].isdigit()
            and person.birthday > today.isoformat()[: len(person.birthday)]
        ):
            raise InvalidInput(f"birthday {person.birthday} is after today ({today})")
    if changes.met_on is not None:
        if changes.met_on > today:
            raise InvalidInput(f"the day you met ({changes.met_on}) is after today ({today})")
        person.met_on = changes.met_on
    if changes.note:
        note = changes.note.strip()
        column.within(note, column.NOTE, "note")
        person.notes = f"{person.notes}\n{note}" if editing and person.notes else note


def _apply_contacts(ctx: Context, session: Session, person: Person, changes: PersonChanges) -> None:
    region = ctx.settings.phone_region
    if changes.clear_linkedin:
        for point in [c for c in person.contact_points if c.kind == "linkedin"]:
            person.contact_points.remove(point)
            remember_removed(session, person.id, f"linkedin:{point.normalized}")
    for kind, values in (("email", changes.remove_emails), ("phone", changes.remove_phones)):
        for value in values:
            key = normalize_contact(kind, value, region)
            matches = [c for c in person.contact_points if c.kind == kind and c.normalized == key]
            if not matches:
                raise InvalidInput(f"{person.display_name} has no {kind} {value!r}")
            for point in matches:
                person.contact_points.remove(point)
            remember_removed(session, person.id, f"{kind}:{key}")  # an import leaves it out
    wanted = [("email", v) for v in changes.emails] + [("phone", v) for v in changes.phones]
    if changes.linkedin:
        wanted.append(("linkedin", changes.linkedin))
    for kind, value in wanted:
        add_contact_point(session, person, kind, value, region)
        forget_removed(session, person.id, f"{kind}:{normalize_contact(kind, value, region)}")


def add_contact_point(session: Session, person: Person, kind: str, value: str, region: str) -> None:
    """Attach a contact point unless the person has it (one an import gave them is theirs
    by hand from now on); refuse one that belongs to someone else."""
    key = normalize_contact(kind, value, region)
    owner = session.execute(
        select(ContactPoint.person_id, Person.display_name)
        .join(Person)
        .where(ContactPoint.kind == kind, ContactPoint.normalized == key)
    ).first()
    if owner is not None and owner.person_id != person.id:
        raise Conflict(
            f"{kind} {value!r} already belongs to {owner.display_name} (#{owner.person_id})"
        )
    held = [c for c in person.contact_points if c.kind == kind and c.normalized == key]
    if owner is not None or held:
        for point in held:  # typed again: the user's now, which an import's undo leaves
            point.import_batch_id = None
        return
    first = not any(c.kind == kind for c in person.contact_points)
    person.contact_points.append(
        ContactPoint(kind=kind, value=clean(value), normalized=key, is_primary=first)
    )


def _apply_position(
    ctx: Context, session: Session, person: Person, changes: PersonChanges
) -> dict[str, Any] | None:
    """A new company ends the current position (kept as history), as ``end_job`` does with
    none to follow; a title alone updates it. The ``new_org`` of a company made here."""
    current = [p for p in person.positions if p.current]
    today = ctx.clock.today()
    if changes.company is not None and not clean(changes.company):
        raise InvalidInput("--company needs an organization's name (or none: no current job)")
    if changes.end_job:
        for old in current:
            old.current = False
            old.end_date = old.end_date or today
        withdraw_congratulation(session, person)  # no new role left to congratulate
        return None
    if changes.company:
        # a person's company, typed as they are captured, is still made and said (``new_org``
        # names those it looks like) rather than refused: a lead or a target asks first
        org, new = employer(session, changes.company, near_is_new=True)
        same = [p for p in current if p.organization_id == org.id]
        if same:
            if changes.title:
                _retitle(same[0], changes.title)
            elif changes.clear_title:
                _untitle(same)
            return None
        for old in current:
            old.current = False
            old.end_date = old.end_date or today
        title = clean(changes.title) if changes.title else None
        started = today if current else None  # a change seen today; a first job's start is unknown
        person.positions.append(
            Position(organization=org, title=title, current=True, start_date=started)
        )
        if current and not person.is_me and is_employer(org.name):  # a job change: a reason
            words = congratulation(person, org.name, title)  # to get back in touch
            plan_congratulation(session, person, words, today, ctx.clock.now())
        elif current and not is_employer(org.name):  # "Retired": the new role has ended
            withdraw_congratulation(session, person)
        return new
    if changes.title:
        if not current:
            raise InvalidInput(
                "a title needs an organization (--company): this person has no current position",
                web="a title needs an organization: this person has no current position",
            )
        _retitle(current[-1], changes.title)
    elif changes.clear_title:
        _untitle(current)
    return None


def _untitle(jobs: list[Position]) -> None:
    """No title for these current jobs: the user's word from now on, as a title typed."""
    for job in jobs:
        if job.title is not None:
            job.title, job.import_batch_id = None, None


def _retitle(position: Position, title: str) -> None:
    """The user's word for a current job's title: the position is theirs from now on (no
    import's), so that an export wording it otherwise is not taken for a new role, and an
    undo of the import that brought it keeps it."""
    if clean(title) != position.title:
        position.title = clean(title)
        position.import_batch_id = None


def _get_or_create_event(session: Session, name: str, on: dt.date | None) -> Event:
    text = clean(name)
    if not text:
        raise InvalidInput("an event needs a name")
    same_day = [(Event.date == on) | Event.date.is_(None)] if on is not None else []
    known = events_named(session, text, *same_day)
    event = known[0] if known else None
    if event is None:
        event = Event(name=text, date=on)
        session.add(event)
    elif event.date is None and on is not None:  # written down without a day: now it has one
        event.date = on
    return event


def show_person(ctx: Context, query: str) -> PersonView:
    """Everything about one person."""
    with ctx.db.reading() as session:
        return detail(ctx, session, resolve_person(session, query))


def search_people(ctx: Context, text: str, limit: int = 50) -> list[PersonView]:
    """People whose email address or phone number ``text`` is, then those whose name, work,
    notes, interests, tags, needs or offers match every word."""
    from netweave.services.finding import find_ids

    with ctx.db.reading() as session:
        ids = find_ids(session, text, ctx.settings.phone_region, limit)
        return person_views(session, ids, ctx.settings.circles, ctx.clock.now())


def count_people(ctx: Context, text: str) -> int:
    """How many people ``search_people`` finds without a limit (counted up to ``COUNT_CAP``:
    past it, "at least")."""
    from netweave.services.finding import count_found

    with ctx.db.reading() as session:
        return count_found(session, text, ctx.settings.phone_region)


def yours_stays(name: str, person_id: int) -> str:
    """Why the user's own record is not forgotten."""
    return (
        f"{name} (#{person_id}) is you: your own record stays "
        "(change it with `netweave people edit`)"
    )


def introductions_to_forget(ctx: Context, query: str) -> str | None:
    """The introductions forgetting this person removes, in words for the question that
    confirms it; ``None`` without any."""
    with ctx.db.reading() as session:
        found = introductions_of(session, resolve_person(session, query).id)
    return said(found) if found else None


def forget_person(ctx: Context, query: str) -> str:
    """Remove a person and everything only about them; returns the name that was removed."""
    with ctx.db.transaction() as session:
        person = resolve_person(session, query)
        name = person.display_name
        if person.is_me:
            raise InvalidInput(yours_stays(name, person.id))
        part = InteractionParticipant
        theirs = select(part.interaction_id).where(part.person_id == person.id)
        solo = (
            select(part.interaction_id)
            .where(part.interaction_id.in_(theirs))
            .group_by(part.interaction_id)
            .having(func.count() == 1)
        )
        session.execute(delete(Interaction).where(Interaction.id.in_(solo)))
        session.execute(delete(Task).where(Task.person_id == person.id))
        leave_word(session, person.id, ctx.clock.today())  # who said yes hears it stopped
        search.remove_people(session, [person.id])
        forget_person_removals(session, [person.id])
        forget_merged_history(session, person.id)
        session.delete(person)
        return name

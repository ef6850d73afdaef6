"""Events: the systematic process of meeting people, with a follow-up for each person met."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.clock import day_of, start_of
from netweave.errors import Ambiguous, Conflict, InvalidInput, NearMatch, NotFound
from netweave.logic.employer import work_line
from netweave.logic.name_parts import split_name
from netweave.logic.names import match_names
from netweave.logic.normalize import clean, fold
from netweave.logic.parse import row_id
from netweave.logic.vocab import EVENT_KINDS, choose
from netweave.logic.wording import echoed
from netweave.logic.woven import shell_word
from netweave.services.context import Context
from netweave.services.follow_ups_done import close_follow_ups
from netweave.services.interactions import moment_for, record
from netweave.services.resolve import describe_people, resolve_person
from netweave.store import search, stats
from netweave.store.models import (
    Event,
    Interaction,
    InteractionParticipant,
    Organization,
    Person,
    Position,
    Task,
)

#: People met at an event get a follow-up task due this many days later.
FOLLOW_UP_DAYS = 2


def add_event(
    ctx: Context, name: str, on: dt.date, *, place: str | None = None, kind: str = "other"
) -> dict[str, Any]:
    """Create an event (a conference, a meetup, a party …). One of that name and day known
    already (written down as where someone was met) gets the place and kind it lacked
    (``filled`` says which); one that has others is refused. One of that name written down
    without a day (``people add --met-at`` alone) is that event: it gets the day too, and
    ``filled`` starts with "date"."""
    text = clean(name)
    if not text:
        raise InvalidInput("an event needs a name")
    kind = choose(kind, EVENT_KINDS, "event kind")
    with ctx.db.transaction() as session:
        known = events_named(session, text, Event.date == on)
        if known:
            return _fill_in(known[0], clean(place) if place else None, kind)
        if undated := events_named(session, text, Event.date.is_(None)):
            event = undated[0]
            event.date = on
            view = _fill_in(event, clean(place) if place else None, kind, dated=True)
            event.updated_at = ctx.clock.now()
            return view
        event = Event(
            name=text,
            date=on,
            place=clean(place) if place else None,
            kind=kind,
        )
        session.add(event)
        session.flush()
        return event_view(event)


def events_named(session: Session, name: str, *where: Any) -> list[Event]:
    """The events (meeting ``where``) of that name without case or accents: the latest day
    first, then the undated, each spelled as ``name`` first. Matched in Python: SQL's
    ``lower()`` folds other letters on each backend (SQLite's only ASCII)."""
    text = clean(name)
    key = fold(text)
    same = [e for e in session.scalars(select(Event).where(*where)) if fold(e.name) == key]
    return sorted(
        same,
        key=lambda e: (
            e.date is None,
            -e.date.toordinal() if e.date else 0,
            e.name != text,
            e.id,
        ),
    )


def _fill_in(event: Event, place: str | None, kind: str, *, dated: bool = False) -> dict[str, Any]:
    """An event added again: what it lacked is set (a place, a kind but "other"); what it
    has otherwise is not changed, and then the add is refused, unless it has just got its
    day (``dated``)."""
    clash = (place and event.place and place.lower() != event.place.lower()) or (
        kind != "other" and event.kind != "other" and kind != event.kind
    )
    filled = [
        field
        for field, wanted, held in (("place", place, event.place), ("kind", kind, event.kind))
        if wanted and wanted != "other" and not (held and held != "other")
    ]
    if clash and dated:
        raise Conflict(
            f"event {event.name!r} (#{event.id}) has no day yet but another place or kind: "
            f'give it the day with `netweave events edit "#{event.id}" --on DATE`, '
            "or name this one differently"
        )
    if clash or not (filled or dated):
        raise Conflict(f"event {event.name!r} on {event.date} already exists (#{event.id})")
    if "place" in filled:
        event.place = place
    if "kind" in filled:
        event.kind = kind
    return event_view(event) | {"filled": ["date"] * dated + filled}


def find_event(session: Session, query: str) -> Event:
    """An event by id or by name (the most recent of that name)."""
    text = query.strip().removeprefix("#")
    if (number := row_id(text)) is not None:
        event = session.get(Event, number)
        if event is None:
            raise NotFound(f"no event with id {text}")
        return event
    events = list(
        session.scalars(select(Event).order_by(Event.date.desc().nulls_last(), Event.id.desc()))
    )
    hits = match_names(query, [e.name for e in events])
    if not hits:
        raise NotFound(f"no event matches {echoed(query)}; add it with `netweave events add`")
    names = {fold(events[i].name) for i in hits}
    if len(names) > 1:
        raise Ambiguous(
            "event", query, [f"{events[i].name} ({events[i].date}, #{events[i].id})" for i in hits]
        )
    return events[min(hits)]  # the latest of that name (the dated before the undated)


@dataclass
class _Met:
    """The people named as met at an event, as they were found or added."""

    people: list[Person] = field(default_factory=list)
    created: list[Person] = field(default_factory=list)
    #: Someone known whose notes the note joined.
    noted: list[Person] = field(default_factory=list)
    #: For each person added, those already known whose names look like theirs.
    similar: dict[int, list[tuple[int, str]]] = field(default_factory=dict)


def meet(
    ctx: Context,
    event_query: str,
    names: Sequence[str],
    *,
    note: str | None = None,
    new: Sequence[str] = (),
    near_is_new: bool = False,
) -> dict[str, Any]:
    """Capture the people met at an event: create the new ones, link all, plan follow-ups.

    ``note`` is a new person's notes, and is added to the notes of someone known (after the
    event's name). A name is an existing person's full name (case and accents aside), id or
    email; a full name several people have is ambiguous. A name that is no one's but nearly
    matches people known ("Dana Smit" for Dana Smith, "Jon Doe" for John Doe, only a first
    name) is refused (``NearMatch``, naming them), unless ``near_is_new``; any other name is
    someone new. The names in ``new`` are new people whatever their names match. Refused,
    nothing is saved for any name. Each person counts once, however often named, and gets
    one follow-up for the event; the result names (``similar``) those known whose names look
    like a new person's.
    """
    if not names and not new:
        raise InvalidInput("name at least one person you met")
    with ctx.db.transaction() as session:
        event = find_event(session, event_query)
        today = ctx.clock.today()
        if event.date is not None and event.date > today:
            later = f"is on {event.date}, after today ({today}): capture the people you met"
            raise InvalidInput(
                f"{event.name} {later} once it has happened",
                web=f"the event {later} once it has happened",  # said at the Event field
            )
        met_on = event.date or today
        named = [(name, False) for name in names] + [(name, True) for name in new]
        met = _people_met(ctx, session, event, named, met_on, note, near_is_new=near_is_new)
        session.flush()
        planned, followed = _plan_follow_ups(session, event, met, met_on)
        seen_again = _seen_again(session, event, [p for p in met.people if p not in met.created])
        # someone known, met again: a conversation (each their own: meeting at one event
        # does not put them in one conversation together), which their cadence counts
        done: list[str] = []
        for known_one in seen_again:
            done += _log_meeting(ctx, session, event, known_one, met_on)
        search.index_people(session, [p.id for p in met.created + met.noted])
        stats.rebuild(session, [p.id for p in met.created], ctx.settings.circles)
        view = _met_view(event, met, planned, followed, seen_again, met_on)
        view["tasks_done"] = done
        return view


def _log_meeting(
    ctx: Context, session: Session, event: Event, person: Person, met_on: dt.date
) -> list[str]:
    """Log meeting someone known at the event, a conversation both ways of its own, and
    mark done what it carries out as ``log`` would (their follow-up after an earlier event,
    say), but the follow-up for this event: writing afterwards is what that one asks for.
    Returns the tasks done, as ``log`` says them."""
    day = None if met_on == ctx.clock.today() else met_on
    when = moment_for(ctx, session, [person.id], day)
    logged = record(ctx, session, [person], kind="event", direction="both",
                    when=when, note=f"Met at {event.name}")  # fmt: skip
    logged.event_id = event.id
    return close_follow_ups(session, [person.id], met_on, when, but_event=event.id)


def _people_met(
    ctx: Context,
    session: Session,
    event: Event,
    named: list[tuple[str, bool]],
    met_on: dt.date,
    note: str | None,
    *,
    near_is_new: bool,
) -> _Met:
    """Find or add each person named (``(name, new)``: ``new``, someone new whatever the name
    matches), once each, as an attendee of the event; a note joins the notes of someone
    known (after the event's name). A name only close to people known is refused first."""
    me = set(session.scalars(select(Person.id).where(Person.is_me.is_(True))))
    known: list[tuple[int, str]] = [
        (pid, display)
        for pid, display in session.execute(
            select(Person.id, Person.display_name).order_by(Person.id)
        )
    ]
    if not near_is_new:
        _refuse_near_misses(session, [name for name, new in named if not new], known, me)
    met = _Met()
    added: dict[str, Person] = {}  # the people given as new, by their folded name
    for name, new in named:
        person = added.get(fold(clean(name))) if new else _existing(session, name, known)
        if person is None:
            person = _new_person(session, name, event, met_on, note, ctx.clock.now())
            session.flush()
            met.created.append(person)
            if new:
                added[fold(clean(name))] = person
            # the user is never "already in your network" as someone met
            met.similar[person.id] = _lookalikes(name, known, me)
            known.append((person.id, person.display_name))
        elif person.is_me:
            raise InvalidInput(f"{name!r} is you: name the people you met")
        if person in met.people:
            continue
        text = note.strip() if note else ""
        if person not in met.created and text and not _noted(person, event, text):
            met.noted.append(person)  # someone known: the note joins theirs, with the event
            line = f"{event.name}: {text}"
            person.notes = f"{person.notes}\n{line}" if person.notes else line
            person.updated_at = ctx.clock.now()
        met.people.append(person)
        if person not in event.attendees:
            event.attendees.append(person)
    return met


def _plan_follow_ups(
    session: Session, event: Event, met: _Met, met_on: dt.date
) -> tuple[set[int | None], dict[int, dt.datetime]]:
    """A follow-up for each person met who has none for the event yet, done already for
    someone contacted since. Returns who had one (``planned``) and when the ones done
    were (``followed``)."""
    planned = set(
        session.scalars(
            select(Task.person_id).where(Task.event_id == event.id, Task.kind == "follow_up")
        )
    )
    followed: dict[int, dt.datetime] = {}
    for person in met.people:
        if person.id in planned:
            continue  # named again for the same event: its follow-up, open or done, stands
        # an event written down afterwards: a contact since it already was the follow-up
        since = None if person in met.created else contacted_since(session, person.id, met_on)
        if since is not None:
            followed[person.id] = since
        session.add(
            Task(
                due=met_on + dt.timedelta(days=FOLLOW_UP_DAYS),
                kind="follow_up",
                title=f"Follow up after {event.name}: a short note recalling your conversation",
                person_id=person.id,
                event_id=event.id,
                done_at=since,
            )
        )
    return planned, followed


def _met_view(
    event: Event,
    met: _Met,
    planned: set[int | None],
    followed: dict[int, dt.datetime],
    seen_again: list[Person],
    met_on: dt.date,
) -> dict[str, Any]:
    """The result of ``meet``: the event, each person met, and the follow-ups planned."""
    return {
        "event": event_view(event),
        "people": [
            {
                "id": p.id,
                "name": p.display_name,
                "new": p in met.created,
                "similar": [f"{name} (#{pid})" for pid, name in met.similar.get(p.id, [])],
                "similar_people": [
                    {"id": pid, "name": name} for pid, name in met.similar.get(p.id, [])
                ],
                # met again: the meeting is logged as a conversation with them
                "logged": p in seen_again,
                # in touch since the event: its follow-up is done already (the day)
                "followed_up": day_of(followed[p.id]).isoformat() if p.id in followed else None,
            }
            for p in met.people
        ],
        "follow_ups": sum(p.id not in planned and p.id not in followed for p in met.people),
        "follow_up_due": (met_on + dt.timedelta(days=FOLLOW_UP_DAYS)).isoformat(),
    }


def contacted_since(session: Session, person_id: int, day: dt.date) -> dt.datetime | None:
    """When the user first reached out to the person (or talked both ways) after ``day``,
    if they did: the follow-up after an event of that day is done already (a message on
    the day itself may have come before the event: "see you tonight")."""
    part = InteractionParticipant
    return session.scalar(
        select(func.min(part.occurred_at))
        .join(Interaction, Interaction.id == part.interaction_id)
        .where(
            part.person_id == person_id,
            part.occurred_at >= start_of(day + dt.timedelta(days=1)),
            Interaction.kind != "note",
            Interaction.direction.in_(("out", "both")),
        )
    )


def _noted(person: Person, event: Event, note: str) -> bool:
    """Whether the note from this event is already in the person's notes (the same people
    named again for the same event, or a page sent twice): as added to someone known, or as
    the notes of someone first met there."""
    notes = person.notes or ""
    return f"{event.name}: {note}" in notes or (person.met_event_id == event.id and note in notes)


def _seen_again(session: Session, event: Event, known: list[Person]) -> list[Person]:
    """The people already known before the event, met there, whose meeting there is not
    logged yet (named again for the same event, they are not met twice; someone first met
    there, named again, is still someone new to it)."""
    logged = set(
        session.scalars(
            select(InteractionParticipant.person_id)
            .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
            .where(Interaction.event_id == event.id, Interaction.kind == "event")
        )
    )
    return [p for p in known if p.id not in logged and p.met_event_id != event.id]


def _lookalikes(name: str, known: Sequence[tuple[int, str]], me: set[int]) -> list[tuple[int, str]]:
    """The people known (id, name) whose names ``name`` partly or nearly matches, the user
    left out: at most five."""
    hits = match_names(name, [display for _, display in known])
    return [known[i] for i in hits if known[i][0] not in me][:5]


def _refuse_near_misses(
    session: Session, names: Sequence[str], known: Sequence[tuple[int, str]], me: set[int]
) -> None:
    """Refuse (``NearMatch``) the names that are no one's but nearly match people known,
    all of them in one line: a person made in seconds beside the one meant is the mess
    that takes a merge to undo, so which one is meant, or that someone new is, is asked."""
    misses: dict[str, tuple[str, list[tuple[int, str]]]] = {}
    for name in names:
        if _existing(session, name, known) is not None:
            continue
        close = _lookalikes(name, known, me)
        if close:
            misses.setdefault(fold(clean(name)), (clean(name), close))
    if not misses:
        return
    said = " or ".join(
        f"{echoed(name)} (nearly: {', '.join(f'{other} #{pid}' for pid, other in close)})"
        for name, close in misses.values()
    )
    start = f"no one in your network is named {said}: to mean someone known, name them "
    new = " ".join(f"--new {shell_word(name)}" for name, _ in misses.values())
    raise NearMatch(
        f"{start}as written or by #id; for someone new, name them with {new} instead; "
        "nothing was recorded",
        web=f"{start}as written here or by #id; for someone new, tick “{NEW_ANYWAY}”",
    )


#: The web form's box that says the names only close to someone's are new people.
NEW_ANYWAY = "Add names that only look like someone's as new people"


def _existing(session: Session, name: str, known: Sequence[tuple[int, str]]) -> Person | None:
    """The person a name designates exactly (id, email or full name); ``None`` for someone new."""
    text = name.strip()
    if row_id(text) is not None or "@" in text:
        return resolve_person(session, text)
    wanted = fold(clean(text))
    same = [pid for pid, display in known if fold(display) == wanted]
    if len(same) > 1:
        raise Ambiguous(
            "name", name, describe_people(session, same),
            hint=f"{len(same)} people have this name: name the one you met by #id",
        )  # fmt: skip
    return session.get(Person, same[0]) if same else None


def _new_person(
    session: Session,
    name: str,
    event: Event,
    met_on: dt.date,
    note: str | None,
    now: dt.datetime,
) -> Person:
    """Someone met at the event, added "now" on the program's clock (as ``people add``)."""
    text = clean(name)
    if not text:
        raise InvalidInput("a person needs a name")
    given, family = split_name(text)
    person = Person(
        display_name=text,
        given_name=given,
        family_name=family,
        met_how=f"met at {event.name}",
        met_event=event,
        met_on=met_on,
        notes=note.strip() if note else None,
        created_at=now,
        updated_at=now,
    )
    session.add(person)
    return person


def list_events(ctx: Context) -> list[dict[str, Any]]:
    """Events, most recent first, with how many people were met there (the user, who may be
    among those who went, is not one of them)."""
    with ctx.db.reading() as session:
        events = session.scalars(
            select(Event).order_by(Event.date.desc().nulls_last(), Event.id.desc())
        )
        return [event_view(e) | {"people": sum(not p.is_me for p in e.attendees)} for e in events]


def show_event(ctx: Context, query: str) -> dict[str, Any]:
    """One event with the people met there (``#id`` or a name: the most recent of that
    name), each with their employer and the follow-up planned after it."""
    with ctx.db.reading() as session:
        event = find_event(session, query)
        met = [p for p in event.attendees if not p.is_me]  # the user went, and met them
        ids = sorted(p.id for p in met)
        employers = {
            pid: work_line(name, org)
            for pid, name, org in session.execute(
                select(Position.person_id, Position.title, Organization.name)
                .join(Organization, Organization.id == Position.organization_id)
                .where(Position.person_id.in_(ids), Position.current.is_(True))
                .order_by(Position.id)
            )
        }
        tasks = {
            task.person_id: task
            for task in session.scalars(
                select(Task).where(Task.event_id == event.id).order_by(Task.id)
            )
        }
        people = []
        for person in sorted(met, key=lambda p: (fold(p.display_name), p.id)):
            task = tasks.get(person.id)
            follow_up = None
            if task is not None:
                follow_up = {
                    "due": task.due.isoformat(),
                    "done": task.done_at is not None,
                    "task_id": task.id,
                }
            people.append(
                {
                    "id": person.id,
                    "name": person.display_name,
                    "works": employers.get(person.id),
                    "follow_up": follow_up,
                }
            )
        return event_view(event) | {"people": people}


def event_view(event: Event) -> dict[str, Any]:
    """An event as the commands and pages show it."""
    return {
        "id": event.id,
        "name": event.name,
        "date": event.date.isoformat() if event.date else None,
        "place": event.place,
        "kind": event.kind,
    }

"""Correcting an event: its name, day, place or kind, and what was planned from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import day_of, local_moment
from netweave.errors import Conflict, InvalidInput
from netweave.logic.normalize import clean
from netweave.logic.vocab import EVENT_KINDS, choose
from netweave.services.context import Context
from netweave.services.conversations import redate_copies
from netweave.services.events import contacted_since, event_view, events_named, find_event
from netweave.store import stats
from netweave.store.models import Event, Interaction, InteractionParticipant, Person, Task


@dataclass(frozen=True)
class EventChanges:
    """What to change in an event (``None``: leave it as it is)."""

    name: str | None = None
    on: dt.date | None = None
    place: str | None = None
    clear_place: bool = False
    kind: str | None = None

    def empty(self) -> bool:
        return (self.name, self.on, self.place, self.kind) == (None,) * 4 and not self.clear_place


def edit_event(ctx: Context, query: str, changes: EventChanges) -> dict[str, Any]:
    """Correct the event ``query`` names (``#id`` or a name, as ``events show``).

    Its name and day stay unique together, as ``events add`` keeps them. Renamed, the open
    follow-ups planned after it, the "met at" of the people first met there and the
    meetings logged there say the new name. Moved to another day, what was planned from
    its day moves with it: the open follow-ups (by as many days), the day the people first
    met there were met, and the meetings logged there on its old day; a follow-up moved
    earlier, before a contact the user made since, is done by that contact (as ``events
    meet`` finds it). An undated event's follow-ups were planned from the day its people
    were captured, and stay (``kept``). An event where people were met cannot move after
    today. Returns the event as it now is, with what changed and what followed.
    """
    if changes.empty():
        raise InvalidInput(
            "nothing to change: give --name, --on, --place or --kind", web="nothing to change"
        )
    name = clean(changes.name) if changes.name is not None else None
    if name == "":
        raise InvalidInput("an event needs a name")
    kind = choose(changes.kind, EVENT_KINDS, "event kind") if changes.kind is not None else None
    today = ctx.clock.today()
    with ctx.db.transaction() as session:
        event = find_event(session, query)
        old_name, old_day = event.name, event.date
        new_name, new_day = name or old_name, changes.on or old_day
        if new_day != old_day:
            _refuse_after_today(event, new_day, today)
        _refuse_twin(session, event, new_name, new_day)
        place = event.place
        if changes.clear_place or changes.place is not None:
            place = clean(changes.place or "") or None  # "none", or emptied: no place
        changed = _changed(event, new_name, new_day, place, kind or event.kind)
        event.name, event.date, event.place = new_name, new_day, place
        event.kind = kind or event.kind
        if changed:
            event.updated_at = ctx.clock.now()
        if new_name != old_name:
            _renamed(session, event, old_name)
        follow_ups: dict[str, Any] = {"moved": 0, "done": [], "kept": 0, "due": None}
        if new_day != old_day:
            follow_ups = _moved(ctx, session, event, old_day)
        return event_view(event) | {"changed": changed, "follow_ups": follow_ups}


def _refuse_after_today(event: Event, new_day: dt.date | None, today: dt.date) -> None:
    """Refuse to move an event where people were met to a day after today."""
    met = [p for p in event.attendees if not p.is_me]
    if met and new_day is not None and new_day > today:
        raise InvalidInput(
            f"{event.name} cannot move to {new_day}, after today ({today}): "
            f"{len(met)} {'person was' if len(met) == 1 else 'people were'} met there"
        )


def _changed(
    event: Event, name: str, day: dt.date | None, place: str | None, kind: str
) -> list[str]:
    """The fields of the event (as it still is) these values change."""
    return [
        field
        for field, was, now in (
            ("name", event.name, name),
            ("date", event.date, day),
            ("place", event.place, place),
            ("kind", event.kind, kind),
        )
        if was != now
    ]


def _refuse_twin(session: Session, event: Event, name: str, day: dt.date | None) -> None:
    """Two events of one name (ignoring case and accents) on one day are one: refused as ``events
    add`` refuses it."""
    same_day = Event.date.is_(None) if day is None else Event.date == day
    if twins := events_named(session, name, same_day, Event.id != event.id):
        twin = twins[0]
        when = f" on {day}" if day else ""
        raise Conflict(f"event {twin.name!r}{when} already exists (#{twin.id})")


def _open_follow_ups(session: Session, event: Event) -> list[Task]:
    return list(
        session.scalars(
            select(Task)
            .where(Task.event_id == event.id, Task.kind == "follow_up", Task.done_at.is_(None))
            .order_by(Task.id)
        )
    )


def _renamed(session: Session, event: Event, old: str) -> None:
    """The words ``events meet`` wrote with the event's name say its new one: the open
    follow-ups' titles, how the people first met there met, the meetings logged there.
    Words the user changed are theirs, and stay."""
    title = f"Follow up after {old}:"
    for task in _open_follow_ups(session, event):
        if task.title.startswith(title):
            task.title = f"Follow up after {event.name}:" + task.title.removeprefix(title)
    for person in session.scalars(select(Person).where(Person.met_event_id == event.id)):
        if person.met_how == f"met at {old}":
            person.met_how = f"met at {event.name}"
    for met in session.scalars(select(Interaction).where(Interaction.event_id == event.id)):
        if met.summary == f"Met at {old}":
            met.summary = f"Met at {event.name}"


def _moved(ctx: Context, session: Session, event: Event, old: dt.date | None) -> dict[str, Any]:
    """What was planned from the event's day, moved to its new day."""
    new = event.date
    tasks = _open_follow_ups(session, event)
    if old is None or new is None:  # planned from the day they were captured, not the event's
        return {"moved": 0, "done": [], "kept": len(tasks), "due": None}
    shift = new - old
    touched: set[int] = set()
    for person in session.scalars(
        select(Person).where(Person.met_event_id == event.id, Person.met_on == old)
    ):
        person.met_on = new
        touched.add(person.id)
    for met in session.scalars(
        select(Interaction).where(Interaction.event_id == event.id, Interaction.kind == "event")
    ):
        if day_of(met.occurred_at) == old:
            met.occurred_at = local_moment(new, met.occurred_at.astimezone().time())
            redate_copies(session, met.id, met.occurred_at)
            touched.update(
                session.scalars(
                    select(InteractionParticipant.person_id).where(
                        InteractionParticipant.interaction_id == met.id
                    )
                )
            )
    session.flush()
    done: list[dict[str, Any]] = []
    for task in tasks:
        task.due += shift
        # moved earlier, a follow-up may now come before a contact the user made since
        since = (
            contacted_since(session, task.person_id, new)
            if task.person_id is not None and shift.days < 0
            else None
        )
        if since is not None:
            task.done_at = since
            who = session.get(Person, task.person_id)
            done.append(
                {"name": who.display_name if who else None, "on": day_of(since).isoformat()}
            )
    stats.rebuild(session, sorted(touched), ctx.settings.circles)
    still = [task.due for task in tasks if task.done_at is None]
    due = min(still).isoformat() if still else None
    return {"moved": len(still), "done": done, "kept": 0, "due": due}

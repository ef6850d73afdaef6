"""A merge that involves the user's own record: what it refuses, and what it drops."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput
from netweave.logic.normalize import names_disagree, two_people
from netweave.services.import_reschedule import FILLED
from netweave.services.merge_log import UndoLog, as_json, table_of
from netweave.store.models import Exchange, InteractionParticipant, Person, Task, event_attendee


def refuse_merge_with_you(
    session: Session, keep: Person, other: Person, *, allow_me: bool, confirmed: bool = False
) -> None:
    """Refuse a merge with the user's own record where it is not allowed (``allow_me``),
    where the other record has a plainly other name and the merge is not ``confirmed``
    (one mistyped number would make a contact's addresses the user's), or where the other
    record has conversations with the user."""
    if not (keep.is_me or other.is_me):
        return
    mine, contact = (keep, other) if keep.is_me else (other, keep)
    if not allow_me:
        raise InvalidInput(
            f"{mine.display_name} (#{mine.id}) is your own record: merge it with"
            " `netweave people merge`, which says who is you afterwards"
        )
    if not confirmed and _two(mine.display_name, contact.display_name):
        raise InvalidInput(
            f"#{mine.id} is your own record ({mine.display_name}) and #{contact.id} is "
            f"{contact.display_name}: merged, their addresses would be yours, and their mail "
            "read as your own; if you are one person, add --yes"
        )
    what = history_with_you(session, contact)
    if what is not None:
        raise InvalidInput(
            f"{contact.display_name} (#{contact.id}) has {what} with you, which your own "
            "record cannot have: to make them one, forget that record "
            "(`netweave people forget`) or keep both"
        )


def _two(mine: str, theirs: str) -> bool:
    """Whether the user's name and a contact's are plainly two people's ("Alex Rivera" and
    "Michael Chen"; not "Jane Doe" and "Jane D.")."""
    return names_disagree(mine, theirs) or two_people(mine, theirs)


def history_with_you(session: Session, person: Person) -> str | None:
    """What the person has with the user that the user's own record cannot have (it would
    be the user's with themselves): "3 conversations" or "help exchanged"; ``None`` when
    nothing. Both a merge into the user's record and making a record theirs refuse it."""
    talks = session.scalar(
        select(func.count()).where(InteractionParticipant.person_id == person.id)
    )
    if talks:
        return f"{talks} conversation{'' if talks == 1 else 's'}"
    helped = session.scalar(select(func.count()).where(Exchange.person_id == person.id))
    return "help exchanged" if helped else None


def refuse_as_you(session: Session, person: Person, me: Person | None) -> None:
    """Refuse to make ``person`` the user's own record when they have conversations or help
    exchanged with the user (``history_with_you``), whatever is confirmed: the refusal says
    to keep the user's record ``me`` when there is one, else to add the user anew."""
    what = history_with_you(session, person)
    if what is None:
        return
    instead = (
        f"you are {me.display_name} (#{me.id}): keep that record"
        if me is not None
        else "add yourself as a new person instead"
    )
    raise InvalidInput(
        f"{person.display_name} (#{person.id}) has {what} with you, which your own record "
        f"cannot have: {instead}"
    )


#: Where the user met someone: nothing their own record can say.
_MEETING = ("met_event_id", "met_on", "met_how")


def own_rows(session: Session, me: Person) -> OwnRows:
    """What the user's own record has before a merge: it keeps all of it."""
    events = set(
        session.scalars(
            select(event_attendee.c.event_id).where(event_attendee.c.person_id == me.id)
        )
    )
    tasks = set(session.scalars(select(Task.id).where(Task.person_id == me.id)))
    return OwnRows(events, tasks, {name: getattr(me, name) for name in _MEETING})


@dataclass(frozen=True)
class OwnRows:
    """What the user's own record had before a merge: events, tasks, how they met."""

    events: set[int]
    tasks: set[int]
    met: dict[str, Any]


def drop_what_yours_cannot_have(
    log: UndoLog, session: Session, person: Person, own: OwnRows
) -> dict[str, int]:
    """What the user's own record cannot have from the other record, dropped (the undo
    brings it back): who-knows-whom ties and introductions that now name them (their own
    ties come from their conversations, and an introduction is between two other people);
    meeting themselves at an event, and the tasks addressed to them (a follow-up, a
    thank-you). What the user's record had before the merge stays."""
    dropped: dict[str, int] = {}
    if tasks := _drop_tasks(log, session, person.id, own):
        dropped["tasks"] = tasks
    if events := _drop_events(log, session, person.id, own):
        dropped["events"] = events
    _meeting_as_before(log, person, own)
    for name, label in (("knows", "ties"), ("introduction", "introductions")):
        if ties := _drop_pairs(log, session, name, person.id):
            dropped[label] = ties
    return dropped


def _drop_tasks(log: UndoLog, session: Session, me: int, own: OwnRows) -> int:
    """The open tasks addressed to the user (not their own to-dos) that they did not have
    before: dropped. Returns how many."""
    tasks = [
        task_id
        for task_id in session.scalars(
            select(Task.id).where(
                Task.person_id == me, Task.kind != "custom", Task.done_at.is_(None)
            )
        )
        if task_id not in own.tasks
    ]
    for task_id in tasks:
        log.deleted("task", task_id)
    if tasks:
        session.execute(delete(Task).where(Task.id.in_(tasks)))
    return len(tasks)


def _drop_events(log: UndoLog, session: Session, me: int, own: OwnRows) -> int:
    """The events the user is now among the people met at, that they were not before:
    dropped. Returns how many."""
    events = [
        event_id
        for event_id in session.scalars(
            select(event_attendee.c.event_id).where(event_attendee.c.person_id == me)
        )
        if event_id not in own.events
    ]
    for event_id in events:
        log.add("event_attendee", me, "deleted", {"event_id": event_id})
        session.execute(
            delete(event_attendee).where(
                event_attendee.c.person_id == me, event_attendee.c.event_id == event_id
            )
        )
    return len(events)


def _meeting_as_before(log: UndoLog, person: Person, own: OwnRows) -> None:
    """Where the user met someone stays what their own record said before the merge."""
    met = {name: getattr(person, name) for name in _MEETING}
    if met != own.met:
        before: dict[str, Any] = {k: as_json(v) for k, v in met.items()}
        for name, value in own.met.items():
            setattr(person, name, value)
        # what the merge set: its undo leaves a value the user has changed since
        before[FILLED] = {name: as_json(value) for name, value in own.met.items()}
        log.add("person", person.id, "updated", before)


def _drop_pairs(log: UndoLog, session: Session, name: str, me: int) -> int:
    """The rows of table ``name`` (who knows whom, introductions) that name the user:
    dropped. Returns how many."""
    table = table_of(name)
    ids = session.scalars(
        select(table.c.id).where((table.c.person_a_id == me) | (table.c.person_b_id == me))
    ).all()
    for row_id in ids:
        log.deleted(name, row_id)
    if ids:
        session.execute(delete(table).where(table.c.id.in_(ids)))
    return len(ids)

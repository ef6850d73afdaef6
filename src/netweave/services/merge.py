"""Duplicate people: proposed pairs (never merged silently) and a lossless, undoable merge."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput
from netweave.io.records import known_as
from netweave.logic.normalize import fold, names_agree
from netweave.services.context import Context
from netweave.services.import_bulk import PROVENANCE
from netweave.services.import_reschedule import FILLED
from netweave.services.merge_roles import (
    date_roles,
    drop_roles,
    join_roles,
    noted_titles,
    plan_roles,
)
from netweave.services.removed import REMOVED_BY_HAND, move_removals
from netweave.services.resolve import resolve_person
from netweave.store import search, stats
from netweave.store.models import (
    AgendaSnooze,
    Base,
    CampaignItem,
    Exchange,
    ImportBatch,
    ImportChange,
    InteractionParticipant,
    Interest,
    Introduction,
    LeadPerson,
    Person,
    Task,
    event_attendee,
    person_tag,
)

#: A merge's batch names the two records: ``source_name`` of its ``import_batch`` row.
MERGE_SOURCE = "merge #{other} into #{keep}"
_MERGE_SOURCE = re.compile(r"merge #(\d+) into #(\d+)")

#: Tables whose rows belong to one person through ``person_id`` and simply move over.
_MOVE = ("contact_point", "position", "affiliation", "need", "offer", "person_source",
         "exchange", "task")  # fmt: skip


def merge(
    ctx: Context, keep_query: str, other_query: str, *, allow_me: bool = True
) -> dict[str, Any]:
    """Fold OTHER into KEEP without losing anything; undo with ``netweave import undo``.

    ``allow_me=False`` refuses a merge that involves the user's own record (the web app
    leaves that to the command line, which says who is "you" afterwards)."""
    with ctx.db.transaction() as session:
        keep = resolve_person(session, keep_query)
        other = resolve_person(session, other_query)
        if keep.id == other.id:
            raise InvalidInput("cannot merge a person with themselves")
        # both locked, and read again: a conversation being logged with either now is
        # waited for and moved with the rest; one logged after waits for the merge
        session.scalars(
            select(Person)
            .where(Person.id.in_(sorted((keep.id, other.id))))
            .order_by(Person.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).all()
        keep_name, other_name = keep.display_name, other.display_name
        otherwise = _settings_otherwise(keep, other)
        if not allow_me and (keep.is_me or other.is_me):
            mine = keep if keep.is_me else other
            raise InvalidInput(
                f"{mine.display_name} (#{mine.id}) is your own record: merge it with"
                " `netweave people merge`, which says who is you afterwards"
            )
        if keep.is_me or other.is_me:
            _refuse_conversations_with_you(session, other if keep.is_me else keep)
        source = MERGE_SOURCE.format(other=other.id, keep=keep.id)
        batch, log = UndoLog.of_new_batch(ctx, session, "merge", source)
        becomes_me = other.is_me and not keep.is_me
        own = None
        if keep.is_me or other.is_me:
            own = _own_rows(session, keep if keep.is_me else other)
        roles = plan_roles(session, keep.id, other.id)
        _fill_profile(log, keep, other, noted_titles(roles.noted))
        self_introduced = _introduced_by(log, session, keep, other)
        _drop_repeated_exchanges(log, session, keep.id, other.id)
        _drop_repeated_tasks(log, session, keep.id, other.id)
        _drop_repeated_meetings(log, session, keep.id, other.id)
        seconds = _second_primaries(session, keep.id, other.id)
        employers = _current_employers(session, keep.id)
        drop_roles(log, session, roles)
        for name in _MOVE:
            _move(log, _table(name), other.id, keep.id)
        _demote(log, session, seconds)
        between = _move_unique(log, session, keep.id, other.id)
        between["introduced_by"] = self_introduced  # one record said the other introduced them
        date_roles(log, session, roles)
        _past_elsewhere(log, session, keep.id, employers)
        join_roles(log, session, keep.id, roles)
        dropped = _drop_what_yours_cannot_have(log, session, keep, own) if own is not None else {}
        log.deleted("person", other.id)
        session.execute(delete(Person).where(Person.id == other.id))
        moved = move_removals(session, other.id, keep.id)
        if moved["items"]:  # what was taken by hand from the one merged away, for the undo
            log.add(REMOVED_BY_HAND, other.id, "moved", moved)
        search.remove_people(session, [other.id])
        search.index_people(session, [keep.id])
        stats.rebuild(session, [keep.id], ctx.settings.circles)
        batch.finished_at = ctx.clock.now()
        return {"batch": batch.id, "kept": keep.id, "merged": other.id,
                "name": keep.display_name, "now_you": becomes_me,
                "dropped": dropped,
                # what was between the two records, dropped: introductions (their ids) and
                # who-knows-whom links of one with the other
                "between": between,
                # the merged record's name, when it is plainly not the kept one's
                "other_name": None if names_agree(keep_name, other_name) else other_name,
                # the merged record's circle, when the kept one's differs (and stands)
                "circle": keep.circle,
                "other_circle": otherwise.get("circle", {}).get("other"),
                # each setting (circle, own cadence, pinned strength) both records set
                # otherwise: {"kept": …, "other": …}; the kept one's stands
                "settings_differ": otherwise,
                }  # fmt: skip


def merged_pair(source_name: str | None) -> tuple[int, int] | None:
    """``(kept, other)`` of a merge's batch, from its ``source_name``; ``None`` otherwise."""
    found = _MERGE_SOURCE.fullmatch(source_name or "")
    return (int(found[2]), int(found[1])) if found else None


def _refuse_conversations_with_you(session: Session, contact: Person) -> None:
    """A record that becomes one with the user's own cannot bring conversations or help
    exchanged: they would be the user's with themselves (a tie with yourself)."""
    talks = session.scalar(
        select(func.count()).where(InteractionParticipant.person_id == contact.id)
    )
    helped = session.scalar(select(func.count()).where(Exchange.person_id == contact.id))
    if talks or helped:
        what = f"{talks} conversation{'' if talks == 1 else 's'}" if talks else "help exchanged"
        raise InvalidInput(
            f"{contact.display_name} (#{contact.id}) has {what} with you, which your own "
            "record cannot have: to make them one, forget that record "
            "(`netweave people forget`) or keep both"
        )


def forget_merged_history(session: Session, person_id: int) -> None:
    """Drop what the undo logs keep about a person being forgotten: the records merged into
    them (through every merge still done that kept them, or kept one merged into them) and
    the values an import changed on them. Those merges cannot be undone once the person is
    gone; an undone merge is left alone (the record it split off lives on)."""
    merges = [
        (batch_id, merged_pair(name))
        for batch_id, name in session.execute(
            select(ImportBatch.id, ImportBatch.source_name).where(
                ImportBatch.kind == "merge", ImportBatch.state != "undone"
            )
        )
    ]
    people, batches = {person_id}, set()
    grew = True
    while grew:
        grew = False
        for batch_id, pair in merges:
            if pair is not None and pair[0] in people and batch_id not in batches:
                batches.add(batch_id)
                people.add(pair[1])
                grew = True
    change = ImportChange
    session.execute(delete(change).where(change.batch_id.in_(sorted(batches))))
    session.execute(
        delete(change).where(
            change.table_name == "person",
            change.row_id.in_(sorted(people)),
            change.action != "created",  # a row made: no values of theirs to hold
        )
    )


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


class UndoLog:
    """Writes the undo log of a merge (of people, or of organizations) into
    ``import_change``."""

    def __init__(self, session: Session, batch_id: int) -> None:
        self.session, self.batch_id = session, batch_id

    @classmethod
    def of_new_batch(
        cls, ctx: Context, session: Session, kind: str, source: str
    ) -> tuple[ImportBatch, UndoLog]:
        """A new merge batch (``kind``, named ``source``, done when it commits) and its log."""
        batch = ImportBatch(kind=kind, source_name=source, started_at=ctx.clock.now(),
                            state="done", counts={"merged": 1})  # fmt: skip
        session.add(batch)
        session.flush()
        return batch, cls(session, batch.id)

    def add(self, table: str, row_id: int, action: str, before: dict[str, Any] | None) -> None:
        self.session.add(ImportChange(batch_id=self.batch_id, table_name=table, row_id=row_id,
                                      action=action, before=before))  # fmt: skip

    def deleted(self, name: str, row_id: int) -> None:
        """Keep a full copy of a row about to be deleted."""
        table = _table(name)
        row = self.session.execute(select(table).where(table.c.id == row_id)).mappings().one()
        self.add(name, row_id, "deleted", {k: _json(v) for k, v in row.items()})


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def merge_said(
    session: Session, batch: ImportBatch, pair: tuple[int, int], table_name: str, name: str
) -> dict[str, Any]:
    """What a merge batch did, ``{batch, state, kept, merged}`` (each ``{id, name}``): the
    names of the rows of ``table_name`` (their column ``name``) kept and merged away, the
    latter from the undo log's copy while it is deleted (``None`` once it is forgotten)."""
    said = merges_named(session, {batch.id: pair}, table_name, name)[batch.id]
    return {"batch": batch.id, "state": batch.state, **said}


#: Rows looked up at once by their ids (well under any database's limit of parameters).
_LOOKUP = 500


def merges_named(
    session: Session, pairs: dict[int, tuple[int, int]], table_name: str, name: str
) -> dict[int, dict[str, Any]]:
    """For merge batches (batch id → ``(kept, other)``) of rows of ``table_name``, the
    ``kept`` and ``merged`` row of each (``{id, name}``, ``name`` from their column
    ``name``), the one merged away named from the undo log's copy while it is deleted
    (``None`` once it is forgotten), with a few queries for all of them."""
    table = _table(table_name)
    ids = sorted({row for pair in pairs.values() for row in pair})
    names: dict[int, str] = {}
    for start in range(0, len(ids), _LOOKUP):
        chunk = ids[start : start + _LOOKUP]
        names.update(
            session.execute(select(table.c.id, table.c[name]).where(table.c.id.in_(chunk)))
            .tuples()
            .all()
        )
    copies: dict[int, Any] = {}
    batches = sorted(pairs)
    for start in range(0, len(batches), _LOOKUP):
        found = session.execute(
            select(ImportChange.batch_id, ImportChange.row_id, ImportChange.before).where(
                ImportChange.batch_id.in_(batches[start : start + _LOOKUP]),
                ImportChange.table_name == table_name,
                ImportChange.action == "deleted",
            )
        )
        for batch_id, row_id, before in found:
            if row_id == pairs[batch_id][1]:
                copies[batch_id] = (before or {}).get(name)
    return {
        batch_id: {"kept": {"id": kept, "name": names.get(kept)},
                   "merged": {"id": other, "name": names.get(other) or copies.get(batch_id)}}
        for batch_id, (kept, other) in pairs.items()
    }  # fmt: skip


_PROFILE = ("pronouns", "headline", "location", "birthday", "circle", "cadence_days",
            "strength_override")  # fmt: skip
#: How two people met: one account, taken whole from one record, never mixed.
_MET = ("met_how", "met_event_id", "met_on", "introduced_by_id")


def _first_meeting(keep: Person, other: Person) -> Person:
    """The record whose account of the meeting stands: the one that met first (a record
    with no date yields to one with a date), KEEP when it is a tie or OTHER says nothing
    (an "imported from an address book" alone says where the record came from, not how
    they met)."""
    if not _says_how_they_met(other):
        return keep
    if not _says_how_they_met(keep):
        return other
    if other.met_on is not None and (keep.met_on is None or other.met_on < keep.met_on):
        return other
    return keep


def _says_how_they_met(person: Person) -> bool:
    if any(getattr(person, a) is not None for a in ("met_event_id", "met_on", "introduced_by_id")):
        return True
    return person.met_how is not None and person.met_how not in PROVENANCE


def _fill_profile(log: UndoLog, keep: Person, other: Person, titles: str | None) -> None:
    before: dict[str, Any] = {}
    if _first_meeting(keep, other) is other:
        for attr in _MET:
            if getattr(keep, attr) != getattr(other, attr):
                before[attr] = _json(getattr(keep, attr))
                setattr(keep, attr, getattr(other, attr))
    for attr in _PROFILE:
        mine, theirs = getattr(keep, attr), getattr(other, attr)
        if mine is None and theirs is not None:
            before[attr] = None
            setattr(keep, attr, theirs)
    said = _said_otherwise(keep, other)
    mine = {line.strip() for line in (keep.notes or "").splitlines()}  # a line both had: once
    theirs = [
        line
        for line in (other.notes or "").splitlines()
        if line.strip() not in mine - {""} and not _known_as(line, keep.display_name)
    ]
    notes = "\n".join(n for n in (keep.notes, "\n".join(theirs), said, titles) if n)
    if notes != (keep.notes or ""):
        before["notes"] = keep.notes
        keep.notes = notes
    if other.is_me and not keep.is_me:
        before["is_me"] = False
        keep.is_me = True
    if before:
        # what the merge set, too: its undo leaves a value the user has changed since
        before[FILLED] = {attr: _json(getattr(keep, attr)) for attr in before}
        log.add("person", keep.id, "updated", before)


def _known_as(line: str, name: str) -> bool:
    """Whether a line of the notes says the person is also known as ``name``, the kept
    record's (in other case or accents): once merged, that is their name, not another."""
    found = known_as(line)
    return found is not None and fold(found[0]).split() == fold(name).split()


def _introduced_by(log: UndoLog, session: Session, keep: Person, other: Person) -> bool:
    """The people OTHER introduced the user to were introduced by KEEP; the merged person
    was introduced by neither record of themselves. Returns whether one of the two records
    said the other introduced them (a link the merge drops)."""
    dropped = other.introduced_by_id == keep.id
    table = _table("person")
    for pid in session.scalars(
        select(table.c.id).where(table.c.introduced_by_id == other.id, table.c.id != keep.id)
    ):
        log.add("person", pid, "updated", {"introduced_by_id": other.id})
    session.execute(
        update(table).where(table.c.introduced_by_id == other.id, table.c.id != keep.id)
        .values(introduced_by_id=keep.id)
    )  # fmt: skip
    if keep.introduced_by_id in (keep.id, other.id):
        log.add("person", keep.id, "updated", {"introduced_by_id": keep.introduced_by_id})
        keep.introduced_by_id = None
        dropped = True
    return dropped


#: What a merged record may say otherwise than the kept one, kept in the notes: the
#: attribute, and how the notes word its value.
_OTHERWISE: tuple[tuple[str, str], ...] = (
    ("display_name", "name {}"), ("location", "location {}"), ("headline", "headline {}"),
    ("birthday", "birthday {}"), ("pronouns", "pronouns {}"), ("circle", "circle {}"),
    ("cadence_days", "keep in touch every {} days"), ("strength_override", "strength pinned at {}"),
)  # fmt: skip
#: The settings of the kept record that stand over the other's, as a merge reports them.
_SETTINGS = ("circle", "cadence_days", "strength_override")


def _differs(keep: Person, other: Person, attr: str) -> bool:
    theirs, mine = getattr(other, attr), getattr(keep, attr)
    return theirs is not None and mine is not None and fold(str(theirs)) != fold(str(mine))


def _said_otherwise(keep: Person, other: Person) -> str | None:
    """One line of what OTHER said that KEEP says otherwise (their name, location, own
    cadence, …), so that the merge loses none of it (and search still finds it); ``None``
    when nothing."""
    differs = [
        wording.format(getattr(other, attr))
        for attr, wording in _OTHERWISE
        if _differs(keep, other, attr)
    ]
    return f"Merged from #{other.id}: {'; '.join(differs)}" if differs else None


def _settings_otherwise(keep: Person, other: Person) -> dict[str, Any]:
    """KEEP's and OTHER's circle, own cadence and pinned strength where both set one and
    they differ: KEEP's stands, and the notes keep the other's."""
    return {
        attr: {"kept": getattr(keep, attr), "other": getattr(other, attr)}
        for attr in _SETTINGS
        if _differs(keep, other, attr)
    }


def _second_primaries(session: Session, keep: int, other: int) -> list[int]:
    """OTHER's primary addresses and phones of a kind KEEP has a primary of already."""
    points = _table("contact_point").c
    mine = set(
        session.scalars(select(points.kind).where(points.person_id == keep, points.is_primary))
    )
    theirs = select(points.id, points.kind).where(points.person_id == other, points.is_primary)
    return [point_id for point_id, kind in session.execute(theirs) if kind in mine]


def _demote(log: UndoLog, session: Session, point_ids: list[int]) -> None:
    """One primary of each kind for the merged person (KEEP's): these are no longer it."""
    table = _table("contact_point")
    for point_id in point_ids:
        log.add("contact_point", point_id, "updated", {"is_primary": True})
    if point_ids:
        session.execute(update(table).where(table.c.id.in_(point_ids)).values(is_primary=False))


def _move(log: UndoLog, table: Table, source: int, target: int) -> None:
    rows = log.session.scalars(select(table.c.id).where(table.c.person_id == source)).all()
    for row_id in rows:
        log.add(table.name, row_id, "updated", {"person_id": source})
    if rows:
        log.session.execute(
            update(table).where(table.c.person_id == source).values(person_id=target)
        )


def _drop_repeated_exchanges(log: UndoLog, session: Session, keep: int, other: int) -> None:
    """A conversation that had both records in it (one calendar invite to both addresses)
    counts its gives and asks once for the merged person: OTHER's copies are dropped."""
    table = _table("exchange")
    mine = select(table.c.interaction_id, table.c.direction, table.c.kind).where(
        table.c.person_id == keep, table.c.interaction_id.is_not(None)
    )
    have = {tuple(row) for row in session.execute(mine)}
    theirs = session.execute(
        select(table.c.id, table.c.interaction_id, table.c.direction, table.c.kind).where(
            table.c.person_id == other, table.c.interaction_id.is_not(None)
        )
    ).all()
    for row_id, *key in theirs:
        if tuple(key) in have:
            log.deleted("exchange", row_id)
            session.execute(delete(table).where(table.c.id == row_id))


def _drop_repeated_tasks(log: UndoLog, session: Session, keep: int, other: int) -> None:
    """Both records met at one event (or on one lead) each had the same open follow-up:
    the merged person keeps one, KEEP's; OTHER's copy is dropped."""
    table = _table("task")
    columns = (table.c.id, table.c.kind, table.c.event_id, table.c.lead_id, table.c.title)

    def open_tasks(person: int) -> Sequence[Any]:
        return session.execute(
            select(*columns).where(table.c.person_id == person, table.c.done_at.is_(None))
        ).all()

    have = {_key(row[1:]) for row in open_tasks(keep)}
    for row_id, *key in open_tasks(other):
        if _key(key) in have:
            log.deleted("task", row_id)
            session.execute(delete(table).where(table.c.id == row_id))


def _drop_repeated_meetings(log: UndoLog, session: Session, keep: int, other: int) -> None:
    """Both records were met again at one event, each in a "Met at" conversation of their
    own: the merged person was met there once, and OTHER's copy goes (their strength would
    count it twice). One that holds someone else, or a give or an ask, stays."""
    meeting, part = _table("interaction"), _table("interaction_participant")

    def met_at_events(person: int) -> Any:
        return (
            select(meeting.c.id, meeting.c.event_id)
            .join(part, part.c.interaction_id == meeting.c.id)
            .where(
                part.c.person_id == person,
                meeting.c.kind == "event",
                meeting.c.event_id.is_not(None),
            )
        )

    met = {event for _, event in session.execute(met_at_events(keep))}
    for meeting_id, event in session.execute(met_at_events(other)).all():
        if event not in met or _holds_more(session, meeting_id, other):
            continue
        for row_id in session.scalars(select(part.c.id).where(part.c.interaction_id == meeting_id)):
            log.deleted(part.name, row_id)
        log.deleted(meeting.name, meeting_id)
        session.execute(delete(part).where(part.c.interaction_id == meeting_id))
        session.execute(delete(meeting).where(meeting.c.id == meeting_id))


def _holds_more(session: Session, meeting_id: int, person: int) -> bool:
    """Whether a conversation has someone besides ``person`` in it, or a give or an ask."""
    part, exchange = _table("interaction_participant"), _table("exchange")
    others = select(part.c.id).where(
        part.c.interaction_id == meeting_id, part.c.person_id != person
    )
    exchanged = select(exchange.c.id).where(
        or_(
            exchange.c.interaction_id == meeting_id,
            exchange.c.fulfilled_by_interaction_id == meeting_id,
        )
    )
    return session.execute(others.union_all(exchanged).limit(1)).first() is not None


def _current_employers(session: Session, person: int) -> set[int]:
    """The organizations a person holds a current role at."""
    table = _table("position")
    return set(
        session.scalars(
            select(table.c.organization_id).where(
                table.c.person_id == person, table.c.current.is_(True)
            )
        )
    )


def _past_elsewhere(log: UndoLog, session: Session, keep: int, employers: set[int]) -> None:
    """A current role the merged record had at an employer the kept one does not name is
    taken for the older record's (one person listed under two jobs is most often one job
    and a stale one): it stays, as history. When the kept record names no employer, the
    other's current roles stay current."""
    if not employers:
        return
    table = _table("position")
    elsewhere = session.scalars(
        select(table.c.id).where(
            table.c.person_id == keep,
            table.c.current.is_(True),
            table.c.organization_id.not_in(employers),
        )
    ).all()
    for row_id in elsewhere:
        log.add("position", row_id, "updated", {"current": True})
        session.execute(update(table).where(table.c.id == row_id).values(current=False))


def _move_unique(log: UndoLog, session: Session, keep: int, other: int) -> dict[str, Any]:
    """Rows with a uniqueness rule: move what KEEP lacks, keep a copy of what it already has.
    Returns what was between the two, dropped: ``introductions`` (ids), ``knows`` (links)."""
    for model, key in ((Interest, ("category", "label")), (CampaignItem, ("campaign_id",)),
                       (InteractionParticipant, ("interaction_id",)),
                       (AgendaSnooze, ("kind",)), (LeadPerson, ("lead_id", "role"))):  # fmt: skip
        table = model.__table__
        mine = {
            _key(r[1:]): r[0]
            for r in session.execute(
                select(table.c.id, *(table.c[k] for k in key)).where(table.c.person_id == keep)
            )
        }
        for row in (
            session.execute(select(table).where(table.c.person_id == other)).mappings().all()
        ):
            kept = mine.get(_key([row[k] for k in key]))
            if kept is not None:
                if model is CampaignItem:
                    _carry_done(log, session, kept, row["done_at"])
                log.deleted(table.name, row["id"])
                session.execute(delete(table).where(table.c.id == row["id"]))
            else:
                log.add(table.name, row["id"], "updated", {"person_id": other})
                session.execute(update(table).where(table.c.id == row["id"]).values(person_id=keep))
    _move_links(log, session, keep, other)
    knows = _move_pairs(log, session, keep, other)
    return {"introductions": _move_introductions(log, session, keep, other), "knows": knows}


def _carry_done(log: UndoLog, session: Session, item_id: int, done_at: dt.datetime | None) -> None:
    """Both records were on one campaign: a greeting done to the other one is done."""
    table = CampaignItem.__table__
    if done_at is None or session.scalar(select(table.c.done_at).where(table.c.id == item_id)):
        return
    log.add(table.name, item_id, "updated", {"done_at": None})
    session.execute(update(table).where(table.c.id == item_id).values(done_at=done_at))


def _key(values: Any) -> tuple[Any, ...]:
    """A comparison key where text differing only in case or accents is the same."""
    return tuple(fold(v) if isinstance(v, str) else v for v in values)


def _move_links(log: UndoLog, session: Session, keep: int, other: int) -> None:
    """Tags and events: the kept person gets the other's (a tag with the import that gave
    it); the other's links are remembered."""
    for table, column in ((person_tag, "tag_id"), (event_attendee, "event_id")):
        mine = set(session.scalars(select(table.c[column]).where(table.c.person_id == keep)))
        origin = [c for c in table.c if c.name == "import_batch_id"]
        for value, *given_by in session.execute(
            select(table.c[column], *origin).where(table.c.person_id == other)
        ).all():
            link = {column: value, **{c.name: v for c, v in zip(origin, given_by, strict=True)}}
            log.add(table.name, other, "deleted", link)
            if value not in mine:
                session.execute(insert(table).values(person_id=keep, **link))
                log.add(table.name, keep, "created", {column: value})


def _move_introductions(log: UndoLog, session: Session, keep: int, other: int) -> list[int]:
    """Introductions of the other person follow them; one between the two is dropped (its
    id returned)."""
    dropped: list[int] = []
    for intro in session.scalars(
        select(Introduction).where(
            (Introduction.person_a_id == other) | (Introduction.person_b_id == other)
        )
    ).all():
        sides = {intro.person_a_id, intro.person_b_id}
        if sides == {keep, other}:
            log.deleted("introduction", intro.id)
            dropped.append(intro.id)
            session.delete(intro)
            continue
        before: dict[str, Any] = {}
        for column in ("person_a_id", "person_b_id"):
            if getattr(intro, column) == other:
                before[column] = other
                setattr(intro, column, keep)
        log.add("introduction", intro.id, "updated", before)
    session.flush()
    return sorted(dropped)


#: Where the user met someone: nothing their own record can say.
_MEETING = ("met_event_id", "met_on", "met_how")


def _own_rows(session: Session, me: Person) -> _Own:
    """What the user's own record has before a merge: it keeps all of it."""
    events = set(
        session.scalars(
            select(event_attendee.c.event_id).where(event_attendee.c.person_id == me.id)
        )
    )
    tasks = set(session.scalars(select(Task.id).where(Task.person_id == me.id)))
    return _Own(events, tasks, {name: getattr(me, name) for name in _MEETING})


@dataclass(frozen=True)
class _Own:
    events: set[int]
    tasks: set[int]
    met: dict[str, Any]


def _drop_what_yours_cannot_have(
    log: UndoLog, session: Session, person: Person, own: _Own
) -> dict[str, int]:
    """What the user's own record cannot have from the other record, dropped (the undo
    brings it back): who-knows-whom ties and introductions that now name them (their own
    ties come from their conversations, and an introduction is between two other people);
    meeting themselves at an event, and the tasks addressed to them (a follow-up, a
    thank-you). What the user's record had before the merge stays."""
    me = person.id
    dropped: dict[str, int] = {}
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
        dropped["tasks"] = len(tasks)
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
    if events:
        dropped["events"] = len(events)
    met = {name: getattr(person, name) for name in _MEETING}
    if met != own.met:
        before: dict[str, Any] = {k: _json(v) for k, v in met.items()}
        for name, value in own.met.items():
            setattr(person, name, value)
        # what the merge set: its undo leaves a value the user has changed since
        before[FILLED] = {name: _json(value) for name, value in own.met.items()}
        log.add("person", me, "updated", before)
    for name, label in (("knows", "ties"), ("introduction", "introductions")):
        table = _table(name)
        ids = session.scalars(
            select(table.c.id).where((table.c.person_a_id == me) | (table.c.person_b_id == me))
        ).all()
        for row_id in ids:
            log.deleted(name, row_id)
        if ids:
            session.execute(delete(table).where(table.c.id.in_(ids)))
            dropped[label] = len(ids)
    return dropped


def _move_pairs(log: UndoLog, session: Session, keep: int, other: int) -> int:
    """Rows about a pair of people (who knows whom, pairs the user dismissed): re-pointed to
    KEEP, never as a pair of KEEP with itself nor as a second copy of a pair KEEP has.
    Returns how many who-knows-whom links were of the two with each other (dropped)."""
    knew = 0
    for name, key in (("knows", ()), ("dismissed_pair", ("kind",))):
        table = _table(name)
        rows = (
            session.execute(
                select(table).where((table.c.person_a_id == other) | (table.c.person_b_id == other))
            )
            .mappings()
            .all()
        )
        for row in rows:
            friend = row["person_b_id"] if row["person_a_id"] == other else row["person_a_id"]
            a, b = sorted((keep, friend))
            same = (table.c.person_a_id == a) & (table.c.person_b_id == b)
            for column in key:
                same &= table.c[column] == row[column]
            exists = session.scalar(select(table.c.id).where(same))
            knew += name == "knows" and friend == keep
            log.deleted(name, row["id"])
            session.execute(delete(table).where(table.c.id == row["id"]))
            if friend != keep and exists is None:
                values = {**row, "person_a_id": a, "person_b_id": b}
                moved = insert(table).values({k: v for k, v in values.items() if k != "id"})
                log.add(
                    name, session.execute(moved.returning(table.c.id)).scalar_one(), "created", None
                )
    return knew

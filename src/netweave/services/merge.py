"""Duplicate people: proposed pairs (never merged silently) and a lossless, undoable merge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput
from netweave.logic.normalize import fold, names_agree
from netweave.services.context import Context
from netweave.services.merge_log import MERGE_SOURCE, UndoLog, table_of
from netweave.services.merge_profile import fill_profile, introduced_by, settings_otherwise
from netweave.services.merge_roles import (
    date_roles,
    drop_roles,
    join_roles,
    noted_titles,
    plan_roles,
)
from netweave.services.merge_yours import (
    drop_what_yours_cannot_have,
    own_rows,
    refuse_merge_with_you,
)
from netweave.services.removed import REMOVED_BY_HAND, move_removals
from netweave.services.resolve import resolve_person
from netweave.store import search, stats
from netweave.store.models import (
    AgendaSnooze,
    CampaignItem,
    InteractionParticipant,
    Interest,
    Introduction,
    LeadPerson,
    Person,
    event_attendee,
    person_tag,
)

#: Tables whose rows belong to one person through ``person_id`` and simply move over.
_MOVE = ("contact_point", "position", "affiliation", "need", "offer", "person_source",
         "exchange", "task")  # fmt: skip


def merge(
    ctx: Context,
    keep_query: str,
    other_query: str,
    *,
    allow_me: bool = True,
    confirmed: bool = False,
) -> dict[str, Any]:
    """Fold OTHER into KEEP without losing anything; undo with ``netweave import undo``.

    ``allow_me=False`` refuses a merge that involves the user's own record (the web app
    leaves that to the command line, which says who is "you" afterwards); with it, a merge
    of the user's own record with one of another name needs ``confirmed``."""
    with ctx.db.transaction() as session:
        keep, other = _locked_pair(session, keep_query, other_query)
        keep_name, other_name = keep.display_name, other.display_name
        otherwise = settings_otherwise(keep, other)
        refuse_merge_with_you(session, keep, other, allow_me=allow_me, confirmed=confirmed)
        source = MERGE_SOURCE.format(other=other.id, keep=keep.id)
        batch, log = UndoLog.of_new_batch(ctx, session, "merge", source)
        becomes_me = other.is_me and not keep.is_me
        own = None
        if keep.is_me or other.is_me:
            own = own_rows(session, keep if keep.is_me else other)
        between = _fold_rows(log, session, keep, other)
        dropped = drop_what_yours_cannot_have(log, session, keep, own) if own is not None else {}
        _delete_other(ctx, log, session, keep, other)
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


def _locked_pair(session: Session, keep_query: str, other_query: str) -> tuple[Person, Person]:
    """KEEP and OTHER, two people, both locked and read again: a conversation being logged
    with either now is waited for and moved with the rest; one logged after waits for the
    merge."""
    keep = resolve_person(session, keep_query)
    other = resolve_person(session, other_query)
    if keep.id == other.id:
        raise InvalidInput("cannot merge a person with themselves")
    session.scalars(
        select(Person)
        .where(Person.id.in_(sorted((keep.id, other.id))))
        .order_by(Person.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    return keep, other


def _fold_rows(log: UndoLog, session: Session, keep: Person, other: Person) -> dict[str, Any]:
    """Move OTHER's profile and rows onto KEEP, each once. Returns what was between the two
    records, dropped (``introductions``, ``knows``, ``introduced_by``)."""
    roles = plan_roles(session, keep.id, other.id)
    fill_profile(log, keep, other, noted_titles(roles.noted))
    self_introduced = introduced_by(log, session, keep, other)
    _drop_repeated_exchanges(log, session, keep.id, other.id)
    _drop_repeated_tasks(log, session, keep.id, other.id)
    _drop_repeated_meetings(log, session, keep.id, other.id)
    seconds = _second_primaries(session, keep.id, other.id)
    employers = _current_employers(session, keep.id)
    drop_roles(log, session, roles)
    for name in _MOVE:
        _move(log, table_of(name), other.id, keep.id)
    _demote(log, session, seconds)
    between = _move_unique(log, session, keep.id, other.id)
    between["introduced_by"] = self_introduced  # one record said the other introduced them
    date_roles(log, session, roles)
    _past_elsewhere(log, session, keep.id, employers)
    join_roles(log, session, keep.id, roles)
    return between


def _delete_other(
    ctx: Context, log: UndoLog, session: Session, keep: Person, other: Person
) -> None:
    """Delete OTHER (the undo log keeps a copy), hand what was taken from them by hand to
    KEEP, and bring the search index and the aggregates up to date."""
    log.deleted("person", other.id)
    session.execute(delete(Person).where(Person.id == other.id))
    moved = move_removals(session, other.id, keep.id)
    if moved["items"]:  # what was taken by hand from the one merged away, for the undo
        log.add(REMOVED_BY_HAND, other.id, "moved", moved)
    search.remove_people(session, [other.id])
    search.index_people(session, [keep.id])
    stats.rebuild(session, [keep.id], ctx.settings.circles)


def _second_primaries(session: Session, keep: int, other: int) -> list[int]:
    """OTHER's primary addresses and phones of a kind KEEP has a primary of already."""
    points = table_of("contact_point").c
    mine = set(
        session.scalars(select(points.kind).where(points.person_id == keep, points.is_primary))
    )
    theirs = select(points.id, points.kind).where(points.person_id == other, points.is_primary)
    return [point_id for point_id, kind in session.execute(theirs) if kind in mine]


def _demote(log: UndoLog, session: Session, point_ids: list[int]) -> None:
    """One primary of each kind for the merged person (KEEP's): these are no longer it."""
    table = table_of("contact_point")
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
    table = table_of("exchange")
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
    table = table_of("task")
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
    meeting, part = table_of("interaction"), table_of("interaction_participant")

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
    part, exchange = table_of("interaction_participant"), table_of("exchange")
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
    table = table_of("position")
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
    table = table_of("position")
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
    Returns what was between the two, dropped: ``introductions`` (ids), ``knows`` (links);
    and ``repeated``: introductions of a pair that had one under way with each record."""
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
    between = _move_introductions(log, session, keep, other)
    return {
        "introductions": between,
        "knows": knows,
        "repeated": _one_under_way(log, session, keep),
    }


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


#: How far an introduction under way has gone, step by step.
_PROGRESS = ("proposed", "asked_a", "asked_b", "agreed", "introduced")


def _one_under_way(log: UndoLog, session: Session, keep: int) -> list[int]:
    """Two introductions under way of one pair (one with each record) become one: the
    further along stays, the other is dropped (its id returned), as a pair has only one
    introduction under way."""
    by_pair: dict[frozenset[int], list[Introduction]] = {}
    for intro in session.scalars(
        select(Introduction)
        .where(
            Introduction.state.in_(_PROGRESS),
            (Introduction.person_a_id == keep) | (Introduction.person_b_id == keep),
        )
        .order_by(Introduction.id)
    ):
        by_pair.setdefault(frozenset((intro.person_a_id, intro.person_b_id)), []).append(intro)
    dropped: list[int] = []
    for intros in by_pair.values():
        intros.sort(
            key=lambda i: (-_PROGRESS.index(i.state), -len(i.history.get("steps", [])), i.id)
        )
        for later in intros[1:]:
            log.deleted("introduction", later.id)
            dropped.append(later.id)
            session.delete(later)
    session.flush()
    return sorted(dropped)


def _move_pairs(log: UndoLog, session: Session, keep: int, other: int) -> int:
    """Rows about a pair of people (who knows whom, pairs the user dismissed): re-pointed to
    KEEP, never as a pair of KEEP with itself nor as a second copy of a pair KEEP has.
    Returns how many who-knows-whom links were of the two with each other (dropped)."""
    knew = 0
    for name, key in (("knows", ()), ("dismissed_pair", ("kind",))):
        table = table_of(name)
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

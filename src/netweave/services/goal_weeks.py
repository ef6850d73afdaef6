"""The figures of one week for the weekly goals, each read by the database for that week only.

``services.goals`` defines what counts; these queries read a bounded range of days (the
week's, on the indexed ``interaction.occurred_at`` and ``exchange.occurred_on``). A past
week need only be judged met or not (``reached``): its conversations are read a page at a
time, each page's participants looked up by the conversations' ids (on their index, on
both databases), and the reading stops once the targets are reached.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Integer, Row, Select, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from netweave.clock import day_of, start_of
from netweave.logic.cadence import cadence_days
from netweave.services.routines import DORMANT_AFTER_DAYS
from netweave.store import tables
from netweave.store.models import Exchange, Interaction, InteractionParticipant, Person

#: How many conversations of a past week are read at a time (at least its target).
_PAGE = 32


def _reaches_out() -> Any:
    """``follow_ups_done.reaches_out`` in SQL: not a note, started by the user or both ways."""
    return and_(Interaction.kind != "note", Interaction.direction.in_(("out", "both")))


def _in_days() -> Any:
    """From the moment ``start`` (included) to the moment ``end``, as bound parameters."""
    return and_(
        Interaction.occurred_at >= bindparam("start"), Interaction.occurred_at < bindparam("end")
    )


def _days(first: dt.date, last: dt.date) -> dict[str, dt.datetime]:
    return {"start": start_of(first), "end": start_of(last + dt.timedelta(days=1))}


def _with_someone() -> Any:
    part = InteractionParticipant
    return exists().where(
        part.interaction_id == Interaction.id,
        Person.id == part.person_id,
        Person.is_me.is_(False),
    )


def first_active_day(session: Session, until: dt.date) -> dt.date | None:
    """The first day, up to ``until``, with a give or a conversation (None: neither)."""
    gave = session.scalar(
        select(func.min(Exchange.occurred_on)).where(
            Exchange.direction == "gave", Exchange.occurred_on <= until
        )
    )
    talked = session.scalar(
        select(Interaction.occurred_at)
        .where(
            Interaction.occurred_at < start_of(until + dt.timedelta(days=1)),
            _reaches_out(),
            _with_someone(),
        )
        .order_by(Interaction.occurred_at)
        .limit(1)
    )
    days = [_day(value) for value in (gave, talked) if value is not None]
    return min(days, default=None)


def gives_per_day(session: Session, until: dt.date) -> dict[dt.date, int]:
    """Gives per day up to ``until`` (one row a day, grouped by the database)."""
    rows = session.execute(
        select(Exchange.occurred_on, func.count())
        .where(Exchange.direction == "gave", Exchange.occurred_on <= until)
        .group_by(Exchange.occurred_on)
    )
    return {_day(day): count for day, count in rows}


def conversations(session: Session, first: dt.date, last: dt.date) -> int:
    """Conversations from ``first`` to ``last``."""
    return session.scalar(_CONVERSATIONS, _days(first, last)) or 0


def check_ins(
    session: Session, circles: Mapping[str, int | None], first: dt.date, last: dt.date
) -> int:
    """Check-ins from ``first`` to ``last``."""
    ids = list(session.scalars(_FOUND, _days(first, last)))
    return _count_check_ins(session, circles, ids, None)


def reached(
    session: Session,
    circles: Mapping[str, int | None],
    days: tuple[dt.date, dt.date],
    conversations: int,
    check_ins: int,
) -> bool:
    """Whether the days hold at least that many conversations and check-ins: their
    conversations are read a page at a time, only until both are found."""
    when = _days(*days)
    size = max(_PAGE, conversations)
    seen = found = 0
    for offset in itertools.count(0, size):
        ids = list(session.scalars(_FOUND_PAGE, {**when, "skip": offset, "size": size}))
        seen += len(ids)
        if found < check_ins:
            found += _count_check_ins(session, circles, ids, check_ins - found)
        if (seen >= conversations and found >= check_ins) or len(ids) < size:
            break
    return seen >= conversations and found >= check_ins


def _count_check_ins(
    session: Session, circles: Mapping[str, int | None], ids: list[int], enough: int | None
) -> int:
    """Check-ins in these conversations, up to ``enough`` when given (their participants
    are then looked up ``_PAGE`` conversations at a time, only until that many are found)."""
    count, size = 0, 500 if enough is None else _PAGE
    for start in range(0, len(ids), size):
        for row in session.execute(_CONTACTS, {"ids": ids[start : start + size]}):
            count += _is_check_in(row, circles)
            if enough is not None and count >= enough:
                return count
    return count


def _contacts() -> Select[Any]:
    """Each (conversation, person other than the user) of the conversations ``ids``
    (an expanding parameter: looked up on their index), with what makes it a
    check-in: the person's cadence (``stats.cadences``: their own, their tags', their
    circle), the day they are known from, their previous interaction of any kind and the
    one before it (NULL when there is none)."""
    part = InteractionParticipant
    earlier = aliased(InteractionParticipant)
    before = and_(
        earlier.person_id == part.person_id,
        earlier.occurred_at <= part.occurred_at,
        or_(
            earlier.occurred_at < part.occurred_at,
            earlier.interaction_id < part.interaction_id,
        ),
    )
    newest_first = (earlier.occurred_at.desc(), earlier.interaction_id.desc())
    previous = select(earlier.occurred_at).where(before).order_by(*newest_first).limit(1)
    tag, person_tag = tables.tag.c, tables.person_tag.c
    tag_cadence = (
        select(func.min(tag.cadence_days))
        .join_from(tables.person_tag, tables.tag, tag.id == person_tag.tag_id)
        .where(person_tag.person_id == part.person_id, tag.cadence_days.is_not(None))
    )
    return (
        select(
            part.occurred_at,
            previous.scalar_subquery().label("previous"),
            previous.offset(1).scalar_subquery().label("second"),
            Person.circle,
            Person.cadence_days,
            tag_cadence.scalar_subquery().label("tag_cadence"),
            Person.met_on,
            Person.met_event_id,
            Person.created_at,
        )
        .join(Person, Person.id == part.person_id)
        .where(part.interaction_id.in_(bindparam("ids", expanding=True)), Person.is_me.is_(False))
    )


def _counted(found: Select[Any]) -> Select[Any]:
    return select(func.count()).select_from(found.subquery())


# built once: the statements differ only in their parameters from week to week
_CONTACTS = _contacts()
_FOUND = select(Interaction.id).where(_in_days(), _reaches_out(), _with_someone())
_FOUND_PAGE = (
    _FOUND.order_by(Interaction.occurred_at, Interaction.id)
    .limit(bindparam("size", type_=Integer))
    .offset(bindparam("skip", type_=Integer))
)
_CONVERSATIONS = _counted(_FOUND)


def _is_check_in(row: Row[Any], circles: Mapping[str, int | None]) -> bool:
    """Whether the agenda would have offered a check-in on the day of the contact: the
    person overdue, or a dormant tie (see ``services.goals``)."""
    day = _day(row.occurred_at)
    last = _day(row.previous) if row.previous is not None else None
    since = last or row.met_on or day_of(row.created_at)
    days = cadence_days(row.circle, row.cadence_days, circles, row.tag_cadence)
    if days is not None and (day - since).days >= days:
        return True
    # a dormant tie: two contacts before (two interactions, or one and the event they were
    # first met at), the last of them that long ago
    twice = row.second is not None or row.met_event_id is not None
    return last is not None and twice and (day - last).days > DORMANT_AFTER_DAYS


def _day(value: Any) -> dt.date:
    """The day of a stored date or timestamp (text on SQLite Core queries)."""
    if isinstance(value, str):
        value = (
            dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
        )
    if isinstance(value, dt.datetime):
        return day_of(value)
    assert isinstance(value, dt.date)
    return value

"""Maintenance of the per-person aggregates (``person_stats``) behind strength and cadence.

Writes update the aggregates in O(1) per participant; ``rebuild`` recomputes them from
the log (after an upgrade, a bulk load, a merge or an undo).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, func, insert, select, update

from netweave.clock import day_of
from netweave.logic.cadence import cadence_days, next_due
from netweave.logic.normalize import fold
from netweave.logic.strength import TieFacts, add_contact, depth_weight, strength_from
from netweave.store import tables
from netweave.store.bulk import RowWriter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from netweave.store.engine import Reader
    from netweave.store.models import PersonStats

_CHUNK = 500
_TABLE = tables.person_stats
TWO_WAY = ("in", "both")


def is_two_way(kind: str, direction: str) -> bool:
    """Contact from their side (a note to oneself never is, whatever its direction)."""
    return kind != "note" and direction in TWO_WAY


def id_chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _stats_for(session: Session, person_ids: Sequence[int]) -> dict[int, PersonStats]:
    """The stats rows of these people, to add to: created empty where missing, and locked
    until the transaction ends (read again under the lock), so that two processes adding
    to one person's counts at once (on PostgreSQL; SQLite writes one at a time) each add
    to what the other wrote rather than overwrite it. The rows are locked in the order of
    their people, so that two writers never wait for each other."""
    from netweave.store.models import PersonStats

    found: dict[int, PersonStats] = {}
    for chunk in id_chunks(sorted(set(person_ids))):
        found.update(
            (s.person_id, s)
            for s in session.scalars(
                select(PersonStats)
                .where(PersonStats.person_id.in_(chunk))
                .order_by(PersonStats.person_id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        )
    for pid in person_ids:
        if pid not in found:
            found[pid] = PersonStats(
                person_id=pid,
                interactions=0,
                two_way=0,
                depth_sum=0.0,
                gives=0,
                receipts=0,
                asks=0,
                shared=0,
            )
            session.add(found[pid])
    return found


def record_interaction(
    session: Session,
    person_ids: Sequence[int],
    *,
    when: dt.datetime,
    kind: str,
    direction: str,
    circles: Mapping[str, int | None],
) -> None:
    """Fold one new interaction into its participants' aggregates."""
    weight = depth_weight(kind, len(person_ids))
    for stats in _stats_for(session, person_ids).values():
        stats.interactions += 1
        stats.two_way += is_two_way(kind, direction)
        stats.depth_sum, stats.depth_at = add_contact(stats.depth_sum, stats.depth_at, weight, when)
        stats.first_at = min(stats.first_at or when, when)
        stats.last_at = max(stats.last_at or when, when)
    session.flush()
    refresh_due(session, person_ids, circles)


def record_exchange(session: Session, person_id: int, direction: str, on: dt.date) -> None:
    """Count one give, receipt or ask."""
    stats = _stats_for(session, [person_id])[person_id]
    if direction == "gave":
        stats.gives += 1
        return
    if direction == "received":
        stats.receipts += 1
    else:
        stats.asks += 1
    stats.last_taken_on = max(stats.last_taken_on or on, on)


#: The aggregate columns a strength is computed from (what ``tie_facts`` reads).
STRENGTH_COLUMNS = (
    "interactions",
    "two_way",
    "depth_sum",
    "depth_at",
    "first_at",
    "last_at",
    "gives",
    "receipts",
    "shared",
)
#: What a strength is computed from, to select: the ``STRENGTH_COLUMNS`` of
#: ``person_stats``, then the person's ``met_on`` (the day they met is the first known
#: contact when it comes before the log's first; read where it is kept, so that no copy of
#: it can fall behind an edit, an import, a merge, an undo or a restore).
STRENGTH_VALUES = (
    *(tables.person_stats.c[name] for name in STRENGTH_COLUMNS),
    tables.person.c.met_on,
)


def tie_facts(stats: Any, met_on: dt.date | None) -> TieFacts:
    """The plain facts of a stats row (an ORM object or a result row) of a person who met
    the user ``met_on``."""
    if stats is None:
        return TieFacts(met_on=met_on)
    return facts_of([*(getattr(stats, name) for name in STRENGTH_COLUMNS), met_on])


def facts_of(values: Sequence[Any]) -> TieFacts:
    """The plain facts of the ``STRENGTH_VALUES``, in that order."""
    (interactions, two_way, depth_sum, depth_at, first_at, last_at, gives, receipts, shared,
     met_on) = values  # fmt: skip
    return TieFacts(
        interactions=interactions,
        two_way=two_way,
        depth_sum=depth_sum,
        depth_at=_aware(depth_at),
        first_contact=_date(first_at),
        last_contact=_date(last_at),
        gives=gives,
        receipts=receipts,
        shared=shared,
        met_on=_day_or_none(met_on),
    )


class Strengths:
    """The strengths of many people's aggregates at one moment, as
    ``strength(facts_of(values), now)`` has each (the agenda ranks a hundred candidates and
    more at once: the facts and each factor are not built for every one of them)."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.day = day_of(now)

    def of(self, values: Sequence[Any]) -> int:
        """The strength of the ``STRENGTH_VALUES``, in that order."""
        (interactions, two_way, depth_sum, depth_at, first_at, last_at, gives, receipts, shared,
         met_on) = values  # fmt: skip
        return strength_from(
            interactions,
            two_way,
            depth_sum,
            _aware(depth_at),
            _date(first_at),
            _date(last_at),
            gives,
            receipts,
            shared,
            _day_or_none(met_on),
            self.now,
            self.day,
        )


def facts_before(session: Session, person_id: int, moment: dt.datetime) -> TieFacts:
    """What the log says of one relationship as it stood at ``moment`` (before what is
    being logged): its conversations from both sides, its first contact and the user's
    gives, for an ask logged for an earlier day, when the aggregates count what came after."""
    part, chat, swap = (
        tables.interaction_participant.c,
        tables.interaction.c,
        tables.exchange.c,
    )
    contacts = session.execute(
        select(chat.kind, chat.direction, part.occurred_at)
        .join(tables.interaction, chat.id == part.interaction_id)
        .where(part.person_id == person_id, part.occurred_at <= moment)
        .order_by(part.occurred_at)
    ).all()
    day = day_of(moment)
    gives = session.execute(
        select(swap.occurred_on, chat.occurred_at)
        .outerjoin(tables.interaction, chat.id == swap.interaction_id)
        .where(swap.person_id == person_id, swap.direction == "gave", swap.occurred_on <= day)
    ).all()
    return TieFacts(
        interactions=len(contacts),
        two_way=sum(is_two_way(kind, direction) for kind, direction, _ in contacts),
        first_contact=_date(contacts[0][2]) if contacts else None,
        last_contact=_date(contacts[-1][2]) if contacts else None,
        gives=sum(_given_before(on, at, moment) for on, at in gives),
    )


def _given_before(on: Any, at: Any, moment: dt.datetime) -> bool:
    """Whether a give ``on`` a day, in a conversation ``at`` (if any), came by ``moment``."""
    when = _aware(at)
    return when <= moment if when is not None else _day(on) < day_of(moment)


def _aware(value: Any) -> dt.datetime | None:
    """A timezone-aware datetime from what Core queries return (text on SQLite)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _day(value: Any) -> dt.date:
    """A date from what an aggregate returns (ISO text on SQLite)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _day_or_none(value: Any) -> dt.date | None:
    return None if value is None else _day(value)


def _date(value: Any) -> dt.date | None:
    aware = _aware(value)
    return day_of(aware) if aware else None


def contact_day(value: Any) -> dt.date | None:
    """The user's day of a stored ``first_at`` or ``last_at`` (None when there is none), as
    ``tie_facts`` has it."""
    return _date(value)


def rebuild(
    session: Session, person_ids: Sequence[int] | None, circles: Mapping[str, int | None]
) -> int:
    """Recompute the aggregates of these people (everyone when ``None``) from the log."""
    ids = (
        list(person_ids)
        if person_ids is not None
        else list(session.scalars(select(tables.person.c.id)))
    )
    for chunk in id_chunks(ids):
        session.execute(
            delete(tables.person_stats).where(tables.person_stats.c.person_id.in_(chunk))
        )
    session.flush()
    rows = {pid: _empty(pid) for pid in ids}
    _fold_interactions(session, rows, everyone=person_ids is None)
    _fold_exchanges(session, rows, everyone=person_ids is None)
    if rows:
        session.execute(insert(_TABLE), list(rows.values()))
    refresh_shared(session, ids)
    refresh_due(session, ids, circles)
    refresh_birthdays(session, ids)
    return len(ids)


def refresh_birthdays(session: Session, person_ids: Sequence[int]) -> None:
    """Copy the month and day of each birthday, so the week's birthdays come from an index."""
    values: dict[int, str | None] = {}
    for chunk in id_chunks(list(person_ids)):
        for pid, birthday in session.execute(
            select(tables.person.c.id, tables.person.c.birthday).where(
                tables.person.c.id.in_(chunk)
            )
        ):
            values[pid] = month_day(birthday)
    _update_column(session, "birthday_md", values)


def month_day(birthday: str | None) -> str | None:
    """``MM-DD`` of a birthday that has a month and a day (``1990-05-17``, ``--05-17``)."""
    return birthday[-5:] if birthday and len(birthday) >= 7 else None


def add_new_people(session: Session, people: Sequence[tuple[int, str | None]]) -> None:
    """The aggregates of people just created, given as (id, birthday).

    Only for people with nothing to aggregate yet: no interactions or exchanges, no
    interests or communities, and no circle, own cadence or tag that would make a check-in
    due. All counts are zero and nothing is due; only the birthday's month and day is known.
    """
    writer = RowWriter.of(session, _TABLE, ("person_id", "birthday_md"))
    writer.write([(pid, month_day(birthday)) for pid, birthday in people])


def _empty(pid: int) -> dict[str, Any]:
    return {
        "person_id": pid, "interactions": 0, "two_way": 0, "depth_sum": 0.0, "depth_at": None,
        "first_at": None, "last_at": None, "gives": 0, "receipts": 0, "asks": 0, "shared": 0,
        "next_due": None, "birthday_md": None, "last_taken_on": None,
    }  # fmt: skip


def _fold_interactions(
    session: Session, rows: dict[int, dict[str, Any]], *, everyone: bool
) -> None:
    ids = list(rows)
    chunks: Iterable[Sequence[int] | None] = [None] if everyone else id_chunks(ids)
    for chunk in chunks:
        for pid, when, kind, direction, n in session.execute(
            contacts_query(chunk).execution_options(yield_per=5000)
        ):
            row = rows.get(pid)
            if row is not None:
                count_contact(row, when, kind, direction, n)


def count_contact(row: dict[str, Any], when: Any, kind: str, direction: str, n: int) -> None:
    """Add one interaction (``n`` participants), the next in time order, to a person's
    aggregates being rebuilt."""
    row["interactions"] += 1
    row["two_way"] += is_two_way(kind, direction)
    row["depth_sum"], row["depth_at"] = add_contact(
        row["depth_sum"], row["depth_at"], depth_weight(kind, n), when
    )
    row["first_at"] = row["first_at"] or when
    row["last_at"] = when


def contacts_query(people: Sequence[int] | None) -> Any:
    """Each person's interactions in time order, with the number of participants of each.

    For some people only, the participant counts are taken over their interactions alone,
    not over the whole log.
    """
    part = tables.interaction_participant.c
    counted = select(part.interaction_id, func.count().label("n"))
    if people is not None:
        theirs = select(part.interaction_id).where(part.person_id.in_(people))
        counted = counted.where(part.interaction_id.in_(theirs))
    sizes = counted.group_by(part.interaction_id).subquery()
    query = (
        select(
            part.person_id,
            tables.interaction.c.occurred_at,
            tables.interaction.c.kind,
            tables.interaction.c.direction,
            sizes.c.n,
        )
        .join(tables.interaction, tables.interaction.c.id == part.interaction_id)
        .join(sizes, sizes.c.interaction_id == part.interaction_id)
        .order_by(part.person_id, tables.interaction.c.occurred_at)
    )
    return query if people is None else query.where(part.person_id.in_(people))


def _fold_exchanges(session: Session, rows: dict[int, dict[str, Any]], *, everyone: bool) -> None:
    query = select(
        tables.exchange.c.person_id,
        tables.exchange.c.direction,
        func.count(),
        func.max(tables.exchange.c.occurred_on),
    ).group_by(tables.exchange.c.person_id, tables.exchange.c.direction)
    column = {"gave": "gives", "received": "receipts", "asked": "asks"}
    chunks: Iterable[Sequence[int] | None] = [None] if everyone else id_chunks(list(rows))
    for chunk in chunks:
        stmt = query if chunk is None else query.where(tables.exchange.c.person_id.in_(chunk))
        for pid, direction, n, last in session.execute(stmt):
            if pid in rows and direction in column:
                row = rows[pid]
                row[column[direction]] = n
                if direction != "gave":
                    last = _day(last)
                    row["last_taken_on"] = max(row["last_taken_on"] or last, last)


def refresh_shared(session: Session, person_ids: Sequence[int] | None) -> None:
    """Count the interests and communities each person shares with the user."""
    me = session.scalar(select(tables.person.c.id).where(tables.person.c.is_me.is_(True)).limit(1))
    ids = (
        list(person_ids)
        if person_ids is not None
        else list(session.scalars(select(tables.person_stats.c.person_id)))
    )
    if me is None:
        for chunk in id_chunks(ids):
            session.execute(
                update(_TABLE).where(tables.person_stats.c.person_id.in_(chunk)).values(shared=0)
            )
        return
    my_interests = {
        fold(label)
        for label in session.scalars(
            select(tables.interest.c.label).where(tables.interest.c.person_id == me)
        )
    }
    my_communities = set(
        session.scalars(
            select(tables.affiliation.c.community_id).where(tables.affiliation.c.person_id == me)
        )
    )
    counts = dict.fromkeys(ids, 0)
    for chunk in id_chunks(ids):
        for pid, label in session.execute(
            select(tables.interest.c.person_id, tables.interest.c.label).where(
                tables.interest.c.person_id.in_(chunk)
            )
        ):
            counts[pid] += fold(label) in my_interests
        for pid, community in session.execute(
            select(tables.affiliation.c.person_id, tables.affiliation.c.community_id).where(
                tables.affiliation.c.person_id.in_(chunk)
            )
        ):
            counts[pid] += community in my_communities
    _update_column(session, "shared", {pid: n for pid, n in counts.items() if pid != me})


def cadences(
    session: Reader, person_ids: Sequence[int], circles: Mapping[str, int | None]
) -> dict[int, tuple[int | None, dt.date]]:
    """(cadence in days, known since) per person: own cadence, else a tag's, else the circle's."""
    out: dict[int, tuple[int | None, dt.date]] = {}
    for chunk in id_chunks(list(person_ids)):
        tag_cadence: dict[int, int] = {
            row[0]: row[1]
            for row in session.execute(
                select(tables.person_tag.c.person_id, func.min(tables.tag.c.cadence_days))
                .join(tables.tag, tables.tag.c.id == tables.person_tag.c.tag_id)
                .where(
                    tables.person_tag.c.person_id.in_(chunk), tables.tag.c.cadence_days.is_not(None)
                )
                .group_by(tables.person_tag.c.person_id)
            )
        }
        rows = session.execute(
            select(
                tables.person.c.id,
                tables.person.c.circle,
                tables.person.c.cadence_days,
                tables.person.c.met_on,
                tables.person.c.created_at,
                tables.person.c.is_me,
            ).where(tables.person.c.id.in_(chunk))
        )
        for pid, circle, own, met_on, created, is_me in rows:
            cadence = cadence_days(circle, own, circles, tag_cadence.get(pid))
            out[pid] = (None if is_me else cadence, met_on or day_of(created))
    return out


def refresh_due(
    session: Session, person_ids: Sequence[int], circles: Mapping[str, int | None]
) -> None:
    """Recompute when each person's next check-in is due."""
    known = cadences(session, person_ids, circles)
    dues: dict[int, dt.date | None] = {}
    for chunk in id_chunks(list(person_ids)):
        for pid, first_at, last_at in session.execute(
            select(
                tables.person_stats.c.person_id,
                tables.person_stats.c.first_at,
                tables.person_stats.c.last_at,
            ).where(tables.person_stats.c.person_id.in_(chunk))
        ):
            cadence, since = known.get(pid, (None, None))
            if since is None:
                continue
            first = _date(first_at)
            dues[pid] = next_due(_date(last_at), min(since, first) if first else since, cadence)
    _update_column(session, "next_due", dues)


def _update_column(session: Session, column: str, values: Mapping[int, Any]) -> None:
    table = _TABLE
    params = [{"pid": pid, "value": value} for pid, value in values.items()]
    if params:
        stmt = (
            update(table)
            .where(table.c.person_id == bindparam("pid"))
            .values({column: bindparam("value")})
        )
        session.execute(stmt, params)

"""Evidence that two people know each other: introducers, shared employers, schools,
events, threads.

Each source gives a pair a confidence and a reason; the caller combines them. Large groups
(an employer of thousands, a conference) say little about any one pair, so groups larger
than :data:`MAX_GROUP` people in the user's network are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session

from netweave.logic.employer import NOT_EMPLOYER_KEYS
from netweave.logic.wording import both_at
from netweave.store.models import (
    Affiliation,
    Community,
    Event,
    InteractionParticipant,
    Organization,
    Person,
    Position,
    event_attendee,
)

Pair = tuple[int, int]
Evidence = dict[Pair, list[tuple[float, str]]]
#: Of some pairs, each one's lower person with the higher ones it is paired with.
Partners = dict[int, set[int]]

#: Groups larger than this (people in the user's network) are not used for inference.
MAX_GROUP = 60
#: Conversations with more participants than this (besides the user) are not threads.
MAX_THREAD = 8
WORK_OVERLAP, WORK_UNKNOWN = 0.6, 0.3
SCHOOL_OVERLAP, SCHOOL_UNKNOWN = 0.5, 0.25
SAME_EVENT = 0.35
PER_THREAD = 0.3
#: Someone who introduced the user to a person knows them: the surest evidence held.
INTRODUCED = 0.9


def infer(
    session: Session, only: Sequence[int] | None = None, *, about: int | None = None
) -> Evidence:
    """Evidence per ordered pair; ``only`` restricts the scan to these people (for one pair);
    ``about`` to the pairs of one person, whose groups are read whole (so a group too large
    to say anything is skipped as it is for everyone's)."""
    evidence = weigh(read_groups(session, only, about=about), only=only)
    if about is not None:
        return defaultdict(list, {pair: ev for pair, ev in evidence.items() if about in pair})
    return evidence


@dataclass
class Groups:
    """The groups evidence comes from, as read: each employer's and each school's or
    community's rows of its people (too large ones left out), each event's people (with
    its name), and how many conversations each pair was in together."""

    work: list[list[Any]]
    schools: list[list[Any]]
    events: list[tuple[str, list[int]]]
    together: dict[Pair, int]
    #: Each pair of a person and who introduced the user to them, with that sentence.
    introduced: dict[Pair, str] = field(default_factory=dict)


def read_groups(
    session: Session, only: Sequence[int] | None = None, *, about: int | None = None
) -> Groups:
    """The groups of everyone, of ``only`` these people, or ``about`` one person's."""
    me = session.scalar(select(Person.id).where(Person.is_me.is_(True)))
    return Groups(
        _work_groups(session, me, only, about),
        _school_groups(session, me, only, about),
        _event_groups(session, me, only, about),
        _threads(session, me, only, about),
        introducers(session, only, about=about),
    )


def weigh(
    groups: Groups, pairs: Set[Pair] | None = None, *, only: Sequence[int] | None = None
) -> Evidence:
    """Evidence per ordered pair, from every source in turn; of the ``pairs`` alone, when
    given (the others are not weighed)."""
    evidence: Evidence = defaultdict(list)
    partners: Partners | None = None
    if pairs is not None:
        partners = defaultdict(set)
        for a, b in pairs:
            partners[a].add(b)
    _work(groups.work, evidence, partners)
    _schools(groups.schools, evidence, partners)
    _events(groups.events, evidence, partners)
    _together(groups.together, evidence, pairs, only)
    for pair, reason in groups.introduced.items():
        if pairs is None or pair in pairs:
            _add(evidence, *pair, INTRODUCED, reason)
    return evidence


def introducers(
    session: Session, only: Sequence[int] | None = None, *, about: int | None = None
) -> dict[Pair, str]:
    """Each pair of a person and whoever introduced the user to them (neither the user),
    with the reason "Al Bee introduced you to Ed Fox"; of ``only`` these people (both of
    them) or ``about`` one person's pairs."""
    person, introducer = Person.__table__.alias("p"), Person.__table__.alias("i")
    query = (
        select(person.c.id, person.c.display_name, introducer.c.id, introducer.c.display_name)
        .join(introducer, introducer.c.id == person.c.introduced_by_id)
        .where(person.c.is_me.is_(False), introducer.c.is_me.is_(False))
    )
    if only is not None:
        query = query.where(person.c.id.in_(only), introducer.c.id.in_(only))
    if about is not None:
        query = query.where(or_(person.c.id == about, introducer.c.id == about))
    return {
        _pair_of(pid, iid): f"{by} introduced you to {name}"
        for pid, name, iid, by in session.execute(query)
        if pid != iid
    }


def _restrict(query: Any, column: Any, only: Sequence[int] | None) -> Any:
    return query.where(column.in_(only)) if only is not None else query


def _sized(query: Any, column: Any, only: Sequence[int] | None) -> Any:
    """``query`` kept to the rows of ``only`` these people; or, of everyone's, to the groups
    (its first column) that may be small enough to use: counted whole with the user, whom
    ``_small`` leaves out."""
    if only is not None:
        return query.where(column.in_(only))
    group = query.selected_columns[0]
    sized = (
        select(group).group_by(group).having(func.count(distinct(column)).between(2, MAX_GROUP + 1))
    )
    return query.where(group.in_(sized.correlate(None)))


def _groups_of(query: Any, group: Any, member: Any, about: int | None) -> Any:
    """``query`` kept to the groups (``group`` column) that ``about`` is a ``member`` of."""
    if about is None:
        return query
    # not correlated: the groups are read from the whole table, not from the row at hand
    return query.where(group.in_(select(group).where(member == about).correlate(None)))


def _work_groups(
    session: Session, me: int | None, only: Sequence[int] | None, about: int | None
) -> list[list[Any]]:
    group, member = Position.organization_id, Position.person_id
    rows = session.execute(
        _sized(
            _groups_of(
                select(
                    Position.organization_id,
                    Organization.name,
                    Position.person_id,
                    Position.start_date,
                    Position.end_date,
                    Position.current,
                )
                .join(Organization, Organization.id == Position.organization_id)
                .where(Organization.normalized_name.not_in(NOT_EMPLOYER_KEYS)),
                group,
                member,
                about,
            ),
            Position.person_id,
            only,
        ).order_by(Position.id)
    ).all()
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        if row.person_id != me:
            groups[row.organization_id].append(row)
    return list(_small(groups.values()))


def _work(groups: list[list[Any]], out: Evidence, pairs: Partners | None) -> None:
    for members in groups:
        best: dict[Pair, tuple[float, str]] = {}
        for x, y in _combinations(members, pairs):
            span = _overlap(_span(x), _span(y))
            if span is None:
                continue
            found = (
                (WORK_UNKNOWN, both_at(x.name, x.current and y.current))
                if span == "unknown"
                else (WORK_OVERLAP, f"at {x.name} together ({span})")
            )
            pair = _pair_of(x.person_id, y.person_id)
            if pair not in best or found[0] > best[pair][0]:
                best[pair] = found  # one reason per employer, however many stints
            elif found[0] == best[pair][0] and x.current and y.current:
                best[pair] = found  # a spell of both now, rather than one of them before
        for (a, b), (confidence, reason) in best.items():
            _add(out, a, b, confidence, reason)


def _span(row: Any) -> tuple[dt.date | None, dt.date | None, bool]:
    return row.start_date, row.end_date, bool(row.current)


def _overlap(
    x: tuple[dt.date | None, dt.date | None, bool], y: tuple[dt.date | None, dt.date | None, bool]
) -> str | None:
    """``"YYYY–YYYY"`` when two stints overlap, ``"unknown"`` without dates, ``None`` if apart."""
    (xs, xe, xc), (ys, ye, yc) = x, y
    if xs is None or ys is None:
        return "unknown"
    far = dt.date.max
    xe = xe or (far if xc else xs)
    ye = ye or (far if yc else ys)
    start, end = max(xs, ys), min(xe, ye)
    if start > end:
        return None
    if end == far:
        return f"{start.year}–now"
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def _school_groups(
    session: Session, me: int | None, only: Sequence[int] | None, about: int | None
) -> list[list[Any]]:
    group, member = Affiliation.community_id, Affiliation.person_id
    rows = session.execute(
        _sized(
            _groups_of(
                select(
                    Affiliation.community_id,
                    Community.name,
                    Affiliation.person_id,
                    Affiliation.start_year,
                    Affiliation.end_year,
                ).join(Community, Community.id == Affiliation.community_id),
                group,
                member,
                about,
            ),
            Affiliation.person_id,
            only,
        ).order_by(Affiliation.id)
    ).all()
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        if row.person_id != me:
            groups[row.community_id].append(row)
    return list(_small(groups.values()))


def _schools(groups: list[list[Any]], out: Evidence, pairs: Partners | None) -> None:
    for members in groups:
        for x, y in _combinations(members, pairs):
            if None in (x.start_year, y.start_year):
                _add(out, x.person_id, y.person_id, SCHOOL_UNKNOWN, f"both in {x.name}")
                continue
            start = max(x.start_year, y.start_year)
            end = min(x.end_year or x.start_year, y.end_year or y.start_year)
            if start <= end:
                years = str(start) if start == end else f"{start}–{end}"
                _add(out, x.person_id, y.person_id, SCHOOL_OVERLAP, f"{x.name} in {years}")


def _event_groups(
    session: Session, me: int | None, only: Sequence[int] | None, about: int | None
) -> list[tuple[str, list[int]]]:
    attended = _restrict(
        select(event_attendee.c.event_id, event_attendee.c.person_id),
        event_attendee.c.person_id,
        only,
    )
    met_at = _restrict(
        select(Person.met_event_id, Person.id).where(Person.met_event_id.is_not(None)),
        Person.id,
        only,
    )
    if about is not None:  # the events they went to, or were met at
        went = select(event_attendee.c.event_id).where(event_attendee.c.person_id == about)
        theirs = went.correlate(None).union(
            select(Person.met_event_id).where(Person.id == about).correlate(None)
        )
        attended = attended.where(event_attendee.c.event_id.in_(theirs))
        met_at = met_at.where(Person.met_event_id.in_(theirs))
    groups: dict[int, set[int]] = defaultdict(set)
    for event_id, pid in [*session.execute(attended), *session.execute(met_at)]:
        if pid != me:
            groups[event_id].add(pid)
    small = {e: sorted(p) for e, p in groups.items() if 1 < len(p) <= MAX_GROUP}
    if not small:
        return []
    names = {
        e.id: f"{e.name}{f' ({e.date})' if e.date else ''}"
        for e in session.scalars(select(Event).where(Event.id.in_(list(small))))
    }
    return [(names[event_id], people) for event_id, people in small.items()]


def _events(groups: list[tuple[str, list[int]]], out: Evidence, pairs: Partners | None) -> None:
    for name, people in groups:
        for i, j in _index_pairs(people, pairs):
            _add(out, people[i], people[j], SAME_EVENT, f"both at {name}")


def _threads(
    session: Session, me: int | None, only: Sequence[int] | None, about: int | None
) -> dict[Pair, int]:
    """How many logged conversations (small enough to be threads) each pair was in."""
    if only is not None or about is not None:
        ids = select(InteractionParticipant.interaction_id).where(
            InteractionParticipant.person_id.in_(only if only is not None else [about])
        )
        query = select(
            InteractionParticipant.interaction_id, InteractionParticipant.person_id
        ).where(InteractionParticipant.interaction_id.in_(ids))
    else:
        # only conversations of a thread's size (the user may be one of the participants)
        sized = (
            select(InteractionParticipant.interaction_id)
            .group_by(InteractionParticipant.interaction_id)
            .having(func.count().between(2, MAX_THREAD + 1))
        )
        query = select(
            InteractionParticipant.interaction_id, InteractionParticipant.person_id
        ).where(InteractionParticipant.interaction_id.in_(sized))
    threads: dict[int, list[int]] = defaultdict(list)
    for interaction_id, pid in session.execute(query):
        if pid != me:
            threads[interaction_id].append(pid)
    together: dict[Pair, int] = defaultdict(int)
    for people in threads.values():
        if 1 < len(people) <= MAX_THREAD:
            for x, y in combinations(sorted(people), 2):
                together[(x, y)] += 1
    return together


def _together(
    together: dict[Pair, int], out: Evidence, pairs: Set[Pair] | None, only: Sequence[int] | None
) -> None:
    for (x, y), count in together.items():
        if pairs is not None and (x, y) not in pairs:
            continue
        if only is not None and {x, y} != set(only):
            continue
        confidence = 1 - (1 - PER_THREAD) ** count
        word = "conversation" if count == 1 else "conversations"
        _add(out, x, y, confidence, f"together in {count} {word} you logged")


def _small(groups: Iterable[list[Any]]) -> Iterable[list[Any]]:
    for members in groups:
        if 1 < len({m.person_id for m in members}) <= MAX_GROUP:
            yield members


def _combinations(members: list[Any], pairs: Partners | None) -> Iterable[tuple[Any, Any]]:
    """The pairs of rows of two people in a group, in order (of the ``pairs`` alone)."""
    for i, j in _index_pairs([m.person_id for m in members], pairs):
        yield members[i], members[j]


def _index_pairs(people: list[int], pairs: Partners | None) -> list[tuple[int, int]]:
    """The pairs of places ``i < j`` in ``people`` of two people (of the ``pairs`` alone,
    found from each one's partners rather than by trying every pair), in order."""
    if pairs is None:
        return [(i, j) for i, j in combinations(range(len(people)), 2) if people[i] != people[j]]
    places: dict[int, list[int]] = defaultdict(list)
    for i, pid in enumerate(people):
        places[pid].append(i)
    found = [
        (min(i, j), max(i, j))
        for low, mine in places.items()
        for high in pairs.get(low, ())
        if high in places
        for i in mine
        for j in places[high]
    ]
    return sorted(found)


def _pair_of(x: int, y: int) -> Pair:
    return (x, y) if x < y else (y, x)


def _add(out: Evidence, x: int, y: int, confidence: float, reason: str) -> None:
    pair = (x, y) if x < y else (y, x)
    if reason not in (r for _, r in out[pair]):
        out[pair].append((confidence, reason))

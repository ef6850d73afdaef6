"""The network map's people: the ties that matter most, never more than a map can show.

A network of 27,000 people drawn whole is one grey ring that takes a minute to lay out.
The map shows the people at the job-search targets (the strongest few at each), then the
strongest ties, up to a limit, and says how many people there are in all; a tag, an
organization or a circle narrows it. Strength is computed only for the people with any
contact logged (or a strength set by hand): the others are 0.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from netweave.services.context import Context
from netweave.services.directory import PeopleFilter, people_query
from netweave.services.graph import (
    clusters_of,
    communities_of,
    graph_edges,
    node,
    organizations_of,
)
from netweave.services.relationships import strengths
from netweave.store.models import Knows, Person, Position, Target
from netweave.store.tables import person_stats

#: People on the map unless asked otherwise, and the most it is ever asked to show.
MAP_PEOPLE, MAP_MOST = 300, 1000
#: At each target organization, this many of the strongest ties there come first.
PER_TARGET = 5
#: The people in touch whose strength is computed for a map, at most: the pinned and most
#: recently talked with (three times the most a map shows).
STRENGTH_CANDIDATES = 3 * MAP_MOST
_CHUNK = 500


def network_map(
    ctx: Context,
    filters: PeopleFilter | None = None,
    *,
    limit: int = MAP_PEOPLE,
    min_strength: int = 0,
) -> dict[str, Any]:
    """``{nodes, edges, clusters}`` as ``network_graph`` gives them, for at most ``limit``
    people besides the user, with ``total`` (the people the filters match), ``shown`` and
    ``limit``. Ties weaker than ``min_strength`` are left out."""
    limit = max(1, min(limit, MAP_MOST))
    where = people_query(ctx, filters or PeopleFilter()).clause()
    with ctx.db.reading() as session:
        me = session.scalar(select(Person.id).where(Person.is_me.is_(True)).limit(1))
        total = session.scalar(
            select(func.count()).select_from(Person).where(where, Person.is_me.is_(False))
        )
        strength = _strengths(ctx, session, where)
        chosen = _at_targets(session, where, strength, min_strength)
        strong = ((s, -pid) for pid, s in strength.items() if s >= min_strength)
        first = set(chosen)
        chosen += [-neg for _, neg in heapq.nlargest(limit, strong) if -neg not in first]
        chosen = chosen[:limit]
        if len(chosen) < limit and min_strength <= 0:  # room left: people not in touch yet
            chosen += _others(session, where, set(chosen), limit - len(chosen))
        shown = [*([me] if me is not None else []), *chosen]
        people = session.execute(
            select(Person.id, Person.display_name, Person.circle, Person.is_me).where(
                Person.id.in_(shown)
            )
        ).all()
        orgs, communities = organizations_of(session, shown), communities_of(session, shown)
        knows = _knows_among(session, shown)
    order = {pid: n for n, pid in enumerate(shown)}
    people = sorted(people, key=lambda p: order[p.id])
    return {
        "nodes": [node(p, strength.get(p.id, 0), orgs, communities) for p in people],
        "edges": graph_edges(me, [(pid, strength.get(pid, 0)) for pid in chosen], knows),
        "clusters": clusters_of(set(shown), orgs, communities),
        "total": int(total or 0),
        "shown": len(chosen),
        "limit": limit,
    }


def _strengths(ctx: Context, session: Session, where: Any) -> dict[int, int]:
    """The strength of each person the filters match who has any contact logged or a
    strength set by hand (the user left out): of the ``STRENGTH_CANDIDATES`` pinned or
    talked with most recently (recency weighs most in a tie's strength), so that a network
    of 100,000 people in touch does not have every strength computed for every map."""
    stats = person_stats.c
    rows = session.execute(
        select(Person.id, Person.strength_override)
        .outerjoin(person_stats, stats.person_id == Person.id)
        .where(
            where,
            Person.is_me.is_(False),
            or_(
                stats.interactions > 0,
                stats.gives > 0,
                stats.receipts > 0,
                stats.shared > 0,
                Person.strength_override.is_not(None),
            ),
        )
        .order_by(
            Person.strength_override.is_(None),
            Person.strength_override.desc(),
            stats.last_at.is_(None),
            stats.last_at.desc(),
            Person.id,
        )
        .limit(STRENGTH_CANDIDATES)
    ).all()
    computed = strengths(session, [r.id for r in rows], ctx.clock.now())
    return {
        r.id: r.strength_override
        if r.strength_override is not None
        else computed.get(r.id, (0, {}))[0]
        for r in rows
    }


def _at_targets(
    session: Session, where: Any, strength: dict[int, int], min_strength: int
) -> list[int]:
    """The strongest ``PER_TARGET`` people at each target organization now, the user's
    way in (target by target, strongest first)."""
    job = aliased(Position)  # not the position table an organization filter looks into
    rows = session.execute(
        select(job.organization_id, Person.id)
        .join(Person, Person.id == job.person_id)
        .join(Target, Target.organization_id == job.organization_id)
        .where(where, job.current.is_(True), Person.is_me.is_(False))
        .order_by(Target.id)
    ).all()
    by_target: dict[int, list[int]] = {}
    for org, pid in rows:
        if strength.get(pid, 0) >= min_strength:
            by_target.setdefault(org, []).append(pid)
    out: list[int] = []
    for people in by_target.values():
        best = heapq.nlargest(PER_TARGET, people, key=lambda pid: (strength.get(pid, 0), -pid))
        out += [pid for pid in best if pid not in out]
    return out


def _others(session: Session, where: Any, taken: set[int], room: int) -> list[int]:
    """Up to ``room`` more people the filters match, by name (none of them in touch yet)."""
    rows = session.scalars(
        select(Person.id)
        .where(where, Person.is_me.is_(False))
        .order_by(Person.sort_key, Person.id)
        .limit(room + len(taken))
    )
    return [pid for pid in rows if pid not in taken][:room]


def _knows_among(session: Session, ids: Sequence[int]) -> list[Any]:
    """The knows rows between two of these people."""
    wanted = set(ids)
    out: list[Any] = []
    for start in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(
                Knows.person_a_id, Knows.person_b_id, Knows.status, Knows.confidence, Knows.context
            )
            .where(Knows.person_a_id.in_(ids[start : start + _CHUNK]))
            .order_by(Knows.person_a_id, Knows.person_b_id)
        ).all()
        out += [r for r in rows if r.person_b_id in wanted]
    return out

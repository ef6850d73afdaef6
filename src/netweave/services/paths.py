"""``paths``: the warm ways into an organization, strongest first, each with its reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import day_of
from netweave.logic.outreach import in_sentence, with_article
from netweave.logic.paths import build_graph, top_paths
from netweave.services.context import Context
from netweave.services.relationships import strengths
from netweave.services.resolve import resolve_organization
from netweave.store.graph import Tie, people_at, ties_into
from netweave.store.models import Person

#: Everyone in the network is someone the user can write to: a tie never weighs less.
FLOOR_STRENGTH = 5
DEFAULT_LIMIT = 10


def warm_paths(ctx: Context, org: str, *, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """``paths ORG --json``: ``[{score, hops[], target_person, reason, …}]``, strongest first.

    An organization nobody in the network leads into gives an empty list.
    """
    now = ctx.clock.now()
    with ctx.db.reading() as session:
        organization = resolve_organization(session, org)
        at = people_at(session, organization.id)
        if not at:
            return []
        ties = ties_into(session, list(at), day_of(now))
        ids = sorted({*at, *(t.a for t in ties)})
        me = session.scalar(select(Person.id).where(Person.is_me.is_(True)))
        names, ties_to_me = _people(session, ids, now)
        index = {pid: i for i, pid in enumerate(ids)}
        graph = build_graph(
            len(ids),
            (index[t.a] for t in ties),
            (index[t.b] for t in ties),
            (t.weight for t in ties),
        )
        ego = np.array([i for i, pid in enumerate(ids) if pid != me], dtype=np.int64)
        weights = np.array(
            [max(ties_to_me[ids[i]], FLOOR_STRENGTH) / 100 for i in ego], dtype=np.float64
        )
        targets = np.array([index[pid] for pid in at], dtype=np.int64)
        found = top_paths(
            graph, ego, weights, targets, limit, exclude=index.get(me, -1) if me else -1
        )
        out = []
        for path in found:
            target = ids[path.target]
            hops = [ids[h] for h in path.hops]
            tie = ties[path.edge] if path.edge >= 0 else None
            out.append(
                {
                    "score": round(path.score * 100, 1),
                    "hops": [names[h] for h in hops],
                    "target_person": names[target],
                    "reason": _reason(names, ties_to_me, organization.name, at, target, hops, tie),
                    "hop_ids": hops,
                    "target_id": target,
                    "target_title": at[target],
                    "degree": len(hops) + 1,
                }
            )
        return out


def _people(
    session: Session, ids: list[int], now: dt.datetime
) -> tuple[dict[int, str], dict[int, int]]:
    """Names, and the user's tie strength to each (pinned or computed)."""
    computed = strengths(session, ids, now)
    names: dict[int, str] = {}
    tie: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(Person.id, Person.display_name, Person.strength_override).where(
                Person.id.in_(chunk)
            )
        )
        for pid, name, pinned in rows:
            names[pid] = name
            value = pinned if pinned is not None else computed.get(pid, (0, {}))[0]
            tie[pid] = value
    return names, tie


def _reason(
    names: dict[int, str],
    strength: dict[int, int],
    org: str,
    at: dict[int, str | None],
    target: int,
    hops: list[int],
    tie: Tie | None,
) -> str:
    """Why this path exists, in one sentence."""
    who = names[target]
    if not hops or tie is None:
        role = at[target]
        title = f" as {with_article(in_sentence(role))}" if role else ""
        return f"You know {who}, who works at {org} now{title} (tie strength {strength[target]})."
    via = names[hops[-1]]
    return f"{_tie_text(via, who, tie)}; your tie to {via}: strength {strength[hops[-1]]}."


def _tie_text(via: str, who: str, tie: Tie) -> str:
    if tie.kind == "coworker":
        if tie.since is None:
            return f"{via} and {who} both {'work' if tie.now else 'worked'} at {tie.place}"
        if tie.now:  # both there still
            return f"{via} has worked with {who} at {tie.place} since {tie.since.year}"
        return f"{via} worked with {who} at {tie.place} {_span(tie.since, tie.until)}"
    if tie.kind in ("school", "community"):
        years = f" ({_years(tie.years)})" if tie.years[0] else ""
        verb = "both studied at" if tie.kind == "school" else "are both in"
        return f"{via} and {who} {verb} {tie.place}{years}"
    context = f" ({tie.place})" if tie.place else ""
    since = f" since {tie.since.year}" if tie.since else ""
    return f"{via} knows {who}{context}{since}"


def _span(start: dt.date, end: dt.date | None) -> str:
    if end is None:
        return f"since {start.year}"
    return f"in {start.year}" if end.year == start.year else f"{start.year}–{end.year}"


def _years(years: tuple[int | None, int | None]) -> str:
    start, end = years
    return f"{start}–{end}" if end and end != start else str(start)

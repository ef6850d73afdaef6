"""``paths``: the warm ways into an organization, strongest first, each with its reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import Select, false, select
from sqlalchemy.orm import Session

from netweave.clock import day_of
from netweave.errors import InvalidInput
from netweave.logic.employer import is_employer, not_an_employer
from netweave.logic.outreach import with_article
from netweave.logic.paths import Path, build_graph, top_paths
from netweave.logic.wording import both_at
from netweave.services.context import Context
from netweave.services.relationships import strengths
from netweave.services.resolve import resolve_organization
from netweave.store.graph import Tie, people_at, ties_into
from netweave.store.models import Introduction, Person
from netweave.store.strength_bound import may_reach

#: Everyone in the network is someone the user can write to: a tie never weighs less.
FLOOR_STRENGTH = 5
DEFAULT_LIMIT = 10
#: The steps of an introduction at which its first side, and both sides, had said yes.
BOTH_SAID_YES = ("agreed", "introduced", "done")
A_SAID_YES = ("a_agreed", "asked_b", *BOTH_SAID_YES)


def warm_paths(ctx: Context, org: str, *, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """``paths ORG --json``: ``[{score, hops[], target_person, reason, …}]``, strongest first,
    each person at the organization once (by their strongest way in).

    An organization nobody in the network leads into gives an empty list.
    """
    found: list[dict[str, Any]] = ways_in(ctx, org, limit=limit)["paths"]
    return found


def ways_in(ctx: Context, org: str, *, limit: int = DEFAULT_LIMIT) -> dict[str, Any]:
    """``{paths, reachable}``: the ``limit`` strongest paths, and how many people at the
    organization the network reaches in all (each of them has a path, shown or not)."""
    now = ctx.clock.now()
    with ctx.db.reading() as session:
        organization = resolve_organization(session, org)
        if not is_employer(organization.name):
            raise InvalidInput(not_an_employer(organization.name, "there is no way into it"))
        at = people_at(session, organization.id)
        if not at:
            return {"paths": [], "reachable": 0}
        me = session.scalar(select(Person.id).where(Person.is_me.is_(True)))
        people = _People(session, now)
        ties = _ties_that_may_lead_in(session, list(at), me, people, day_of(now), limit)
        ids = sorted({*at, *(t.a for t in ties)})
        ties_to_me = people.ties(ids)
        names = people.names(ids)
        index = {pid: i for i, pid in enumerate(ids)}
        graph = build_graph(
            len(ids),
            (index[t.a] for t in ties),
            (index[t.b] for t in ties),
            (t.weight for t in ties),
        )
        ego = np.array([i for i, pid in enumerate(ids) if pid != me], dtype=np.int64)
        weights = np.array([_first_hop(ties_to_me[ids[i]]) for i in ego], dtype=np.float64)
        talked = np.array([ids[i] in people.talked for i in ego], dtype=bool)
        targets = np.array([index[pid] for pid in at], dtype=np.int64)
        found = top_paths(
            graph,
            ego,
            weights,
            targets,
            limit,
            exclude=index.get(me, -1) if me else -1,
            talked=talked,
        )
        out = [
            _path_view(path, ids, ties, names, ties_to_me, organization.name, at) for path in found
        ]
        return {"paths": out, "reachable": len(at)}


def _path_view(
    path: Path,
    ids: list[int],
    ties: list[Tie],
    names: dict[int, str],
    ties_to_me: dict[int, int],
    org: str,
    at: dict[int, str | None],
) -> dict[str, Any]:
    """One path as ``ways_in`` says it (``ids``: the people by their node in the graph)."""
    target = ids[path.target]
    hops = [ids[h] for h in path.hops]
    tie = ties[path.edge] if path.edge >= 0 else None
    return {
        "score": round(path.score * 100, 1),
        "hops": [names[h] for h in hops],
        "target_person": names[target],
        "reason": _reason(names, ties_to_me, org, at, target, hops, tie),
        "hop_ids": hops,
        "target_id": target,
        "target_title": at[target],
        "degree": len(hops) + 1,
    }


def _ties_that_may_lead_in(
    session: Session, at: list[int], me: int | None, people: _People, today: dt.date, limit: int
) -> list[Tie]:
    """The ties into the people ``at`` the organization that a path among the ``limit``
    best may go over. The user reaches each of them directly, so a path through someone
    else counts only when it is at least as strong as the ``limit``-th best direct one: at
    a large employer that leaves a few colleagues to pair each person with, not everyone
    who ever worked there."""
    direct = sorted((_first_hop(v) for v in people.ties(at).values()), reverse=True)
    return ties_into(
        session,
        at,
        today,
        reach=lambda ids: {
            pid: 0.0 if pid == me else _first_hop(v) for pid, v in people.ties(ids).items()
        },
        at_least=direct[limit - 1] if 0 < limit <= len(direct) else 0.0,
        strong=lambda weight, at_least: _strong(weight, at_least, today),
    )


def _strong(weight: float, at_least: float, today: dt.date) -> Select[Any] | None:
    """The people whose tie, as a first hop, times ``weight`` may reach ``at_least``: a query
    of their ids (``None``: anyone's may; nobody's when no strength is enough)."""
    enough = next((s for s in range(101) if _first_hop(s) * weight >= at_least), None)
    if enough is None:
        return select(Person.id).where(false())
    return None if enough <= FLOOR_STRENGTH else may_reach(enough, today)


def _first_hop(strength: int) -> float:
    """The weight (0..1) of the user's own tie to someone, the first hop of a path."""
    return max(strength, FLOOR_STRENGTH) / 100


class _People:
    """Names, and the user's tie strength to each person (pinned or computed), each read
    once however often it is asked for; and whom of them the user has talked with."""

    def __init__(self, session: Session, now: dt.datetime) -> None:
        self.session, self.now = session, now
        self._names: dict[int, str] = {}
        self._ties: dict[int, int] = {}
        #: Those the user has talked with: a conversation both ways or a reply from them
        #: (notes and unanswered messages are not), a tie strength set by hand, or a yes to
        #: the user's question whether they would like to meet someone.
        self.talked: set[int] = said_yes(session)

    def ties(self, ids: Sequence[int]) -> dict[int, int]:
        """The user's tie strength to each of ``ids``."""
        self._read([pid for pid in ids if pid not in self._ties])
        return {pid: self._ties[pid] for pid in ids if pid in self._ties}

    def names(self, ids: Sequence[int]) -> dict[int, str]:
        """The display name of each of ``ids``."""
        self._read([pid for pid in ids if pid not in self._names])
        return {pid: self._names[pid] for pid in ids if pid in self._names}

    def _read(self, ids: list[int]) -> None:
        computed = strengths(self.session, ids, self.now) if ids else {}
        for start in range(0, len(ids), 500):
            rows = self.session.execute(
                select(Person.id, Person.display_name, Person.strength_override).where(
                    Person.id.in_(ids[start : start + 500])
                )
            )
            for pid, name, pinned in rows:
                value, parts = computed.get(pid, (0, {}))
                self._names[pid] = name
                self._ties[pid] = pinned if pinned is not None else value
                if pinned is not None or parts.get("two_way", 0) > 0:
                    self.talked.add(pid)


def said_yes(session: Session) -> set[int]:
    """The people who said yes when the user asked whether they would like to meet someone
    (an introduction's first side once it is past ``a_agreed``, both once both agreed):
    they answered the user, so no one else is the way to them."""
    out: set[int] = set()
    rows = session.execute(
        select(Introduction.person_a_id, Introduction.person_b_id, Introduction.state).where(
            Introduction.state.in_(A_SAID_YES)
        )
    )
    for a, b, state in rows:
        out.add(a)
        if state in BOTH_SAID_YES:
            out.add(b)
    return out


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
        title = f" as {with_article(role)}" if role else ""  # the title as typed
        return f"You know {who}, who works at {org} now{title} (tie strength {strength[target]})."
    via = names[hops[-1]]
    return f"{_tie_text(via, who, tie)}; your tie to {via}: strength {strength[hops[-1]]}."


def _tie_text(via: str, who: str, tie: Tie) -> str:
    if tie.kind == "coworker":
        if tie.since is None:
            return f"{via} and {who} {both_at(tie.place or '', tie.now)}"
        if tie.now:  # both there still
            return f"{via} has worked with {who} at {tie.place} since {tie.since.year}"
        return f"{via} worked with {who} at {tie.place} {_span(tie.since, tie.until)}"
    if tie.kind == "introducer":
        return f"{via} introduced you to {who}"
    if tie.kind == "introduced":
        return f"{who} introduced you to {via}"
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

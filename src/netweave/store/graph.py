"""Loading the ties around an organization for the warm-path search.

Ties between two people come from four places: a ``knows`` row, one having introduced
the user to the other, a past or present employer they shared with overlapping dates, and
a school or community they both belong to. A pair the user said do not know each other
(``knows dismiss``) has no tie. Only ties that touch someone at the organization are read
(indexed lookups), so the cost follows the organization's size, not the network's.

Colleagues and fellow members are paired only while a path through them can still be
strong enough (``reach`` and ``at_least``): at a large employer everyone worked with
everyone, and pairing them all grows with the square of its size. With ``strong``, only
the colleagues and members the user may reach strongly enough are read at all: their
employers and communities can hold most of the network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from netweave.logic.employer import NOT_EMPLOYER_KEYS
from netweave.store.models import (
    Affiliation,
    Community,
    DismissedPair,
    Knows,
    Organization,
    Person,
    Position,
)

#: Weights (0..1) of each kind of tie between two other people.
SUGGESTED_FACTOR = 0.6
COWORKER_BASE = 0.5
COWORKER_PER_YEAR = 0.1
COWORKER_MAX = 0.8
COWORKER_UNDATED = 0.35
COMMUNITY_BASE = 0.3
COMMUNITY_OVERLAP = 0.45
#: Someone who introduced the user to a person knows them.
INTRODUCER = 0.9
_CHUNK = 500

#: How strongly the user reaches each of some people (0..1): the first hop of a path.
Reach = Callable[[Sequence[int]], Mapping[int, float]]
#: The ids of the people whose reach times ``weight`` (the first argument) may be
#: ``at_least`` (the second) or more, as a query (a few who fall short may be among them),
#: or ``None`` when anyone's may.
Strong = Callable[[float, float], Select[Any] | None]


@dataclass(frozen=True)
class Tie:
    """A tie between ``a`` (anyone) and ``b`` (someone at the organization), with its reason."""

    a: int
    b: int
    weight: float
    #: knows / coworker / school / community; introducer (``a`` introduced the user to
    #: ``b``) / introduced (``b`` introduced the user to ``a``)
    kind: str
    place: str | None  # the context, employer or community
    since: dt.date | None
    until: dt.date | None
    years: tuple[int | None, int | None] = (None, None)
    #: Both are there now (told apart from a past spell when the dates are unknown).
    now: bool = False


def people_at(session: Session, org_id: int) -> dict[int, str | None]:
    """The people who work at the organization now (not the user), with their title."""
    rows = session.execute(
        select(Position.person_id, Position.title)
        .join(Person, Person.id == Position.person_id)
        .where(
            Position.organization_id == org_id,
            Position.current.is_(True),
            Person.is_me.is_(False),
        )
        .order_by(Position.id)
    )
    out: dict[int, str | None] = {}
    for pid, title in rows:
        out.setdefault(pid, title)
    return out


def ties_into(
    session: Session,
    targets: Sequence[int],
    today: dt.date,
    *,
    reach: Reach | None = None,
    at_least: float = 0.0,
    strong: Strong | None = None,
) -> list[Tie]:
    """Every tie that touches one of ``targets``: the strongest reason per pair wins.

    A pair is counted once, whichever side is at the organization (ties are symmetric).
    With ``reach``, a tie ``a``–``b`` is left out when a path through ``a`` would score
    less than ``at_least`` (``reach[a] * weight``); a pair of two targets stays while either
    way through it does. ``strong`` (with ``reach``) spares reading the others at all.
    """
    weigh = _Weigh(reach, at_least, strong)
    best: dict[tuple[int, int], Tie] = {}
    apart = _dismissed(session, targets)
    for tie in [
        *_knows(session, targets),
        *_introductions(session, targets),
        *_coworkers(session, targets, today, weigh),
        *_communities(session, targets, weigh),
    ]:
        key = (min(tie.a, tie.b), max(tie.a, tie.b))
        if tie.a == tie.b or key in apart:
            continue
        if key not in best or tie.weight > best[key].weight:
            best[key] = tie
    return sorted(best.values(), key=lambda t: (t.b, t.a))


class _Weigh:
    """Whether a tie through someone can still carry a path of at least ``at_least``."""

    def __init__(self, reach: Reach | None, at_least: float, strong: Strong | None) -> None:
        self.reach = reach
        self.at_least = at_least
        self.strong = strong

    def kept(self, query: Select[Any], person: Any, weight: float) -> Select[Any]:
        """``query`` kept to the people (``person`` column) through whom a tie of at most
        ``weight`` may still carry a path of ``at_least``: those the user reaches strongly
        enough, and perhaps a few more (``enough`` tells them apart)."""
        if self.reach is None or self.strong is None:
            return query
        ids = self.strong(weight, self.at_least)
        return query if ids is None else query.where(person.in_(ids))

    def reached(self, ids: Sequence[int]) -> dict[int, float]:
        """How strongly the user reaches each of ``ids`` (nothing without ``reach``)."""
        return dict(self.reach(sorted(set(ids)))) if self.reach is not None else {}

    def enough(self, reach: dict[int, float], via: int, weight: float) -> bool:
        """A path through ``via`` over a tie of ``weight`` can still score ``at_least``."""
        return self.reach is None or reach.get(via, 0.0) * weight >= self.at_least


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def _knows(session: Session, targets: Sequence[int]) -> list[Tie]:
    wanted = set(targets)
    out = []
    for chunk in _chunks(list(targets)):
        rows = session.execute(
            select(
                Knows.person_a_id,
                Knows.person_b_id,
                Knows.confidence,
                Knows.status,
                Knows.context,
                Knows.since,
            ).where(or_(Knows.person_a_id.in_(chunk), Knows.person_b_id.in_(chunk)))
        )
        for a, b, confidence, status, context, since in rows:
            weight = float(confidence) * (1.0 if status == "confirmed" else SUGGESTED_FACTOR)
            pairs = [(a, b)] if b in wanted else []
            pairs += [(b, a)] if a in wanted else []
            for other, target in pairs:
                out.append(Tie(other, target, weight, "knows", context, since, None))
    return out


def _dismissed(session: Session, targets: Sequence[int]) -> set[tuple[int, int]]:
    """The pairs with one of ``targets`` that the user said do not know each other."""
    out: set[tuple[int, int]] = set()
    for chunk in _chunks(list(targets)):
        out.update(
            session.execute(
                select(DismissedPair.person_a_id, DismissedPair.person_b_id).where(
                    DismissedPair.kind == "knows",
                    or_(DismissedPair.person_a_id.in_(chunk), DismissedPair.person_b_id.in_(chunk)),
                )
            ).tuples()
        )
    return out


def _introductions(session: Session, targets: Sequence[int]) -> list[Tie]:
    """Ties between a target and whom they introduced the user to, or who introduced the
    user to them (the user is no side of a tie)."""
    person, introducer = Person.__table__.alias("p"), Person.__table__.alias("i")
    wanted, out = set(targets), []
    for chunk in _chunks(list(targets)):
        rows = session.execute(
            select(person.c.id, introducer.c.id)
            .join(introducer, introducer.c.id == person.c.introduced_by_id)
            .where(
                person.c.is_me.is_(False),
                introducer.c.is_me.is_(False),
                or_(person.c.id.in_(chunk), introducer.c.id.in_(chunk)),
            )
        )
        for met, by in rows:
            if met in wanted:
                out.append(Tie(by, met, INTRODUCER, "introducer", None, None, None))
            if by in wanted:
                out.append(Tie(met, by, INTRODUCER, "introduced", None, None, None))
    return out


def _positions_of(session: Session, targets: Sequence[int]) -> list[Any]:
    """The targets' positions: person, organization, start, end, and whether current."""
    mine: list[Any] = []
    for chunk in _chunks(list(targets)):
        mine += session.execute(
            select(
                Position.person_id,
                Position.organization_id,
                Position.start_date,
                Position.end_date,
                Position.current,
            ).where(Position.person_id.in_(chunk))
        ).all()
    return mine


def _coworkers(
    session: Session, targets: Sequence[int], today: dt.date, weigh: _Weigh
) -> list[Tie]:
    """Colleagues: anyone who worked at one of a target's employers at the same time."""
    mine = _positions_of(session, targets)
    if not mine:
        return []
    employers = select(Organization.id, Organization.name).where(
        Organization.id.in_(sorted({r.organization_id for r in mine})),
        Organization.normalized_name.not_in(NOT_EMPLOYER_KEYS),  # two freelancers: no colleagues
    )
    names = dict(session.execute(employers).tuples().all())
    orgs = sorted(names)
    colleagues = select(
        Position.person_id,
        Position.organization_id,
        Position.start_date,
        Position.end_date,
        Position.current,
    ).where(Position.organization_id.in_(orgs))
    colleagues = weigh.kept(colleagues, Position.person_id, COWORKER_MAX)
    others = session.execute(colleagues.order_by(Position.id)).all()
    reach = weigh.reached([r.person_id for r in others])
    by_org: dict[int, list[tuple[int, dt.date | None, dt.date | None]]] = {}
    for r in sorted(others, key=lambda r: -reach.get(r.person_id, 0.0)):  # strongest first
        by_org.setdefault(r.organization_id, []).append(
            (r.person_id, r.start_date, today if r.current else r.end_date)
        )
    out = []
    for t in mine:
        t_end = today if t.current else t.end_date
        for pid, start, end in by_org.get(t.organization_id, []):
            if not weigh.enough(reach, pid, COWORKER_MAX):
                break  # the rest are reached no more strongly
            if pid == t.person_id:
                continue
            tie = _overlap_tie(
                pid, t.person_id, names[t.organization_id], (start, end), (t.start_date, t_end)
            )
            if tie is not None and weigh.enough(reach, pid, tie.weight):
                # A spell still going on for both reads "since", not "until today".
                both = t_end == today and end == today
                out.append(replace(tie, until=None, now=True) if both else tie)
    return out


def _overlap_tie(
    a: int,
    b: int,
    place: str,
    first: tuple[dt.date | None, dt.date | None],
    second: tuple[dt.date | None, dt.date | None],
) -> Tie | None:
    """A coworker tie when the two spells overlap (weaker when the dates are unknown)."""
    if first[0] is None or second[0] is None:
        return Tie(a, b, COWORKER_UNDATED, "coworker", place, None, None)
    start = max(d for d in (first[0], second[0]) if d is not None)
    ends = [d for d in (first[1], second[1]) if d is not None]
    end = min(ends) if ends else None
    if end is not None and end <= start:
        return None
    years = ((end or start) - start).days / 365.25 if end else 1.0
    weight = min(COWORKER_MAX, COWORKER_BASE + COWORKER_PER_YEAR * years)
    return Tie(a, b, round(weight, 3), "coworker", place, start, end)


def _communities(session: Session, targets: Sequence[int], weigh: _Weigh) -> list[Tie]:
    """Fellow members of a target's schools and communities (more when their years overlap)."""
    mine: list[Any] = []
    for chunk in _chunks(list(targets)):
        mine += session.execute(
            select(
                Affiliation.person_id,
                Affiliation.community_id,
                Affiliation.start_year,
                Affiliation.end_year,
            ).where(Affiliation.person_id.in_(chunk))
        ).all()
    if not mine:
        return []
    ids = sorted({r.community_id for r in mine})
    fellows = (
        select(
            Affiliation.person_id,
            Affiliation.community_id,
            Affiliation.start_year,
            Affiliation.end_year,
            Community.name,
            Community.kind,
        )
        .join(Community, Community.id == Affiliation.community_id)
        .where(Affiliation.community_id.in_(ids))
    )
    fellows = weigh.kept(fellows, Affiliation.person_id, COMMUNITY_OVERLAP)
    rows = session.execute(fellows.order_by(Affiliation.id)).all()
    reach = weigh.reached([r.person_id for r in rows])
    members: dict[int, list[Any]] = {}
    for r in sorted(rows, key=lambda r: -reach.get(r.person_id, 0.0)):  # strongest first
        members.setdefault(r.community_id, []).append(r)
    out = []
    for t in mine:
        for r in members.get(t.community_id, []):
            if not weigh.enough(reach, r.person_id, COMMUNITY_OVERLAP):
                break  # the rest are reached no more strongly
            if r.person_id == t.person_id:
                continue
            overlap = _years_overlap((r.start_year, r.end_year), (t.start_year, t.end_year))
            weight = COMMUNITY_OVERLAP if overlap else COMMUNITY_BASE
            if not weigh.enough(reach, r.person_id, weight):
                continue
            years = (r.start_year, r.end_year) if overlap else (None, None)
            kind = "school" if r.kind in ("school", "alumni") else "community"
            out.append(Tie(r.person_id, t.person_id, weight, kind, r.name, None, None, years))
    return out


def _years_overlap(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> bool:
    if a[0] is None or b[0] is None:
        return False
    return a[0] <= (b[1] or b[0]) and b[0] <= (a[1] or a[0])

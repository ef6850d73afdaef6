"""The LAMP list: target employers, ranked by motivation, posting and advocacy."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.logic import lamp
from netweave.logic.employer import is_employer, not_an_employer
from netweave.logic.sorting import name_sort_key
from netweave.services.context import Context
from netweave.services.orgs import employer
from netweave.services.relationships import strengths
from netweave.services.resolve import resolve_organization
from netweave.store.models import Affiliation, Community, Organization, Person, Position, Target

TargetView = dict[str, Any]


def _check(motivation: int | None, posting: int | None) -> None:
    for what, value, (low, high) in (
        ("motivation", motivation, lamp.MOTIVATION_RANGE),
        ("posting", posting, lamp.POSTING_RANGE),
    ):
        if value is not None and not low <= value <= high:
            raise InvalidInput(f"{what} goes from {low} to {high}, not {value}")


def add_target(
    ctx: Context,
    org: str,
    *,
    motivation: int | None = None,
    posting: int | None = None,
    notes: str | None = None,
    new_org: bool = False,
) -> TargetView:
    """Put an employer on the LAMP list (the organization is created when new: the view then
    says so under ``new_org``, with the organizations the name partly matches). A name only
    close to organizations' is refused (``employer``) unless ``new_org`` says it is new."""
    _check(motivation, posting)
    with ctx.db.transaction() as session:
        organization, new = employer(session, org, near_is_new=new_org)
        if not is_employer(organization.name):
            raise InvalidInput(not_an_employer(organization.name, "it cannot be a target"))
        if _target_of(session, organization.id) is not None:
            raise Conflict(f"{organization.name} is already a target; change it with `targets set`")
        session.add(
            Target(
                organization_id=organization.id,
                motivation=motivation if motivation is not None else 0,
                posting=posting if posting is not None else 1,
                notes=notes.strip() if notes else None,
            )
        )
        session.flush()
    view = _one(ctx, organization.id)
    return view | {"new_org": new} if new else view


def set_target(
    ctx: Context,
    org: str,
    *,
    motivation: int | None = None,
    posting: int | None = None,
    notes: str | None = None,
) -> TargetView:
    """Change a target's motivation, posting or notes."""
    _check(motivation, posting)
    with ctx.db.transaction() as session:
        target = _resolve_target(session, org)
        if motivation is not None:
            target.motivation = motivation
        if posting is not None:
            target.posting = posting
        if notes is not None:
            target.notes = notes.strip() or None
        org_id = target.organization_id
    return _one(ctx, org_id)


def remove_target(ctx: Context, org: str) -> str:
    """Take an employer off the LAMP list (the organization and its people stay)."""
    with ctx.db.transaction() as session:
        target = _resolve_target(session, org)
        name = session.get(Organization, target.organization_id)
        session.delete(target)
        return name.name if name else org


def list_targets(ctx: Context) -> list[TargetView]:
    """``targets --json``: ``[{org, motivation, posting, advocates, rank, …}]``, best first."""
    now = ctx.clock.now()
    with ctx.db.reading() as session:
        rows = session.execute(
            select(Target, Organization.name)
            .join(Organization, Organization.id == Target.organization_id)
            .order_by(Target.id)
        ).all()
        advocates = _advocates(session, [t.organization_id for t, _ in rows], now)
    facts = [
        lamp.TargetFacts(name, t.motivation, t.posting, advocates.get(t.organization_id, ()))
        for t, name in rows
    ]
    out = []
    for position, i in enumerate(lamp.rank(facts, ctx.settings.lamp_order), 1):
        target, name = rows[i]
        fact = facts[i]
        out.append(
            {
                "org": name,
                "org_id": target.organization_id,
                "motivation": fact.motivation,
                "posting": fact.posting,
                "advocacy": lamp.advocacy(fact.advocates),
                "advocates": [
                    {"id": a.person_id, "name": a.name, "strength": a.strength, "why": a.why}
                    for a in fact.advocates
                ],
                "rank": position,
                "work_now": position <= lamp.WORK_NOW,
                "notes": target.notes,
            }
        )
    return out


def _one(ctx: Context, org_id: int) -> TargetView:
    return next(t for t in list_targets(ctx) if t["org_id"] == org_id)


def _target_of(session: Session, org_id: int) -> Target | None:
    return session.scalars(select(Target).where(Target.organization_id == org_id)).first()


def _resolve_target(session: Session, org: str) -> Target:
    organization = resolve_organization(session, org)
    target = _target_of(session, organization.id)
    if target is None:
        raise NotFound(f"{organization.name} is not on your target list")
    return target


def _advocates(
    session: Session, org_ids: list[int], now: Any
) -> dict[int, tuple[lamp.Advocate, ...]]:
    """Per organization: the people there now, strongest tie first, marked when they share
    one of the user's schools or communities (Dalton's "alumni")."""
    if not org_ids:
        return {}
    rows = session.execute(
        select(Position.organization_id, Person.id, Person.display_name, Person.strength_override)
        .join(Person, Person.id == Position.person_id)
        .where(
            Position.organization_id.in_(org_ids),
            Position.current.is_(True),
            Person.is_me.is_(False),
        )
    ).all()
    ids = sorted({r.id for r in rows})
    computed = strengths(session, ids, now)
    shared = _shared_communities(session, ids)
    out: dict[int, list[lamp.Advocate]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for org_id, pid, name, pinned in rows:
        if (org_id, pid) in seen:
            continue
        seen.add((org_id, pid))
        tie = pinned if pinned is not None else computed.get(pid, (0, {}))[0]
        why = "works there now"
        if pid in shared:
            why = f"shares {', '.join(shared[pid])} with you; works there now"
        out[org_id].append(lamp.Advocate(pid, name, tie, why, alumnus=pid in shared))
    return {
        org: tuple(
            sorted(
                people,
                key=lambda a: (-a.strength, not a.alumnus, name_sort_key(a.name), a.person_id),
            )
        )
        for org, people in out.items()
    }


def _shared_communities(session: Session, ids: list[int]) -> dict[int, list[str]]:
    """For each of these people, the user's schools and communities they belong to too."""
    mine = select(Affiliation.community_id).join(Person).where(Person.is_me.is_(True))
    out: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Affiliation.person_id, Community.name)
            .join(Community, Community.id == Affiliation.community_id)
            .where(
                Affiliation.person_id.in_(ids[start : start + 500]),
                Affiliation.community_id.in_(mine),
            )
        )
        for pid, name in rows:
            if name not in out[pid]:
                out[pid].append(name)
    return {pid: sorted(names, key=lambda n: (name_sort_key(n), n)) for pid, names in out.items()}

"""Organizations: add, list and show, with the people who work there now and before."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from netweave.errors import Conflict, InvalidInput, NearMatch
from netweave.logic.names import FUZZY_CUTOFF, MAX_CANDIDATES, match_names
from netweave.logic.normalize import clean, fold, normalize_domain, normalize_org
from netweave.logic.parse import row_id
from netweave.logic.wording import echoed
from netweave.services.context import Context
from netweave.services.memo import remembered
from netweave.services.resolve import find_organization, resolve_organization
from netweave.store import search
from netweave.store.models import Organization, OrganizationAlias, Person, Position, Target

OrgView = dict[str, Any]


def get_or_create_organization(session: Session, name: str) -> Organization:
    """The organization with this (normalized) name, created when new."""
    text = clean(name)
    if not text:
        raise InvalidInput("give the organization's name")
    if not normalize_org(text):
        raise InvalidInput(f"not an organization name: {name!r}")
    org = find_organization(session, text)
    if org is None:
        org = Organization(name=text, normalized_name=normalize_org(text))
        session.add(org)
        session.flush()
    return org


def employer(
    session: Session, name: str, *, near_is_new: bool = False
) -> tuple[Organization, dict[str, Any] | None]:
    """The organization ``name`` names, created when new. For a new one, also its
    ``new_org`` (see ``new_organization``). Every command that makes an organization from
    a name typed (a target, a lead, a person's ``--company``) takes it from here.

    ``name`` is read as imports read a company (``find_organization``: case, accents,
    punctuation and a legal form aside, "ACME Corp" is Acme Inc.), or is an ``#id``. A name
    no organization has but close to some ("Globx" for Globex, "Kelp" for Kelp Forest Labs)
    is refused (``NearMatch``, naming them) unless ``near_is_new``: an organization made
    beside the one meant splits its people, leads and advocates in two."""
    text = name.strip()
    if text.startswith("#") and row_id(text) is not None:
        return resolve_organization(session, text), None
    found = find_organization(session, name)
    if found is not None:
        return found, None
    if not near_is_new and (near := _mistaken_for(name, _lookalikes(session, name))):
        raise _near_organizations(name, near)
    return new_organization(session, name)


def _mistaken_for(name: str, near: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Those of ``near`` that ``name`` is likely a slip for: all its words are whole words of
    theirs ("Amazon" for Amazon Web Services), or the two are spelled nearly alike, legal
    forms aside ("Globx" for Globex). A word that only begins another ("Meta" and
    Metaswitch) is an organization of its own."""
    from rapidfuzz import fuzz

    words, key = fold(name).split(), normalize_org(name) or fold(name)
    return [
        (oid, other)
        for oid, other in near
        if set(words) <= set(fold(other).split())
        or fuzz.ratio(key, normalize_org(other) or fold(other)) >= FUZZY_CUTOFF
    ]


#: The web forms' box that says a name only close to another organization's is a new one.
NEW_ORG_ANYWAY = "A new organization, even if its name looks like another's"


def _near_organizations(name: str, near: list[tuple[int, str]]) -> NearMatch:
    """The refusal of a name no organization has but close to those of ``near``."""
    close = ", ".join(f"{other} #{oid}" for oid, other in near[:MAX_CANDIDATES])
    one = "it" if len(near) == 1 else "one of them"
    start = (
        f"no organization is named {echoed(clean(name))} (nearly: {close}): to mean {one}, "
        "give its name as written or its #id; for a new organization of that name, "
    )
    return NearMatch(
        f"{start}add --new-org; nothing was changed", web=f"{start}tick “{NEW_ORG_ANYWAY}”"
    )


def new_organization(session: Session, name: str) -> tuple[Organization, dict[str, Any]]:
    """Create the organization ``name``, with ``{name, similar}``: the organizations
    already here that the name partly matches (``init`` for Initrode, ``kelp forest`` for
    Kelp Forest Labs), so that a short or mistyped name taken for a new one can be seen."""
    similar = [f"{other} (#{oid})" for oid, other in _lookalikes(session, name)]
    org = get_or_create_organization(session, name)
    return org, {"name": org.name, "similar": similar}


def _lookalikes(session: Session, name: str, besides: int | None = None) -> list[tuple[int, str]]:
    """The organizations (id, name) whose names ``name`` partly matches, ``besides`` left
    out."""
    query = select(Organization.id, Organization.name, Organization.normalized_name)
    query = query.order_by(Organization.id)
    if besides is not None:
        query = query.where(Organization.id != besides)
    rows = session.execute(query).all()
    # as written ("kelp forest" in Kelp Forest Labs), and as the keys read the names, legal
    # forms aside ("Acmee" is close to Acme Inc.'s "acme")
    hits = set(match_names(name, [r.name for r in rows]))
    if key := normalize_org(name):
        hits.update(match_names(key, [r.normalized_name for r in rows]))
    return [(rows[i].id, rows[i].name) for i in sorted(hits)]


def organization_lookalikes(ctx: Context, name: str) -> dict[str, Any] | None:
    """The organization of this name with the others its name partly matches, ``{id, name,
    similar: [{id, name}]}``: what was said of it when a name typed made it (``new_org``),
    for the page a form that made it lands on (``None``: no organization has that name)."""
    with ctx.db.reading() as session:
        org = find_organization(session, name)
        if org is None:
            return None
        similar = _lookalikes(session, org.name, besides=org.id)
        return {
            "id": org.id,
            "name": org.name,
            "similar": [{"id": oid, "name": other} for oid, other in similar],
        }


def add_organization(
    ctx: Context,
    name: str,
    *,
    domain: str | None = None,
    industry: str | None = None,
    location: str | None = None,
    note: str | None = None,
) -> OrgView:
    """Create an organization; an existing one of the same name is a conflict. The view
    says under ``new_org`` which organizations the name partly matches (a near-duplicate
    can be seen)."""
    with ctx.db.transaction() as session:
        existing = find_organization(session, name)
        if existing is not None:
            raise Conflict(f"organization {existing.name!r} already exists (#{existing.id})")
        org, new = new_organization(session, name)
        org.domain = normalize_domain(domain) if domain and clean(domain) else None
        org.industry = clean(industry) if industry else None
        org.location = clean(location) if location else None
        org.notes = note.strip() if note else None
        session.flush()
        return _org_view(session, org, with_people=True) | {"new_org": new}


def edit_organization(
    ctx: Context,
    query: str,
    *,
    name: str | None = None,
    domain: str | None = None,
    industry: str | None = None,
    location: str | None = None,
    note: str | None = None,
) -> OrgView:
    """Rename an organization or change its details; an empty value clears a detail.

    A new name another organization already has is a conflict: they are one organization
    only if the user says so, and the people at each stay where they are.
    """
    if all(value is None for value in (name, domain, industry, location, note)):
        raise InvalidInput(
            "nothing to change: give --name, --domain, --industry, --location or --note"
        )
    with ctx.db.transaction() as session:
        org = resolve_organization(session, query)
        if name is not None:
            _rename(session, org, name)
        if domain is not None:
            org.domain = normalize_domain(domain) if clean(domain) else None
        if industry is not None:
            org.industry = clean(industry) or None
        if location is not None:
            org.location = clean(location) or None
        if note is not None:
            org.notes = note.strip() or None
        session.flush()
        return _org_view(session, org, with_people=True)


def _rename(session: Session, org: Organization, name: str) -> None:
    """Give the organization a new name, refused when another organization has it; its
    people are found by the new name."""
    text = clean(name)
    if not text:
        raise InvalidInput("give the organization's name")
    if not normalize_org(text):
        raise InvalidInput(f"not an organization name: {name!r}")
    other = find_organization(session, text)
    if other is not None and other.id != org.id:
        raise Conflict(
            f"organization {other.name!r} already exists (#{other.id}); "
            f"to make them one: netweave orgs merge {other.id} {org.id}",
            web=f"organization {other.name!r} already exists (#{other.id}); to make "
            "them one, merge this one into it: “Merge into another organization”, "
            "on its page",
        )
    org.name, org.normalized_name = text, normalize_org(text)
    # one of its other names, now its own: no longer an alias
    session.execute(
        delete(OrganizationAlias).where(OrganizationAlias.normalized_name == org.normalized_name)
    )
    session.flush()
    staff = select(Position.person_id).where(Position.organization_id == org.id)
    search.index_people(session, list(session.scalars(staff.distinct())))


#: Names offered as one types an employer in a web form (the most people there first).
NAMES_OFFERED = 1000


def organization_names(ctx: Context) -> list[str]:
    """Names of organizations to offer while an employer is typed, so that a short name
    (``Kelp``) can be completed to the one already here (``Kelp Forest Labs``) instead of
    making another. The ones with most people there now come first, at most
    ``NAMES_OFFERED``; remembered until anything changes (several forms offer them)."""

    def compute() -> list[str]:
        with ctx.db.reading() as session:
            staff = func.count(Position.id)
            rows = session.execute(
                select(Organization.name)
                .outerjoin(
                    Position,
                    (Position.organization_id == Organization.id) & Position.current.is_(True),
                )
                .group_by(Organization.id, Organization.name, Organization.sort_key)
                .order_by(staff.desc(), Organization.sort_key, Organization.id)
                .limit(NAMES_OFFERED)
            )
            return [name for (name,) in rows]

    return remembered(ctx, ("organization names",), compute)


def list_organizations(ctx: Context, query: str | None = None) -> list[OrgView]:
    """Every organization with the number of people there now, largest first; with
    ``query``, only those whose name holds each word of it, read as the command line reads
    an organization's name (``Google LLC`` finds Google), the one of that very name first."""
    key = normalize_org(query or "")
    words = key.split()
    with ctx.db.reading() as session:
        counts = (
            select(
                Position.organization_id, func.count(func.distinct(Position.person_id)).label("n")
            )
            .where(Position.current.is_(True))
            .group_by(Position.organization_id)
            .subquery()
        )
        rows = session.execute(
            select(Organization, func.coalesce(counts.c.n, 0), Target.id)
            .outerjoin(counts, counts.c.organization_id == Organization.id)
            .outerjoin(Target, Target.organization_id == Organization.id)
            .where(*[Organization.normalized_name.contains(w, autoescape=True) for w in words])
            .order_by(
                *([(Organization.normalized_name == key).desc()] if words else []),
                func.coalesce(counts.c.n, 0).desc(),
                Organization.sort_key,
                Organization.id,
            )
        ).all()
        return [
            {**_org_fields(org), "people_now": int(n), "target": target is not None}
            for org, n, target in rows
        ]


def show_organization(ctx: Context, query: str) -> OrgView:
    """One organization with its people now and its alumni."""
    with ctx.db.reading() as session:
        return _org_view(session, resolve_organization(session, query), with_people=True)


def aliases_of(session: Session, org_id: int) -> list[str]:
    """The other names an organization is known by (of those merged into it), oldest first."""
    return list(
        session.scalars(
            select(OrganizationAlias.name)
            .where(OrganizationAlias.organization_id == org_id)
            .order_by(OrganizationAlias.id)
        )
    )


def alias_keys(session: Session) -> dict[str, tuple[int, str, str]]:
    """Every alias key with the id, name and key of the organization it names (for
    imports, which look organizations up by key without a query each)."""
    rows = session.execute(
        select(
            OrganizationAlias.normalized_name,
            Organization.id,
            Organization.name,
            Organization.normalized_name,
        ).join(Organization, Organization.id == OrganizationAlias.organization_id)
    )
    return {alias: (oid, name, key) for alias, oid, name, key in rows}


def _org_fields(org: Organization) -> OrgView:
    return {
        "id": org.id,
        "name": org.name,
        "domain": org.domain,
        "industry": org.industry,
        "location": org.location,
        "notes": org.notes,
    }


def _org_view(session: Session, org: Organization, *, with_people: bool) -> OrgView:
    view = _org_fields(org)
    view["aliases"] = aliases_of(session, org.id)
    if with_people:
        rows = session.execute(
            select(
                Person.id, Person.display_name, Position.title, Position.current, Position.end_date
            )
            .join(Position, Position.person_id == Person.id)
            .where(Position.organization_id == org.id)
            .order_by(Person.sort_key, Person.id)
        ).all()
        now = [{"id": r.id, "name": r.display_name, "title": r.title} for r in rows if r.current]
        now_ids = {p["id"] for p in now}
        past = [
            {
                "id": r.id,
                "name": r.display_name,
                "title": r.title,
                "until": r.end_date and r.end_date.isoformat(),
            }
            for r in rows
            if not r.current and r.id not in now_ids
        ]
        view.update({"people_now": now, "alumni": past})
    return view

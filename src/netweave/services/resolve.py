"""Resolve what a user typed (an id, a name, an email) to one person or organization."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.errors import Ambiguous, InvalidInput, NotFound
from netweave.io.records import AKA_PREFIX, names_known_as
from netweave.logic.names import MAX_CANDIDATES, match_names
from netweave.logic.normalize import clean, normalize_org
from netweave.logic.parse import row_id
from netweave.logic.wording import echoed
from netweave.logic.woven import shell_word
from netweave.store.models import (
    ContactPoint,
    ImportBatch,
    Organization,
    OrganizationAlias,
    Person,
    Position,
)

#: How many merges in a row ``merged_into`` follows (A into B, then B into C, …).
MAX_MERGE_HOPS = 20
#: A merged kind of row: a person or an organization.
_Row = TypeVar("_Row", Person, Organization)


def merged_into(session: Session, pid: int) -> Person | None:
    """The person a record merged away (and not taken back) lives on as, following later
    merges of that one; ``None`` for a record never merged (or forgotten since)."""
    return _lives_on(session, Person, "merge", "merge #{} into #", pid)


def _lives_on(
    session: Session, model: type[_Row], kind: str, source: str, start: int
) -> _Row | None:
    """The row of ``model`` that the one of id ``start`` was merged into, following later
    merges (batches of ``kind`` whose ``source_name`` starts as ``source`` says)."""
    current = start
    for _ in range(MAX_MERGE_HOPS):
        name = session.scalars(
            select(ImportBatch.source_name)
            .where(
                ImportBatch.kind == kind,
                ImportBatch.state == "done",
                ImportBatch.source_name.startswith(source.format(current)),
            )
            .order_by(ImportBatch.id.desc())
            .limit(1)
        ).first()
        kept = row_id(name.rpartition("#")[2]) if name else None
        if kept is None:
            return None
        row = session.get(model, kept)
        if row is not None:
            return row
        current = kept
    return None


def resolve_person(session: Session, query: str) -> Person:
    """The person meant by ``query``: ``#id``/id, exact name, email, or a unique close match."""
    if not clean(query):
        raise NotFound("no person name given")
    pid = row_id(query)
    if pid is not None:
        person = session.get(Person, pid)
        if person is None:
            kept = merged_into(session, pid)
            by_phone = None if kept or query.strip().startswith("#") else _by_phone(session, query)
            if by_phone is not None:  # 14155556155: no id that high, a phone number
                return by_phone
            into = f": merged into {kept.display_name} (#{kept.id})" if kept else ""
            raise NotFound(f"no person with id {query.strip().removeprefix('#')}{into}")
        return person
    if "@" in query:
        found = session.scalars(
            select(Person)
            .join(ContactPoint)
            .where(ContactPoint.kind == "email", ContactPoint.normalized == clean(query).lower())
        ).first()
        if found is not None:
            return found
    elif (by_phone := _by_phone(session, query)) is not None:
        return by_phone
    rows = session.execute(select(Person.id, Person.display_name).order_by(Person.id)).all()
    hits = match_names(query, [r.display_name for r in rows])
    if not hits:
        return _known_as(session, query)
    if len(hits) > 1:
        ids = [rows[i].id for i in hits[:MAX_CANDIDATES]]
        raise Ambiguous(
            "name", query, describe_people(session, ids), more=len(hits) - len(ids),
            hint=f"{len(hits)} people match: give an #id or an email; "
            f"`netweave search {shell_word(clean(query))}` finds them",
        )  # fmt: skip
    person = session.get(Person, rows[hits[0]].id)
    assert person is not None
    return person


def _known_as(session: Session, query: str) -> Person:
    """The one person whose notes say they go by a name ``query`` matches ("Also known as
    Pepe (nickname)"), when no one's own name does."""
    found: dict[int, str] = {}
    for pid, notes in session.execute(
        select(Person.id, Person.notes)
        .where(Person.notes.contains(AKA_PREFIX, autoescape=True))
        .order_by(Person.id)
    ):
        if match_names(query, names_known_as(notes)):
            found[pid] = notes
    if not found:
        raise NotFound(f"no person matches {echoed(query)}")
    if len(found) > 1:
        ids = list(found)[:MAX_CANDIDATES]
        raise Ambiguous(
            "name", query, describe_people(session, ids), more=len(found) - len(ids),
            hint=f"{len(found)} people go by it: give an #id or an email",
        )  # fmt: skip
    person = session.get(Person, next(iter(found)))
    assert person is not None
    return person


def _by_phone(session: Session, query: str) -> Person | None:
    """The person whose phone number ``query`` is, typed in any usual way (a national number
    read in the configured region)."""
    from netweave.logic.contact_query import phone_candidates

    if not any(c.isdigit() for c in query):
        return None
    numbers = phone_candidates(query, phone_region(session))
    if not numbers:
        return None
    return session.scalars(
        select(Person)
        .join(ContactPoint)
        .where(ContactPoint.kind == "phone", ContactPoint.normalized.in_(numbers))
        .order_by(ContactPoint.normalized)
    ).first()


def phone_region(session: Session) -> str:
    """The region national phone numbers are read in, as ``Settings.phone_region`` is made:
    ``NETWEAVE_PHONE_REGION``, else ``netweave config set phone_region``, else US."""
    from netweave.config import Settings, load_region, with_preferences
    from netweave.services.context import stored_preferences

    stored = {k: v for k, v in stored_preferences(session).items() if k == "phone_region"}
    return with_preferences(Settings("", phone_region=load_region()), stored).phone_region


def resolve_other(session: Session, query: str, purpose: str) -> Person:
    """``resolve_person`` for a command about someone else: the user's own record is
    refused, with ``purpose`` saying what to name instead."""
    person = resolve_person(session, query)
    if person.is_me:
        raise InvalidInput(f"{person.display_name!r} is you: {purpose}")
    return person


def distinct_people(people: Iterable[Person]) -> list[Person]:
    """Each person once, in the order first named (``bob`` and ``#2`` may be the same)."""
    seen: dict[int, Person] = {}
    for person in people:
        seen.setdefault(person.id, person)
    return list(seen.values())


def describe_people(session: Session, ids: list[int]) -> list[str]:
    """``Name (#id, Company)`` for each id, to tell candidates apart."""
    orgs: dict[int, str] = {
        row[0]: row[1]
        for row in session.execute(
            select(Position.person_id, func.min(Organization.name))
            .join(Organization)
            .where(Position.person_id.in_(ids), Position.current.is_(True))
            .group_by(Position.person_id)
        )
    }
    names: dict[int, str] = {
        row[0]: row[1]
        for row in session.execute(select(Person.id, Person.display_name).where(Person.id.in_(ids)))
    }
    return [f"{names[i]} (#{i}{', ' + orgs[i] if i in orgs else ''})" for i in ids if i in names]


def find_organization(session: Session, name: str) -> Organization | None:
    """The organization whose normalized name equals that of ``name``, or that has it as
    an alias (the name of an organization merged into it: "Facebook" finds Meta)."""
    key = normalize_org(name)
    found = session.scalars(select(Organization).where(Organization.normalized_name == key)).first()
    if found is not None or not key:
        return found
    return session.scalars(
        select(Organization)
        .join(OrganizationAlias, OrganizationAlias.organization_id == Organization.id)
        .where(OrganizationAlias.normalized_name == key)
    ).first()


#: How an organization merge's batch names the two: ``source_name`` of its ``import_batch``.
ORG_MERGE_SOURCE = "merge organization #{other} into #{keep}"


def org_merged_into(session: Session, oid: int) -> Organization | None:
    """The organization one merged away (and not taken back) lives on as, following later
    merges of that one; ``None`` for one never merged."""
    return _lives_on(session, Organization, "org-merge", "merge organization #{} into #", oid)


def resolve_organization(session: Session, query: str, *, exact: bool = False) -> Organization:
    """The organization meant by ``query``: id, same normalized name, or a unique close match
    (with ``exact``, for what cannot be taken back at once, as a merge: no close match, but
    those there are named in the error)."""
    if not clean(query):
        raise InvalidInput("give the organization's name")  # as `targets add ''` says it
    oid = row_id(query)
    if oid is not None:
        org = session.get(Organization, oid)
        if org is None:
            kept = org_merged_into(session, oid)
            into = f": merged into {kept.name} (#{kept.id})" if kept else ""
            raise NotFound(f"no organization with id {query.strip().removeprefix('#')}{into}")
        return org
    org = find_organization(session, query)
    if org is not None:
        return org
    rows = session.execute(
        select(Organization.id, Organization.name).order_by(Organization.id)
    ).all()
    hits = match_names(query, [r.name for r in rows])
    if not hits:
        raise NotFound(f"no organization matches {echoed(query)}")
    if exact:
        close = ", ".join(f"{rows[i].name} (#{rows[i].id})" for i in hits[:5])
        raise NotFound(f"no organization is named {query!r}: give its whole name or #id ({close}?)")
    if len(hits) > 1:
        raise ambiguous_organization(query, [(rows[i].id, rows[i].name) for i in hits])
    found = session.get(Organization, rows[hits[0]].id)
    assert found is not None
    return found


def ambiguous_organization(query: str, matches: Sequence[tuple[int, str]]) -> Ambiguous:
    """The error for a name that matches several organizations (``Kelp``: Kelp Power and
    Kelp Forest Labs), the first ``MAX_CANDIDATES`` of them named: the one error of every
    command that looks an organization up by name (exit 2)."""
    listed = [f"{name} (#{oid})" for oid, name in matches[:MAX_CANDIDATES]]
    return Ambiguous("organization", query, listed, more=len(matches) - len(listed))


#: People of a name like theirs looked at to tell whether their name finds them alone.
HANDLE_POOL = 500


def person_handle(session: Session, person: Person) -> str:
    """How the command line names ``person``: their name when it finds them alone (by the
    rules of ``resolve_person``), else ``#id``. Only the people the search index finds for
    the name are compared: every namesake is among them."""
    from netweave.store import search

    ids = set(search.search_ids(session, person.display_name, limit=HANDLE_POOL))
    rows = session.execute(
        select(Person.id, Person.display_name)
        .where(Person.id.in_(sorted(ids | {person.id})))
        .order_by(Person.id)
    ).all()
    hits = match_names(person.display_name, [r.display_name for r in rows])
    return person.display_name if [rows[i].id for i in hits] == [person.id] else f"#{person.id}"

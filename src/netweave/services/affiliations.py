"""A person's schools, alumni groups and clubs (affiliations), added and removed by hand.

What paths, advocacy (Dalton's "alumni") and the shared factor of strength read: a
community shared with the user's own record counts for the people in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.logic.normalize import clean, normalize_org
from netweave.logic.parse import Affiliated, parse_affiliation
from netweave.logic.vocab import COMMUNITY_KINDS, choose
from netweave.logic.wording import echoed
from netweave.services import field_lengths as column
from netweave.services.context import Context
from netweave.services.removed import forget_removed, remember_removed
from netweave.services.resolve import resolve_person
from netweave.store import stats
from netweave.store.models import Affiliation, Community, Person

#: The years an affiliation may name (a school's first to last).
FIRST_YEAR, LAST_YEARS_AHEAD = 1900, 10


def add_affiliation(
    ctx: Context,
    query: str,
    community: str,
    *,
    kind: str | None = None,
    role: str | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
) -> dict[str, Any]:
    """Add the community (a school, an alumni group, a club: made when new here, matched by
    its name as organizations are) to the person ``query`` names, with their role and
    years; the same one twice is refused."""
    with ctx.db.transaction() as session:
        person = resolve_person(session, query)
        row = affiliate(
            session, person, community, kind=kind, role=role, years=(start_year, end_year),
            today=ctx.clock.today(),
        )  # fmt: skip
        _shared_again(session, person)
        return _view(row, row.community) | {"person_id": person.id, "person": person.display_name}


def affiliate(
    session: Session,
    person: Person,
    community: str,
    *,
    kind: str | None,
    role: str | None,
    years: tuple[int | None, int | None],
    today: dt.date,
    batch: int | None = None,
) -> Affiliation:
    """Add the community to the person, as ``add_affiliation`` says (the shared counts are
    the caller's to count again); ``batch``: the import that brings it in (and makes the
    community, when new)."""
    name = clean(community)
    if not name:
        raise InvalidInput("community: name the school, group or club")
    if len(name) > column.COMMUNITY:
        raise InvalidInput(f"community: at most {column.COMMUNITY} characters")
    said_role = clean(role or "") or None
    if said_role and len(said_role) > column.AFFILIATION_ROLE:
        raise InvalidInput(f"role: at most {column.AFFILIATION_ROLE} characters")
    wanted = choose(kind, COMMUNITY_KINDS, "kind of community") if kind else None
    start, end = check_years(*years, today)
    group = _community(session, name, wanted, batch)
    if held_as(person, group, said_role) is not None:
        raise Conflict(f"{person.display_name} is in {group.name} already")
    row = Affiliation(community=group, role=said_role, start_year=start, end_year=end,
                      import_batch_id=batch)  # fmt: skip
    person.affiliations.append(row)
    session.flush()
    if batch is None:  # given back by hand: an import may bring it again
        forget_removed(session, person.id, taken_key(group.name))
    return row


def taken_key(community: str) -> str:
    """How a community taken from someone by hand is remembered (services/removed.py), so
    that an import of the same export does not add it to them again."""
    return f"community:{normalize_org(clean(community))}"


def held_as(person: Person, group: Community, role: str | None) -> Affiliation | None:
    """The person's affiliation with this community in this role (any case), if any."""
    return next(
        (
            held
            for held in person.affiliations
            if held.community_id == group.id
            and (held.role or "").casefold() == (role or "").casefold()
        ),
        None,
    )


def change_affiliations(
    session: Session, person: Person, changes: AffiliationChanges, today: dt.date
) -> None:
    """``people add``/``edit``'s schools and communities: those named by ``remove`` taken
    away first (a correction takes the old one, adds the new), then those given added."""
    for value in changes.remove:
        key = normalize_org(clean(value))
        found = [a for a in person.affiliations if a.community.normalized_name == key]
        if not key or not found:
            raise InvalidInput(f"{person.display_name} has no school or community {echoed(value)}")
        for row in found:
            person.affiliations.remove(row)
            remember_removed(session, person.id, taken_key(row.community.name))
    session.flush()
    typed = [(v, parse_affiliation(v, kind="school")) for v in changes.schools]
    typed += [(v, parse_affiliation(v)) for v in changes.communities]
    _given_once(typed, len(changes.schools))
    for value, (kind, name, role, years) in typed:
        try:
            affiliate(session, person, name, kind=kind, role=role, years=years, today=today)
        except InvalidInput as exc:
            raise InvalidInput(f"{kind} {value!r}: {exc}") from None


def _given_once(typed: list[tuple[str, Affiliated]], schools: int) -> None:
    """The same community in the same role named twice in one command is refused as such
    (not as one the person is in already, which they are not yet)."""
    seen: set[tuple[str, str]] = set()
    for n, (value, (_kind, name, role, _years)) in enumerate(typed):
        key = (normalize_org(name), (role or "").casefold())
        if key in seen:
            option = "--school" if n < schools else "--community"
            raise InvalidInput(f"{option} {echoed(value)} is given twice")
        seen.add(key)


@dataclass
class AffiliationChanges:
    """The schools (``NAME[:ROLE][:YEARS]``) and communities (``KIND:NAME[:ROLE][:YEARS]``)
    to add, and the names of those to take away."""

    schools: list[str] = field(default_factory=list)
    communities: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)


def remove_affiliation(ctx: Context, query: str, affiliation_id: int) -> dict[str, Any]:
    """Take one of the person's affiliations away (the community stays, with its others)."""
    with ctx.db.transaction() as session:
        person = resolve_person(session, query)
        row = next((a for a in person.affiliations if a.id == affiliation_id), None)
        if row is None:
            said = f"school or community #{affiliation_id} (removed already?)"
            raise NotFound(f"{person.display_name} has no {said}")
        view = _view(row, row.community)
        person.affiliations.remove(row)
        remember_removed(session, person.id, taken_key(row.community.name))
        session.flush()
        _shared_again(session, person)
        return view | {"person_id": person.id, "person": person.display_name}


def check_years(
    start: int | None, end: int | None, today: dt.date
) -> tuple[int | None, int | None]:
    """The years as given, each within reason, the first not after the last."""
    last = today.year + LAST_YEARS_AHEAD
    for label, year in (("from", start), ("to", end)):
        if year is not None and not FIRST_YEAR <= year <= last:
            raise InvalidInput(f"{label}: a year from {FIRST_YEAR} to {last}, not {year}")
    if start is not None and end is not None and start > end:
        raise InvalidInput(f"from: {start} is after the year it ends ({end})")
    return start, end


def community_named(session: Session, name: str) -> Community | None:
    """The community of this name (spelt any way, matched as organizations are), if any."""
    key = normalize_org(clean(name))
    return session.scalars(select(Community).where(Community.normalized_name == key)).first()


def _community(session: Session, name: str, kind: str | None, batch: int | None) -> Community:
    """The community of this name (its kind set when it had none), made when new."""
    group = community_named(session, name)
    if group is None:
        group = Community(name=name, normalized_name=normalize_org(name), kind=kind or "other",
                          import_batch_id=batch)  # fmt: skip
        session.add(group)
        session.flush()
    elif kind and group.kind == "other" and batch is None:  # (an import's undo could not
        group.kind = kind  # tell it back)
    return group


def _shared_again(session: Session, person: Person) -> None:
    """What the person shares with the user, counted again (everyone's, for the user)."""
    stats.refresh_shared(session, None if person.is_me else [person.id])


def _view(row: Affiliation, group: Community) -> dict[str, Any]:
    return {
        "id": row.id,
        "community": group.name,
        "kind": group.kind,
        "role": row.role,
        "years": [row.start_year, row.end_year],
    }

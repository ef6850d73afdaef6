"""Plain-data views of people and organizations: the JSON shapes of the CLI contract and the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from netweave.logic.cadence import cadence_days, next_due
from netweave.store.models import (
    ContactPoint,
    Interaction,
    InteractionParticipant,
    Person,
    Position,
)

PersonView = dict[str, Any]
_CHUNK = 500


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def contact_dates(session: Session, ids: Sequence[int]) -> dict[int, tuple[dt.date, dt.date]]:
    """(first, last) interaction date per person, from the per-person index."""
    out: dict[int, tuple[dt.date, dt.date]] = {}
    p = InteractionParticipant
    for chunk in _chunks(ids):
        rows = session.execute(
            select(p.person_id, func.min(p.occurred_at), func.max(p.occurred_at))
            .where(p.person_id.in_(chunk))
            .group_by(p.person_id)
        )
        for pid, first, last in rows:
            out[pid] = (_as_date(first), _as_date(last))
    return out


def _as_date(value: Any) -> dt.date:
    """A date from a timestamp that aggregate functions may return as text on SQLite."""
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value).date()
    assert isinstance(value, dt.datetime)
    return value.date()


def current_position(person: Person) -> Position | None:
    """The person's current position (the latest started, when there are several)."""
    current = [p for p in person.positions if p.current]
    if not current:
        return None
    return max(current, key=lambda p: (p.start_date or dt.date.min, p.id))


def load_people(session: Session, ids: Sequence[int]) -> list[Person]:
    """People with everything the person view needs, in the order of ``ids``."""
    found: dict[int, Person] = {}
    for chunk in _chunks(ids):
        query = (
            select(Person)
            .where(Person.id.in_(chunk))
            .options(
                selectinload(Person.contact_points),
                selectinload(Person.positions).selectinload(Position.organization),
                selectinload(Person.tags),
                selectinload(Person.interests),
                selectinload(Person.needs),
                selectinload(Person.offers),
            )
        )
        found.update((p.id, p) for p in session.scalars(query))
    return [found[i] for i in ids if i in found]


def _points(person: Person, kind: str) -> list[ContactPoint]:
    points = [c for c in person.contact_points if c.kind == kind]
    return sorted(points, key=lambda c: (not c.is_primary, c.id))


def person_view(
    person: Person,
    dates: tuple[dt.date, dt.date] | None,
    circles: Mapping[str, int | None],
) -> PersonView:
    """The person shape of the CLI contract (``strength`` stays null until it is computed)."""
    position = current_position(person)
    linkedin = _points(person, "linkedin")
    first_contact, last_contact = dates if dates else (None, None)
    first_met = person.met_on or first_contact
    cadence = cadence_days(person.circle, person.cadence_days, circles)
    known_since = first_met or person.created_at.date()
    return {
        "id": person.id,
        "name": person.display_name,
        "emails": [c.value for c in _points(person, "email")],
        "phones": [c.value for c in _points(person, "phone")],
        "company": position.organization.name if position else None,
        "title": position.title if position else None,
        "linkedin": linkedin[0].value if linkedin else None,
        "tags": sorted(t.label for t in person.tags),
        "circle": person.circle,
        "interests": [{"category": i.category, "label": i.label} for i in person.interests],
        "needs": [n.text for n in person.needs],
        "offers": [o.text for o in person.offers],
        "first_met": _iso(first_met),
        "last_interaction": _iso(last_contact),
        "strength": person.strength_override,
        "strength_factors": {},
        "is_me": person.is_me,
        "cadence_days": cadence,
        "next_due": _iso(next_due(last_contact, known_since, cadence)),
    }


def person_views(
    session: Session, ids: Sequence[int], circles: Mapping[str, int | None]
) -> list[PersonView]:
    """Person views for many ids, with batched queries."""
    people = load_people(session, ids)
    dates = contact_dates(session, [p.id for p in people])
    return [person_view(p, dates.get(p.id), circles) for p in people]


def person_detail(
    session: Session, person: Person, circles: Mapping[str, int | None]
) -> PersonView:
    """The full view of one person: the contract shape plus profile, history and timeline."""
    view = person_views(session, [person.id], circles)[0]
    view.update(
        {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "pronouns": person.pronouns,
            "headline": person.headline,
            "location": person.location,
            "birthday": person.birthday,
            "notes": person.notes,
            "met": {
                "how": person.met_how,
                "event": person.met_event.name if person.met_event else None,
                "on": _iso(person.met_on),
                "introduced_by": person.introduced_by.display_name
                if person.introduced_by
                else None,
            },
            "contact_points": [
                {"kind": c.kind, "value": c.value, "label": c.label, "primary": c.is_primary}
                for c in person.contact_points
            ],
            "positions": [
                {
                    "organization": p.organization.name,
                    "title": p.title,
                    "start": _iso(p.start_date),
                    "end": _iso(p.end_date),
                    "current": p.current,
                }
                for p in sorted(
                    person.positions, key=lambda p: (not p.current, p.start_date or dt.date.min)
                )
            ],
            "affiliations": [
                {
                    "community": a.community.name,
                    "kind": a.community.kind,
                    "role": a.role,
                    "years": [a.start_year, a.end_year],
                }
                for a in person.affiliations
            ],
            "interactions": recent_interactions(session, person.id),
        }
    )
    return view


def recent_interactions(session: Session, person_id: int, limit: int = 20) -> list[dict[str, Any]]:
    """The person's latest interactions, newest first."""
    rows = session.scalars(
        select(Interaction)
        .join(InteractionParticipant)
        .where(InteractionParticipant.person_id == person_id)
        .order_by(InteractionParticipant.occurred_at.desc(), Interaction.id.desc())
        .limit(limit)
    )
    return [interaction_view(i) for i in rows]


def interaction_view(interaction: Interaction) -> dict[str, Any]:
    """The JSON shape of an interaction."""
    return {
        "id": interaction.id,
        "when": interaction.occurred_at.isoformat(),
        "date": interaction.occurred_at.date().isoformat(),
        "kind": interaction.kind,
        "direction": interaction.direction,
        "summary": interaction.summary,
        "source": interaction.source,
        "participants": sorted(p.person_id for p in interaction.participants),
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None

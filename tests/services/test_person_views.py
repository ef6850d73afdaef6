"""Everyone's person views, read a whole table at a time, are those of the slow way."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from netweave.demo import build_demo
from netweave.logic.sorting import name_sort_key
from netweave.services import views as views_module
from netweave.services.context import Context
from netweave.services.directory import PeopleFilter, list_people
from netweave.services.relationships import strength_fields, strengths
from netweave.services.views import person_views
from netweave.store import models as m
from netweave.store import stats, tables


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _slow_view(
    session: Session, person: m.Person, now: dt.datetime, cadence: int | None
) -> dict[str, Any]:
    """One person's view from the ORM objects, one person at a time."""
    points = sorted(person.contact_points, key=lambda c: (not c.is_primary, c.id))
    jobs = views_module._jobs(session, [person.id]).get(person.id)
    tie = session.scalars(
        select(m.PersonStats).where(m.PersonStats.person_id == person.id)
    ).one_or_none()
    facts = stats.tie_facts(tie, person.met_on)
    computed = strengths(session, [person.id], now).get(person.id)
    return {
        "id": person.id,
        "name": person.display_name,
        "emails": [c.value for c in points if c.kind == "email"],
        "phones": [c.value for c in points if c.kind == "phone"],
        "company": jobs[0].name if jobs else None,
        "title": jobs[0].title if jobs else None,
        "linkedin": next((c.value for c in points if c.kind == "linkedin"), None),
        "tags": sorted((t.label for t in person.tags), key=name_sort_key),
        "circle": person.circle,
        "location": person.location,
        "headline": person.headline,
        "interests": [{"category": i.category, "label": i.label} for i in person.interests],
        "needs": [n.text for n in person.needs],
        "offers": [o.text for o in person.offers],
        "first_met": _iso(person.met_on or facts.first_contact),
        "last_interaction": _iso(facts.last_contact),
        **strength_fields(computed, person.strength_override),
        "is_me": person.is_me,
        "cadence_days": None if person.is_me else cadence,
        "next_due": _iso(tie.next_due if tie else None),
    }


def _the_slow_way(ctx: Context) -> list[dict[str, Any]]:
    """Everyone's view, by name, built person by person from the ORM objects, with each
    strength from ``relationships.strengths`` and each cadence from ``stats.cadences``."""
    now = ctx.clock.now()
    with ctx.db.reading() as session:
        people = session.scalars(
            select(m.Person)
            .order_by(m.Person.sort_key, m.Person.id)
            .options(
                selectinload(m.Person.contact_points),
                selectinload(m.Person.tags),
                selectinload(m.Person.interests),
                selectinload(m.Person.needs),
                selectinload(m.Person.offers),
            )
        ).all()
        ids = [p.id for p in people]
        cadences = stats.cadences(session, ids, ctx.settings.circles)
        return [_slow_view(session, p, now, cadences[p.id][0]) for p in people]


def _in_chunks(ctx: Context, ids: list[int]) -> list[dict[str, Any]]:
    """The same views, 400 people at a time (each chunk asked for by its ids)."""
    with ctx.db.rows() as conn:
        return [
            view
            for start in range(0, len(ids), 400)
            for view in person_views(
                conn, ids[start : start + 400], ctx.settings.circles, ctx.clock.now()
            )
        ]


def test_everyone_s_views_are_those_of_the_slow_way_byte_for_byte(ctx: Context) -> None:
    build_demo(ctx, people=1200, seed=5)
    p, t = tables.person.c, tables.tag.c
    with ctx.db.transaction() as session:  # what the demo does not hold: pinned strengths,
        # and tags with a cadence (someone with two of them keeps the shorter)
        session.execute(update(tables.person).where(p.id % 7 == 0).values(strength_override=42))
        labels = list(session.scalars(select(t.label).order_by(t.id).limit(3)))
        for label, days in zip(labels, (20, 45, 90), strict=True):
            session.execute(update(tables.tag).where(t.label == label).values(cadence_days=days))
    views = list_people(ctx, PeopleFilter())
    assert len(views) > 1000  # more than half the people: the whole tables are read
    assert views == _the_slow_way(ctx)
    text = json.dumps(views, indent=2)
    assert text == json.dumps(_in_chunks(ctx, [v["id"] for v in views]), indent=2)
    assert {v["strength"] for v in views if v["strength_pinned"]} == {42}
    assert {20, 45, 90} <= {v["cadence_days"] for v in views}
    assert any(v["phones"] for v in views)
    assert any(v["linkedin"] for v in views)

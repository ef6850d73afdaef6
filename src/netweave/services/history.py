"""A relationship's strength over time, for the person page's chart."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netweave.clock import day_of
from netweave.logic.history import Contact, sample_moments, strength_series
from netweave.logic.strength import depth_weight, total
from netweave.services.context import Context
from netweave.services.memo import remembered
from netweave.services.resolve import resolve_person
from netweave.store import stats
from netweave.store.models import (
    Exchange,
    Interaction,
    InteractionParticipant,
    Person,
    PersonStats,
)

#: How far back the chart reaches when there is no conversation yet.
EMPTY_SPAN_DAYS = 180


def strength_history(ctx: Context, query: str, samples: int = 24) -> dict[str, Any]:
    """Strength and its factors at ``samples`` moments from the first contact to today."""
    with ctx.db.reading() as session:
        person = resolve_person(session, query)
        return history_of(session, person, ctx.clock.today(), samples)


def history_of(
    session: Session, person: Person, today: dt.date, samples: int = 24
) -> dict[str, Any]:
    """``strength_history`` inside an open transaction."""
    part = InteractionParticipant
    theirs = select(part.interaction_id).where(part.person_id == person.id)
    sizes = (
        select(part.interaction_id, func.count().label("n"))
        .where(part.interaction_id.in_(theirs))
        .group_by(part.interaction_id)
        .subquery()
    )
    rows = session.execute(
        select(Interaction.occurred_at, Interaction.kind, Interaction.direction, sizes.c.n)
        .join(sizes, sizes.c.interaction_id == Interaction.id)
        .order_by(Interaction.occurred_at)
    ).all()
    exchanges = session.execute(
        select(Exchange.direction, Exchange.occurred_on).where(Exchange.person_id == person.id)
    ).all()
    shared = session.scalar(select(PersonStats.shared).where(PersonStats.person_id == person.id))
    contacts = [
        Contact(_aware(when), depth_weight(kind, n), stats.is_two_way(kind, direction))
        for when, kind, direction, n in rows
    ]
    start = day_of(contacts[0].when) if contacts else today - dt.timedelta(days=EMPTY_SPAN_DAYS)
    start = min(start, today - dt.timedelta(days=30))
    moments = sample_moments(start, today, samples)
    series = strength_series(
        contacts,
        [d for direction, d in exchanges if direction == "gave"],
        [d for direction, d in exchanges if direction == "received"],
        shared or 0,
        moments,
        person.met_on,
    )
    return {
        "person": person.display_name,
        "pinned": person.strength_override,
        "points": [
            {"date": day_of(m).isoformat(), "strength": total(parts), "factors": parts}
            for m, parts in zip(moments, series, strict=True)
        ],
        "contacts": [day_of(c.when).isoformat() for c in contacts],
    }


def person_overview(ctx: Context, query: str) -> dict[str, Any]:
    """Everything the person page shows, in one read: detail, strength over time, woven check.

    Remembered until anything is committed (or the hour turns): the person page is the
    web app's most visited after Today.
    """
    return remembered(ctx, ("person", query), lambda: _overview(ctx, query))


def _overview(ctx: Context, query: str) -> dict[str, Any]:
    from netweave.services.interactions import verdict_view
    from netweave.services.people import detail

    with ctx.db.reading() as session:
        person = resolve_person(session, query)
        return {
            "person": detail(ctx, session, person),
            "history": history_of(session, person, ctx.clock.today()),
            "woven": verdict_view(ctx, session, person),
        }


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)

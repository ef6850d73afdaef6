"""Logging conversations: an interaction with its participants and what was given or asked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from netweave.errors import InvalidInput
from netweave.logic.normalize import clean
from netweave.logic.vocab import DIRECTIONS, EXCHANGE_KINDS, INTERACTION_KINDS, choose
from netweave.services.context import Context
from netweave.services.resolve import resolve_person
from netweave.services.views import interaction_view
from netweave.store.models import Exchange, Interaction, InteractionParticipant, Person

#: Manual entries without a time of day are placed at noon UTC, so the date reads the same
#: in every time zone from UTC-11 to UTC+11.
_NOON = dt.time(12, 0, tzinfo=dt.UTC)


@dataclass
class LogRequest:
    """One conversation to record (the ``netweave log`` options)."""

    names: list[str]
    kind: str = "meeting"
    on: dt.date | None = None
    direction: str = "both"
    note: str | None = None
    gave: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    received: list[str] = field(default_factory=list)
    confirmed: bool = False


def log_interaction(ctx: Context, request: LogRequest) -> dict[str, Any]:
    """Record an interaction with one or more people, and any gives, asks and receipts."""
    if not request.names:
        raise InvalidInput("name at least one person to log a conversation with")
    kind = choose(request.kind, INTERACTION_KINDS, "interaction kind")
    direction = choose(request.direction, DIRECTIONS, "direction")
    exchanges = [
        (d, choose(k, EXCHANGE_KINDS, "exchange kind"))
        for d, kinds in (
            ("gave", request.gave),
            ("asked", request.asked),
            ("received", request.received),
        )
        for k in kinds
    ]
    today = ctx.clock.today()
    on = request.on or today
    if on > today:
        raise InvalidInput(f"cannot log a conversation on {on}, after today ({today})")
    when = dt.datetime.combine(on, _NOON) if request.on else ctx.clock.now()
    with ctx.db.transaction() as session:
        people = _distinct([resolve_person(session, n) for n in request.names])
        interaction = Interaction(
            occurred_at=when,
            kind=kind,
            direction=direction,
            summary=clean(request.note) if request.note else None,
            source="manual",
        )
        interaction.participants = [
            InteractionParticipant(person_id=p.id, occurred_at=when) for p in people
        ]
        session.add(interaction)
        session.flush()
        for person in people:
            for exchange_direction, exchange_kind in exchanges:
                session.add(
                    Exchange(
                        person_id=person.id,
                        interaction_id=interaction.id,
                        direction=exchange_direction,
                        kind=exchange_kind,
                        status="open" if exchange_direction == "asked" else "fulfilled",
                        occurred_on=on,
                    )
                )
        view = interaction_view(interaction)
        view["people"] = [p.display_name for p in people]
        view["exchanges"] = [{"direction": d, "kind": k} for d, k in exchanges]
        return {"interaction": view, "woven": None, "coaching": []}


def _distinct(people: list[Person]) -> list[Person]:
    seen: dict[int, Person] = {}
    for person in people:
        seen.setdefault(person.id, person)
    return list(seen.values())

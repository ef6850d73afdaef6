"""What the user asked people for, and whether they got it: an ask is open until it is
fulfilled (by hand, or by logging what was received) or declined."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput, NotFound
from netweave.services.context import Context
from netweave.services.resolve import resolve_person
from netweave.store.models import Exchange, Person

#: How an open ask can end.
SETTLED = ("fulfilled", "declined")


def list_asks(ctx: Context, name: str | None = None, *, all_: bool = False) -> list[dict[str, Any]]:
    """The user's asks, the oldest open one first (with ``all_``, settled ones after)."""
    today = ctx.clock.today()
    with ctx.db.reading() as session:
        query = (
            select(Exchange, Person.display_name)
            .join(Person, Person.id == Exchange.person_id)
            .where(Exchange.direction == "asked")
            .order_by(Exchange.status != "open", Exchange.occurred_on, Exchange.id)
        )
        if name is not None:
            query = query.where(Exchange.person_id == resolve_person(session, name).id)
        if not all_:
            query = query.where(Exchange.status == "open")
        return [_view(ask, person, today) for ask, person in session.execute(query)]


def settle_ask(ctx: Context, ask_id: int, status: str) -> dict[str, Any]:
    """Mark ask ``ask_id`` fulfilled or declined (or open again); an ask already so is left
    as it is, and its view says ``already``."""
    if status not in (*SETTLED, "open"):
        raise InvalidInput(f"an ask is open, fulfilled or declined, not {status!r}")
    with ctx.db.transaction() as session:
        ask = session.get(Exchange, ask_id)
        if ask is None or ask.direction != "asked":
            raise NotFound(f"no ask #{ask_id} (`netweave asks list` lists them)")
        person = session.get(Person, ask.person_id)
        assert person is not None
        if ask.status == status:  # nothing to change: said, not done again
            return _view(ask, person.display_name, ctx.clock.today()) | {"already": True}
        ask.status = status
        ask.settled_on = ctx.clock.today() if status in SETTLED else None
        ask.fulfilled_by_interaction_id = None  # settled (or opened) by hand
        return _view(ask, person.display_name, ctx.clock.today())


def fulfil_by_receipts(
    session: Session, person: Person, kinds: list[str], on: dt.date, interaction_id: int
) -> list[dict[str, Any]]:
    """Asks a receipt logged in conversation ``interaction_id`` answers: for each kind
    received, the oldest open ask of that kind made of the person on or before ``on``, now
    fulfilled by that conversation (``{id, person, kind, on}``)."""
    person_id = person.id
    done: list[dict[str, Any]] = []
    for kind in dict.fromkeys(kinds):
        oldest = session.execute(
            select(Exchange.id, Exchange.occurred_on)
            .where(
                Exchange.person_id == person_id,
                Exchange.direction == "asked",
                Exchange.status == "open",
                Exchange.kind == kind,
                Exchange.occurred_on <= on,
            )
            .order_by(Exchange.occurred_on, Exchange.id)
            .limit(1)
        ).first()
        if oldest is not None:
            answered = update(Exchange).where(Exchange.id == oldest.id)
            session.execute(
                answered.values(
                    status="fulfilled", settled_on=on, fulfilled_by_interaction_id=interaction_id
                )
            )
            done.append({"id": oldest.id, "person": person.display_name, "kind": kind,
                         "on": oldest.occurred_on.isoformat()})  # fmt: skip
    return done


def reopen_answered(
    session: Session, interaction_id: int, person_ids: set[int] | None = None
) -> list[dict[str, Any]]:
    """Open again the asks conversation ``interaction_id`` fulfilled (only those of
    ``person_ids`` when given): its receipt is being taken back or moved
    (``{id, person, kind, on}``)."""
    query = (
        select(Exchange, Person.display_name)
        .join(Person, Person.id == Exchange.person_id)
        .where(Exchange.fulfilled_by_interaction_id == interaction_id)
        .order_by(Exchange.occurred_on, Exchange.id)
    )
    if person_ids is not None:
        query = query.where(Exchange.person_id.in_(person_ids))
    opened = []
    for ask, person in session.execute(query).tuples():
        ask.status, ask.settled_on, ask.fulfilled_by_interaction_id = "open", None, None
        opened.append(
            {"id": ask.id, "person": person, "kind": ask.kind, "on": ask.occurred_on.isoformat()}
        )
    return opened


def _view(ask: Exchange, person: str, today: dt.date) -> dict[str, Any]:
    return {
        "id": ask.id,
        "person": person,
        "person_id": ask.person_id,
        "kind": ask.kind,
        "on": ask.occurred_on.isoformat(),
        "status": ask.status,
        # an ask dated after today (``--as-of`` an earlier day) has been open no time yet,
        # as a lead's days in its stage: 0, never a negative count; ``after_today`` says so
        "days_open": max((today - ask.occurred_on).days, 0) if ask.status == "open" else None,
        "after_today": ask.occurred_on > today,
        "settled_on": ask.settled_on.isoformat() if ask.settled_on else None,
        "fulfilled_by": ask.fulfilled_by_interaction_id,
        "note": ask.note,
    }

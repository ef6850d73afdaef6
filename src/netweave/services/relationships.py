"""The state of each relationship: strength and its reasons, reciprocity, responder class."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select

from netweave.clock import day_of
from netweave.logic.followup import Waiting, in_routine, responder_class
from netweave.logic.strength import explain, factors, total
from netweave.store.stats import id_chunks, is_two_way, tie_facts
from netweave.store.tables import (
    exchange,
    interaction,
    interaction_participant,
    person,
    person_stats,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from netweave.store.engine import Reader

_CHUNK = 500
OUTREACH_ASKS = ("advice", "information")


def strengths(
    session: Reader, ids: Sequence[int], now: dt.datetime
) -> dict[int, tuple[int, dict[str, float]]]:
    """(strength, factors) for each person that has aggregates, from plain rows."""
    table = person_stats.c
    out: dict[int, tuple[int, dict[str, float]]] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(person_stats, person.c.met_on)
            .join(person, person.c.id == table.person_id)
            .where(table.person_id.in_(ids[start : start + _CHUNK]))
        )
        for row in rows:
            parts = factors(tie_facts(row, row.met_on), now)
            out[row.person_id] = (total(parts), parts)
    return out


def strength_fields(
    computed: tuple[int, dict[str, float]] | None, pinned: int | None
) -> dict[str, Any]:
    """The ``strength``, ``strength_factors`` and ``strength_reason`` of a person view."""
    value, parts = computed if computed else (0, {})
    return {
        "strength": pinned if pinned is not None else value,
        "strength_factors": parts,
        "strength_reason": explain(parts, pinned, value if computed else None),
        "strength_pinned": pinned is not None,
    }


def reciprocity(session: Reader, person_id: int, now: dt.datetime) -> dict[str, Any]:
    """What the user gave, received and asked of a person, and the balance; whether the
    user has only taken so far (``only_taken``: nothing given, and something received or
    asked, but not someone ``asking_first``)."""
    rows = session.execute(
        select(
            exchange.c.id,
            exchange.c.direction,
            exchange.c.kind,
            exchange.c.status,
            exchange.c.occurred_on,
            exchange.c.note,
            exchange.c.settled_on,
        )
        .where(exchange.c.person_id == person_id)
        .order_by(exchange.c.occurred_on.desc(), exchange.c.id.desc())
    ).all()
    gave = sum(r.direction == "gave" for r in rows)
    received = sum(r.direction == "received" for r in rows)
    asked = sum(r.direction == "asked" for r in rows)
    return {
        "gave": gave,
        "received": received,
        "asked": asked,
        "open_asks": sum(r.direction == "asked" and r.status == "open" for r in rows),
        "balance": gave - received - asked,
        "only_taken": gave == 0
        and (received + asked) > 0
        and not (received == 0 and asking_first(session, [person_id], now)),
        "items": [
            {
                "id": r.id,
                "direction": r.direction,
                "kind": r.kind,
                "status": r.status,
                "on": r.occurred_on.isoformat(),
                "note": r.note,
                "settled_on": r.settled_on.isoformat() if r.settled_on else None,
            }
            for r in rows
        ],
    }


def outreaches(session: Reader, person_id: int) -> list[tuple[dt.date, dt.date | None]]:
    """(sent, first reply) for each outbound ask for advice or information to a person."""
    asked = session.execute(
        select(interaction.c.occurred_at, interaction.c.id)
        .join(exchange, exchange.c.interaction_id == interaction.c.id)
        .where(
            exchange.c.person_id == person_id,
            exchange.c.direction == "asked",
            exchange.c.kind.in_(OUTREACH_ASKS),
            interaction.c.direction == "out",
        )
        .order_by(interaction.c.occurred_at, interaction.c.id)
    ).all()
    if not asked:
        return []
    replies = session.execute(
        select(interaction.c.occurred_at, interaction.c.id)
        .join(interaction_participant)
        .where(
            interaction_participant.c.person_id == person_id,
            interaction.c.direction.in_(("in", "both")),
            interaction.c.kind != "note",
        )
        .order_by(interaction.c.occurred_at, interaction.c.id)
    ).all()
    return first_replies(asked, replies)


def first_replies(
    asked: Sequence[Any], replies: Sequence[Any]
) -> list[tuple[dt.date, dt.date | None]]:
    """(sent, first reply) for each outreach, both given as (when, interaction id) in order.

    A reply comes after the outreach, or at the same moment and logged after it: entries
    dated by the day alone all sit at noon, and a reply logged for the day of the ask is one.
    """
    out = []
    for sent in asked:
        key = (sent[0], sent[1])
        reply = next((r for r in replies if (r[0], r[1]) > key), None)
        out.append((day_of(sent[0]), day_of(reply[0]) if reply else None))
    return out


def responder(session: Reader, person_id: int, today: dt.date) -> str | None:
    """booster, obligate or curmudgeon, from the latest outreach that can be judged."""
    classes = [
        responder_class(sent, reply, today) for sent, reply in outreaches(session, person_id)
    ]
    judged = [c for c in classes if c is not None]
    return judged[-1] if judged else None


def asking_first(session: Reader, person_ids: Sequence[int], when: dt.datetime) -> set[int]:
    """Those of these people whose latest ask for advice or information is still waiting
    for its answer, inside its 3B7 routine (``waiting_on``). Asked and not answered yet,
    they have given nothing: telling the user to "offer something first" would contradict
    the routine, which says to wait (and then to send one follow-up). Once they reply or
    help, or the routine ends without an answer, the give-back is suggested. The caller
    leaves out anyone who has helped already (they are owed a give-back anyway)."""
    return awaiting_answer(session, when, person_ids)


#: No outreach is inside its 3B7 routine this many days after it was sent (ten business
#: days are fourteen calendar days at most), with a day more for another time zone's date.
_ROUTINE_DAYS = 15
#: The asks for advice or information the user sent from :since_day (the day of the
#: conversation) to :when: a short range of the outreach index, the last few weeks' asks.
_RECENT_ASKS = (
    select(exchange.c.person_id, interaction.c.occurred_at, interaction.c.id)
    .join_from(exchange, interaction, interaction.c.id == exchange.c.interaction_id)
    .where(
        exchange.c.direction == "asked",
        exchange.c.occurred_on >= bindparam("since_day"),
        exchange.c.kind.in_(OUTREACH_ASKS),
        interaction.c.direction == "out",
        interaction.c.occurred_at <= bindparam("when"),
    )
)
#: The same of :ids only.
_RECENT_ASKS_OF = _RECENT_ASKS.where(exchange.c.person_id.in_(bindparam("ids", expanding=True)))
#: The interactions of :ids from :start to :when (what may answer their asks).
_CONTACTS_BETWEEN = (
    select(
        interaction_participant.c.person_id,
        interaction_participant.c.occurred_at,
        interaction.c.id,
        interaction.c.kind,
        interaction.c.direction,
    )
    .join_from(
        interaction_participant,
        interaction,
        interaction.c.id == interaction_participant.c.interaction_id,
    )
    .where(
        interaction_participant.c.person_id.in_(bindparam("ids", expanding=True)),
        interaction_participant.c.occurred_at >= bindparam("start"),
        interaction_participant.c.occurred_at <= bindparam("when"),
    )
)


def awaiting_answer(
    session: Reader, when: dt.datetime, person_ids: Sequence[int] | None = None
) -> set[int]:
    """Those (of ``person_ids``, or everyone) whose latest ask for advice or information
    sent by ``when`` is still waiting for its answer inside its 3B7 routine: the rule of
    ``asking_first`` (and ``waiting_on``), for many people at once — the recent asks, then
    what followed them, two statements a chunk of people at a time. The agenda's
    give-backs and the person page both go by it."""
    today = day_of(when)
    params = {"since_day": today - dt.timedelta(days=_ROUTINE_DAYS), "when": when}
    if person_ids is None:
        asks = list(session.execute(_RECENT_ASKS, params))
    else:
        asks = []
        for ids in id_chunks(sorted(set(person_ids))):
            asks += session.execute(_RECENT_ASKS_OF, params | {"ids": list(ids)})
    latest: dict[int, tuple[dt.datetime, int]] = {}
    for pid, at, iid in asks:
        if pid not in latest or (at, iid) > latest[pid]:
            latest[pid] = (at, iid)
    sent = {pid: mark for pid, mark in latest.items() if in_routine(day_of(mark[0]), today)}
    answered: set[int] = set()
    for ids in id_chunks(sorted(sent)):
        start = min(sent[pid][0] for pid in ids)
        rows = session.execute(_CONTACTS_BETWEEN, {"ids": list(ids), "start": start, "when": when})
        answered.update(
            pid
            for pid, at, iid, kind, direction in rows
            if (at, iid) > sent[pid] and is_two_way(kind, direction)
        )
    return set(sent) - answered


def waiting_on(session: Session, person_id: int, when: dt.datetime) -> Waiting | None:
    """The person's latest ask for advice or information sent before ``when``, when it has
    no reply by then and is still inside its 3B7 routine on that day (its one follow-up
    ahead, due or sent): the outreach the agenda's steps follow. Replies and the follow-up
    are told as the agenda tells them (``followup_steps.followup_items``)."""
    return _waiting(session, person_id, when, routine=True)


def ask_open(session: Session, person_id: int, when: dt.datetime) -> Waiting | None:
    """The person's latest ask for advice or information sent before ``when``, when it has
    no reply by then and is still open then (not marked fulfilled or declined), however
    long ago it was sent: what asking them again would repeat. ``log``, the web's log form,
    the woven check and ``draft`` all go by it."""
    return _waiting(session, person_id, when, routine=False)


def _waiting(
    session: Reader, person_id: int, when: dt.datetime, *, routine: bool
) -> Waiting | None:
    ask, talk, part = exchange.c, interaction.c, interaction_participant.c
    sent = session.execute(
        select(talk.occurred_at, talk.id, ask.kind, ask.status, ask.settled_on, ask.id)
        .join_from(interaction, exchange, ask.interaction_id == talk.id)
        .where(
            ask.person_id == person_id,
            ask.direction == "asked",
            ask.kind.in_(OUTREACH_ASKS),
            talk.direction == "out",
            talk.occurred_at <= when,
        )
        .order_by(talk.occurred_at.desc(), talk.id.desc(), ask.kind)
        .limit(1)
    ).first()
    if sent is None:
        return None
    if routine and not in_routine(day_of(sent[0]), day_of(when)):
        return None
    if not routine and sent[3] != "open" and (sent[4] is None or sent[4] <= day_of(when)):
        return None
    later = session.execute(
        select(part.occurred_at, talk.id, talk.kind, talk.direction)
        .join_from(interaction_participant, interaction, talk.id == part.interaction_id)
        .where(part.person_id == person_id, part.occurred_at >= sent[0], part.occurred_at <= when)
        .order_by(part.occurred_at, talk.id)
    ).all()
    after = [row for row in later if (row[0], row[1]) > (sent[0], sent[1])]
    if any(is_two_way(kind, direction) for _, _, kind, direction in after):
        return None
    follow_up = next((at for at, _, kind, way in after if kind != "note" and way == "out"), None)
    return Waiting(
        sent[2], day_of(sent[0]), day_of(follow_up) if follow_up else None, ask_id=sent[5]
    )

"""The agenda's give-backs: people who helped or were asked lately and got nothing back yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, bindparam, literal, select

from netweave.clock import start_of
from netweave.logic.wording import give_what, times
from netweave.services.agenda_item import Item, item
from netweave.services.relationships import awaiting_answer
from netweave.store.models import (
    Interest,
    Need,
    Person,
    PersonStats,
)

if TYPE_CHECKING:
    from netweave.store.engine import Reader

GIVES_PER_DAY = 3
#: Help received this recently and not returned yet prompts a give-back item.
GIVE_BACK_WINDOW_DAYS = 180
#: A give-back is suggested for this many days from the latest help received or asked for,
#: then rests for ``GIVE_REST_DAYS`` and comes back: one not acted on does not stay on the
#: agenda every day, and the others who qualify get the places meanwhile.
GIVE_SHOWN_DAYS = 3
GIVE_REST_DAYS = 25

_taken = (PersonStats.asks + PersonStats.receipts).label("taken")
#: Equals take turns, day by day: ids scattered by a large odd factor, shifted by the day's
#: :turn (a cyclic rotation of that scattered order whose start jumps from day to day).
_TURN_SCATTER = 2_654_435_761
_TURN_MODULUS = 2**31 - 1
_turn = (
    (
        PersonStats.person_id * literal(_TURN_SCATTER, BigInteger)
        + bindparam("turn", type_=BigInteger)
    )
    % _TURN_MODULUS
).label("turn")
_TAKEN_WITHOUT_GIVING = (
    select(PersonStats.person_id, _taken, PersonStats.receipts, _turn)
    .where(
        # whose latest taking is a shown day of theirs (``_shown_days``): a short list of
        # days, each one range of the index
        PersonStats.last_taken_on.in_(bindparam("days", expanding=True)),
        PersonStats.gives == 0,
        # only taken: anything received or asked, nothing given (what `people show` says)
        (PersonStats.receipts > 0) | (PersonStats.asks > 0),
    )
    # those who gave first: help received weighs more than an ask not answered yet
    .order_by(PersonStats.receipts.desc(), _taken.desc(), _turn, PersonStats.person_id)
    .limit(bindparam("limit"))  # a few more: the user's own record, those snoozed
)
_RANKED = _TAKEN_WITHOUT_GIVING.subquery()
_ranked = _RANKED.c
_FIRST_NEED = (
    select(Need.text)
    .where(Need.person_id == _ranked.person_id)
    .order_by(Need.id)
    .limit(1)
    .scalar_subquery()
)
#: Those who took most and gave nothing yet, with their names and first need: the need is
#: looked up only for the few ranked first, not for everyone who took.
_GIVE_BACK = (
    select(_ranked.person_id, Person.display_name, _ranked.taken, _ranked.receipts, _FIRST_NEED)
    .join_from(_RANKED, Person, Person.id == _ranked.person_id)
    .where(Person.is_me.is_(False))
    .order_by(_ranked.receipts.desc(), _ranked.taken.desc(), _ranked.turn, _ranked.person_id)
)


def _shown_days(today: dt.date) -> list[dt.date]:
    """The days of the latest taking whose give-back is suggested ``today``: the first
    ``GIVE_SHOWN_DAYS`` of each cycle of shown and rested days, within the window."""
    cycle = GIVE_SHOWN_DAYS + GIVE_REST_DAYS
    return [
        today - dt.timedelta(days=back)
        for back in range(GIVE_BACK_WINDOW_DAYS + 1)
        if back % cycle < GIVE_SHOWN_DAYS
    ]


def _day_turn(today: dt.date) -> int:
    """Where the day's rotation of equals starts (far from the day before's)."""
    return (today.toordinal() * _TURN_SCATTER) % _TURN_MODULUS


def give_items(
    session: Reader, today: dt.date, hidden: Collection[int] = frozenset()
) -> list[Item]:
    """People who helped the user or were asked for help lately, and got nothing back yet
    (but those ``hidden``, whom the next ones replace).

    Each is suggested for a few days from the latest help received or asked for, then
    rests for some weeks and comes back while the window lasts (``_shown_days``): the
    day's places go to the others meanwhile. Among equals the order turns day by day. No
    state is kept: the day and the aggregates say who is shown.
    """
    out = []
    rows = _to_suggest(session, today, hidden)
    cares = _interest_of(session, [row[0] for row in rows if not row[4]])
    for pid, name, taken, receipts, need in rows:
        offer = give_what(need, cares.get(pid))
        if receipts:
            reason = f"give back: you have received {times(receipts)}"
            asked = taken - receipts
            reason += f" and asked {times(asked)}" if asked else ""
        else:  # only asked so far, answered or past the routine: give before you take
            reason = f"offer something first: you have asked {times(taken)}"
        reason += f" and not given yet — {offer}"
        priority = 55 if receipts else 54
        out.append(item("give", name, reason, today, priority, person_id=pid))
    return out


def _interest_of(session: Reader, ids: list[int]) -> dict[int, str]:
    """The first interest recorded of each of ``ids`` (a professional one first); no
    statement when ``ids`` is empty."""
    if not ids:
        return {}
    rows = session.execute(
        select(Interest.person_id, Interest.label)
        .where(Interest.person_id.in_(ids))
        .order_by(Interest.person_id, Interest.category != "professional", Interest.id)
    )
    out: dict[int, str] = {}
    for pid, label in rows:
        out.setdefault(pid, label)
    return out


def _to_suggest(session: Reader, today: dt.date, hidden: Collection[int]) -> list[Any]:
    """The ``GIVES_PER_DAY`` rows of ``_GIVE_BACK`` to suggest today: those ``hidden`` left out,
    and those asked, not helped yet, whose answer is awaited (not yet: see the docs).

    One statement when none of those ranked is only asked; else the outreach awaiting its
    answer is read for everyone at once (``relationships.awaiting_answer``: two statements
    for every 500 people waiting), and the ranking once more with as many more rows as it
    holds people: four, unless over 500 people await an answer."""
    params = {"days": _shown_days(today), "turn": _day_turn(today)}
    limit = GIVES_PER_DAY + 1 + len(hidden)
    rows = session.execute(_GIVE_BACK, params | {"limit": limit}).all()
    asking: set[int] = set()
    if any(not row[3] and row[0] not in hidden for row in rows):
        end = start_of(today + dt.timedelta(days=1)) - dt.timedelta(microseconds=1)  # all today
        asking = awaiting_answer(session, end)
        if any(not row[3] and row[0] in asking for row in rows):
            limit += len(asking)
            rows = session.execute(_GIVE_BACK, params | {"limit": limit}).all()
    # someone who helped is owed a give-back even while their own answer is awaited
    return [r for r in rows if r[0] not in hidden and (r[3] or r[0] not in asking)][:GIVES_PER_DAY]

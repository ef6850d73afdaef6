"""The agenda's give-backs: people who helped or were asked lately and got nothing back yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, bindparam, literal, select

from netweave.clock import start_of
from netweave.logic.wording import looking_for, times
from netweave.services.agenda_item import Item, item
from netweave.services.relationships import asking_first
from netweave.store.models import Need, Person, PersonStats

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
    params = {"days": _shown_days(today), "turn": _day_turn(today)}
    end = start_of(today + dt.timedelta(days=1)) - dt.timedelta(microseconds=1)  # all today
    asking: set[int] = set()  # asked, not helped yet, the answer awaited: not yet (docs)
    while True:
        limit = GIVES_PER_DAY + 1 + len(hidden) + len(asking)
        rows = session.execute(_GIVE_BACK, params | {"limit": limit}).all()
        only_asked = [r[0] for r in rows if not r[3] and r[0] not in asking | set(hidden)]
        newly = asking_first(session, only_asked, end)
        if not newly:
            break
        asking |= newly
    out = []
    shown = [row for row in rows if row[0] not in hidden and row[0] not in asking]
    for pid, name, taken, receipts, need in shown[:GIVES_PER_DAY]:
        offer = (
            looking_for([need]) if need else "share an article, an introduction, or your own help"
        )
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

"""The agenda's dormant-tie refreshes: a couple a week, rotating over the network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, bindparam, func, select

from netweave.clock import day_of, start_of
from netweave.logic.turns import FIRST_MONDAY
from netweave.logic.wording import elapsed
from netweave.services.agenda_item import Item, item
from netweave.store.models import Person, PersonStats

if TYPE_CHECKING:
    from netweave.store.engine import Reader

#: A tie untouched this long is "dormant" and may be offered for a refresh.
DORMANT_AFTER_DAYS = 180
REFRESHES_PER_WEEK = 2
#: The week's refreshes are offered on its first days (Monday to Wednesday), then rest.
REFRESH_SHOWN_DAYS = 3
#: A dormant tie is offered in one week of this many at most (the same one not every week
#: when there are few).
REFRESH_EVERY_WEEKS = 4
#: At most this many dormant ties more are read to stand in for people left out of refreshes.
REFRESH_SPARE = 20


#: The week's place in the id range is :spin / SPIN_SCALE (see ``_spin``), in whole ids.
SPIN_SCALE = 2**31
#: Where the week's scan starts: that fraction of the ids, up to the highest, computed by
#: the database within the scan's statement. Adding people moves it by at most one id.
_PIVOT = (
    bindparam("spin", type_=BigInteger)
    * (func.coalesce(select(func.max(PersonStats.person_id)).scalar_subquery(), 0) + 1)
    // SPIN_SCALE
)
#: The golden ratio's fractional part: the weeks' places spread evenly over the ids, each
#: far from the last (a Weyl sequence).
_GOLDEN = (5**0.5 - 1) / 2


def _spin(year: int, week: int) -> int:
    """The week's place in the id range, as a fraction of ``SPIN_SCALE``."""
    return int((((year * 53 + week) * _GOLDEN) % 1) * SPIN_SCALE)


_DORMANT = (
    select(Person.id, Person.display_name, PersonStats.last_at)
    .join(PersonStats, PersonStats.person_id == Person.id)
    .where(
        PersonStats.last_at < bindparam("cutoff"),
        # two contacts: two interactions, or one and meeting them in person at an event
        (PersonStats.interactions >= 2) | Person.met_event_id.is_not(None),
        Person.is_me.is_(False),
        # people already due for a check-in are on the agenda as that
        PersonStats.next_due.is_(None) | (PersonStats.next_due > bindparam("today")),
        # this person's week of the ``REFRESH_EVERY_WEEKS``
        (Person.id + bindparam("week", type_=BigInteger)) % REFRESH_EVERY_WEEKS == 0,
    )
    .order_by(PersonStats.person_id)
    .limit(bindparam("limit"))
)
# The pivot bounds both keys of the join, so both index scans start there: PostgreSQL does
# not carry a bound on one side of a merge join over to the other.
_DORMANT_FROM_PIVOT = _DORMANT.where(Person.id >= _PIVOT, PersonStats.person_id >= _PIVOT)
_DORMANT_BEFORE_PIVOT = _DORMANT.where(Person.id < _PIVOT, PersonStats.person_id < _PIVOT)


def week_number(day: dt.date) -> int:
    """The week ``day`` is in, counted from a Monday: a dormant tie is offered in the weeks
    where it plus its id is a multiple of ``REFRESH_EVERY_WEEKS``."""
    return (day - FIRST_MONDAY).days // 7


def refresh_items(
    session: Reader, today: dt.date, now: dt.datetime, skip: Collection[int] = ()
) -> list[Item]:
    """A couple of dormant ties a week to refresh: moderately weak ties carry new information.

    They are offered on the week's first ``REFRESH_SHOWN_DAYS`` days, then rest; each
    dormant tie in one week of ``REFRESH_EVERY_WEEKS`` at most. Which ones rotates weekly:
    the scan starts at a person id derived from the week, so the query walks the primary key
    and stops after a few matches, whatever the network's size.
    People in ``skip`` (snoozed, or contacted for another item today) give their places to
    the next dormant ties: the scan reads that many more (up to ``REFRESH_SPARE``).
    """
    if today.weekday() >= REFRESH_SHOWN_DAYS:
        return []
    cutoff = start_of(today - dt.timedelta(days=DORMANT_AFTER_DAYS))
    year, week, _ = today.isocalendar()
    params = {
        "cutoff": cutoff,
        "today": today,
        "week": week_number(today),
        "spin": _spin(year, week),
        "limit": REFRESHES_PER_WEEK + min(len(skip), REFRESH_SPARE),
    }
    rows = [r for r in session.execute(_DORMANT_FROM_PIVOT, params) if r.id not in skip]
    if len(rows) < REFRESHES_PER_WEEK:
        rows += [r for r in session.execute(_DORMANT_BEFORE_PIVOT, params) if r.id not in skip]
    out = []
    for pid, name, last_at in rows[:REFRESHES_PER_WEEK]:
        ago = elapsed((today - day_of(last_at)).days)
        reason = (
            f"refresh a dormant tie: last contact {ago} ago. Weak and dormant "
            "ties are where new information and openings come from."
        )
        out.append(item("check_in", name, reason, today, 35, person_id=pid))
    return out

"""The next step of each introduction under way, as agenda items."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from netweave.logic.followup import add_business_days, business_days_between
from netweave.services.agenda_item import Item, item
from netweave.services.intros import OPEN_STATES, a_waiting
from netweave.store.models import Introduction, Person

if TYPE_CHECKING:
    from netweave.store.engine import Reader

#: Every count below is of business days (Monday to Friday), as 3B7 counts them: a step that
#: falls due on a Friday is still there on Monday and Tuesday for someone who does not open
#: netweave at weekends (a weekend day counts as the Friday before it).
#: Business days to wait for an answer to an opt-in question before a gentle reminder.
ANSWER_DAYS = 3
#: Business days after an introduction (two weeks) before asking how it went.
OUTCOME_DAYS = 10
#: A step is shown for this many business days from its due day, then rests for
#: ``REST_DAYS`` and comes back (every two weeks), until ``GIVE_UP_DAYS`` after its due
#: day (eight weeks): an introduction left waiting does not stay on the agenda every day,
#: nor for ever (``intros list`` still shows it).
SHOWN_DAYS = 3
REST_DAYS = 7
GIVE_UP_DAYS = 40


_c = Introduction.__table__.c
_person = Person.__table__.c


def _name(person_id: Any) -> Any:
    """The name of the person ``person_id`` points at (a scalar subquery: the introductions
    are read in the same order as without it)."""
    return select(_person.display_name).where(_person.id == person_id).scalar_subquery()


#: The introductions under way (a small table: one indexed scan by state), with the names of
#: the two people.
_OPEN = select(
    _c.id,
    _c.person_a_id,
    _c.person_b_id,
    _c.state,
    _c.history,
    _name(_c.person_a_id),
    _name(_c.person_b_id),
).where(_c.state.in_((*OPEN_STATES, "declined")))


def intro_items(session: Reader, today: dt.date) -> list[Item]:
    """What to do about open introductions."""
    out = []
    rows = session.execute(_OPEN).all()
    # a pair proposed again: what A hears now is the new introduction's
    again = {frozenset(r[1:3]) for r in rows if r.state in OPEN_STATES}
    for intro_id, a_id, b_id, state, history, a_name, b_name in rows:
        steps = (history or {}).get("steps", [])
        if state == "declined" and (not a_waiting(steps) or frozenset((a_id, b_id)) in again):
            continue
        last = steps[-1] if steps else {"state": state, "on": today.isoformat()}
        since = dt.date.fromisoformat(last["on"])
        a = a_name if a_name is not None else "?"
        b = b_name if b_name is not None else "?"
        found = _what(state, last, since, a, b)
        if found is None:
            continue
        due, reason, priority, who = found
        if shown_on(due, today):
            pid = a_id if who == a else b_id
            reason = f"{reason} (introduction #{intro_id})"
            out.append(item("intro", who, reason, due, priority, person_id=pid))
    return out


def shown_on(due: dt.date, today: dt.date) -> bool:
    """Whether a step due on ``due`` is on the agenda ``today``: the first ``SHOWN_DAYS``
    business days of each cycle of shown and rested ones, from its due day until
    ``GIVE_UP_DAYS`` after (four times three business days, and the weekends that fall in
    them: none on the day it gives up)."""
    if today < due:
        return False
    late = business_days_between(due, today)
    return late < GIVE_UP_DAYS and late % (SHOWN_DAYS + REST_DAYS) < SHOWN_DAYS


def _what(
    state: str, step: dict[str, Any], since: dt.date, a: str, b: str
) -> tuple[dt.date, str, float, str] | None:
    """(due, reason, priority, person) for an introduction at this step (``step``: the last
    one it took)."""
    answer, last = add_business_days(since, ANSWER_DAYS), step["state"]
    if state == "declined":  # after A's yes: A waits to hear
        private = f": {b}'s answer stays private" if step.get("by") == "b" else ""
        reason = f"let {a} know the introduction to {b} will not happen (without saying why"
        return since, f"{reason}{private})", 55, a
    if state == "proposed":
        return since, f"ask {a} whether they'd like to meet {b}", 70, a
    if state == "asked_a" and last == "a_agreed":
        return since, f"{a} agreed to meet {b}: now ask {b}", 75, b
    if state == "asked_a":
        return answer, f"no answer yet from {a} about meeting {b}", 50, a
    if state == "asked_b":
        return answer, f"no answer yet from {b} about meeting {a}", 50, b
    if state == "agreed":
        return since, f"both agreed: introduce {a} and {b}", 80, a
    if state == "introduced" and last == "introduced":
        due = add_business_days(since, OUTCOME_DAYS)
        return due, f"ask how the introduction of {a} and {b} went", 45, a
    return None

"""Weekly goals: targets for conversations, gives and check-ins, with progress and streaks.

Definitions:

- A **week** is the ISO week (Monday to Sunday) containing ``ctx.clock.today()``; this
  week's figures count activity up to and including today. Days are the user's (the
  computer's time zone).
- **Conversations**: interactions in the week with at least one participant other than
  the user that the user started or had both ways (``out`` or ``both``), except those of
  kind ``note``: a note is not a conversation, nor a message the user has not answered
  (a recruiter's mail, a newsletter).
- **Gives**: ``Exchange`` rows with direction ``gave`` whose ``occurred_on`` is in the week.
- **Check-ins**: (conversation, person) pairs in the week, of those conversations, where
  the agenda would have offered a check-in that day. Either the person was overdue: they
  have a keep-in-touch cadence (their own, a tag's or their circle's — today's cadence,
  from ``store.stats.cadences``) and their previous logged interaction of any kind (or,
  before the first one, the day they were met, else the day their record was made) is at
  least the cadence ago (next due ≤ today). Or they were a dormant tie the agenda offers to
  refresh: two contacts or more before (two interactions, or one and the event they were
  first met at, a meeting in person), the last of them more than
  ``DORMANT_AFTER_DAYS`` days before (before the midnight that starts that many days ago,
  as the agenda has it).
- **Progress** per goal: done / target, met when done >= target.
- **Streak**: consecutive complete weeks, ending with the last complete week, in which
  every goal was met — plus this week once it is met. **Best streak**: the longest such
  run since the first week with any activity. Past weeks are judged against today's
  targets.

Targets live in the ``setting`` table under the key ``goals``
(``{"value": {"conversations": 5, "gives": 1, "check_ins": 3}}``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput
from netweave.logic.parse import MAX_COUNT, bounded
from netweave.services import goal_weeks
from netweave.services.context import Context
from netweave.store.models import Setting

SETTING_KEY = "goals"
DEFAULT_TARGETS: Mapping[str, int] = {"conversations": 5, "gives": 1, "check_ins": 3}
GOAL_NAMES = tuple(DEFAULT_TARGETS)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and the Sunday of the ISO week containing ``day``."""
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def targets_in(session: Session) -> dict[str, int]:
    """The weekly targets, read in ``session``: the stored ones, defaults for the rest."""
    row = session.scalars(select(Setting).where(Setting.key == SETTING_KEY)).first()
    stored = (row.value or {}).get("value", {}) if row is not None else {}
    return {name: int(stored.get(name, default)) for name, default in DEFAULT_TARGETS.items()}


def get_targets(ctx: Context) -> dict[str, int]:
    """The weekly targets: the stored ones, defaults for the rest."""
    with ctx.db.reading() as session:
        return targets_in(session)


def set_targets(ctx: Context, **targets: int | None) -> dict[str, int]:
    """Store new weekly targets (``None``: unchanged) and return all of them."""
    unknown = set(targets) - set(GOAL_NAMES)
    if unknown:
        raise InvalidInput(f"unknown goal {sorted(unknown)[0]!r}; goals: {', '.join(GOAL_NAMES)}")
    if all(value is None for value in targets.values()):  # the defaults are not pinned
        raise InvalidInput(
            "nothing to change: give --conversations, --gives or --check-ins",
            web="nothing to change",
        )
    for name, value in targets.items():
        if value is not None:
            check_target(name, value)
    with ctx.db.transaction() as session:
        return store_targets(session, {k: v for k, v in targets.items() if v is not None})


def check_target(name: str, value: int) -> None:
    """Refuse a target ``goals set`` refuses."""
    if name not in GOAL_NAMES:
        raise InvalidInput(f"unknown goal {name!r}; goals: {', '.join(GOAL_NAMES)}")
    bounded(value, 0, MAX_COUNT, f"the {name.replace('_', '-')} target")


def store_targets(session: Session, targets: Mapping[str, int]) -> dict[str, int]:
    """Store new weekly targets (the others unchanged) in the caller's transaction and
    return all of them."""
    current = targets_in(session)
    current.update(targets)
    row = session.scalars(select(Setting).where(Setting.key == SETTING_KEY)).first()
    if row is None:
        session.add(Setting(key=SETTING_KEY, value={"value": current}))
    else:
        row.value = {"value": dict(current)}  # a new dict, so the JSON change is seen
    return current


def weekly_goals(ctx: Context) -> dict[str, Any]:
    """This week's targets with progress, the current streak and the best streak."""
    today = ctx.clock.today()
    start, end = week_of(today)
    with ctx.db.reading() as session:
        targets = targets_in(session)
        weeks = _Weeks(session, ctx.settings.circles, targets, today)
        this_week = weeks.this_week(start)
        streak, best = _streaks(weeks, targets, this_week, start)
    goals = [
        {
            "name": name,
            "target": target,
            "done": this_week[name],
            "met": this_week[name] >= target,
        }
        for name, target in targets.items()
    ]
    return {
        "week_start": start.isoformat(),
        "week_end": end.isoformat(),
        "goals": goals,
        "streak": streak,
        "best_streak": best,
    }


def _met(week: Counter[str], targets: Mapping[str, int]) -> bool:
    return all(week[name] >= target for name, target in targets.items())


class _Weeks:
    """The weeks' figures, read from the database a week at a time (gives: all at once)."""

    def __init__(
        self,
        session: Session,
        circles: Mapping[str, int | None],
        targets: Mapping[str, int],
        until: dt.date,
    ) -> None:
        self.session, self.circles, self.targets, self.until = session, circles, targets, until
        first = goal_weeks.first_active_day(session, until)
        self.first = week_of(first)[0] if first is not None else None
        self.gives: Counter[dt.date] = Counter()
        for day, count in goal_weeks.gives_per_day(session, until).items():
            self.gives[week_of(day)[0]] += count

    def this_week(self, monday: dt.date) -> Counter[str]:
        """This week's figures, up to today."""
        args = (self.session, monday, self.until)
        return Counter(
            conversations=goal_weeks.conversations(*args),
            gives=self.gives[monday],
            check_ins=goal_weeks.check_ins(self.session, self.circles, monday, self.until),
        )

    def met(self, monday: dt.date) -> bool:
        """Whether every goal was met in the (complete) week starting ``monday``."""
        targets, sunday = self.targets, monday + dt.timedelta(days=6)
        if self.gives[monday] < targets["gives"]:
            return False
        need = (targets["conversations"], targets["check_ins"])
        return not any(need) or goal_weeks.reached(
            self.session, self.circles, (monday, sunday), *need
        )


def _streaks(
    weeks: _Weeks, targets: Mapping[str, int], this_week: Counter[str], current: dt.date
) -> tuple[int, int]:
    """(current streak, best streak) in weeks, from the first active week to ``current``.

    The current streak is counted back to the first missed week; the weeks before it are
    judged only while a longer run than the best so far can still fit in them."""
    first = weeks.first
    if first is None:
        return (1, 1) if _met(Counter(), targets) else (0, 0)
    week_ = dt.timedelta(days=7)
    run, week = 0, current - week_
    while week >= first and weeks.met(week):
        run, week = run + 1, week - week_
    streak = best = run + _met(this_week, targets)
    run, week = 0, week - week_
    while week >= first and run + (week - first).days // 7 + 1 > best:
        run = run + 1 if weeks.met(week) else 0
        best, week = max(best, run), week - week_
    return streak, best

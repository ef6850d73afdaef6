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
  refresh: two interactions or more before, the last of them more than
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
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import day_of
from netweave.errors import InvalidInput
from netweave.logic.parse import MAX_COUNT, bounded
from netweave.services.context import Context
from netweave.services.interactions import reaches_out
from netweave.services.routines import DORMANT_AFTER_DAYS
from netweave.store import stats
from netweave.store.models import Exchange, Interaction, InteractionParticipant, Person, Setting

SETTING_KEY = "goals"
DEFAULT_TARGETS: Mapping[str, int] = {"conversations": 5, "gives": 1, "check_ins": 3}
GOAL_NAMES = tuple(DEFAULT_TARGETS)

WeekCounts = dict[dt.date, Counter[str]]


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and the Sunday of the ISO week containing ``day``."""
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def _targets(session: Session) -> dict[str, int]:
    row = session.scalars(select(Setting).where(Setting.key == SETTING_KEY)).first()
    stored = (row.value or {}).get("value", {}) if row is not None else {}
    return {name: int(stored.get(name, default)) for name, default in DEFAULT_TARGETS.items()}


def get_targets(ctx: Context) -> dict[str, int]:
    """The weekly targets: the stored ones, defaults for the rest."""
    with ctx.db.reading() as session:
        return _targets(session)


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
            bounded(value, 0, MAX_COUNT, f"the {name.replace('_', '-')} target")
    with ctx.db.transaction() as session:
        current = _targets(session)
        current.update({k: v for k, v in targets.items() if v is not None})
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
        targets = _targets(session)
        counts = weekly_counts(session, ctx.settings.circles, until=today)
    this_week = counts.get(start, Counter())
    goals = [
        {
            "name": name,
            "target": target,
            "done": this_week[name],
            "met": this_week[name] >= target,
        }
        for name, target in targets.items()
    ]
    streak, best = _streaks(counts, targets, start)
    return {
        "week_start": start.isoformat(),
        "week_end": end.isoformat(),
        "goals": goals,
        "streak": streak,
        "best_streak": best,
    }


def _met(week: Counter[str], targets: Mapping[str, int]) -> bool:
    return all(week[name] >= target for name, target in targets.items())


def _streaks(counts: WeekCounts, targets: Mapping[str, int], current: dt.date) -> tuple[int, int]:
    """(current streak, best streak) in weeks, from the first active week to ``current``."""
    if not counts:
        return (1, 1) if _met(Counter(), targets) else (0, 0)
    week = min(min(counts), current)
    run = best = 0
    while week < current:
        run = run + 1 if _met(counts.get(week, Counter()), targets) else 0
        best = max(best, run)
        week += dt.timedelta(days=7)
    if _met(counts.get(current, Counter()), targets):
        run += 1
        best = max(best, run)
    return run, best


def weekly_counts(
    session: Session, circles: Mapping[str, int | None], *, until: dt.date
) -> WeekCounts:
    """Conversations, gives and check-ins per week (keyed by its Monday), up to ``until``."""
    counts: WeekCounts = defaultdict(Counter)
    for day in session.scalars(
        select(Exchange.occurred_on).where(
            Exchange.direction == "gave", Exchange.occurred_on <= until
        )
    ):
        counts[week_of(_day(day))[0]]["gives"] += 1
    _fold_interactions(session, circles, until, counts)
    return dict(counts)


def _fold_interactions(
    session: Session, circles: Mapping[str, int | None], until: dt.date, counts: WeekCounts
) -> None:
    """Count conversations and check-ins in one pass over each person's history."""
    part = InteractionParticipant
    rows = session.execute(
        select(
            part.person_id,
            part.interaction_id,
            part.occurred_at,
            Interaction.kind,
            Interaction.direction,
        )
        .join(Interaction, Interaction.id == part.interaction_id)
        .join(Person, Person.id == part.person_id)
        .where(Person.is_me.is_(False))
        .order_by(part.person_id, part.occurred_at, part.interaction_id)
    ).all()
    ids = sorted({r.person_id for r in rows})
    # each person's cadence, and the day it counts from before their first interaction
    known = stats.cadences(session, ids, circles)
    conversations: dict[dt.date, set[int]] = defaultdict(set)
    previous: dict[int, dt.date] = {}
    earlier: Counter[int] = Counter()  # interactions so far, per person
    for pid, interaction_id, when, kind, direction in rows:
        day = _day(when)
        days, first_known = known.get(pid, (None, None))
        last = previous.get(pid)
        before = last or first_known
        previous[pid] = day
        earlier[pid] += 1
        if not reaches_out(kind, direction) or day > until:
            continue  # a note, or a message the user has not answered: not theirs to count
        week = week_of(day)[0]
        conversations[week].add(interaction_id)
        due = days is not None and before is not None and (day - before).days >= days
        dormant = last is not None and earlier[pid] > 2 and (day - last).days > DORMANT_AFTER_DAYS
        if due or dormant:
            counts[week]["check_ins"] += 1
    for week, seen in conversations.items():
        counts[week]["conversations"] += len(seen)


def _day(value: Any) -> dt.date:
    """The day of a stored date or timestamp (text on SQLite Core queries)."""
    if isinstance(value, str):
        value = (
            dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
        )
    if isinstance(value, dt.datetime):
        return day_of(value)
    assert isinstance(value, dt.date)
    return value

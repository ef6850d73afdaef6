"""The weekly goals read week by week give the figures of a replay of the whole history."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.clock import Clock, day_of
from netweave.demo import build_demo
from netweave.services.context import Context
from netweave.services.follow_ups_done import reaches_out
from netweave.services.goals import set_targets, targets_in, week_of, weekly_goals
from netweave.services.routines import DORMANT_AFTER_DAYS
from netweave.store import stats
from netweave.store.models import Exchange, Interaction, InteractionParticipant, Person

WeekCounts = dict[dt.date, Counter[str]]


def _day(value: Any) -> dt.date:
    if isinstance(value, str):
        value = (
            dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
        )
    return day_of(value) if isinstance(value, dt.datetime) else value


def _replay(session: Session, circles: Mapping[str, int | None], until: dt.date) -> WeekCounts:
    """Every week's figures, from one pass over each person's whole history."""
    counts: WeekCounts = defaultdict(Counter)
    gave = select(Exchange.occurred_on).where(
        Exchange.direction == "gave", Exchange.occurred_on <= until
    )
    for day in session.scalars(gave):
        counts[week_of(_day(day))[0]]["gives"] += 1
    part = InteractionParticipant
    rows = session.execute(
        select(part.person_id, part.interaction_id, part.occurred_at, Interaction.kind)
        .add_columns(Interaction.direction, Person.met_event_id)
        .join(Interaction, Interaction.id == part.interaction_id)
        .join(Person, Person.id == part.person_id)
        .where(Person.is_me.is_(False))
        .order_by(part.person_id, part.occurred_at, part.interaction_id)
    ).all()
    known = stats.cadences(session, sorted({r.person_id for r in rows}), circles)
    conversations: dict[dt.date, set[int]] = defaultdict(set)
    previous: dict[int, dt.date] = {}
    earlier: Counter[int] = Counter()
    for pid, interaction_id, when, kind, direction, met_at_event in rows:
        day = _day(when)
        days, first_known = known[pid]
        last = previous.get(pid)
        before = last or first_known
        previous[pid] = day
        earlier[pid] += 1
        if not reaches_out(kind, direction) or day > until:
            continue
        week = week_of(day)[0]
        conversations[week].add(interaction_id)
        due = days is not None and (day - before).days >= days
        # two contacts before: two interactions, or one and the event they were first met at
        twice = earlier[pid] > 2 or (met_at_event is not None and earlier[pid] > 1)
        dormant = last is not None and twice and (day - last).days > DORMANT_AFTER_DAYS
        counts[week]["check_ins"] += due or dormant
    for week, seen in conversations.items():
        counts[week]["conversations"] += len(seen)
    return dict(counts)


def _replayed_goals(ctx: Context) -> dict[str, Any]:
    today = ctx.clock.today()
    start, end = week_of(today)
    with ctx.db.reading() as session:
        targets = targets_in(session)
        counts = _replay(session, ctx.settings.circles, today)

    def met(week: dt.date) -> bool:
        figures = counts.get(week, Counter())
        return all(figures[name] >= target for name, target in targets.items())

    this_week = counts.get(start, Counter())
    run = best = 0
    if not counts:
        run = best = int(met(start))
    else:
        week = min(min(counts), start)
        while week < start:
            run = run + 1 if met(week) else 0
            best = max(best, run)
            week += dt.timedelta(days=7)
        if met(start):
            run += 1
            best = max(best, run)
    goals = [
        {"name": n, "target": t, "done": this_week[n], "met": this_week[n] >= t}
        for n, t in targets.items()
    ]
    return {
        "week_start": start.isoformat(),
        "week_end": end.isoformat(),
        "goals": goals,
        "streak": run,
        "best_streak": best,
    }


DAYS = ["2025-11-03", "2026-01-01", "2026-03-15", "2026-06-14", "2026-06-15", "2026-09-30"]
#: this week's figures are compared every 19 days of the demo's history, too
EVERY = [dt.date(2024, 6, 1) + dt.timedelta(days=19 * n) for n in range(40)]
TARGETS: list[dict[str, int]] = [
    {"conversations": 5, "gives": 1, "check_ins": 3},  # the defaults
    {"conversations": 1, "gives": 0, "check_ins": 1},  # long streaks
    {"conversations": 3, "gives": 0, "check_ins": 2},  # broken now and then
    {"conversations": 0, "gives": 0, "check_ins": 0},  # every week met
]


@pytest.mark.parametrize("zone", ["UTC", "new_york"])
def test_the_figures_are_those_of_a_replay_of_the_whole_history(
    ctx: Context, request: pytest.FixtureRequest, zone: str
) -> None:
    if zone == "new_york":
        request.getfixturevalue("new_york")
    build_demo(dataclasses.replace(ctx, clock=Clock(as_of=dt.date(2026, 6, 15))), people=120)
    for day in EVERY:
        on = dataclasses.replace(ctx, clock=Clock(as_of=day))
        assert weekly_goals(on) == _replayed_goals(on), day
    streaks = set()
    for targets in TARGETS:
        set_targets(ctx, **targets)
        for day in DAYS:
            on = dataclasses.replace(ctx, clock=Clock(as_of=dt.date.fromisoformat(day)))
            expected = _replayed_goals(on)
            assert weekly_goals(on) == expected, (targets, day)
            streaks.add((expected["streak"], expected["best_streak"]))
    assert max(best for _, best in streaks) > 40  # streaks over many weeks were compared
    assert any(0 < streak < best for streak, best in streaks)  # and broken ones

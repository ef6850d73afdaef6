"""Congratulations on new roles in the agenda: a fresh export may show thousands at once,
and the day's few are the strongest ties', after the user's own tasks and lead steps."""

from __future__ import annotations

import dataclasses
import datetime as dt

from factories import person, talk
from netweave.clock import Clock
from netweave.services.agenda import (
    CONGRATULATE_WITHIN,
    CONGRATULATIONS_PER_DAY,
    agenda,
)
from netweave.services.context import Context
from netweave.services.leads import add_lead
from netweave.services.tasks import add_task

TODAY = dt.date(2026, 6, 15)


def _congratulate(ctx: Context, name: str, due: dt.date = TODAY) -> None:
    add_task(ctx, f"Congratulate {name} on the new role at Initech", due=due,
             person=name, kind="congratulate")  # fmt: skip


def test_the_day_shows_a_few_congratulations_of_the_strongest_ties(ctx: Context) -> None:
    for n in range(12):  # connections never talked with, first by name
        person(ctx, f"Amy Stranger {n:02d}", met_on=dt.date(2020, 1, 1))
        _congratulate(ctx, f"Amy Stranger {n:02d}")
    for name, talks in (("Zoe Strong", 6), ("Yara Middle", 3), ("Xavier Weak", 1)):
        person(ctx, name, met_on=dt.date(2025, 1, 1))
        for k in range(talks):
            talk(ctx, name, on=TODAY - dt.timedelta(days=10 + 20 * k), kind="call")
        _congratulate(ctx, name)
    add_lead(ctx, "Globex", "Data engineer", next_step="send the portfolio",
             due=TODAY - dt.timedelta(days=1))  # fmt: skip
    items = agenda(ctx)["items"]
    cheers = [i for i in items if i["kind"] == "congratulate"]
    assert [i["person"] for i in cheers] == ["Zoe Strong", "Yara Middle", "Xavier Weak"]
    assert len(cheers) == CONGRATULATIONS_PER_DAY
    assert items[0]["kind"] == "lead"  # an overdue lead step is never crowded out
    assert all(c["priority"] < items[0]["priority"] for c in cheers)
    assert agenda(ctx)["more"]["congratulations"] == 12  # the strangers', held back


def test_a_congratulation_is_news_for_two_months(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", met_on=dt.date(2025, 1, 1))
    old = TODAY - dt.timedelta(days=CONGRATULATE_WITHIN)
    _congratulate(ctx, "Ada Lovelace", due=old)
    [cheer] = agenda(ctx)["items"]
    assert cheer["kind"] == "congratulate"
    assert cheer["reason"].endswith(f"(seen {CONGRATULATE_WITHIN} days ago)")
    later = dataclasses.replace(ctx, clock=Clock(as_of=TODAY + dt.timedelta(days=1)))
    assert [i for i in agenda(later)["items"] if i["kind"] == "congratulate"] == []

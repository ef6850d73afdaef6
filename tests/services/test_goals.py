"""Weekly goals, progress and streaks on both backends."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from factories import person, refresh_day, talk
from netweave.clock import Clock
from netweave.errors import InvalidInput
from netweave.services.campaigns import mark_done, new_campaign
from netweave.services.context import Context
from netweave.services.goals import get_targets, set_targets, week_of, weekly_goals
from netweave.store.models import Setting


def _on(ctx: Context, day: dt.date) -> Context:
    return dataclasses.replace(ctx, clock=Clock(as_of=day))


def _progress(result: dict[str, object]) -> dict[str, tuple[int, int, bool]]:
    goals = result["goals"]
    assert isinstance(goals, list)
    return {g["name"]: (g["done"], g["target"], g["met"]) for g in goals}


def test_week_of_is_the_iso_week() -> None:
    assert week_of(dt.date(2026, 6, 15)) == (dt.date(2026, 6, 15), dt.date(2026, 6, 21))
    assert week_of(dt.date(2026, 6, 21)) == (dt.date(2026, 6, 15), dt.date(2026, 6, 21))
    assert week_of(dt.date(2026, 1, 1)) == (dt.date(2025, 12, 29), dt.date(2026, 1, 4))


def test_targets_default_and_are_stored_as_a_setting(ctx: Context) -> None:
    assert get_targets(ctx) == {"conversations": 5, "gives": 1, "check_ins": 3}
    assert set_targets(ctx, conversations=2) == {"conversations": 2, "gives": 1, "check_ins": 3}
    assert set_targets(ctx, gives=0, check_ins=4) == {
        "conversations": 2,
        "gives": 0,
        "check_ins": 4,
    }
    with ctx.db.reading() as session:
        row = session.scalars(select(Setting).where(Setting.key == "goals")).one()
        assert row.value == {"value": {"conversations": 2, "gives": 0, "check_ins": 4}}
    with pytest.raises(InvalidInput, match="must be from 0 to 1000"):
        set_targets(ctx, gives=-1)
    assert get_targets(ctx)["gives"] == 0


def test_setting_no_target_is_refused_and_pins_no_default(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match=r"^nothing to change: give --conversations, "):
        set_targets(ctx, conversations=None, gives=None, check_ins=None)
    with ctx.db.reading() as session:
        assert session.scalars(select(Setting).where(Setting.key == "goals")).first() is None


def _with_only_me(ctx: Context, on: dt.date) -> None:
    """A conversation naming only the user, as older logs could hold (``log`` refuses it)."""
    from netweave.services.interactions import record
    from netweave.services.resolve import resolve_person

    with ctx.db.transaction() as session:
        me = resolve_person(session, "Me Myself")
        when = ctx.clock.moment(on)
        record(ctx, session, [me], kind="meeting", direction="both", when=when, note=None)


def _week_of_june_8(ctx: Context) -> None:
    """Activity in the week 2026-06-08 .. 06-14 (and some on either side of it)."""
    person(ctx, "Me Myself", is_me=True)
    person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))
    person(ctx, "Grace Hopper", circle="active", met_on=dt.date(2026, 5, 1))
    person(ctx, "Linus Torvalds")
    person(ctx, "Barbara Liskov", circle="close", met_on=dt.date(2026, 2, 1))
    talk(ctx, "ada", on=dt.date(2026, 4, 1))  # the week before: not counted
    talk(ctx, "ada", on=dt.date(2026, 6, 9))  # 69 days after 04-01 > 30: a check-in
    talk(ctx, "ada", on=dt.date(2026, 6, 10))  # a day later: not a check-in
    talk(ctx, "grace", on=dt.date(2026, 6, 11), gave=["advice"])  # 41 days < 90
    talk(ctx, "linus", on=dt.date(2026, 6, 12))  # no cadence
    talk(ctx, "ada", on=dt.date(2026, 6, 12), kind="note")  # a note, not a conversation
    person(ctx, "Sam Recruiter")
    talk(ctx, "sam", on=dt.date(2026, 6, 12), kind="email", direction="in")  # never answered
    talk(ctx, "ada", "grace", on=dt.date(2026, 6, 13))  # one conversation, two people
    _with_only_me(ctx, dt.date(2026, 6, 13))  # only the user: not a conversation
    talk(ctx, "barbara", on=dt.date(2026, 6, 14))  # met 02-01, first talk: a check-in
    talk(ctx, "linus", on=dt.date(2026, 6, 15), gave=["introduction"])  # the next week


def test_counts_for_a_constructed_week(ctx: Context) -> None:
    _week_of_june_8(ctx)
    result = weekly_goals(_on(ctx, dt.date(2026, 6, 14)))
    assert (result["week_start"], result["week_end"]) == ("2026-06-08", "2026-06-14")
    assert _progress(result) == {
        "conversations": (6, 5, True),
        "gives": (1, 1, True),
        "check_ins": (2, 3, False),
    }
    assert set(result) == {"week_start", "week_end", "goals", "streak", "best_streak"}
    assert [g["name"] for g in result["goals"]] == ["conversations", "gives", "check_ins"]


def test_this_week_counts_only_up_to_today(ctx: Context) -> None:
    _week_of_june_8(ctx)
    midweek = weekly_goals(_on(ctx, dt.date(2026, 6, 10)))
    assert midweek["week_start"] == "2026-06-08"
    assert _progress(midweek) == {
        "conversations": (2, 5, False),
        "gives": (0, 1, False),
        "check_ins": (1, 3, False),
    }
    next_week = weekly_goals(ctx)
    assert (next_week["week_start"], next_week["week_end"]) == ("2026-06-15", "2026-06-21")
    assert _progress(next_week) == {
        "conversations": (1, 5, False),
        "gives": (1, 1, True),
        "check_ins": (0, 3, False),
    }


def test_streaks_across_weeks(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    set_targets(ctx, conversations=1, gives=0, check_ins=0)
    # Four weeks in a row from 2026-04-06, three quiet weeks, then three more in a row.
    for day in ("04-07", "04-14", "04-21", "04-28", "05-27", "06-03", "06-10"):
        talk(ctx, "ada", on=dt.date.fromisoformat(f"2026-{day}"))
    before = weekly_goals(ctx)
    assert (before["streak"], before["best_streak"]) == (3, 4)
    assert _progress(before)["conversations"] == (0, 1, False)
    assert weekly_goals(_on(ctx, dt.date(2026, 6, 3)))["streak"] == 2  # this week already met
    assert weekly_goals(_on(ctx, dt.date(2026, 6, 1)))["streak"] == 1  # not yet met
    gap = weekly_goals(_on(ctx, dt.date(2026, 6, 24)))
    assert (gap["streak"], gap["best_streak"]) == (0, 4)
    talk(ctx, "ada", on=dt.date(2026, 6, 15))
    now = weekly_goals(ctx)
    assert (now["streak"], now["best_streak"]) == (4, 4)
    later = weekly_goals(_on(ctx, dt.date(2026, 6, 24)))
    assert (later["streak"], later["best_streak"]) == (4, 4)
    past = weekly_goals(_on(ctx, dt.date(2026, 4, 22)))
    assert (past["streak"], past["best_streak"]) == (3, 3)
    strict = set_targets(ctx, conversations=1, gives=1, check_ins=0)
    assert strict["gives"] == 1
    assert (weekly_goals(ctx)["streak"], weekly_goals(ctx)["best_streak"]) == (0, 0)


def test_nothing_logged_means_no_streak(ctx: Context) -> None:
    result = weekly_goals(ctx)
    assert (result["streak"], result["best_streak"]) == (0, 0)
    assert _progress(result) == {
        "conversations": (0, 5, False),
        "gives": (0, 1, False),
        "check_ins": (0, 3, False),
    }


def test_a_campaign_greeting_to_an_overdue_tie_is_a_check_in(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", circle="close", met_on=dt.date(2026, 1, 1))
    person(ctx, "Grace Hopper", circle="close", met_on=dt.date(2026, 1, 1))
    talk(ctx, "ada", on=dt.date(2026, 3, 1))
    talk(ctx, "grace", on=dt.date(2026, 6, 1))
    new_campaign(ctx, "Summer", circles=["close"])
    mark_done(ctx, "Summer", ["ada", "grace"])
    assert _progress(weekly_goals(ctx)) == {
        "conversations": (2, 5, False),
        "gives": (0, 1, False),
        "check_ins": (1, 3, False),
    }


def test_a_check_in_on_its_due_day_counts(ctx: Context) -> None:
    # The agenda says "due today" when the cadence has just run out; answering it counts.
    person(ctx, "Me Myself", is_me=True)
    person(ctx, "Alan Turing", circle="close")  # every 30 days
    talk(ctx, "alan", on=dt.date(2026, 5, 11))
    talk(ctx, "alan", on=dt.date(2026, 6, 10))  # exactly 30 days later
    talk(ctx, "alan", on=dt.date(2026, 6, 11))  # a day later: not a check-in
    assert _progress(weekly_goals(_on(ctx, dt.date(2026, 6, 14))))["check_ins"] == (1, 3, False)


def test_a_check_in_the_agenda_offered_counts_for_a_tie_added_without_a_met_day(
    ctx: Context,
) -> None:
    """As the agenda does, a person added without the day you met is due a cadence after
    their record was made; and a dormant tie offered for a refresh counts when reached."""
    from netweave.services.agenda import compute_agenda

    january = _on(ctx, dt.date(2026, 1, 5))
    person(january, "Grace Hopper", circle="inner")  # no met day: known since 5 January
    ben = person(january, "Ben Okafor")["id"]  # no circle, no cadence
    talk(january, "ben", on=dt.date(2025, 3, 3))
    talk(january, "ben", on=dt.date(2025, 4, 7))
    day = refresh_day(ben, dt.date(2026, 1, 19))  # a Monday to Wednesday he is offered on
    later = _on(ctx, day)
    offered = {i["person"]: i["reason"] for i in compute_agenda(later)["items"]}
    assert offered["Grace Hopper"].startswith("check in: no conversation yet")
    assert offered["Ben Okafor"].startswith("refresh a dormant tie")
    talk(later, "grace", on=day)
    talk(later, "ben", on=day)
    after = day + dt.timedelta(days=1)
    talk(_on(ctx, after), "grace", on=after)  # not a check-in
    assert _progress(weekly_goals(_on(ctx, after)))["check_ins"][0] == 2


@pytest.mark.parametrize(("days", "counted"), [(180, 0), (181, 1)])
def test_a_dormant_tie_counts_from_the_day_the_agenda_offers_it(
    ctx: Context, days: int, counted: int
) -> None:
    """The agenda offers a refresh once the last contact is more than 180 days old: a
    conversation a day earlier is no dormant check-in in the goals either."""
    from netweave.services.agenda import compute_agenda

    day = refresh_day(1, dt.date(2026, 3, 1))  # a day Hal (#1) may be offered on
    last = day - dt.timedelta(days=days)
    then = _on(ctx, last)
    person(then, "Hal Brandt", met_on=dt.date(2025, 6, 1))
    talk(then, "hal", on=last - dt.timedelta(days=31))
    talk(then, "hal", on=last)
    on_the_day = _on(ctx, day)
    offered = [i["person"] for i in compute_agenda(on_the_day)["items"]]
    assert offered == ["Hal Brandt"] * counted
    talk(on_the_day, "hal", on=day)
    assert _progress(weekly_goals(on_the_day))["check_ins"][0] == counted


def test_a_refresh_of_someone_first_met_at_an_event_counts_as_a_check_in(ctx: Context) -> None:
    """Met at an event, written to once, then quiet: the agenda offers them as a dormant
    tie, and the conversation it asks for is a check-in in the goals."""
    from netweave.services import events
    from netweave.services.agenda import compute_agenda

    day = refresh_day(1, dt.date(2027, 1, 4))  # a day Kenji (#1) may be offered on
    then = _on(ctx, dt.date(2026, 5, 14))
    events.add_event(then, "ProductCon", dt.date(2026, 5, 14))
    events.meet(then, "ProductCon", ["Kenji Watanabe"])
    talk(_on(ctx, dt.date(2026, 5, 18)), "kenji", on=dt.date(2026, 5, 18))
    on_the_day = _on(ctx, day)
    assert [i["person"] for i in compute_agenda(on_the_day)["items"]] == ["Kenji Watanabe"]
    talk(on_the_day, "kenji", on=day)
    assert _progress(weekly_goals(on_the_day))["check_ins"][0] == 1

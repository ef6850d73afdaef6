"""Congratulations on new roles in the agenda: a fresh export may show thousands at once,
and the day's few take turns from the strongest ties down, after the user's own tasks and
lead steps."""

from __future__ import annotations

import dataclasses
import datetime as dt

from factories import person, talk
from netweave.clock import Clock
from netweave.services.agenda import (
    CONGRATULATE_WITHIN,
    CONGRATULATIONS_PER_DAY,
    agenda,
    compute_agenda,
)
from netweave.services.context import Context
from netweave.services.leads import add_lead
from netweave.services.tasks import add_task, complete, snooze

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


def test_the_congratulations_held_back_take_turns_on_the_days_after(ctx: Context) -> None:
    """Three a day, from the strongest ties down: a weak tie's comes up too, within as many
    days as it takes to show them all, and the turn goes round again after."""
    for n in range(12):
        person(ctx, f"Amy Stranger {n:02d}", met_on=dt.date(2020, 1, 1))
        _congratulate(ctx, f"Amy Stranger {n:02d}")
    for name, talks in (("Zoe Strong", 6), ("Yara Middle", 3), ("Xavier Weak", 1)):
        person(ctx, name, met_on=dt.date(2025, 1, 1))
        for k in range(talks):
            talk(ctx, name, on=TODAY - dt.timedelta(days=10 + 20 * k), kind="call")
        _congratulate(ctx, name)

    def shown(day: int) -> list[str]:
        later = dataclasses.replace(ctx, clock=Clock(as_of=TODAY + dt.timedelta(days=day)))
        result = agenda(later)
        assert result["more"]["congratulations"] == 12
        return sorted(i["person"] for i in result["items"] if i["kind"] == "congratulate")

    days = [shown(day) for day in range(5)]
    assert days[0] == ["Xavier Weak", "Yara Middle", "Zoe Strong"]
    assert days[1] == ["Amy Stranger 00", "Amy Stranger 01", "Amy Stranger 02"]
    assert days[4] == ["Amy Stranger 09", "Amy Stranger 10", "Amy Stranger 11"]
    assert sorted(name for day in days for name in day) == sorted(
        [f"Amy Stranger {n:02d}" for n in range(12)] + ["Xavier Weak", "Yara Middle", "Zoe Strong"]
    )
    assert shown(5) == days[0]  # round again
    assert shown(1) == days[1]  # the same day's list whenever it is asked for


def test_a_congratulation_is_news_for_two_months(ctx: Context) -> None:
    person(ctx, "Ada Lovelace", met_on=dt.date(2025, 1, 1))
    old = TODAY - dt.timedelta(days=CONGRATULATE_WITHIN)
    _congratulate(ctx, "Ada Lovelace", due=old)
    [cheer] = agenda(ctx)["items"]
    assert cheer["kind"] == "congratulate"
    assert cheer["reason"].endswith("(new role seen on 16 April)")  # not "seen" by the user
    later = dataclasses.replace(ctx, clock=Clock(as_of=TODAY + dt.timedelta(days=1)))
    assert [i for i in agenda(later)["items"] if i["kind"] == "congratulate"] == []


def _network_of_fifteen(ctx: Context) -> None:
    """Three ties, strongest first (Zoe, Yara, Xavier), and twelve connections never
    talked with: all their congratulations planned on ``TODAY``."""
    for name, talks in (("Zoe Strong", 6), ("Yara Middle", 3), ("Xavier Weak", 1)):
        person(ctx, name, met_on=dt.date(2025, 1, 1))
        for k in range(talks):
            talk(ctx, name, on=TODAY - dt.timedelta(days=10 + 20 * k), kind="call")
        _congratulate(ctx, name)
    for n in range(12):
        person(ctx, f"Amy Stranger {n:02d}", met_on=dt.date(2020, 1, 1))
        _congratulate(ctx, f"Amy Stranger {n:02d}")


def _on(ctx: Context, day: int) -> Context:
    return dataclasses.replace(ctx, clock=Clock(as_of=TODAY + dt.timedelta(days=day)))


def _cheers(ctx: Context) -> dict[str, int]:
    """The day's congratulations: each person's task id."""
    items = compute_agenda(ctx)["items"]
    return {i["person"]: i["task_id"] for i in items if i["kind"] == "congratulate"}


def _strangers(*numbers: int) -> set[str]:
    return {f"Amy Stranger {n:02d}" for n in numbers}


def test_the_day_s_three_done_the_strongest_left_come_the_day_after(ctx: Context) -> None:
    _network_of_fifteen(ctx)
    days = []
    for day in range(5):
        shown = _cheers(_on(ctx, day))
        days.append(set(shown))
        for task_id in shown.values():
            complete(_on(ctx, day), task_id)
        assert _cheers(_on(ctx, day)) == {}  # three a day: the others wait for the next
    assert days == [
        {"Zoe Strong", "Yara Middle", "Xavier Weak"},
        _strangers(0, 1, 2),
        _strangers(3, 4, 5),
        _strangers(6, 7, 8),
        _strangers(9, 10, 11),
    ]
    assert set(_cheers(_on(ctx, 5))) == set()


def test_those_left_undone_go_to_the_back_of_the_line(ctx: Context) -> None:
    """One of the first day's three done: the other two come up again once everyone
    else has had a turn, before the first of those shown after them."""
    _network_of_fifteen(ctx)
    first = _cheers(ctx)
    assert set(first) == {"Zoe Strong", "Yara Middle", "Xavier Weak"}
    complete(ctx, first["Zoe Strong"])
    days = [set(_cheers(_on(ctx, day))) for day in range(1, 6)]
    assert days[:4] == [_strangers(0, 1, 2), _strangers(3, 4, 5), _strangers(6, 7, 8),
                        _strangers(9, 10, 11)]  # fmt: skip
    assert days[4] == {"Yara Middle", "Xavier Weak"} | _strangers(0)
    assert set(_cheers(_on(ctx, 2))) == days[1]  # the same whenever it is asked for


def test_one_snoozed_leaves_its_turn_and_comes_back_when_the_snooze_ends(ctx: Context) -> None:
    _network_of_fifteen(ctx)
    shown = _cheers(_on(ctx, 1))
    assert set(shown) == _strangers(0, 1, 2)
    snooze(_on(ctx, 1), shown["Amy Stranger 01"], TODAY + dt.timedelta(days=3))
    assert set(_cheers(_on(ctx, 1))) == _strangers(0, 2, 3)  # the next one takes its place
    assert set(_cheers(_on(ctx, 2))) == _strangers(4, 5, 6)
    assert set(_cheers(_on(ctx, 3))) == _strangers(1, 7, 8)  # back, before those shown
    assert compute_agenda(_on(ctx, 2))["more"]["congratulations"] == 11  # the snoozed aside


def test_two_close_ties_keep_their_order_from_one_day_to_the_next(ctx: Context) -> None:
    """Ranked once, as of the day the oldest was planned: Ann and Ben are as strong on the
    first day, and Ben is the stronger the day after (his call was the more recent). Ann
    had her turn the first day, Ben has his the next; neither twice, nor skipped."""
    for name, pinned in (("Pat First", 90), ("Pia Second", 80)):
        person(ctx, name, strength=pinned)
        _congratulate(ctx, name)
    for name, ago in (("Ann Close", 11), ("Ben Close", 5)):
        person(ctx, name, met_on=dt.date(2025, 1, 1))
        talk(ctx, name, on=TODAY - dt.timedelta(days=ago), kind="call")
        _congratulate(ctx, name)
    assert set(_cheers(ctx)) == {"Pat First", "Pia Second", "Ann Close"}
    assert set(_cheers(_on(ctx, 1))) == {"Ben Close", "Pat First", "Pia Second"}


def test_one_done_by_a_message_today_keeps_the_replay_of_the_days_before(ctx: Context) -> None:
    """The ranking is what was known on the replay's first day: a message logged today
    (which does the congratulation) does not make that person the strongest tie of the
    days before, so nobody of yesterday's turn comes back in its place."""
    _network_of_fifteen(ctx)
    assert set(_cheers(_on(ctx, 2))) == _strangers(3, 4, 5)
    talk(_on(ctx, 2), "Amy Stranger 05", kind="message", direction="out", note="Congrats")
    assert set(_cheers(_on(ctx, 2))) == _strangers(3, 4)  # its turn kept, done
    assert set(_cheers(_on(ctx, 1))) == _strangers(0, 1, 2)
    assert set(_cheers(_on(ctx, 3))) == _strangers(6, 7, 8)

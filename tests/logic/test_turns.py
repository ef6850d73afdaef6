"""Taking turns: every one of a ranked list comes up within a few days, the best first, and
one that leaves the list leaves its turn to the next ones, moving nobody else's."""

from __future__ import annotations

import datetime as dt

from netweave.logic.turns import Contender, day_turn

START = dt.date(2026, 6, 15)
FAR = START + dt.timedelta(days=365)


def _on(days: int) -> dt.date:
    return START + dt.timedelta(days=days)


def _line(names: str, arrives: dt.date = START) -> list[Contender[str]]:
    return [Contender(name, arrives, FAR) for name in names]


def test_the_first_day_shows_the_best_then_the_next_ones_in_turn() -> None:
    ranked = _line("abcdefg")
    assert day_turn(ranked, 3, START) == ["a", "b", "c"]
    assert day_turn(ranked, 3, _on(1)) == ["d", "e", "f"]
    assert day_turn(ranked, 3, _on(2)) == ["g", "a", "b"]  # wrapping round
    assert day_turn(ranked, 3, _on(3)) == ["c", "d", "e"]
    seen = {x for days in range(3) for x in day_turn(ranked, 3, _on(days))}
    assert seen == set("abcdefg")


def test_those_done_each_day_leave_the_turn_to_the_best_of_the_others() -> None:
    """The day's three done (gone the day after): the next day shows the best left."""
    days: list[list[str]] = []
    done: dict[str, dt.date] = {}
    for day in range(4):
        ranked = [Contender(c.value, START, done.get(c.value, FAR)) for c in _line("abcdefghij")]
        days.append(day_turn(ranked, 3, _on(day)))
        done |= {name: _on(day + 1) for name in days[-1]}
    assert days == [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"], ["j"]]


def test_one_left_undone_goes_to_the_back_of_the_line() -> None:
    gone = {"a": _on(1), "c": _on(1)}  # of the first day's three, b is left
    ranked = [Contender(c.value, START, gone.get(c.value, FAR)) for c in _line("abcdefg")]
    assert day_turn(ranked, 3, _on(1)) == ["d", "e", "f"]
    assert day_turn(ranked, 3, _on(2)) == ["g", "b", "d"]


def test_one_arriving_later_comes_before_the_weaker_ones_still_waiting() -> None:
    """Those waiting for their first turn go by rank, before those shown already."""
    ranked = [Contender("best", _on(1), FAR), *_line("abcdef")]
    assert day_turn(ranked, 3, START) == ["a", "b", "c"]
    assert day_turn(ranked, 3, _on(1)) == ["best", "d", "e"]
    assert day_turn(ranked, 3, _on(2)) == ["f", "a", "b"]
    assert day_turn(ranked, 3, _on(3)) == ["c", "best", "d"]


def test_one_away_for_some_days_leaves_its_turn_and_comes_back_first() -> None:
    ranked = [Contender("a", _on(2), FAR), *_line("bcdefgh")]  # away (snoozed) until day 2
    assert day_turn(ranked, 3, START) == ["b", "c", "d"]
    assert day_turn(ranked, 3, _on(1)) == ["e", "f", "g"]
    assert day_turn(ranked, 3, _on(2)) == ["a", "h", "b"]


def test_a_day_is_the_same_whenever_it_is_asked_for() -> None:
    ranked = _line("abcdefgh")
    assert [day_turn(ranked, 3, _on(d)) for d in range(6)] == [
        day_turn(ranked, 3, _on(d)) for d in reversed(range(6))
    ][::-1]


def test_a_short_list_is_shown_whole_every_day() -> None:
    assert day_turn(_line("ab"), 3, _on(4)) == ["a", "b"]
    assert day_turn([], 3, START) == []
    assert day_turn(_line("ab", arrives=_on(1)), 3, START) == []  # not arrived yet


def test_the_turns_count_from_a_monday_both_routines_share() -> None:
    """The dormant ties' weeks and the 3B7 steps' ring count from one Monday, a calendar
    fact of the turns (not of either routine)."""
    from netweave.logic.turns import FIRST_MONDAY
    from netweave.services import dormant, followup_steps

    assert FIRST_MONDAY.weekday() == 0
    assert dormant.FIRST_MONDAY is followup_steps.FIRST_MONDAY is FIRST_MONDAY

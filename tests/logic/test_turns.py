"""Taking turns: every one of a ranked list comes up within a few days, the best first."""

from __future__ import annotations

import datetime as dt

from netweave.logic.turns import day_turn

START = dt.date(2026, 6, 15)


def _on(days: int) -> dt.date:
    return START + dt.timedelta(days=days)


def test_the_first_day_shows_the_best_then_the_next_ones_in_turn() -> None:
    ranked = list("abcdefg")
    assert day_turn(ranked, 3, START, START) == ["a", "b", "c"]
    assert day_turn(ranked, 3, START, _on(1)) == ["d", "e", "f"]
    assert day_turn(ranked, 3, START, _on(2)) == ["g", "a", "b"]  # wrapping round
    seen = {x for days in range(3) for x in day_turn(ranked, 3, START, _on(days))}
    assert seen == set(ranked)


def test_a_short_list_is_shown_whole_every_day() -> None:
    assert day_turn(["a", "b"], 3, START, _on(4)) == ["a", "b"]
    assert day_turn([], 3, START, START) == []

"""Knows suggestions on a network of hundreds: the strongest pairs are found without
weighing every pair, and they are the pairs, in the order, that weighing everyone gives."""

from __future__ import annotations

from typing import Any

import pytest

import netweave.services.knows_inference as inference
from netweave.demo import build_demo
from netweave.services import knows
from netweave.services.context import Context


def counting_evidence(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one for each piece of evidence weighed for a pair."""
    weighed: list[int] = []
    add = inference._add

    def counted(*args: Any) -> None:
        weighed.append(1)
        add(*args)

    monkeypatch.setattr(inference, "_add", counted)
    return weighed


def test_suggestions_are_those_of_weighing_every_pair(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    import netweave.services.knows_ranking as ranking

    build_demo(ctx, people=300)
    first = knows.suggestions(ctx, limit=3)
    knows.dismiss(ctx, f"#{first[0]['a_id']}", f"#{first[0]['b_id']}")
    knows.add_knows(ctx, f"#{first[1]['a_id']}", f"#{first[1]['b_id']}")
    found = {limit: knows.suggestions(ctx, limit=limit) for limit in (1, 5, 30, 60)}
    monkeypatch.setattr(ranking, "ONE_GROUP", 1.0)  # no pair left out unweighed
    for limit, pairs in found.items():
        assert pairs == knows.suggestions(ctx, limit=limit)
    assert len(found[30]) == 30


def test_only_pairs_that_can_rank_are_weighed(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_demo(ctx, people=300)
    with ctx.db.reading() as session:
        everyone = len(inference.infer(session))
    weighed = counting_evidence(monkeypatch)
    found = knows.suggestions(ctx, limit=10)
    assert len(found) == 10
    assert len(weighed) < everyone / 3  # every pair: one piece of evidence each at least


def test_a_stored_suggestion_naming_the_same_place_is_not_counted_twice() -> None:
    from netweave.services.knows_ranking import ranked, same_fact

    inferred = {(1, 2): [(0.6, "at Tidewater Carbon together (2025–now)")]}
    found = ranked(dict(inferred), {(1, 2): "work together at Tidewater Carbon"}, set())
    assert found == [(0.6, (1, 2), [(0.6, "at Tidewater Carbon together (2025–now)")])]
    assert same_fact("Studied at Bayview University", "Bayview University in 2012–2014")
    assert not same_fact("Met at a wedding", "at Tidewater Carbon together (2025–now)")
    assert not same_fact("work together at Helio Storage", "at Tidewater Carbon together")
    other = ranked({(1, 2): [(0.6, "both work at Acme")]}, {(1, 2): "rowing club"}, set())
    assert round(other[0][0], 2) == 0.8  # a separate fact adds up

"""Warm paths into a large employer: colleagues are paired only while a path through them
can still be among the best, and the paths found are those a full search finds."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

import pytest

import netweave.store.graph as graph
from factories import knows, member, past_job, person
from netweave.services.context import Context
from netweave.services.paths import warm_paths

D = dt.date
STAFF = 40


def large_employer(ctx: Context) -> None:
    """Forty people at Initech since 2020, twelve of them close to the user, and Rita, who
    worked there for ten years and is closer still."""
    person(ctx, "Ada Lovelace", is_me=True)
    for i in range(STAFF):
        name = f"Worker {i:02d}"
        person(ctx, name, strength=50 + i if i < 12 else None)
        past_job(ctx, name, "Initech", D(2020, 1 + i % 12, 1), None, current=True)
    person(ctx, "Rita Strong", strength=70)
    past_job(ctx, "Rita Strong", "Initech", D(2015, 1, 1), D(2025, 12, 31))


def counting_pairs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one for each pair of spells at an employer compared."""
    compared: list[int] = []
    overlap = graph._overlap_tie

    def counted(*args: Any) -> graph.Tie | None:
        compared.append(1)
        return overlap(*args)

    monkeypatch.setattr(graph, "_overlap_tie", counted)
    return compared


def test_only_colleagues_who_could_lead_in_are_paired(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    large_employer(ctx)
    compared = counting_pairs(monkeypatch)
    found = warm_paths(ctx, "Initech")
    # Through anyone but Rita a path is weaker than the tenth direct one: one pair a person.
    assert len(compared) <= STAFF  # every colleague with every one: STAFF * STAFF
    via = [p for p in found if p["hops"]]
    assert via
    assert all(p["hops"] == ["Rita Strong"] for p in via)
    assert via[0]["score"] == 56.0  # strength 70 × 0.8 for ten years together
    assert [p["score"] for p in found] == sorted((p["score"] for p in found), reverse=True)


def test_the_best_paths_are_those_of_a_search_through_everyone(ctx: Context) -> None:
    large_employer(ctx)
    everyone = warm_paths(ctx, "Initech", limit=1000)  # more than work there: nothing left out
    assert len(everyone) == STAFF  # each of them once, by the strongest way in
    assert len({p["target_id"] for p in everyone}) == STAFF
    for limit in (1, 5, 10, 30):
        assert warm_paths(ctx, "Initech", limit=limit) == everyone[:limit]


def mixed_network(ctx: Context, seed: int) -> None:
    """People at two employers now and before, in schools and clubs, who know each other,
    with ties to the user of every strength (equal ones too)."""
    rng = random.Random(seed)
    person(ctx, "Ada Lovelace", is_me=True)
    names = [f"Person {i:02d}" for i in range(30)]
    for name in names:
        person(ctx, name, strength=rng.choice([None, 10, 20, 20, 35, 50, 80]))
        for org in rng.sample(["Initech", "Globex", "Hooli"], 2):
            start = D(rng.randint(2010, 2024), rng.randint(1, 12), 1)
            now = org == "Initech" or rng.random() < 0.5
            end = None if now else start + dt.timedelta(days=rng.randint(100, 2000))
            past_job(ctx, name, org, start if rng.random() < 0.8 else None, end, current=now)
        if rng.random() < 0.5:
            first = rng.randint(2000, 2015)
            member(ctx, name, rng.choice(["Stanford", "Climbing Club"]), years=(first, first + 4))
    for a, b in rng.sample(list(itertools.combinations(names, 2)), 25):
        knows(ctx, a, b, confidence=rng.choice([0.5, 0.9, 1.0]), status=rng.choice(
            ["confirmed", "suggested"]))  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_paths_through_every_kind_of_tie_are_those_of_a_full_search(
    ctx: Context, seed: int
) -> None:
    mixed_network(ctx, seed)
    everyone = warm_paths(ctx, "Initech", limit=1000)
    assert any(p["hops"] for p in everyone)
    for limit in (1, 3, 10):
        assert warm_paths(ctx, "Initech", limit=limit) == everyone[:limit]

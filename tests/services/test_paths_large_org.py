"""Warm paths into a large employer: colleagues are paired only while a path through them
can still be among the best, and the paths found are those a full search finds."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

import pytest

import netweave.services.paths as paths
import netweave.store.graph as graph
from factories import knows, member, past_job, person
from netweave.demo import build_demo
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


def counting_scored(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one for each person whose tie strength is computed."""
    scored: list[int] = []
    strengths = paths.strengths

    def counted(session: Any, ids: Any, now: Any) -> Any:
        scored.extend(ids)
        return strengths(session, ids, now)

    monkeypatch.setattr(paths, "strengths", counted)
    return scored


def test_only_people_who_may_lead_in_are_scored(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    large_employer(ctx)
    for i in range(100):  # worked there long ago, and the user has never talked with them
        person(ctx, f"Alumnus {i:03d}")
        past_job(ctx, f"Alumnus {i:03d}", "Initech", D(2010, 1, 1), D(2012, 1, 1))
        member(ctx, f"Alumnus {i:03d}", "Stanford", years=(2005, 2009))
    member(ctx, "Worker 00", "Stanford", years=(2006, 2010))
    scored = counting_scored(monkeypatch)
    found = warm_paths(ctx, "Initech")
    via = [p["hops"] for p in found if p["hops"]]
    assert via
    assert all(hops == ["Rita Strong"] for hops in via)
    assert not [pid for pid in scored if pid > STAFF + 2]  # no alumnus: all too weak


@pytest.mark.parametrize("as_of", [None, D(2025, 1, 1)])
def test_paths_on_a_demo_network_are_those_of_a_search_through_everyone(
    ctx: Context, monkeypatch: pytest.MonkeyPatch, as_of: dt.date | None
) -> None:
    build_demo(ctx, people=300)
    if as_of is not None:
        monkeypatch.setattr(ctx, "clock", type(ctx.clock)(as_of=as_of))
    orgs = ["Verdant Grid", "Helio Storage", "Tidewater Carbon", "Harbor Bank",
            "Kelp Forest Labs", "Watershed Materials", "Boreal Heat Pumps"]  # fmt: skip
    found = {(o, n): warm_paths(ctx, o, limit=n) for o in orgs for n in (1, 3, 10, 40)}
    assert any(p["hops"] for paths_in in found.values() for p in paths_in)
    monkeypatch.setattr(paths, "_strong", lambda *args: None)  # everyone's ties read
    for (org, limit), paths_in in found.items():
        assert warm_paths(ctx, org, limit=limit) == paths_in

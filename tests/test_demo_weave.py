"""Weaving the net on the demo network, as a new user would try it."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
from sqlalchemy import select

from netweave.demo import build_demo
from netweave.demo.weave import COMPLEMENTS
from netweave.logic import matching
from netweave.services import intro_suggestions as suggesting
from netweave.services import intros, knows
from netweave.services.agenda import agenda
from netweave.services.context import Context
from netweave.services.embeddings import cached, choose_embedder
from netweave.services.graph import export_graph
from netweave.services.intro_suggestions import suggest_intros
from netweave.services.knows_inference import infer
from netweave.store import models as m


def _known(ctx: Context) -> set[frozenset[int]]:
    with ctx.db.reading() as session:
        return {
            frozenset(pair)
            for pair in session.execute(select(m.Knows.person_a_id, m.Knows.person_b_id))
        }


def test_demo_suggestions_are_sensible_explained_and_new(ctx: Context) -> None:
    build_demo(ctx, people=300)
    known = _known(ctx)
    for method in ("semantic", "lexical"):
        top = suggest_intros(ctx, method=method)
        assert len(top) == 20
        for s in top:
            assert frozenset((s["a_id"], s["b_id"])) not in known
            assert s["reason"]
            assert all(phrase in s["reason"] for phrase in s["phrases"])
            if s["kind"] == "need-offer":
                assert " needs “" in s["reason"]
                assert " offers “" in s["reason"]
    every = suggest_intros(ctx, method="semantic", limit=1000)
    matched = {(p, q) for s in every for p, q in zip(s["phrases"], s["phrases"][1:], strict=False)}
    # The demo's complementary needs and offers find each other, words shared or not.
    found = [pair for pair in COMPLEMENTS if pair in matched]
    assert len(found) >= 4, found


def _the_slow_way(ctx: Context) -> list[tuple[int, int, float]]:
    """Every need row against every offer row one pair at a time, the equally similar in
    the order recorded, then ranked as the service ranks."""
    import numpy as np

    embedder = choose_embedder("semantic")
    assert embedder is not None
    with ctx.db.reading() as session:
        profiles = suggesting._profiles(session)
        table = matching.rows(profiles)
        vectors = cached(session, embedder.model_id, table.need_texts + table.offer_texts)
        excluded = suggesting._excluded(session)
        evidence = infer(session)  # every pair's, not only the candidates'
        apart = suggesting._apart(session)
    known = {
        pair: (1 - math.prod(sorted(1 - c for c, _ in ev)), max(ev)[1])
        for pair, ev in evidence.items()
        if ev and pair not in apart
    }
    unit = {t: v.astype(np.float64) / np.linalg.norm(v) for t, v in vectors.items()}
    hits = []
    for i, need in enumerate(table.need_texts):
        scored = [
            (float(unit[need] @ unit[offer]), j)
            for j, offer in enumerate(table.offer_texts)
            if table.offer_owner[j] != table.need_owner[i]
        ]
        scored.sort(key=lambda sj: -sj[0])  # stable: equals in the order recorded
        best = scored[: matching.TOP_K]
        hits += [matching.Hit(i, j, min(sim, 1.0)) for sim, j in best if sim >= 0.36]
    shared = matching.interest_pairs(profiles)
    combined = matching.combine(table, hits, shared, excluded)
    ranked = matching.diversify(matching.rank_down_known(combined, known))
    return [(s.a, s.b, s.score) for s in ranked]


def test_demo_suggestions_are_those_of_the_slow_way(ctx: Context) -> None:
    build_demo(ctx, people=1200)
    found = suggest_intros(ctx, method="semantic", limit=10_000)  # caches every vector
    pairs = [(*sorted((s["a_id"], s["b_id"])), s["score"]) for s in found]  # a: asked first
    assert pairs == _the_slow_way(ctx)


def test_demo_opt_in_workflow_end_to_end(ctx: Context) -> None:
    build_demo(ctx, people=120)
    best = suggest_intros(ctx, method="lexical", limit=1)[0]
    a, b = f"#{best['a_id']}", f"#{best['b_id']}"
    n = intros.propose(ctx, a, b, why=best["reason"])["id"]
    assert any(i["kind"] == "intro" for i in agenda(ctx)["items"])
    for step in (intros.ask, intros.agree, intros.ask, intros.agree, intros.introduce):
        step(ctx, n)
    assert frozenset((best["a_id"], best["b_id"])) in _known(ctx)
    assert intros.record_outcome(ctx, n, met=True, helped=True, note=None)["state"] == "done"
    assert all(
        frozenset((s["a_id"], s["b_id"])) != frozenset((best["a_id"], best["b_id"]))
        for s in suggest_intros(ctx, method="lexical", limit=1000)
    )


def test_demo_knows_suggestions_and_graph(ctx: Context, tmp_path: Path) -> None:
    build_demo(ctx, people=120)
    found = knows.suggestions(ctx, limit=10)
    assert len(found) == 10
    assert all(s["reason"] and 0 < s["confidence"] <= 1 for s in found)
    confirmed = {
        frozenset((e["a_id"], e["b_id"]))
        for e in knows.list_knows(ctx)
        if e["status"] == "confirmed"
    }
    assert not confirmed & {frozenset((s["a_id"], s["b_id"])) for s in found}
    path = tmp_path / "demo.graphml"
    written = export_graph(ctx, "graphml", path)
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == written["nodes"] == 121
    assert graph.number_of_edges() == written["edges"]
    kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
    assert kinds == {"tie", "knows"}

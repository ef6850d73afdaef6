"""The warm-path search on CSR arrays, against a brute force over the edge list."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from netweave.logic.paths import Path, build_graph, top_paths


def brute(edges, ego, targets, k, exclude=-1, talked=frozenset()):
    """Every direct and two-hop path, scored by the product of weights, sorted like top_paths,
    and the strongest to each target kept (the direct one to anyone ``talked`` with)."""
    adjacency: dict[int, list[tuple[int, float, int]]] = {}
    for i, (a, b, w) in enumerate(edges):
        adjacency.setdefault(a, []).append((b, w, i))
        adjacency.setdefault(b, []).append((a, w, i))
    found = []
    for t in sorted(set(targets) - {exclude}):
        if t in ego:
            found.append((ego[t], t, (), -1))
        for b, w, i in adjacency.get(t, []):
            if b in ego and b != exclude and t not in talked:
                found.append((ego[b] * w, t, (b,), i))
    found.sort(key=lambda p: (-p[0], p[1], p[2] or (-1,)))
    best, seen = [], set()
    for path in found:
        if path[1] not in seen:
            seen.add(path[1])
            best.append(path)
    return best[:k]


def run(n, edges, ego, targets, k=10, exclude=-1, side="auto", talked=None):
    graph = build_graph(n, (e[0] for e in edges), (e[1] for e in edges), (e[2] for e in edges))
    nodes = np.array(sorted(ego), dtype=np.int64)
    weights = np.array([ego[i] for i in sorted(ego)], dtype=np.float64)
    targets = np.array(targets, dtype=np.int64)
    if talked is None:
        return top_paths(graph, nodes, weights, targets, k, exclude=exclude, side=side)
    direct = np.array([i in talked for i in sorted(ego)], dtype=bool)
    return top_paths(graph, nodes, weights, targets, k, exclude=exclude, side=side, talked=direct)


def test_direct_and_two_hop_paths_are_scored_from_the_ties_along_them():
    # 0 is the user; 1 (strong tie) knows 3 at the org well; 2 (weak tie) works there.
    edges = [(1, 3, 0.9), (2, 3, 0.5)]
    paths = run(4, edges, {1: 0.8, 2: 0.3}, [2, 3])
    # 3 through 2 (0.3 × 0.5) is left out: 3 is listed already, by a stronger way in
    assert [(round(p.score, 3), p.target, p.hops) for p in paths] == [
        (0.72, 3, (1,)),
        (0.3, 2, ()),
    ]
    assert paths[0].edge == 0
    assert paths[1].edge == -1


def test_no_way_in_is_an_empty_list():
    assert run(3, [(0, 1, 0.5)], {1: 0.5}, [2]) == []
    assert run(3, [(0, 1, 0.5)], {1: 0.5}, []) == []
    assert run(3, [(1, 2, 0.5)], {}, [2]) == []


def test_the_excluded_node_is_never_a_hop_or_a_target():
    edges = [(0, 2, 1.0), (1, 2, 0.5)]
    paths = run(3, edges, {0: 1.0, 1: 0.5, 2: 0.1}, [0, 2], exclude=0)
    assert all(0 not in p.hops and p.target != 0 for p in paths)
    assert [(p.target, p.hops) for p in paths] == [(2, (1,))]


def test_only_k_paths_come_back_each_target_once_and_ties_break_by_target_then_hop():
    edges = [(h, t, 1.0) for h, t in itertools.product(range(1, 4), range(4, 8))]
    paths = run(8, edges, dict.fromkeys(range(1, 4), 0.5), [4, 5, 6, 7], k=3)
    assert [(p.target, p.hops) for p in paths] == [(4, (1,)), (5, (1,)), (6, (1,))]


def test_a_weaker_way_to_someone_known_directly_is_left_out():
    # the user knows 2 (at the org) well and 1 a little; 1 also knows 2
    paths = run(3, [(1, 2, 0.9)], {1: 0.3, 2: 0.8}, [2])
    assert [(p.target, p.hops) for p in paths] == [(2, ())]
    # but a friend who knows them well beats a slight acquaintance of the user's own
    paths = run(3, [(1, 2, 0.9)], {1: 0.9, 2: 0.05}, [2])
    assert [(p.target, p.hops) for p in paths] == [(2, (1,))]


def test_someone_the_user_has_talked_with_is_listed_by_the_direct_tie():
    # 1 is a close friend and a colleague of 2 (a guessed link); the user has talked with 2
    paths = run(3, [(1, 2, 0.35)], {1: 0.48, 2: 0.13}, [1, 2], talked={1, 2})
    assert [(round(p.score, 3), p.target, p.hops) for p in paths] == [
        (0.48, 1, ()),
        (0.13, 2, ()),
    ]
    # someone only in the network, never talked with, is still best reached through 1
    paths = run(3, [(1, 2, 0.35)], {1: 0.48, 2: 0.05}, [1, 2], talked={1})
    assert [(p.target, p.hops) for p in paths] == [(1, ()), (2, (1,))]


graphs = st.integers(min_value=2, max_value=12).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.lists(
            st.tuples(
                st.integers(0, n - 1),
                st.integers(0, n - 1),
                st.sampled_from([0.1, 0.25, 0.5, 0.75, 1.0]),
            ).filter(lambda e: e[0] != e[1]),
            max_size=30,
            unique_by=lambda e: (min(e[0], e[1]), max(e[0], e[1])),
        ),
        st.dictionaries(st.integers(0, n - 1), st.sampled_from([0.05, 0.3, 0.6, 0.9])),
        st.lists(st.integers(0, n - 1), max_size=n),
        st.integers(1, 8),
        st.frozensets(st.integers(0, n - 1)),
    )
)


@given(graphs, st.sampled_from(["auto", "targets", "contacts"]))
def test_matches_brute_force(case, side):
    n, edges, ego, targets, k, talked = case
    found = run(n, edges, ego, targets, k, exclude=0, side=side, talked=talked)
    got = [(p.score, p.target, p.hops, p.edge) for p in found]
    mine = {i: w for i, w in ego.items() if i != 0}
    want = brute(edges, mine, targets, k, exclude=0, talked=talked & mine.keys())
    assert [(round(s, 9), t, h) for s, t, h, _ in got] == [
        (round(s, 9), t, h) for s, t, h, _ in want
    ]
    for _, t, h, e in got:  # the edge named is the one between the hop and the target
        if h:
            a, b, _ = edges[e]
            assert {a, b} == {h[0], t}


def test_path_is_plain_data():
    assert Path(0.5, 3, (1,), 0) < Path(0.6, 1, (), -1)

"""Warm paths into an organization: the core search on a compact adjacency structure.

The graph is in CSR form (``indptr``, ``indices``, ``weights`` as NumPy arrays over node
numbers ``0..n-1``), built once by a loader. A path is the user → a first contact (the
user's own tie, weight ``ego``) → optionally one person they know (edge weight) → a person
at the organization. Its score is the product of the tie weights along it (each in 0..1),
so a strong tie to someone who knows the target well beats a weak direct acquaintance.
Each person at the organization is listed once, by their strongest path, except someone the
user has talked with: they are listed by the user's own tie, since a route through another
person adds nothing to a conversation the user can simply continue.

The search is vectorised: the neighbours of every person at the organization are gathered
in one slice of the arrays and looked up among the user's contacts with a binary search,
so its cost grows with the organization's size, not the network's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Graph:
    """An undirected weighted graph in CSR form (each edge stored in both directions)."""

    indptr: IntArray
    indices: IntArray
    weights: FloatArray
    #: For each stored half-edge, the index of the edge it came from (to look up reasons).
    edge_ids: IntArray

    @property
    def nodes(self) -> int:
        """The number of nodes."""
        return len(self.indptr) - 1


def build_graph(n: int, a: Iterable[int], b: Iterable[int], w: Iterable[float]) -> Graph:
    """The CSR graph on nodes ``0..n-1`` with edges ``a[i]–b[i]`` of weight ``w[i]``."""
    src = np.fromiter(a, dtype=np.int64)
    dst = np.fromiter(b, dtype=np.int64)
    wts = np.fromiter(w, dtype=np.float64)
    return from_arrays(n, src, dst, wts)


def from_arrays(n: int, src: IntArray, dst: IntArray, wts: FloatArray) -> Graph:
    """Like :func:`build_graph`, from arrays (no copy of the input beyond the CSR itself)."""
    if not (len(src) == len(dst) == len(wts)):
        raise ValueError("edge arrays differ in length")
    ids = np.arange(len(src), dtype=np.int64)
    heads = np.concatenate([src, dst])
    tails = np.concatenate([dst, src])
    order = np.argsort(heads, kind="stable")
    counts = np.bincount(heads, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return Graph(
        indptr=indptr,
        indices=tails[order],
        weights=np.concatenate([wts, wts])[order],
        edge_ids=np.concatenate([ids, ids])[order],
    )


def _degree(graph: Graph, nodes: IntArray) -> int:
    return int((graph.indptr[nodes + 1] - graph.indptr[nodes]).sum())


def _half_edges(graph: Graph, nodes: IntArray) -> tuple[IntArray, IntArray]:
    """The CSR slots of every half-edge out of ``nodes``, and the index in ``nodes`` of each."""
    starts = graph.indptr[nodes]
    lengths = graph.indptr[nodes + 1] - starts
    total = int(lengths.sum())
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    slots = offsets + np.arange(total, dtype=np.int64)
    return slots, np.repeat(np.arange(len(nodes), dtype=np.int64), lengths)


@dataclass(frozen=True, order=True)
class Path:
    """One way in: ``hops`` are the people between the user and ``target`` (empty: direct)."""

    score: float
    target: int
    hops: tuple[int, ...]
    #: The edge from the last hop to the target (``-1`` for a direct path).
    edge: int = -1


def top_paths(
    graph: Graph,
    ego_nodes: IntArray,
    ego_weights: FloatArray,
    targets: IntArray,
    k: int = 10,
    *,
    exclude: int = -1,
    side: str = "auto",
    talked: BoolArray | None = None,
) -> list[Path]:
    """The ``k`` strongest paths from the user into ``targets``, strongest first: each
    target once, by its strongest path, or by the direct one when the user has talked with
    them.

    ``ego_nodes`` (sorted, unique) are the user's contacts and ``ego_weights`` the user's
    tie to each; ``talked`` (aligned with them, none by default) says whom the user has
    talked with. ``exclude`` is a node never used as a hop or target (the user's own).
    ``side`` says whose ties are scanned for two-hop paths: ``"targets"`` (the people at
    the organization), ``"contacts"`` (the user's) or ``"auto"``, the side with fewer.
    Ties are broken by target, then hop, so the result is deterministic.
    """
    if len(targets) == 0 or len(ego_nodes) == 0 or k <= 0:
        return []
    targets = np.unique(targets)
    targets = targets[targets != exclude]
    if len(targets) == 0:
        return []
    # Direct paths: targets the user knows.
    pos = np.searchsorted(ego_nodes, targets).clip(max=len(ego_nodes) - 1)
    direct = ego_nodes[pos] == targets
    d_targets = targets[direct]
    d_scores = ego_weights[pos[direct]]
    d_talked = talked[pos[direct]] if talked is not None else np.zeros(len(d_targets), dtype=bool)
    h_targets, h_via, h_scores, h_edges = _two_hop(
        graph, ego_nodes, ego_weights, targets, exclude=exclude, side=side
    )
    scores = np.concatenate([d_scores, h_scores])
    tgts = np.concatenate([d_targets, h_targets])
    hops = np.concatenate([np.full(len(d_targets), -1, dtype=np.int64), h_via])
    edges = np.concatenate([np.full(len(d_targets), -1, dtype=np.int64), h_edges])
    own = np.concatenate([d_talked, np.zeros(len(h_targets), dtype=bool)])
    order = _strongest_per_target(scores, tgts, hops, own, k)
    return [
        Path(
            score=float(scores[i]),
            target=int(tgts[i]),
            hops=() if hops[i] < 0 else (int(hops[i]),),
            edge=int(edges[i]),
        )
        for i in order
    ]


def _two_hop(
    graph: Graph,
    ego_nodes: IntArray,
    ego_weights: FloatArray,
    targets: IntArray,
    *,
    exclude: int,
    side: str,
) -> tuple[IntArray, IntArray, FloatArray, IntArray]:
    """The two-hop paths into ``targets`` through the user's contacts: target, hop, score and
    edge of each, from the half-edges of whichever side has fewer, gathered in one slice."""
    contacts = ego_nodes != exclude
    if side == "auto":
        from_targets = _degree(graph, targets) <= _degree(graph, ego_nodes[contacts])
    else:
        from_targets = side == "targets"
    if from_targets:
        slots, owner = _half_edges(graph, targets)
        via = graph.indices[slots]
        pos = np.searchsorted(ego_nodes, via).clip(max=len(ego_nodes) - 1)
        known = (ego_nodes[pos] == via) & (via != exclude)
        h_targets, h_via = targets[owner[known]], via[known]
        h_weights = ego_weights[pos[known]]
    else:
        mine = np.flatnonzero(contacts)
        slots, owner = _half_edges(graph, ego_nodes[mine])
        reach = graph.indices[slots]
        pos = np.searchsorted(targets, reach).clip(max=max(len(targets) - 1, 0))
        known = targets[pos] == reach if len(targets) else np.zeros(len(reach), dtype=bool)
        h_targets, h_via = reach[known], ego_nodes[mine[owner[known]]]
        h_weights = ego_weights[mine[owner[known]]]
    return h_targets, h_via, h_weights * graph.weights[slots[known]], graph.edge_ids[slots[known]]


def _strongest_per_target(
    scores: FloatArray, tgts: IntArray, hops: IntArray, own: BoolArray, k: int
) -> IntArray:
    """The indices of the ``k`` paths kept, strongest first (``own``: a direct tie to someone
    the user has talked with), ties broken by target, then hop."""
    # Each person once, by their strongest way in: a weaker route to someone already
    # listed (a friend of a friend, when the user knows them better directly) is clutter;
    # and someone the user has talked with is listed by that tie, whatever the routes.
    ranked = np.lexsort((hops, -scores, ~own, tgts))
    _, first = np.unique(tgts[ranked], return_index=True)
    kept = ranked[first]
    return kept[np.lexsort((hops[kept], tgts[kept], -scores[kept]))[:k]]

"""``intros suggest`` on a large network vs a naive pairwise loop over the same vectors.

Builds (once, cached under bench/.cache) a demo network of N people, then times in one
process, interleaved: the suggestion service with the semantic model (embeddings cached,
the everyday case) and with lexical ranking; and the peer, a plain Python loop that scores
every need against every offer one pair at a time (numpy dot per pair) and keeps each
need's best offers, the work the service does with chunked matrix products. The cold
case, every embedding computed afresh, is timed separately.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any

from common import machine, peak_rss_mb, traced_peak, write_section
from sqlalchemy import delete, func, select
from today import AS_OF, database, postgres

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.logic import matching
from netweave.services.context import Context, open_context
from netweave.services.embeddings import cached, choose_embedder
from netweave.services.intro_suggestions import _profiles, suggest_intros
from netweave.store import models as m


def naive(ctx: Context, model_id: str) -> int:
    """Every need against every offer in a Python loop; each need keeps its best offers."""
    import numpy as np

    with ctx.db.reading() as session:
        table = matching.rows(_profiles(session))
        vectors = cached(session, model_id, table.need_texts + table.offer_texts)
    offers = [(o, vectors[t] / np.linalg.norm(vectors[t])) for o, t in
              zip(table.offer_owner, table.offer_texts, strict=True)]  # fmt: skip
    kept = 0
    for owner, text in zip(table.need_owner, table.need_texts, strict=True):
        need = vectors[text] / np.linalg.norm(vectors[text])
        scored = []
        for j, (offer_owner, offer) in enumerate(offers):
            if offer_owner != owner:
                sim = float(np.dot(need, offer))
                if sim >= matching.SEMANTIC_FLOOR:
                    scored.append((sim, j))
        scored.sort(reverse=True)
        kept += len(scored[: matching.TOP_K])
    return kept


def cold(ctx: Context) -> float:
    """One suggestion run with the embedding cache emptied first."""
    with ctx.db.transaction() as session:
        session.execute(delete(m.TextEmbedding))
    start = time.perf_counter()
    suggest_intros(ctx, method="semantic")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pg", metavar="URL", help="Measure on PostgreSQL (admin URL).")
    args = parser.parse_args()
    url = postgres(args.pg, args.people) if args.pg else sqlite_url(database(args.people, "intros"))
    ctx = open_context(Settings(database_url=url), Clock(AS_OF))
    backend = "PostgreSQL" if args.pg else "SQLite"
    embedder = choose_embedder("semantic")
    assert embedder is not None
    start = time.perf_counter()
    suggest_intros(ctx, method="semantic")  # loads the model and fills the cache
    first = time.perf_counter() - start
    cases: dict[str, Any] = {
        "suggest, semantic (cached embeddings)": lambda: suggest_intros(ctx, method="semantic"),
        "suggest, lexical (TF-IDF, no model)": lambda: suggest_intros(ctx, method="lexical"),
        "peer: naive pairwise loop, need/offer scoring only": lambda: naive(ctx, embedder.model_id),
    }
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, fn in cases.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    peaks = {name: traced_peak(fn) for name, fn in cases.items()}
    colds = [cold(ctx) for _ in range(max(1, min(args.runs, 3)))]
    with ctx.db.reading() as session:
        needs = session.scalar(select(func.count()).select_from(m.Need)) or 0
        offers = session.scalar(select(func.count()).select_from(m.Offer)) or 0
        texts = session.scalar(select(func.count()).select_from(m.TextEmbedding)) or 0
        interests = session.scalar(select(func.count()).select_from(m.Interest)) or 0
    report(backend, args.people, (needs, offers, texts, interests), samples, peaks, colds, first)


def report(
    backend: str,
    people: int,
    counts: tuple[int, int, int, int],
    samples: dict[str, list[float]],
    peaks: dict[str, float],
    colds: list[float],
    first: float,
) -> None:
    needs, offers, texts, interests = counts
    service = statistics.median(samples["suggest, semantic (cached embeddings)"])
    runs = len(next(iter(samples.values())))
    lines = [
        f"## `intros suggest` at scale ({people:,} people, {backend})",
        "",
        f"Machine: {machine()}. Demo network of {people:,} people with {needs:,} needs, "
        f"{offers:,} offers ({texts:,} distinct texts) and {interests:,} interests; "
        f"{runs} runs each, interleaved, in one process; {backend}.",
        "",
        "| case | median | min | max | case / service | peak Python memory |",
        "|---|---|---|---|---|---|",
    ]
    for name, values in samples.items():
        med = statistics.median(values)
        lines.append(
            f"| {name} | {med:.2f} s | {min(values):.2f} s | {max(values):.2f} s | "
            f"{med / service:.1f}× | {peaks[name]:.1f} MB |"
        )
    lines += [
        "",
        f"Cold cache (every distinct text embedded again, model already loaded): median "
        f"{statistics.median(colds):.2f} s over {len(colds)} runs (min {min(colds):.2f} s, "
        f"max {max(colds):.2f} s). First call in the process (loading the model; vectors "
        f"cached by earlier runs reused): {first:.2f} s.",
        "Peak Python memory is one run of each under tracemalloc (the model's own buffers, "
        f"held by onnxruntime outside Python, are not in it); the process peaked at "
        f"{peak_rss_mb():.0f} MB resident.",
        "The peer scores need/offer pairs only; the service's time also covers reading the "
        "profiles, shared interests, the exclusions and the explanations.",
        f"Load average at the end of the run: {os.getloadavg()[0]:.1f} (the 2 cores are shared "
        "with other work, so absolute times are pessimistic; the ratios are interleaved).",
        "Target: ranked suggestions for 10,000 people in ≤ 5 s.",
    ]
    suffix = "" if backend == "SQLite" else f"-{backend.lower()}"
    write_section(f"intros-{people}{suffix}", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

"""Full-text search at scale: p50 and p95 over realistic queries, vs the raw index query.

Uses the cached demo network of bench/today.py (N people; SQLite file under bench/.cache,
or a PostgreSQL database with --pg). A set of realistic queries is drawn from the network
itself (first and family names, name prefixes, employers, job titles, interests, and
two-word mixes). One run = every query once; each case's p50 and p95 are taken per run,
and the report gives the median of the runs with min and max. Cases, interleaved:

- ``search`` (service): ``netweave search`` without printing — match, rank, and build the
  people's views (company, title, tags, strength);
- ``search_ids`` (store): the match and ranking only, through SQLAlchemy;
- floor: the same FTS5 ``MATCH`` (SQLite) or ``tsvector @@ tsquery`` (PostgreSQL) query
  through the raw DB-API driver, the least any implementation must do.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from common import machine, write_section
from today import AS_OF, database, postgres

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import Context, open_context
from netweave.services.people import search_people
from netweave.store.search import query_terms, search_ids

LIMIT = 50
FLOOR_SQLITE = "SELECT rowid FROM person_search WHERE person_search MATCH ? ORDER BY rank LIMIT ?"
FLOOR_PG = (
    "SELECT person_id FROM person_search, to_tsquery('simple', %s) AS q "
    "WHERE document @@ q ORDER BY ts_rank(document, q) DESC, person_id LIMIT %s"
)


def queries(ctx: Context, count: int = 60) -> list[str]:
    """Realistic queries drawn (seeded) from the network's own names, employers and interests."""
    from sqlalchemy import text

    rng = random.Random(7)
    with ctx.db.reading() as s:
        names = [r[0] for r in s.execute(text("SELECT display_name FROM person ORDER BY id"))]
        orgs = [r[0] for r in s.execute(text("SELECT name FROM organization ORDER BY id"))]
        titles = [r[0] for r in s.execute(text("SELECT DISTINCT title FROM position ORDER BY 1"))]
        likes = [r[0] for r in s.execute(text("SELECT DISTINCT label FROM interest ORDER BY 1"))]
    picked: list[str] = []
    per = count // 6
    picked += [rng.choice(names).split()[0] for _ in range(per)]  # a first name
    picked += [rng.choice(names).split()[-1] for _ in range(per)]  # a family name
    picked += [rng.choice(names)[:4] for _ in range(per)]  # typing a name: a prefix
    picked += [rng.choice(orgs) for _ in range(per)]  # an employer
    picked += [rng.choice([t for t in titles if t]) for _ in range(per // 2)]
    picked += [rng.choice(likes) for _ in range(per // 2)]
    picked += [f"{rng.choice(titles).split()[-1]} {rng.choice(orgs).split()[0]}"
               for _ in range(count - len(picked))]  # fmt: skip
    return [q for q in picked if query_terms(q)]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pg", metavar="URL", help="Measure on PostgreSQL (admin URL).")
    args = parser.parse_args()
    if args.pg:
        import psycopg

        url = postgres(args.pg, args.people)
        ctx = open_context(Settings(database_url=url), Clock(as_of=AS_OF))
        raw: Any = psycopg.connect(
            ctx.db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        )

        def floor(q: str) -> object:
            match = " & ".join(f"{t}:*" for t in query_terms(q))
            return raw.execute(FLOOR_PG, (match, LIMIT)).fetchall()

        backend = "PostgreSQL"
    else:
        path = database(args.people)
        ctx = open_context(Settings(database_url=sqlite_url(path)), Clock(as_of=AS_OF))
        raw = sqlite3.connect(path)

        def floor(q: str) -> object:
            match = " ".join(f'"{t}"*' for t in query_terms(q))
            return raw.execute(FLOOR_SQLITE, (match, LIMIT)).fetchall()

        backend = "SQLite"

    def store(q: str) -> object:
        with ctx.db.reading() as session:
            return search_ids(session, q, LIMIT)

    cases: dict[str, Callable[[str], object]] = {
        "search (service, with people's views)": lambda q: search_people(ctx, q, LIMIT),
        "search_ids (store: match and rank)": store,
        "floor: raw index query (DB-API)": floor,
    }
    wanted = queries(ctx)
    hits = [len(floor(q)) for q in wanted]  # type: ignore[arg-type]
    for fn in cases.values():  # warm the caches once
        for q in wanted:
            fn(q)
    per_run: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, fn in cases.items():
            times = []
            for q in wanted:
                start = time.perf_counter()
                fn(q)
                times.append(time.perf_counter() - start)
            per_run[name].append((_percentile(times, 0.5), _percentile(times, 0.95)))
    tracemalloc.start()
    for q in wanted:
        search_people(ctx, q, LIMIT)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    report(backend, args.people, wanted, hits, per_run, peak)


def report(
    backend: str,
    people: int,
    wanted: list[str],
    hits: list[int],
    per_run: dict[str, list[tuple[float, float]]],
    peak: int,
) -> None:
    def ms(values: list[float]) -> str:
        return (f"{statistics.median(values) * 1000:.2f} ms "
                f"({min(values) * 1000:.2f}–{max(values) * 1000:.2f})")  # fmt: skip

    names = list(per_run)
    service_p50 = statistics.median(p50 for p50, _ in per_run[names[0]])
    service_p95 = statistics.median(p95 for _, p95 in per_run[names[0]])
    runs = len(per_run[names[0]])
    lines = [
        f"## Search at scale ({backend}, {people:,} people)",
        "",
        f"Machine: {machine()}. {len(wanted)} queries drawn from the network (names, name "
        "prefixes, employers, titles, interests, two-word mixes; e.g. "
        + ", ".join(f"`{q}`" for q in wanted[:: max(1, len(wanted) // 6)][:6])
        + f"); median hits {statistics.median(hits):.0f}, at most {LIMIT} returned. "
        f"{runs} runs of every query, cases interleaved; each cell: median over runs "
        "(min–max).",
        "",
        "| case | p50 | p95 | service / case (p50) | service / case (p95) |",
        "|---|---|---|---|---|",
    ]
    for name, values in per_run.items():
        p50s, p95s = [v[0] for v in values], [v[1] for v in values]
        lines.append(
            f"| {name} | {ms(p50s)} | {ms(p95s)} | "
            f"{service_p50 / statistics.median(p50s):.1f}× | "
            f"{service_p95 / statistics.median(p95s):.1f}× |"
        )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines += [
        "",
        f"Load average at the end of the run: {load} (on a shared machine, absolute times "
        "grow with it; the ratios, measured interleaved, hold better).",
        f"Peak Python memory of one pass over the queries: {peak / 1e6:.1f} MB (tracemalloc).",
        "Target: p95 ≤ 100 ms for the service at 100k people.",
    ]
    write_section(f"search-{backend.lower()}-{people}", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

"""``today`` on a large network vs hand-written SQL computing the same overdue list.

Builds (once, cached under bench/.cache) a demo network of N people, then times in one
process, interleaved: the agenda service; floor A, raw sqlite3 running the overdue query
on the same aggregates (the least work any implementation must do); and floor B, raw
sqlite3 computing the overdue list from the interaction log itself (what netweave would
cost without its per-person aggregates); and floor C, the very statements one ``today``
sends (all nine routines), run through the raw driver: the database's share of the agenda.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import time
import tracemalloc
from pathlib import Path
from typing import Any

from common import machine, write_section

from netweave.clock import Clock
from netweave.config import DEFAULT_CIRCLES, Settings, sqlite_url
from netweave.demo import build_demo
from netweave.services.agenda import CHECK_IN_CANDIDATES, compute_agenda
from netweave.services.context import open_context

CACHE = Path(__file__).parent / ".cache"
AS_OF = dt.date(2026, 6, 15)

FLOOR_AGGREGATES = f"""
SELECT p.id, p.display_name, s.next_due, s.last_at
FROM person_stats s JOIN person p ON p.id = s.person_id
WHERE s.next_due <= :today AND NOT p.is_me
ORDER BY s.next_due LIMIT {CHECK_IN_CANDIDATES}
"""

_CASES = " ".join(f"WHEN '{k}' THEN {v}" for k, v in DEFAULT_CIRCLES.items() if v)
FLOOR_LOG = f"""
SELECT p.id, p.display_name, last.at
FROM person p
JOIN (SELECT person_id, max(occurred_at) AS at FROM interaction_participant GROUP BY person_id)
     AS last ON last.person_id = p.id
WHERE NOT p.is_me
  AND date(last.at, '+' || coalesce(p.cadence_days, CASE p.circle {_CASES} END) || ' days')
      <= :today
ORDER BY last.at LIMIT {CHECK_IN_CANDIDATES}
"""
FLOOR_LOG_PG = f"""
SELECT p.id, p.display_name, last.at
FROM person p
JOIN (SELECT person_id, max(occurred_at) AS at FROM interaction_participant GROUP BY person_id)
     AS last ON last.person_id = p.id
WHERE NOT p.is_me
  AND (last.at + make_interval(days => coalesce(p.cadence_days, CASE p.circle {_CASES} END)))::date
      <= %(today)s::date
ORDER BY last.at LIMIT {CHECK_IN_CANDIDATES}
"""


def agenda_sql(ctx: Any) -> list[tuple[str, Any]]:
    """The statements (with their parameters) one ``today`` sends to the database."""
    from sqlalchemy import event

    sent: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, params))

    event.listen(ctx.db.engine, "before_cursor_execute", record)
    compute_agenda(ctx)
    event.remove(ctx.db.engine, "before_cursor_execute", record)
    return sent


def replay(conn: Any, statements: list[tuple[str, Any]]) -> None:
    """Run ``statements`` on a raw DB-API connection, reading every row."""
    for statement, params in statements:
        conn.execute(statement, params).fetchall()


def database(people: int, name: str = "demo") -> Path:
    """A cached demo database of ``people`` people (built on first use), ``.cache/NAME-N.db``."""
    path = CACHE / f"{name}-{people}.db"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        ctx = open_context(Settings(database_url=sqlite_url(partial)), Clock(as_of=AS_OF))
        start = time.perf_counter()
        build_demo(ctx, people=people, seed=7)
        print(f"built {people} people in {time.perf_counter() - start:.0f} s")
        ctx.close()
        partial.rename(path)
    return path


def postgres(url: str, people: int) -> str:
    """A PostgreSQL database named after the size, holding the demo network (built once)."""
    from sqlalchemy import create_engine, text

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"netweave_bench_{people}"
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists.first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    target = admin.url.set(database=name).render_as_string(hide_password=False)
    admin.dispose()
    ctx = open_context(Settings(database_url=target), Clock(as_of=AS_OF))
    with ctx.db.engine.connect() as conn:
        empty = conn.execute(text("SELECT count(*) FROM person")).scalar() == 0
    if empty:
        start = time.perf_counter()
        build_demo(ctx, people=people, seed=7)
        print(f"built {people} people on PostgreSQL in {time.perf_counter() - start:.0f} s")
    ctx.close()
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pg", metavar="URL", help="Measure on PostgreSQL (admin URL).")
    args = parser.parse_args()
    today = {"today": AS_OF.isoformat()}
    if args.pg:
        import psycopg

        url = postgres(args.pg, args.people)
        ctx = open_context(Settings(database_url=url), Clock(as_of=AS_OF))
        raw_pg = psycopg.connect(
            ctx.db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        )
        interactions = raw_pg.execute("SELECT count(*) FROM interaction").fetchone()[0]  # type: ignore[index]
        floor_a = FLOOR_AGGREGATES.replace(":today", "%(today)s")
        statements = agenda_sql(ctx)
        cases = {
            "today (service)": lambda: compute_agenda(ctx),
            "floor A: overdue query on the aggregates": lambda: raw_pg.execute(
                floor_a, today
            ).fetchall(),
            "floor B: overdue list from the log": lambda: raw_pg.execute(
                FLOOR_LOG_PG, today
            ).fetchall(),
            "floor C: the agenda's own SQL, run raw": lambda: replay(raw_pg, statements),
        }
        backend = "PostgreSQL"
    else:
        path = database(args.people)
        ctx = open_context(Settings(database_url=sqlite_url(path)), Clock(as_of=AS_OF))
        raw = sqlite3.connect(path)
        with raw:
            interactions = raw.execute("SELECT count(*) FROM interaction").fetchone()[0]
        statements = agenda_sql(ctx)
        cases = {
            "today (service)": lambda: compute_agenda(ctx),
            "floor A: overdue query on the aggregates": lambda: raw.execute(
                FLOOR_AGGREGATES, today
            ).fetchall(),
            "floor B: overdue list from the log": lambda: raw.execute(FLOOR_LOG, today).fetchall(),
            "floor C: the agenda's own SQL, run raw": lambda: replay(raw, statements),
        }
        backend = "SQLite"
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for fn in cases.values():
        fn()
    for _ in range(args.runs):
        for name, fn in cases.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    tracemalloc.start()
    compute_agenda(ctx)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    report(backend, args.people, interactions, samples, peak, len(statements))


def report(
    backend: str,
    people: int,
    interactions: int,
    samples: dict[str, list[float]],
    peak: int,
    statements: int,
) -> None:
    service = statistics.median(samples["today (service)"])
    lines = [
        f"## `today` at scale ({backend})",
        "",
        f"Machine: {machine()}. Demo network of {people:,} people and {interactions:,} "
        f"interactions; {len(samples['today (service)'])} runs each, interleaved, in one "
        "process.",
        "",
        "| case | median | min | max | service / case |",
        "|---|---|---|---|---|",
    ]
    for name, values in samples.items():
        med = statistics.median(values)
        lines.append(
            f"| {name} | {med * 1000:.1f} ms | {min(values) * 1000:.1f} ms | "
            f"{max(values) * 1000:.1f} ms | {service / med:.2f}× |"
        )
    lines += [
        "",
        f"Peak Python memory of one `today`: {peak / 1e6:.1f} MB (tracemalloc).",
        "Targets: ≤ 100 ms median; ≤ 2× floor A. Floor C is the agenda's own "
        f"{statements} statements without the Python around them.",
    ]
    write_section(f"today-{backend.lower()}-{people}", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

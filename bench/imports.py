"""Importing a 100k-row LinkedIn Connections.csv vs a raw sqlite3 executemany of the same rows;
and a 50k-message mbox. Each import runs in a fresh process (peak memory = its max RSS).

Besides the floor the target names (the rows into one bare table), three figures say where
the rest goes: the same command on an empty Connections.csv (start-up: Python, the modules,
and creating the schema of an empty database); the rows an import of this file must write
into netweave's own tables, indexes and search index, by raw sqlite3 ``executemany`` (the
schema floor: what any importer pays for writing them, with no reading or matching); and
netweave's reader turning the file into records with no database (the floor's rows are
already in memory).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path

from common import machine, write_section

from netweave.config import sqlite_url
from netweave.logic.sorting import name_sort_key
from netweave.store.engine import Database
from netweave.store.migrate import upgrade

PREAMBLE = 'Notes:\n"When exporting your connection data, some addresses may be missing."\n\n'
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
GIVEN = ["Ada", "Grace", "Mei", "Olu", "Lars", "Ana", "Ravi", "Yuki", "Zoë", "Omar", "Ines", "Kai"]
FAMILY = [
    "Lovelace",
    "Hopper",
    "Chen",
    "Adeyemi",
    "Berg",
    "Souza",
    "Iyer",
    "Sato",
    "Nuñez",
    "Haddad",
]
ORGS = [f"Company {n}" for n in range(2000)]


def connections(path: Path, rows: int, seed: int = 7) -> list[list[str]]:
    """Write a LinkedIn-style Connections.csv; return its rows."""
    rng = random.Random(seed)
    data = []
    for n in range(rows):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4000))
        email = f"{given.lower()}.{family.lower()}.{n}@example.com" if rng.random() < 0.3 else ""
        data.append([given, f"{family} {n}", f"https://www.linkedin.com/in/p-{n}", email,
                     rng.choice(ORGS), "Engineer", day.strftime("%d %b %Y")])  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(PREAMBLE)
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(data)
    return data


def mbox(path: Path, messages: int, seed: int = 7) -> None:
    """Write an mbox of short messages between the user and a few thousand people."""
    rng = random.Random(seed)
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with path.open("w", encoding="utf-8") as handle:
        for n in range(messages):
            other = f"person{rng.randrange(3000)}@example.com"
            mine = rng.random() < 0.5
            sender, to = ("me@example.com", other) if mine else (other, "me@example.com")
            when = start + dt.timedelta(minutes=17 * n)
            handle.write(
                f"From {sender} {when:%a %b %d %H:%M:%S %Y}\nFrom: {sender}\nTo: {to}\n"
                f"Subject: note {n}\nDate: {format_datetime(when)}\n"
                f"Message-ID: <m{n}@example.com>\n"
                f"\nHello {n}\n\n"
            )


def floor(path: Path, rows: list[list[str]]) -> float:
    """Raw sqlite3: executemany of the same rows into one table, one transaction."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE c (first TEXT, last TEXT, url TEXT, email TEXT, company TEXT, "
                 "position TEXT, connected TEXT)")  # fmt: skip
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO c VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def reading(path: Path) -> float:
    """netweave's LinkedIn reader alone: the file into records, no database (in process)."""
    from netweave.io.linkedin import read_linkedin

    start = time.perf_counter()
    for _ in read_linkedin(path):
        pass
    return time.perf_counter() - start


def schema_template(path: Path) -> Path:
    """An empty netweave database at the current schema."""
    db = Database(sqlite_url(path))
    upgrade(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def schema_floor(template: Path, path: Path, rows: list[list[str]]) -> float:
    """Raw sqlite3: the rows an import of ``rows`` writes, into a copy of netweave's schema
    (organizations, people, contact points, positions, sources, aggregates, search)."""
    shutil.copy(template, path)
    now = "2026-01-01 00:00:00.000000"
    orgs = {name: n for n, name in enumerate(sorted({r[4] for r in rows}), 1)}
    tables: list[tuple[str, list[tuple[object, ...]]]] = [
        ("INSERT INTO organization (id, name, normalized_name, sort_key, import_batch_id, "
         "created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
         [(n, name, name.lower(), name_sort_key(name), now, now) for name, n in orgs.items()]),
        ("INSERT INTO person (id, display_name, sort_key, given_name, family_name, met_on, "
         "met_how, is_me, import_batch_id, created_at, updated_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?)",
         [(n, f"{r[0]} {r[1]}", name_sort_key(f"{r[0]} {r[1]}"), r[0], r[1], r[6], "imported",
           now, now) for n, r in enumerate(rows, 1)]),
        ("INSERT INTO contact_point (person_id, kind, value, normalized, is_primary, "
         "import_batch_id, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1, ?, ?)",
         [(n, kind, value, value.lower(), now, now) for n, r in enumerate(rows, 1)
          for kind, value in (("linkedin", r[2]), ("email", r[3])) if value]),
        ("INSERT INTO position (person_id, organization_id, title, current, import_batch_id, "
         "created_at, updated_at) VALUES (?, ?, ?, 1, 1, ?, ?)",
         [(n, orgs[r[4]], r[5], now, now) for n, r in enumerate(rows, 1)]),
        ("INSERT INTO person_source (person_id, source, external_id, import_batch_id, "
         "created_at, updated_at) VALUES (?, 'linkedin', ?, 1, ?, ?)",
         [(n, r[2], now, now) for n, r in enumerate(rows, 1)]),
        ("INSERT INTO person_stats (person_id, interactions, two_way, depth_sum, gives, receipts, "
         "asks, shared, created_at, updated_at) VALUES (?, 0, 0, 0.0, 0, 0, 0, 0, ?, ?)",
         [(n, now, now) for n in range(1, len(rows) + 1)]),
        ("INSERT INTO person_search (rowid, name, work, other) VALUES (?, ?, ?, '')",
         [(n, f"{r[0]} {r[1]}".lower(), f"{r[4]} {r[5]}".lower())
          for n, r in enumerate(rows, 1)]),
    ]  # fmt: skip
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("INSERT INTO import_batch (id, kind, source_name, started_at, state, counts, "
                 "created_at, updated_at) VALUES (1, 'linkedin', 'c', ?, 'done', '{}', ?, ?)",
                 (now, now, now))  # fmt: skip
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for sql, values in tables:
        conn.executemany(sql, values)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def run_import(
    db: Path, kind: str, source: Path, *extra: str
) -> tuple[float, float, dict[str, int]]:
    """``netweave import`` in a fresh process: (seconds, peak RSS in MB, summary).

    The peak is the process's own high-water mark (``VmHWM``): ``ru_maxrss`` survives
    ``exec`` on Linux, so it would report the benchmark's own size when that is larger.
    """
    code = (
        "import resource, sys, time, json, runpy\n"
        "sys.argv = sys.argv[1:]\n"
        "start = time.perf_counter()\n"
        "try:\n    runpy.run_module('netweave', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')]\n"
        "peak = int(hwm[0].split()[1]) if hwm else "
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "sys.stderr.write(json.dumps([time.perf_counter() - start, peak / 1024]))\n"
    )
    argv = [sys.executable, "-c", code, "netweave", "--db", str(db), "import", kind, str(source),
            *extra, "--json"]  # fmt: skip
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    seconds, rss = json.loads(done.stderr.strip().splitlines()[-1])
    return seconds, rss, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    lines = ["## Imports (SQLite)", "", f"Machine: {machine()}. {args.runs} runs each.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = connections(folder / "Connections.csv", args.rows)
        (folder / "empty").mkdir()
        connections(folder / "empty" / "Connections.csv", 0)
        template = schema_template(folder / "template.db")
        floors, imports, peaks, empties, schemas, reads = [], [], [], [], [], []
        for run in range(args.runs):
            floors.append(floor(folder / f"floor{run}.db", rows))
            seconds, rss, summary = run_import(
                folder / f"nw{run}.db", "linkedin", folder / "Connections.csv"
            )
            imports.append(seconds)
            peaks.append(rss)
            schemas.append(schema_floor(template, folder / f"schema{run}.db", rows))
            empty = run_import(
                folder / f"empty{run}.db", "linkedin", folder / "empty" / "Connections.csv"
            )
            empties.append(empty[0])
            reads.append(reading(folder / "Connections.csv"))
        ratio = statistics.median(imports) / statistics.median(floors)
        fixed = statistics.median(empties)
        schema = statistics.median(schemas)
        lines += [
            f"`import linkedin` of a {args.rows:,}-row Connections.csv into an empty database "
            f"(created {summary['created']:,}), vs raw sqlite3 `executemany` of the same rows into "
            "one table (the floor), both in the same run:",
            "",
            "| case | median | min | max |",
            "|---|---|---|---|",
            _row("import linkedin (whole process)", imports),
            _row("floor: executemany", floors),
            _row("same command, empty Connections.csv (start-up, new schema)", empties),
            _row("schema floor: the import's rows into netweave's tables", schemas),
            _row("reading alone: the file into records, no database", reads),
            "",
            f"Ratio **{ratio:.1f}×** (target ≤ 3×). Peak memory of the import process: "
            f"{max(peaks):.0f} MB (target ≤ 300 MB).",
            "",
            f"Of the median {statistics.median(imports):.2f} s, start-up takes {fixed:.2f} s and "
            f"writing the rows into netweave's tables at least {schema:.2f} s "
            f"({schema / statistics.median(floors):.1f}× the floor); the remaining "
            f"{statistics.median(imports) - fixed - schema:.2f} s is reading, normalizing and "
            "matching the rows and building what is written. Reading the file into records, "
            f"with no database at all, takes {statistics.median(reads):.2f} s "
            f"({statistics.median(reads) / statistics.median(floors):.1f}× the floor, whose "
            "rows are already in memory).",
            "",
        ]
        mbox(folder / "mail.mbox", args.messages)
        me = ("--me", "me@example.com")
        mail = [
            run_import(folder / f"mail{r}.db", "mbox", folder / "mail.mbox", *me)
            for r in range(max(1, args.runs // 2))
        ]
        lines += [
            f"`import mbox` of {args.messages:,} messages (target ≤ 30 s):",
            "",
            "| case | median | min | max |",
            "|---|---|---|---|",
            _row("import mbox (whole process)", [m[0] for m in mail]),
            "",
            f"Peak memory: {max(m[1] for m in mail):.0f} MB; created {mail[0][2]['created']:,}.",
        ]
    write_section("imports", "\n".join(lines))
    print("\n".join(lines))


def _row(name: str, values: list[float]) -> str:
    med, low, high = statistics.median(values), min(values), max(values)
    return f"| {name} | {med:.2f} s | {low:.2f} s | {high:.2f} s |"


if __name__ == "__main__":
    main()

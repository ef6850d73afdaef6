"""The web app under load: Today and Person pages on a 100k-person network, one worker.

Starts ``netweave serve`` (one uvicorn worker) on the cached demo network, then drives it
from a second process on loopback: a small asyncio client keeping ``--concurrency``
keep-alive connections busy for ``--seconds`` per case. Cases are interleaved and each is
run ``--runs`` times; the trivial endpoint (``/healthz``) of the same server is measured in
the same run as the floor: what the server, the security middleware and the client cost
before any page work.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from common import machine, peak_rss_mb, write_section
from sqlalchemy import create_engine, text
from today import AS_OF, database, postgres

from netweave.config import sqlite_url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _worker(host: str, port: int, paths: list[str], stop: float, out: list[float]) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    errors, i = 0, 0
    while time.perf_counter() < stop:
        path = paths[i % len(paths)]
        i += 1
        start = time.perf_counter()
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        await reader.readexactly(length)
        out.append(time.perf_counter() - start)
        errors += not head.startswith(b"HTTP/1.1 200")
    writer.close()
    return errors


async def _load(port: int, paths: list[str], seconds: float, concurrency: int) -> dict[str, float]:
    latencies: list[float] = []
    started = time.perf_counter()
    stop = started + seconds
    errors = await asyncio.gather(
        *(_worker("127.0.0.1", port, paths, stop, latencies) for _ in range(concurrency))
    )
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "errors": sum(errors),
    }


def client_main(args: argparse.Namespace) -> None:
    """The load generator (runs in its own process)."""
    paths = args.client_paths.split(",")
    result = asyncio.run(_load(args.port, paths, args.seconds, args.concurrency))
    print(json.dumps(result))


def _drive(port: int, paths: list[str], seconds: float, concurrency: int) -> dict[str, float]:
    command = [
        sys.executable, __file__, "--client-paths", ",".join(paths), "--port", str(port),
        "--seconds", str(seconds), "--concurrency", str(concurrency),
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def _start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "netweave", "--db", db, "--as-of", AS_OF.isoformat(),
        "serve", "--port", str(port),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=os.environ)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("the server did not start")


def _person_ids(url: str, count: int, offset: int = 0) -> list[int]:
    """People with a history (the pages most often opened), spread over the network."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT person_id FROM person_stats WHERE interactions > 0 ORDER BY person_id")
        ).all()
    engine.dispose()
    step = max(len(rows) // count, 1)
    return [r[0] for r in rows[offset::step][:count]]


def _visit_once(port: int, paths: list[str]) -> list[float]:
    """Each page once, one after another: its latency in ms (the first visits)."""
    out = []
    for path in paths:
        start = time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            response.read()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int)
    parser.add_argument("--pg", metavar="URL", help="Serve a PostgreSQL database (admin URL).")
    parser.add_argument("--client-paths", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client_paths:
        client_main(args)
        return
    db = postgres(args.pg, args.people) if args.pg else sqlite_url(database(args.people))
    port = _free_port()
    people = [f"/people/{pid}" for pid in _person_ids(db, 200)]
    cases = {"trivial endpoint (/healthz)": ["/healthz"], "Today page (/)": ["/"]}
    cases["Person page (/people/ID, 200 people)"] = people
    unseen = [f"/people/{pid}" for pid in _person_ids(db, 200, offset=1)]
    load_before = os.getloadavg()[0]
    server = _start_server(db, port)
    try:
        first = _visit_once(port, unseen)  # people not visited before: read and rendered
        for paths in cases.values():  # warm-up: every page once, then a second of load
            _visit_once(port, paths)
            _drive(port, paths, 1.0, args.concurrency)
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, paths in cases.items():
                samples[name].append(_drive(port, paths, args.seconds, args.concurrency))
        server_peak = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    report(args, samples, first, server_peak, (load_before, os.getloadavg()[0]))


def report(
    args: argparse.Namespace,
    samples: dict[str, list[dict[str, float]]],
    first: list[float],
    server_peak: float,
    load: tuple[float, float],
) -> None:
    backend = "PostgreSQL" if args.pg else "SQLite"
    lines = [
        f"## Web app under load ({backend})",
        "",
        f"Machine: {machine()}. Demo network of {args.people:,} people; `netweave serve` with "
        f"one uvicorn worker; load from a second process on loopback, {args.concurrency} "
        f"keep-alive connections, {args.seconds:g} s per case, {args.runs} runs interleaved "
        "(median, min and max of the runs). The machine is shared: its 1-minute load average "
        f"was {load[0]:.1f} before and {load[1]:.1f} after the run, on 2 cores.",
        "",
        "| case | requests/s median | min | max | p99 median | p50 median | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, runs in samples.items():
        rps = [r["rps"] for r in runs]
        lines.append(
            f"| {name} | {statistics.median(rps):.0f} | {min(rps):.0f} | {max(rps):.0f} | "
            f"{statistics.median(r['p99'] for r in runs):.1f} ms | "
            f"{statistics.median(r['p50'] for r in runs):.1f} ms | "
            f"{sum(int(r['errors']) for r in runs)} |"
        )
    first.sort()
    lines += [
        "",
        f"First visit of a Person page (another {len(first)} people, one after another, "
        f"before the load): median {statistics.median(first):.1f} ms, "
        f"p90 {first[int(len(first) * 0.9)]:.1f} ms, max {first[-1]:.1f} ms.",
        f"Peak memory of the server process over the whole run: {server_peak:.0f} MB resident.",
        "",
        "Target: ≥ 300 requests/s with p99 ≤ 100 ms for the Today and Person pages. The "
        "Today and Person pages are kept rendered until anything is committed or the hour "
        "turns (`web/pages.py`, `services/memo.py`), so the cases above measure pages "
        "already visited once (each page is opened once before the load): a look-up, the "
        "session's CSRF token put in, and the response. A first visit reads the person "
        "(about twenty queries) and renders the page: its cost is the line above, and "
        "`today`'s computation is in the `today` sections.",
    ]
    write_section(f"web-{backend.lower()}-{args.people}", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

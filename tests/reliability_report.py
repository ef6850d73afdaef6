"""Pytest plugin: collects what the reliability tests tried and writes the reliability report.

Each test records its trials, the faults it injected, the inputs it tried and what was lost
(``reliability.record(...)``); worker processes append to files under
``test-artifacts/reliability/``, and the controlling process sums them at the end of the run
into ``test-artifacts/reliability.md`` — and into ``docs/reliability.md`` when
``NETWEAVE_RELIABILITY_REPORT=1`` (``make soak`` sets it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PARTS = ROOT / "test-artifacts" / "reliability"
SOAK_ENV = "NETWEAVE_SOAK"
REPORT_ENV = "NETWEAVE_RELIABILITY_REPORT"
#: The folder of this run's figures, set by the controlling process for its workers.
RUN_ENV = "NETWEAVE_RELIABILITY_RUN"


def soak() -> bool:
    """Long runs asked for (``make soak``)."""
    return os.environ.get(SOAK_ENV, "") not in ("", "0")


def scaled(quick: int, long: int) -> int:
    """``quick`` in ``make test``, ``long`` in ``make soak``."""
    return long if soak() else quick


@dataclass
class Entry:
    area: str
    case: str
    trials: int = 0
    faults: int = 0
    inputs: int = 0
    lost: int = 0
    seconds: float = 0.0
    note: str = ""


def record(area: str, case: str, **figures: Any) -> None:
    """Add one case's figures to this run's report."""
    folder = Path(os.environ.get(RUN_ENV) or PARTS / f"run-{os.getpid()}")
    folder.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    line = json.dumps(asdict(Entry(area, case, **figures)), ensure_ascii=False)
    with (folder / f"{worker}-{os.getpid()}.jsonl").open("a", encoding="utf-8") as out:
        out.write(line + "\n")


def _controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput")


_CONTROLLER: list[bool] = []


def pytest_configure(config: pytest.Config) -> None:
    _CONTROLLER.append(_controller(config))
    if _controller(config):
        # One folder per run, so runs side by side in one checkout do not mix their figures;
        # workers (started after this) inherit the variable.
        os.environ[RUN_ENV] = str(PARTS / f"run-{os.getpid()}")
        config.stash[_STARTED] = time.time()


_STARTED = pytest.StashKey[float]()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """A failed reliability test is a loss, whatever it had counted before failing."""
    # Workers report to the controlling process, which sees every report once.
    controller = bool(_CONTROLLER and _CONTROLLER[0])
    if controller and report.failed and "reliability/" in report.nodeid.replace("\\", "/"):
        lines = str(report.longrepr).strip().splitlines() if report.longrepr else []
        reason = next((line[2:].strip() for line in lines if line.startswith("E ")), "")
        record("failed", report.nodeid.split("::", 1)[-1], lost=1,
               note=reason.replace("|", "/")[:200])  # fmt: skip


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    folder = Path(os.environ.get(RUN_ENV, PARTS / "none"))
    if not _controller(config) or not folder.exists():
        return
    entries: dict[tuple[str, str], Entry] = {}
    for part in sorted(folder.glob("*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            item = Entry(**json.loads(line))
            key = (item.area, item.case)
            total = entries.setdefault(key, Entry(item.area, item.case))
            for name in ("trials", "faults", "inputs", "lost", "seconds"):
                setattr(total, name, getattr(total, name) + getattr(item, name))
            total.note = item.note or total.note
    shutil.rmtree(folder, ignore_errors=True)
    if not entries:
        return
    started = config.stash.get(_STARTED, time.time())
    text = render(sorted(entries.values(), key=lambda e: (e.area, e.case)), started, exitstatus)
    out = ROOT / "test-artifacts" / "reliability.md"
    out.write_text(text, encoding="utf-8")
    if os.environ.get(REPORT_ENV, "") not in ("", "0"):
        (ROOT / "docs" / "reliability.md").write_text(text, encoding="utf-8")


def render(entries: list[Entry], started: float, exitstatus: int) -> str:
    """The report: one table row per case, the totals, and the run it came from."""
    when = dt.datetime.fromtimestamp(started, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    mode = "soak (`make soak`, NETWEAVE_SOAK=1)" if soak() else "quick (`make test`)"
    lines = [
        "# Reliability",
        "",
        "Written by the reliability tests in `tests/reliability/` (the plugin",
        "`tests/reliability_report.py`) at the end of their latest run; `make soak` runs them",
        "long and rewrites this file. Every figure below was counted by the tests themselves.",
        "",
        f"Run: {when}, {mode}, pytest exit status {exitstatus}"
        f" ({'passed' if exitstatus == 0 else 'FAILED'}).",
        f"Machine: {_machine()}.",
        "",
        "| area | case | trials | faults injected | inputs tried | lost | seconds | notes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in entries:
        lines.append(
            f"| {e.area} | {e.case} | {e.trials:,} | {e.faults:,} | {e.inputs:,} | {e.lost:,} | "
            f"{e.seconds:.1f} | {e.note} |"
        )
    total = Entry("total", "", *(sum(getattr(e, n) for e in entries) for n in
                                 ("trials", "faults", "inputs", "lost")))  # fmt: skip
    lines += [
        f"| **total** | | {total.trials:,} | {total.faults:,} | {total.inputs:,} | "
        f"{total.lost:,} | | |",
        "",
        "What each area checks:",
        "",
        "- **crash**: `kill -9` of a `netweave` process (import, merge, restore) at a random,",
        "  seeded moment; then `PRAGMA integrity_check` is `ok`, the database content equals",
        "  either the state before or the state after a clean run (the batch is absent or",
        "  whole), and running the command again completes. *Lost* counts trials that broke",
        "  any of these.",
        "- **concurrency**: CLI writer processes at once on one SQLite file; *inputs* are",
        "  commands run, *lost* the successful writes missing from the database plus any",
        '  "database is locked" (or any failure) that reached the user.',
        "- **fuzz** and **hostile**: generated and hostile inputs to every importer and to CLI",
        "  arguments; *lost* counts tracebacks, unclear errors or changed databases.",
        "- **upgrade**: databases made by each earlier schema revision, upgraded to head;",
        "  *lost* counts rows that did not survive.",
        "- **backup**: export json → restore into a fresh database → export again; *lost*",
        "  counts differences between the two files.",
        "- **failed**: a reliability test that failed in this run (each counts as one loss;",
        "  what it had tried before failing is not in the rows above).",
        "",
    ]
    return "\n".join(lines)


def _machine() -> str:
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"

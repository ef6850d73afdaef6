"""Helpers shared by the benchmarks: the machine's description and the report file."""

from __future__ import annotations

import os
import platform
import re
import resource
import subprocess
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Where figures go; ``make bench-quick`` points this elsewhere so it never overwrites the
#: full figures in docs/benchmarks.md.
REPORT = Path(os.environ.get("NETWEAVE_BENCH_REPORT", ROOT / "docs" / "benchmarks.md"))
HEADER = (
    "# Benchmarks\n\n"
    "Figures from `make bench` (each section is rewritten by its benchmark in `bench/`).\n"
    "Every figure is a median of repeated runs, with min and max, and the floor or peer it is\n"
    "compared with is measured in the same run on the same machine.\n"
)


def machine() -> str:
    """A one-line description of the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        match = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = match.group(1).strip() if match else cpu
    except OSError:
        pass
    mem = ""
    try:
        found = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
        mem = f", {int(found.group(1)) / 1024 / 1024:.0f} GiB RAM" if found else ""
    except OSError:
        pass
    python = platform.python_version()
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {python}, {platform.system()}"


def write_section(name: str, body: str) -> None:
    """Replace (or add) the section ``name`` of docs/benchmarks.md."""
    text = REPORT.read_text() if REPORT.exists() else HEADER
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text.rstrip() + "\n")


def peak_rss_mb(pid: int | str = "self") -> float:
    """A process's peak resident memory so far (``VmHWM``), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_peak(argv: Sequence[str]) -> tuple[float, float]:
    """Run a command to the end: (seconds, its peak resident memory in MB).

    The peak is the child's own ``ru_maxrss`` from ``wait4``; it would include this process's
    size at the fork, so callers keep themselves smaller than what they measure.
    """
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        error = child.stderr.read().decode(errors="replace") if child.stderr else ""
        raise subprocess.CalledProcessError(child.returncode, list(argv), stderr=error)
    if child.stderr:
        child.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def traced_peak(fn: Callable[[], object]) -> float:
    """Peak memory allocated while ``fn`` runs (tracemalloc; NumPy's arrays included), MB."""
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024 / 1024

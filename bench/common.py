"""Helpers shared by the benchmarks: timing, statistics, the machine, and the report file."""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"


@dataclass(frozen=True)
class Timing:
    """Seconds of repeated runs of one case."""

    samples: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def row(self) -> str:
        return f"{self.median * 1000:.0f} ms (min {min(self.samples) * 1000:.0f}, max {max(self.samples) * 1000:.0f})"


def time_command(argv: Sequence[str], runs: int, env: dict[str, str] | None = None) -> Timing:
    """Wall time of a whole process, ``runs`` times (after one warm-up run)."""
    full_env = {**os.environ, **(env or {})}
    subprocess.run(argv, check=True, capture_output=True, env=full_env)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=full_env)
        samples.append(time.perf_counter() - start)
    return Timing(samples)


def time_interleaved(cases: dict[str, Callable[[], object]], runs: int) -> dict[str, Timing]:
    """Time several cases round-robin, so a slow moment of the machine hits them all alike."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for fn in cases.values():
        fn()
    for _ in range(runs):
        for name, fn in cases.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    return {name: Timing(s) for name, s in samples.items()}


def machine() -> str:
    """A one-line description of the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        text = Path("/proc/cpuinfo").read_text()
        match = re.search(r"model name\s*:\s*(.+)", text)
        cpu = match.group(1).strip() if match else cpu
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, AttributeError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, {platform.system()}"


def write_section(name: str, body: str) -> None:
    """Replace (or add) the section ``name`` of docs/benchmarks.md."""
    text = REPORT.read_text() if REPORT.exists() else "# Benchmarks\n\nFigures from `make bench`; each section is rewritten by its benchmark.\n"
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text.rstrip() + "\n")

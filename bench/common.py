"""Helpers shared by the benchmarks: the machine's description and the report file."""

from __future__ import annotations

import os
import platform
import re
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

"""CLI start-up: ``netweave people list`` on a small database vs importing sqlalchemy.orm."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine, write_section

TARGET_RATIO = 1.3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable
    netweave = [python, "-m", "netweave"]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "small.db")
        build = [*netweave, "--db", db, "demo", "--people", "20"]
        subprocess.run(build, check=True, capture_output=True)
        cases = {
            "floor": [python, "-c", "import sqlalchemy.orm"],
            "people list": [*netweave, "--db", db, "people", "list"],
            "people list --json": [*netweave, "--db", db, "people", "list", "--json"],
            "--version": [*netweave, "--version"],
        }
        samples: dict[str, list[float]] = {k: [] for k in cases}
        for argv in cases.values():
            subprocess.run(argv, check=True, capture_output=True)
        for _ in range(args.runs):
            for name, argv in cases.items():
                start = time.perf_counter()
                subprocess.run(argv, check=True, capture_output=True)
                samples[name].append(time.perf_counter() - start)
    import statistics

    floor = statistics.median(samples["floor"])
    lines = [
        "## CLI start-up",
        "",
        f"Machine: {machine()}. {args.runs} runs of each, interleaved; median (min–max).",
        'The floor is `python -c "import sqlalchemy.orm"`, measured in the same run. '
        f"Target: `people list` ≤ {TARGET_RATIO}× the floor.",
        "",
        "| command | median | min | max | ratio to floor |",
        "|---|---|---|---|---|",
    ]
    for name, values in samples.items():
        med = statistics.median(values)
        lines.append(
            f"| `{name}` | {med * 1000:.0f} ms | {min(values) * 1000:.0f} ms | "
            f"{max(values) * 1000:.0f} ms | {med / floor:.2f}× |"
        )
    ratio = statistics.median(samples["people list"]) / floor
    lines += ["", f"`people list` / floor = **{ratio:.2f}×** (target ≤ {TARGET_RATIO}×)."]
    write_section("startup", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

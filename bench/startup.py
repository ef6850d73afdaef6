"""CLI start-up: ``netweave people list`` on a small database vs importing sqlalchemy.orm."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from common import machine, run_peak, write_section

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
        peaks: dict[str, list[float]] = {k: [] for k in cases}
        for argv in cases.values():
            run_peak(argv)
        for _ in range(args.runs):
            for name, argv in cases.items():
                seconds, peak = run_peak(argv)
                samples[name].append(seconds)
                peaks[name].append(peak)
    import statistics

    floor = statistics.median(samples["floor"])
    lines = [
        "## CLI start-up",
        "",
        f"Machine: {machine()}. {args.runs} runs of each, interleaved; median (min–max).",
        'The floor is `python -c "import sqlalchemy.orm"`, measured in the same run. '
        f"Target: `people list` ≤ {TARGET_RATIO}× the floor.",
        "",
        "| command | median | min | max | ratio to floor | peak memory (RSS) |",
        "|---|---|---|---|---|---|",
    ]
    for name, values in samples.items():
        med = statistics.median(values)
        lines.append(
            f"| `{name}` | {med * 1000:.0f} ms | {min(values) * 1000:.0f} ms | "
            f"{max(values) * 1000:.0f} ms | {med / floor:.2f}× | "
            f"{statistics.median(peaks[name]):.0f} MB |"
        )
    ratio = statistics.median(samples["people list"]) / floor
    lines += ["", f"`people list` / floor = **{ratio:.2f}×** (target ≤ {TARGET_RATIO}×)."]
    write_section("startup", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

"""How long ``import course`` takes, compared with pandas + matplotlib.pyplot.

Whole-process timings: each run starts a fresh Python and imports one thing,
so caches inside a process do not help. The three commands are run in turn
(interleaved), ``--runs`` times each (default 15), and the medians compared::

    python benchmarks/import_time.py            # 15 runs each
    python benchmarks/import_time.py --runs 5

Prints each median, the ratio (course − bare) / (pandas+pyplot − bare) — the
share of a typical data-science start-up that the course adds — and the plain
ratio course / (pandas+pyplot). No thresholds: this is a measurement.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "bare": "pass",
    "course": "import course",
    "pandas+pyplot": "import pandas, matplotlib.pyplot",
}


def time_once(code: str) -> float:
    """Seconds for one fresh ``python -c code``."""
    env = dict(os.environ, MPLBACKEND="Agg")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, list[float]]:
    """``runs`` timings of each command, interleaved (one warm-up round not counted)."""
    for code in COMMANDS.values():
        time_once(code)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, code in COMMANDS.items():
            times[name].append(time_once(code))
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    times = measure(args.runs)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"Python {sys.version.split()[0]}, {args.runs} runs each, medians of whole-process time:")
    for name, value in median.items():
        spread = f"min {min(times[name]) * 1000:.0f} ms, max {max(times[name]) * 1000:.0f} ms"
        print(f"  {name:<14} {value * 1000:7.1f} ms   ({spread})")
    added = (median["course"] - median["bare"]) / (median["pandas+pyplot"] - median["bare"])
    print(f"(course - bare) / (pandas+pyplot - bare) = {added:.3f}")
    print(f"course / (pandas+pyplot)                 = {median['course'] / median['pandas+pyplot']:.3f}")


if __name__ == "__main__":
    main()

"""Time one update of the storage calculator (recompute + redraw), over many updates.

Run from the repository root::

    python benchmarks/calculator.py            # 200 updates
    python benchmarks/calculator.py 500

Each update changes one input the way a learner does (a new value in a widget), which
runs :func:`course.storage.estimate`, refreshes the totals and the table, redraws the chart
in place and encodes it as PNG for the browser. Prints the median and the spread in
milliseconds. Target on the course's reference machine (2 cores): median ≤ 50 ms.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

# Python puts this script's folder first on sys.path; other scripts there (benchmarks/course.py)
# must not shadow the ``course`` package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]


def main(n_updates: int = 200) -> float:
    import course
    from course.widgets.calculator import Calculator

    course.set_language("zh")
    calc = Calculator()
    users = calc.inputs["users"]
    chars = calc.inputs["chars_per_message"]
    for warm in range(5):                      # first draws load fonts and caches
        users.value = 1.0e9 + warm
    timings = []
    for i in range(n_updates):
        control, value = (users, 1.0e9 + 1e7 * i) if i % 2 == 0 else (chars, 5 + i % 50)
        start = time.perf_counter()
        control.value = value                   # the observer recomputes and redraws
        timings.append(time.perf_counter() - start)
        assert calc.error == "", calc.error
    ms = sorted(1000 * x for x in timings)
    median = statistics.median(ms)
    print(f"calculator update (recompute + redraw), {n_updates} updates: "
          f"median {median:.1f} ms, p10 {ms[len(ms) // 10]:.1f} ms, p90 {ms[9 * len(ms) // 10]:.1f} ms, "
          f"max {ms[-1]:.1f} ms (target: median <= 50 ms)")
    return median


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

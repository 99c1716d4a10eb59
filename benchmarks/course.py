"""Whole-course benchmark: every lesson notebook, both languages, each on a fresh kernel.

Usage::

    python benchmarks/course.py                  # all lessons in notebooks/zh and notebooks/en
    python benchmarks/course.py --lang zh        # one language
    python benchmarks/course.py --json out.json  # also write the figures as JSON
    python benchmarks/course.py notebooks/zh/02-too-much-data.ipynb   # chosen notebooks
    python benchmarks/course.py --cells 3       # and the three slowest cells of each

What it prints:

1. **Import cost**, each in a fresh interpreter (median of ``--import-runs``):
   ``import pandas, matplotlib.pyplot`` (the reference), ``import course`` and a
   lesson's first cell (``import course; course.set_language(...);
   course.exercises.lesson("00")``), with their ratio to the reference.
2. **The floor**: a notebook whose only cell imports pandas and matplotlib.pyplot,
   run on a fresh kernel ``--floor-runs`` times (median). Kernel start-up is part of
   every figure, the floor's included, so the ratio compares like with like.
3. **One row per notebook**: wall time from kernel start to the last cell, that time
   divided by the floor, the kernel's CPU time and its ratio to the floor's (steadier
   than wall time when the machine is busy), the kernel's peak resident memory, and
   the runner's own resident memory after the notebook (it must stay flat: nothing
   may grow with the number of notebooks run). ``--cells N`` adds each notebook's N
   slowest cells, to find what costs more than it should.
4. Total, mean ratio and the peak memory of the whole run.

Notebooks run with their own folder as working directory, the learner-progress
file in a temporary folder (``COURSE_PROGRESS_FILE``) and matplotlib's ``inline``
backend, as in JupyterLab. Timings are printed, never asserted: this is a
measurement, not a test. Peak memory of grading a class is measured by
``benchmarks/grading.py``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
FLOOR_SOURCE = "import pandas as pd\nimport matplotlib.pyplot as plt"
IMPORTS = {
    "pandas + pyplot": "import pandas, matplotlib.pyplot",
    "import course": "import course",
    "lesson first cell": ("import course; course.set_language('zh'); "
                          "course.exercises.lesson('00')"),
}


def _kib_to_mib(kib: float) -> float:
    return round(kib / 1024, 1)


def process_rss_mib(pid: int | None = None, field: str = "VmRSS") -> float | None:
    """Resident memory (``VmRSS``) or its peak (``VmHWM``) of a process in MiB; None if unknown.

    >>> process_rss_mib() is None or process_rss_mib() > 1
    True
    """
    status = Path(f"/proc/{pid or 'self'}/status")
    try:
        for line in status.read_text().splitlines():
            if line.startswith(field + ":"):
                return _kib_to_mib(float(line.split()[1]))
    except OSError:
        pass
    if pid is None:
        try:
            import psutil
        except ImportError:
            return None
        info = psutil.Process().memory_info()
        return round((info.peak_wset if field == "VmHWM" and hasattr(info, "peak_wset")
                      else info.rss) / 2**20, 1)
    return None


def children_peak_mib() -> float:
    """Peak resident memory of the largest child process (kernel) so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(peak / 2**20, 1) if sys.platform == "darwin" else _kib_to_mib(peak)


class MeasuredClient(NotebookClient):
    """An nbclient that notes the kernel's peak memory just before shutting it down."""

    kernel_peak_mib: float | None = None

    async def _async_cleanup_kernel(self) -> None:
        try:
            pid = self.km.provisioner.process.pid if self.km and self.km.provisioner else None
        except AttributeError:
            pid = None
        if pid:
            self.kernel_peak_mib = process_rss_mib(pid, "VmHWM")
        await super()._async_cleanup_kernel()


def floor_notebook() -> nbformat.NotebookNode:
    """The reference notebook: a single cell importing pandas and matplotlib.pyplot.

    >>> floor_notebook().cells[0].source.splitlines()[0]
    'import pandas as pd'
    """
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(FLOOR_SOURCE))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


KERNEL_LOG = Path(tempfile.mkdtemp()) / "kernels.log"


def cell_seconds(nb: nbformat.NotebookNode) -> list[tuple[float, int, str]]:
    """``(seconds, index, first line)`` of each executed code cell, slowest first (nbclient's timing)."""
    from datetime import datetime

    rows = []
    for index, cell in enumerate(nb.cells):
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            start, end = (datetime.fromisoformat(timing[k].replace("Z", "+00:00"))
                          for k in ("iopub.execute_input", "shell.execute_reply"))
            first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
            rows.append(((end - start).total_seconds(), index, first))
    return sorted(rows, reverse=True)


def children_cpu_seconds() -> float:
    """User + system CPU time of the finished child processes (the kernels) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_notebook(nb: nbformat.NotebookNode, folder: Path, timeout: int = 600) -> dict:
    """Execute ``nb`` on a fresh kernel in ``folder``: wall seconds, the kernel's CPU seconds
    (steadier than wall time on a busy machine), its peak memory, and the error if any."""
    client = MeasuredClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    cpu = children_cpu_seconds()
    start = time.perf_counter()
    error = None
    try:
        with KERNEL_LOG.open("a") as log:  # the kernels' own warnings, kept out of the table
            client.execute(stderr=log)
    except Exception as exc:  # a failing notebook is reported, the run goes on
        error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "cpu_seconds": round(children_cpu_seconds() - cpu, 3),
            "kernel_peak_mib": client.kernel_peak_mib, "error": error}


def measure_floor(runs: int) -> dict:
    """Run the floor notebook ``runs`` times after one warm-up run; the median and every run."""
    run_notebook(floor_notebook(), ROOT)  # warm-up: disk caches, matplotlib's font cache
    runs = [run_notebook(floor_notebook(), ROOT) for _ in range(runs)]
    times, cpu = [r["seconds"] for r in runs], [r["cpu_seconds"] for r in runs]
    return {"median": round(statistics.median(times), 3), "runs": times,
            "cpu_median": round(statistics.median(cpu), 3), "cpu_runs": cpu}


def measure_imports(runs: int) -> dict:
    """Median wall time of each import line in ``IMPORTS``, each in a fresh interpreter."""
    env = dict(os.environ, MPLBACKEND="Agg")
    result = {}
    for label, code in IMPORTS.items():
        subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)  # warm-up
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
            times.append(time.perf_counter() - start)
        result[label] = round(statistics.median(times), 3)
    return result


def find_notebooks(languages: list[str], chosen: list[str]) -> list[Path]:
    """The notebooks to run: ``chosen`` if given, else every lesson of each language."""
    if chosen:
        return [Path(p).resolve() for p in chosen]
    return [path for lang in languages for path in sorted((NOTEBOOKS / lang).glob("[0-9]*.ipynb"))]


def label(path: Path) -> str:
    """``zh/00-start-here`` for ``notebooks/zh/00-start-here.ipynb``."""
    return f"{path.parent.name}/{path.stem}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: every lesson)")
    parser.add_argument("--lang", nargs="+", default=["zh", "en"], choices=["zh", "en"])
    parser.add_argument("--floor-runs", type=int, default=5)
    parser.add_argument("--import-runs", type=int, default=5)
    parser.add_argument("--no-imports", action="store_true", help="skip the import-cost section")
    parser.add_argument("--cells", type=int, default=0, metavar="N",
                        help="also print the N slowest cells of each notebook")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args(argv)

    os.environ["COURSE_PROGRESS_FILE"] = str(Path(tempfile.mkdtemp()) / "progress.json")
    os.environ.pop("MPLBACKEND", None)  # the kernel's own default: inline, as in JupyterLab
    report: dict = {"python": platform.python_version(), "machine": platform.machine(),
                    "cpus": os.cpu_count(), "date": time.strftime("%Y-%m-%d %H:%M")}

    if not args.no_imports:
        imports = measure_imports(args.import_runs)
        base = imports["pandas + pyplot"]
        report["imports"] = {k: {"seconds": v, "ratio": round(v / base, 2)} for k, v in imports.items()}
        print(f"Import cost (fresh interpreter, median of {args.import_runs})")
        for name, row in report["imports"].items():
            print(f"  {name:<20} {row['seconds']:6.3f} s   {row['ratio']:5.2f} x pandas+pyplot")
        print()

    floor = measure_floor(args.floor_runs)
    report["floor"] = floor
    print(f"Floor notebook (fresh kernel, import pandas + pyplot): median {floor['median']:.3f} s "
          f"of {floor['runs']}; kernel CPU median {floor['cpu_median']:.3f} s")
    print()

    rows = []
    runner_start = process_rss_mib()
    print(f"{'notebook':<30} {'seconds':>8} {'x floor':>8} {'CPU s':>7} {'x floor':>8} "
          f"{'kernel MiB':>11} {'runner MiB':>11}")
    for path in find_notebooks(args.lang, args.notebooks):
        nb = nbformat.read(path, as_version=4)
        row = {"notebook": label(path), **run_notebook(nb, path.parent)}
        row["ratio"] = round(row["seconds"] / floor["median"], 2)
        row["cpu_ratio"] = round(row["cpu_seconds"] / floor["cpu_median"], 2)
        row["runner_mib"] = process_rss_mib()
        rows.append(row)
        kernel = f"{row['kernel_peak_mib']:.0f}" if row["kernel_peak_mib"] else "?"
        runner = f"{row['runner_mib']:.0f}" if row["runner_mib"] else "?"
        print(f"{row['notebook']:<30} {row['seconds']:8.2f} {row['ratio']:8.2f} {row['cpu_seconds']:7.2f} "
              f"{row['cpu_ratio']:8.2f} {kernel:>11} {runner:>11}"
              + (f"   FAILED {row['error']}" if row["error"] else ""), flush=True)
        for seconds, index, first in cell_seconds(nb)[:args.cells]:
            print(f"    cell {index:>3} {seconds:6.2f} s  {first[:70]}")
    report["notebooks"] = rows
    if not rows:
        print("no notebooks found")
        return 1

    total = sum(r["seconds"] for r in rows)
    mean_ratio = statistics.mean(r["ratio"] for r in rows)
    report["mean_cpu_ratio"] = round(statistics.mean(r["cpu_ratio"] for r in rows), 2)
    runner_end = process_rss_mib()
    report["total_seconds"] = round(total, 2)
    report["mean_ratio"] = round(mean_ratio, 2)
    peaks = [r["kernel_peak_mib"] for r in rows if r["kernel_peak_mib"]]
    report["kernel_peak_mib"] = max(peaks) if peaks else children_peak_mib()
    report["kernels_sum_mib"] = {lang: round(sum(r["kernel_peak_mib"] or 0 for r in rows
                                                 if r["notebook"].startswith(lang + "/")), 1)
                                 for lang in args.lang}
    report["runner_peak_mib"] = process_rss_mib(field="VmHWM")
    report["runner_mib"] = {"start": runner_start, "end": runner_end}
    report["failed"] = [r["notebook"] for r in rows if r["error"]]
    print()
    print(f"total {total:.2f} s for {len(rows)} notebooks; mean ratio {mean_ratio:.2f} x floor "
          f"(target <= 1.5); mean CPU ratio {report['mean_cpu_ratio']:.2f}")
    print(f"peak memory: largest kernel {report['kernel_peak_mib']} MiB; runner {runner_start} -> "
          f"{runner_end} MiB over the run (peak {report['runner_peak_mib']} MiB)")
    sums = ", ".join(f"{lang} {mib} MiB" for lang, mib in report["kernels_sum_mib"].items())
    print(f"every lesson of one language open at once (sum of kernel peaks): {sums}")
    if report["failed"]:
        print("FAILED:", ", ".join(report["failed"]), f"(kernel log: {KERNEL_LOG})")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if report["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""Does memory grow with the number of notebooks run? One kernel, every lesson, several rounds.

Usage::

    python benchmarks/memory.py               # both languages, 3 rounds
    python benchmarks/memory.py --rounds 5 --lang zh
    python benchmarks/memory.py --rounds 5 notebooks/zh/02-too-much-data.ipynb
    python benchmarks/memory.py --trace      # where the growth is allocated (Python objects)

A learner may work through the whole course in one long session, and a teacher's
machine grades many notebooks in one process. So this script starts **one**
kernel, runs every lesson notebook in it one after the other (each from its own
folder, as a learner would), repeats the whole course ``--rounds`` times, and
prints the kernel's resident memory after each notebook. The first round loads
what the course needs (pandas, matplotlib, law texts, tables); from the second
round on, the figure must stay flat: a steady growth per round means something
is kept per run (open figures, a cache keyed by call, a list that is appended to).

The per-notebook figures on a fresh kernel and the peak of the whole-course run
are printed by ``benchmarks/course.py``; grading a class: ``benchmarks/grading.py``.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient


def _course_benchmark():
    """benchmarks/course.py, loaded by path (its name is the package's, so not imported by name)."""
    path = Path(__file__).resolve().parent / "course.py"
    spec = importlib.util.spec_from_file_location("course_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_bench = _course_benchmark()
find_notebooks, label, process_rss_mib = _bench.find_notebooks, _bench.label, _bench.process_rss_mib


def in_folder(nb: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose first cell moves the kernel into ``folder``.

    >>> in_folder(nbformat.v4.new_notebook(), Path("/tmp")).cells[0].source
    "import os; os.chdir('/tmp')"
    """
    copy = nbformat.from_dict(nb)
    copy.cells.insert(0, nbformat.v4.new_code_cell(f"import os; os.chdir({str(folder)!r})"))
    return copy


TRACE_START = "import tracemalloc as _tm; _tm.start(10); _snap = _tm.take_snapshot()"
TRACE_REPORT = """\
_diff = _tm.take_snapshot().compare_to(_snap, "traceback")
for _stat in _diff[:10]:
    _frames = [f for f in _stat.traceback.format() if not f.startswith("    ")]
    print(f"{_stat.size_diff / 1024:+9.1f} KiB {_stat.count_diff:+7d} blocks", *_frames[-3:], sep="\\n    ")
"""


def _run(km: KernelManager, code: str) -> str:
    """Run ``code`` in the kernel; its printed output."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, km=km, timeout=600).execute()
    return "".join(o.get("text", "") for o in nb.cells[0].outputs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: every lesson)")
    parser.add_argument("--lang", nargs="+", default=["zh", "en"], choices=["zh", "en"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--trace", action="store_true",
                        help="trace allocations after the first round; print the 10 largest growths")
    args = parser.parse_args(argv)

    os.environ["COURSE_PROGRESS_FILE"] = str(Path(tempfile.mkdtemp()) / "progress.json")
    os.environ.pop("MPLBACKEND", None)
    notebooks = find_notebooks(args.lang, args.notebooks)
    if not notebooks:
        print("no notebooks found")
        return 1

    km = KernelManager(kernel_name="python3")
    with open(os.devnull, "w") as quiet:
        km.start_kernel(stderr=quiet)
    pid = km.provisioner.process.pid
    failed = []
    ends = []
    try:
        print(f"kernel after start: {process_rss_mib(pid)} MiB")
        for round_number in range(1, args.rounds + 1):
            for path in notebooks:
                nb = in_folder(nbformat.read(path, as_version=4), path.parent)
                try:
                    NotebookClient(nb, km=km, timeout=600).execute()
                except Exception as exc:  # reported, the run goes on
                    failed.append(f"{label(path)}: {type(exc).__name__}")
                print(f"round {round_number}  {label(path):<32} {process_rss_mib(pid):8.1f} MiB",
                      flush=True)
            ends.append(process_rss_mib(pid))
            if args.trace and round_number == 1:
                _run(km, TRACE_START)
        if args.trace:
            print(_run(km, TRACE_REPORT))
        peak = process_rss_mib(pid, "VmHWM")
    finally:
        km.shutdown_kernel(now=True)

    print()
    print("kernel memory at the end of each round (MiB):", ", ".join(f"{m:.1f}" for m in ends))
    if len(ends) > 1:
        growth = (ends[-1] - ends[0]) / (len(ends) - 1)
        print(f"growth per round after the first: {growth:+.1f} MiB "
              f"({len(notebooks)} notebooks per round); peak {peak} MiB")
    if failed:
        print("FAILED:", "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

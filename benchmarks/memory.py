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

Then (unless ``--skip-peaks``) each lesson runs alone in a **fresh** kernel, and its peak
resident memory (``VmHWM`` from ``/proc/<pid>/status``) is printed against a floor measured
in the same run: a fresh kernel that only imports pandas and matplotlib.pyplot. The targets
printed beside each ratio: 1.2× the floor, 1.5× for lesson 02 (it compresses the law texts
with lzma). Cells are sent with their id in the request's metadata (``cellId``), as
JupyterLab sends them, so widgets see which cell made them (``course.widgets.lifetime``).

Timings per notebook on a fresh kernel: ``benchmarks/course.py``; grading a class:
``benchmarks/grading.py``.
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


FLOOR = "import pandas, matplotlib.pyplot"
TARGETS = {"02": 1.5}     # lesson -> allowed peak / floor; every other lesson: DEFAULT_TARGET
DEFAULT_TARGET = 1.2


class CellIdClient(NotebookClient):
    """A notebook client that names each cell in its request, as JupyterLab does (``cellId``)."""

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        session = self.kc.session
        send = type(session).msg

        def msg(msg_type, content=None, parent=None, header=None, metadata=None):
            if msg_type == "execute_request" and cell.get("id"):
                metadata = {**(metadata or {}), "cellId": cell["id"]}
            return send(session, msg_type, content, parent, header, metadata)

        session.msg = msg
        try:
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        finally:
            del session.msg


def execute(nb: nbformat.NotebookNode, km: KernelManager, client=CellIdClient) -> None:
    """Run ``nb`` in the running kernel of ``km``, then close the client's channels.

    A client given a kernel manager does not close its channels after a run. Left open, each
    run's IOPub subscriber stays connected to the kernel, which then queues every later
    message for it in libzmq (up to its high-water mark): the kernel seemed to grow by about
    5 MiB per round of the course, though no front end holds more than one connection.
    """
    runner = client(nb, km=km, timeout=600)
    try:
        runner.execute()
    finally:
        if getattr(runner, "kc", None) is not None:
            runner.kc.stop_channels()


def target(path: Path) -> float:
    """The allowed peak over the floor for the lesson at ``path``.

    >>> target(Path("notebooks/zh/02-too-much-data.ipynb")), target(Path("notebooks/en/05-x.ipynb"))
    (1.5, 1.2)
    """
    return TARGETS.get(path.stem[:2], DEFAULT_TARGET)


def start_kernel() -> tuple[KernelManager, int]:
    """A fresh python3 kernel (its stderr silenced) and its process id."""
    km = KernelManager(kernel_name="python3")
    with open(os.devnull, "w") as quiet:
        km.start_kernel(stderr=quiet)
    return km, km.provisioner.process.pid


def _short_error(exc: Exception) -> str:
    """The error's kind and the last line of its message.

    >>> _short_error(ValueError("first\\nlast"))
    'ValueError: last'
    """
    lines = str(exc).strip().splitlines() or [""]
    return f"{type(exc).__name__}: {lines[-1][:160]}"


def fresh_peak(nb: nbformat.NotebookNode) -> tuple[float | None, str]:
    """Peak resident memory (MiB, ``VmHWM``) of a fresh kernel that runs ``nb``; an error's name or ""."""
    km, pid = start_kernel()
    error = ""
    try:
        try:
            CellIdClient(nb, km=km, timeout=600).execute()
        except Exception as exc:  # reported, the run goes on
            error = _short_error(exc)
        return process_rss_mib(pid, "VmHWM"), error
    finally:
        km.shutdown_kernel(now=True)


def peaks(notebooks: list[Path]) -> list[str]:
    """Print each lesson's peak on a fresh kernel against the floor kernel; the lessons that failed."""
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)])
    floors = [fresh_peak(floor_nb)[0], fresh_peak(floor_nb)[0]]
    floor = min(m for m in floors if m) if any(floors) else None
    print(f"\nfloor (fresh kernel, {FLOOR}): peaks {floors} MiB; the lower one is the floor")
    failed, over = [], []
    for path in notebooks:
        peak, error = fresh_peak(in_folder(nbformat.read(path, as_version=4), path.parent))
        ratio = peak / floor if peak and floor else float("nan")
        mark = "ok" if ratio <= target(path) else "OVER"
        if mark == "OVER":
            over.append(label(path))
        if error:
            failed.append(f"{label(path)} (fresh kernel): {error}")
        print(f"peak  {label(path):<32} {peak or float('nan'):8.1f} MiB  {ratio:5.2f}x floor  "
              f"(target {target(path):.1f}x: {mark})", flush=True)
    print("lessons over their target:", ", ".join(over) or "none")
    return failed


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
print(f"traced Python objects: {sum(s.size_diff for s in _diff) / 2**20:+.2f} MiB, "
      f"{sum(s.count_diff for s in _diff):+d} blocks since the first round; the 10 largest growths:")
for _stat in _diff[:10]:
    _frames = [f for f in _stat.traceback.format() if not f.startswith("    ")]
    print(f"{_stat.size_diff / 1024:+9.1f} KiB {_stat.count_diff:+7d} blocks", *_frames[-3:], sep="\\n    ")
"""


def _run(km: KernelManager, code: str) -> str:
    """Run ``code`` in the kernel; its printed output."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    execute(nb, km, NotebookClient)
    return "".join(o.get("text", "") for o in nb.cells[0].outputs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: every lesson)")
    parser.add_argument("--lang", nargs="+", default=["zh", "en"], choices=["zh", "en"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--trace", action="store_true",
                        help="trace allocations after the first round; print the 10 largest growths")
    parser.add_argument("--skip-peaks", action="store_true",
                        help="skip each lesson's peak on a fresh kernel against the floor kernel")
    args = parser.parse_args(argv)

    os.environ["COURSE_PROGRESS_FILE"] = str(Path(tempfile.mkdtemp()) / "progress.json")
    os.environ.pop("MPLBACKEND", None)
    notebooks = find_notebooks(args.lang, args.notebooks)
    if not notebooks:
        print("no notebooks found")
        return 1

    km, pid = start_kernel()
    failed = []
    ends = []
    try:
        print(f"kernel after start: {process_rss_mib(pid)} MiB")
        for round_number in range(1, args.rounds + 1):
            for path in notebooks:
                nb = in_folder(nbformat.read(path, as_version=4), path.parent)
                try:
                    execute(nb, km)
                except Exception as exc:  # reported, the run goes on
                    failed.append(f"{label(path)}: {_short_error(exc)}")
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
    if not args.skip_peaks:
        failed += peaks(notebooks)
    if failed:
        print("FAILED:", "; ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

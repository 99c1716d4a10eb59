"""A learner's first open: from a fresh clone to JupyterLab answering, against a floor.

Both sides start from nothing on the same machine, in the same run, with the same package
source and the same pip cache:

- **course**: ``git clone`` of this checkout's HEAD into a temporary folder, then the
  README's open command, ``./course.sh open FOLDER --no-browser --port P``, until
  JupyterLab answers on ``/api``;
- **floor**: a fresh virtual environment, ``pip install jupyterlab ipywidgets pandas
  matplotlib``, then ``jupyter lab --no-browser --port P``, until it answers.

The two are run in turn, ``--rounds`` times each (default 2; the first round also fills
the pip cache for both, so it is reported but not used for the ratio when there are more
rounds)::

    python benchmarks/first_open.py
    python benchmarks/first_open.py --rounds 3

Prints every timing, the best of each side, and course / floor. No thresholds.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_PACKAGES = ["jupyterlab", "ipywidgets", "pandas", "matplotlib"]


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(port: int, process: subprocess.Popen, timeout: float = 900) -> None:
    """Poll ``http://127.0.0.1:port/api`` until it answers (RuntimeError if the process ends)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"nothing answered on port {port} in {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a started command and everything it started."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=wait)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def timed_start(command: list[str], cwd: Path, port: int, log: Path, env: dict | None = None) -> float:
    """Seconds from running ``command`` until JupyterLab answers on ``port``."""
    env = dict(os.environ if env is None else env)
    env.pop("VIRTUAL_ENV", None)
    env["JUPYTER_CONFIG_DIR"] = str(cwd / ".jupyter-config")
    env["JUPYTER_RUNTIME_DIR"] = str(cwd / ".jupyter-runtime")
    start = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)
        try:
            wait_until_answering(port, process)
            return time.perf_counter() - start
        finally:
            stop(process)


def course_side(work: Path) -> float:
    """Fresh clone, then the README's open command, until JupyterLab answers."""
    clone = work / "clone"
    start = time.perf_counter()
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    port = free_port()
    timed_start(["./course.sh", "open", str(work / "lessons"), "--no-browser", "--port", str(port)],
                clone, port, work / "course.log")
    return time.perf_counter() - start


def floor_side(work: Path) -> float:
    """A fresh venv with only JupyterLab, ipywidgets, pandas and matplotlib, then JupyterLab."""
    venv = work / "venv"
    start = time.perf_counter()
    subprocess.run([_base_python(), "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "-q", "-U", "pip"], check=True)
    subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "-q", *FLOOR_PACKAGES], check=True)
    port = free_port()
    (work / "lessons").mkdir()
    timed_start([str(venv / "bin/jupyter"), "lab", "--no-browser", f"--port={port}", "--allow-root",
                 f"--ServerApp.root_dir={work / 'lessons'}"], work, port, work / "floor.log")
    return time.perf_counter() - start


def _base_python() -> str:
    """The Python that ``./course.sh`` uses too (``$PYTHON``, else ``python3``)."""
    return os.environ.get("PYTHON") or shutil.which("python3") or sys.executable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {"floor": [], "course": []}
    for round_ in range(1, max(1, args.rounds) + 1):
        for side, run in (("floor", floor_side), ("course", course_side)):
            work = Path(tempfile.mkdtemp(prefix=f"first-open-{side}-"))
            try:
                seconds = run(work)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            times[side].append(seconds)
            print(f"round {round_}: {side:6s} {seconds:7.1f} s", flush=True)
    used = {side: values[1:] or values for side, values in times.items()}
    best = {side: min(values) for side, values in used.items()}
    print(f"floor  (fresh venv + {' '.join(FLOOR_PACKAGES)}, then JupyterLab): {best['floor']:.1f} s")
    print(f"course (fresh clone + ./course.sh open):                          {best['course']:.1f} s")
    print(f"ratio course / floor: {best['course'] / best['floor']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

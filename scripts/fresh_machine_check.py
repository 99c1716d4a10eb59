"""Fresh-machine check: clone the repository and run the README's commands exactly as written.

Usage::

    python scripts/fresh_machine_check.py            # clone this repository's committed HEAD
    python scripts/fresh_machine_check.py --keep     # keep the temporary clone afterwards
    python scripts/fresh_machine_check.py --repo URL_OR_PATH --timeout 180

Steps, each timed and reported:

1. ``git clone`` the repository (the committed HEAD, as a new learner or CI would
   get it) into a temporary folder;
2. read the two commands from the clone's ``README.md``: the fenced code block
   between ``<!-- test-command -->`` and ``<!-- /test-command -->``, and the one between
   ``<!-- open-command -->`` and ``<!-- /open-command -->`` (a missing marker is an
   error that names it);
3. run the test command in the clone with ``sh -e``, its output streamed, to the end;
4. run the open command in the background, in its own process group, until
   JupyterLab answers ``/api/status`` on its port (default timeout 120 s), then stop
   it by its PID (SIGTERM to the process group, SIGKILL if it does not stop).

The commands run without this interpreter's virtual environment on ``PATH`` and
with ``BROWSER=true`` (no browser window opens; the command itself is unchanged).
``COURSE_PORT`` is set to a free port for commands that honour it; the server's
actual port and token are read from the Jupyter runtime file it writes, so the
check works whatever port the command chose. Exit code 0 means both commands
worked. This is a script, not a test: the README's test command runs the test
suite, which must not run itself.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKERS = {"test": "test-command", "open": "open-command"}


class CheckFailed(Exception):
    """A step of the check failed; the message says which and why."""


def command_block(readme: str, marker: str) -> str:
    """The shell commands between ``<!-- marker -->`` and ``<!-- /marker -->`` in a README.

    Inside the markers, the first fenced code block is taken; without a fence, the
    text itself.

    >>> command_block("x\\n<!-- t -->\\n```sh\\n./course.sh test\\n```\\n<!-- /t -->\\n", "t")
    './course.sh test'
    """
    found = re.search(rf"<!--\s*{re.escape(marker)}\s*-->(.*?)<!--\s*/{re.escape(marker)}\s*-->",
                      readme, re.S)
    if not found:
        raise CheckFailed(f"README.md has no '<!-- {marker} -->' … '<!-- /{marker} -->' block")
    body = found.group(1)
    fence = re.search(r"^(```|~~~)[^\n]*\n(.*?)^\1\s*$", body, re.S | re.M)
    commands = (fence.group(2) if fence else body).strip()
    if not commands:
        raise CheckFailed(f"the '<!-- {marker} -->' block of README.md is empty")
    return commands


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(runtime_dir: Path, port: int) -> dict[str, str]:
    """The environment of a new shell: no active virtual environment, no browser, a free port."""
    env = dict(os.environ)
    venv = env.pop("VIRTUAL_ENV", None)
    for name in ("PYTHONPATH", "PYTHONHOME", "CONDA_PREFIX", "COURSE_PROGRESS_FILE"):
        env.pop(name, None)
    prefixes = [Path(p).resolve() for p in (venv, sys.prefix if sys.prefix != sys.base_prefix else None) if p]
    env["PATH"] = os.pathsep.join(
        d for d in env.get("PATH", "").split(os.pathsep)
        if d and not any(Path(d).resolve().is_relative_to(p) for p in prefixes))
    env.update(BROWSER="true", COURSE_PORT=str(port), JUPYTER_RUNTIME_DIR=str(runtime_dir))
    return env


def step(name: str, started: float, results: list, ok: bool, detail: str = "") -> None:
    seconds = time.perf_counter() - started
    results.append({"step": name, "ok": ok, "seconds": round(seconds, 1), "detail": detail})
    print(f"[fresh-machine] {'ok ' if ok else 'FAILED'} {name} ({seconds:.1f} s){': ' + detail if detail else ''}",
          flush=True)


def server_info(runtime_dir: Path) -> dict | None:
    """The newest ``jpserver-*.json`` in the runtime folder (url, port, token, pid), if any."""
    files = sorted(runtime_dir.glob("jpserver-*.json"), key=lambda p: p.stat().st_mtime)
    for path in reversed(files):
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return None


def wait_for_lab(process: subprocess.Popen, runtime_dir: Path, port: int, timeout: float) -> str:
    """Poll ``/api/status`` until JupyterLab answers (HTTP 200); the URL that answered."""
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CheckFailed(f"the open command exited with code {process.returncode} before "
                              f"JupyterLab answered")
        info = server_info(runtime_dir)
        base = info["url"].rstrip("/") if info else f"http://127.0.0.1:{port}"
        request = urllib.request.Request(f"{base}/api/status")
        if info and info.get("token"):
            request.add_header("Authorization", f"token {info['token']}")
        try:
            with urllib.request.urlopen(request, timeout=3) as response:
                json.load(response)
                return f"{base}/api/status"
        except (urllib.error.URLError, OSError, ValueError) as error:
            last = str(error)
        time.sleep(0.5)
    raise CheckFailed(f"JupyterLab did not answer within {timeout:.0f} s ({last})")


def stop(process: subprocess.Popen) -> int:
    """Stop the open command and everything it started: its process group, by its PID."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
    try:  # children that outlived the leader
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return process.returncode


def run(repo: str, timeout: float, keep: bool) -> list[dict]:
    results: list[dict] = []
    workdir = Path(tempfile.mkdtemp(prefix="fresh-machine-"))
    # A checkout is normally readable by other users (a home folder, /opt, /srv); mkdtemp's 0700
    # would hide the clone's virtual environment from the grader's unprivileged children.
    workdir.chmod(0o755)
    clone = workdir / "course"
    runtime_dir = workdir / "jupyter-runtime"
    port = free_port()
    env = clean_env(runtime_dir, port)
    try:
        started = time.perf_counter()
        subprocess.run(["git", "clone", "--quiet", repo, str(clone)], check=True)
        head = subprocess.run(["git", "-C", str(clone), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        step("git clone", started, results, True, f"{repo} at {head} into {clone}")

        started = time.perf_counter()
        readme = (clone / "README.md").read_text(encoding="utf-8")
        test_command, open_command = (command_block(readme, MARKERS[k]) for k in ("test", "open"))
        step("read README commands", started, results, True,
             f"test: {test_command!r}; open: {open_command!r}")

        started = time.perf_counter()
        print(f"[fresh-machine] $ {test_command}", flush=True)
        code = subprocess.run(["sh", "-e", "-c", test_command], cwd=clone, env=env,
                              stdin=subprocess.DEVNULL).returncode
        step("test command", started, results, code == 0, f"exit code {code}")
        if code:
            raise CheckFailed("the test command failed")

        started = time.perf_counter()
        print(f"[fresh-machine] $ {open_command}   (COURSE_PORT={port})", flush=True)
        process = subprocess.Popen(["sh", "-e", "-c", open_command], cwd=clone, env=env,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            url = wait_for_lab(process, runtime_dir, port, timeout)
            step("open command: JupyterLab answers", started, results, True,
                 f"{url} (PID {process.pid})")
        finally:
            stopped = time.perf_counter()
            code = stop(process)
            step("stop JupyterLab by PID", stopped, results, True, f"PID {process.pid}, exit code {code}")
    except (CheckFailed, subprocess.CalledProcessError, OSError) as error:
        step("fresh-machine check", time.perf_counter(), results, False, str(error))
    finally:
        if keep:
            print(f"[fresh-machine] kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", default=str(ROOT), help="repository to clone (default: this one)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for JupyterLab")
    parser.add_argument("--keep", action="store_true", help="keep the temporary clone")
    parser.add_argument("--json", type=Path, help="also write the steps and timings as JSON")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    results = run(args.repo, args.timeout, args.keep)
    ok = bool(results) and all(r["ok"] for r in results)
    total = time.perf_counter() - started
    print(f"[fresh-machine] {'SUCCESS' if ok else 'FAILURE'} in {total:.1f} s")
    if args.json:
        args.json.write_text(json.dumps({"ok": ok, "seconds": round(total, 1), "steps": results},
                                        indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""The child side: a fresh process runs a notebook's cells and sends its answers as data.

Everything here runs after the fork, in the child, which always ends in ``os._exit``.
"""
from __future__ import annotations

import builtins
import contextlib
import gc
import io
import json
import os
import signal
import sys
import tempfile
import types
from pathlib import Path

from . import namespaces
from .isolation import _PR_SET_PDEATHSIG, libc
from .tasks import CellTimeout, Limits, Task

_KEEP_ENV = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "COURSE_LANG")


def child_main(task: Task, limits: Limits, workdir: str, msg_w: int, out_w: int, wire_source: str,
               uid: int | None, parent: int, contain: tuple | None = None) -> None:  # pragma: no cover
    """Everything a child does; it never returns (``os._exit``).

    ``contain`` is ``(empty folder for the new root, runtime paths)`` to run the notebook in
    namespaces of its own (:mod:`.namespaces`), or None.
    """
    import fcntl
    import resource

    code = 0
    try:
        os.setsid()
        libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            raise SystemExit
        gc.freeze()
        msg_w = fcntl.fcntl(msg_w, fcntl.F_DUPFD, 3)
        _redirect(fcntl.fcntl(out_w, fcntl.F_DUPFD, 3))
        os.closerange(3, msg_w)
        os.closerange(msg_w + 1, max(resource.getrlimit(resource.RLIMIT_NOFILE)[0], 1024))
        alive = namespaces.enter(contain[0], workdir, contain[1], limits.file_size_mb) if contain else None
        os.chdir(workdir)
        _environment(workdir)
        _set_limits(limits, len(task.cells), uid is not None or alive is not None)
        if alive is not None:
            namespaces.drop(uid)
        elif uid is not None:
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
        if uid is not None and 0 in os.getresuid():
            raise PermissionError("still root")
        libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # a change of uid clears it
        if (os.getppid() != parent) if alive is None else not namespaces.still_watched(alive):
            raise SystemExit
        if alive is not None:
            os.close(alive)
        os.umask(0o077)
        encoders = _private_encoders(task.exercises, wire_source, limits.message_limit)
        _run_cells(task.cells, encoders, _sender(msg_w, json.dumps), limits.cell_timeout, json.dumps)
    except BaseException:
        code = 70
        with contextlib.suppress(BaseException):
            import traceback

            os.write(2, traceback.format_exc().encode()[-2000:])
    finally:
        os._exit(code)


def _redirect(out_w: int) -> None:
    """Input from /dev/null; fds 1 and 2 (and ``sys.stdout``/``sys.stderr``) into the output pipe."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_w, 1)
    os.dup2(out_w, 2)
    for fd in (null, out_w):
        if fd > 2:
            os.close(fd)

    def text(fd, mode):
        return io.TextIOWrapper(io.FileIO(fd, mode, closefd=False), encoding="utf-8",
                                errors="backslashreplace", line_buffering=True)

    sys.stdin = sys.__stdin__ = text(0, "r")
    sys.stdout = sys.__stdout__ = text(1, "w")
    sys.stderr = sys.__stderr__ = text(2, "w")


def _environment(workdir: str) -> None:
    keep = {k: os.environ[k] for k in _KEEP_ENV if k in os.environ}
    os.environ.clear()
    os.environ.update(keep)
    os.environ.update(HOME=workdir, TMPDIR=workdir, MPLBACKEND="Agg", MPLCONFIGDIR=workdir,
                      IPYTHONDIR=os.path.join(workdir, ".ipython"),
                      COURSE_PROGRESS_FILE=os.path.join(workdir, "progress.json"))
    tempfile.tempdir = None
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None and pyplot.get_backend().lower() != "agg":
        with contextlib.suppress(Exception):
            pyplot.switch_backend("agg")


def _set_limits(limits: Limits, n_cells: int, own_uid: bool) -> None:
    import resource

    def cap(kind, value):
        _, hard = resource.getrlimit(kind)
        value = int(value) if hard == resource.RLIM_INFINITY else min(int(value), hard)
        resource.setrlimit(kind, (value, value))

    pages = int(Path("/proc/self/statm").read_text().split()[0])
    cap(resource.RLIMIT_AS, pages * resource.getpagesize() + limits.memory_mb * 2**20)
    cap(resource.RLIMIT_FSIZE, limits.file_size_mb * 2**20)
    cap(resource.RLIMIT_CPU, (n_cells + 2) * (2 * limits.cell_timeout + limits.grace) + 30)
    cap(resource.RLIMIT_CORE, 0)
    if own_uid:
        cap(resource.RLIMIT_NPROC, limits.processes)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def _sender(fd: int, dumps):
    def send(message: dict) -> None:
        view = memoryview((dumps(message) + "\n").encode())
        while view:
            view = view[os.write(fd, view):]
    return send


def _private_encoders(exercises, wire_source: str, size_limit: int) -> dict:
    """``{variable: encode}`` made from a private copy of the wire encoder (see the module doc)."""
    wire = types.ModuleType("course_private_wire")
    sys.modules[wire.__name__] = wire  # dataclasses look the module up while the class is made
    try:
        exec(compile(wire_source, "<wire>", "exec"), wire.__dict__)
    finally:
        del sys.modules[wire.__name__]
    dumps = json.dumps

    def guarded(function):
        def run(value):
            try:
                data = function(value)
                if len(dumps(data)) > size_limit:
                    return {"t": "opaque", "type": "too large"}
                return data
            except CellTimeout:
                raise
            except BaseException:
                return {"t": "opaque", "type": "unencodable"}
        return run

    return {exercise.name: guarded(exercise.encoder(wire)) for exercise in exercises}


class _Shell:
    """Stands in for IPython while grading: magics and shell commands do nothing,
    except ``%%time`` and ``%%capture``, which run their body."""

    def __init__(self, namespace: dict):
        self.user_ns = namespace

    def run_line_magic(self, *args, **kwargs):
        return None

    def run_cell_magic(self, name, line, body):
        if name in ("time", "capture"):
            exec(compile(body, "<cell>", "exec"), self.user_ns)

    def system(self, *args, **kwargs):
        return None

    def getoutput(self, *args, **kwargs):
        return ""


@contextlib.contextmanager
def _alarm(seconds: float):
    def expire(signum, frame):
        raise CellTimeout

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _describe(error: BaseException) -> str:
    name = type(error).__name__
    try:
        text = " ".join(str(error)[:200].split())
    except BaseException:
        text = ""
    return f"{name}: {text}" if text else name


def _close_figures() -> None:
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        with contextlib.suppress(Exception):
            pyplot.close("all")


def _run_cells(cells, encoders, send, timeout: float, dumps) -> None:
    """Run each cell, then send the answers that changed; end with ``{"end": true}``."""
    from IPython.core.inputtransformer2 import TransformerManager

    transform = TransformerManager().transform_cell
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    shell = _Shell(namespace)
    namespace["get_ipython"] = lambda: shell
    sent: dict[str, tuple] = {}
    for index, source in enumerate([*cells, None]):
        send({"cell": index})
        error, timed_out = None, False
        if source is not None:
            try:
                with _alarm(timeout):
                    exec(compile(transform(source), f"<cell {index + 1}>", "exec"), namespace)
            except CellTimeout:
                timed_out = True
            except BaseException as exc:  # sys.exit too: recorded, then the next cell runs
                error = _describe(exc)
            _close_figures()
        changed = {}
        try:
            with _alarm(timeout):
                for name, encode in encoders.items():
                    if name not in namespace:
                        continue
                    value = namespace[name]
                    if callable(value) and name in sent and sent[name][0] is value:
                        continue
                    data = encode(value)
                    text = dumps(data, sort_keys=True)
                    if name not in sent or sent[name][1] != text:
                        changed[name] = data
                    sent[name] = (value, text)
        except CellTimeout:
            pass
        if source is not None:
            send({"done": index, "error": error, "timeout": timed_out, "answers": changed})
        else:
            send({"answers": changed, "end": True})

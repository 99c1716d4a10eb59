"""Run notebooks' code, each in a fresh, isolated process forked from a pre-warmed parent.

The grader (:mod:`course.grading`) uses this module; nothing here judges answers.

The parent imports pandas, matplotlib (Agg), ipywidgets, IPython and ``course`` once
(:func:`prewarm`); :func:`run_many` then forks one child per notebook, several at a time.
Each child

- starts a session of its own (``os.setsid``), so it and anything it spawns can be killed
  as a group, and dies with the parent (``PR_SET_PDEATHSIG``);
- gets an empty working folder, a minimal environment (``HOME`` and ``TMPDIR`` inside that
  folder, ``MPLBACKEND=Agg``, ``COURSE_PROGRESS_FILE`` inside that folder), ``/dev/null`` as
  input, and no file descriptor of the parent but two pipes: one for its output, one for
  its answers;
- has limits on memory (``RLIMIT_AS``), file size (``RLIMIT_FSIZE``), CPU time and, when the
  parent runs as root, number of processes (``RLIMIT_NPROC``);
- when the parent runs as root, switches to a uid and gid of its own
  (from ``UID_BASE`` up, claimed with a lock so that two grading runs never share one;
  no supplementary groups): it cannot read folders that only the
  teacher can read, cannot write the output folder, and cannot signal or trace another
  submission's processes. After each child, every process left with that uid is killed;
- runs the notebook's code cells in order, in a fresh namespace with ``__name__ ==
  "__main__"``; IPython's ``TransformerManager`` turns magics into calls, and line magics and
  shell commands do nothing (``%%time`` and ``%%capture`` run their body). A cell that
  raises, ``sys.exit`` included, is recorded and the next cell runs, as in Jupyter. A cell
  that runs past ``cell_timeout`` is interrupted, recorded, and the next cell runs;
- after every cell, encodes each answer variable to plain JSON data with a private copy of
  :mod:`course.exercises.wire`, loaded from its source before any learner code ran, and
  sends what changed to the parent.

The parent keeps the first ``output_limit`` bytes of a child's output and reads and drops
the rest; it accepts at most ``message_limit`` bytes of answer data. A child that ignores
the interruption is killed with its process group at a second, hard deadline. The parent is
a child subreaper (``PR_SET_CHILD_SUBREAPER``): processes a submission left running in the
background are re-parented to it and killed.

What crosses the pipe is only data the grader judges strictly by type and value (see
:mod:`course.exercises.wire`): forging it from inside the child is no more powerful than
typing that answer into the notebook. So tampering in the child (patching the checker,
redefining equality) cannot raise a score, and cannot touch another submission.

Without root the child runs as the teacher's own user: the process, session, limits,
timeouts, output cap, background clean-up and judging outside the child all hold, but
the submission can read and write whatever the teacher can. Grade as root (the children
then switch to unprivileged uids) or inside a container or an account that holds nothing
else. In both cases a child starts as a copy of the grader's memory: what the grader had
read before forking it (other submissions' code, finished rows) is not secret from it,
though nothing it does there reaches the grader. There is no network isolation.

>>> outcome, = run_many([Task("demo", ["x = 6 * 7", "1 / 0"], [])], Limits(cell_timeout=5))
>>> outcome.finished, outcome.errors
(True, [(1, 'ZeroDivisionError: division by zero')])
"""
from __future__ import annotations

import builtins
import codecs
import contextlib
import copy
import ctypes
import fcntl
import functools
import gc
import importlib
import io
import json
import os
import resource
import selectors
import shutil
import signal
import stat
import sys
import tempfile
import time
import types
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

UID_BASE = int(os.environ.get("COURSE_GRADING_UID_BASE", "61000"))
UID_RANGE = 1000
PREWARM = ("numpy", "pandas", "matplotlib", "matplotlib.pyplot", "ipywidgets", "IPython",
           "IPython.display", "IPython.core.inputtransformer2",
           # the standard library modules a lesson may use: loaded here, they need no reading later
           "math", "statistics", "decimal", "fractions", "random", "datetime", "calendar", "zoneinfo",
           "collections", "itertools", "functools", "operator", "string", "textwrap", "unicodedata",
           "re", "json", "csv", "pprint", "dataclasses", "enum", "typing", "copy", "difflib",
           "hashlib", "subprocess", "pathlib", "locale", "zlib", "gzip", "bz2", "lzma", "base64",
           "html", "inspect", "ast", "numbers", "struct", "array", "bisect", "heapq", "secrets",
           "uuid", "timeit", "warnings", "time",
           # the text codecs the lessons measure (a codec is a module too, loaded on first use)
           "encodings.utf_8", "encodings.utf_16", "encodings.utf_16_le", "encodings.utf_16_be",
           "encodings.utf_32", "encodings.gb18030", "encodings.gbk", "encodings.gb2312",
           "encodings.big5", "encodings.latin_1", "encodings.ascii")
CODECS = ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk", "gb2312", "big5",
          "latin-1", "ascii")
_NOT_PREWARMED = {"cli", "teacher", "grading", "nbgrader_export"}
_KEEP_ENV = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "COURSE_LANG")
_PR_SET_PDEATHSIG, _PR_SET_CHILD_SUBREAPER, _PR_GET_CHILD_SUBREAPER = 1, 36, 37
_READ = 65536


@dataclass(frozen=True)
class Limits:
    """Limits for one child: seconds per cell, bytes of output kept, memory, files, processes."""

    cell_timeout: float = 30.0
    output_limit: int = 100_000
    memory_mb: int = 2048
    file_size_mb: int = 64
    processes: int = 64
    message_limit: int = 8_000_000
    grace: float = 2.0


@dataclass
class Task:
    """A notebook to run: ``cells`` are code-cell sources; ``exercises`` name the answer variables."""

    key: object
    cells: list
    exercises: list


@dataclass
class Outcome:
    """What came back from one child (see :func:`run_many`)."""

    key: object
    n_cells: int
    cells_started: int = 0
    errors: list = field(default_factory=list)      # [(cell index, "Type: message")]
    timeouts: list = field(default_factory=list)    # cell indexes interrupted at the time limit
    answers: dict = field(default_factory=dict)     # {variable: encoded answer}
    finished: bool = False                          # ran past the last cell
    killed: bool = False                            # killed at the hard deadline
    exit_code: int | None = None
    exit_signal: int | None = None
    output: bytes = b""
    output_bytes: int = 0
    output_truncated: bool = False
    message_overflow: bool = False
    bad_messages: int = 0
    seconds: float = 0.0


class IsolationError(RuntimeError):
    """A child could not be given its own unprivileged uid (``.uid`` says which)."""

    def __init__(self, uid: int):
        super().__init__(uid)
        self.uid = uid


class CellTimeout(BaseException):
    """Raised inside a child when a cell runs past its time limit."""


# ---------------------------------------------------------------------------------------------
# Parent side
# ---------------------------------------------------------------------------------------------

def prewarm(lessons: Iterable[str] = ()) -> None:
    """Import, once, what lessons use, so that each child starts with it already loaded.

    >>> prewarm(["00"]); "pandas" in sys.modules
    True
    """
    if "matplotlib.pyplot" not in sys.modules:
        os.environ.setdefault("MPLBACKEND", "Agg")
    for name in PREWARM:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    for name in CODECS:  # fills the codec registry's cache, which a child inherits
        with contextlib.suppress(LookupError):
            codecs.lookup(name)
    with contextlib.suppress(Exception):
        load_chart_fonts()
    import course
    from course import exercises, tables

    for name in sorted(set(course._SUBMODULES) - _NOT_PREWARMED):
        with contextlib.suppress(Exception):
            importlib.import_module(f"course.{name}")
    for loader in ("laws", "articles", "article_map", "figures", "sources", "article_text"):
        with contextlib.suppress(Exception):
            getattr(tables, loader)()
    for number in sorted({*lessons, *exercises.lessons()}):  # the progress view loads them all
        with contextlib.suppress(Exception):
            exercises.lesson(number)


def load_chart_fonts() -> None:
    """Draw one chart the way the lessons do, so that its font files are open before any fork.

    matplotlib opens a font file on first use and keeps it (cached per thread); a child that
    runs as another user inherits the open file even where it could not open it itself, e.g.
    when the Python environment lives in a folder only the teacher may read.
    """
    import io

    import matplotlib.pyplot as plt

    from .fonts import use_chinese_font

    use_chinese_font()
    fig, ax = plt.subplots()
    ax.bar(["微信 WeChat", "文本 text"], [1, 1000])
    ax.set_yscale("log")
    ax.set_title("每天 per day − 1.2 亿")
    ax.annotate("≈ ½ ✓ °", (0, 1))
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)


def unreadable_for_children(paths: Iterable[str]) -> list[str]:
    """Which of ``paths`` an isolated child could not read ([] when children are not isolated).

    A Python installed in a private folder (e.g. under ``/root``) makes modules that the
    parent did not load beforehand impossible to import in a child.
    """
    if not is_isolated():
        return []
    return _unreadable_as(UID_BASE, [str(p) for p in paths])


def _unreadable_as(uid: int, paths: list[str]) -> list[str]:
    """Which of ``paths`` the user ``uid`` could not read (checked in a forked helper process)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - helper process
        try:
            os.close(read)
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            bad = [p for p in paths if not os.access(p, os.R_OK)]
            os.write(write, json.dumps(bad).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as handle:
        data = handle.read()
    os.waitpid(pid, 0)
    try:
        return json.loads(data)
    except ValueError:
        return paths


@functools.cache
def is_isolated() -> bool:
    """Whether children switch to unprivileged uids.

    That needs a parent running as root, and a course an unprivileged user can read: the
    package, its data and the installed libraries (a virtual environment inside a folder only
    root may open would leave every child unable to import or read what lessons load lazily).
    Otherwise children run as the teacher, and ``course grade`` says so.
    """
    if os.geteuid() != 0:
        return False
    import sysconfig

    from .resources import data_dir

    needed = [str(Path(__file__).resolve().parent), str(data_dir()), sysconfig.get_paths()["purelib"]]
    return not _unreadable_as(UID_BASE, needed)


def run_many(tasks: Iterable[Task], limits: Limits = Limits(), jobs: int | None = None,
             isolate: bool | None = None) -> Iterator[Outcome]:
    """Run every task in a child of its own, ``jobs`` at a time; yield outcomes as they finish."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    isolate = is_isolated() if isolate is None else isolate
    if isolate and os.geteuid() != 0:
        raise PermissionError("isolation by uid needs root")
    import IPython.core.inputtransformer2  # noqa: F401 - what every child needs, loaded here
    from .exercises import kinds, wire  # noqa: F401

    wire_source = Path(wire.__file__).read_text(encoding="utf-8")
    pool = _Pool(jobs, limits, isolate, wire_source)
    try:
        pool.start()
        yield from pool.run(deque(tasks))
    finally:
        pool.close()


class _Child:
    """The parent's record of one running child."""

    def __init__(self, task: Task, slot: int, limits: Limits):
        self.task, self.slot = task, slot
        self.outcome = Outcome(task.key, len(task.cells))
        self.started = time.monotonic()
        per_cell = 2 * limits.cell_timeout + limits.grace
        self.deadline = self.started + per_cell + 5
        self.last_deadline = self.started + (len(task.cells) + 2) * per_cell + 5
        self.last_cell = -1
        self.buffer = bytearray()
        self.message_bytes = 0
        self.pid = self.msg_fd = self.out_fd = self.pidfd = -1
        self.workdir = ""
        self.exited = False


class _Pool:
    """Forks children, reads their pipes, enforces deadlines, cleans up after each."""

    def __init__(self, jobs: int, limits: Limits, isolate: bool, wire_source: str):
        self.jobs, self.limits, self.isolate, self.wire_source = jobs, limits, isolate, wire_source
        self.selector = selectors.DefaultSelector()
        self.running: dict[int, _Child] = {}
        self.free = list(range(jobs))
        self.preexisting: set[int] = set()
        self.subreaper_before = 0
        self.uids: list[int] = []
        self.locks: list[int] = []

    def start(self) -> None:
        self.subreaper_before = _subreaper(True)
        self.preexisting = set(_my_children())
        if self.isolate:
            self.uids, self.locks = claim_uids(self.jobs)
            for uid in self.uids:
                if not _kill_uid(uid):  # what an interrupted run left behind
                    raise IsolationError(uid)
                _remove_workdirs(uid)

    def run(self, pending: deque) -> Iterator[Outcome]:
        while pending or self.running:
            while pending and self.free:
                self._fork(pending.popleft())
            done = self._wait()
            for child in done:
                yield self._finish(child)

    # -- starting ------------------------------------------------------------------------
    def _fork(self, task: Task) -> None:
        slot = self.free.pop()
        child = _Child(task, slot, self.limits)
        uid = self.uids[slot] if self.isolate else None
        child.workdir = tempfile.mkdtemp(prefix="course-grade-")
        if uid is not None:
            os.chown(child.workdir, uid, uid)
        os.chmod(child.workdir, 0o700)
        msg_r, msg_w = os.pipe()
        out_r, out_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which always ends in os._exit
            _child_main(task, self.limits, child.workdir, msg_w, out_w, self.wire_source, uid,
                        os.getppid())
        os.close(msg_w)
        os.close(out_w)
        child.pid, child.msg_fd, child.out_fd = pid, msg_r, out_r
        for fd in (msg_r, out_r):
            os.set_blocking(fd, False)
        self.selector.register(msg_r, selectors.EVENT_READ, (child, "msg"))
        self.selector.register(out_r, selectors.EVENT_READ, (child, "out"))
        child.pidfd = os.pidfd_open(pid)
        self.selector.register(child.pidfd, selectors.EVENT_READ, (child, "exit"))
        self.running[pid] = child

    # -- watching ------------------------------------------------------------------------
    def _wait(self) -> list[_Child]:
        now = time.monotonic()
        soonest = min(c.deadline for c in self.running.values())
        for key, _ in self.selector.select(timeout=min(0.5, max(0.0, soonest - now))):
            child, what = key.data
            if what == "exit":
                child.exited = True
            elif what == "msg":
                self._read_messages(child)
            else:
                self._read_output(child, child.out_fd)
        now = time.monotonic()
        for child in self.running.values():
            if not child.exited and now > child.deadline:
                child.outcome.killed = True
                _kill_group(child.pid)
        return [c for c in self.running.values() if c.exited]

    def _read_output(self, child: _Child, fd: int, budget: int = 16 * _READ) -> None:
        """Read what is there (at most ``budget`` bytes, so a flood cannot stall the loop)."""
        outcome, limit = child.outcome, self.limits.output_limit
        while budget > 0:
            try:
                data = os.read(fd, _READ)
            except BlockingIOError:
                return
            if not data:
                self._forget(fd)
                return
            budget -= len(data)
            outcome.output_bytes += len(data)
            room = limit - len(outcome.output)
            if room > 0:
                outcome.output += data[:room]
            if len(data) > max(room, 0):
                outcome.output_truncated = True

    def _read_messages(self, child: _Child, budget: int = 16 * _READ) -> None:
        while budget > 0:
            try:
                data = os.read(child.msg_fd, _READ)
            except BlockingIOError:
                return
            if not data:
                self._forget(child.msg_fd)
                return
            budget -= len(data)
            child.message_bytes += len(data)
            if child.message_bytes > self.limits.message_limit:
                child.outcome.message_overflow = True
                child.buffer.clear()
                continue
            child.buffer += data
            *lines, rest = child.buffer.split(b"\n")
            child.buffer = bytearray(rest)
            for line in lines:
                self._apply(child, line)

    def _apply(self, child: _Child, line: bytes) -> None:
        outcome = child.outcome
        try:
            message = json.loads(line)
        except ValueError:
            outcome.bad_messages += 1
            return
        if not isinstance(message, dict):
            outcome.bad_messages += 1
            return
        cell = message.get("cell")
        if type(cell) is int and child.last_cell < cell < outcome.n_cells + 1:
            child.last_cell = cell
            outcome.cells_started = min(cell + 1, outcome.n_cells)
            per_cell = 2 * self.limits.cell_timeout + self.limits.grace
            child.deadline = min(time.monotonic() + per_cell, child.last_deadline)
        done = message.get("done")
        if type(done) is int and 0 <= done < outcome.n_cells:
            if isinstance(message.get("error"), str):
                outcome.errors.append((done, message["error"][:300]))
            if message.get("timeout") is True:
                outcome.timeouts.append(done)
        answers = message.get("answers")
        if isinstance(answers, dict):
            names = {e.name for e in child.task.exercises}
            outcome.answers.update({k: v for k, v in answers.items() if k in names})
        if message.get("end") is True:
            outcome.finished = True

    def _forget(self, fd: int) -> None:
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(fd)

    # -- finishing -----------------------------------------------------------------------
    def _finish(self, child: _Child) -> Outcome:
        _kill_group(child.pid)
        _, status = os.waitpid(child.pid, 0)
        outcome = child.outcome
        if os.WIFSIGNALED(status):
            outcome.exit_signal = os.WTERMSIG(status)
        else:
            outcome.exit_code = os.WEXITSTATUS(status)
        self._read_messages(child, budget=self.limits.message_limit)
        self._read_output(child, child.out_fd)
        for fd in (child.msg_fd, child.out_fd, child.pidfd):
            self._forget(fd)
            os.close(fd)
        del self.running[child.pid]
        _reap_orphans(self.preexisting | set(self.running),
                      self.uids[child.slot] if self.isolate else None)
        shutil.rmtree(child.workdir, ignore_errors=True)
        self.free.append(child.slot)
        outcome.output = bytes(outcome.output)
        outcome.seconds = round(time.monotonic() - child.started, 3)
        return outcome

    def close(self) -> None:
        for child in list(self.running.values()):
            _kill_group(child.pid)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child.pid, 0)
            for fd in (child.msg_fd, child.out_fd, child.pidfd):
                self._forget(fd)
                with contextlib.suppress(OSError):
                    os.close(fd)
            if self.isolate:
                _kill_uid(self.uids[child.slot])
            shutil.rmtree(child.workdir, ignore_errors=True)
        self.running.clear()
        _reap_orphans(self.preexisting)
        self.selector.close()
        _subreaper(bool(self.subreaper_before))
        for fd in self.locks:
            os.close(fd)
        self.locks = []


def claim_uids(count: int) -> tuple[list[int], list[int]]:
    """Claim ``count`` uids from ``UID_BASE`` up for this run: ``(uids, lock fds)``.

    Each uid is held by an exclusive ``flock`` on a file in a folder only root can enter;
    the lock goes with the process (closing the fds, or dying, releases it).

    >>> if is_isolated():
    ...     (a, locks_a), (b, locks_b) = claim_uids(2), claim_uids(2)
    ...     assert not set(a) & set(b)
    ...     for fd in locks_a + locks_b: os.close(fd)
    """
    folder = Path(tempfile.gettempdir()) / f"course-grading-uids-{os.geteuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
        raise IsolationError(UID_BASE)
    uids, locks = [], []
    for uid in range(UID_BASE, UID_BASE + UID_RANGE):
        fd = os.open(folder / str(uid), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        uids.append(uid)
        locks.append(fd)
        if len(uids) == count:
            return uids, locks
    for fd in locks:
        os.close(fd)
    raise IsolationError(UID_BASE + UID_RANGE)


def _remove_workdirs(uid: int) -> None:
    """Remove working folders of ``uid`` that an interrupted run left in the temp folder."""
    for path in Path(tempfile.gettempdir()).glob("course-grade-*"):
        with contextlib.suppress(OSError):
            if path.lstat().st_uid == uid and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)


def _kill_group(pid: int) -> None:
    """SIGKILL a child and its process group (whatever is still there)."""
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(pid, signal.SIGKILL)


def _kill_uid(uid: int) -> bool:
    """Kill every process running as ``uid`` (from a helper that becomes that uid); False if it can't."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - helper process
        code = 0
        try:
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            with contextlib.suppress(ProcessLookupError):
                os.kill(-1, signal.SIGKILL)
        except BaseException:
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _subreaper(on: bool) -> int:
    """Make this process adopt orphaned descendants (Linux); returns the previous setting."""
    with contextlib.suppress(Exception):
        libc, before = _libc(), ctypes.c_int(0)
        libc.prctl(_PR_GET_CHILD_SUBREAPER, ctypes.byref(before), 0, 0, 0)
        libc.prctl(_PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0)
        return before.value
    return 0


def _processes() -> Iterator[tuple[int, int, int]]:
    """``(pid, parent pid, real uid)`` of every process (read from /proc)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        with contextlib.suppress(KeyError, ValueError, IndexError):
            yield int(entry), int(fields["PPid"]), int(fields["Uid"].split()[0])


def _my_children() -> list[int]:
    """Pids whose parent is this process."""
    me = os.getpid()
    return [pid for pid, parent, _ in _processes() if parent == me]


def _reap_orphans(keep: set[int], uid: int | None = None) -> None:
    """Kill (and reap) processes re-parented to this one, except ``keep``, and those of ``uid``."""
    me = os.getpid()
    for _ in range(100):
        found = [(pid, parent) for pid, parent, owner in _processes()
                 if pid != me and ((parent == me and pid not in keep) or (uid is not None and owner == uid))]
        if not found:
            return
        for pid, parent in found:
            _kill_group(pid)
            if parent == me:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
        time.sleep(0.001)


# ---------------------------------------------------------------------------------------------
# Child side
# ---------------------------------------------------------------------------------------------

def _child_main(task, limits, workdir, msg_w, out_w, wire_source, uid, parent) -> None:  # pragma: no cover
    """Everything a child does; it never returns (``os._exit``)."""
    code = 0
    try:
        os.setsid()
        gc.freeze()
        msg_w = fcntl.fcntl(msg_w, fcntl.F_DUPFD, 3)
        _redirect(fcntl.fcntl(out_w, fcntl.F_DUPFD, 3))
        os.closerange(3, msg_w)
        os.closerange(msg_w + 1, max(resource.getrlimit(resource.RLIMIT_NOFILE)[0], 1024))
        os.chdir(workdir)
        _environment(workdir)
        _set_limits(limits, len(task.cells), uid is not None)
        if uid is not None:
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            if 0 in os.getresuid():
                raise PermissionError("still root")
        _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            raise SystemExit
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
    from .exercises.engine import Exercise
    from .exercises.kinds import _empty_body

    wire = types.ModuleType("course_private_wire")
    sys.modules[wire.__name__] = wire  # dataclasses look the module up while the class is made
    try:
        exec(compile(wire_source, "<wire>", "exec"), wire.__dict__)
    finally:
        del sys.modules[wire.__name__]
    encode, dumps = wire.encode, json.dumps

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

    def function_encoder(cases):
        def run(value):
            if value is Ellipsis or not callable(value):
                return encode(value)
            if _empty_body(value):
                return encode(Ellipsis)
            results = []
            for args in cases:
                try:
                    results.append({"ok": encode(value(*copy.deepcopy(args)))})
                except Exception as error:
                    results.append({"error": f"{type(error).__name__}: {str(error)[:200]}"})
            return {"t": "results", "v": results}
        return run

    encoders = {}
    for exercise in exercises:
        if exercise.kind == "function":
            encoders[exercise.name] = guarded(function_encoder(copy.deepcopy(exercise.cases)))
        elif type(exercise).encode is Exercise.encode and type(exercise).prepare is Exercise.prepare:
            encoders[exercise.name] = guarded(encode)
        else:  # a kind with its own encoding runs it where the value lives
            encoders[exercise.name] = guarded(exercise.encode)
    return encoders


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

"""The parent side: fork a child per notebook, read its pipes, enforce deadlines, clean up.
"""
from __future__ import annotations

import contextlib
import json
import os
import selectors
import sys
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Iterable, Iterator

from . import namespaces
from .child import child_main
from .isolation import (
    claim_uids,
    discard,
    is_isolated,
    kill_group,
    kill_uid,
    my_children,
    reap_orphans,
    remove_workdirs,
    subreaper,
)
from .tasks import Limits, Outcome, Task

_READ = 65536


def run_many(tasks: Iterable[Task], limits: Limits = Limits(), jobs: int | None = None,
             isolate: bool | None = None, contain: bool | None = None) -> Iterator[Outcome]:
    """Run every task in a child of its own, ``jobs`` at a time; yield outcomes as they finish.

    ``isolate``: a uid of its own per child (root only); ``contain``: namespaces of its own
    (:mod:`.namespaces`); both default to what this machine allows.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    isolate = (os.geteuid() == 0 and is_isolated()) if isolate is None else isolate
    contain = namespaces.available() if contain is None else contain
    if isolate and os.geteuid() != 0:
        raise PermissionError("isolation by uid needs root")
    import IPython.core.inputtransformer2  # noqa: F401 - what every child needs, loaded here

    from ...exercises import kinds, wire  # noqa: F401

    wire_source = Path(wire.__file__).read_text(encoding="utf-8")
    pool = _Pool(jobs, limits, isolate, wire_source)
    pool.contain = contain
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
        # from the parent's clock: no message of the child moves this one
        self.last_deadline = self.started + min(limits.notebook_timeout,
                                                (len(task.cells) + 2) * per_cell + 5)
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
        self.contain = False
        self.root = ""
        self.contained: tuple | None = None

    def start(self) -> None:
        self.subreaper_before = subreaper(True)
        self.preexisting = set(my_children())
        if self.isolate:
            self.uids, self.locks = claim_uids(self.jobs)  # unused uids only: no account, no process
            for uid in self.uids:
                remove_workdirs(uid)
        if self.contain:
            self.root = tempfile.mkdtemp(prefix="course-grade-root-")
            self.contained = (self.root, namespaces.runtime_paths())

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
            child_main(task, self.limits, child.workdir, msg_w, out_w, self.wire_source, uid,
                        os.getppid(), self.contained if self.contain else None)
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
        soonest = min(min(c.deadline, c.last_deadline) for c in self.running.values())
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
            if not child.exited and now > min(child.deadline, child.last_deadline):
                child.outcome.killed = True
                child.outcome.notebook_timeout = now > child.last_deadline
                kill_group(child.pid)
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
        """Take in one line from a child: untrusted, it is checked by type before any use;
        one that is not a JSON object (malformed, not UTF-8, nested too deep) counts as bad."""
        outcome = child.outcome
        try:
            message = json.loads(line)
        except (ValueError, RecursionError):
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
        kill_group(child.pid)
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
        reap_orphans(self.preexisting | set(self.running),
                      self.uids[child.slot] if self.isolate else None)
        discard(child.workdir)
        self.free.append(child.slot)
        outcome.output = bytes(outcome.output)
        outcome.seconds = round(time.monotonic() - child.started, 3)
        return outcome

    def close(self) -> None:
        for child in list(self.running.values()):
            kill_group(child.pid)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child.pid, 0)
            for fd in (child.msg_fd, child.out_fd, child.pidfd):
                self._forget(fd)
                with contextlib.suppress(OSError):
                    os.close(fd)
            if self.isolate:
                kill_uid(self.uids[child.slot])
            discard(child.workdir)
        self.running.clear()
        reap_orphans(self.preexisting)
        self.selector.close()
        subreaper(bool(self.subreaper_before))
        for fd in self.locks:
            os.close(fd)
        self.locks = []
        if self.root:
            discard(self.root)

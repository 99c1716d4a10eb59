"""Keeping children apart: a uid of their own, and killing whatever they leave behind.

As root, each child switches to a uid claimed for this run (from ``UID_BASE`` up); after
each child every process of that uid is killed. The grader adopts orphans
(``PR_SET_CHILD_SUBREAPER``) and kills those too.
"""
from __future__ import annotations

import contextlib
import ctypes
import fcntl
import functools
import json
import os
import shutil
import signal
import stat
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator

from .tasks import IsolationError

UID_BASE = int(os.environ.get("COURSE_GRADING_UID_BASE", "61000"))


UID_RANGE = 1000
_PR_SET_PDEATHSIG, _PR_SET_CHILD_SUBREAPER, _PR_GET_CHILD_SUBREAPER = 1, 36, 37


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

    from ...core.resources import data_dir

    needed = [str(Path(__file__).resolve().parents[2]), str(data_dir()), sysconfig.get_paths()["purelib"]]
    return not _unreadable_as(UID_BASE, needed)


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


def remove_workdirs(uid: int) -> None:
    """Remove working folders of ``uid`` that an interrupted run left in the temp folder."""
    for path in Path(tempfile.gettempdir()).glob("course-grade-*"):
        with contextlib.suppress(OSError):
            if path.lstat().st_uid == uid and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)


def kill_group(pid: int) -> None:
    """SIGKILL a child and its process group (whatever is still there)."""
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            kill(pid, signal.SIGKILL)


def kill_uid(uid: int) -> bool:
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


def libc():
    """The C library, for ``prctl``."""
    return ctypes.CDLL(None, use_errno=True)


def subreaper(on: bool) -> int:
    """Make this process adopt orphaned descendants (Linux); returns the previous setting."""
    with contextlib.suppress(Exception):
        c, before = libc(), ctypes.c_int(0)
        c.prctl(_PR_GET_CHILD_SUBREAPER, ctypes.byref(before), 0, 0, 0)
        c.prctl(_PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0)
        return before.value
    return 0


def processes() -> Iterator[tuple[int, int, int]]:
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


def my_children() -> list[int]:
    """Pids whose parent is this process."""
    me = os.getpid()
    return [pid for pid, parent, _ in processes() if parent == me]


def reap_orphans(keep: set[int], uid: int | None = None) -> None:
    """Kill (and reap) processes re-parented to this one, except ``keep``, and those of ``uid``."""
    me = os.getpid()
    for _ in range(100):
        found = [(pid, parent) for pid, parent, owner in processes()
                 if pid != me and ((parent == me and pid not in keep) or (uid is not None and owner == uid))]
        if not found:
            return
        for pid, parent in found:
            kill_group(pid)
            if parent == me:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
        time.sleep(0.001)

"""Keeping children apart: a uid of their own, and killing whatever they leave behind.

As root, each child switches to a uid claimed for this run (from ``UID_BASE`` up); after
each child every process of that uid is killed. The grader adopts orphans
(``PR_SET_CHILD_SUBREAPER``) and kills those too. Working folders are removed by
:func:`remove_tree`, however deep a submission nested them.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import json
import os
import signal
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator

from .tasks import IsolationError

UID_BASE = int(os.environ.get("COURSE_GRADING_UID_BASE", "61000"))


UID_RANGE = 1000
_PR_SET_PDEATHSIG, _PR_SET_CHILD_SUBREAPER, _PR_GET_CHILD_SUBREAPER = 1, 36, 37
# Linux flags (looked up softly, so that this module imports anywhere and supported() can say no)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def supported() -> bool:
    """Whether this system can run isolated children: Linux, with ``pidfd_open`` and ``prctl``.

    >>> supported() == sys.platform.startswith("linux")
    True
    """
    if not sys.platform.startswith("linux") or not hasattr(os, "pidfd_open"):
        return False
    try:
        os.close(os.pidfd_open(os.getpid()))
        return hasattr(libc(), "prctl")
    except (OSError, AttributeError):  # a kernel before 5.3; no C library to load
        return False


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
    from . import namespaces

    read, write = os.pipe()
    root, work = namespaces_root(), tempfile.mkdtemp(prefix="course-grade-")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - helper process
        try:
            os.close(read)
            if namespaces.available():  # checked where a child reads them: in its namespaces
                namespaces.enter(root, work, namespaces.runtime_paths())
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
    for folder in (root, work):
        with contextlib.suppress(OSError):
            os.rmdir(folder)
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
        from . import namespaces

        return namespaces.available()
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
    import fcntl
    folder = Path(tempfile.gettempdir()) / f"course-grading-uids-{os.geteuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
        raise IsolationError(UID_BASE)
    uids, locks = [], []
    busy = used_uids()
    for uid in range(UID_BASE, UID_BASE + UID_RANGE):
        if uid in busy or has_account(uid):
            continue
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


def namespaces_root() -> str:
    """An empty folder to mount a child's root on (in its own mount namespace only)."""
    return tempfile.mkdtemp(prefix="course-grade-root-")


def has_account(uid: int) -> bool:
    """Whether ``uid`` names a user or a group of this system (then it is never used for a child).

    >>> has_account(0)
    True
    """
    import grp
    import pwd

    for lookup in (pwd.getpwuid, grp.getgrgid):
        with contextlib.suppress(KeyError, OverflowError):
            lookup(uid)
            return True
    return False


def used_uids() -> set[int]:
    """Every uid and gid (real, effective, saved, file system) of a running process."""
    used = set()
    for entry in os.listdir("/proc"):
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{entry}/status").read_text().splitlines():
                if line.startswith(("Uid:", "Gid:")):
                    used.update(int(v) for v in line.split()[1:])
    return used


def remove_workdirs(uid: int) -> None:
    """Remove working folders of ``uid`` that an interrupted run left in the temp folder.

    Whatever cannot be removed stays; nothing here stops a run.
    """
    with contextlib.suppress(OSError), os.scandir(tempfile.gettempdir()) as entries:
        for entry in [e for e in entries if e.name.startswith("course-grade-")]:
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if info.st_uid == uid and stat.S_ISDIR(info.st_mode):
                    remove_tree(entry.path)


def discard(path: str) -> None:
    """:func:`remove_tree`, leaving in place whatever cannot be removed.

    >>> discard("/nonexistent/course-grade-x")
    """
    with contextlib.suppress(OSError):
        remove_tree(path)


def remove_tree(path: str | Path) -> None:
    """Remove the folder ``path`` and everything in it, never following a symbolic link.

    It works without recursion and through file descriptors, one open at a time (climbing
    back by ``..``, checked against the folder it came from), so neither Python's recursion
    limit nor the length of a path limits how deep the folders go. A folder its owner made
    unreadable or read-only is given back its owner's permissions first. Raises ``OSError``
    when something cannot be removed (what was removed stays removed).

    >>> top = tempfile.mkdtemp(); deep = os.path.join(top, *["d"] * 50); os.makedirs(deep)
    >>> _ = Path(deep, "f").write_text("x"); os.symlink("/", os.path.join(top, "link"))
    >>> remove_tree(top); os.path.exists(top), os.path.exists("/")
    (False, True)
    """
    path = os.fspath(path)
    fd = _open_dir(path, None)
    names, seen = [], [_identity(fd)]
    try:
        while True:
            folder = _clear(fd)
            if folder is not None:
                inner = _open_dir(folder, fd)
                os.close(fd)
                fd = inner
                names.append(folder)
                seen.append(_identity(fd))
                continue
            if not names:
                break
            outer = os.open("..", _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = outer
            seen.pop()
            if _identity(fd) != seen[-1]:
                raise OSError(errno.ESTALE, "a folder moved while it was being removed", path)
            os.rmdir(names.pop(), dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(path)


def _identity(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return info.st_dev, info.st_ino


def _open_dir(name: str, dir_fd: int | None) -> int:
    """Open a folder (never a link to one) for reading, with its owner's rights restored if need be."""
    try:
        fd = os.open(name, _DIR_FLAGS, dir_fd=dir_fd)
    except PermissionError:  # mode 000 and the like: chmod it through a handle that names no link
        handle = os.open(name, os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)
        try:
            os.chmod(f"/proc/self/fd/{handle}", 0o700)
        finally:
            os.close(handle)
        fd = os.open(name, _DIR_FLAGS, dir_fd=dir_fd)
    mode = stat.S_IMODE(os.fstat(fd).st_mode)
    if mode & 0o700 != 0o700:
        os.fchmod(fd, mode | 0o700)
    return fd


def _clear(fd: int) -> str | None:
    """Remove every entry of the open folder ``fd`` but folders; the name of one folder left, if any."""
    with os.scandir(fd) as entries:
        listed = [(e.name, e.is_dir(follow_symlinks=False)) for e in entries]
    folder = None
    for name, is_dir in listed:
        if is_dir:
            folder = folder or name
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name, dir_fd=fd)
    return folder


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


def libc() -> ctypes.CDLL:
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

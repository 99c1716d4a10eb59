"""Each submission in Linux namespaces of its own, built from the kernel's primitives.

A forked child calls :func:`enter`: it leaves the grader's mount, pid, network and IPC
namespaces (and, when the grader is not root, its user namespace, mapping only the
teacher's uid), then forks the process that runs the notebook, pid 1 of the new pid
namespace. That process builds a root of its own on a tmpfs and ``pivot_root``\\ s into it:

- the runtime, read-only, at the paths the grader uses: the system (``/usr``, ``/etc``, the
  library folders), Python's own install (``sys.base_prefix``, even under ``/root``: the
  folders above it are the tmpfs's, open to every user), the virtual environment, every
  folder on ``sys.path`` but the working folder, the ``course`` package and its data;
- its working folder, writable, at the same path; private tmpfs ``/tmp``, ``/var/tmp``
  and ``/dev/shm``; ``/dev/null``, ``zero``, ``full``, ``random``, ``urandom``;
- a fresh ``/proc`` that shows only the processes of this submission.

Nothing else of the machine is there: not the teacher's files, the answer key, the other
submissions or the grade files. There is no network but a loopback device that is down.
Every mount is ``nosuid``/``nodev``; then :func:`drop` gives up every privilege (as root:
the submission's own uid; otherwise: every capability in the user namespace), with
``no_new_privs``, so the mounts can be neither undone nor changed.

When pid 1 ends, the kernel kills every process left in its namespace; pid 1 dies with the
forked child (``PR_SET_PDEATHSIG``), which dies with the grader: a grader killed with
SIGKILL leaves nothing running. :func:`available` tries all of this once, in a throw-away
process, and says whether this machine allows it.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import select
import signal
import sys
import sysconfig
import tempfile
from pathlib import Path

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = (
    0x00020000, 0x08000000, 0x10000000, 0x20000000, 0x40000000)
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = (
    1, 2, 4, 8, 32, 4096, 16384, 1 << 18)
_MNT_DETACH, _PR_SET_NO_NEW_PRIVS, _PR_CAPBSET_DROP, _PR_SET_PDEATHSIG = 2, 38, 24, 1
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")
DEVICES = ("null", "zero", "full", "random", "urandom")
#: statvfs flags a read-only bind mount must keep (the kernel refuses to clear locked ones)
_KEEP = ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
         (getattr(os, "ST_NOATIME", 1024), 1024), (getattr(os, "ST_NODIRATIME", 2048), 2048),
         (getattr(os, "ST_RELATIME", 4096), 1 << 21))


def libc() -> ctypes.CDLL:
    """The C library, for the system calls Python 3.11 does not wrap."""
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = (lambda s: None if s is None else os.fsencode(s))
    _check(libc().mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           f"mount {target}")


def runtime_paths() -> list[str]:
    """The folders and files the runtime needs, read-only in every namespace (outermost only).

    >>> paths = runtime_paths(); os.path.realpath(sys.base_prefix) in paths or any(
    ...     os.path.realpath(sys.base_prefix).startswith(p + "/") for p in paths)
    True
    """
    from ...core.resources import data_dir, notebooks_dir

    package = Path(__file__).resolve().parents[2]
    prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    wanted = {*prefixes, str(package), str(data_dir()), str(notebooks_dir()), *sysconfig.get_paths().values()}
    inside = tuple(os.path.realpath(p).rstrip("/") + "/" for p in prefixes)
    # of sys.path, what is installed (not the current folder, not a folder on PYTHONPATH)
    wanted |= {p for p in sys.path if p and os.path.realpath(p).startswith(inside)}
    real = sorted({os.path.realpath(p) for p in wanted if os.path.exists(p)})
    outer = [p for p in real if not any(p.startswith(q.rstrip("/") + "/") for q in real if q != p)]
    return [p for p in outer if p != "/"]


def _bind(source: str, root: str, writable: bool = False) -> None:
    """Bind ``source`` at the same path under ``root`` (read-only unless ``writable``)."""
    target = root + source
    if os.path.isdir(source):
        os.makedirs(target, mode=0o755, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o644))
    _mount(source, target, None, MS_BIND | MS_REC)
    flags = MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NODEV | (0 if writable else MS_RDONLY)
    have = os.statvfs(target).f_flag
    flags |= sum(ms for st, ms in _KEEP if have & st)
    _mount(None, target, None, flags)


def _tmpfs(target: str, mode: int, size_mb: int) -> None:
    os.makedirs(target, mode=0o755, exist_ok=True)
    _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"mode={mode:o},size={size_mb}m")


def build_root(root: str, workdir: str, paths: list[str], tmp_mb: int) -> None:
    """Make ``root`` (an empty folder) the submission's whole file system, and enter it."""
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=755,size=4m")
    for source in SYSTEM:
        if os.path.islink(source):
            os.symlink(os.readlink(source), root + source)
        elif os.path.isdir(source):
            _bind(source, root)
    for folder in ("/tmp", "/var/tmp"):  # before the runtime: a runtime under /tmp stays seen
        _tmpfs(root + folder, 0o1777, tmp_mb)
    for source in paths:
        if not os.path.isdir(root + source):
            _bind(source, root)
    _tmpfs(root + "/dev", 0o755, 1)
    for name in DEVICES:
        _bind(f"/dev/{name}", root, writable=True)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{root}/dev/{name}")
    _tmpfs(root + "/dev/shm", 0o1777, tmp_mb)
    _bind(workdir, root, writable=True)
    os.makedirs(root + "/proc", mode=0o555, exist_ok=True)
    _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    os.chdir(root)
    _check(libc().pivot_root(b".", b"."), "pivot_root")
    _check(libc().umount2(b".", _MNT_DETACH), "umount old root")
    os.chdir("/")
    _mount(None, "/", None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def enter(root: str, workdir: str, paths: list[str], tmp_mb: int = 64) -> int:
    """Called in a forked child: from here on, the caller is pid 1 of a new set of namespaces.

    The forked child itself stays outside, waits for that process and ends as it ended
    (same exit code, same signal). Returns, in the new process, a file descriptor that
    reads end-of-file once the waiting process is gone (see :func:`still_watched`).
    """
    uid, gid = os.getuid(), os.getgid()
    user = os.geteuid() != 0
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | (CLONE_NEWUSER if user else 0)
    _check(libc().unshare(flags), "unshare")
    if user:
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # unshare may have cleared it
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    alive_r, alive_w = os.pipe()
    pid = os.fork()
    if pid:
        _wait_and_mirror(pid, alive_w)
    os.close(alive_w)
    libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if not still_watched(alive_r):
        os._exit(70)
    build_root(root, workdir, paths, tmp_mb)
    return alive_r


def _wait_and_mirror(pid: int, keep: int) -> None:  # pragma: no cover - the waiting process
    """Close everything, wait for ``pid``, then end the same way it ended."""
    os.closerange(0, keep)
    os.closerange(keep + 1, 65536)
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(70)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        with contextlib.suppress(Exception):
            signal.signal(sig, signal.SIG_DFL)
            os.kill(os.getpid(), sig)
        os._exit(128 + sig)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 70)


def still_watched(alive: int) -> bool:
    """Whether the waiting process outside is still there (its pipe is not at end-of-file)."""
    return not select.select([alive], [], [], 0)[0]


def drop(uid: int | None) -> None:
    """Give up every privilege for good: the uid ``uid`` (as root), or every capability."""
    c = libc()
    _check(c.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    if uid is not None:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    else:
        for cap in range(64):
            if c.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                break
        header = (ctypes.c_uint32 * 2)(0x20080522, 0)
        data = (ctypes.c_uint32 * 6)()
        _check(c.capset(header, data), "capset")
    if Path("/proc/self/status").read_text().count("CapEff:\t0000000000000000") != 1:
        raise PermissionError("capabilities left")


@functools.cache
def available() -> bool:
    """Whether this machine lets a child enter namespaces of its own (tried once, in a helper).

    >>> available() in (True, False)
    True
    """
    if not sys.platform.startswith("linux"):
        return False
    root, work = tempfile.mkdtemp(prefix="course-grade-root-"), tempfile.mkdtemp(prefix="course-grade-")
    try:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - helper process
            code = 1
            with contextlib.suppress(BaseException):
                enter(root, work, runtime_paths())
                drop(None if os.geteuid() != 0 else 65534)
                code = 0 if os.listdir("/proc") and os.getpid() == 1 else 1
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        for folder in (root, work):
            with contextlib.suppress(OSError):
                os.rmdir(folder)

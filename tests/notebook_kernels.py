"""Kernels for the tests, started on IPC sockets instead of TCP ports.

A kernel started on TCP picks five free ports, releases them, and binds them a moment
later; with several kernels starting at once on a loaded machine (xdist workers, a
benchmark beside the suite, a browser's own connections) another process can take one of
those ports in between, and the kernel dies with ``ZMQError: Address already in use`` —
reported as "Kernel died before replying to kernel_info". IPC sockets are files; each
run here gets a folder of its own for them (an absolute, short path: a socket path must
stay under ~100 bytes, and a relative one would differ between the kernel's working
folder and the client's), so no two kernels can collide.

>>> config = ipc_config(); config.KernelManager.transport, config.KernelManager.ip.startswith("/")
('ipc', True)
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path


def socket_prefix() -> str:
    """A new, private folder for IPC sockets (removed when the tests end), and the prefix of its files."""
    folder = tempfile.mkdtemp(prefix="ipc-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return str(Path(folder) / "k")


def ipc_config():
    """A traitlets ``Config`` that makes a kernel manager use IPC sockets of its own."""
    from traitlets.config import Config

    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = socket_prefix()
    return config


def config_lines() -> str:
    """The same settings as lines of a Jupyter or nbgrader config file (kernels started one at a time)."""
    return ('c.KernelManager.transport = "ipc"  # no TCP port race with kernels started elsewhere\n'
            f'c.KernelManager.ip = "{socket_prefix()}"\n')


def execute(nb, folder: Path | str, timeout: int = 300):
    """Run ``nb`` top to bottom on a fresh IPC kernel, in ``folder``; return the client."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", config=ipc_config(),
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    return client


_EXECUTED: dict[str, tuple] = {}


def execute_once(lesson: Path, notebooks: Path, timeout: int = 300):
    """Run a copy of the lesson file ``lesson`` once per test session: ``(executed nb, error or None)``.

    ``notebooks`` is the lessons folder; the first call copies it to a temporary folder, so
    executing never touches the source files. Tests that look at the outputs of the same
    lesson (it runs; its Chinese outputs hold no English prose) share the one execution.
    """
    import nbformat
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    if "copy" not in _EXECUTED:
        target = Path(tempfile.mkdtemp(prefix="lessons-")) / "notebooks"
        atexit.register(shutil.rmtree, target.parent, ignore_errors=True)
        shutil.copytree(notebooks, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        _EXECUTED["copy"] = (target,)
    key = str(Path(lesson).resolve().relative_to(Path(notebooks).resolve()))
    if key not in _EXECUTED:
        copy = _EXECUTED["copy"][0] / key
        nb = nbformat.read(copy, as_version=4)
        try:
            execute(nb, copy.parent, timeout=timeout)
            error = None
        except (CellExecutionError, CellTimeoutError) as caught:
            error = caught
        _EXECUTED[key] = (nb, error)
    return _EXECUTED[key]

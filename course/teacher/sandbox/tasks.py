"""What a child gets and what comes back: limits, a task, its outcome, and the errors.

>>> Limits().cell_timeout, Outcome("a", 3).finished
(30.0, False)
"""
from __future__ import annotations

from dataclasses import dataclass, field


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
    notebook_timeout: float = 600.0   # seconds for the whole notebook, from the parent's clock


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
    notebook_timeout: bool = False                  # killed at the whole notebook's limit
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

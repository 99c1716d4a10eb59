"""Run notebooks' code, each in a fresh, isolated process forked from a pre-warmed parent.

The grader (:mod:`course.teacher.grading`) uses this package; nothing here judges answers.
It needs Linux (``os.pidfd_open``, ``prctl``): :func:`supported` says whether it has it.

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

On Linux each child also runs in namespaces of its own (:mod:`.namespaces`: pid, mount,
network, IPC, and user when the grader is not root): it sees only its working folder,
private temporary folders, its own processes and the runtime read-only; it has no network,
and nothing it starts outlives it, even when the grader is killed with SIGKILL. Where the
machine does not allow namespaces (:func:`.namespaces.available`), ``course grade`` says so
and children run as above without them: as root under uids of their own, otherwise as the
teacher. A child starts as a copy of the grader's memory: what the grader had read before
forking it is not secret from it, though nothing it does there reaches the grader.

>>> outcome, = run_many([Task("demo", ["x = 6 * 7", "1 / 0"], [])], Limits(cell_timeout=5))
>>> outcome.finished, outcome.errors
(True, [(1, 'ZeroDivisionError: division by zero')])
"""
from __future__ import annotations

from . import namespaces
from .isolation import UID_BASE, UID_RANGE, claim_uids, is_isolated, remove_tree, supported, unreadable_for_children
from .pool import run_many
from .prewarm import load_chart_fonts, prewarm
from .tasks import CellTimeout, IsolationError, Limits, Outcome, Task

__all__ = ["UID_BASE", "namespaces", "UID_RANGE", "CellTimeout", "IsolationError", "Limits", "Outcome", "Task",
           "claim_uids", "is_isolated", "load_chart_fonts", "prewarm", "remove_tree", "run_many",
           "supported", "unreadable_for_children"]

"""How much output history a long-running kernel keeps: no more than IPython's own ``Out``.

IPython keeps the value of each cell in ``Out`` and culls it past ``displayhook.cache_size``
(1000 by default). Since IPython 9 it also keeps, per cell, every MIME bundle it showed
(``history_manager.outputs``: the HTML of each table, the base64 PNG of each chart) and the
plain-text repr (``output_hist_reprs``), and those are never culled: a learner who works
through the whole course in one kernel kept about 2 MiB more per round. :func:`install` adds
a ``post_run_cell`` hook that forgets the bundles (printed text included) and reprs of the
earlier cells that are not in ``Out``: those ``Out`` has let go, and those that had no value.

>>> from types import SimpleNamespace
>>> history = SimpleNamespace(outputs={1: ["a"], 2: ["b"], 3: ["c"]}, output_hist_reprs={1: "a", 3: "c"})
>>> trim(history, kept={3}, current=3)
2
>>> history.outputs, history.output_hist_reprs
({3: ['c']}, {3: 'c'})
"""
from __future__ import annotations

import sys
from typing import Any


def trim(history: Any, kept: set, current: int) -> int:
    """Drop the outputs and reprs of cells before ``current`` that are not in ``kept``; how many went.

    ``history`` is IPython's ``HistoryManager`` (its ``outputs`` and ``output_hist_reprs``).
    """
    dropped = 0
    for store in (history.outputs, history.output_hist_reprs):
        for count in [c for c in store if c < current and c not in kept]:
            del store[count]
            dropped += store is history.outputs
    return dropped


def _after_cell(result: Any = None) -> None:
    """The ``post_run_cell`` hook: trim the running shell's output history to its ``Out``."""
    shell = sys.modules["IPython"].get_ipython()
    if shell is None:
        return
    out = shell.user_ns.get("Out", {})
    trim(shell.history_manager, set(out), shell.execution_count - 1)


def install() -> bool:
    """Register the trimming hook in the running IPython (once); ``False`` outside one, or in an
    IPython that keeps no store of displayed outputs (before 9: nothing to trim)."""
    ipython_module = sys.modules.get("IPython")
    shell = ipython_module.get_ipython() if ipython_module is not None else None
    history = getattr(shell, "history_manager", None)
    if not (hasattr(history, "outputs") and hasattr(history, "output_hist_reprs")):
        return False                     # no shell, or an IPython before 9 that keeps no bundles
    if _after_cell not in shell.events.callbacks["post_run_cell"]:
        shell.events.register("post_run_cell", _after_cell)
    return True

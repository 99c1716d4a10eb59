"""A long kernel keeps no more output history than IPython's ``Out`` (course.display.history)."""
from __future__ import annotations

import pytest

from course.display import history


@pytest.fixture
def shell():
    """A real IPython shell with a small ``Out`` (cache of 10 values, culled by IPython itself)."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.displayhook.cache_size = 10
    shell.history_manager.outputs.clear()
    yield shell
    if history._after_cell in shell.events.callbacks["post_run_cell"]:
        shell.events.unregister("post_run_cell", history._after_cell)
    InteractiveShell.clear_instance()


pytestmark = pytest.mark.filterwarnings("ignore:Output cache limit")


def test_output_history_is_trimmed_to_out(shell):
    assert history.install() and history.install()        # installing twice registers once
    assert shell.events.callbacks["post_run_cell"].count(history._after_cell) == 1
    for i in range(40):
        shell.run_cell(f"{1000 + i}", store_history=True)
    manager, out = shell.history_manager, shell.user_ns["Out"]
    assert 0 < len(out) <= 10
    assert set(manager.outputs) <= set(out) and set(manager.output_hist_reprs) <= set(out)
    last = shell.execution_count - 1
    assert manager.outputs[last][0].bundle["text/plain"] == "1039"


def test_without_trimming_ipython_keeps_every_output(shell):
    for i in range(40):
        shell.run_cell(f"{1000 + i}", store_history=True)
    assert len(shell.history_manager.outputs) == 40 > len(shell.user_ns["Out"])


def test_install_outside_ipython_is_false(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "IPython", None)
    assert history.install() is False

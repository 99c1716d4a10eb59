"""A widget cell run again closes the widgets of its earlier run, never those of other cells."""
from __future__ import annotations

import itertools
import types

import pytest

pytest.importorskip("ipywidgets")

import IPython  # noqa: E402
from ipywidgets.widgets.widget import _instances  # noqa: E402

from course.widgets import lifetime  # noqa: E402

_runs = itertools.count()


class FakeKernel:
    """Stands in for ipykernel: ``get_parent()`` is the request JupyterLab sends for ``cell``."""

    cell = None

    def get_parent(self, channel: str = "shell") -> dict:
        """The request being executed: a new message id each time, the cell named in its metadata."""
        return {"header": {"msg_id": f"run-{next(_runs)}"}, "metadata": {"cellId": self.cell}}


@pytest.fixture
def kernel(monkeypatch):
    """Run widget factories as if each call were one run of the cell named by ``kernel.cell``."""
    fake = FakeKernel()
    monkeypatch.setattr(IPython, "get_ipython", lambda: types.SimpleNamespace(kernel=fake))
    monkeypatch.setattr(lifetime, "_live", {})
    return fake


def live() -> int:
    """How many widget models the kernel holds (ipywidgets' registry of live widgets)."""
    return len(_instances)


def test_current_cell_is_read_from_the_request(kernel):
    kernel.cell = "cell-a"
    cell, run = lifetime.current_cell()
    assert cell == "cell-a" and run.startswith("run-")   # the fake shell has no execution count


def test_rerunning_widget_cells_does_not_pile_up_models(kernel):
    from course import widgets

    kernel.cell = "viewer-cell"
    first_viewer = widgets.viewer("csl", 21, "2017")
    kernel.cell = "explorer-cell"
    first_explorer = widgets.ClaimExplorer(lesson="04")
    after_first = live()
    for _ in range(3):
        kernel.cell = "viewer-cell"
        viewer = widgets.viewer("csl", 21, "2017")
        kernel.cell = "explorer-cell"
        explorer = widgets.ClaimExplorer(lesson="04")
        assert live() == after_first
    assert first_viewer.widget.comm is None and first_explorer.widget.comm is None   # closed
    assert viewer.widget.comm is not None and explorer.widget.comm is not None       # shown

    kernel.cell = "another-cell"            # a viewer in another cell: both stay open
    other = widgets.viewer("csl", 21, "2017")
    assert live() > after_first
    assert viewer.widget.comm is not None and other.widget.comm is not None
    for owner in (viewer, explorer, other):
        lifetime.close(owner)


def test_calculator_cell_rerun_closes_its_own_calculator(kernel):
    from course import widgets

    kernel.cell = "calc-cell"
    first = widgets.calculator()
    count = live()
    second = widgets.calculator()
    assert first.closed and not second.closed and live() == count
    second.close()


def test_two_widgets_of_one_run_both_stay(kernel, monkeypatch):
    from course import widgets

    kernel.cell = "two-viewers"
    monkeypatch.setattr(lifetime, "current_cell", lambda: ("two-viewers", "one-run"))
    first = widgets.viewer("csl", 21, "2017")
    second = widgets.viewer("csl", 47, "2017")
    assert first.widget.comm is not None and second.widget.comm is not None
    for owner in (first, second):
        lifetime.close(owner)


def test_without_a_cell_id_the_arguments_name_the_cell(monkeypatch):
    from course import widgets

    monkeypatch.setattr(lifetime, "_live", {})
    monkeypatch.setattr(lifetime, "current_cell", lambda: (None, None))
    first = widgets.viewer("csl", 21, "2017")
    other = widgets.viewer("csl", 47, "2017")
    again = widgets.viewer("csl", 21, "2017")
    assert first.widget.comm is None
    assert other.widget.comm is not None and again.widget.comm is not None
    for owner in (other, again):
        lifetime.close(owner)

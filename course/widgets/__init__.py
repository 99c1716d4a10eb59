"""The course's widgets, for a notebook (they need ipywidgets, i.e. JupyterLab).

::

    course.widgets.calculator(users=1.2e9)        # lesson 02: the storage calculator
    course.widgets.viewer("csl", 21, "2017")      # the statute viewer
    course.widgets.ClaimExplorer(lesson="04")     # the claim explorer
    course.widgets.progress("02")                 # the progress panel

Each widget is drawn by plain functions (:mod:`course.law`, :mod:`course.storage`,
:mod:`course.display`) and can be driven from code, which is how the tests use them.
"""
from __future__ import annotations

from .calculator import Calculator, calculator
from .explorer import ClaimExplorer, explore
from .progress_panel import progress
from .viewer import StatuteViewer, viewer

__all__ = ["Calculator", "ClaimExplorer", "StatuteViewer", "calculator", "explore", "progress", "viewer"]

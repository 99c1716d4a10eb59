"""A widget that survives a reopened lesson: where its live view is gone, a note says to run the cell again.

A notebook saves a widget's output as a reference to a model that lives in the kernel.
Reopened later (or after a restart), JupyterLab cannot find the model and would show
"Error displaying widget: model not found". So every course widget is displayed as two
outputs (:func:`show`): first a short note in the learner's language, then the widget.
A little CSS, in the note itself, hides the note while the widget is drawn, and hides
JupyterLab's empty or error stand-in where the widget has gone; the widget's own plain-text
fallback (for other front ends) is the same note.

>>> "course-rerun-note" in note_html()
True
"""
from __future__ import annotations

import html
from typing import Any

from ..core.i18n import t

LIVE = "course-widget"      # class on the root of every live course widget

CSS = f"""<style>
.jp-OutputArea:has(.{LIVE}) .course-rerun-note,
.jp-OutputArea:has(.course-book-widget) .course-rerun-note {{display: none;}}
.jp-OutputArea:has(.course-rerun-note) .jp-OutputArea-output.jupyter-widgets:not(:has(*)) {{display: none;}}
.course-rerun-note {{border-left: 4px solid var(--jp-info-color1, #0969da); padding: 4px 10px;
  color: var(--jp-content-font-color1, #1f1f1f); background: var(--jp-layout-color2, #eeeeee);}}
</style>"""


def note_text() -> str:
    """The note, in the learner's language: the widget is gone, run the cell again."""
    return t("widgets.rerun")


def note_html() -> str:
    """The note as HTML, with the CSS that hides it while the widget is on show."""
    return f'{CSS}<div class="course-rerun-note" role="status">⟳ {html.escape(note_text())}</div>'


def show(widget: Any) -> None:
    """Display ``widget`` in the notebook after the note (see the module's description).

    The widget's plain-text fallback becomes the note as well. The note's output also carries
    :func:`.keyboard.script_html`, so a learner can use the widget's drop-downs with the keyboard.
    """
    from IPython.display import HTML, display

    from .keyboard import script_html

    widget.add_class(LIVE)
    display(HTML(note_html() + script_html(LIVE)))     # the script: keys of a drop-down stay in it
    bundle = widget._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    display({**data, "text/plain": note_text()}, raw=True)

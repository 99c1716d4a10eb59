"""Widget labels and buttons that show their whole text at any width: nothing is cut with “…”.

ipywidgets draws an input's description and a button's text on one line of a fixed width
and cuts a longer text with “…” (``text-overflow: ellipsis``): at JupyterLab's default width
“Compare 2017/2026” or a long calculator label lost its end. Inside a box marked by
:func:`fit`, a label wraps onto a second line instead and a button is as wide as its text.
The rules are a ``<style>`` (:data:`CSS`) that the widget shows in one of its HTML parts.

>>> import ipywidgets as widgets
>>> box = fit(widgets.VBox([widgets.Button(description="Compare 2017/2026")]))
>>> "course-fit" in box._dom_classes, ".course-fit .jupyter-button" in CSS
(True, True)
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ipywidgets as widgets

CLASS = "course-fit"

CSS = f"""<style>
.{CLASS} .widget-label, .{CLASS} .jupyter-widget-label {{white-space: normal; overflow: visible;
  text-overflow: clip; overflow-wrap: break-word; line-height: 1.25; align-self: flex-start;
  padding-top: calc((var(--jp-widgets-inline-height) - 1.25em) / 2);}}
.{CLASS} .widget-inline-hbox, .{CLASS} .jupyter-widget-inline-hbox {{height: auto;
  min-height: var(--jp-widgets-inline-height);}}
.{CLASS} .jupyter-button {{width: fit-content; min-width: var(--jp-widgets-inline-width-short, 148px);
  flex-shrink: 0; overflow: visible; text-overflow: clip;}}
</style>"""


def fit(box: widgets.Box) -> widgets.Box:
    """Mark ``box`` (a widget box) so that the labels and buttons inside it show their whole text.

    The box, or a widget inside it, must also show :data:`CSS` (e.g. in an ``HTML`` widget).
    """
    box.add_class(CLASS)
    return box

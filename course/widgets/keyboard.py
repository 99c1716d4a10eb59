"""Keys for the course's drop-downs and lists: they go to the widget, not to JupyterLab.

In a notebook, JupyterLab reads the keys pressed anywhere that is not a text box: the arrow
keys move to another cell, a letter adds or changes a cell. A drop-down or a list (an HTML
``<select>``) is not a text box, so a learner who tabs to one and presses the down arrow
would leave the widget instead of choosing the next entry (ipywidgets issue 3912). The short
script of :func:`script_html`, shown once with each course widget (by :func:`.rerun.show`),
keeps such keys inside a ``<select>`` of a course widget: the arrows, Home/End, Page Up/Down,
Space, Enter and letters (to jump to an entry) work as in any web form. Tab and Shift+Tab
still move on, and keys with Ctrl, Alt or Cmd, Escape and Shift+Enter still reach JupyterLab.

JupyterLab runs the script only in outputs it trusts (those of cells run in this session);
the book leaves scripts out, and has no live widgets anyway.

>>> html = script_html("course-widget")
>>> html.startswith("<script>") and "closest('.course-widget')" in html and "stopPropagation" in html
True
"""
from __future__ import annotations

SCRIPT = """(function () {
  if (window.courseSelectKeys) { return; }
  window.courseSelectKeys = true;
  document.body.addEventListener('keydown', function (event) {
    var target = event.target;
    if (!(target instanceof HTMLSelectElement) || !target.closest('.{root}')) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === 'Tab' || event.key === 'Escape'
        || (event.key === 'Enter' && event.shiftKey)) { return; }
    event.stopPropagation();
  });
})();"""


def script_html(root: str = "course-widget") -> str:
    """The ``<script>`` that keeps the keys of a ``<select>`` inside an element of class ``root`` there.

    (See the module's description; ``root`` is the class on every live course widget.)
    """
    return "<script>" + SCRIPT.replace("{root}", root) + "</script>"

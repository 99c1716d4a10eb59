"""An exercise's feedback as the notebook shows it: a title and a body, with a tone.

>>> m = Message("✓ Correct", "Well done.", "correct")
>>> print(m)
✓ Correct
Well done.
>>> 'data-status="correct"' in m._repr_html_()
True
"""
from __future__ import annotations

import html

COLOURS = {"correct": "#1a7f37", "incorrect": "#cf222e", "not_attempted": "#6e7781", "info": "#0969da",
           "attempted": "#8250df", "self_assessed": "#9a6700"}


class Message:
    """Text shown in the notebook: pretty in JupyterLab, readable as plain text."""

    def __init__(self, title: str, body: str, tone: str = "info"):
        self.title, self.body, self.tone = title, body, tone

    def __repr__(self) -> str:
        return f"{self.title}\n{self.body}".strip()

    def _repr_html_(self) -> str:
        colour = COLOURS.get(self.tone, COLOURS["info"])
        body = html.escape(self.body).replace("\n", "<br>")
        return (f'<div class="course-feedback course-{self.tone}" data-status="{self.tone}" '
                f'style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
                f'<b style="color:{colour}">{html.escape(self.title)}</b>'
                f'{"<br>" + body if body else ""}</div>')

"""An exercise's feedback as the notebook shows it: a title and a body, with a tone.

>>> m = Message("✓ Correct", "Well done.", "correct")
>>> print(m)
✓ Correct
Well done.
>>> 'data-status="correct"' in m._repr_html_()
True

A hint or a solution is written in Markdown; with ``markdown=True`` JupyterLab shows its code
spans, emphasis and code blocks, and the plain text keeps the Markdown, which reads as it is:

>>> h = Message("Hint 1/2", "Use `len(text)` on **bytes**.", markdown=True)
>>> "<code>len(text)</code>" in h._repr_html_(), "<strong>bytes</strong>" in h._repr_html_()
(True, True)
>>> print(h)
Hint 1/2
Use `len(text)` on **bytes**.
"""
from __future__ import annotations

import html
import re

from .theme import jp, on_page

#: Each tone's colour: a JupyterLab theme variable (its fallback outside JupyterLab). The title's
#: text is the tone mixed toward the theme's text colour (``on_page``), readable in Light and Dark.
COLOURS = {"correct": jp("--jp-success-color1", "#1a7f37"), "incorrect": jp("--jp-error-color1", "#cf222e"),
           "not_attempted": jp("--jp-layout-color4", "#6e7781"), "info": jp("--jp-brand-color1", "#0969da"),
           "attempted": "#8250df", "self_assessed": jp("--jp-warn-color0", "#9a6700")}

_FENCE = re.compile(r"```[^\n]*\n(.*?)\n?```", re.S)
_CODE = re.compile(r"`([^`\n]+)`")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![\w*])")


def markdown_html(text: str) -> str:
    """The Markdown the course writes (code blocks, code spans, bold, emphasis, lines) as safe HTML.

    Everything else is escaped, so a learner's answer quoted in a message cannot inject markup;
    ``2*3*4`` stays as it is.

    >>> markdown_html("Run `ex.x.hint()` *now*; 2*3*4 <b>")
    'Run <code>ex.x.hint()</code> <em>now</em>; 2*3*4 &lt;b&gt;'
    >>> markdown_html("```python\\nlen(data)\\n```")
    '<pre><code>len(data)</code></pre>'
    """
    blocks: list[str] = []

    def keep(html_text: str) -> str:
        blocks.append(html_text)
        return f"\x00{len(blocks) - 1}\x00"

    text = _FENCE.sub(lambda m: keep(f"<pre><code>{html.escape(m.group(1))}</code></pre>"), text)
    text = _CODE.sub(lambda m: keep(f"<code>{html.escape(m.group(1))}</code>"), text)
    text = html.escape(text)
    text = _STRONG.sub(r"<strong>\1</strong>", text)
    text = _EM.sub(r"<em>\1</em>", text)
    text = text.replace("\n", "<br>")

    def put(match: re.Match) -> str:
        block = blocks[int(match.group(2))]
        return block if block.startswith("<pre>") else match.group(1) + block + match.group(3)
    return re.sub(r"((?:<br>)?)\x00(\d+)\x00((?:<br>)?)", put, text)


class Message:
    """Text shown in the notebook: pretty in JupyterLab, readable as plain text.

    ``markdown=True``: the body is Markdown (a hint, a solution, a check's explanation).
    """

    def __init__(self, title: str, body: str, tone: str = "info", markdown: bool = False):
        self.title, self.body, self.tone, self.markdown = title, body, tone, markdown

    def __repr__(self) -> str:
        return f"{self.title}\n{self.body}".strip()

    def _repr_html_(self) -> str:
        colour = COLOURS.get(self.tone, COLOURS["info"])
        body = markdown_html(self.body) if self.markdown else html.escape(self.body).replace("\n", "<br>")
        return (f'<div class="course-feedback course-{self.tone}" data-status="{self.tone}" '
                f'style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
                f'<b style="color:{on_page(colour)}">{html.escape(self.title)}</b>'
                f'{"<br>" + body if body else ""}</div>')

"""A chart as a notebook shows it: a matplotlib figure drawn once to PNG, then let go.

A notebook keeps the value of every cell in its output history (``Out``). A chart
function that returned the matplotlib :class:`~matplotlib.figure.Figure` itself would
keep the whole figure (artists, fonts, the canvas's pixel buffer: megabytes) alive for
as long as the kernel runs, once per run of the cell. A :class:`Chart` keeps only what
the learner sees: the PNG, drawn exactly as the notebook's inline backend draws a
figure (the figure's own dpi and colours, ``bbox_inches="tight"``), and its title.

The chart functions of the course return a ``Chart``; each has a ``…_figure`` twin that
returns the figure, for tests and for widgets that redraw it.

>>> from matplotlib.figure import Figure
>>> fig = Figure(figsize=(2, 1))
>>> _ = fig.add_subplot().set_title("bytes per character")
>>> chart = Chart(fig)
>>> chart.png[:8] == b"\\x89PNG\\r\\n\\x1a\\n", chart.title
(True, 'bytes per character')
>>> chart
<Chart: bytes per character>
"""
from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure


def render_png(figure: Figure) -> bytes:
    """The PNG a notebook shows for ``figure``: as IPython's inline backend prints it.

    Same keywords as ``IPython.core.pylabtools.print_figure`` (the inline backend's
    ``print_figure_kwargs`` add ``bbox_inches="tight"``): the figure's dpi, face and
    edge colour, the tight bounding box.

    >>> from matplotlib.figure import Figure
    >>> render_png(Figure(figsize=(1, 1))).startswith(b"\\x89PNG")
    True
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi, facecolor=figure.get_facecolor(),
                   edgecolor=figure.get_edgecolor(), bbox_inches="tight")
    return buffer.getvalue()


def canvas_png(canvas: FigureCanvasAgg) -> bytes:
    """The PNG of what an Agg canvas holds now, fast (for a widget that redraws as the learner types).

    Unlike :func:`render_png` it does not lay the figure out again: it writes the pixels the
    canvas has (e.g. after blitting only what changed) at a low compression level.

    >>> from matplotlib.backends.backend_agg import FigureCanvasAgg
    >>> from matplotlib.figure import Figure
    >>> canvas = FigureCanvasAgg(Figure(figsize=(1, 1)))
    >>> canvas.draw()
    >>> canvas_png(canvas)[:4]
    b'\x89PNG'
    """
    from PIL import Image

    buffer = io.BytesIO()
    Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).save(
        buffer, format="png", compress_level=1)
    return buffer.getvalue()


def figure_title(figure: Figure) -> str:
    """The figure's title (``suptitle``), else its axes' titles joined by " / ": the chart's alt text.

    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.add_subplot(1, 2, 1).set_title("zh"), fig.add_subplot(1, 2, 2).set_title("en")
    >>> figure_title(fig)
    'zh / en'
    """
    return figure.get_suptitle() or " / ".join(title for ax in figure.axes if (title := ax.get_title()))


def close(figure: Figure) -> None:
    """Let go of ``figure``: pyplot forgets it (if pyplot made it); nothing else here keeps it.

    pyplot is not imported for this: a figure made without pyplot is not known to it.
    """
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(figure)


class Chart:
    """A chart drawn once: ``png`` (bytes) and ``title`` (alt text); a notebook shows the PNG.

    Made from a matplotlib figure, which it renders (:func:`render_png`) and then closes:
    the chart does not keep the figure.
    """

    __slots__ = ("png", "title")

    def __init__(self, figure):
        self.png: bytes = render_png(figure)
        self.title: str = figure_title(figure)
        close(figure)

    def _repr_png_(self) -> bytes:
        return self.png

    def save(self, path) -> Path:
        """Write the PNG to ``path`` (a ``.png`` file); returns the path.

        >>> import tempfile
        >>> from matplotlib.figure import Figure
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     saved = Chart(Figure(figsize=(1, 1))).save(Path(folder) / "chart.png")
        ...     saved.read_bytes()[:4]
        b'\\x89PNG'
        """
        path = Path(path)
        path.write_bytes(self.png)
        return path

    def __repr__(self) -> str:
        return f"<Chart: {self.title}>" if self.title else "<Chart>"

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

import base64
import html
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


def _number(value: float) -> str:
    """A value as an alt text says it: three significant digits (``_number(2.88e12)`` is ``'2.88e+12'``)."""
    return f"{value:.3g}"


def _axes_alt(ax) -> list[str]:
    """What one axes shows: its title, its bars (category and value), its lines, its value labels."""
    from matplotlib.container import BarContainer

    parts = [text for text in (ax.get_title(), ax.get_ylabel()) if text]
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    labels = [text.get_text() for text in ax.texts if text.get_text()]
    for container in bars:
        horizontal = container.orientation == "horizontal"
        ticks = [tick.get_text() for tick in (ax.get_yticklabels() if horizontal else ax.get_xticklabels())]
        # one series with a value label per bar: say the labels (they carry the unit)
        shown = labels[:len(container.patches)] if len(bars) == 1 and len(labels) >= len(container.patches) else None
        pairs = []
        for i, bar in enumerate(container.patches):
            value = bar.get_width() if horizontal else bar.get_height()
            if len(bars) > 1 and value == 0:
                continue                                  # stacked bars: a zero segment says nothing
            name = ticks[i] if i < len(ticks) and ticks[i] else str(i + 1)
            pairs.append(f"{name} {shown[i] if shown else _number(value)}")
        label = container.get_label()
        label = "" if not label or label.startswith("_") else f"{label}: "
        parts.append(label + ", ".join(pairs))
        if shown:
            labels = labels[len(shown):]
    for line in ax.get_lines():
        label, xs, ys = line.get_label(), line.get_xdata(), line.get_ydata()
        if label.startswith("_") or len(xs) < 2:
            continue
        parts.append(f"{label}: {_point(xs[0])} {_number(ys[0])} … {_point(xs[-1])} {_number(ys[-1])}")
    if labels:
        parts.append(" · ".join(labels))
    return parts


def _point(x) -> str:
    """An x value as an alt text says it: a date without its time (``_point(3)`` is ``'3'``)."""
    return str(x)[:10] if hasattr(x, "dtype") and "datetime" in str(x.dtype) else str(x)


def figure_alt(figure: Figure, limit: int = 900) -> str:
    """The chart's alt text: its title, then what it shows (bars with values, lines, value labels).

    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> ax = fig.add_subplot()
    >>> _ = ax.bar([0, 1], [3, 5], label="claims"); _ = ax.set_xticks([0, 1], ["true", "false"])
    >>> _ = ax.set_title("Verdicts")
    >>> figure_alt(fig)
    'Verdicts. claims: true 3, false 5'
    """
    parts = [figure.get_suptitle()] if figure.get_suptitle() else []
    for ax in figure.axes:
        parts.extend(_axes_alt(ax))
    text = ". ".join(part.replace("\n", " ") for part in parts if part)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def img_html(png: bytes, alt: str) -> str:
    """A PNG as an ``<img>`` with its alt text (how a notebook shows a :class:`Chart`).

    >>> img_html(b"PNG", "a <chart>")
    '<img alt="a &lt;chart&gt;" src="data:image/png;base64,UE5H">'
    """
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'


def close(figure: Figure) -> None:
    """Let go of ``figure``: pyplot forgets it (if pyplot made it); nothing else here keeps it.

    pyplot is not imported for this: a figure made without pyplot is not known to it.
    """
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(figure)


class Chart:
    """A chart drawn once: ``png`` (bytes), ``title`` and ``alt`` (what it shows); a notebook shows the PNG.

    In JupyterLab it is an ``<img>`` with ``alt`` (title and key figures) for a screen
    reader; the bare PNG is in the same output for other front ends.

    Made from a matplotlib figure, which it renders (:func:`render_png`) and then closes:
    the chart does not keep the figure.
    """

    __slots__ = ("alt", "png", "title")

    def __init__(self, figure):
        self.png: bytes = render_png(figure)
        self.title: str = figure_title(figure)
        self.alt: str = figure_alt(figure)
        close(figure)

    def _repr_png_(self) -> bytes:
        return self.png

    def _repr_html_(self) -> str:
        return img_html(self.png, self.alt)

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

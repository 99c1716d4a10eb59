"""Category labels under a bar chart that never run into each other.

Long labels (“WeChat media per day”) under narrow bars overlap, the more so in the
calculator's small chart. :func:`fit_xticklabels` draws the figure at its own size and dpi,
and while two neighbouring labels touch it wraps them onto shorter lines (words stay whole;
Chinese may break between any two characters), then, if that is not enough, makes them smaller.

>>> from matplotlib.figure import Figure
>>> fig = Figure(figsize=(3, 2), dpi=72, layout="constrained")
>>> ax = fig.add_subplot()
>>> _ = ax.bar(range(3), [1, 2, 3]); _ = ax.set_xticks(range(3), ["a very long category"] * 3)
>>> fit_xticklabels(ax)
True
>>> ax.get_xticklabels()[0].get_text()
'a very\\nlong\\ncategory'
"""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

GAP_PX = 10          # the least room between two labels, in pixels
NARROWEST = 4        # characters: lines are never wrapped narrower than this
SMALLEST_PT = 6.0    # points: labels are never made smaller than this


def wrap(text: str, width: int) -> str:
    """``text`` with each of its lines wrapped to ``width`` characters (Chinese counts double).

    >>> wrap("WeChat text per day\\n(model)", 12)
    'WeChat text\\nper day\\n(model)'
    >>> wrap("微信一天的图片等", 8)
    '微信一天\\n的图片等'
    """
    lines = []
    for line in text.splitlines() or [""]:
        wide = any(ord(ch) >= 0x2E80 for ch in line)
        lines.extend(textwrap.wrap(line, width // 2 if wide else width, break_long_words=wide,
                                   break_on_hyphens=not wide) or [""])
    return "\n".join(lines)


def _longest(text: str) -> int:
    return max((len(line) * (2 if any(ord(ch) >= 0x2E80 for ch in line) else 1)
                for line in text.splitlines()), default=0)


def _boxes(ax) -> list:
    """The drawn boxes of the x tick labels of ``ax`` that show a text, left to right."""
    return sorted((label.get_window_extent() for label in ax.get_xticklabels()
                   if label.get_visible() and label.get_text()), key=lambda box: box.x0)


def overlapping(ax: Axes, gap: float = GAP_PX) -> list[tuple[int, int]]:
    """Pairs of x tick labels of ``ax`` closer than ``gap`` pixels, as the figure is drawn now."""
    boxes = [box.padded(gap / 2) for box in _boxes(ax)]
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]


def _room(ax, gap: float = GAP_PX) -> float:
    """How much of its width the widest label may keep: the narrowest slot over the widest label."""
    boxes = _boxes(ax)
    centres = [(box.x0 + box.x1) / 2 for box in boxes]
    slot = min((b - a for a, b in zip(centres, centres[1:])), default=float("inf")) - gap
    return max(slot, 1) / max(box.width for box in boxes)


def fit_xticklabels(ax: Axes) -> bool:
    """Wrap, then shrink, the x tick labels of ``ax`` until no two overlap; ``True`` if they fit.

    Each step narrows the lines (or the font) by as much as the labels are too wide, so a
    figure is drawn only two or three times.
    """
    fig = ax.figure
    ticks = list(ax.get_xticks())
    texts = [label.get_text() for label in ax.get_xticklabels()]
    size = ax.get_xticklabels()[0].get_fontsize() if texts else 0
    width = max(map(_longest, texts), default=0)
    fig.draw_without_rendering()
    while overlapping(ax):
        room = _room(ax)
        if width > NARROWEST:
            width = max(NARROWEST, min(width - 1, int(width * room)))
        elif size > SMALLEST_PT:
            size = max(SMALLEST_PT, min(size - 0.5, size * room))
        else:
            return False
        ax.set_xticks(ticks, [wrap(text, width) for text in texts], fontsize=size)
        fig.draw_without_rendering()
    return True

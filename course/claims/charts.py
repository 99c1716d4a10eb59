"""The verdicts of the article's claims as a chart.

>>> verdict_chart(by="lesson", lang="en").title.startswith("Verdicts")
True
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from ..core.i18n import get_language, t
from ..display.charts import Chart
from ..display.fonts import use_chinese_font
from .table import lesson_label, type_label, verdict_counts, verdict_label, verdicts


def verdict_chart(by: str = "type", lang: str | None = None) -> Chart:
    """A stacked horizontal bar chart of verdicts per type or per lesson (a :class:`~course.display.charts.Chart`).
    """
    return Chart(verdict_figure(by, lang))


def verdict_figure(by: str = "type", lang: str | None = None) -> Figure:
    """The matplotlib figure of :func:`verdict_chart`.

    >>> from course.claims import TYPES
    >>> len(verdict_figure(by="type").axes[0].get_yticklabels()) == len(TYPES)
    True
    """
    from matplotlib.figure import Figure

    use_chinese_font()
    lang = lang or get_language()
    counts = verdict_counts(by=by, lang=lang)
    counts = counts.loc[:, counts.sum() > 0]
    columns = 4
    rows = -(-len(counts.columns) // columns)         # of the legend, under the axes
    figure = Figure(figsize=(8, 0.45 * len(counts) + 1.8 + 0.25 * rows), layout="constrained")
    axes = figure.subplots()
    left = pd.Series(0, index=counts.index)
    colors = verdicts()["color"]
    for verdict in counts.columns:
        axes.barh(range(len(counts)), counts[verdict], left=left, color=colors[verdict],
                  label=verdict_label(verdict, lang))
        left = left + counts[verdict]
    names = [type_label(k, lang) if by == "type" else lesson_label(k, lang) for k in counts.index]
    axes.set_yticks(range(len(counts)), names)
    axes.invert_yaxis()
    axes.set_xlabel(t("claims.chart.xlabel", lang))
    axes.set_title(t(f"claims.chart.title_{by}", lang, n=int(counts.to_numpy().sum())))
    # Under the axes, not on them: inside, the legend covered the bars of the last lessons.
    figure.legend(loc="outside lower center", fontsize="small", frameon=False, ncols=columns)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return figure

"""Charts for lesson 02: each ``…_chart`` function returns a :class:`course.display.charts.Chart` (a PNG).

Labels come from ``data/messages/storage.csv`` in the notebook's language, Chinese glyphs
from :func:`course.display.fonts.use_chinese_font`. Each chart is drawn by a ``…_figure`` function
that returns the matplotlib :class:`~matplotlib.figure.Figure` (for tests, and for the
calculator, which redraws its figure); the ``…_chart`` function draws it once to PNG and
lets the figure go, so a notebook's output history keeps only the picture. Figures are
made with the object API (``Figure``, not ``pyplot``): nothing is left open behind the caller's back.

- :func:`mau_chart`: Weixin + WeChat monthly active accounts, and when “1.2 billion” held;
- :func:`volume_chart`: text per day vs a million-character novel vs a day of video (log scale);
  :func:`update_volume_figure` changes the bars of a :func:`volume_figure` in place (the calculator);
- :func:`cost_chart`: what a year of text costs on drives and in the cloud (log scale);
- :func:`compression_chart`: bytes per character by encoding and algorithm (measured).

>>> fig = compression_figure()
>>> type(fig).__name__, len(fig.axes)
('Figure', 1)
>>> compression_chart().png[:4]
b'\\x89PNG'
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import checks
from ..core.i18n import t
from ..display.charts import Chart
from ..display.fonts import use_chinese_font
from ..display.ticks import fit_xticklabels
from .measure import compression_table, million_char_bytes
from .model import DAYS_PER_YEAR, TB, Estimate, estimate
from .params import figure_row, first_above, mau_series, video_bytes_per_day
from .units import SI_UNITS, format_bytes, format_count, format_usd

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

COLOURS = {"text": "#1f77b4", "media": "#9467bd", "novel": "#2ca02c", "video": "#d62728",
           "drive": "#7f7f7f", "cloud": "#ff7f0e", "low": "#d62728"}
VOLUME_FLOOR, VOLUME_CEILING = 1e5, 1e19     # bytes: the y range of the volume chart
NOTE_STYLE = {"fontsize": 7.5, "color": "#444444"}


def _check_figure(fig) -> None:
    """A figure made by :func:`volume_figure`, else a clear error."""
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure) or not fig.axes or not fig.axes[0].lines or not fig.texts:
        raise checks.CourseError(t("checks.wrong_kind", what="fig", value=checks.shown(fig)))


def _new_figure(width: float = 7.5, height: float = 4.2, dpi: int = 100):
    from matplotlib.figure import Figure

    use_chinese_font()
    return Figure(figsize=(width, height), dpi=dpi, layout="constrained")


def _note(fig, text: str) -> None:
    """A small footnote under the axes (source, assumption)."""
    fig.get_layout_engine().set(h_pad=0.1)
    fig.supxlabel(text, fontsize=7.5, color="#444444", wrap=True)


def mau_chart(threshold_million: float = 1200) -> Chart:
    """Monthly active accounts by quarter end, the article's “1.2 billion” line, and when it was first met.

    >>> mau_chart().title == t("storage.chart.mau_title")
    True
    """
    return Chart(mau_figure(threshold_million))


def mau_figure(threshold_million: float = 1200) -> Figure:
    """The figure of :func:`mau_chart`.

    >>> fig = mau_figure()
    >>> fig.axes[0].get_ylabel() in (t("storage.chart.mau_ylabel", lang="zh"), t("storage.chart.mau_ylabel", lang="en"))
    True
    """
    threshold_million = checks.number(threshold_million, "threshold_million", low=0, high=1e6)
    series = mau_series()
    fig = _new_figure()
    ax = fig.add_subplot()
    ax.plot(series["date"], series["million"], marker="o", markersize=3.5, color=COLOURS["text"],
            label=t("storage.chart.mau_series"))
    low = series[series["reliability"] == "low"]
    if not low.empty:
        ax.plot(low["date"], low["million"], linestyle="none", marker="o", markersize=7,
                markerfacecolor="none", color=COLOURS["low"], label=t("storage.chart.mau_low"))
    ax.axhline(threshold_million, color="#555555", linestyle="--", linewidth=1,
               label=t("storage.chart.mau_threshold"))
    crossing = first_above(threshold_million)
    after, before = crossing["after"], crossing["before"]
    if after is not None:
        ax.annotate(
            t("storage.chart.mau_crossed", date=after["date"].date().isoformat(), value=f"{after['million']:g}",
              before_date=before["date"].date().isoformat() if before else "-",
              before_value=f"{before['million']:g}" if before else "-"),
            xy=(after["date"], after["million"]), xytext=(0.03, 0.93), textcoords="axes fraction",
            va="top", fontsize=8.5, arrowprops={"arrowstyle": "->", "color": "#333333"})
    ax.set_title(t("storage.chart.mau_title"))
    ax.set_ylabel(t("storage.chart.mau_ylabel"))
    ax.set_xlabel(t("storage.chart.mau_xlabel"))
    ax.set_ylim(0, series["million"].max() * 1.1)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    _note(fig, t("storage.chart.mau_note"))
    return fig


def _volume_values(result) -> list[float]:
    return [million_char_bytes(), result.text_bytes_per_day, result.media_bytes_per_day,
            video_bytes_per_day()]


def _volume_note(result) -> str:
    p = result.inputs
    return t("storage.chart.volume_note", users=format_count(p["users"]),
             messages=f"{p['messages_per_user']:g}", chars=f"{p['chars_per_message']:g}",
             bpc=f"{p['bytes_per_char']:g}", saving=f"{p['compression_pct']:g}")


def volume_chart(result: Estimate | None = None) -> Chart:
    """Bytes of a million-character novel, WeChat text and media per day (model), a day of video uploads.

    ``result`` is a :class:`course.storage.Estimate` (default: the model's defaults). The
    y axis is logarithmic: the bars differ by many powers of ten.

    >>> volume_chart().title == t("storage.chart.volume_title")
    True
    """
    return Chart(volume_figure(result))


def volume_figure(result: Estimate | None = None, *, width: float = 7.5, height: float = 4.2,
                  dpi: int = 100) -> Figure:
    """The figure of :func:`volume_chart`, ``width`` × ``height`` inches at ``dpi`` (the calculator draws it smaller).

    >>> fig = volume_figure()
    >>> fig.axes[0].get_yscale()
    'log'
    """
    result = estimate() if result is None else checks.instance(result, Estimate, "result")
    width, height = (checks.number(v, n, low=1, high=40) for v, n in ((width, "width"), (height, "height")))
    dpi = int(checks.number(dpi, "dpi", low=20, high=600))
    hours = figure_row("youtube_upload_hours_per_min_2019-05")["value"]
    mbps = figure_row("youtube_1080p_upload_bitrate_sdr")["value"]
    labels = [t("storage.chart.bar_novel"), t("storage.chart.bar_text_day"),
              t("storage.chart.bar_media_day"), t("storage.chart.bar_video_day", hours=hours, mbps=mbps)]
    colours = [COLOURS["novel"], COLOURS["text"], COLOURS["media"], COLOURS["video"]]
    fig = _new_figure(width, height, dpi)
    ax = fig.add_subplot()
    values = _volume_values(result)
    bars = ax.bar(range(4), [max(v, VOLUME_FLOOR) for v in values], color=colours, width=0.6)
    for bar, value in zip(bars, values):
        ax.text(bar.get_x() + bar.get_width() / 2, max(value, VOLUME_FLOOR) * 1.4, format_bytes(value),
                ha="center", va="bottom", fontsize=9)
    drive_tb = result.inputs["drive_tb"]
    ax.axhline(drive_tb * TB, color=COLOURS["drive"], linestyle=":", linewidth=1)
    ax.text(-0.45, drive_tb * TB * 1.3, t("storage.chart.drive_line", tb=f"{drive_tb:g}"),
            ha="left", va="bottom", fontsize=8, color="#444444")
    ax.set_xticks(range(4), labels, fontsize=8.5)
    ax.set_yscale("log")
    ax.set_ylim(VOLUME_FLOOR, VOLUME_CEILING)
    ax.set_yticks([10 ** (3 * i) for i in range(2, 7)], [f"1 {unit}" for unit in SI_UNITS[2:]])
    ax.minorticks_off()
    ax.set_ylabel(t("storage.chart.volume_ylabel"))
    ax.set_title(t("storage.chart.volume_title"), fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    fig.supxlabel(_volume_note(result), **NOTE_STYLE)
    fit_xticklabels(ax)                # long labels wrap rather than run into each other
    return fig


def update_volume_figure(fig: Figure, result: Estimate) -> None:
    """Set the bars, their labels and the footnote of a :func:`volume_figure` to ``result``, in place.

    >>> fig = volume_figure()
    >>> update_volume_figure(fig, estimate(users=0))
    >>> fig.axes[0].texts[1].get_text()
    '0 B'
    """
    _check_figure(fig)
    checks.instance(result, Estimate, "result")
    ax = fig.axes[0]
    values = _volume_values(result)
    for bar, text, value in zip(ax.patches, ax.texts, values):
        bar.set_height(min(max(value, VOLUME_FLOOR), VOLUME_CEILING))
        text.set_y(min(max(value, VOLUME_FLOOR), VOLUME_CEILING / 10) * 1.4)
        text.set_text(format_bytes(value))
    drive = result.inputs["drive_tb"] * TB
    ax.lines[0].set_ydata([drive, drive])
    ax.texts[4].set_y(drive * 1.3)
    ax.texts[4].set_text(t("storage.chart.drive_line", tb=f"{result.inputs['drive_tb']:g}"))
    fig.supxlabel(_volume_note(result), **NOTE_STYLE)


def volume_artists(fig: Figure) -> list:
    """The artists of a :func:`volume_figure` that :func:`update_volume_figure` changes (for fast redraws).

    >>> len(volume_artists(volume_figure()))      # 4 bars, 5 labels, the drive line, the note
    11
    """
    _check_figure(fig)
    ax = fig.axes[0]
    return [*ax.patches, *ax.texts, ax.lines[0], fig.texts[-1]]


def cost_chart(result: Estimate | None = None) -> Chart:
    """What keeping one year of text costs: drives bought once, cloud storage per month and for 12 months.

    >>> cost_chart().title == t("storage.chart.cost_title")
    True
    """
    return Chart(cost_figure(result))


def cost_figure(result: Estimate | None = None) -> Figure:
    """The figure of :func:`cost_chart`.

    >>> fig = cost_figure()
    >>> len(fig.axes[0].patches)
    3
    """
    result = estimate() if result is None else checks.instance(result, Estimate, "result")
    p = result.inputs
    year_drives = estimate(**{**p, "retention_days": DAYS_PER_YEAR}).drives
    values = [result.year_drive_cost_usd, result.year_cloud_usd_per_month, result.year_cloud_usd_per_month * 12]
    labels = [t("storage.chart.cost_drives", copies=f"{p['copies']:g}", drives=format_count(year_drives)),
              t("storage.chart.cost_cloud_month"), t("storage.chart.cost_cloud_year")]
    fig = _new_figure()
    ax = fig.add_subplot()
    bars = ax.bar(range(3), [max(v, 1e-2) for v in values],
                  color=[COLOURS["drive"], COLOURS["cloud"], COLOURS["cloud"]], width=0.55)
    for bar, value in zip(bars, values):
        ax.text(bar.get_x() + bar.get_width() / 2, max(value, 1e-2) * 1.3, format_usd(value),
                ha="center", va="bottom", fontsize=9)
    ax.set_xticks(range(3), labels, fontsize=9)
    ax.set_yscale("log")
    top = max(max(values), 1)
    ax.set_ylim(min(v for v in values if v > 0) / 20 if any(v > 0 for v in values) else 1e-2, top * 20)
    ax.set_ylabel(t("storage.chart.cost_ylabel"))
    ax.set_title(t("storage.chart.cost_title"))
    ax.grid(axis="y", alpha=0.3)
    drive_row = figure_row("backblaze_hdd_cost_2022_11")
    cloud_row = figure_row("aws_s3_standard_price")
    _note(fig, t("storage.chart.cost_note", volume=format_bytes(result.bytes_per_year),
                 drive_price=f"{p['drive_usd_per_gb']:g}", drive_as_of=drive_row["as_of"],
                 cloud_price=f"{p['cloud_usd_per_gb_month']:g}", cloud_as_of=cloud_row["as_of"]))
    fit_xticklabels(ax)
    return fig


def compression_chart(table: pd.DataFrame | None = None) -> Chart:
    """Bytes per character by encoding (groups) and algorithm (bars), measured on the law text.

    ``table`` is a :func:`course.storage.compression_table` (default: the Criminal Law).

    >>> chart = compression_chart(compression_table("聊天记录" * 3))     # 12 characters
    >>> "12" in chart.title
    True
    """
    return Chart(compression_figure(table))


def compression_figure(table: pd.DataFrame | None = None) -> Figure:
    """The figure of :func:`compression_chart`.

    >>> fig = compression_figure()
    >>> len(fig.axes[0].patches)
    12
    """
    import pandas as pd

    table = compression_table() if table is None else checks.instance(table, pd.DataFrame, "table")
    encodings = list(dict.fromkeys(table["encoding"]))
    algorithms = list(dict.fromkeys(table["algorithm"]))
    fig = _new_figure()
    ax = fig.add_subplot()
    width = 0.8 / len(algorithms)
    for i, algorithm in enumerate(algorithms):
        rows = table[table["algorithm"] == algorithm].set_index("encoding").loc[encodings]
        xs = [j + (i - (len(algorithms) - 1) / 2) * width for j in range(len(encodings))]
        label = t("storage.chart.algo_none") if algorithm == "-" else algorithm
        bars = ax.bar(xs, rows["bytes_per_char"], width=width * 0.95, label=label)
        ax.bar_label(bars, fmt="%.2f", fontsize=7.5, padding=1)
    ax.set_xticks(range(len(encodings)), encodings)
    ax.set_xlabel(t("storage.chart.compression_xlabel"))
    ax.set_ylabel(t("storage.chart.compression_ylabel"))
    ax.set_title(t("storage.chart.compression_title", chars=format_count(int(table["chars"].iloc[0]))),
                 fontsize=10.5)
    ax.set_ylim(0, float(table["bytes_per_char"].max()) * 1.15)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return fig

"""A chart as a notebook shows it (course.display.charts): the inline backend's PNG, and no figure kept."""
import gc
import os
import subprocess
import sys
import warnings
import weakref

import pytest
from IPython.core.formatters import DisplayFormatter
from IPython.core.pylabtools import print_figure
from matplotlib.figure import Figure

from course.display.charts import Chart, figure_title, img_html, render_png


def _figure(title="微信月活跃账户 − monthly active accounts", dpi=100):
    fig = Figure(figsize=(4, 2.5), dpi=dpi, layout="constrained")
    ax = fig.add_subplot()
    ax.bar(["网络安全法", "刑法"], [79, 452])
    ax.set_title(title)
    return fig


@pytest.mark.parametrize("dpi", [72, 100, 144])
def test_png_is_what_the_inline_backend_shows(dpi):
    from course.display.fonts import use_chinese_font

    use_chinese_font()
    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # a missing glyph warns: here it fails
        assert render_png(_figure(dpi=dpi)) == print_figure(_figure(dpi=dpi), "png", bbox_inches="tight")


def test_a_notebook_shows_the_png_only():
    chart = Chart(_figure())
    data, _metadata = DisplayFormatter().format(chart)
    assert data["image/png"] == chart.png and set(data) == {"image/png", "text/html", "text/plain"}
    # JupyterLab shows the HTML: the same PNG in an <img> whose alt says what the chart shows
    assert data["text/html"] == img_html(chart.png, chart.alt) and chart.title in chart.alt
    assert data["text/plain"] == "<Chart: 微信月活跃账户 − monthly active accounts>"


def test_the_chart_keeps_no_figure():
    fig = _figure()
    ref = weakref.ref(fig)
    chart = Chart(fig)
    del fig
    gc.collect()
    assert ref() is None and chart.png.startswith(b"\x89PNG")
    assert not hasattr(chart, "__dict__")                # png and title, nothing else


def test_a_pyplot_figure_is_closed():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2])
    Chart(fig)
    assert not plt.fignum_exists(fig.number)


def test_title_and_save(tmp_path):
    fig = Figure()
    fig.suptitle("总标题")
    fig.add_subplot().set_title("axes")
    assert figure_title(fig) == "总标题"
    assert figure_title(Figure()) == "" and repr(Chart(Figure(figsize=(1, 1)))) == "<Chart>"
    chart = Chart(_figure())
    assert chart.save(tmp_path / "c.png").read_bytes() == chart.png


RERUN = """
import gc
from IPython.core.interactiveshell import InteractiveShell
from matplotlib.figure import Figure
import course
from course import law
shell = InteractiveShell.instance()
course.set_language('en')
shell.push({'course': course})
for _ in range(3):
    for cell in ("course.storage.charts.mau_chart()", "course.claims.verdict_chart(by='type')",
                 "course.law.keyword_chart('csl', ['保存'], 2017)"):
        assert shell.run_cell(cell, store_history=True).success     # as a kernel runs a cell
gc.collect()
kept = [type(v).__name__ for v in shell.user_ns["Out"].values()]
print("kept:", sum(isinstance(o, Figure) for o in gc.get_objects()), len(kept), sorted(set(kept)))
"""


def test_cells_run_again_and_again_keep_no_figure():
    """In IPython, ``Out`` holds each cell's value: charts (PNG bytes), and not a single live figure."""
    run = subprocess.run([sys.executable, "-c", RERUN], capture_output=True, text=True, check=True,
                         env={**os.environ, "MPLBACKEND": "Agg"})
    assert run.stdout.splitlines()[-1] == "kept: 0 9 ['Chart']"


# -- nothing drawn over anything else: tick labels apart, legends off the bars ----------------

def _drawn(fig):
    """``fig`` drawn on an Agg canvas, as the notebook draws it; its renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from course.display.fonts import use_chinese_font

    use_chinese_font()
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _touching(boxes):
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]


def _storage_figures():
    from course import storage
    from course.storage import charts
    from course.widgets.calculator import Calculator

    calc = Calculator(users=1.2e9)          # its own small figure, laid out once and kept
    return {"calculator": calc._fig, "volume": charts.volume_figure(storage.estimate()),
            "cost": charts.cost_figure()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bar_labels_of_the_storage_charts_do_not_overlap(lang):
    from course.core.i18n import language

    with language(lang):
        figures = _storage_figures()
    for name, fig in figures.items():
        renderer = _drawn(fig)
        labels = [label for label in fig.axes[0].get_xticklabels() if label.get_text()]
        boxes = [label.get_window_extent(renderer) for label in labels]
        assert len(boxes) >= 3 and _touching(boxes) == [], \
            f"{lang} {name}: x labels overlap: {[labels[i].get_text() for pair in _touching(boxes) for i in pair]}"
        assert all(fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1) for box in boxes)


@pytest.mark.parametrize("by", ["type", "lesson"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_verdict_legend_covers_no_bar(by, lang):
    from course import claims

    fig = claims.verdict_figure(by=by, lang=lang)
    renderer = _drawn(fig)
    axes = fig.axes[0]
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend() is not None)]
    bars = [patch for patch in axes.patches if patch.get_width() > 0]
    assert len(legends) == 1 and len(bars) >= len(axes.get_yticks())
    legend = legends[0].get_window_extent(renderer)
    covered = [axes.get_yticklabels()[round(bar.get_y() + bar.get_height() / 2)].get_text()
               for bar in bars if bar.get_window_extent(renderer).overlaps(legend)]
    assert covered == [], f"the legend covers bars of: {sorted(set(covered))}"
    assert fig.bbox.contains(legend.x0, legend.y0) and fig.bbox.contains(legend.x1, legend.y1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_word_count_legend_covers_no_bar(lang):
    from course import law
    from course.core.i18n import language

    with language(lang):
        fig = law.keyword_figure("csl", ["保存", "留存"], "2017")
    renderer = _drawn(fig)
    bars = [patch for patch in fig.axes[0].patches if patch.get_height() > 0]
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend() is not None)]
    assert len(legends) == 1 and len(bars) >= 6
    legend = legends[0].get_window_extent(renderer)
    assert [bar for bar in bars if bar.get_window_extent(renderer).overlaps(legend)] == []
    assert fig.bbox.contains(legend.x0, legend.y0) and fig.bbox.contains(legend.x1, legend.y1)

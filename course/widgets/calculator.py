"""The storage calculator of lesson 02: change the model's inputs, see totals and a chart at once.

The arithmetic is :func:`course.storage.estimate`; this module only draws the controls.
Every input starts at its default from :func:`course.storage.defaults` (sourced figures
where there are any, labelled assumptions otherwise); the table of where each default
comes from sits under the controls. An input outside its range shows a message in the
notebook's language instead of a traceback, and the last valid result stays visible.

In a notebook::

    import course
    course.widgets.calculator()            # or calculator(users=1.2e9)

Widgets live until they are closed, so :func:`calculator` closes the calculator it made
before (its widgets and its figure): running the lesson again does not pile them up.
:meth:`Calculator.close` does the same for any one calculator.

Without widgets, the same object can be driven from code (used by the tests and the
benchmark):

>>> calc = Calculator(users=1.2e9, messages_per_user=40, chars_per_message=20)
>>> calc.total_text()
'2.88 TB'
>>> calc.set(chars_per_message=10)
>>> calc.total_text()
'1.44 TB'
>>> calc.set(compression_pct=150)
>>> calc.error != ""
True
>>> calc.close()
>>> calc.closed
True
"""
from __future__ import annotations

import html

from .. import storage
from ..core.i18n import t
from ..display.charts import canvas_png, figure_alt, img_html
from ..display.theme import jp, on_page
from .fit import CSS as FIT_CSS
from .fit import fit
from .lifetime import own, widget_tree

#: The colour of an input's error message (readable in JupyterLab Light and Dark).
ERROR_COLOUR = on_page(jp("--jp-error-color1", "#b00020"))

SLIDERS = {"compression_pct": 99, "media_share_pct": 100}    # percentages: sliders with these maxima
LABEL_WIDTH = "340px"      # a longer label wraps (see course.widgets.fit)
INPUT_WIDTH = "500px"      # the label and a 160px box


class Calculator:
    """The storage calculator: ``inputs`` (widgets by parameter name), ``result``, ``error``, ``widget``."""

    def __init__(self, **values):
        import ipywidgets as widgets

        self._w = widgets
        self.closed = False
        start = {**storage.defaults(), **values}
        storage.check_inputs(**values)              # a bad starting value is an error for the caller
        self.result = storage.estimate(**start)
        self.error = ""
        self.inputs = {name: self._make_input(name, start[name]) for name in storage.params()}
        self.total = widgets.HTML()
        self.total.add_class("calc-total")
        self.table = widgets.HTML()
        self.message = widgets.HTML()
        self.message.add_class("calc-error")
        # The chart is an <img alt> in an HTML widget: ipywidgets' Image has no alt text.
        self.image = widgets.HTML(layout=widgets.Layout(max_width="680px"))
        self.image.add_class("calc-chart")
        self.png = b""                              # the chart on show, as PNG
        self._fig, self._canvas = self._make_chart()
        reset = widgets.Button(description=t("calculator.reset"), icon="undo")
        self.start = dict(start)                    # what "reset" returns to: the cell's own values
        reset.on_click(lambda _button: self.set(**self.start))
        # A <details> list, not an Accordion: its summary is reached with Tab and opened with Enter.
        sources = widgets.HTML(f"<details class='calc-sources'><summary>{html.escape(t('calculator.sources'))}"
                               f"</summary>{self._sources_html()}</details>")
        sources_box = widgets.Box([sources])
        rows = [self._row(name) for name in storage.params()]
        self.widget = widgets.VBox([
            widgets.HTML(f"{FIT_CSS}<b>{html.escape(t('calculator.title'))}</b><br>"
                         f"<small>{html.escape(t('calculator.intro'))}</small>"),
            *rows, reset, self.message, self.total,
            widgets.HBox([self.table, self.image]), sources_box,
        ])
        fit(self.widget).add_class("storage-calculator")
        for name, control in self.inputs.items():
            control.observe(self._on_change, names="value")
        self.update()

    # -- building ---------------------------------------------------------------------------

    def _make_input(self, name: str, value: float):
        widgets = self._w
        # The label is the input's own description (a <label for=…>, its accessible name).
        # Percentages are number boxes with bounds: ipywidgets 8.1 gives a slider's handle no name.
        label = dict(description=storage.params()[name].label, style={"description_width": LABEL_WIDTH})
        if name in SLIDERS:
            control = widgets.BoundedFloatText(value=value, min=0, max=SLIDERS[name], step=1,
                                               layout=widgets.Layout(width=INPUT_WIDTH), **label)
        else:
            control = widgets.FloatText(value=value, layout=widgets.Layout(width=INPUT_WIDTH), **label)
        control.add_class(f"calc-input-{name}")
        return control

    def _row(self, name: str):
        widgets = self._w
        param = storage.params()[name]
        tag = t("calculator.assumption_tag") if param.basis == "assumption" else t(f"storage.basis.{param.basis}")
        unit = widgets.HTML(f"{html.escape(param.unit)} <small><i>({html.escape(tag)})</i></small>")
        return widgets.HBox([self.inputs[name], unit])

    def _make_chart(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        from ..storage.charts import volume_artists, volume_figure

        fig = volume_figure(self.result, width=6.8, height=3.8, dpi=72)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()                       # lay out once with the first values,
        fig.set_layout_engine("none")       # then keep that layout;
        self._moving = volume_artists(fig)  # draw the axes, ticks and titles once as a background,
        for artist in self._moving:         # and on each update only the bars, labels and note
            artist.set_animated(True)
        canvas.draw()
        self._background = canvas.copy_from_bbox(fig.bbox)
        return fig, canvas

    def _sources_html(self) -> str:
        return storage.default_sources().to_html(index=False, escape=True, border=0)

    # -- updating ---------------------------------------------------------------------------

    def values(self) -> dict:
        """The current inputs, as the widgets hold them."""
        return {name: control.value for name, control in self.inputs.items()}

    def set(self, **values) -> None:
        """Change inputs (as a learner would in the widgets) and update once.

        A bad value shows a message (as in the widget) instead of raising; nothing is changed then.
        """
        for name, value in values.items():
            if name not in self.inputs:
                self._show(t("storage.error.unknown_param", names=name, known=", ".join(self.inputs)))
                return
            try:
                storage.params()[name].check(value)
            except storage.StorageInputError as error:
                self._show(str(error))
                return
        self._hold = True
        try:
            for name, value in values.items():
                self.inputs[name].value = value
        finally:
            self._hold = False
        self.update()

    def _show(self, text: str) -> None:
        self.error = text
        self.message.value = f"<div role='alert' style='color:{ERROR_COLOUR}'>⚠ {html.escape(text)}</div>"

    _hold = False

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.update()

    def update(self) -> None:
        """Recompute from the widgets; show the totals and redraw the chart, or show what is wrong."""
        if self.closed:
            return
        try:
            result = storage.estimate(**self.values())
        except storage.StorageInputError as error:
            self._show(str(error))
            return
        self.error = ""
        self.message.value = ""
        self.result = result
        value = f"<b class='calc-total-value'>{html.escape(self.total_text())}</b>"
        self.total.value = f"<span style='font-size:1.3em'>{t('calculator.total', value=value)}</span>"
        self.table.value = storage.summary(result).to_html(index=False, header=False, border=0)
        self._redraw()

    def _redraw(self) -> None:
        from ..storage.charts import update_volume_figure

        update_volume_figure(self._fig, self.result)
        self._canvas.restore_region(self._background)
        for artist in self._moving:
            self._fig.draw_artist(artist)
        self.png = canvas_png(self._canvas)
        alt = t("calculator.chart_alt", alt=figure_alt(self._fig))
        self.image.value = img_html(self.png, alt).replace("<img ", '<img style="max-width:100%" ', 1)

    def total_text(self) -> str:
        """The total per day as the widget shows it: ``storage.format_bytes(result.bytes_per_day)``."""
        return storage.format_bytes(self.result.bytes_per_day)

    # -- closing ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close every widget of the calculator (the notebook removes it) and let its figure go.

        The inputs keep their last values and ``result`` stays; nothing updates any more.
        """
        if self.closed:
            return
        self.closed = True
        for widget in widget_tree(self.widget):
            widget.close()
        self.png, self.image.value = b"", ""
        self._fig = self._canvas = self._background = None
        self._moving = []

    def _repr_mimebundle_(self, **kwargs):
        if self.closed:
            return {"text/plain": t("calculator.closed")}
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        if self.closed:
            from IPython.display import display
            display({"text/plain": t("calculator.closed")}, raw=True)
            return
        from .rerun import show
        show(self.widget)


_latest: Calculator | None = None     # the calculator that calculator() made last


def calculator(**values) -> Calculator:
    """The storage calculator, starting from the defaults with ``values`` changed (e.g. ``users=1.2e9``).

    The calculator made by the previous call is closed first (a lesson run again shows a new one).

    >>> first = calculator()
    >>> second = calculator(users=1.2e9)
    >>> first.closed, second.closed
    (True, False)
    """
    global _latest
    if _latest is not None:
        _latest.close()
    _latest = own(Calculator(**values), **values)
    return _latest

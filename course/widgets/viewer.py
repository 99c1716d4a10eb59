"""The statute viewer widget: pick law, version and article; highlight; compare; count words.

Its state lives in plain widget values, and :meth:`StatuteViewer.render` turns them into
HTML with :mod:`course.law` (look-ups) and :mod:`course.display.statute_html` (HTML), so the
logic runs without a browser.

``viewer("csl", 47, "2017", term="保存", compare=True)`` opens on CSL 2017 Art. 47 with
"保存" marked and the 2026 text beside it (needs ipywidgets, i.e. a notebook).
"""
from __future__ import annotations

import html

from .. import law
from ..core import checks
from ..core.errors import CourseError
from ..core.i18n import t
from ..display import statute_html
from ..display.charts import Chart, img_html
from .fit import CSS as FIT_CSS
from .fit import fit
from .lifetime import own

CSL = "csl"


class StatuteViewer:
    """The statute viewer: ``StatuteViewer("csl", 21, "2017").widget`` (see :func:`viewer`)."""

    def __init__(self, law_id: str = CSL, article=21, version: str | int | None = "2017",
                 term: str = "", compare: bool = False, words: str = ""):
        import ipywidgets as w

        term, words = checks.text(term, "term", empty=True), checks.text(words, "words", empty=True)
        compare = bool(checks.number(compare, "compare", low=0, high=1)) if not isinstance(compare, bool) else compare
        lid = law.law_id(law_id, version)
        family = law.laws().loc[lid, "family"]
        lay = w.Layout(width="auto")
        self.law_box = w.Dropdown(options=law.families(), value=family, description=t("viewer.law"),
                                  layout=lay)
        self.version_box = w.Dropdown(options=law.versions(family), value=lid,
                                      description=t("viewer.version"), layout=lay)
        self.article_box = w.Text(value=str(article), description=t("viewer.article"),
                                  placeholder=t("viewer.article_placeholder"),
                                  continuous_update=False, layout=w.Layout(width="220px"))
        self.term_box = w.Text(value=term, description=t("viewer.search"),
                               placeholder=t("viewer.search_placeholder"),
                               continuous_update=False, layout=w.Layout(width="240px"))
        self.compare_box = w.ToggleButton(value=compare, description=t("viewer.compare"),
                                          tooltip=t("viewer.compare_tip"), icon="columns")
        self.words_box = w.Text(value=words, description=t("viewer.words"),
                                placeholder=t("viewer.words_placeholder"),
                                continuous_update=False, layout=w.Layout(width="320px"))
        self.count_button = w.Button(description=t("viewer.count"), icon="bar-chart")
        self.view = w.HTML()
        self.counter = w.HTML()
        # The chart is an <img alt> in an HTML widget: ipywidgets' Image has no alt text.
        self.chart = w.HTML(layout=w.Layout(max_width="100%", display="none"))
        self.png = b""                              # the count's chart on show, as PNG
        for box, name in ((self.law_box, "law"), (self.version_box, "version"),
                          (self.article_box, "article"), (self.term_box, "search"),
                          (self.compare_box, "compare"), (self.words_box, "words"),
                          (self.count_button, "count"), (self.view, "view"),
                          (self.counter, "counter"), (self.chart, "chart")):
            box.add_class(f"course-viewer-{name}")
        self.law_box.observe(self._on_law, names="value")
        for box in (self.version_box, self.article_box, self.term_box, self.compare_box):
            box.observe(lambda _change: self.refresh(), names="value")
        self.version_box.observe(self._recount, names="value")  # a count always follows the law shown
        self.words_box.observe(lambda _change: self.count(), names="value")
        self.count_button.on_click(lambda _button: self.count())
        self.widget = w.VBox([
            w.HBox([self.law_box, self.version_box, self.article_box]),
            w.HBox([self.term_box, self.compare_box]),
            self.view,
            w.HBox([self.words_box, self.count_button]),
            self.counter, self.chart,
        ])
        fit(self.widget).add_class("course-viewer")
        self.refresh()
        if words:
            self.count()

    def _ipython_display_(self) -> None:
        from .rerun import show
        show(self.widget)

    def _on_law(self, change) -> None:
        options = law.versions(change["new"])
        self.version_box.options = options
        self.version_box.value = options[-1][1]
        self.compare_box.disabled = change["new"] != CSL
        self.refresh()

    def _recount(self, _change) -> None:
        if self.counter.value:
            self.count()

    def render(self) -> str:
        """The HTML shown for the current choices (an error message if the article is wrong)."""
        lid = self.version_box.value
        self.compare_box.disabled = law.laws().loc[lid, "family"] != CSL
        try:
            prov = law.article(lid, self.article_box.value)
        except CourseError as error:
            return f'{statute_html.CSS}<div class="course-viewer-error">{html.escape(str(error))}</div>'
        term = self.term_box.value.strip() or None
        body = statute_html.article_html(prov, term)
        if self.compare_box.value and not self.compare_box.disabled:
            body += law.compare(prov.article.key, law.laws().loc[lid, "version"]).html(term=term)
        else:
            body += statute_html.notes_html(law.version_notes(prov.id))
        return statute_html.CSS + body

    def refresh(self) -> None:
        """Redraw the article view (with the rules that keep the viewer's labels whole)."""
        self.view.value = FIT_CSS + self.render()

    def count(self) -> None:
        """Count the words in the keyword box across the chosen law version; draw the chart."""
        words = law.split_words(self.words_box.value)
        if not words:
            self.counter.value, self.chart.value, self.png = "", "", b""
            self.chart.layout.display = "none"
            return
        lid = self.version_box.value
        table = law.keyword_table(lid, words)
        summary = t("viewer.count_summary", words="、".join(words), total=int(table["total"].sum()),
                    n=len(table), law=law.law_name(lid, short=True),
                    version=t("law.version_text", year=law.laws().loc[lid, "version"]))
        self.counter.value = statute_html.counter_html(table, summary)
        chart = Chart(law.keyword_figure(lid, words)) if len(table) else None
        self.png = chart.png if chart else b""
        self.chart.value = (img_html(chart.png, chart.alt).replace("<img ", '<img style="max-width:100%" ', 1)
                            if chart else "")
        self.chart.layout.display = "" if len(table) else "none"


def viewer(law_id: str = CSL, article: int | str = 21, version: str | int | None = "2017", term: str = "",
           compare: bool = False, words: str = "") -> StatuteViewer:
    """The statute viewer (its ``widget`` is what the notebook shows): see the module's description."""
    return own(StatuteViewer(law_id, article, version, term=term, compare=compare, words=words), law_id, article, version, term, compare, words)

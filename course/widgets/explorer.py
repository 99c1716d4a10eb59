"""The claim explorer: filter the article's claims, pick one, read its verdict and the law.

In a notebook::

    from course.widgets import ClaimExplorer
    ClaimExplorer()                    # or ClaimExplorer(lesson="03")

Three drop-downs filter by lesson, type and verdict; the list shows the claims
that match; the card shows the quote highlighted in its context in the article,
the verdict, the reasons, the provisions the article cites and the ones that
apply (looked up with :func:`course.law.by_id`, each with its citation),
sources and what remains uncertain. All the logic is in plain methods, so it is
tested without a browser; ``ipywidgets`` is imported only when the widget is built.

Stable hooks for browser tests: the box has class ``claim-explorer``; the filters
``claim-explorer-lesson``, ``claim-explorer-type``, ``claim-explorer-verdict``;
the list ``claim-explorer-claims``; the card is ``div.claim-card[data-claim]``
with ``.claim-verdict[data-verdict]``, ``.claim-reasons``, ``mark.claim-quote``
and one ``.claim-provision[data-id]`` per provision shown.

>>> ex = ClaimExplorer(build=False)
>>> ex.set_filters(lesson="03", verdict="misattributed")
['C08']
>>> 'data-verdict="misattributed"' in ex.card_html("C08")
True
"""
from __future__ import annotations

import html
import re

import pandas as pd

from .. import claims as claims_mod
from .. import law
from ..core import checks
from ..core.i18n import get_language, pick, t
from ..display.statute_html import translation_html
from ..display.theme import badge_style
from ..storage.figures import figures, reliability_label
from .lifetime import own

ALL = ""
FILTERS = ("lesson", "type", "verdict")
_REF = re.compile(r"〔([^〕]+)〕")
IN_FORCE_KEYS = {"yes": "explorer.in_force_yes", "no": "explorer.in_force_no", "n.a.": "explorer.in_force_na"}


def _esc(text: str) -> str:
    return html.escape(text or "").replace("\n", "<br>")


def _with_refs(text: str) -> str:
    """Escape text and show ``〔law-id:article〕`` markers as code."""
    return _REF.sub(lambda m: f"<code>〔{m.group(1)}〕</code>", _esc(text))


class ClaimExplorer:
    """Filter the claims by lesson, type and verdict; show one claim with its verdict and the law.

    ``build=False`` skips the widgets (for scripts and tests); everything else works the same.
    """

    def __init__(self, lesson: str | None = None, type: str | None = None,  # noqa: A002
                 verdict: str | None = None, claim: str | None = None, *, build: bool = True,
                 width: int = 80):
        self.width = width
        self.filters = {"lesson": ALL, "type": ALL, "verdict": ALL}
        self.selected: str | None = None
        self.widget = None
        if build:
            self._build()
        self.set_filters(lesson=lesson, type=type, verdict=verdict)
        if claim:
            self.select(claim)
        if build:
            own(self, lesson, type, verdict, claim)     # closes this cell's explorer of an earlier run

    # -- logic (no widgets) ---------------------------------------------------
    def filtered(self) -> pd.DataFrame:
        """The claims that match the current filters, in article order."""
        table = claims_mod.claims()
        for column, value in self.filters.items():
            if value:
                table = table[table[column] == value]
        return table

    def set_filters(self, lesson=None, type=None, verdict=None) -> list[str]:  # noqa: A002
        """Set any of the three filters (``""`` or ``None`` = all); returns the matching ids."""
        values = {"lesson": checks.lesson(lesson, claims_mod.LESSONS) if lesson else ALL, "type": type or ALL,
                  "verdict": verdict or ALL}
        if values["type"]:
            claims_mod.type_label(values["type"])          # a clear error for an unknown type
        if values["verdict"]:
            claims_mod.verdict_label(values["verdict"])    # and for an unknown verdict
        self.filters.update(values)
        if self.widget is not None:
            for name in FILTERS:
                self._dropdowns[name].value = self.filters[name]
        return self._refresh()

    def select(self, claim_id: str | None) -> str:
        """Show claim ``claim_id`` (it need not match the filters); returns the card's HTML."""
        if claim_id is not None:
            claims_mod.claim(claim_id)                     # a clear error for an unknown id
        self.selected = claim_id
        if self.widget is not None:
            if claim_id in [value for _, value in self._list.options]:
                self._list.value = claim_id
            self._card.value = self.card_html(claim_id) if claim_id else self._empty_html()
        return self.card_html(claim_id) if claim_id else self._empty_html()

    def options(self) -> list[tuple[str, str]]:
        """(label, id) pairs for the claim list: ``"C08 · 还有第二十条规定…"``."""
        return [(f"{cid} · {self._short(row['quote'])}", cid) for cid, row in self.filtered().iterrows()]

    @staticmethod
    def _short(quote: str, n: int = 28) -> str:
        quote = " ".join(quote.split())
        return quote if len(quote) <= n else quote[:n] + "…"

    def _refresh(self) -> list[str]:
        ids = list(self.filtered().index)
        if self.selected not in ids:
            self.selected = ids[0] if ids else None
        if self.widget is not None:
            self._updating = True
            try:
                self._list.options = self.options()
                self._list.value = self.selected
            finally:
                self._updating = False
            self._count.value = self._count_html(len(ids))
            self._card.value = self.card_html(self.selected) if self.selected else self._empty_html()
        return ids

    # -- HTML -----------------------------------------------------------------
    def _count_html(self, n: int) -> str:
        return f'<span class="claim-explorer-count" data-count="{n}">{_esc(t("explorer.count", n=n))}</span>'

    def _empty_html(self) -> str:
        return f'<div class="claim-card claim-empty">{_esc(t("explorer.none"))}</div>'

    def card_html(self, claim_id: str, lang: str | None = None) -> str:
        """The card of one claim as HTML (escaped; law text looked up, never typed)."""
        lang = lang or get_language()
        row = claims_mod.claim(claim_id)
        colour = claims_mod.verdicts().loc[row["verdict"], "color"]
        parts = [
            f'<div class="claim-card" data-claim="{claim_id}" lang="{lang}" '
            f'style="border-left:5px solid {colour};padding:6px 12px;line-height:1.6">',
            f'<div class="claim-head"><b>{claim_id}</b> · '
            f'{_esc(claims_mod.lesson_label(row["lesson"], lang))} · '
            f'<span class="claim-type" data-type="{row["type"]}">{_esc(claims_mod.type_label(row["type"], lang))}</span></div>',
            f'<blockquote class="claim-context" style="margin:6px 0;padding:4px 10px;background:var(--jp-layout-color2, #f6f8fa);color:var(--jp-content-font-color1, #000)">'
            f'{claims_mod.quote_html(claim_id, self.width)}</blockquote>',
            f'<div class="claim-summary"><i>{_esc(pick(row["summary_zh"], row["summary_en"], lang))}</i></div>',
            f'<div>{_esc(t("explorer.verdict", lang))}: <span class="claim-verdict" data-verdict="{row["verdict"]}" '
            f'style="{badge_style(colour)}">'
            f'{_esc(claims_mod.verdict_label(row["verdict"], lang))}</span> '
            f'<small>{_esc(claims_mod.verdict_definition(row["verdict"], lang))}</small></div>',
            f'<div class="claim-reasons"><b>{_esc(t("explorer.reasons", lang))}</b> '
            f'{_with_refs(pick(row["reasons_zh"], row["reasons_en"], lang))}</div>',
            self._version_html(row, lang),
            self._provisions_html(row, lang),
            self._sources_html(row, lang),
            f'<div class="claim-uncertain"><b>{_esc(t("explorer.uncertain", lang))}</b> '
            f'{_esc(pick(row["uncertain_zh"], row["uncertain_en"], lang))}</div>',
            "</div>",
        ]
        return "".join(p for p in parts if p)

    def _version_html(self, row: pd.Series, lang: str) -> str:
        bits = []
        if row["cites"]:
            bits.append(f'{_esc(t("explorer.article_cites", lang))}: {_esc(row["cites"])}')
        relied = row["relied_version"]
        if relied:
            if relied in law.laws().index:
                name = law.law_name(relied, lang) + pick("（", " (", lang) + \
                    t("law.version_text", lang, year=law.laws().loc[relied, "version"]) + pick("）", ")", lang)
            else:
                name = claims_mod.sources(lang=lang).loc[relied, "title"]
            bits.append(f'{_esc(t("explorer.relied", lang))}: {_esc(name)}')
        if row["in_force_today"] != "n.a.":
            bits.append(f'{_esc(t("explorer.in_force", lang))}: '
                        f'<span class="claim-in-force" data-in-force="{row["in_force_today"]}">'
                        f'{_esc(t(IN_FORCE_KEYS[row["in_force_today"]], lang))}</span>')
        return f'<div class="claim-version">{" · ".join(bits)}</div>' if bits else ""

    def _provisions_html(self, row: pd.Series, lang: str) -> str:
        sections, shown = [], set()
        for column, key in (("cited_ids", "explorer.cited"), ("applies_ids", "explorer.applies"),
                            ("current_ids", "explorer.current")):
            ids = [i for i in claims_mod.split_ids(row[column]) if i not in shown]
            if not ids:
                continue
            shown.update(ids)
            items = "".join(self._provision_html(i, lang) for i in ids)
            sections.append(f'<details class="claim-provisions" data-role="{column}" open>'
                            f'<summary><b>{_esc(t(key, lang))}</b></summary>{items}</details>')
        return "".join(sections)

    @staticmethod
    def _provision_html(article_id: str, lang: str) -> str:
        provision = law.by_id(article_id)
        return (f'<div class="claim-provision" data-id="{article_id}" style="margin:4px 0 8px 0">'
                f'<div class="claim-citation"><b>{_esc(provision.citation(lang))}</b> '
                f'<small>({_esc(law.status(provision.law, lang))})</small></div>'
                f'<div class="claim-law-text" style="white-space:pre-wrap;font-size:92%">'
                f'{html.escape(provision.text)}</div>{translation_html(provision, lang)}</div>')

    @staticmethod
    def _sources_html(row: pd.Series, lang: str) -> str:
        items = []
        src = claims_mod.sources(lang=lang)
        for sid in claims_mod.split_ids(row["source_ids"]):
            s = src.loc[sid]
            title = _esc(s["title"])
            if s["url"].startswith("http"):
                title = f'<a href="{html.escape(s["url"])}" target="_blank" rel="noopener">{title}</a>'
            meta = " · ".join(x for x in (s["date"], reliability_label(s["reliability"], lang)) if x)
            items.append(f'<li class="claim-source" data-id="{sid}">{title} <small>({_esc(meta)})</small></li>')
        figs = figures(lang)
        for key in claims_mod.split_ids(row["figure_keys"]):
            f = figs.loc[key]
            items.append(f'<li class="claim-figure" data-key="{key}"><code>{_esc(key)}</code> = '
                         f'{_esc(f["value"])} {_esc(f["unit"])} <small>({_esc(f["as_of"])} · '
                         f'{_esc(reliability_label(f["reliability"], lang))})</small></li>')
        if not items:
            return ""
        return (f'<div class="claim-sources"><b>{_esc(t("explorer.sources", lang))}</b>'
                f'<ul style="margin:2px 0">{"".join(items)}</ul></div>')

    # -- widgets --------------------------------------------------------------
    def _build(self) -> None:
        import ipywidgets as widgets

        self._updating = False
        self._dropdowns = {}
        choices = {
            "lesson": [(claims_mod.lesson_label(k), k) for k in sorted(set(claims_mod.claims()["lesson"]))],
            "type": [(claims_mod.type_label(k), k) for k in claims_mod.TYPES],
            "verdict": [(claims_mod.verdict_label(k), k) for k in claims_mod.verdicts().index],
        }
        for name in FILTERS:
            dropdown = widgets.Dropdown(options=[(t("explorer.all"), ALL), *choices[name]], value=ALL,
                                        description=t(f"explorer.filter.{name}"),
                                        layout=widgets.Layout(width="auto"),
                                        style={"description_width": "initial"})
            dropdown.add_class(f"claim-explorer-{name}")
            dropdown.observe(self._on_filter, names="value")
            self._dropdowns[name] = dropdown
        self._list = widgets.Select(options=[], rows=8, description=t("explorer.list"),
                                    style={"description_width": "initial"}, layout=widgets.Layout(width="100%"))
        self._list.add_class("claim-explorer-claims")
        self._list.observe(self._on_select, names="value")
        self._count = widgets.HTML()
        self._card = widgets.HTML(layout=widgets.Layout(width="100%"))
        self._card.add_class("claim-explorer-card")
        self.widget = widgets.VBox([widgets.HBox(list(self._dropdowns.values())), self._count,
                                    self._list, self._card])
        self.widget.add_class("claim-explorer")

    def _on_filter(self, change) -> None:
        if self._updating:
            return
        name = next(k for k, d in self._dropdowns.items() if d is change["owner"])
        self.filters[name] = change["new"] or ALL
        self._refresh()

    def _on_select(self, change) -> None:
        if self._updating or change["new"] is None:
            return
        self.selected = change["new"]
        self._card.value = self.card_html(self.selected)

    def _repr_mimebundle_(self, **kwargs):
        if self.widget is None:
            return {"text/html": self.card_html(self.selected) if self.selected else self._empty_html()}
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        if self.widget is None:
            from IPython.display import HTML, display
            display(HTML(self._repr_mimebundle_()["text/html"]))
            return
        from .rerun import show
        show(self.widget)


def explore(lesson: str | None = None, **filters) -> ClaimExplorer:
    """A claim explorer, optionally pre-filtered: ``explore("05")``, ``explore(verdict="outdated")``."""
    for name in filters:
        checks.known(name, "filter", ("type", "verdict", "claim", "width"))
    return ClaimExplorer(lesson=lesson, **filters)

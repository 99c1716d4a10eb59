"""The statute viewer: look an article up, highlight a word, compare versions, count words.

Everything the widget shows is built by plain functions that return HTML or tables,
so it can be used (and tested) without a browser. The text always comes from the
law files through :mod:`course.statutes`; nothing here is typed.

>>> from course import set_language
>>> _ = set_language("en")
>>> parse_article("第二十一条"), parse_article(" Art. 253-1 ")
((21, 0), (253, 1))
>>> highlight("保存有关记录", "记录")
'保存有关<mark class="course-mark">记录</mark>'
>>> [r.new for r in counterparts("csl-2017:68")]      # old Art. 68 is Art. 69 since 2026
[69]
>>> sorted(r.old for r in counterparts("csl-2026:71"))   # three old articles merged into 71
[64, 66, 70]
>>> segments("违反本法第四十七条", "违反本法第四十九条")
[('equal', '违反本法第四十', '违反本法第四十'), ('replace', '七', '九'), ('equal', '条', '条')]
>>> int(keyword_table("csl", ["保存", "留存"], "2017")["total"].sum())
6

The widget itself: ``viewer("csl", 21, "2017")`` (needs ipywidgets, i.e. a notebook).
"""
from __future__ import annotations

import base64
import difflib
import html
import io
import re
from dataclasses import dataclass

import pandas as pd

from . import statutes, tables
from .charts import Chart
from .i18n import CourseError, pick, t

CSL = "csl"
CSS = """<style>
.course-statute {border-left: 3px solid #5b7db1; padding: 4px 10px; margin: 4px 0;}
.course-statute-citation {font-weight: bold;}
.course-statute-number {color: #555; font-size: 90%;}
.course-statute-text {white-space: pre-wrap; line-height: 1.6;}
.course-statute-status, .course-statute-note {color: #666; font-size: 90%; font-style: italic;}
.course-compare table {border-collapse: collapse; width: 100%; table-layout: fixed;}
.course-compare td, .course-compare th {vertical-align: top; border: 1px solid #ccc; padding: 6px;
  text-align: left;}
.course-compare .course-statute-text {white-space: pre-wrap;}
.course-compare del {background: #fdd; color: #900;}
.course-compare ins {background: #dfd; color: #060; text-decoration: none;}
mark.course-mark {background: #ff0;}
</style>"""


# --------------------------------------------------------------------------- look-ups

def parse_article(value) -> tuple[int, int]:
    """Read what a learner typed as an article number: ``21``, ``"第二十一条"``, ``"Art. 21"``.

    >>> parse_article("Article 47"), parse_article("253之一")
    ((47, 0), (253, 1))
    """
    if isinstance(value, str):
        text = re.sub(r"^\s*(?:art(?:icle)?\.?)\s*", "", value.strip(), flags=re.IGNORECASE)
        text = re.sub(r"^(\d+)\s*之\s*(\d+)$", r"\1-\2", text.replace(" ", ""))
        text = re.sub(r"^(\d+)之([一二三四五六七八九十])$",
                      lambda m: f"{m.group(1)}-{'一二三四五六七八九十'.index(m.group(2)) + 1}", text)
        value = text
    return statutes.parse_number(value)


def families(lang: str | None = None) -> list[tuple[str, str]]:
    """``(label, family)`` for every law whose text is cut into articles, in ``laws.csv`` order.

    >>> ("Cybersecurity Law", "csl") in families("en")
    True
    """
    table = tables.laws().loc[tables.article_laws()]
    seen: dict[str, str] = {}
    for row in table.itertuples():
        seen.setdefault(row.family, pick(row.short_zh, row.short_en, lang))
    return [(label, family) for family, label in seen.items()]


def versions(family: str, lang: str | None = None) -> list[tuple[str, str]]:
    """``(label, law id)`` for each version of a law family, oldest first.

    >>> [law for _, law in versions("csl")]
    ['csl-2017', 'csl-2026']
    """
    table = tables.laws().loc[tables.article_laws()]
    rows = table[table["family"] == family].sort_values("in_force_from")
    if rows.empty:
        raise CourseError(t("law.unknown", law=family, known=", ".join(f for _, f in families())))
    return [(t("law.version_text", lang, year=row.version), row.id) for row in rows.itertuples()]


def provision(law: str, number, version: str | int | None = None) -> statutes.Provision:
    """Like :func:`course.statutes.article`, but reading the number as :func:`parse_article` does."""
    number, sub = parse_article(number)
    return statutes.article(law, f"{number}-{sub}" if sub else number, version)


# --------------------------------------------------------------------------- renumbering

@dataclass(frozen=True)
class MapRow:
    """One row of the Cybersecurity Law's article map (``data/laws/cybersecurity-law-article-map.csv``)."""

    old: int | None
    new: int | None
    change: str
    basis: str
    decision_item: str
    naive: int | None
    naive_correct: str

    @property
    def kind(self) -> str:
        """What happened to the text: unchanged, renumbered, renumbered_xref, amended, merged or new."""
        change = self.change
        if change.startswith("new article"):
            return "new"
        if change.startswith("merged"):
            return "merged"
        if change.startswith("amended"):
            return "amended"
        if "cross-reference" in change and change.startswith("renumbered"):
            return "renumbered_xref"
        if "renumbered" in change:
            return "renumbered"
        return "unchanged"

    @property
    def inferred(self) -> bool:
        """True where the decision does not state the move itself (the map says "inferred")."""
        return self.basis.startswith("inferred")

    def describe(self, lang: str | None = None) -> str:
        """One line: old → new, what changed, and on what basis (inferred moves say so)."""
        old = t("viewer.old_article", lang, n=self.old) if self.old else t("viewer.no_old", lang)
        new = t("viewer.new_article", lang, n=self.new) if self.new else t("viewer.no_new", lang)
        return t("viewer.map_line", lang, old=old, new=new, kind=t(f"viewer.kind_{self.kind}", lang),
                 basis=_basis(self, lang))


def _row(record) -> MapRow:
    def num(value):
        return None if pd.isna(value) else int(value)
    return MapRow(old=num(record["old_article_2017"]), new=num(record["new_article_2026"]),
                  change=record["change"], basis=record["basis"],
                  decision_item=record["decision_item"] or "", naive=num(record["naive_offset_number"]),
                  naive_correct=record["naive_offset_correct"] or "")


def map_rows() -> list[MapRow]:
    """Every row of the article map, in file order.

    >>> len(map_rows())
    83
    """
    return [_row(record) for _, record in tables.article_map().iterrows()]


def counterparts(article_id: str) -> list[MapRow]:
    """The map rows linking a Cybersecurity Law article to the other version.

    For a 2017 article: the row(s) giving its 2026 number. For a 2026 article: every
    old article that went into it (a merged article has several). Other laws: ``[]``.
    """
    law, _, key = article_id.partition(":")
    if tables.laws().loc[law, "family"] != CSL:
        return []
    number, _ = parse_article(key)
    column = "old" if tables.laws().loc[law, "version"] == "2017" else "new"
    return [row for row in map_rows() if getattr(row, column) == number]


def renumbering(old_numbers=None) -> pd.DataFrame:
    """The map as a table for learners: 2017 and 2026 numbers, what changed, basis, naive "+2".

    >>> renumbering([21, 41, 47, 68])[["2017", "2026"]].values.tolist()
    [[21, 23], [41, 43], [47, 49], [68, 69]]
    """
    rows = map_rows()
    if old_numbers is not None:
        wanted = [parse_article(n)[0] for n in old_numbers]
        rows = [row for n in wanted for row in rows if row.old == n]
    records = [{"2017": row.old, "2026": row.new, "change": t(f"viewer.kind_{row.kind}"),
                "basis": _basis(row), "naive": row.naive, "naive_ok": row.naive_correct,
                "note": row.change} for row in rows]
    table = pd.DataFrame.from_records(records, columns=["2017", "2026", "change", "basis",
                                                        "naive", "naive_ok", "note"])
    for column in ("2017", "2026", "naive"):
        table[column] = table[column].astype("Int64")
    return table.rename(columns={c: t(f"viewer.col_{c}") for c in table.columns[2:]})


def _basis(row: MapRow, lang: str | None = None) -> str:
    if row.inferred:
        return t("viewer.basis_inferred", lang)
    if row.basis.startswith("explicit"):
        return t("viewer.basis_explicit", lang, item=row.decision_item)
    return t("viewer.basis_unchanged", lang)


# --------------------------------------------------------------------------- HTML pieces

def highlight(text: str, term: str | None) -> str:
    """``text`` as HTML (escaped) with every occurrence of ``term`` in ``<mark>``."""
    if not term:
        return html.escape(text)
    marked = f'<mark class="course-mark">{html.escape(term)}</mark>'
    return marked.join(html.escape(part) for part in text.split(term))


def _text_html(text: str) -> str:
    return text.replace("\n", "<br>")


def article_html(prov: statutes.Provision, term: str | None = None, lang: str | None = None) -> str:
    """One article as HTML: citation, number, text (``term`` marked), status.

    Stable hooks for tests: ``.course-statute[data-article-id]``, ``.course-statute-citation``,
    ``.course-statute-number``, ``.course-statute-text``.

    >>> "data-article-id=\\"csl-2017:21\\"" in article_html(statutes.by_id("csl-2017:21"))
    True
    """
    art = prov.article
    hits = prov.text.count(term) if term else 0
    note = (f'<div class="course-statute-note" data-hits="{hits}">'
            f'{html.escape(t("viewer.hits", lang, term=term, n=hits))}</div>') if term else ""
    return (f'<div class="course-statute" data-article-id="{art.id}" data-law="{art.law}" '
            f'data-number="{art.key}">'
            f'<div class="course-statute-citation">{html.escape(prov.citation(lang))}</div>'
            f'<div class="course-statute-number">{html.escape(art.label)}</div>'
            f'<div class="course-statute-text">{_text_html(highlight(prov.text, term))}</div>'
            f'{note}<div class="course-statute-status">{html.escape(statutes.status(art.law, lang))}</div>'
            f'</div>')


def version_note(article_id: str, lang: str | None = None) -> str:
    """A warning where the same number holds a different rule in the other CSL version.

    >>> "Art. 23" in version_note("csl-2026:21", lang="en")
    True
    """
    law, _, key = article_id.partition(":")
    if tables.laws().loc[law, "family"] != CSL:
        return ""
    number, _ = parse_article(key)
    other = "csl-2026" if law == "csl-2017" else "csl-2017"
    same_number_rows = counterparts(f"{other}:{number}")
    here = counterparts(article_id)
    lines = [row.describe(lang) for row in here] or [t("viewer.no_counterpart", lang)]
    moved = [row for row in same_number_rows if row.old != row.new]
    if moved and law == "csl-2026":
        lines.append(t("viewer.number_moved_2026", lang, n=number,
                       new=", ".join(str(row.new) for row in moved if row.new)
                       or t("viewer.no_new", lang)))
    elif moved and law == "csl-2017":
        olds = ", ".join(str(row.old) for row in moved if row.old)
        lines.append(t("viewer.number_moved_2017", lang, n=number, old=olds) if olds
                     else t("viewer.number_new_2026", lang, n=number))
    return "".join(f'<div class="course-statute-note course-map-note">{html.escape(line)}</div>'
                   for line in lines)


# --------------------------------------------------------------------------- comparison

def segments(old: str, new: str) -> list[tuple[str, str, str]]:
    """Character diff of two texts: ``(tag, old part, new part)``, tag equal/delete/insert/replace."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def diff_html(old: str, new: str) -> tuple[str, str]:
    """The two texts as HTML: deletions in ``<del>`` (left), insertions in ``<ins>`` (right).

    >>> diff_html("处十万元", "处五十万元")
    ('处十万元', '处<ins>五</ins>十万元')
    """
    left, right = [], []
    for tag, a, b in segments(old, new):
        if tag == "equal":
            left.append(html.escape(a))
            right.append(html.escape(b))
            continue
        if a:
            left.append(f"<del>{html.escape(a)}</del>")
        if b:
            right.append(f"<ins>{html.escape(b)}</ins>")
    return _text_html("".join(left)), _text_html("".join(right))


@dataclass(frozen=True)
class Comparison:
    """The 2017 and 2026 text of one Cybersecurity Law rule, side by side."""

    old: tuple[statutes.Provision, ...]
    new: tuple[statutes.Provision, ...]
    rows: tuple[MapRow, ...]

    @property
    def old_text(self) -> str:
        return "\n".join(p.text for p in self.old)

    @property
    def new_text(self) -> str:
        return "\n".join(p.text for p in self.new)

    @property
    def unchanged(self) -> bool:
        """Whether the words are the same (whitespace and punctuation width ignored)."""
        return statutes.normalise(self.old_text) == statutes.normalise(self.new_text)

    def html(self, lang: str | None = None) -> str:
        """A two-column table; the map rows and their basis underneath."""
        left, right = diff_html(self.old_text, self.new_text)
        head_old = " + ".join(html.escape(p.citation(lang)) for p in self.old) or t("viewer.no_old", lang)
        head_new = " + ".join(html.escape(p.citation(lang)) for p in self.new) or t("viewer.no_new", lang)
        ids_old = " ".join(p.id for p in self.old)
        ids_new = " ".join(p.id for p in self.new)
        notes = "".join(f'<li class="course-map-note">{html.escape(row.describe(lang))}</li>'
                        for row in self.rows)
        legend = html.escape(t("viewer.legend", lang))
        same = f'<p class="course-statute-note">{html.escape(t("viewer.same_words", lang))}</p>' \
            if self.unchanged else ""
        return (f'{CSS}<div class="course-compare">'
                f'<table><tr><th class="course-compare-old-head" data-ids="{ids_old}">{head_old}</th>'
                f'<th class="course-compare-new-head" data-ids="{ids_new}">{head_new}</th></tr>'
                f'<tr><td class="course-compare-old"><div class="course-statute-text">{left}</div></td>'
                f'<td class="course-compare-new"><div class="course-statute-text">{right}</div></td></tr>'
                f'</table>{same}<p class="course-statute-note">{legend}</p><ul>{notes}</ul></div>')

    def __repr__(self) -> str:
        old = " + ".join(p.id for p in self.old) or "-"
        new = " + ".join(p.id for p in self.new) or "-"
        return f"Comparison({old} → {new})"

    def _repr_html_(self) -> str:
        return self.html()


def compare(number, version: str | int = "2017") -> Comparison:
    """The Cybersecurity Law rule numbered ``number`` in ``version``, 2017 text beside 2026 text.

    >>> c = compare(47)
    >>> [p.id for p in c.old], [p.id for p in c.new], c.unchanged
    (['csl-2017:47'], ['csl-2026:49'], True)
    >>> [p.id for p in compare(71, "2026").old]
    ['csl-2017:64', 'csl-2017:66', 'csl-2017:70']
    """
    lid = statutes.law_id(CSL, version)
    here = provision(CSL, number, version)
    rows = counterparts(here.id)
    if lid == "csl-2017":
        old = (here,)
        new = tuple(statutes.article(CSL, n, "2026") for n in dict.fromkeys(r.new for r in rows if r.new))
    else:
        new = (here,)
        old = tuple(statutes.article(CSL, n, "2017") for n in sorted({r.old for r in rows if r.old}))
    return Comparison(old=old, new=new, rows=tuple(rows))


# --------------------------------------------------------------------------- keyword counter

def split_words(text: str) -> list[str]:
    """Words typed in one box: separated by spaces, commas or 、.

    >>> split_words("保存、留存, 记录")
    ['保存', '留存', '记录']
    """
    return [w for w in re.split(r"[\s,，、;；]+", text or "") if w]


def keyword_table(law: str, words, version: str | int | None = None) -> pd.DataFrame:
    """Occurrences of each word in each article of a law, plus ``total``; articles without any left out.

    Indexed by article number (``"253-1"`` style keys). Uses :func:`course.statutes.count_word`.

    >>> keyword_table("csl", ["保存", "留存"], "2017").index.tolist()
    ['21', '41', '47', '48', '50', '68']
    """
    words = split_words(words) if isinstance(words, str) else list(words)
    lid = statutes.law_id(law, version)
    keys = [a.key for a in tables.parsed(lid).articles]
    table = pd.DataFrame(0, index=pd.Index(keys, name=t("viewer.col_article")), columns=words,
                         dtype="int64")
    for word in words:
        counts = statutes.count_word(lid, word)
        for row in counts.itertuples():
            table.loc[row.id.partition(":")[2], word] = int(row.count)
    table["total"] = table[words].sum(axis=1) if words else 0
    return table[table["total"] > 0]


def count_readings(readings: dict, law: str = CSL, versions_=("2017", "2026")) -> pd.DataFrame:
    """How many places each *reading* of a phrase finds: a reading is a list of words.

    One row per reading; for each version, the occurrences and the articles they are in.

    >>> [str(v) for v in count_readings({"保存 + 留存": ["保存", "留存"]}).iloc[0]]
    ['6', '21, 41, 47, 48, 50, 68', '7', '23, 43, 49, 50, 52, 69']
    """
    records = []
    for name, words in readings.items():
        record = {"reading": name}
        for version in versions_:
            table = keyword_table(law, words, version)
            record[t("viewer.col_places", version=version)] = int(table["total"].sum())
            record[t("viewer.col_articles", version=version)] = ", ".join(table.index)
        records.append(record)
    return pd.DataFrame.from_records(records).set_index("reading").rename_axis(t("viewer.col_reading"))


def search_laws(words, laws=None) -> pd.DataFrame:
    """Every article, in every law (or in ``laws``), that contains *all* the given words.

    Matching ignores whitespace and punctuation width (like :func:`course.statutes.contains`).
    Columns: ``id``, ``citation``, and one count per word.

    >>> search_laws(["网络日志", "六个月"])["id"].tolist()
    ['csl-2017:21', 'csl-2026:23']
    """
    words = [words] if isinstance(words, str) else list(words)
    wanted = [statutes.normalise(word) for word in words]
    chosen = [statutes.law_id(law) for law in laws] if laws else tables.article_laws()
    records = []
    for lid in chosen:
        for art in tables.parsed(lid).articles:
            text = statutes.normalise(art.text)
            if all(word in text for word in wanted):
                record = {"id": art.id, "citation": statutes.article(lid, art.key).citation()}
                record.update({_short(word): text.count(norm) for word, norm in zip(words, wanted)})
                records.append(record)
    return pd.DataFrame.from_records(records, columns=["id", "citation", *map(_short, words)])


def _short(word: str, width: int = 10) -> str:
    """A column label for a searched phrase: long phrases are cut with “…”."""
    return word if len(word) <= width else word[:width - 1] + "…"


def keyword_chart(law: str, words, version: str | int | None = None) -> Chart:
    """A bar chart of :func:`keyword_table`: one bar per article, stacked by word (a :class:`~course.charts.Chart`).

    >>> chart = keyword_chart("csl", ["保存", "留存"], "2017")
    >>> chart.png[:4], "6" in chart.title
    (b'\\x89PNG', True)
    """
    return Chart(keyword_figure(law, words, version))


def keyword_figure(law: str, words, version: str | int | None = None):
    """The matplotlib figure of :func:`keyword_chart` (already closed in pyplot: nothing keeps it).

    >>> [t.get_text() for t in keyword_figure("csl", ["保存"], "2017").axes[0].get_xticklabels()]
    ['41', '47', '48', '50', '68']
    """
    import matplotlib.pyplot as plt

    from .fonts import use_chinese_font

    use_chinese_font()
    table = keyword_table(law, words, version)
    lid = statutes.law_id(law, version)
    title = t("viewer.chart_title", law=statutes.law_name(lid, short=True),
              version=t("law.version_text", year=tables.laws().loc[lid, "version"]),
              words="、".join(c for c in table.columns if c != "total") or "-",
              total=int(table["total"].sum()), n=len(table))
    fig, ax = plt.subplots(figsize=(max(4.0, 0.5 * len(table) + 2), 3.2))
    bottom = None
    for word in [c for c in table.columns if c != "total"]:
        ax.bar(table.index, table[word], bottom=bottom, label=word)
        bottom = table[word] if bottom is None else bottom + table[word]
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(t("viewer.chart_x"))
    ax.set_ylabel(t("viewer.chart_y"))
    ax.yaxis.get_major_locator().set_params(integer=True)
    if len(table.columns) > 2:
        ax.legend(fontsize=8)
    fig.tight_layout()
    plt.close(fig)
    return fig


def figure_png(fig) -> bytes:
    """The PNG bytes of a matplotlib figure."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def counter_html(law: str, words, version: str | int | None = None) -> str:
    """The keyword table and its chart as one HTML block (for static output)."""
    table = keyword_table(law, words, version)
    png = base64.b64encode(figure_png(keyword_figure(law, words, version))).decode("ascii")
    return (f'<div class="course-counter" data-total="{int(table["total"].sum())}">'
            f'{table.T.to_html()}<img alt="chart" src="data:image/png;base64,{png}"></div>')


# --------------------------------------------------------------------------- the widget

class StatuteViewer:
    """The statute viewer widget: ``StatuteViewer("csl", 21, "2017").widget`` (see :func:`viewer`).

    Its state lives in plain attributes (``law``, ``article``, ``term``, ``comparing``), and
    :meth:`render` turns them into HTML, so the logic runs without a browser.
    """

    def __init__(self, law: str = CSL, article=21, version: str | int | None = "2017",
                 term: str = "", compare: bool = False, words: str = ""):
        import ipywidgets as w

        lid = statutes.law_id(law, version)
        family = tables.laws().loc[lid, "family"]
        lay = w.Layout(width="auto")
        self.law_box = w.Dropdown(options=families(), value=family, description=t("viewer.law"),
                                  layout=lay)
        self.version_box = w.Dropdown(options=versions(family), value=lid,
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
        self.chart = w.Image(format="png", layout=w.Layout(max_width="100%", display="none"))
        for box, name in ((self.law_box, "law"), (self.version_box, "version"),
                          (self.article_box, "article"), (self.term_box, "search"),
                          (self.compare_box, "compare"), (self.words_box, "words"),
                          (self.count_button, "count"), (self.view, "view"),
                          (self.counter, "counter"), (self.chart, "chart")):
            box.add_class(f"course-viewer-{name}")
        self.law_box.observe(self._on_law, names="value")
        for box in (self.version_box, self.article_box, self.term_box, self.compare_box):
            box.observe(lambda _change: self.refresh(), names="value")
        self.words_box.observe(lambda _change: self.count(), names="value")
        self.count_button.on_click(lambda _button: self.count())
        self.widget = w.VBox([
            w.HBox([self.law_box, self.version_box, self.article_box]),
            w.HBox([self.term_box, self.compare_box]),
            self.view,
            w.HBox([self.words_box, self.count_button]),
            self.counter, self.chart,
        ])
        self.widget.add_class("course-viewer")
        self.refresh()
        if words:
            self.count()

    def _on_law(self, change) -> None:
        options = versions(change["new"])
        self.version_box.options = options
        self.version_box.value = options[-1][1]
        self.compare_box.disabled = change["new"] != CSL
        self.refresh()

    def render(self) -> str:
        """The HTML shown for the current choices (an error message if the article is wrong)."""
        lid = self.version_box.value
        self.compare_box.disabled = tables.laws().loc[lid, "family"] != CSL
        try:
            prov = provision(lid, self.article_box.value)
        except CourseError as error:
            return f'{CSS}<div class="course-viewer-error">{html.escape(str(error))}</div>'
        body = article_html(prov, self.term_box.value.strip() or None)
        if self.compare_box.value and not self.compare_box.disabled:
            version = tables.laws().loc[lid, "version"]
            body += compare(prov.article.key, version).html()
        else:
            body += version_note(prov.id)
        return CSS + body

    def refresh(self) -> None:
        """Redraw the article view."""
        self.view.value = self.render()

    def count(self) -> None:
        """Count the words in the keyword box across the chosen law version; draw the chart."""
        words = split_words(self.words_box.value)
        if not words:
            self.counter.value, self.chart.value = "", b""
            self.chart.layout.display = "none"
            return
        lid = self.version_box.value
        table = keyword_table(lid, words)
        summary = t("viewer.count_summary", words="、".join(words), total=int(table["total"].sum()),
                    n=len(table), law=statutes.law_name(lid, short=True),
                    version=t("law.version_text", year=tables.laws().loc[lid, "version"]))
        self.counter.value = (f'<div class="course-counter" data-total="{int(table["total"].sum())}" '
                              f'data-articles="{len(table)}"><p>{html.escape(summary)}</p>'
                              f'{table.T.to_html() if len(table) else ""}</div>')
        self.chart.value = figure_png(keyword_figure(lid, words)) if len(table) else b""
        self.chart.layout.display = "" if len(table) else "none"


def viewer(law: str = CSL, article=21, version: str | int | None = "2017", term: str = "",
           compare: bool = False, words: str = ""):
    """Show the statute viewer: pick law, version and article; highlight; compare; count words.

    ``viewer("csl", 47, "2017", term="保存", compare=True)`` opens on CSL 2017 Art. 47 with
    "保存" marked and the 2026 text beside it.
    """
    return StatuteViewer(law, article, version, term=term, compare=compare, words=words).widget

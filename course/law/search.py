"""Finding and counting words in the law texts.

>>> count_word("csl", "网络日志", version="2017")["label"].tolist()
['第二十一条']
>>> int(keyword_table("csl", ["保存", "留存"], "2017")["total"].sum())
6
>>> contains("csl-2017:21", "留存相关的网络日志不少于六个月")
True

The plain pandas behind :func:`count_word`, on :func:`course.law.articles`::

    arts = course.law.articles()
    csl = arts[arts["law"] == "csl-2017"]
    csl["text"].str.count("网络日志")
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

import pandas as pd

from ..core import checks
from ..core.errors import CourseError
from ..core.i18n import t
from ..display.charts import Chart
from ..display.fonts import use_chinese_font
from ..display.tables import with_headers
from . import tables
from .statutes import article, by_id, law_id, law_name

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CSL = "csl"
# count_word's columns and the message keys of their headers (Chinese in a Chinese lesson).
COUNT_HEADERS = {"id": "tables.col.article_id", "label": "tables.col.article_label",
                 "number": "tables.col.article_number", "count": "tables.col.count"}
_WIDE = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})


def normalise(text: str) -> str:
    """Text for comparison: no whitespace, half-width punctuation made full-width.

    >>> normalise("保存, 留存 (六个月)")
    '保存，留存（六个月）'
    """
    text = checks.text(text, "text", max_chars=10**6, empty=True)
    return re.sub(r"[\s\u200b\u3000]+", "", text).translate(_WIDE)


def _word(word) -> str:
    """A word to look for: a non-empty string, else a clear error."""
    if not isinstance(word, str) or not word.strip():
        raise CourseError(t("law.bad_word", value=repr(word)[:40]))
    return word.strip()


def contains(article_id: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in the article (ignoring whitespace and punctuation width)."""
    return normalise(_word(phrase)) in normalise(by_id(article_id).text)


def count_word(law: str, word: str, version: str | int | None = None) -> pd.DataFrame:
    """How often ``word`` occurs in each article of a law: columns ``id, label, number, count``.

    Only articles where it occurs are listed, in article order. A notebook shows the headers
    in its language (“次数（count）”); the column names stay the same in both languages.
    """
    word = _word(word)
    lid = law_id(law, version)
    rows = [{"id": a.id, "label": a.label, "number": a.number, "count": a.text.count(word)}
            for a in tables.parsed(lid).articles if word in a.text]
    return with_headers(pd.DataFrame(rows, columns=list(COUNT_HEADERS)), COUNT_HEADERS)


def split_words(text: str) -> list[str]:
    """Words typed in one box: separated by spaces, commas or 、.

    >>> split_words("保存、留存, 记录")
    ['保存', '留存', '记录']
    """
    text = checks.text(text or "", "text", max_chars=10_000, empty=True)
    return [w for w in re.split(r"[\s,，、;；]+", text) if w]


def _words(words) -> list[str]:
    if isinstance(words, str):
        return [_word(word) for word in split_words(words)]
    if not isinstance(words, (list, tuple, set, frozenset, pd.Series)):
        raise CourseError(t("law.bad_word", value=repr(words)[:40]))
    return [_word(word) for word in checks.collection(words, "words", max_len=50)]


def keyword_table(law: str, words: str | Iterable[str], version: str | int | None = None) -> pd.DataFrame:
    """Occurrences of each word in each article of a law, plus ``total``; articles without any left out.

    Indexed by article number (``"253-1"`` style keys). Uses :func:`count_word`.

    >>> keyword_table("csl", ["保存", "留存"], "2017").index.tolist()
    ['21', '41', '47', '48', '50', '68']
    """
    words = _words(words)
    lid = law_id(law, version)
    keys = [a.key for a in tables.parsed(lid).articles]
    table = pd.DataFrame(0, index=pd.Index(keys, name=t("viewer.col_article")), columns=words,
                         dtype="int64")
    for word in words:
        counts = count_word(lid, word)
        for row in counts.itertuples():
            table.loc[row.id.partition(":")[2], word] = int(row.count)
    table["total"] = table[words].sum(axis=1) if words else 0
    return table[table["total"] > 0]


def count_readings(readings: dict[str, list[str]], law: str = CSL,
                   versions: Iterable[str] = ("2017", "2026")) -> pd.DataFrame:
    """How many places each *reading* of a phrase finds: a reading is a list of words.

    One row per reading; for each version, the occurrences and the articles they are in.

    >>> [str(v) for v in count_readings({"保存 + 留存": ["保存", "留存"]}).iloc[0]]
    ['6', '21, 41, 47, 48, 50, 68', '7', '23, 43, 49, 50, 52, 69']
    """
    if not isinstance(readings, dict) or not readings:
        raise CourseError(t("checks.not_readings", value=checks.shown(readings)))
    versions = [checks.text(str(v) if isinstance(v, int) else v, "version", max_chars=10)
                for v in checks.collection(versions, "versions", max_len=10)]
    records = []
    for name, words in readings.items():
        checks.text(name, "reading", max_chars=100)
        record = {"reading": name}
        for version in versions:
            table = keyword_table(law, words, version)
            record[t("viewer.col_places", version=version)] = int(table["total"].sum())
            record[t("viewer.col_articles", version=version)] = ", ".join(table.index)
        records.append(record)
    return pd.DataFrame.from_records(records).set_index("reading").rename_axis(t("viewer.col_reading"))


def search_laws(words: str | Iterable[str], laws: Iterable[str] | None = None) -> pd.DataFrame:
    """Every article, in every law (or in ``laws``), that contains *all* the given words.

    Matching ignores whitespace and punctuation width (like :func:`contains`).
    Columns: ``id``, ``citation``, and one count per word.

    >>> search_laws(["网络日志", "六个月"])["id"].tolist()
    ['csl-2017:21', 'csl-2026:23']
    """
    words = [_word(words)] if isinstance(words, str) else _words(words)
    if not words:
        raise CourseError(t("law.bad_word", value=repr(words)))
    wanted = [normalise(word) for word in words]
    given = [] if laws is None else checks.collection(laws, "laws")
    chosen = [law_id(law) for law in given] or tables.article_laws()
    records = []
    for lid in chosen:
        for art in tables.parsed(lid).articles:
            text = normalise(art.text)
            if all(word in text for word in wanted):
                record = {"id": art.id, "citation": article(lid, art.key).citation()}
                record.update({_short(word): text.count(norm) for word, norm in zip(words, wanted)})
                records.append(record)
    return pd.DataFrame.from_records(records, columns=["id", "citation", *map(_short, words)])


def _short(word: str, width: int = 10) -> str:
    """A column label for a searched phrase: long phrases are cut with “…”."""
    return word if len(word) <= width else word[:width - 1] + "…"


def keyword_chart(law: str, words: str | Iterable[str], version: str | int | None = None) -> Chart:
    """A bar chart of :func:`keyword_table`: one bar per article, stacked by word.

    >>> chart = keyword_chart("csl", ["保存", "留存"], "2017")
    >>> chart.png[:4], "6" in chart.title
    (b'\\x89PNG', True)
    """
    return Chart(keyword_figure(law, words, version))


def keyword_figure(law: str, words: str | Iterable[str], version: str | int | None = None) -> Figure:
    """The matplotlib figure of :func:`keyword_chart` (made without pyplot: nothing keeps it).

    >>> [t.get_text() for t in keyword_figure("csl", ["保存"], "2017").axes[0].get_xticklabels()]
    ['41', '47', '48', '50', '68']
    """
    from matplotlib.figure import Figure

    use_chinese_font()
    table = keyword_table(law, words, version)
    lid = law_id(law, version)
    title = t("viewer.chart_title", law=law_name(lid, short=True),
              version=t("law.version_text", year=tables.laws().loc[lid, "version"]),
              words="、".join(c for c in table.columns if c != "total") or "-",
              total=int(table["total"].sum()), n=len(table))
    fig = Figure(figsize=(max(4.0, 0.5 * len(table) + 2), 3.2), layout="constrained")
    ax = fig.add_subplot()
    bottom = None
    for word in [c for c in table.columns if c != "total"]:
        ax.bar(table.index, table[word], bottom=bottom, label=word)
        bottom = table[word] if bottom is None else bottom + table[word]
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(t("viewer.chart_x"))
    ax.set_ylabel(t("viewer.chart_y"))
    ax.yaxis.get_major_locator().set_params(integer=True)
    if len(table.columns) > 2:          # beside the axes, not on them, where it would cover a bar
        fig.legend(loc="outside right upper", fontsize=8, frameon=False)
    return fig

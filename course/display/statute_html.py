"""Statute text as HTML: an article with its citation, two versions compared, a word count.

These functions take what :mod:`course.law` looks up (a provision, a comparison) and only
render it; they look nothing up themselves. Stable hooks for tests:
``.course-statute[data-article-id]``, ``.course-statute-citation``, ``.course-statute-number``,
``.course-statute-text``, ``.course-compare-old``, ``.course-compare-new``,
``.course-statute-translation`` (English mode only: the label, then the course's English).

>>> highlight("保存有关记录", "记录")
'保存有关<mark class="course-mark">记录</mark>'
>>> diff_html([("equal", "处", "处"), ("insert", "", "五"), ("equal", "十万元", "十万元")])
('处十万元', '处<ins>五</ins>十万元')
"""
from __future__ import annotations

import base64
import html
from typing import TYPE_CHECKING, Any, Iterable

from ..core.i18n import get_language, t
from .tables import table_html
from .theme import TEXT, jp, tint

if TYPE_CHECKING:  # ``prov`` and ``comparison`` come from course.law, a part above this one
    import pandas as pd

# Highlights are tints of a theme colour (see course.display.theme): pale in Light, dark in Dark,
# always under the theme's text colour.
CSS = """<style>
.course-statute {border-left: 3px solid var(--jp-brand-color1, #1565c0); padding: 4px 10px; margin: 4px 0;}
.course-statute-citation {font-weight: bold;}
.course-statute-number {color: var(--jp-content-font-color2, #555); font-size: 90%;}
.course-statute-text {white-space: pre-wrap; line-height: 1.6;}
.course-statute-status, .course-statute-note {color: var(--jp-content-font-color2, #555); font-size: 90%;
  font-style: italic;}
.course-compare table {border-collapse: collapse; width: 100%; table-layout: fixed;}
.course-compare td, .course-compare th {vertical-align: top; border: 1px solid var(--jp-border-color1, #bdbdbd); padding: 6px;
  text-align: left; white-space: normal; overflow-wrap: anywhere; line-height: 1.5;}
.course-compare .course-statute-text {white-space: pre-wrap;}
.course-compare del {background: DEL_BG; color: TEXT;}
.course-compare ins {background: INS_BG; color: TEXT; text-decoration: underline;}
.course-statute-translation {margin-top: 4px; padding-top: 4px; border-top: 1px dashed var(--jp-border-color1, #bdbdbd);}
.course-translation-label {color: var(--jp-content-font-color2, #555); font-size: 90%; font-style: italic;}
mark.course-mark {background: MARK_BG; color: TEXT;}
</style>""".replace("DEL_BG", tint(jp("--jp-error-color1", "#d32f2f"))).replace(
    "INS_BG", tint(jp("--jp-success-color1", "#388e3c"))).replace(
    "MARK_BG", tint(jp("--jp-warn-color1", "#f57c00"), 35)).replace("TEXT", TEXT)


def highlight(text: str, term: str | None) -> str:
    """``text`` as HTML (escaped) with every occurrence of ``term`` in ``<mark>``."""
    if not term:
        return html.escape(text)
    marked = f'<mark class="course-mark">{html.escape(term)}</mark>'
    return marked.join(html.escape(part) for part in text.split(term))


def _lines(text_html: str) -> str:
    return text_html.replace("\n", "<br>")


def article_html(prov: Any, term: str | None = None, lang: str | None = None) -> str:
    """One provision (:class:`course.law.Provision`) as HTML: citation, number, text, status.

    ``term``, if given, is marked in the text and its number of hits is shown.
    """
    art = prov.article
    hits = prov.text.count(term) if term else 0
    note = (f'<div class="course-statute-note" data-hits="{hits}">'
            f'{html.escape(t("viewer.hits", lang, term=term, n=hits))}</div>') if term else ""
    return (f'<div class="course-statute" data-article-id="{art.id}" data-law="{art.law}" '
            f'data-number="{art.key}">'
            f'<div class="course-statute-citation">{html.escape(prov.citation(lang))}</div>'
            f'<div class="course-statute-number">{html.escape(art.label)}</div>'
            f'<div class="course-statute-text">{_lines(highlight(prov.text, term))}</div>'
            f'{translation_html(prov, lang)}{note}<div class="course-statute-status">{html.escape(prov.status(lang))}</div>'
            f'</div>')


def translation_html(prov: Any, lang: str | None = None) -> str:
    """In English mode, the course's English of ``prov`` under its label; in Chinese mode nothing.

    The label says every time that the translation is unofficial and the Chinese authoritative.
    """
    if (lang or get_language()) != "en":
        return ""
    english = prov.translation()
    body = (f'<div class="course-statute-text" lang="en">{_lines(html.escape(english))}</div>'
            if english is not None else "")
    label = t("translation.label" if english is not None else "translation.missing", "en")
    return (f'<div class="course-statute-translation" data-article-id="{prov.id}">'
            f'<div class="course-translation-label">{html.escape(label)}</div>{body}</div>')


def notes_html(lines: list[str]) -> str:
    """Notes under an article (e.g. where its rule is in the other version), one ``div`` each.

    >>> notes_html(["old Art. 21 → new Art. 23"])
    '<div class="course-statute-note course-map-note">old Art. 21 → new Art. 23</div>'
    """
    return "".join(f'<div class="course-statute-note course-map-note">{html.escape(line)}</div>'
                   for line in lines)


def diff_html(segments: Iterable[tuple[str, str, str]], term: str | None = None) -> tuple[str, str]:
    """A diff as two HTML texts: deletions in ``<del>`` (left), insertions in ``<ins>`` (right).

    ``segments`` is the diff as ``(tag, old part, new part)`` (:func:`course.law.segments`).
    ``term``, if given, is marked on both sides, also where it runs across a change.

    >>> diff_html([("equal", "网络", "网络"), ("replace", "日志", "数据")], term="络日")
    ('网<mark class="course-mark">络</mark><del><mark class="course-mark">日</mark>志</del>', '网络<ins>数据</ins>')
    """
    left: list[tuple[str, str | None]] = []
    right: list[tuple[str, str | None]] = []
    for tag, a, b in segments:
        equal = tag == "equal"
        if a:
            left.append((a, None if equal else "del"))
        if b:
            right.append((b, None if equal else "ins"))
    return _lines(_side_html(left, term)), _lines(_side_html(right, term))


def _side_html(pieces: list[tuple[str, str | None]], term: str | None) -> str:
    """One side of a diff: each piece escaped (in its ``<del>``/``<ins>``), ``term`` marked inside pieces."""
    full = "".join(text for text, _ in pieces)
    marked: set[int] = set()
    start = full.find(term) if term else -1
    while start >= 0:
        marked.update(range(start, start + len(term)))
        start = full.find(term, start + len(term))
    out, offset = [], 0
    for text, tag in pieces:
        parts, i = [], 0
        while i < len(text):
            inside = offset + i in marked
            j = i
            while j < len(text) and (offset + j in marked) == inside:
                j += 1
            escaped = html.escape(text[i:j])
            parts.append(f'<mark class="course-mark">{escaped}</mark>' if inside else escaped)
            i = j
        body = "".join(parts)
        out.append(f"<{tag}>{body}</{tag}>" if tag else body)
        offset += len(text)
    return "".join(out)


def comparison_html(comparison: Any, lang: str | None = None, term: str | None = None) -> str:
    """A :class:`course.law.Comparison` as a two-column table (``term`` marked), the map rows underneath."""
    left, right = diff_html(comparison.segments(), term)
    head_old = " + ".join(html.escape(p.citation(lang)) for p in comparison.old) or t("viewer.no_old", lang)
    head_new = " + ".join(html.escape(p.citation(lang)) for p in comparison.new) or t("viewer.no_new", lang)
    ids_old = " ".join(p.id for p in comparison.old)
    ids_new = " ".join(p.id for p in comparison.new)
    notes = "".join(f'<li class="course-map-note">{html.escape(row.describe(lang))}</li>'
                    for row in comparison.rows)
    legend = html.escape(t("viewer.legend", lang))
    same = (f'<p class="course-statute-note">{html.escape(t("viewer.same_words", lang))}</p>'
            if comparison.unchanged else "")
    return (f'{CSS}<div class="course-compare">'
            f'<table><tr><th class="course-compare-old-head" data-ids="{ids_old}">{head_old}</th>'
            f'<th class="course-compare-new-head" data-ids="{ids_new}">{head_new}</th></tr>'
            f'<tr><td class="course-compare-old"><div class="course-statute-text">{left}</div></td>'
            f'<td class="course-compare-new"><div class="course-statute-text">{right}</div></td></tr>'
            f'{_compare_translations(comparison, lang)}</table>{same}<p class="course-statute-note">{legend}</p><ul>{notes}</ul></div>')


def _compare_translations(comparison: Any, lang: str | None) -> str:
    """English mode: a row with the English of both versions (differences are marked on the Chinese)."""
    if (lang or get_language()) != "en":
        return ""
    old = "".join(translation_html(p, lang) for p in comparison.old)
    new = "".join(translation_html(p, lang) for p in comparison.new)
    return (f'<tr class="course-compare-translations"><td class="course-compare-old-en">{old}</td>'
            f'<td class="course-compare-new-en">{new}</td></tr>')


def counter_html(table: pd.DataFrame, summary: str = "", png: bytes = b"", alt: str = "") -> str:
    """A keyword count (:func:`course.law.keyword_table`) as HTML, with its chart if given.

    >>> import pandas as pd
    >>> counter_html(pd.DataFrame({"total": [2]}, index=["21"]))[:46]
    '<div class="course-counter" data-total="2" dat'
    """
    total = int(table["total"].sum()) if len(table) else 0
    text = f"<p>{html.escape(summary)}</p>" if summary else ""
    chart = (f'<img alt="{html.escape(alt)}" src="data:image/png;base64,'
             f'{base64.b64encode(png).decode("ascii")}">') if png else ""
    return (f'<div class="course-counter" data-total="{total}" data-articles="{len(table)}">'
            f'{text}{table_html(table.T) if len(table) else ""}{chart}</div>')

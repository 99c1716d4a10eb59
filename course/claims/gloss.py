"""The article paragraph by paragraph, with the course's own English gloss in English mode.

``data/translations/article-en.csv`` has one row per paragraph (line) of ``data/article.txt``:
``paragraph, zh_sha1, en``; ``zh_sha1`` is the fingerprint of the paragraph it glosses,
checked on load, so the gloss cannot drift from the article. The gloss is unofficial, for
study; the Chinese article is the text the course checks.

>>> paragraphs()[0].startswith("微信作为中国体量最大的聊天工具")
True
>>> gloss().loc[1, "en"].startswith("As China's largest chat tool")
True
"""
from __future__ import annotations

import html

import pandas as pd

from ..core.errors import DataError
from ..core.i18n import get_language, t
from ..core.tables import cached_table, read_table
from ..law.translations import fingerprint
from .article import article_text

FILE = "translations/article-en.csv"
SCHEMA = {"paragraph": "int", "zh_sha1": "str", "en": "str"}


def paragraphs() -> list[str]:
    """The article's paragraphs: its lines, in order, exactly as shipped."""
    return article_text().split("\n")


@cached_table
def gloss() -> pd.DataFrame:
    """The English gloss, indexed by paragraph number (1-based), checked against the article."""
    table = read_table(FILE, SCHEMA, unique="paragraph")
    table["paragraph"] = table["paragraph"].astype(int)
    text = paragraphs()
    for row_no, row in enumerate(table.itertuples(), start=2):
        if row.paragraph != row_no - 1:
            raise DataError(t("data.bad_row", file=FILE, row=row_no, column="paragraph",
                              problem=t("gloss.order", n=row_no - 1)))
        if row.paragraph > len(text) or fingerprint(text[row.paragraph - 1]) != row.zh_sha1:
            raise DataError(t("data.bad_row", file=FILE, row=row_no, column="zh_sha1",
                              problem=t("gloss.stale", n=row.paragraph)))
    if len(table) != len(text):
        raise DataError(t("gloss.count", file=FILE, rows=len(table), n=len(text)))
    return table.set_index("paragraph", drop=False)


class ArticleGloss:
    """The article, one paragraph per row; in English mode each with its gloss under it, labelled."""

    def __init__(self, lang: str | None = None):
        self.lang = lang or get_language()

    def html(self) -> str:
        """The paragraphs as HTML: number, Chinese, and (English mode) the labelled gloss."""
        english = self.lang == "en"
        table = gloss() if english else None
        head = (f'<p class="course-translation-label"><i>{html.escape(t("translation.gloss_label", "en"))}</i></p>'
                if english else "")
        rows = []
        for n, zh in enumerate(paragraphs(), start=1):
            en = ""
            if english:
                en = (f'<div class="course-statute-translation" lang="en"><div class="course-translation-label">'
                      f'{html.escape(t("translation.gloss_label", "en"))}</div>'
                      f'<div class="course-gloss-en">{html.escape(table.loc[n, "en"])}</div></div>')
            rows.append(f'<div class="course-gloss-paragraph" data-paragraph="{n}" style="margin:6px 0">'
                        f'<b>{html.escape(t("translation.paragraph", self.lang, k=n))}</b>'
                        f'<div lang="zh">{html.escape(zh)}</div>{en}</div>')
        return f'<div class="course-gloss">{head}{"".join(rows)}</div>'

    def _repr_html_(self) -> str:
        return self.html()


def article_gloss(lang: str | None = None) -> ArticleGloss:
    """The article paragraph by paragraph (English mode: with the course's labelled English gloss).

    >>> 'data-paragraph="29"' in article_gloss("en").html()
    True
    """
    return ArticleGloss(lang)

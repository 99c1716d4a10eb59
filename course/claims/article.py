"""The viral article itself, exactly as shipped in ``data/article.txt``, and its quotes in context.

>>> article_text().startswith("微信作为中国体量最大的聊天工具")
True
"""
from __future__ import annotations

import functools
import html

from ..core import checks
from ..core.errors import CourseError, DataError
from ..core.i18n import t
from ..core.resources import data_path


@functools.cache
def article_text() -> str:
    """The viral article, exactly as shipped in ``data/article.txt``.

    """
    path = data_path("article.txt")
    if not path.is_file():
        raise DataError(t("data.missing_file", file="article.txt"))
    return path.read_text(encoding="utf-8")


def in_context(quote: str, width: int = 60) -> tuple[str, str, str]:
    r"""A quote of the article with up to ``width`` characters before and after it.

    The first occurrence is used (the article repeats some passages at its end).

    >>> in_context("跟微信也没什么关系", width=4)
    ('天日志,', '跟微信也没什么关系', '。\n到底')
    """
    checks.text(quote, "quote", max_chars=len(article_text()))
    width = int(checks.number(width, "width", low=0, high=10_000))
    text = article_text()
    if quote not in text:
        raise CourseError(t("checks.not_in_article", value=checks.shown(quote)))
    start = text.index(quote)
    end = start + len(quote)
    return text[max(0, start - width):start], quote, text[end:end + width]


def in_context_html(quote: str, width: int = 80) -> str:
    """The quote marked with ``<mark>`` in its context, as escaped HTML."""
    before, quote, after = in_context(quote, width)
    lead = "…" if article_text().index(quote) > len(before) else ""
    return (f"{lead}{html.escape(before)}<mark class=\"claim-quote\">{html.escape(quote)}</mark>"
            f"{html.escape(after)}…").replace("\n", "<br>")

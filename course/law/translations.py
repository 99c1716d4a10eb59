"""The course's own English translations of the law texts, one row per paragraph (款) or item (项).

``data/translations/laws-en.csv`` has the columns ``law, article, paragraph, item, zh_sha1,
same_as, en``: ``item`` 0 is a paragraph's lead text, 1, 2, … its items; ``zh_sha1`` is the
fingerprint of the Chinese text the row translates (checked on load, so a changed law file
cannot keep a stale translation); ``same_as`` names another version's article (e.g.
``csl-2017:47``) whose translation is shared, allowed only where the Chinese is identical.
These translations are unofficial, for study; the Chinese text is authoritative.

>>> english("csl-2017", "21", 1, 3).startswith("(3) taking technical measures to monitor")
True
>>> english("csl-2026", "49", 1, 0) == english("csl-2017", "47", 1, 0)   # unchanged: shared
True
>>> chinese("csl-2017", "21", 1, 3)[:3]
'（三）'
"""
from __future__ import annotations

import hashlib

import pandas as pd

from ..core.errors import DataError
from ..core.i18n import t
from ..core.tables import cached_table, read_table
from . import tables
from .text import Article

FILE = "translations/laws-en.csv"
SCHEMA = {"law": "str", "article": "str", "paragraph": "int", "item": "int", "zh_sha1": "str",
          "same_as": "str?", "en": "str?"}


def fingerprint(text: str) -> str:
    """The first 12 hex digits of the SHA-1 of ``text`` (UTF-8).

    >>> fingerprint("国家")
    'd879c54ee1d5'
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def find_article(law: str, key: str) -> Article | None:
    """Article ``key`` (``"21"``, ``"253-1"``) of law version ``law``, or None."""
    if law not in tables.article_laws():
        return None
    return next((a for a in tables.parsed(law).articles if a.key == key), None)


def units(article: Article, paragraph: int | None = None, item: int | None = None) -> list[tuple[int, int]]:
    """The ``(paragraph, item)`` pieces shown for an article, a paragraph or an item (item 0 = lead).

    >>> units(find_article("csl-2017", "21"), 1)[:2]
    [(1, 0), (1, 1)]
    """
    if item is not None:
        return [(paragraph or 1, item)]
    numbers = [paragraph] if paragraph is not None else range(1, len(article.paragraphs) + 1)
    return [(k, i) for k in numbers for i in range(len(article.paragraph(k).items) + 1)]


def piece(article: Article, paragraph: int, item: int) -> str:
    """The Chinese text of one piece: a paragraph's lead text (``item`` 0) or one of its items."""
    return article.paragraph(paragraph).text if item == 0 else article.item(paragraph, item)


def chinese(law: str, key: str, paragraph: int, item: int) -> str:
    """The Chinese text a translation row stands for (see :func:`piece`)."""
    found = find_article(law, key)
    if found is None:
        raise LookupError(f"{law}:{key}")
    return piece(found, paragraph, item)


def _fail(row: int, column: str, problem: str) -> None:
    raise DataError(t("data.bad_row", file=FILE, row=row, column=column, problem=problem))


def _checked_text(row_no: int, law: str, key: str, paragraph: int, item: int, column: str) -> str:
    """The Chinese of a row's piece, or a :class:`DataError` naming what does not exist."""
    found = find_article(law, key)
    if found is None:
        _fail(row_no, column, t("translation.no_article", id=f"{law}:{key}"))
    if not 1 <= paragraph <= len(found.paragraphs) or not 0 <= item <= len(found.paragraph(paragraph).items):
        _fail(row_no, "paragraph", t("translation.no_piece", id=found.id, k=paragraph, i=item))
    return piece(found, paragraph, item)


@cached_table
def translations() -> pd.DataFrame:
    """Every translation row, checked, indexed by ``"law:article:paragraph:item"``; ``en`` resolved.

    Checks: the piece exists; ``zh_sha1`` matches its Chinese; each row has either ``en`` or
    ``same_as``; a shared row's Chinese is identical to the Chinese of the row it shares.
    """
    table = read_table(FILE, SCHEMA)
    table["paragraph"] = table["paragraph"].astype(int)
    table["item"] = table["item"].astype(int)
    table["key"] = [f"{r.law}:{r.article}:{r.paragraph}:{r.item}" for r in table.itertuples()]
    own = {}
    for row_no, row in enumerate(table.itertuples(), start=2):
        if row.key in own:
            _fail(row_no, "article", t("data.duplicate", value=row.key))
        text = _checked_text(row_no, row.law, row.article, row.paragraph, row.item, "article")
        if fingerprint(text) != row.zh_sha1:
            _fail(row_no, "zh_sha1", t("translation.stale", id=row.key, sha=fingerprint(text)))
        if bool(row.en) == bool(row.same_as):
            _fail(row_no, "en", t("translation.en_or_same"))
        own[row.key] = row.en
    resolved = []
    for row_no, row in enumerate(table.itertuples(), start=2):
        if not row.same_as:
            resolved.append(row.en)
            continue
        other_law, _, other_key = row.same_as.partition(":")
        other = _checked_text(row_no, other_law, other_key, row.paragraph, row.item, "same_as")
        if other != chinese(row.law, row.article, row.paragraph, row.item):
            _fail(row_no, "same_as", t("translation.not_identical", id=row.key, other=row.same_as))
        shared = own.get(f"{row.same_as}:{row.paragraph}:{row.item}")
        if not shared:
            _fail(row_no, "same_as", t("translation.no_shared_row", other=row.same_as))
        resolved.append(shared)
    table["text_en"] = resolved
    return table.set_index("key", drop=False)


def english(law: str, key: str, paragraph: int, item: int) -> str | None:
    """The course's English for one piece, or None where there is none yet."""
    table = translations()
    row_key = f"{law}:{key}:{paragraph}:{item}"
    return table.loc[row_key, "text_en"] if row_key in table.index else None


def translate(article: Article, paragraph: int | None = None, item: int | None = None) -> str | None:
    """The English of what is shown, laid out like the Chinese (one line per paragraph and item).

    None if any piece lacks a translation.

    >>> translate(find_article("iism-2011", "14"), 2).startswith("Internet information service providers")
    True
    """
    lines = [english(article.law, article.key, k, i) for k, i in units(article, paragraph, item)]
    return None if any(line is None for line in lines) else "\n".join(lines)

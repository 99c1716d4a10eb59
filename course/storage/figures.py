"""Sourced figures: each with a value, unit, as-of date, source and reliability (``data/storage-facts.csv``).

Rows whose reliability is ``unconfirmed`` are kept and stay marked: they are never used as facts.
Units, as-of texts, sources and notes are stored in Chinese and English (``unit_zh``,
``unit_en``, …); :func:`figures` adds ``unit``, ``as_of``, ``source`` and ``note`` in the
notebook's language.

>>> row = figures(lang="en").loc["wechat_msgs_per_day_2017_09"]
>>> float(row["number"]), row["unit"], figures(lang="zh").loc["wechat_msgs_per_day_2017_09", "unit"]
(38.0, 'billion messages/day', '十亿条消息/天')
"""
from __future__ import annotations

import pandas as pd

from ..core.bilingual import check_pairs, in_language
from ..core.i18n import t
from ..core.tables import RELIABILITY, cached_table, number, read_table

BILINGUAL = ("unit", "as_of", "source", "note")
FIGURE_SCHEMA = {"key": "str", "value": "str?", "unit_en": "str?", "unit_zh": "str?",
                 "as_of_en": "str?", "as_of_zh": "str?", "source_en": "str", "source_zh": "str",
                 "reliability": "in:" + "|".join(RELIABILITY), "note_en": "str?", "note_zh": "str?"}


@cached_table
def figure_table() -> pd.DataFrame:
    """The figures in both languages, indexed by ``key``; ``number`` is the value as a float (NaN if not numeric)."""
    table = read_table("storage-facts.csv", FIGURE_SCHEMA, unique="key")
    check_pairs(table.to_dict("records"), BILINGUAL, "storage-facts.csv")
    table.insert(2, "number", [number(v) for v in table["value"]])
    for lang in ("en", "zh"):
        table[f"source_{lang}"] = resolve_same(table[f"source_{lang}"].tolist())
    return table.set_index("key", drop=False)


def figures(lang: str | None = None) -> pd.DataFrame:
    """Sourced figures, indexed by ``key``, with ``unit``, ``as_of``, ``source``, ``note`` in ``lang``.

    ``lang`` defaults to the notebook's language; the ``_zh`` and ``_en`` columns stay.

    >>> figures(lang="zh").loc["hlm_chars", "unit"], figures(lang="en").loc["hlm_chars", "unit"]
    ('字（其中汉字732065个）', 'characters (732065 Han)')
    """
    return in_language(figure_table(), BILINGUAL, lang)


figures.cache_clear = figure_table.cache_clear  # type: ignore[attr-defined]
figures.is_table_loader = True  # type: ignore[attr-defined]


def reliability_label(code: str, lang: str | None = None) -> str:
    """A reliability code in words: ``"secondary"`` → “二手来源” / “secondary source”.

    >>> reliability_label("secondary", "zh"), reliability_label("low", "en")
    ('二手来源', 'weak source')
    """
    return t(f"reliability.{code}", lang)


def resolve_same(sources: list[str]) -> list[str]:
    """A source written as “same …” (or “同上”) means the last full source above it: write that out.

    >>> resolve_same(["https://a.example/x", "same", "同上"])
    ['https://a.example/x', 'https://a.example/x', 'https://a.example/x']
    """
    resolved, last = [], ""
    for source in sources:
        if (source.lower().startswith("same") or source.startswith("同一") or source == "同上") and last:
            resolved.append(last)
        else:
            resolved.append(source)
            last = source
    return resolved

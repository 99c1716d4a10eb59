"""The sources the course cites: statements, reports, cases, data (``data/sources.csv``).

Titles and notes are stored in Chinese and English (``title_zh``, ``title_en``, ``note_zh``,
``note_en``); :func:`sources` adds ``title`` and ``note`` in the notebook's language. A source
in English keeps its own title (``original_title``), which its Chinese title shows beside a
Chinese description.

>>> sources().loc["weixin-statement-2018-01-02", "kind"]
'company statement'
>>> sources(lang="zh").loc["citizenlab-2016-one-app-two-systems", "title"].startswith("公民实验室")
True
"""
from __future__ import annotations

import pandas as pd

from ..core.bilingual import check_pairs, in_language
from ..core.errors import DataError
from ..core.i18n import t
from ..core.tables import RELIABILITY, cached_table, read_table

BILINGUAL = ("title", "note")
SOURCE_SCHEMA = {"id": "str", "kind": "str", "original_title": "str?", "title_zh": "str", "title_en": "str",
                 "url": "str?", "date": "str?", "reliability": "in:" + "|".join(RELIABILITY),
                 "note_zh": "str?", "note_en": "str?"}


@cached_table
def source_table() -> pd.DataFrame:
    """The sources in both languages, indexed by ``id``.

    An ``original_title`` must appear word for word in both ``title_zh`` and ``title_en``.
    """
    table = read_table("sources.csv", SOURCE_SCHEMA, unique="id")
    rows = table.to_dict("records")
    check_pairs(rows, BILINGUAL, "sources.csv")
    for row_no, row in enumerate(rows, start=2):
        original = row["original_title"]
        if original and not (original in row["title_zh"] and original in row["title_en"]):
            raise DataError(t("data.bad_row", file="sources.csv", row=row_no, column="original_title",
                              problem=t("data.original_title", title=original)))
    return table.set_index("id", drop=False)


def sources(lang: str | None = None) -> pd.DataFrame:
    """Sources the course cites, indexed by ``id``, with ``title`` and ``note`` in ``lang``.

    >>> sources(lang="en").loc["mps-e-evidence-2019", "note"]
    'Not available as full text; stored pages show only Arts. 1–4.'
    """
    return in_language(source_table(), BILINGUAL, lang)


sources.cache_clear = source_table.cache_clear  # type: ignore[attr-defined]
sources.is_table_loader = True  # type: ignore[attr-defined]

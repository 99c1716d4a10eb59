"""Columns of a data table kept in both languages: ``note_zh`` and ``note_en`` give ``note``.

A table in ``data/`` stores each learner-facing text twice, ``<name>_zh`` and ``<name>_en``.
:func:`check_pairs` runs when the table is loaded: each pair is filled in both languages or
in neither, and both texts hold the same numbers (a translation never changes a figure).
:func:`in_language` adds the plain column ``<name>`` in the notebook's language.

>>> import pandas as pd
>>> table = pd.DataFrame({"note_zh": ["同比+25%"], "note_en": ["+25% YoY"]})
>>> in_language(table, ("note",), "zh")["note"].tolist()
['同比+25%']
>>> numbers("1,212.8 million (2020-09-30)") == numbers("12.128（百万，1212.8）")
False
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import checks
from .errors import DataError
from .i18n import t

if TYPE_CHECKING:
    import pandas as pd

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def numbers(text: str) -> frozenset[str]:
    """The numbers written in ``text`` (digits; thousands commas ignored).

    >>> sorted(numbers("1,212.8 million, +3% (2020-09-30)"))
    ['09', '1212.8', '2020', '3', '30']
    """
    return frozenset(_NUMBER.findall(re.sub(r"(?<=\d),(?=\d{3})", "", text)))


def check_pairs(rows: list[dict], names: tuple[str, ...], file: str) -> None:
    """Each ``<name>_zh``/``<name>_en`` pair of each row: both or neither, with the same numbers.

    >>> check_pairs([{"unit_zh": "字节", "unit_en": "bytes"}], ("unit",), "x.csv")
    >>> check_pairs([{"unit_zh": "", "unit_en": "bytes"}], ("unit",), "x.csv")
    Traceback (most recent call last):
    ...
    course.core.errors.DataError: ...
    """
    for row_no, row in enumerate(rows, start=2):
        for name in names:
            zh, en = row.get(f"{name}_zh") or "", row.get(f"{name}_en") or ""
            if bool(zh) != bool(en):
                problem = t("data.one_language", column=name)
            elif numbers(zh) != numbers(en):
                problem = t("data.numbers_differ", zh=" ".join(sorted(numbers(zh) - numbers(en))) or "-",
                            en=" ".join(sorted(numbers(en) - numbers(zh))) or "-")
            else:
                continue
            raise DataError(t("data.bad_row", file=file, row=row_no, column=name, problem=problem))


def in_language(table: pd.DataFrame, names: tuple[str, ...], lang: str | None = None) -> pd.DataFrame:
    """``table`` with a column ``<name>`` for each name, from ``<name>_zh`` or ``<name>_en``.

    Each new column stands just before its pair; ``lang`` defaults to the notebook's.
    """
    chosen = checks.language(lang)
    out = table.copy(deep=False)
    for name in names:
        columns = list(out.columns)
        out.insert(min(columns.index(f"{name}_zh"), columns.index(f"{name}_en")), name, out[f"{name}_{chosen}"])
    return out

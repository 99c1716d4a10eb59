"""The law tables: the versions of each law, their articles, and the Cybersecurity Law's map.

- :func:`laws`: ``id, family, version, title_zh, title_en, short_zh, short_en, level,
  issuer, adopted, in_force_from, in_force_until, superseded_by, file, source, dates_basis``
  (one row per version of a law; ``in_force_until`` empty = in force today; ``dates_basis``
  says where the dates come from, and which the shipped files do not confirm).
- :func:`articles`: ``id, law, family, version, number, sub, key, label, chapter,
  section, text, n_paragraphs`` (parsed from the law files, never retyped).
- :func:`article_map`: the Cybersecurity Law's 2017 → 2026 renumbering.

Every loader checks its file on the first call and hands out copies afterwards.

>>> laws().loc["csl-2017", "in_force_until"]
'2025-12-31'
>>> articles().loc["csl-2017:21", "label"]
'第二十一条'
"""
from __future__ import annotations

import functools

import pandas as pd

from ..core import checks
from ..core.bilingual import check_pairs
from ..core.errors import DataError
from ..core.i18n import pick, t
from ..core.resources import data_path
from ..core.tables import cached_table, read_table
from .text import ParsedLaw, parse_law_text

LAW_SCHEMA = {
    "id": "str", "family": "str", "version": "str", "title_zh": "str", "title_en": "str",
    "short_zh": "str", "short_en": "str",
    "level": "in:constitution|law|administrative regulation|departmental rule|judicial interpretation|decision",
    "issuer": "str", "adopted": "date", "in_force_from": "date", "in_force_until": "date?",
    "superseded_by": "str?", "file": "str", "source": "str", "dates_basis": "str",
}
MAP_SCHEMA = {
    "old_article_2017": "int?", "old_article_cn": "str?", "new_article_2026": "int?",
    "new_article_cn": "str?", "change": "str", "change_zh": "str", "decision_item": "str?",
    "basis": "str", "basis_zh": "str", "naive_offset_number": "int?", "naive_offset_correct": "in:yes|no?",
    "verified_against_2026_text": "str?",
}


@cached_table
def laws() -> pd.DataFrame:
    """One row per version of a law, indexed by ``id`` (e.g. ``"csl-2017"``)."""
    table = read_table("laws.csv", LAW_SCHEMA, unique="id")
    for row_no, row in enumerate(table.itertuples(), start=2):
        if row.superseded_by and row.superseded_by not in set(table["id"]):
            raise DataError(t("data.bad_row", file="laws.csv", row=row_no, column="superseded_by",
                              problem=t("data.unknown_ref", what="law", value=row.superseded_by)))
        if not data_path(row.file).is_file():
            raise DataError(t("data.bad_row", file="laws.csv", row=row_no, column="file",
                              problem=t("data.missing_file", file=row.file)))
    return table.set_index("id", drop=False)


def article_laws() -> list[str]:
    """Ids of the laws whose files are cut into articles (all but amending decisions).

    >>> "csl-2026" in article_laws(), "csl-2025-amendment" in article_laws()
    (True, False)
    """
    table = laws()
    return list(table.index[table["level"] != "decision"])


def parsed(law_id: str) -> ParsedLaw:
    """The parsed file of one law version (see :mod:`course.law.text`).

    >>> parsed("csl-2017").articles[20].label
    '第二十一条'
    """
    return _parsed(checks.known(law_id, "law", laws().index))


@functools.cache
def _parsed(law_id: str) -> ParsedLaw:
    row = laws().loc[law_id]
    return parse_law_text(data_path(row["file"]).read_text(encoding="utf-8"), law_id, row["version"])


@cached_table
def articles() -> pd.DataFrame:
    """Every article of every law, indexed by article id (``"criminal-law-2023:253-1"``)."""
    records = []
    for law_id in article_laws():
        family = laws().loc[law_id, "family"]
        for a in parsed(law_id).articles:
            records.append({"id": a.id, "law": a.law, "family": family, "version": a.version,
                            "number": a.number, "sub": a.sub, "key": a.key, "label": a.label,
                            "chapter": a.chapter, "section": a.section, "text": a.text,
                            "n_paragraphs": len(a.paragraphs)})
    return pd.DataFrame.from_records(records).set_index("id", drop=False)


@cached_table
def article_map() -> pd.DataFrame:
    """The Cybersecurity Law's article map, 2017 numbers to 2026 numbers (nullable ints).

    ``change`` and ``basis`` are in English, ``change_zh`` and ``basis_zh`` the same in
    Chinese: every row has both, with the same numbers (:func:`~course.core.bilingual.check_pairs`).

    >>> article_map().set_index("old_article_2017").loc[68, ["change", "change_zh"]].tolist()
    ['merged and amended (with old Art. 69 item 1)', '与原第69条第1项合并并修改']
    """
    name = "laws/cybersecurity-law-article-map.csv"
    table = read_table(name, MAP_SCHEMA)
    pairs = [{"change_zh": row["change_zh"], "change_en": row["change"],
              "basis_zh": row["basis_zh"], "basis_en": row["basis"]} for row in table.to_dict("records")]
    check_pairs(pairs, ("change", "basis"), name)
    for column in ("old_article_2017", "new_article_2026", "naive_offset_number"):
        table[column] = pd.to_numeric(table[column].replace("", None)).astype("Int64")
    return table


def law_list(lang: str | None = None) -> pd.DataFrame:
    """The laws table for reading: title, version, dates and status, in the chosen language.

    >>> law_list("en").loc["csl-2026", "status"]
    'in force'
    """
    table = laws()
    rows = []
    for row in table.itertuples():
        status = t("law.in_force", lang) if not row.in_force_until else t(
            "law.in_force_until", lang, date=row.in_force_until)
        rows.append({t("tables.col.law", lang): pick(row.short_zh, row.short_en, lang),
                     t("tables.col.version", lang): row.version,
                     t("tables.col.level", lang): t(f"tables.level.{row.level}", lang),
                     t("tables.col.from", lang): row.in_force_from,
                     t("tables.col.status", lang): status})
    return pd.DataFrame(rows, index=pd.Index(table.index, name="id"))

"""The course's zh–en glossary of legal terms (``data/glossary.csv``), with a look-up.

Columns: ``term, en, note_zh, note_en, example``; ``example`` is an article in which the term
occurs (checked on load), and ``en`` is the rendering the course's translations use there.

>>> glossary("立案").en
'file a case'
>>> glossary("设区的市").example
'mps-procedure-2020:265'
>>> len(glossary()) >= 25
True
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.errors import CourseError, DataError
from ..core.i18n import pick, t
from ..core.tables import cached_table, read_table
from . import tables

FILE = "glossary.csv"
SCHEMA = {"term": "str", "en": "str", "note_zh": "str", "note_en": "str", "example": "str"}


@cached_table
def terms() -> pd.DataFrame:
    """The glossary, indexed by the Chinese term; each example article exists and contains its term."""
    table = read_table(FILE, SCHEMA, unique="term")
    known = tables.articles()
    for row_no, row in enumerate(table.itertuples(), start=2):
        if row.example not in known.index:
            raise DataError(t("data.bad_row", file=FILE, row=row_no, column="example",
                              problem=t("data.unknown_ref", what="article", value=row.example)))
        if row.term not in known.loc[row.example, "text"]:
            raise DataError(t("data.bad_row", file=FILE, row=row_no, column="example",
                              problem=t("glossary.not_in_example", term=row.term, id=row.example)))
    return table.set_index("term", drop=False)


@dataclass(frozen=True)
class Term:
    """One glossary entry: the Chinese term, the course's English, a note, an article using it."""

    term: str
    en: str
    note_zh: str
    note_en: str
    example: str

    def note(self, lang: str | None = None) -> str:
        """The explanation in the chosen language."""
        return pick(self.note_zh, self.note_en, lang)

    def __str__(self) -> str:
        return f"{self.term} — {self.en}: {self.note()} 〔{self.example}〕"

    def _repr_markdown_(self) -> str:
        return f"**{self.term}** — *{self.en}*: {self.note()} 〔{self.example}〕"


def glossary(term: str | None = None, lang: str | None = None) -> Term | pd.DataFrame:
    """``glossary("立案")``: one entry; ``glossary()``: the whole glossary as a table to read."""
    table = terms()
    if term is None:
        return pd.DataFrame({t("glossary.col.en", lang): table["en"],
                             t("glossary.col.note", lang): [pick(z, e, lang) for z, e in
                                                            zip(table["note_zh"], table["note_en"])],
                             t("glossary.col.where", lang): table["example"]},
                            index=pd.Index(table["term"], name=t("glossary.col.zh", lang)))
    if not isinstance(term, str) or term not in table.index:
        raise CourseError(t("glossary.unknown", lang, term=term, known="、".join(table.index)))
    row = table.loc[term]
    return Term(row["term"], row["en"], row["note_zh"], row["note_en"], row["example"])

"""The Cybersecurity Law's renumbering, 2017 → 2026, read from its article map.

The map (``data/laws/cybersecurity-law-article-map.csv``) says for every old article where
its rule is today, what changed, and on what basis; moves the amending decision does not
state itself are marked as inferred. Numbers are never shifted by a fixed offset.

>>> [r.new for r in counterparts("csl-2017:68")]      # old Art. 68 is Art. 69 since 2026
[69]
>>> sorted(r.old for r in counterparts("csl-2026:71"))   # three old articles merged into 71
[64, 66, 70]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from ..core import checks
from ..core.i18n import pick, t
from . import tables
from .numbers import parse_number

CSL = "csl"


@dataclass(frozen=True)
class MapRow:
    """One row of the Cybersecurity Law's article map."""

    old: int | None
    new: int | None
    change: str
    basis: str
    decision_item: str
    naive: int | None
    naive_correct: str
    change_zh: str
    basis_zh: str

    @property
    def kind(self) -> str:
        """What happened to the text: unchanged, renumbered, renumbered_xref, amended, merged or new."""
        change = self.change
        if change.startswith("new article"):
            return "new"
        if change.startswith("merged"):
            return "merged"
        if change.startswith("amended"):
            return "amended"
        if "cross-reference" in change and change.startswith("renumbered"):
            return "renumbered_xref"
        if "renumbered" in change:
            return "renumbered"
        return "unchanged"

    @property
    def inferred(self) -> bool:
        """True where the decision does not state the move itself (the map says "inferred")."""
        return self.basis.startswith("inferred")

    def note(self, lang: str | None = None) -> str:
        """What changed, in the map's own words, in the chosen language (``change_zh`` or ``change``).

        >>> row = counterparts("csl-2017:68")[0]
        >>> row.note("zh"), row.note("en")
        ('与原第69条第1项合并并修改', 'merged and amended (with old Art. 69 item 1)')
        """
        return pick(self.change_zh, self.change, lang)

    def describe(self, lang: str | None = None) -> str:
        """One line: old → new, what changed, and on what basis (inferred moves say so)."""
        old = t("viewer.old_article", lang, n=self.old) if self.old else t("viewer.no_old", lang)
        new = t("viewer.new_article", lang, n=self.new) if self.new else t("viewer.no_new", lang)
        return t("viewer.map_line", lang, old=old, new=new, kind=t(f"viewer.kind_{self.kind}", lang),
                 basis=basis(self, lang))


def basis(row: MapRow, lang: str | None = None) -> str:
    """On what the move rests: stated by the decision (which item), inferred, or unchanged."""
    if row.inferred:
        return t("viewer.basis_inferred", lang)
    if row.basis.startswith("explicit"):
        return t("viewer.basis_explicit", lang, item=row.decision_item)
    return t("viewer.basis_unchanged", lang)


def _row(record) -> MapRow:
    def num(value):
        return None if pd.isna(value) else int(value)
    return MapRow(old=num(record["old_article_2017"]), new=num(record["new_article_2026"]),
                  change=record["change"], basis=record["basis"],
                  change_zh=record["change_zh"], basis_zh=record["basis_zh"],
                  decision_item=record["decision_item"] or "", naive=num(record["naive_offset_number"]),
                  naive_correct=record["naive_offset_correct"] or "")


def map_rows() -> list[MapRow]:
    """Every row of the article map, in file order.

    >>> len(map_rows())
    83
    """
    return [_row(record) for _, record in tables.article_map().iterrows()]


def counterparts(article_id: str) -> list[MapRow]:
    """The map rows linking a Cybersecurity Law article to the other version.

    For a 2017 article: the row(s) giving its 2026 number. For a 2026 article: every
    old article that went into it (a merged article has several). Other laws: ``[]``.
    """
    law, _, key = checks.text(article_id, "id", max_chars=100).partition(":")
    checks.known(law, "law", tables.laws().index)
    if tables.laws().loc[law, "family"] != CSL:
        return []
    number, _ = parse_number(key)
    column = "old" if tables.laws().loc[law, "version"] == "2017" else "new"
    return [row for row in map_rows() if getattr(row, column) == number]


def _naive_ok(row: MapRow) -> str:
    """Whether the naive "+1/+2" number is right, in words ("" for a new article)."""
    return {"yes": t("viewer.naive_yes"), "no": t("viewer.naive_no")}.get(row.naive_correct, "")


def renumbering(old_numbers: Iterable[int | str] | None = None) -> pd.DataFrame:
    """The map as a table for learners: 2017 and 2026 numbers, what changed, basis, naive "+2".

    >>> renumbering([21, 41, 47, 68])[["2017", "2026"]].values.tolist()
    [[21, 23], [41, 43], [47, 49], [68, 69]]
    """
    rows = map_rows()
    if old_numbers is not None:
        wanted = [parse_number(n)[0] for n in checks.collection(old_numbers, "old_numbers")]
        rows = [row for n in wanted for row in rows if row.old == n]
    records = [{"2017": row.old, "2026": row.new, "change": t(f"viewer.kind_{row.kind}"),
                "basis": basis(row), "naive": row.naive, "naive_ok": _naive_ok(row),
                "note": row.note()} for row in rows]
    table = pd.DataFrame.from_records(records, columns=["2017", "2026", "change", "basis",
                                                        "naive", "naive_ok", "note"])
    for column in ("2017", "2026", "naive"):
        table[column] = table[column].astype("Int64")
    return table.rename(columns={c: t(f"viewer.col_{c}") for c in table.columns[2:]})


def version_notes(article_id: str, lang: str | None = None) -> list[str]:
    """Where the rule of a CSL article is in the other version, and where its number now points.

    >>> any("Art. 23" in line for line in version_notes("csl-2026:21", lang="en"))
    True
    """
    law, _, key = checks.text(article_id, "id", max_chars=100).partition(":")
    checks.known(law, "law", tables.laws().index)
    if tables.laws().loc[law, "family"] != CSL:
        return []
    number, _ = parse_number(key)
    other = "csl-2026" if law == "csl-2017" else "csl-2017"
    moved = [row for row in counterparts(f"{other}:{number}") if row.old != row.new]
    lines = [row.describe(lang) for row in counterparts(article_id)] or [t("viewer.no_counterpart", lang)]
    if moved and law == "csl-2026":
        lines.append(t("viewer.number_moved_2026", lang, n=number,
                       new=", ".join(str(row.new) for row in moved if row.new)
                       or t("viewer.no_new", lang)))
    elif moved and law == "csl-2017":
        olds = ", ".join(str(row.old) for row in moved if row.old)
        lines.append(t("viewer.number_moved_2017", lang, n=number, old=olds) if olds
                     else t("viewer.number_new_2026", lang, n=number))
    return lines

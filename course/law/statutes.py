"""Look up statute text with its full citation, and which version is in force.

>>> a = article("csl", 21, version="2017")
>>> a.citation(lang="en")
"Cybersecurity Law of the People's Republic of China (2017 text), Art. 21"
>>> a.text.startswith("国家实行网络安全等级保护制度")
True
>>> current("csl", 68).number          # old Art. 68 is Art. 69 since 2026-01-01
69
>>> article("csl", "Art. 21", "2017").id == by_id("csl-2017:21").id == article("csl", "第二十一条", "2017").id
True
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..core import checks
from ..core.cnnum import int_to_cn
from ..core.errors import CourseError
from ..core.i18n import get_language, pick, t
from . import tables, translations
from .numbers import article_key, parse_number
from .text import Article, Paragraph


def law_id(law: str, version: str | int | None = None, on: str | None = None) -> str:
    """The id of a law version: ``law_id("csl", 2017)`` → ``"csl-2017"``.

    ``law`` is an id or a family; without a version, the version in force on ``on``
    (default: today) is chosen.
    """
    table = tables.laws()
    law = checks.text(law, "law", max_chars=100)
    if version is not None:
        version = checks.text(str(version) if isinstance(version, int) and not isinstance(version, bool)
                              else version, "version", max_chars=10)
    if on is not None:
        checks.text(on, "date", max_chars=10)
    if law in table.index and version is None:
        return law
    family = table.loc[law, "family"] if law in table.index else law
    rows = table[table["family"] == family]
    if rows.empty:
        raise CourseError(t("law.unknown", law=law, known=", ".join(sorted(set(table["family"])))))
    if version is not None:
        match = rows[rows["version"] == str(version)]
        if match.empty:
            raise CourseError(t("law.no_version", law=family, version=version,
                                known=", ".join(rows["version"])))
        return match.index[0]
    day = on or dt.date.today().isoformat()
    live = rows[(rows["in_force_from"] <= day) &
                ((rows["in_force_until"] == "") | (rows["in_force_until"] >= day))]
    chosen = live if not live.empty else rows
    return chosen.sort_values("in_force_from").index[-1]


def law_name(law: str, lang: str | None = None, short: bool = False) -> str:
    """The title (or short name) of a law version in the chosen language."""
    row = tables.laws().loc[law_id(law)]
    if short:
        return pick(row["short_zh"], row["short_en"], lang)
    return pick(f"《{row['title_zh']}》", row["title_en"], lang)


def status(law: str, lang: str | None = None) -> str:
    """Whether a law version is in force today, or until when and by what it was replaced."""
    row = tables.laws().loc[law_id(law)]
    sep = pick("，", ", ", lang)
    if not row["in_force_until"]:
        return t("law.in_force", lang) + sep + t("law.in_force_from", lang, date=row["in_force_from"])
    text = t("law.in_force_until", lang, date=row["in_force_until"])
    if row["superseded_by"]:
        newer = tables.laws().loc[row["superseded_by"], "version"]
        text += sep + t("law.superseded_by", lang, other=t("law.version_text", lang, year=newer))
    return text


@dataclass(frozen=True)
class Provision:
    """An article (or one paragraph or item of it) together with where it comes from."""

    article: Article
    paragraph_no: int | None = None
    item_no: int | None = None

    @property
    def law(self) -> str:
        return self.article.law

    @property
    def number(self) -> int:
        return self.article.number

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        """The exact text: the whole article, or the paragraph or item asked for."""
        if self.paragraph_no is None:
            return self.article.text
        paragraph: Paragraph = self.article.paragraph(self.paragraph_no)
        if self.item_no is None:
            return paragraph.full_text
        return self.article.item(self.paragraph_no, self.item_no)

    def paragraph(self, k: int) -> "Provision":
        """Paragraph (款) ``k`` of this article, e.g. ``article("iism", 14).paragraph(2)``."""
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= len(self.article.paragraphs):
            raise CourseError(t("law.no_paragraph", citation=self.citation(),
                                count=len(self.article.paragraphs), k=k))
        return Provision(self.article, k)

    def item(self, i: int) -> "Provision":
        """Item (项) ``i`` of this paragraph (of paragraph 1 if none was chosen)."""
        k = self.paragraph_no or 1
        items = self.article.paragraph(k).items
        if isinstance(i, bool) or not isinstance(i, int) or not 1 <= i <= len(items):
            raise CourseError(t("law.no_item", citation=self.citation(), count=len(items), i=i))
        return Provision(self.article, k, i)

    def citation(self, lang: str | None = None) -> str:
        """Law, version, article, paragraph and item, in the chosen language."""
        lang = lang or get_language()
        row = tables.laws().loc[self.article.law]
        version = t("law.version_text", lang, year=row["version"])
        parts = [f"{law_name(self.article.law, lang)}" + pick(f"（{version}）", f" ({version})", lang)]
        parts.append(pick(self.article.label, f"Art. {self.article.key}", lang))
        if self.paragraph_no is not None:
            parts.append(t("cite.paragraph", lang, k=pick(int_to_cn(self.paragraph_no),
                                                          self.paragraph_no, lang)))
        if self.item_no is not None:
            parts.append(t("cite.item", lang, i=pick(int_to_cn(self.item_no), self.item_no, lang)))
        return pick("".join(parts), ", ".join(parts), lang)

    def status(self, lang: str | None = None) -> str:
        """Whether the law version this comes from is in force today (see :func:`status`)."""
        return status(self.article.law, lang)

    def translation(self) -> str | None:
        """The course's English of what this shows (unofficial; the Chinese is authoritative), or None.

        >>> article("csl", 21, "2017").item(3).translation()[:24]
        '(3) taking technical mea'
        """
        return translations.translate(self.article, self.paragraph_no, self.item_no)

    def _english_lines(self) -> list[str]:
        """Label and English under the Chinese, in English mode only (nothing in Chinese mode)."""
        if get_language() != "en":
            return []
        english = self.translation()
        if english is None:
            return [t("translation.missing")]
        return [t("translation.label"), *english.splitlines()]

    def __str__(self) -> str:
        extra = self._english_lines()
        return f"{self.citation()}\n{self.text}" + ("\n\n" + "\n".join(extra) if extra else "")

    def _repr_markdown_(self) -> str:
        body = "\n".join(f"> {line}  " for line in self.text.splitlines())
        extra = self._english_lines()
        if extra:
            body += f"\n\n*{extra[0]}*\n\n" + "\n".join(f"> {line}  " for line in extra[1:])
        return f"**{self.citation()}**\n\n{body}\n\n*{status(self.article.law)}*"


def article(law: str, number: int | str, version: str | int | None = None) -> Provision:
    """Article ``number`` of ``law`` in ``version`` (default: the version in force today)."""
    lid = law_id(law, version)
    key = article_key(*parse_number(number))
    for candidate in tables.parsed(lid).articles:
        if candidate.key == key:
            return Provision(candidate)
    row = tables.laws().loc[lid]
    raise CourseError(t("law.no_article", law=pick(row["short_zh"], row["short_en"]),
                        version=row["version"], article=key,
                        count=len(tables.parsed(lid).articles)))


def by_id(article_id: str) -> Provision:
    """Look an article up by its id, e.g. ``by_id("csl-2017:21")``."""
    law, _, number = checks.text(article_id, "id", max_chars=100).partition(":")
    return article(law, number)


def current(law: str, old_number: int | str, old_version: str | int = "2017") -> Provision:
    """The article that holds an old-numbered rule today (Cybersecurity Law map)."""
    old_id = law_id(law, old_version)
    family = tables.laws().loc[old_id, "family"]
    number, _ = parse_number(old_number)
    if family != "csl":
        raise CourseError(t("law.not_mapped", law=law_name(old_id, short=True), article=number,
                            version=old_version))
    table = tables.article_map()
    rows = table[table["old_article_2017"] == number]
    if rows.empty or pd.isna(rows["new_article_2026"].iloc[0]):
        raise CourseError(t("law.not_mapped", law=law_name(old_id, short=True), article=number,
                            version=old_version))
    return article("csl", int(rows["new_article_2026"].iloc[0]), "2026")


def families(lang: str | None = None) -> list[tuple[str, str]]:
    """``(label, family)`` for every law whose text is cut into articles, in ``laws.csv`` order.

    >>> ("Cybersecurity Law", "csl") in families("en")
    True
    """
    table = tables.laws().loc[tables.article_laws()]
    seen: dict[str, str] = {}
    for row in table.itertuples():
        seen.setdefault(row.family, pick(row.short_zh, row.short_en, lang))
    return [(label, family) for family, label in seen.items()]


def versions(family: str, lang: str | None = None) -> list[tuple[str, str]]:
    """``(label, law id)`` for each version of a law family, oldest first.

    >>> [law for _, law in versions("csl")]
    ['csl-2017', 'csl-2026']
    """
    table = tables.laws().loc[tables.article_laws()]
    family = checks.text(family, "law", max_chars=100)
    rows = table[table["family"] == family].sort_values("in_force_from")
    if rows.empty:
        raise CourseError(t("law.unknown", law=family, known=", ".join(f for _, f in families())))
    return [(t("law.version_text", lang, year=row.version), row.id) for row in rows.itertuples()]

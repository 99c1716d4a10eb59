"""Parse a law file from ``data/laws/`` into articles, paragraphs (款) and items (项).

The files are Markdown copies of the official texts: a header, the marker
``<!-- INFO END -->``, then headings (编/章/节) and articles that each start a
line with their label, e.g. ``第二十一条 国家实行网络安全等级保护制度。…``.
Nothing is retyped: every text below is cut from the file.

>>> law = parse_law_text("<!-- INFO END -->\\n## 第一章 总则\\n第一条 甲。\\n\\n（一）乙；\\n\\n第二条 丙。", "x", "1")
>>> [a.number for a in law.articles]
[1, 2]
>>> law.articles[0].paragraphs[0].items
('（一）乙；',)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.cnnum import article_label, cn_to_int

INFO_END = "<!-- INFO END -->"
_NUM = "一二三四五六七八九十百千零〇"
# The label may carry a stray space before 条 (the 2018 Criminal Procedure Law file has
# "第一百二十八 条侦查人员…"); the label stored is the normalised one.
ARTICLE_RE = re.compile(rf"^第([{_NUM}]+) ?条(?:之([{_NUM}]+))?[ \u3000\t]*(.*)$")
HEADING_RE = re.compile(r"^(#+)\s+(.*)$")
ITEM_RE = re.compile(rf"^[（(]([{_NUM}]+)[）)]")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (款) of an article: its lead text and its items (项)."""

    text: str
    items: tuple[str, ...] = ()

    @property
    def full_text(self) -> str:
        """The paragraph with its items, one per line."""
        return "\n".join((self.text, *self.items))


@dataclass(frozen=True)
class Article:
    """One article of one version of a law, as cut from its file."""

    law: str
    version: str
    number: int
    sub: int
    label: str
    chapter: str
    section: str
    text: str
    paragraphs: tuple[Paragraph, ...] = field(repr=False, default=())

    @property
    def key(self) -> str:
        """The article number as written in ids: ``"21"`` or ``"253-1"``."""
        return f"{self.number}-{self.sub}" if self.sub else str(self.number)

    @property
    def id(self) -> str:
        """The article id used across the course's tables, e.g. ``"csl-2017:21"``."""
        return f"{self.law}:{self.key}"

    def paragraph(self, k: int) -> Paragraph:
        """Paragraph ``k`` (1-based) of the article."""
        if not 1 <= k <= len(self.paragraphs):
            raise LookupError(f"{self.id} has {len(self.paragraphs)} paragraph(s), not {k}")
        return self.paragraphs[k - 1]

    def item(self, k: int, i: int) -> str:
        """Item ``i`` (1-based) of paragraph ``k``."""
        items = self.paragraph(k).items
        if not 1 <= i <= len(items):
            raise LookupError(f"{self.id} para. {k} has {len(items)} item(s), not {i}")
        return items[i - 1]


@dataclass(frozen=True)
class ParsedLaw:
    """A parsed law file: its header, its articles, and every line of the body in order.

    ``segments`` holds ``(kind, text)`` pairs in file order, kind being ``"heading"``,
    ``"article"`` (label and text) or ``"other"`` (a preamble, an appendix, a stray line),
    so that joining the segments gives back the body.
    """

    header: str
    articles: tuple[Article, ...]
    segments: tuple[tuple[str, str], ...]
    body: str

    def other_text(self) -> str:
        """Everything in the body that is neither a heading nor an article."""
        return "\n".join(text for kind, text in self.segments if kind == "other")


def split_header(text: str) -> tuple[str, str]:
    """Split a law file into (header, body) at the ``<!-- INFO END -->`` marker."""
    if INFO_END not in text:
        raise ValueError(f"no {INFO_END} marker")
    header, body = text.split(INFO_END, 1)
    return header, body


def _paragraphs(lines: list[str]) -> tuple[Paragraph, ...]:
    paragraphs: list[Paragraph] = []
    for line in lines:
        if ITEM_RE.match(line) and paragraphs:
            last = paragraphs[-1]
            paragraphs[-1] = Paragraph(last.text, (*last.items, line))
        else:
            paragraphs.append(Paragraph(line))
    return tuple(paragraphs)


def clean_line(line: str) -> str:
    """Strip a line, zero-width spaces included (the 2023 Civil Procedure Law file has them)."""
    return line.replace("\u200b", "").strip()


def parse_law_text(text: str, law: str, version: str) -> ParsedLaw:
    """Parse the text of a law file into a :class:`ParsedLaw`."""
    header, body = split_header(text)
    articles: list[Article] = []
    segments: list[tuple[str, str]] = []
    chapter = section = ""
    current: dict | None = None
    in_appendix = False

    def close() -> None:
        nonlocal current
        if current is not None:
            lines = current.pop("lines")
            article = Article(text="\n".join(lines), paragraphs=_paragraphs(lines), **current)
            articles.append(article)
            segments.append(("article", article.label + article.text))
            current = None

    for raw in body.splitlines():
        line = clean_line(raw)
        if not line:
            continue
        heading = HEADING_RE.match(line)
        if heading:
            close()
            title = heading.group(2).strip()
            segments.append(("heading", line))
            if "附件" in title or "附录" in title:
                in_appendix = True
            elif re.match(rf"^第[{_NUM}]+节", title):
                section = title
            elif not in_appendix:
                chapter, section = title, ""
            continue
        match = None if in_appendix else ARTICLE_RE.match(line)
        if match:
            close()
            num, sub, rest = match.groups()
            number, sub_number = cn_to_int(num), cn_to_int(sub) if sub else 0
            current = dict(law=law, version=version, number=number, sub=sub_number,
                           label=article_label(number, sub_number),
                           chapter=chapter, section=section,
                           lines=[rest.strip()] if rest.strip() else [])
        elif current is not None:
            current["lines"].append(line)
        else:
            segments.append(("other", line))
    close()
    return ParsedLaw(header.strip(), tuple(articles), tuple(segments), body)

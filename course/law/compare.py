"""Two versions of one Cybersecurity Law rule side by side, with the differences found.

>>> c = compare(47)
>>> [p.id for p in c.old], [p.id for p in c.new], c.unchanged
(['csl-2017:47'], ['csl-2026:49'], True)
>>> segments("违反本法第四十七条", "违反本法第四十九条")
[('equal', '违反本法第四十', '违反本法第四十'), ('replace', '七', '九'), ('equal', '条', '条')]
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..core import checks
from ..display import statute_html
from .renumbering import CSL, MapRow, counterparts
from .search import normalise
from .statutes import Provision, article, law_id


def segments(old: str, new: str) -> list[tuple[str, str, str]]:
    """Character diff of two texts: ``(tag, old part, new part)``, tag equal/delete/insert/replace."""
    old = checks.text(old, "old", empty=True)
    new = checks.text(new, "new", empty=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


@dataclass(frozen=True)
class Comparison:
    """The 2017 and 2026 text of one Cybersecurity Law rule, side by side."""

    old: tuple[Provision, ...]
    new: tuple[Provision, ...]
    rows: tuple[MapRow, ...]

    @property
    def old_text(self) -> str:
        return "\n".join(p.text for p in self.old)

    @property
    def new_text(self) -> str:
        return "\n".join(p.text for p in self.new)

    @property
    def unchanged(self) -> bool:
        """Whether the words are the same (whitespace and punctuation width ignored)."""
        return normalise(self.old_text) == normalise(self.new_text)

    def segments(self) -> list[tuple[str, str, str]]:
        """The character diff of the two texts (see :func:`segments`)."""
        return segments(self.old_text, self.new_text)

    def html(self, lang: str | None = None, term: str | None = None) -> str:
        """A two-column table (``term`` marked on both sides); the map rows and their basis underneath."""
        term = None if term is None else checks.text(term, "term", empty=True)
        return statute_html.comparison_html(self, lang, term)

    def __repr__(self) -> str:
        old = " + ".join(p.id for p in self.old) or "-"
        new = " + ".join(p.id for p in self.new) or "-"
        return f"Comparison({old} → {new})"

    def _repr_html_(self) -> str:
        return self.html()


def compare(number: int | str, version: str | int = "2017") -> Comparison:
    """The Cybersecurity Law rule numbered ``number`` in ``version``, 2017 text beside 2026 text.

    >>> [p.id for p in compare(71, "2026").old]
    ['csl-2017:64', 'csl-2017:66', 'csl-2017:70']
    """
    lid = law_id(CSL, version)
    here = article(CSL, number, version)
    rows = counterparts(here.id)
    if lid == "csl-2017":
        old = (here,)
        new = tuple(article(CSL, n, "2026") for n in dict.fromkeys(r.new for r in rows if r.new))
    else:
        new = (here,)
        old = tuple(article(CSL, n, "2017") for n in sorted({r.old for r in rows if r.old}))
    return Comparison(old=old, new=new, rows=tuple(rows))

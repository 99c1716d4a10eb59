"""The law texts: parsed from ``data/laws/``, looked up with their full citation.

What a lesson calls, all from here::

    course.law.article("csl", 21, "2017")      # a provision, shown with law, version, article
    course.law.by_id("csl-2017:21")
    course.law.current("csl", 68)              # where old Art. 68's rule is today (Art. 69)
    course.law.status("csl-2017")              # in force? until when, replaced by what
    course.law.count_word("csl", "保存", "2017")
    course.law.compare(47)                     # 2017 beside 2026, differences marked
    course.law.renumbering([21, 41])           # the article map as a table
    course.law.articles()                      # every article of every law (a DataFrame)
    course.law.glossary("立案")                 # the course's zh–en glossary of legal terms

Modules: :mod:`~course.law.text` (the parser), :mod:`~course.law.tables` (the tables),
:mod:`~course.law.numbers` (reading article numbers), :mod:`~course.law.statutes`
(look-ups), :mod:`~course.law.translations` (the course's English), :mod:`~course.law.glossary`,
:mod:`~course.law.search` (finding and counting words),
:mod:`~course.law.renumbering` and :mod:`~course.law.compare` (2017 → 2026).
"""
from __future__ import annotations

from .compare import Comparison, compare, segments
from .glossary import Term, glossary
from .numbers import article_key, parse_number
from .renumbering import MapRow, counterparts, map_rows, renumbering, version_notes
from .search import (
    contains,
    count_readings,
    count_word,
    keyword_chart,
    keyword_figure,
    keyword_table,
    normalise,
    search_laws,
    split_words,
)
from .statutes import Provision, article, by_id, current, families, law_id, law_name, status, versions
from .tables import article_laws, article_map, articles, law_list, laws, parsed

__all__ = [
    "Comparison", "MapRow", "Provision", "Term", "glossary", "article", "article_key", "article_laws", "article_map",
    "articles", "by_id", "compare", "contains", "count_readings", "count_word", "counterparts",
    "current", "families", "keyword_chart", "keyword_figure", "keyword_table", "law_id", "law_list",
    "law_name", "laws", "map_rows", "normalise", "parse_number", "parsed", "renumbering",
    "search_laws", "segments", "split_words", "status", "version_notes", "versions",
]

"""The article's claims, their verdicts and reasons, what it leaves out, and the sources cited.

What a lesson calls::

    course.claims.claims()            # every claim (a DataFrame), in article order
    course.claims.claim("C08")        # one claim
    course.claims.overview("03")      # the claims a lesson examines, for reading
    course.claims.verdict_chart()     # verdicts per claim type
    course.claims.article_text()      # the article, exactly as shipped
    course.claims.sources()           # the sources the course cites

Modules: :mod:`~course.claims.article` (the article and its quotes), :mod:`~course.claims.sources`,
:mod:`~course.claims.table` (claims, verdicts, omissions, fragments) and
:mod:`~course.claims.charts`.
"""
from __future__ import annotations

from .article import article_text, in_context
from .charts import verdict_chart, verdict_figure
from .gloss import article_gloss
from .sources import sources
from .table import (
    ID_COLUMNS,
    IN_FORCE,
    LESSONS,
    PHRASE_RE,
    TYPES,
    claim,
    claims,
    for_lesson,
    fragment_table,
    fragments,
    lesson_label,
    omission_table,
    omissions,
    overview,
    provisions,
    quote_context,
    quote_html,
    reasons,
    split_ids,
    summary,
    type_choices,
    type_label,
    type_table,
    uncertain,
    verdict_choices,
    verdict_counts,
    verdict_definition,
    verdict_label,
    verdict_options,
    verdict_table,
    verdicts,
)

__all__ = ["article_gloss", "article_text", "in_context", "sources", "verdict_chart", "verdict_figure",
           "TYPES", "LESSONS", "IN_FORCE", "PHRASE_RE", "ID_COLUMNS", "split_ids", "verdicts", "verdict_label", "verdict_definition", "verdict_choices", "type_choices", "verdict_options", "type_label", "lesson_label", "claims", "claim", "omissions", "fragments", "quote_context", "quote_html", "provisions", "reasons", "summary", "uncertain", "for_lesson", "overview", "verdict_counts", "type_table", "verdict_table", "omission_table", "fragment_table"]

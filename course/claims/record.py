"""Readable records: one claim as a card, a quote in its context (instead of pandas or tuple reprs).

>>> ctx = QuoteContext("…前", "引文", "后…")
>>> str(ctx)
'…前【引文】后…'
>>> before, quote, after = ctx
"""
from __future__ import annotations

import html
from typing import NamedTuple

import pandas as pd

from ..core.i18n import get_language


class QuoteContext(NamedTuple):
    """A quote with the article's text before and after it; shows as text, unpacks as three strings."""

    before: str
    quote: str
    after: str

    def __str__(self) -> str:
        return f"{self.before}【{self.quote}】{self.after}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return (f"<blockquote>{html.escape(self.before)}<mark>{html.escape(self.quote)}</mark>"
                f"{html.escape(self.after)}</blockquote>").replace("\n", "<br>")


class ClaimRecord(pd.Series):
    """One row of the claims table that shows as a card (HTML) or readable text, not a cut Series.

    It is still a ``pandas.Series``: ``record["verdict"]`` works as before.
    """

    #: ``(label, text)`` lines of the card in a language; set by :mod:`course.claims.table`.
    card_lines = None

    def _lines(self, lang: str) -> list[tuple[str, str]]:
        return type(self).card_lines(self, lang)

    def __repr__(self) -> str:
        lang = get_language()
        sep = "：" if lang == "zh" else ": "
        return "\n".join([str(self["id"])] + [f"{k}{sep}{v}" for k, v in self._lines(lang)])

    def _repr_html_(self) -> str:
        lang = get_language()
        rows = "".join(f"<tr><th style='text-align:left;vertical-align:top'>{html.escape(k)}</th>"
                       f"<td style='text-align:left;white-space:pre-wrap'>{html.escape(v)}</td></tr>"
                       for k, v in self._lines(lang))
        return (f"<div class='claim-record' data-claim='{html.escape(str(self['id']))}' lang='{lang}'>"
                f"<b>{html.escape(str(self['id']))}</b><table>{rows}</table></div>")

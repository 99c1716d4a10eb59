"""How answers are compared: numbers, text and table cells, the same way by every kind.

>>> normalise_text("  Ｃｓｌ-2026:23 ")
'csl-2026:23'
>>> loose_text("《网络安全法》 第二十三条。") == loose_text("网络安全法第二十三条")
True
>>> same_cell(1, 1.0, 1e-9), same_cell("1", 1, 1e-9)
(True, False)
"""
from __future__ import annotations

import math
import re
import unicodedata

_NOT_A_WORD = re.compile(r"[\W_]+")


def is_number(value: object) -> bool:
    """Whether ``value`` is a plain int or float (a bool is not a number here)."""
    return type(value) in (int, float)


def normalise_text(text: str) -> str:
    """Compare text ignoring case, width, surrounding space and doubled spaces."""
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    return re.sub(r"\s+", " ", text)


def loose_text(text: str) -> str:
    """Text with case, width, spaces and punctuation ignored: for matching anticipated answers."""
    return _NOT_A_WORD.sub("", normalise_text(text))


class TextMistakes:
    """How a text exercise reads its anticipated answers and matches a learner's text to one.

    >>> m = TextMistakes(); m.same_answer("Outdated!", m.parse_anticipated("outdated"))
    True
    """

    def parse_anticipated(self, text: str):
        if not loose_text(text):
            raise ValueError("an empty answer")
        return text

    def same_answer(self, value, anticipated) -> bool:
        return isinstance(value, str) and loose_text(value) == loose_text(anticipated)


def same_cell(x: object, y: object, tolerance: float) -> bool:
    """Two table cells (or function results) are the same: numbers within ``tolerance``, else equal."""
    if is_number(x) and is_number(y) and type(x) is not bool and type(y) is not bool:
        if math.isnan(x) or math.isnan(y):
            return math.isnan(x) and math.isnan(y)
        return abs(x - y) <= tolerance * max(1.0, abs(y))
    if type(x) is not type(y) and not (is_number(x) and is_number(y)):
        return False
    return x == y

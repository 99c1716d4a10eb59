"""Checks for what a learner passes to the course: one function per kind of argument.

Each raises a :class:`~course.core.errors.CourseError` (or the kind given) with a message in
the notebook's language, so a wrong argument is answered by a sentence, never a traceback.

>>> number(2.5, "users"), text(" 保存 ", "word"), language("en")
(2.5, '保存', 'en')
>>> try:
...     known("cls-2017", "law", ["csl-2017", "pipl-2021"])
... except CourseError as error:
...     "csl-2017？" in str(error)
True
"""
from __future__ import annotations

import difflib
import math
from typing import Iterable

from .errors import CourseError
from .i18n import LANGUAGES, get_language, t

MAX_CHARS = 2000


def shown(value: object, width: int = 40) -> str:
    """A value as a message quotes it: short, whatever it is.

    >>> shown("9" * 5000)[-3:]
    '99…'
    """
    try:
        text = repr(value)
    except Exception:   # a value whose repr itself fails
        text = object.__repr__(value)
    return text if len(text) <= width else text[:width - 1] + "…"


def language(lang: object) -> str:
    """``"zh"`` or ``"en"``; ``None`` means the notebook's language."""
    if lang is None:
        return get_language()
    if not isinstance(lang, str) or lang not in LANGUAGES:
        raise CourseError(t("lang.bad", value=lang[:40] if isinstance(lang, str) else lang))
    return lang


def number(value: object, what: str, *, low: float | None = None, high: float | None = None,
           error: type[CourseError] = CourseError) -> float:
    """A finite real number (not a bool, not text), within ``[low, high]`` when given."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise error(t("checks.not_number", what=what, value=shown(value)))
    try:
        as_float = float(value)
    except OverflowError:
        as_float = math.inf
    if not math.isfinite(as_float):
        raise error(t("checks.not_finite", what=what, value=shown(value)))
    if (low is not None and as_float < low) or (high is not None and as_float > high):
        raise error(t("checks.out_of_range", what=what, value=shown(value), low=low, high=high))
    return value


def text(value: object, what: str, *, max_chars: int = MAX_CHARS, empty: bool = False,
         error: type[CourseError] = CourseError) -> str:
    """A string of at most ``max_chars`` characters, stripped; non-empty unless ``empty``."""
    if not isinstance(value, str):
        raise error(t("checks.not_text", what=what, value=shown(value)))
    if len(value) > max_chars:
        raise error(t("checks.too_long", what=what, n=len(value), max=max_chars))
    if not empty and not value.strip():
        raise error(t("checks.empty_text", what=what))
    return value.strip()


def known(value: object, what: str, choices: Iterable[str],
          error: type[CourseError] = CourseError) -> str:
    """One of ``choices``; otherwise the message lists them and suggests the closest."""
    choices = [str(c) for c in choices]
    if isinstance(value, str) and value in choices:
        return value
    close = difflib.get_close_matches(value, choices, n=3) if isinstance(value, str) and len(value) < 100 else []
    hint = t("checks.did_you_mean", close=", ".join(close)) if close else ""
    raise error(t("checks.unknown", what=what, value=shown(value), hint=hint, known=", ".join(choices)))


def lesson(value: object, choices: Iterable[str]) -> str:
    """A lesson number as ``"02"``: accepts ``2``, ``"2"`` or ``"02"`` when it is one of ``choices``."""
    choices = list(choices)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 100:
        value = f"{value:02d}"
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 2:
        value = value.strip().zfill(2)
    return known(value, t("checks.what_lesson"), choices)


def collection(value: object, what: str, max_len: int = 1000) -> list:
    """A list, tuple, set, range or Series (not a text, not a dict) as a list of at most ``max_len``."""
    if isinstance(value, (str, bytes, dict)) or not isinstance(value, (list, tuple, set, frozenset, range)) \
            and type(value).__name__ != "Series":
        raise CourseError(t("checks.not_list", what=what, value=shown(value)))
    if len(value) > max_len:
        raise CourseError(t("checks.too_long", what=what, n=len(value), max=max_len))
    return list(value)


def instance(value: object, kind: type, what: str) -> object:
    """``value`` if it is a ``kind`` (e.g. the result of ``estimate()``), else a clear error."""
    if not isinstance(value, kind):
        raise CourseError(t("checks.wrong_kind", what=what, value=shown(value)))
    return value

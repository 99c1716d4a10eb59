"""Article numbers as people write them, read in one place.

Every look-up that takes an article number reads it here: ``21``, ``"21"``, ``"253-1"``,
``"第二十一条"``, ``"第二百五十三条之一"``, ``"253之一"``, ``"Art. 21"``, ``"Article 47"``.

>>> parse_number("第二十一条"), parse_number(" Art. 253-1 "), parse_number("253之一")
((21, 0), (253, 1), (253, 1))
>>> article_key(253, 1), article_key(21)
('253-1', '21')
"""
from __future__ import annotations

import re

from ..core.cnnum import cn_to_int
from ..core.errors import CourseError
from ..core.i18n import t

_LATIN = re.compile(r"^(?:art(?:icle)?\.?\s*)?(\d{1,4})(?:\s*(?:-|之)\s*(\d{1,2}|[一二三四五六七八九十]{1,3}))?$", re.IGNORECASE)
_CN = re.compile(r"^第?([一二三四五六七八九十百千零〇两]{1,8})条?(?:之([一二三四五六七八九十]{1,3}|\d{1,2}))?$")
_MAX = 9999


def parse_number(value: object) -> tuple[int, int]:
    """``(article, sub-article)`` from what a reader wrote; a clear error for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise CourseError(t("law.bad_article_ref", value=_shown(value)))
    if isinstance(value, int):
        if not 0 < value <= _MAX:
            raise CourseError(t("law.bad_article_ref", value=value))
        return value, 0
    text = value.strip().replace("\u3000", " ")
    match = _LATIN.match(text) or _CN.match(text.replace(" ", ""))
    if not match:
        raise CourseError(t("law.bad_article_ref", value=_shown(value)))
    number, sub = (_digits(part) for part in match.groups(default=""))
    if not 0 < number <= _MAX:
        raise CourseError(t("law.bad_article_ref", value=_shown(value)))
    return number, sub


def article_key(number: int, sub: int = 0) -> str:
    """The key of an article inside an id: ``21`` or ``253-1`` (as in ``csl-2017:21``)."""
    return f"{number}-{sub}" if sub else str(number)


def _digits(part: str) -> int:
    if not part:
        return 0
    return int(part) if part.isdigit() else cn_to_int(part)


def _shown(value) -> str:
    """A value as an error message quotes it: short, whatever it is."""
    text = repr(value)
    return value if len(text) <= 40 else text[:37] + "…"

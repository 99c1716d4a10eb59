"""Chinese numerals as used in article labels (第二百五十三条之一).

>>> cn_to_int("二百五十三")
253
>>> int_to_cn(1032)
'一千零三十二'
>>> article_label(253, 1)
'第二百五十三条之一'
"""
from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_DIGIT_CHARS = "零一二三四五六七八九"


def cn_to_int(text: str) -> int:
    """Convert a Chinese numeral below ten thousand to an int (``"十二"`` → 12)."""
    if not text:
        raise ValueError("empty numeral")
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)


def int_to_cn(number: int) -> str:
    """Convert 1..9999 to the Chinese numeral used in statute labels (12 → ``"十二"``)."""
    if not 0 < number < 10000:
        raise ValueError(f"out of range: {number}")
    parts, zero_pending = [], False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit_value % 10
        if digit == 0:
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(_DIGIT_CHARS[digit] + unit)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def article_label(number: int, sub: int = 0) -> str:
    """The Chinese label of an article: ``article_label(21)`` → ``"第二十一条"``."""
    label = f"第{int_to_cn(number)}条"
    return label + (f"之{int_to_cn(sub)}" if sub else "")

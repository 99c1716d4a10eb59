"""Units and formatting: bytes in B, KB … EB and KiB … EiB, counts in 万/亿 or million/billion.

>>> format_bytes(to_bytes(2.96, "MB"))
'2.96 MB'
>>> format_bytes(2**30, binary=True)
'1.00 GiB'
"""
from __future__ import annotations

import math

from ..core import checks
from ..core.errors import StorageInputError
from ..core.i18n import t

SI_UNITS = ("B", "KB", "MB", "GB", "TB", "PB", "EB")
IEC_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB")
UNITS = {**{u: 1000 ** i for i, u in enumerate(SI_UNITS)},
         **{u: 1024 ** i for i, u in enumerate(IEC_UNITS)}}


def _unit_factor(unit: str) -> int:
    if not isinstance(unit, str) or unit not in UNITS:
        raise StorageInputError(t("storage.error.unit", unit=unit, known=", ".join(UNITS)))
    return UNITS[unit]


def to_bytes(value: float, unit: str) -> float:
    """``value`` in ``unit`` as bytes: ``to_bytes(1, "KiB") == 1024``, ``to_bytes(1, "KB") == 1000``.

    >>> to_bytes(2, "MiB")
    2097152
    """
    value = checks.number(value, "value", low=-1e30, high=1e30, error=StorageInputError)
    return value * _unit_factor(unit)


def from_bytes(n_bytes: float, unit: str) -> float:
    """``n_bytes`` expressed in ``unit``.

    >>> from_bytes(3_000_000, "MB"), round(from_bytes(3_000_000, "MiB"), 3)
    (3.0, 2.861)
    """
    n_bytes = checks.number(n_bytes, "n_bytes", error=StorageInputError)
    return n_bytes / _unit_factor(unit)


def _three_digits(x: float) -> str:
    """Three significant digits, no exponent: 2.96, 29.6, 296."""
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def format_bytes(n_bytes: float, binary: bool = False) -> str:
    """A byte count for people: three significant digits and the largest fitting unit.

    Decimal units (KB = 1000 B) by default, binary ones (KiB = 1024 B) with ``binary=True``.

    >>> format_bytes(2_611_054), format_bytes(2_611_054, binary=True)
    ('2.61 MB', '2.49 MiB')
    >>> format_bytes(999_999), format_bytes(0), format_bytes(512)
    ('1.00 MB', '0 B', '512 B')
    """
    n_bytes = checks.number(n_bytes, "n_bytes", low=0, error=StorageInputError)
    units, base = (IEC_UNITS, 1024) if binary else (SI_UNITS, 1000)
    if n_bytes < 0 or not math.isfinite(n_bytes):
        raise StorageInputError(t("storage.error.bytes", value=n_bytes))
    if n_bytes < base:
        return f"{n_bytes:.0f} B" if n_bytes >= 1 or n_bytes == 0 else f"{n_bytes:.2g} B"
    value, i = float(n_bytes), 0
    while value >= base and i < len(units) - 1:
        value /= base
        i += 1
    text = _three_digits(value)
    if float(text) >= base and i < len(units) - 1:   # 999.9 KB rounds up to 1000 KB -> 1.00 MB
        value, i = value / base, i + 1
        text = _three_digits(value)
    return f"{text} {units[i]}"


def format_count(n: float, lang: str | None = None) -> str:
    """A large count in words: 万/亿 in Chinese, million/billion in English.

    >>> format_count(1.2e9, "zh"), format_count(1.2e9, "en")
    ('12.0亿', '1.20 billion')
    >>> format_count(38e9, "zh"), format_count(5400, "en")
    ('380亿', '5,400')
    """
    lang = checks.language(lang)
    n = float(checks.number(n, "n", error=StorageInputError))
    if not math.isfinite(n):
        return str(n)
    steps = ((1e12, "storage.count.trillion"), (1e8, "storage.count.yi"), (1e4, "storage.count.wan")) \
        if lang == "zh" else \
        ((1e12, "storage.count.trillion"), (1e9, "storage.count.billion"), (1e6, "storage.count.million"))
    for size, key in steps:
        if abs(n) >= size:
            return t(key, lang=lang, n=_three_digits(abs(n) / size)) if n > 0 else \
                "-" + t(key, lang=lang, n=_three_digits(abs(n) / size))
    if abs(n) >= 1000 or n == int(n):
        return f"{float(f'{n:.3g}'):,.0f}"
    return f"{n:.3g}"


def format_usd(amount: float, lang: str | None = None) -> str:
    """An amount of US dollars in words.

    >>> format_usd(48_000, "zh"), format_usd(48_000, "en")
    ('4.80万美元', 'US$48,000')
    """
    amount = checks.number(amount, "amount", error=StorageInputError)
    return t("storage.usd", lang=lang, amount=format_count(amount, lang))

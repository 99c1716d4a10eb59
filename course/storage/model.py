"""The volume model of lesson 02: a day of WeChat text, kept for a while, on drives or in the cloud.

:func:`estimate` applies
users × messages per user per day × characters per message × bytes per character
× (1 − compression saving) + media, kept for a retention period, with every input checked
(:mod:`course.storage.params`). Bad input raises :class:`~course.core.errors.StorageInputError`
in the notebook's language, naming the parameter and the allowed range.

>>> e = estimate(users=1.2e9, messages_per_user=40, chars_per_message=20, bytes_per_char=3)
>>> format_bytes(e.bytes_per_day)
'2.88 TB'
"""
from __future__ import annotations

import dataclasses
import math

import pandas as pd

from ..core import checks
from ..core.errors import StorageInputError
from ..core.i18n import t
from .params import defaults, params
from .units import format_bytes, format_count, format_usd

DAYS_PER_YEAR = 365
GB = 10 ** 9
TB = 10 ** 12


@dataclasses.dataclass(frozen=True)
class Estimate:
    """Result of :func:`estimate` (bytes are decimal; money in US dollars)."""

    inputs: dict
    text_bytes_per_day: float
    media_bytes_per_day: float
    bytes_per_day: float
    bytes_per_year: float
    stored_bytes: float          # kept for ``retention_days`` (one copy)
    raw_bytes: float             # stored × copies: what sits on drives
    drives: int
    drive_cost_usd: float        # buying the drives for ``raw_bytes``
    cloud_usd_per_month: float   # renting cloud storage for ``stored_bytes``
    year_drive_cost_usd: float   # one year of volume (× copies) on drives
    year_cloud_usd_per_month: float   # one year of volume in the cloud, per month


def check_inputs(**values) -> dict[str, float]:
    """Every model input checked, defaults filled in: ``{name: float}``.

    >>> check_inputs(users=10)["users"]
    10.0
    >>> check_inputs(compression_pct=120)
    Traceback (most recent call last):
    ...
    course.core.errors.StorageInputError: 参数“压缩节省的比例”（compression_pct）超出允许范围：0 ≤ compression_pct < 100，而输入的是 120。
    """
    unknown = [name for name in values if name not in params()]
    if unknown:
        raise StorageInputError(t("storage.error.unknown_param", names=", ".join(unknown),
                                  known=", ".join(params())))
    merged = {**defaults(), **values}
    return {name: params()[name].check(merged[name]) for name in params()}


def estimate(**values) -> Estimate:
    """Daily and yearly volume, storage for the retention period, drives and money.

    Any input not given takes its default (see :func:`defaults`)::

        text per day  = users × messages_per_user × chars_per_message × bytes_per_char
                        × (1 − compression_pct / 100)
        media per day = users × messages_per_user × media_share_pct / 100 × media_kb × 1000
        stored        = per day × retention_days;  on drives: stored × copies

    >>> e = estimate(users=0)
    >>> e.bytes_per_day, e.drives
    (0.0, 0)
    >>> format_bytes(estimate(users=1e9, messages_per_user=10, chars_per_message=10,
    ...                       bytes_per_char=3).bytes_per_day)
    '300 GB'
    """
    p = check_inputs(**values)
    messages = p["users"] * p["messages_per_user"]
    text = messages * p["chars_per_message"] * p["bytes_per_char"] * (1 - p["compression_pct"] / 100)
    media = messages * p["media_share_pct"] / 100 * p["media_kb"] * 1000
    per_day = text + media
    stored = per_day * p["retention_days"]
    raw = stored * p["copies"]
    year = per_day * DAYS_PER_YEAR
    drive_bytes = p["drive_tb"] * TB
    return Estimate(
        inputs=p, text_bytes_per_day=text, media_bytes_per_day=media, bytes_per_day=per_day,
        bytes_per_year=year, stored_bytes=stored, raw_bytes=raw,
        drives=math.ceil(raw / drive_bytes) if raw > 0 else 0,
        drive_cost_usd=raw / GB * p["drive_usd_per_gb"],
        cloud_usd_per_month=stored / GB * p["cloud_usd_per_gb_month"],
        year_drive_cost_usd=year * p["copies"] / GB * p["drive_usd_per_gb"],
        year_cloud_usd_per_month=year / GB * p["cloud_usd_per_gb_month"],
    )


def summary(result: Estimate, lang: str | None = None) -> pd.DataFrame:
    """A two-column table of an :class:`Estimate`, formatted for people.

    >>> summary(estimate(users=0), "en").iloc[0, 1]
    '0 B'
    """
    checks.instance(result, Estimate, "result")
    rows = [
        ("per_day", format_bytes(result.bytes_per_day)),
        ("text_per_day", format_bytes(result.text_bytes_per_day)),
        ("media_per_day", format_bytes(result.media_bytes_per_day)),
        ("per_year", format_bytes(result.bytes_per_year)),
        ("stored", format_bytes(result.stored_bytes)),
        ("drives", format_count(result.drives, lang)),
        ("drive_cost", format_usd(result.drive_cost_usd, lang)),
        ("cloud_cost", format_usd(result.cloud_usd_per_month, lang)),
    ]
    return pd.DataFrame({t("storage.col.quantity", lang=lang): [t(f"storage.result.{k}", lang=lang) for k, _ in rows],
                         t("storage.col.value", lang=lang): [v for _, v in rows]})

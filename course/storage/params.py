"""The storage model's inputs: checked parameters and the sourced figures they come from.

Every input has a name, an allowed range and a default; the defaults and the anchors
(:func:`mau_series`, :func:`video_bytes_per_day`) are read from ``course.storage.figures()``,
so each carries its unit, as-of date and source (:func:`cite`).

>>> params()["users"].check(1.2e9)
1200000000.0
>>> cite("hlm_chars", "en").startswith("882440 characters")
True
"""
from __future__ import annotations

import dataclasses
import functools
import math
import numbers

import pandas as pd

from ..core import checks
from ..core.bilingual import check_pairs
from ..core.errors import StorageInputError
from ..core.i18n import LANGUAGES, get_language, t
from ..core.tables import read_table
from .figures import figures, reliability_label
from .units import format_count


@dataclasses.dataclass(frozen=True)
class Param:
    """One input of the model: allowed range, default, and where the default comes from."""

    name: str
    min: float
    max: float
    min_open: bool
    max_open: bool
    integer: bool
    basis: str            # "figure", "derived", "measured" or "assumption"
    figures: tuple[str, ...]
    default: float
    texts: dict = dataclasses.field(default_factory=dict, compare=False)   # unit_zh, basis_en, source_zh, …

    @property
    def label(self) -> str:
        """The parameter's name in the notebook's language."""
        return t(f"storage.param.{self.name}")

    @property
    def unit(self) -> str:
        """The parameter's unit in the notebook's language (``storage-assumptions.csv``)."""
        return self.text("unit") or t(f"storage.unit.{self.name}")

    def text(self, column: str, lang: str | None = None) -> str:
        """``unit``, ``basis`` or ``source`` of ``storage-assumptions.csv`` in ``lang``; "" if none.

        >>> params()["copies"].text("unit", "en")
        'copies'
        """
        return self.texts.get(f"{column}_{lang or get_language()}", "")

    def range_text(self) -> str:
        """The allowed range in maths notation, e.g. ``0 ≤ compression_pct < 100``."""
        low = "<" if self.min_open else "≤"
        high = "<" if self.max_open else "≤"
        return f"{_plain(self.min)} {low} {self.name} {high} {_plain(self.max)}"

    def check(self, value) -> float:
        """``value`` as a float if it is allowed, else :class:`StorageInputError`.

        >>> params()["compression_pct"].check(30)
        30.0
        """
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise StorageInputError(t("storage.error.not_number", name=self.name, label=self.label,
                                      value=value, range=self.range_text()))
        try:
            number = float(value)
        except OverflowError:      # an int too large for a float
            number = math.inf
        if not math.isfinite(number):
            raise StorageInputError(t("storage.error.not_finite", name=self.name, label=self.label,
                                      value=value, range=self.range_text()))
        too_low = number <= self.min if self.min_open else number < self.min
        too_high = number >= self.max if self.max_open else number > self.max
        if too_low or too_high:
            raise StorageInputError(t("storage.error.out_of_range", name=self.name, label=self.label,
                                      value=_plain(number), range=self.range_text()))
        if self.integer and number != int(number):
            raise StorageInputError(t("storage.error.not_integer", name=self.name, label=self.label,
                                      value=_plain(number), range=self.range_text()))
        return number


def _plain(x: float) -> str:
    """A number without a trailing ``.0``: ``_plain(100.0) == '100'``, ``_plain(1e11) == '1e+11'``."""
    return f"{x:g}"


ASSUMPTION_SCHEMA = {"param": "str", "default": "str?", "min": "str", "max": "str", "min_open": "in:yes|no",
                     "max_open": "in:yes|no", "integer": "in:yes|no",
                     "basis": "in:figure|derived|measured|assumption", "figures": "str?",
                     "unit_zh": "str", "unit_en": "str", "basis_zh": "str", "basis_en": "str",
                     "source_zh": "str", "source_en": "str"}

# Defaults that come from the figures table, with the arithmetic written out.
_FROM_FIGURES = {
    "users": lambda f: f("wechat_mau_2025q4") * 1e6,                      # million accounts
    "messages_per_user": lambda f: round(f("wechat_msgs_per_day_2017_09") * 1e9
                                         / (f("wechat_mau_2017q3") * 1e6), 1),
    "bytes_per_char": lambda f: f("utf8_bytes_per_cjk_bmp_char"),
    "drive_tb": lambda f: f("hdd_largest_shipping_2024_12"),
    "drive_usd_per_gb": lambda f: f("backblaze_hdd_cost_2022_11"),
    "cloud_usd_per_gb_month": lambda f: f("aws_s3_standard_price"),
}


def _figure(key: str) -> float:
    row = figures().loc[key]
    if row["reliability"] == "unconfirmed" or math.isnan(row["number"]):
        raise ValueError(f"figure {key!r} is unconfirmed or not a number: not usable as a default")
    return float(row["number"])


@functools.cache
def params() -> dict[str, Param]:
    """The model's inputs by name, read from ``data/storage-assumptions.csv`` (defaults from the figures).

    >>> params()["compression_pct"].range_text()
    '0 ≤ compression_pct < 100'
    """
    table = read_table("storage-assumptions.csv", ASSUMPTION_SCHEMA, unique="param")
    rows = table.to_dict("records")
    check_pairs(rows, ("unit", "basis", "source"), "storage-assumptions.csv")
    params = {}
    for row in rows:
        name = row["param"]
        if name in _FROM_FIGURES:
            default = float(_FROM_FIGURES[name](_figure))
        else:
            default = float(row["default"])
        params[name] = Param(
            name=name, min=float(row["min"]), max=float(row["max"]),
            min_open=row["min_open"] == "yes", max_open=row["max_open"] == "yes",
            integer=row["integer"] == "yes", basis=row["basis"],
            figures=tuple(row["figures"].split()), default=default,
            texts={f"{n}_{lang}": row[f"{n}_{lang}"] for n in ("unit", "basis", "source") for lang in LANGUAGES})
    return params




def defaults() -> dict[str, float]:
    """The model's default inputs: sourced figures where there are any, labelled assumptions otherwise.

    >>> d = defaults()
    >>> d["users"], d["messages_per_user"], d["bytes_per_char"]
    (1418000000.0, 38.8, 3.0)
    """
    return {name: p.default for name, p in params().items()}


def default_sources() -> pd.DataFrame:
    """Where each default comes from: parameter, value, unit, basis and why, figure keys, as-of, source, reliability.

    Column names and the basis (“假设” / “assumption”) are in the notebook's language.

    >>> default_sources().shape[0] == len(params())
    True
    """
    figs = figures()
    rows = []
    for p in params().values():
        known = [k for k in p.figures if k in figs.index]
        rows.append({
            t("storage.col.param"): p.label,
            t("storage.col.default"): format_count(p.default) if p.default >= 1e4 else _plain(p.default),
            t("storage.col.unit"): p.unit,
            t("storage.col.basis"): t(f"storage.basis.{p.basis}"),
            t("storage.col.why"): p.text("basis"),
            t("storage.col.figures"): ", ".join(known),
            t("storage.col.as_of"): "; ".join(figs.loc[k, "as_of"] for k in known),
            t("storage.col.source"): "; ".join(figure_row(k)["source"] for k in known) or p.text("source"),
            t("storage.col.reliability"): "; ".join(reliability_label(figs.loc[k, "reliability"]) for k in known),
        })
    return pd.DataFrame(rows)


def _check_named(name: str, value, low: float, high: float, min_open: bool = False) -> float:
    """Check a value against a range for a parameter that is not in :func:`params`."""
    if name in params():
        return params()[name].check(value)
    param = Param(name=name, min=low, max=high, min_open=min_open, max_open=False, integer=False,
                  basis="", figures=(), default=low)
    return param.check(value)


def mau_series(include_low: bool = True) -> pd.DataFrame:
    """Weixin+WeChat monthly active accounts (millions) by quarter end, from the figures table.

    Unconfirmed rows are left out; ``include_low=False`` also drops “low” reliability rows.

    >>> s = mau_series()
    >>> s.iloc[0]["date"].year, float(s.iloc[-1]["million"])
    (2013, 1418.0)
    """
    figs = figures()
    rows = figs[figs["key"].str.startswith("wechat_mau_20") & (figs["reliability"] != "unconfirmed")]
    if not include_low:
        rows = rows[rows["reliability"] != "low"]
    out = pd.DataFrame({"key": rows["key"].to_numpy(), "date": pd.to_datetime(rows["as_of"].to_numpy()),
                        "million": rows["number"].to_numpy(dtype=float),
                        "source": rows["source"].to_numpy(), "reliability": rows["reliability"].to_numpy()})
    return out.sort_values("date").reset_index(drop=True)


def first_above(million: float = 1200) -> dict:
    """When the series first shows at least ``million`` accounts, and the last figure before it.

    Quarters are missing from the series, so the threshold was passed somewhere between
    ``before`` and ``after``.

    >>> crossing = first_above(1200)
    >>> crossing["before"]["key"], crossing["after"]["key"]
    ('wechat_mau_2019q4', 'wechat_mau_2020q3')
    """
    million = checks.number(million, "million", low=0, high=1e6, error=StorageInputError)
    series = mau_series()
    above = series[series["million"] >= million]
    if above.empty:
        return {"before": series.iloc[-1].to_dict(), "after": None}
    i = above.index[0]
    return {"before": series.loc[i - 1].to_dict() if i > 0 else None, "after": series.loc[i].to_dict()}


def figure_row(key: str, lang: str | None = None) -> dict:
    """One row of the figures table as a dict (``value, number, unit, as_of, source, reliability``).

    >>> figure_row("wechat_msgs_per_day_2017_09", "en")["unit"]
    'billion messages/day'
    """
    table = figures(lang)
    return table.loc[checks.known(key, "figure", table.index, error=StorageInputError)].to_dict()


def cite(key: str, lang: str | None = None) -> str:
    """A one-line citation of a figure: value, unit, as-of date, source and reliability.

    >>> cite("hlm_chars", "en").startswith("882440 characters")
    True
    """
    row = figure_row(key, lang)
    return t("storage.cite", lang=lang, value=row["value"], unit=row["unit"], as_of=row["as_of"],
             source=row["source"], reliability=reliability_label(row["reliability"], lang))


def video_bytes_per_day(hours_per_minute: float | None = None, mbps: float | None = None) -> float:
    """Bytes of video uploaded per day at ``hours_per_minute`` and ``mbps`` (one copy, no transcodes).

    Defaults: YouTube's “more than 500 hours per minute” (2019-05) at its recommended
    1080p upload bitrate of 8 Mbps.

    >>> round(video_bytes_per_day() / 1e15, 2)          # petabytes
    2.59
    """
    hours = _figure("youtube_upload_hours_per_min_2019-05") if hours_per_minute is None else hours_per_minute
    rate = _figure("youtube_1080p_upload_bitrate_sdr") if mbps is None else mbps
    _check_named("hours_per_minute", hours, 0, math.inf)
    _check_named("mbps", rate, 0, math.inf)
    return hours * 3600 * rate * 1e6 / 8 * 60 * 24

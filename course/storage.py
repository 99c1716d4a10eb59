"""Storage arithmetic for lesson 02: how big is a chat, a novel, a day of WeChat text?

Plain functions with units, measured rather than assumed:

- text size: :func:`encoded_size` / :func:`encoding_table` measure bytes by encoding
  (UTF-8, GB18030, UTF-16) with Python's codecs; :func:`size_of_chars` scales to *N*
  characters;
- compression: :func:`compression_table` compresses real Chinese text shipped with the
  course (the Criminal Law, :func:`law_text`) with ``zlib`` and ``bz2`` at level 9 and ``lzma`` at
  its default preset (the text fits in that preset's dictionary, so higher presets give the same
  size; "extreme" saves under 1% and takes about three times as long);
- volume and cost: :func:`estimate` applies the model
  users × messages per user per day × characters per message × bytes per character
  × (1 − compression saving) + media, kept for a retention period, on drives or in the cloud;
- units: :func:`to_bytes`, :func:`from_bytes`, :func:`format_bytes` (B, KB … EB and
  KiB … EiB), :func:`format_count` (万/亿 in Chinese, million/billion in English);
- sourced inputs: :func:`defaults`, :func:`default_sources`, :func:`mau_series`,
  :func:`video_bytes_per_day`, all from ``course.tables.figures()``.

Bad input raises :class:`StorageInputError` in the notebook's language, naming the
parameter and the allowed range. Only the standard library and pandas are imported
here; charts live in :mod:`course.storage_charts`, the widget in :mod:`course.calculator`.

>>> encoded_size("微信", "utf-8"), encoded_size("微信", "gb18030"), encoded_size("微信", "utf-16")
(6, 4, 4)
>>> format_bytes(to_bytes(2.96, "MB"))
'2.96 MB'
>>> e = estimate(users=1.2e9, messages_per_user=40, chars_per_message=20, bytes_per_char=3)
>>> format_bytes(e.bytes_per_day)
'2.88 TB'
"""
from __future__ import annotations

import bz2
import csv
import dataclasses
import functools
import lzma
import math
import numbers
import zlib

import pandas as pd

from .i18n import CourseError, get_language, t
from .resources import data_path

# ---------------------------------------------------------------------------------------------
# Errors and checked parameters
# ---------------------------------------------------------------------------------------------


class StorageInputError(CourseError):
    """A parameter of the storage model is not a number, or outside its allowed range."""


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

    @property
    def label(self) -> str:
        """The parameter's name in the notebook's language."""
        return t(f"storage.param.{self.name}")

    @property
    def unit(self) -> str:
        """The parameter's unit in the notebook's language."""
        return t(f"storage.unit.{self.name}")

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
        number = float(value)
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
    from . import tables

    row = tables.figures().loc[key]
    if row["reliability"] == "unconfirmed" or math.isnan(row["number"]):
        raise ValueError(f"figure {key!r} is unconfirmed or not a number: not usable as a default")
    return float(row["number"])


@functools.cache
def params() -> dict[str, Param]:
    """The model's inputs by name, read from ``data/storage-assumptions.csv`` (defaults from the figures).

    >>> params()["compression_pct"].range_text()
    '0 ≤ compression_pct < 100'
    """
    path = data_path("storage-assumptions.csv")
    params = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["param"]
            if name in _FROM_FIGURES:
                default = float(_FROM_FIGURES[name](_figure))
            else:
                default = float(row["default"])
            params[name] = Param(
                name=name, min=float(row["min"]), max=float(row["max"]),
                min_open=row["min_open"] == "yes", max_open=row["max_open"] == "yes",
                integer=row["integer"] == "yes", basis=row["basis"],
                figures=tuple(row["figures"].split()), default=default)
    return params




def defaults() -> dict[str, float]:
    """The model's default inputs: sourced figures where there are any, labelled assumptions otherwise.

    >>> d = defaults()
    >>> d["users"], d["messages_per_user"], d["bytes_per_char"]
    (1418000000.0, 38.8, 3.0)
    """
    return {name: p.default for name, p in params().items()}


def default_sources() -> pd.DataFrame:
    """Where each default comes from: parameter, value, unit, basis, figure keys, as-of, source, reliability.

    Column names and the basis (“假设” / “assumption”) are in the notebook's language.

    >>> default_sources().shape[0] == len(params())
    True
    """
    from . import tables

    figs = tables.figures()
    rows = []
    for p in params().values():
        known = [k for k in p.figures if k in figs.index]
        rows.append({
            t("storage.col.param"): p.label,
            t("storage.col.default"): format_count(p.default) if p.default >= 1e4 else _plain(p.default),
            t("storage.col.unit"): p.unit,
            t("storage.col.basis"): t(f"storage.basis.{p.basis}"),
            t("storage.col.figures"): ", ".join(known),
            t("storage.col.as_of"): "; ".join(figs.loc[k, "as_of"] for k in known),
            t("storage.col.source"): "; ".join(figure_row(k)["source"] for k in known),
            t("storage.col.reliability"): "; ".join(figs.loc[k, "reliability"] for k in known),
        })
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Units and formatting
# ---------------------------------------------------------------------------------------------

SI_UNITS = ("B", "KB", "MB", "GB", "TB", "PB", "EB")
IEC_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB")
UNITS = {**{u: 1000 ** i for i, u in enumerate(SI_UNITS)},
         **{u: 1024 ** i for i, u in enumerate(IEC_UNITS)}}


def _unit_factor(unit: str) -> int:
    if unit not in UNITS:
        raise StorageInputError(t("storage.error.unit", unit=unit, known=", ".join(UNITS)))
    return UNITS[unit]


def to_bytes(value: float, unit: str) -> float:
    """``value`` in ``unit`` as bytes: ``to_bytes(1, "KiB") == 1024``, ``to_bytes(1, "KB") == 1000``.

    >>> to_bytes(2, "MiB")
    2097152
    """
    return value * _unit_factor(unit)


def from_bytes(n_bytes: float, unit: str) -> float:
    """``n_bytes`` expressed in ``unit``.

    >>> from_bytes(3_000_000, "MB"), round(from_bytes(3_000_000, "MiB"), 3)
    (3.0, 2.861)
    """
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
    lang = lang or get_language()
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
    return t("storage.usd", lang=lang, amount=format_count(amount, lang))


# ---------------------------------------------------------------------------------------------
# Text size: measured by encoding
# ---------------------------------------------------------------------------------------------

# Display name -> Python codec. UTF-16 is measured without a byte-order mark (2 bytes
# more per file if one is written, as Windows Notepad does).
ENCODINGS = {"UTF-8": "utf-8", "GB18030": "gb18030", "UTF-16": "utf-16-le"}


def encoded_size(text: str, encoding: str) -> int:
    """Bytes of ``text`` in ``encoding`` (``"utf-8"``, ``"gb18030"``, ``"utf-16"``), measured by encoding it.

    >>> encoded_size("abc微信", "utf-8"), encoded_size("abc微信", "gb18030"), encoded_size("abc微信", "UTF-16")
    (9, 7, 10)
    """
    if not isinstance(text, str):
        raise StorageInputError(t("storage.error.not_text", value=type(text).__name__))
    codec = {name.lower(): codec for name, codec in ENCODINGS.items()}.get(encoding.lower(), encoding)
    if codec.lower() in ("utf-16", "utf16"):
        codec = "utf-16-le"
    return len(text.encode(codec))


def bytes_per_char(text: str, encoding: str = "utf-8") -> float:
    """Average bytes per character of ``text`` in ``encoding``.

    >>> bytes_per_char("微信ab", "utf-8")
    2.0
    """
    if not text:
        raise StorageInputError(t("storage.error.empty_text"))
    return encoded_size(text, encoding) / len(text)


def size_of_chars(n_chars: float, bytes_per_character: float) -> float:
    """Bytes of ``n_chars`` characters at ``bytes_per_character`` each.

    >>> format_bytes(size_of_chars(1_000_000, 3))
    '3.00 MB'
    """
    _check_named("n_chars", n_chars, 0, math.inf)
    _check_named("bytes_per_char", bytes_per_character, 0, 4, min_open=True)
    return n_chars * bytes_per_character


def _check_named(name: str, value, low: float, high: float, min_open: bool = False) -> float:
    """Check a value against a range for a parameter that is not in :func:`params`."""
    if name in params():
        return params()[name].check(value)
    param = Param(name=name, min=low, max=high, min_open=min_open, max_open=False, integer=False,
                  basis="", figures=(), default=low)
    return param.check(value)


def encoding_table(text: str) -> pd.DataFrame:
    """Characters, bytes and bytes per character of ``text`` in UTF-8, GB18030 and UTF-16.

    >>> encoding_table("微信会不会保存聊天记录？").iloc[:, 2].tolist()
    [36, 24, 24]
    """
    rows = []
    for name in ENCODINGS:
        size = encoded_size(text, name)
        rows.append({t("storage.col.encoding"): name, t("storage.col.chars"): len(text),
                     t("storage.col.bytes"): size,
                     t("storage.col.bytes_per_char"): round(size / len(text), 3) if text else math.nan})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Real Chinese text shipped with the course, and compression measured on it
# ---------------------------------------------------------------------------------------------

SAMPLE_LAW = "criminal-law-2023"


@functools.cache
def law_text(law_id: str = SAMPLE_LAW) -> str:
    """The articles of one law joined with newlines: real Chinese text from ``data/laws/``.

    >>> text = law_text()
    >>> len(text) > 60_000, text.startswith("为了惩罚犯罪")
    (True, True)
    """
    from . import tables

    return "\n".join(article.text for article in tables.parsed(law_id).articles)


COMPRESSORS = {
    "zlib": lambda data: zlib.compress(data, 9),
    "bz2": lambda data: bz2.compress(data, 9),
    "lzma": lambda data: lzma.compress(data),              # default preset (6)
}


def compressed_size(data: bytes, algorithm: str) -> int:
    """Bytes of ``data`` after compressing it with ``"zlib"`` (level 9), ``"bz2"`` (9) or ``"lzma"`` (preset 6).

    >>> compressed_size(b"ab" * 1000, "zlib") < 100
    True
    """
    if algorithm not in COMPRESSORS:
        raise StorageInputError(t("storage.error.algorithm", value=algorithm, known=", ".join(COMPRESSORS)))
    return len(COMPRESSORS[algorithm](data))


@functools.cache
def _compression_rows(text: str) -> tuple[tuple, ...]:
    rows = []
    for name in ENCODINGS:
        data = text.encode(ENCODINGS[name])
        rows.append((name, "-", len(data), len(data)))
        for algorithm in COMPRESSORS:
            rows.append((name, algorithm, len(data), compressed_size(data, algorithm)))
    return tuple(rows)


def compression_table(text: str | None = None) -> pd.DataFrame:
    """Compression measured on ``text`` (default: :func:`law_text`), by encoding and algorithm.

    Columns (English, for code): ``encoding, algorithm, chars, original_bytes, bytes,
    ratio`` (original / compressed), ``saving_pct`` (1 − compressed / original, in %) and
    ``bytes_per_char``. Algorithm ``"-"`` is the uncompressed text. Results are cached.

    >>> table = compression_table()
    >>> list(table["algorithm"].unique())
    ['-', 'zlib', 'bz2', 'lzma']
    >>> bool((table["bytes"] <= table["original_bytes"]).all())
    True
    """
    text = law_text() if text is None else text
    if not text:
        raise StorageInputError(t("storage.error.empty_text"))
    table = pd.DataFrame(list(_compression_rows(text)),
                         columns=["encoding", "algorithm", "original_bytes", "bytes"])
    table.insert(2, "chars", len(text))
    table["ratio"] = (table["original_bytes"] / table["bytes"]).round(3)
    table["saving_pct"] = (100 * (1 - table["bytes"] / table["original_bytes"])).round(1)
    table["bytes_per_char"] = (table["bytes"] / len(text)).round(3)
    return table


def compression_summary(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`compression_table` with column names in the notebook's language, for reading.

    >>> list(compression_summary().columns)[:2] == [t("storage.col.encoding"), t("storage.col.algorithm")]
    True
    """
    table = compression_table() if table is None else table
    shown = table.copy()
    shown["algorithm"] = shown["algorithm"].replace("-", t("storage.chart.algo_none"))
    return shown.rename(columns={column: t(f"storage.col.{column}") for column in shown.columns})


def compression_saving_pct(algorithm: str = "lzma", encoding: str = "UTF-8", text: str | None = None) -> float:
    """The measured saving in % of one algorithm on one encoding of ``text`` (default: the law text).

    >>> 50 < compression_saving_pct("zlib") < 95
    True
    """
    table = compression_table(text)
    row = table[(table["encoding"] == encoding) & (table["algorithm"] == algorithm)]
    if row.empty:
        raise StorageInputError(t("storage.error.algorithm", value=f"{encoding}/{algorithm}",
                                  known=", ".join(COMPRESSORS)))
    return float(row["saving_pct"].iloc[0])


@functools.cache
def chunked_saving_pct(chunk_chars: int = 20, algorithm: str = "zlib", encoding: str = "UTF-8",
                       law_id: str = SAMPLE_LAW) -> float:
    """Saving in % when the law text is cut into pieces of ``chunk_chars`` characters, each compressed alone.

    Short pieces, like chat messages compressed one by one, have no context to reuse, and
    the compressor's own header can make them *bigger* (a negative saving).

    >>> chunked_saving_pct(20, "zlib") < 0 < chunked_saving_pct(1000, "zlib")
    True
    """
    _check_named("chunk_chars", chunk_chars, 1, math.inf)
    text = law_text(law_id)
    pieces = [text[i:i + int(chunk_chars)].encode(ENCODINGS[encoding])
              for i in range(0, len(text), int(chunk_chars))]
    original = sum(len(piece) for piece in pieces)
    compressed = sum(compressed_size(piece, algorithm) for piece in pieces)
    return round(100 * (1 - compressed / original), 1)


# ---------------------------------------------------------------------------------------------
# The volume model
# ---------------------------------------------------------------------------------------------

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
    course.storage.StorageInputError: 参数“压缩节省的比例”（compression_pct）超出允许范围：0 ≤ compression_pct < 100，而输入的是 120。
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


# ---------------------------------------------------------------------------------------------
# Sourced anchors: WeChat accounts over time, a million-character text, a day of video
# ---------------------------------------------------------------------------------------------


def mau_series(include_low: bool = True) -> pd.DataFrame:
    """Weixin+WeChat monthly active accounts (millions) by quarter end, from the figures table.

    Unconfirmed rows are left out; ``include_low=False`` also drops “low” reliability rows.

    >>> s = mau_series()
    >>> s.iloc[0]["date"].year, float(s.iloc[-1]["million"])
    (2013, 1418.0)
    """
    from . import tables

    figs = tables.figures()
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
    series = mau_series()
    above = series[series["million"] >= million]
    if above.empty:
        return {"before": series.iloc[-1].to_dict(), "after": None}
    i = above.index[0]
    return {"before": series.loc[i - 1].to_dict() if i > 0 else None, "after": series.loc[i].to_dict()}


def figure_row(key: str) -> dict:
    """One row of the figures table as a dict (``value, number, unit, as_of, source, reliability``).

    >>> figure_row("wechat_msgs_per_day_2017_09")["unit"]
    'billion messages/day'
    """
    from . import tables

    return tables.figures().loc[key].to_dict()


def cite(key: str, lang: str | None = None) -> str:
    """A one-line citation of a figure: value, unit, as-of date, source and reliability.

    >>> cite("hlm_chars", "en").startswith("882440 characters")
    True
    """
    row = figure_row(key)
    return t("storage.cite", lang=lang, value=row["value"], unit=row["unit"], as_of=row["as_of"],
             source=row["source"], reliability=row["reliability"])


def video_bytes_per_day(hours_per_minute: float | None = None, mbps: float | None = None) -> float:
    """Bytes of video uploaded per day at ``hours_per_minute`` and ``mbps`` (one copy, no transcodes).

    Defaults: YouTube's “more than 500 hours per minute” (2019-05) at its recommended
    1080p upload bitrate of 8 Mbps.

    >>> format_bytes(video_bytes_per_day())
    '2.59 PB'
    """
    hours = _figure("youtube_upload_hours_per_min_2019-05") if hours_per_minute is None else hours_per_minute
    rate = _figure("youtube_1080p_upload_bitrate_sdr") if mbps is None else mbps
    _check_named("hours_per_minute", hours, 0, math.inf)
    _check_named("mbps", rate, 0, math.inf)
    return hours * 3600 * rate * 1e6 / 8 * 60 * 24


def million_char_bytes(encoding: str = "UTF-8", text: str | None = None) -> float:
    """Bytes of one million characters at the bytes per character measured on ``text`` (default: law text).

    >>> round(million_char_bytes() / 1e6, 2)
    2.97
    """
    text = law_text() if text is None else text
    return size_of_chars(1_000_000, bytes_per_char(text, encoding))

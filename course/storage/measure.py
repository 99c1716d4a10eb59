"""Text measured, not assumed: bytes per character by encoding, and compression of real Chinese text.

:func:`encoded_size` / :func:`encoding_table` measure bytes by encoding (UTF-8, GB18030,
UTF-16) with Python's codecs; :func:`size_of_chars` scales to *N* characters.
:func:`compression_table` compresses text shipped with the course (the Criminal Law,
:func:`law_text`) with ``zlib`` and ``bz2`` at level 9 and ``lzma`` at its default preset (the
text fits in that preset's dictionary, so higher presets give the same size; "extreme" saves
under 1% and takes about three times as long).

>>> encoded_size("微信", "utf-8"), encoded_size("微信", "gb18030"), encoded_size("微信", "utf-16")
(6, 4, 4)
"""
from __future__ import annotations

import bz2
import codecs
import functools
import lzma
import math
import zlib

import pandas as pd

from ..core import checks
from ..core.errors import StorageInputError
from ..core.i18n import t
from ..law import tables as law_tables
from .params import _check_named

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
    codec = _codec(encoding)
    try:
        return len(text.encode(codec))
    except UnicodeEncodeError as error:
        raise StorageInputError(t("checks.encoding_cannot", encoding=encoding,
                                  char=error.object[error.start:error.end])) from None


def _codec(encoding: str) -> str:
    """The Python codec of an encoding name, or a clear error listing the course's encodings.

    >>> _codec("UTF-16"), _codec("ascii")
    ('utf-16-le', 'ascii')
    """
    name = checks.text(encoding, "encoding", max_chars=40, error=StorageInputError)
    codec = {key.lower(): codec for key, codec in ENCODINGS.items()}.get(name.lower(), name)
    if codec.lower() in ("utf-16", "utf16"):
        codec = "utf-16-le"
    try:
        codecs.lookup(codec)
    except LookupError:
        checks.known(encoding, "encoding", ENCODINGS, error=StorageInputError)
    return codec


def bytes_per_char(text: str, encoding: str = "utf-8") -> float:
    """Average bytes per character of ``text`` in ``encoding``.

    >>> bytes_per_char("微信ab", "utf-8")
    2.0
    """
    if not isinstance(text, str) or not text:
        raise StorageInputError(t("storage.error.empty_text"))
    return encoded_size(text, encoding) / len(text)


def size_of_chars(n_chars: float, bytes_per_character: float) -> float:
    """Bytes of ``n_chars`` characters at ``bytes_per_character`` each.

    >>> size_of_chars(1_000_000, 3)
    3000000
    """
    _check_named("n_chars", n_chars, 0, math.inf)
    _check_named("bytes_per_char", bytes_per_character, 0, 4, min_open=True)
    return n_chars * bytes_per_character


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


def law_text(law_id: str = SAMPLE_LAW) -> str:
    """The articles of one law joined with newlines: real Chinese text from ``data/laws/``.

    >>> text = law_text()
    >>> len(text) > 60_000, text.startswith("为了惩罚犯罪")
    (True, True)
    """
    return _law_text(checks.known(law_id, "law", law_tables.article_laws(), error=StorageInputError))


@functools.cache
def _law_text(law_id: str) -> str:
    return "\n".join(article.text for article in law_tables.parsed(law_id).articles)


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
    if not isinstance(algorithm, str) or algorithm not in COMPRESSORS:
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
    text = law_text() if text is None else checks.text(text, "text", max_chars=10**6, error=StorageInputError)
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
    table = compression_table() if table is None else checks.instance(table, pd.DataFrame, "table")
    if not {"algorithm"} <= set(table.columns):
        raise StorageInputError(t("checks.wrong_kind", what="table", value="DataFrame"))
    shown = table.copy()
    shown["algorithm"] = shown["algorithm"].replace("-", t("storage.chart.algo_none"))
    return shown.rename(columns={column: t(f"storage.col.{column}") for column in shown.columns})


def compression_saving_pct(algorithm: str = "lzma", encoding: str = "UTF-8", text: str | None = None) -> float:
    """The measured saving in % of one algorithm on one encoding of ``text`` (default: the law text).

    >>> 50 < compression_saving_pct("zlib") < 95
    True
    """
    table = compression_table(text)
    checks.known(algorithm, "algorithm", COMPRESSORS, error=StorageInputError)
    checks.known(encoding, "encoding", ENCODINGS, error=StorageInputError)
    row = table[(table["encoding"] == encoding) & (table["algorithm"] == algorithm)]
    if row.empty:
        raise StorageInputError(t("storage.error.algorithm", value=f"{encoding}/{algorithm}",
                                  known=", ".join(COMPRESSORS)))
    return float(row["saving_pct"].iloc[0])


def chunked_saving_pct(chunk_chars: int = 20, algorithm: str = "zlib", encoding: str = "UTF-8",
                       law_id: str = SAMPLE_LAW) -> float:
    """Saving in % when the law text is cut into pieces of ``chunk_chars`` characters, each compressed alone.

    Short pieces, like chat messages compressed one by one, have no context to reuse, and
    the compressor's own header can make them *bigger* (a negative saving).

    >>> chunked_saving_pct(20, "zlib") < 0 < chunked_saving_pct(1000, "zlib")
    True
    """
    checks.number(chunk_chars, "chunk_chars", low=1, high=10**6, error=StorageInputError)
    checks.known(algorithm, "algorithm", COMPRESSORS, error=StorageInputError)
    checks.known(encoding, "encoding", ENCODINGS, error=StorageInputError)
    return _chunked_saving_pct(int(chunk_chars), algorithm, encoding, law_text(law_id))


@functools.cache
def _chunked_saving_pct(chunk_chars: int, algorithm: str, encoding: str, text: str) -> float:
    pieces = [text[i:i + int(chunk_chars)].encode(ENCODINGS[encoding])
              for i in range(0, len(text), int(chunk_chars))]
    original = sum(len(piece) for piece in pieces)
    compressed = sum(compressed_size(piece, algorithm) for piece in pieces)
    return round(100 * (1 - compressed / original), 1)


def million_char_bytes(encoding: str = "UTF-8", text: str | None = None) -> float:
    """Bytes of one million characters at the bytes per character measured on ``text`` (default: law text).

    >>> round(million_char_bytes() / 1e6, 2)
    2.97
    """
    text = law_text() if text is None else checks.text(text, "text", max_chars=10**6, error=StorageInputError)
    return size_of_chars(1_000_000, bytes_per_char(text, encoding))

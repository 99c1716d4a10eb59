"""The storage model of lesson 02: bytes of text, compression, a day of WeChat, drives and cost.

What a lesson calls::

    from course import storage
    storage.encoding_table("微信聊天")       # bytes per character by encoding
    storage.estimate(users=1.2e9)            # the model, every input labelled and adjustable
    storage.figures()                        # the sourced figures it rests on
    storage.charts.volume_chart(result)      # its charts

Modules, bottom up: :mod:`~course.storage.figures` (the sourced figures),
:mod:`~course.storage.units` (bytes and counts, formatted), :mod:`~course.storage.params` (the
model's checked inputs and sourced anchors), :mod:`~course.storage.measure` (encodings and
compression, measured), :mod:`~course.storage.model` (the volume model) and
:mod:`~course.storage.charts`.
"""
from __future__ import annotations

from ..core.errors import StorageInputError
from . import charts
from .figures import figures
from .measure import (
    COMPRESSORS,
    ENCODINGS,
    SAMPLE_LAW,
    bytes_per_char,
    chunked_saving_pct,
    compressed_size,
    compression_saving_pct,
    compression_summary,
    compression_table,
    encoded_size,
    encoding_table,
    law_text,
    million_char_bytes,
    size_of_chars,
)
from .model import DAYS_PER_YEAR, GB, TB, Estimate, check_inputs, estimate, summary
from .params import (
    Param,
    cite,
    default_sources,
    defaults,
    figure_row,
    first_above,
    mau_series,
    params,
    video_bytes_per_day,
)
from .units import IEC_UNITS, SI_UNITS, UNITS, format_bytes, format_count, format_usd, from_bytes, to_bytes

__all__ = [
    "COMPRESSORS", "DAYS_PER_YEAR", "ENCODINGS", "GB", "IEC_UNITS", "SAMPLE_LAW", "SI_UNITS", "TB", "UNITS",
    "Estimate", "Param", "StorageInputError", "bytes_per_char", "charts", "check_inputs",
    "chunked_saving_pct", "cite", "compressed_size", "compression_saving_pct", "compression_summary",
    "compression_table", "default_sources", "defaults", "encoded_size", "encoding_table", "estimate",
    "figure_row", "figures", "first_above", "format_bytes", "format_count", "format_usd", "from_bytes",
    "law_text", "mau_series", "million_char_bytes", "params", "size_of_chars", "summary", "to_bytes",
    "video_bytes_per_day",
]

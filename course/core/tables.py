"""Reading a data table: a CSV file in ``data/``, every cell checked against a schema.

:func:`read_table` raises :class:`~course.core.errors.DataError` naming the file, the row
and the column when something is wrong, instead of a pandas traceback. The tables
themselves are loaded where they belong: laws in :mod:`course.law.tables`, claims and
sources in :mod:`course.claims`, figures in :mod:`course.storage.figures`.

:func:`cached_table` makes a loader that reads once and hands out copies, so a learner who
changes a table changes only their own copy (cheap under pandas copy-on-write):

>>> import pandas as pd
>>> @cached_table
... def demo() -> pd.DataFrame:
...     return pd.DataFrame({"a": [1]})
>>> mine = demo()
>>> mine["a"] = 99
>>> int(demo()["a"].iloc[0])
1
"""
from __future__ import annotations

import csv
import functools
import math
import re
from typing import Callable

import pandas as pd

from .errors import DataError
from .i18n import t
from .resources import data_path

RELIABILITY = ("primary", "primary-research", "secondary-high", "secondary", "low",
               "measured", "derived", "unconfirmed")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check(value: str, spec: str, file: str, row: int, column: str, known=None) -> str:
    """Check one cell against a spec such as ``"str"``, ``"date?"``, ``"int"``, ``"in:a|b"``."""
    optional = spec.endswith("?")
    kind = spec.rstrip("?")
    value = (value or "").strip()

    def fail(problem: str):
        raise DataError(t("data.bad_row", file=file, row=row, column=column, problem=problem))

    if not value:
        if optional:
            return value
        fail(t("data.empty"))
    if kind == "int" and not re.fullmatch(r"-?\d+", value):
        fail(t("data.not_int", value=value))
    if kind == "date" and not DATE_RE.match(value):
        fail(t("data.not_date", value=value))
    if kind.startswith("in:"):
        allowed = kind[3:].split("|")
        if value not in allowed:
            fail(t("data.not_in", allowed=", ".join(allowed), value=value))
    if kind == "ref" and known is not None and value not in known:
        fail(t("data.unknown_ref", what=column, value=value))
    return value


def read_table(name: str, schema: dict[str, str], *, unique: str | None = None,
               refs: dict[str, set] | None = None) -> pd.DataFrame:
    """Read ``data/<name>`` (UTF-8 CSV) and check every row against ``schema``.

    >>> read_table("laws.csv", {"id": "str"}, unique="id").shape[0] > 10
    True
    """
    path = data_path(name)
    if not path.is_file():
        raise DataError(t("data.missing_file", file=name))
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in schema if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(t("data.missing_columns", file=name, columns=", ".join(missing)))
            rows, seen = [], set()
            for row_no, row in enumerate(reader, start=2):
                if None in row:
                    raise DataError(t("data.bad_row", file=name, row=row_no, column="-",
                                      problem=t("data.bad_csv", file=name, problem="extra fields")))
                clean = {c: _check(row.get(c), spec, name, row_no, c, (refs or {}).get(c))
                         for c, spec in schema.items()}
                if unique:
                    if clean[unique] in seen:
                        raise DataError(t("data.bad_row", file=name, row=row_no, column=unique,
                                          problem=t("data.duplicate", value=clean[unique])))
                    seen.add(clean[unique])
                rows.append(clean)
    except (UnicodeDecodeError, csv.Error) as error:
        raise DataError(t("data.bad_csv", file=name, problem=error)) from None
    return pd.DataFrame(rows, columns=list(schema))


def cached_table(loader: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """Read a table once (per arguments) and return a new copy on every call.

    The copy is shallow: under pandas copy-on-write it shares the data until either side
    writes, so it costs microseconds, and a change to it never reaches the cache.
    """
    cached = functools.cache(loader)

    @functools.wraps(loader)
    def copy(*args, **kwargs) -> pd.DataFrame:
        return cached(*args, **kwargs).copy(deep=False)

    copy.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    copy.is_table_loader = True  # type: ignore[attr-defined]
    return copy


def is_table_loader(value: object) -> bool:
    """Whether ``value`` is a loader made by :func:`cached_table` (the grader calls each before forking)."""
    return callable(value) and getattr(value, "is_table_loader", False) is True


def number(value: str) -> float:
    """A table cell as a float, NaN if it is not a number: ``"1,212.8"`` → 1212.8.

    >>> number("1,212.8"), math.isnan(number("n/a"))
    (1212.8, True)
    """
    try:
        return float(value.replace(",", ""))
    except ValueError:
        return math.nan

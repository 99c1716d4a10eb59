"""The course's data tables as pandas DataFrames, validated on load.

Each loader reads a file in ``data/``, checks every row, and raises
:class:`DataError` naming the file, the row and the column when something is
wrong, instead of a pandas traceback. Results are cached: call freely.

Tables and their columns:

- :func:`laws`: ``id, family, version, title_zh, title_en, short_zh, short_en, level,
  issuer, adopted, in_force_from, in_force_until, superseded_by, file, source``
  (one row per version of a law; ``in_force_until`` empty = in force today), ``dates_basis``
  (where the dates come from, and which could not be confirmed from the shipped files).
- :func:`articles`: ``id, law, family, version, number, sub, key, label, chapter,
  section, text, n_paragraphs`` (parsed from the law files, never retyped).
- :func:`article_map`: the Cybersecurity Law's 2017 → 2026 renumbering.
- :func:`figures`: ``key, value, number, unit, as_of, source, reliability, note``.
- :func:`sources`: ``id, kind, title, url, date, reliability, note``.

>>> laws().loc["csl-2017", "in_force_until"]
'2025-12-31'
>>> articles().loc["csl-2017:21", "label"]
'第二十一条'
"""
from __future__ import annotations

import csv
import functools
import math
import re
from pathlib import Path

import pandas as pd

from .i18n import CourseError, t
from .lawtext import ParsedLaw, parse_law_text
from .resources import data_path

RELIABILITY = ("primary", "primary-research", "secondary-high", "secondary", "low",
               "measured", "derived", "unconfirmed")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class DataError(CourseError):
    """A data file is missing or malformed; the message names the file and the row."""


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


LAW_SCHEMA = {
    "id": "str", "family": "str", "version": "str", "title_zh": "str", "title_en": "str",
    "short_zh": "str", "short_en": "str",
    "level": "in:constitution|law|administrative regulation|departmental rule|judicial interpretation|decision",
    "issuer": "str", "adopted": "date", "in_force_from": "date", "in_force_until": "date?",
    "superseded_by": "str?", "file": "str", "source": "str", "dates_basis": "str",
}


@functools.cache
def laws() -> pd.DataFrame:
    """One row per version of a law, indexed by ``id`` (e.g. ``"csl-2017"``)."""
    table = read_table("laws.csv", LAW_SCHEMA, unique="id")
    for row_no, row in enumerate(table.itertuples(), start=2):
        if row.superseded_by and row.superseded_by not in set(table["id"]):
            raise DataError(t("data.bad_row", file="laws.csv", row=row_no, column="superseded_by",
                              problem=t("data.unknown_ref", what="law", value=row.superseded_by)))
        if not data_path(row.file).is_file():
            raise DataError(t("data.bad_row", file="laws.csv", row=row_no, column="file",
                              problem=t("data.missing_file", file=row.file)))
    return table.set_index("id", drop=False)


def article_laws() -> list[str]:
    """Ids of the laws whose files are cut into articles (all but amending decisions)."""
    table = laws()
    return list(table.index[table["level"] != "decision"])


@functools.cache
def parsed(law_id: str) -> ParsedLaw:
    """The parsed file of one law version (see :mod:`course.lawtext`)."""
    row = laws().loc[law_id]
    path: Path = data_path(row["file"])
    return parse_law_text(path.read_text(encoding="utf-8"), law_id, row["version"])


@functools.cache
def articles() -> pd.DataFrame:
    """Every article of every law, indexed by article id (``"criminal-law-2023:253-1"``)."""
    records = []
    for law_id in article_laws():
        family = laws().loc[law_id, "family"]
        for a in parsed(law_id).articles:
            records.append({"id": a.id, "law": a.law, "family": family, "version": a.version,
                            "number": a.number, "sub": a.sub, "key": a.key, "label": a.label,
                            "chapter": a.chapter, "section": a.section, "text": a.text,
                            "n_paragraphs": len(a.paragraphs)})
    table = pd.DataFrame.from_records(records)
    return table.set_index("id", drop=False)


MAP_SCHEMA = {
    "old_article_2017": "int?", "old_article_cn": "str?", "new_article_2026": "int?",
    "new_article_cn": "str?", "change": "str", "decision_item": "str?", "basis": "str",
    "naive_offset_number": "int?", "naive_offset_correct": "str?",
    "verified_against_2026_text": "str?",
}


@functools.cache
def article_map() -> pd.DataFrame:
    """The Cybersecurity Law's article map, 2017 numbers to 2026 numbers (nullable ints)."""
    table = read_table("laws/cybersecurity-law-article-map.csv", MAP_SCHEMA)
    for column in ("old_article_2017", "new_article_2026", "naive_offset_number"):
        table[column] = pd.to_numeric(table[column].replace("", None)).astype("Int64")
    return table


def _number(value: str) -> float:
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        return math.nan
    return number


FIGURE_SCHEMA = {"key": "str", "value": "str?", "unit": "str?", "as_of": "str?", "source": "str",
                 "reliability": "in:" + "|".join(RELIABILITY), "note": "str?"}


@functools.cache
def figures() -> pd.DataFrame:
    """Sourced figures, indexed by ``key``; ``number`` is the value as a float (NaN if not numeric).

    Rows whose reliability is ``unconfirmed`` are kept and stay marked: never use them as facts.
    """
    table = read_table("storage-facts.csv", FIGURE_SCHEMA, unique="key")
    table.insert(2, "number", [_number(v) for v in table["value"]])
    table["source"] = _resolve_same(table["source"].tolist())
    return table.set_index("key", drop=False)


def _resolve_same(sources: list[str]) -> list[str]:
    """A source written as “same …” means the last full source above it: write that out.

    >>> _resolve_same(["https://a.example/x", "same", "same page"])
    ['https://a.example/x', 'https://a.example/x', 'https://a.example/x']
    """
    resolved, last = [], ""
    for source in sources:
        if source.lower().startswith("same") and last:
            resolved.append(last)
        else:
            resolved.append(source)
            last = source
    return resolved


SOURCE_SCHEMA = {"id": "str", "kind": "str", "title": "str", "url": "str?", "date": "str?",
                 "reliability": "in:" + "|".join(RELIABILITY), "note": "str?"}


@functools.cache
def sources() -> pd.DataFrame:
    """Sources the course cites (statements, reports, cases, data), indexed by ``id``."""
    return read_table("sources.csv", SOURCE_SCHEMA, unique="id").set_index("id", drop=False)


@functools.cache
def article_text() -> str:
    """The viral article, exactly as shipped in ``data/article.txt``."""
    path = data_path("article.txt")
    if not path.is_file():
        raise DataError(t("data.missing_file", file="article.txt"))
    return path.read_text(encoding="utf-8")


def law_list(lang: str | None = None) -> pd.DataFrame:
    """The laws table for reading: title, version, dates and status, in the chosen language.

    >>> law_list("en").loc["csl-2026", "status"]
    'in force'
    """
    from .i18n import pick

    table = laws()
    rows = []
    for row in table.itertuples():
        status = t("law.in_force", lang) if not row.in_force_until else t(
            "law.in_force_until", lang, date=row.in_force_until)
        rows.append({t("tables.col.law", lang): pick(row.short_zh, row.short_en, lang),
                     t("tables.col.version", lang): row.version,
                     t("tables.col.level", lang): t(f"tables.level.{row.level}", lang),
                     t("tables.col.from", lang): row.in_force_from,
                     t("tables.col.status", lang): status})
    return pd.DataFrame(rows, index=pd.Index(table.index, name="id"))

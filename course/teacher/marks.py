"""The teacher's marks and overrides: one CSV, filled in by hand, applied on top of the machine's table.

::

    course open-answers grades.csv --out marking          # marking/marks.csv, one row per open answer
    course grade submissions --out grades.csv --marks marking/marks.csv    # -> grades.marked.csv
    course report grades.csv --marks marking/marks.csv --out report

The marks file has the columns ``file, exercise, points, max, comment, reason``:

- a row of an open (free-text) answer with ``points`` filled in is the teacher's **mark**;
- a row of any other answer whose ``points`` differ from the machine's is an **override**
  and needs a ``reason`` (a run refuses an override without one);
- a row with ``points`` left empty is not marked yet and changes nothing.

Marks are never written into the grade table ``course grade`` keeps: each command applies them
again on top of it, so regrading (a rerun, a late submission) keeps every mark. ``max`` is for
the reader; the exercise's own points are the limit. A file name or exercise unknown to the
grade table, points that are not a number from 0 to the maximum, or the same answer marked
twice: the command stops and names the row.

>>> import pandas as pd
>>> details = pd.DataFrame({"file": ["a.ipynb"], "exercise": ["00.log_item"], "status": ["incorrect"],
...                         "points": ["0"], "max_points": ["1"]})
>>> [m.kind for m in parse_marks([{"file": "a.ipynb", "exercise": "00.log_item", "points": "1",
...                                "reason": "item 3 of para. 1, written as 三"}], details)]
['override']
"""
from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..core.errors import TeacherError
from ..core.i18n import t
from .classdata import number, points_text, read_tables_at, write_private_csv
from .journal import safe_cell

if TYPE_CHECKING:
    import argparse

COLUMNS = ["file", "exercise", "points", "max", "comment", "reason"]
MARK, OVERRIDE = "mark", "override"
MAX_ERRORS = 20


@dataclass(frozen=True)
class Mark:
    """One filled row of the marks file: new points for one answer, with the teacher's words."""

    file: str
    exercise: str
    points: float
    comment: str = ""
    reason: str = ""
    kind: str = MARK          # MARK (an open answer) or OVERRIDE (anything else)
    old: float = 0.0          # the machine's points
    row: int = 0              # line in the marks file


def marked_path(grades_csv: Path) -> Path:
    """Where ``course grade --marks`` writes the table with the marks applied.

    >>> marked_path(Path("out/grades.csv")).as_posix()
    'out/grades.marked.csv'
    """
    grades_csv = Path(grades_csv)
    return grades_csv.with_name(grades_csv.stem + ".marked.csv")


def read_rows(path: Path, lang: str | None = None) -> list[dict]:
    """The rows of a marks file as text (a byte-order mark from a spreadsheet is fine)."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [{k: (v or "") for k, v in row.items() if k is not None} | {"_row": index}
                    for index, row in enumerate(reader, start=2)]
            header = reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise TeacherError(t("marks.error_read", lang, path=path, problem=type(error).__name__)) from None
    if not {"file", "exercise", "points"} <= set(header):
        raise TeacherError(t("marks.error_columns", lang, path=path, columns=", ".join(COLUMNS)))
    return rows


def _key(file: str) -> str:
    """A file name as the grade table writes it (a spreadsheet may have dropped the leading ``'``)."""
    return safe_cell(file.strip())


def parse_marks(rows: list[dict], details: pd.DataFrame, lang: str | None = None) -> list[Mark]:
    """The filled rows as marks, each checked against the details table; TeacherError naming bad rows."""
    known = {(_key(r.file), r.exercise): r for r in details.itertuples(index=False)}
    open_answer = {key for key, r in known.items() if r.status == "attempted"}
    marks, errors, seen = [], [], {}
    for index, row in enumerate(rows, start=2):
        line = row.get("_row", index)
        text = (row.get("points") or "").strip()
        if not text:
            continue
        key = (_key(row.get("file") or ""), (row.get("exercise") or "").strip())
        if key not in known:
            errors.append(t("marks.error_unknown", lang, row=line, file=key[0], exercise=key[1]))
            continue
        maximum, old = number(known[key].max_points), number(known[key].points)
        value = number(text, float("nan"))
        if not 0 <= value <= maximum:
            errors.append(t("marks.error_points", lang, row=line, points=text, max=points_text(maximum)))
            continue
        if key in seen:
            errors.append(t("marks.error_twice", lang, row=line, first=seen[key]))
            continue
        seen[key] = line
        kind = MARK if key in open_answer else OVERRIDE
        reason = (row.get("reason") or "").strip()
        if kind == OVERRIDE and value != old and not reason:
            errors.append(t("marks.error_reason", lang, row=line, file=key[0], exercise=key[1]))
            continue
        marks.append(Mark(key[0], key[1], value, (row.get("comment") or "").strip(), reason, kind, old, line))
    if errors:
        more = [t("marks.error_more", lang, n=len(errors) - MAX_ERRORS)] if len(errors) > MAX_ERRORS else []
        raise TeacherError("\n".join([t("marks.error_head", lang)] + errors[:MAX_ERRORS] + more))
    return marks


def apply_marks(grades: pd.DataFrame, details: pd.DataFrame,
                marks: list[Mark]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two tables with the marks applied (copies): points, per-exercise columns and totals.

    The details gain ``machine_points``, ``mark`` (``mark``/``override``/empty), ``comment`` and
    ``mark_reason``; the machine's own table is left as it was.
    """
    grades, details = grades.copy(), details.copy()
    details["machine_points"] = details["points"]
    for column in ("mark", "comment", "mark_reason"):
        details[column] = ""
    index = {(_key(f), e): i for i, f, e in zip(details.index, details["file"], details["exercise"])}
    rows = {_key(f): i for i, f in zip(grades.index, grades["file"])}
    for mark in marks:
        i = index[(mark.file, mark.exercise)]
        details.loc[i, ["points", "mark", "comment", "mark_reason"]] = [
            points_text(mark.points), mark.kind, mark.comment, mark.reason]
        g = rows.get(mark.file)
        if g is None:
            continue
        if mark.exercise in grades.columns:
            grades.loc[g, mark.exercise] = points_text(mark.points)
        grades.loc[g, "total"] = points_text(number(grades.loc[g, "total"]) + mark.points - mark.old)
    return grades, details


def changes(marks: list[Mark]) -> pd.DataFrame:
    """What the marks changed, for the report: file, exercise, kind, old → new, comment, reason."""
    return pd.DataFrame([{"file": m.file, "exercise": m.exercise, "kind": m.kind,
                          "change": f"{points_text(m.old)} → {points_text(m.points)}",
                          "comment": m.comment, "reason": m.reason} for m in marks],
                        columns=["file", "exercise", "kind", "change", "comment", "reason"])


def load(grades_csv: Path, details_csv: Path, marks_file: Path | None,
         lang: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame, list[Mark]]:
    """Both tables, with the marks of ``marks_file`` applied when one is given."""
    grades, details = read_tables_at(grades_csv, details_csv, lang)
    if marks_file is None:
        return grades, details, []
    marks = parse_marks(read_rows(marks_file, lang), details, lang)
    grades, details = apply_marks(grades, details, marks)
    return grades, details, marks


def unmarked(details: pd.DataFrame) -> int:
    """How many open answers wait for a mark."""
    waiting = details["status"] == "attempted"
    if "mark" in details:
        waiting &= details["mark"] == ""
    return int(waiting.sum())


def write_marked(grades_csv: Path, details_csv: Path, marks_file: Path, lang: str | None = None) -> str:
    """Write ``<grades>.marked.csv`` (the grade table with the marks applied); returns a summary line."""
    grades, details, marks = load(grades_csv, details_csv, marks_file, lang)
    out = write_private_csv(marked_path(grades_csv), list(grades.columns), grades.to_dict("records"))
    return t("marks.applied", lang, marks=sum(m.kind == MARK for m in marks),
             overrides=sum(m.kind == OVERRIDE for m in marks), waiting=unmarked(details), out=out)


def after_grading(args: argparse.Namespace, details_csv: Path, lang: str | None) -> int:
    """``course grade … --marks FILE``: once graded, apply the marks (exit 2 if the file is wrong)."""
    if not getattr(args, "marks", None):
        return 0
    try:
        print(write_marked(Path(args.out), details_csv, Path(args.marks), lang))
    except TeacherError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


def template_rows(details: pd.DataFrame) -> list[dict]:
    """One empty row per open answer to mark: ``file, exercise, points="", max, comment, reason``."""
    waiting = details[details["status"] == "attempted"]
    return [{"file": r.file, "exercise": r.exercise, "points": "", "max": r.max_points, "comment": "",
             "reason": ""} for r in waiting.itertuples(index=False)]


def merge_template(path: Path, fresh: list[dict], lang: str | None = None) -> tuple[int, int]:
    """Write the marks file at ``path``: keep every row already there, add rows for new answers.

    Returns ``(kept, added)``. A filled-in marks file is never overwritten.
    """
    old = read_rows(path, lang) if Path(path).exists() else []
    have = {(_key(r.get("file") or ""), (r.get("exercise") or "").strip()) for r in old}
    added = [r for r in fresh if (_key(r["file"]), r["exercise"]) not in have]
    columns = COLUMNS + [c for r in old for c in r if c not in COLUMNS and c != "_row"]
    write_private_csv(path, list(dict.fromkeys(columns)), [*old, *added])
    return len(old), len(added)

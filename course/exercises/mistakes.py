"""Anticipated mistakes: ``data/mistakes.csv``, joined to the exercises by id when a lesson loads.

One row per anticipated wrong answer: ``exercise`` (``05.penalty_article_2026``), ``answer`` (as a
learner would type it, read by that exercise's kind: ``70``, ``B``, ``csl-2017:21``, ``{14, 20}``,
a ``lambda`` for a function), ``key`` (stable, unique per exercise: what a grader records),
``zh`` and ``en`` (the explanation, pointing at the primary text) and ``cites`` (optional: the
article ids the explanation points at, separated by ``;``). A malformed row raises a
:class:`~course.core.errors.DataError` naming the file, the row and the column.

>>> from course.exercises import lesson
>>> v = lesson("05").penalty_article_2026.evaluate(70)
>>> v.status, v.mistake
('incorrect', 'plus_two')
"""
from __future__ import annotations

import functools
import re
from typing import Iterable

import pandas as pd

from ..core.errors import DataError
from ..core.i18n import t
from ..core.tables import read_table
from .engine import Exercise, Mistake

FILE = "mistakes.csv"
SCHEMA = {"exercise": "str", "answer": "str", "key": "str", "zh": "str", "en": "str", "cites": "str?"}
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ID_RE = re.compile(r"^(\d{2})\.([A-Za-z_]\w*)$")


def row_error(file: str, row: int, column: str, problem: str) -> DataError:
    """The error for one bad cell, naming file, row and column (in the learner's language).

    >>> from course.core.i18n import language
    >>> with language("en"):
    ...     print(row_error("mistakes.csv", 7, "key", "must not be empty"))
    Data file mistakes.csv, row 7 (column key): must not be empty
    """
    return DataError(t("data.bad_row", file=file, row=row, column=column, problem=problem))


@functools.cache
def table(file: str = FILE) -> pd.DataFrame:
    """The rows of ``data/<file>``, each cell checked against :data:`SCHEMA` (read once)."""
    return read_table(file, SCHEMA)


def split_exercise(value: str, file: str, row: int, known_lessons: Iterable[str]) -> tuple[str, str]:
    """``"05.penalty_article_2026"`` → ``("05", "penalty_article_2026")``, checked against the lessons.

    >>> split_exercise("05.penalty_article_2026", FILE, 2, ["05"])
    ('05', 'penalty_article_2026')
    """
    match = ID_RE.match(value)
    if not match or match.group(1) not in set(known_lessons):
        raise row_error(file, row, "exercise", t("mistakes.unknown_exercise", value=value))
    return match.group(1), match.group(2)


def for_lesson(lesson: str, exercises: list[Exercise], known_lessons: Iterable[str],
               file: str = FILE) -> dict[str, tuple]:
    """``{exercise name: (Mistake, ...)}`` for one lesson's exercises, every row of the lesson checked."""
    by_name = {e.name: e for e in exercises}
    found: dict[str, list[tuple[int, Mistake]]] = {name: [] for name in by_name}
    for index, row in enumerate(table(file).itertuples(index=False), start=2):
        number, name = split_exercise(row.exercise, file, index, known_lessons)
        if number != lesson:
            continue
        if name not in by_name:
            raise row_error(file, index, "exercise", t("mistakes.unknown_exercise", value=row.exercise))
        found[name].append((index, _mistake(by_name[name], row, index, found[name], file)))
    return {name: tuple(m for _, m in rows) for name, rows in found.items()}


def _mistake(exercise: Exercise, row, index: int, earlier: list, file: str) -> Mistake:
    """One row as a :class:`Mistake` of ``exercise``; ``earlier`` are the exercise's rows before it."""
    if not KEY_RE.match(row.key):
        raise row_error(file, index, "key", t("mistakes.bad_key", value=row.key))
    for other_row, other in earlier:
        if other.key == row.key:
            raise row_error(file, index, "key", t("mistakes.duplicate_key", value=row.key, row=other_row))
    try:
        answer = exercise.parse_anticipated(row.answer)
    except Exception as error:  # the kind says why the text is not one of its answers
        raise row_error(file, index, "answer", t("mistakes.bad_answer", kind=exercise.kind,
                                                 problem=error)) from None
    for other_row, other in earlier:
        if _same(exercise, other.answer, answer):
            raise row_error(file, index, "answer", t("mistakes.duplicate_answer", row=other_row))
    cites = tuple(c.strip() for c in (row.cites or "").split(";") if c.strip())
    return Mistake(row.key, answer, {"zh": row.zh, "en": row.en}, cites, row.answer)


def _same(exercise: Exercise, a, b) -> bool:
    try:
        return bool(exercise.same_answer(a, b))
    except Exception:
        return False


def attach(lesson: str, exercises: list[Exercise], known_lessons: Iterable[str]) -> None:
    """Give each exercise of ``lesson`` its anticipated mistakes (``exercise.anticipated``)."""
    for exercise in exercises:
        exercise.anticipated = ()
    by_name = {e.name: e for e in exercises}
    for name, mistakes in for_lesson(lesson, exercises, known_lessons).items():
        by_name[name].anticipated = mistakes

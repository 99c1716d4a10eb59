"""Rubrics of the open questions: ``data/rubrics.csv``, joined to the exercises by id.

One row per point a good answer makes: ``exercise`` (an open exercise, ``03.logs_cover_chats``),
``point`` (1, 2, … in order), ``zh`` and ``en`` (the point, drawn from the lesson's texts) and
``keywords_zh``, ``keywords_en`` (phrases separated by ``|``: an answer containing one of them,
in either language, touches the point; a simple overlap, not a grade).

>>> from course.exercises import lesson
>>> [p.number for p in lesson("03").logs_cover_chats.rubric]
[1, 2, 3]
"""
from __future__ import annotations

import functools
from typing import Iterable

import pandas as pd

from ..core.i18n import t
from ..core.tables import read_table
from .engine import Exercise
from .mistakes import row_error, split_exercise
from .open_answers import RubricPoint

FILE = "rubrics.csv"
SCHEMA = {"exercise": "str", "point": "int", "zh": "str", "en": "str", "keywords_zh": "str", "keywords_en": "str"}


@functools.cache
def table(file: str = FILE) -> pd.DataFrame:
    """The rows of ``data/<file>``, each cell checked against :data:`SCHEMA` (read once)."""
    return read_table(file, SCHEMA)


def for_lesson(lesson: str, exercises: list[Exercise], known_lessons: Iterable[str],
               file: str = FILE) -> dict[str, tuple]:
    """``{exercise name: (RubricPoint, ...)}`` for one lesson's open exercises, every row checked."""
    by_name = {e.name: e for e in exercises if e.open_ended}
    found: dict[str, list[RubricPoint]] = {name: [] for name in by_name}
    for index, row in enumerate(table(file).itertuples(index=False), start=2):
        number, name = split_exercise(row.exercise, file, index, known_lessons)
        if number != lesson:
            continue
        if name not in by_name:
            raise row_error(file, index, "exercise", t("rubrics.not_open", value=row.exercise))
        points = found[name]
        if int(row.point) != len(points) + 1:
            raise row_error(file, index, "point", t("rubrics.out_of_order", value=row.point, want=len(points) + 1))
        words = tuple(w.strip() for column in (row.keywords_zh, row.keywords_en)
                      for w in column.split("|") if w.strip())
        points.append(RubricPoint(int(row.point), {"zh": row.zh, "en": row.en}, words))
    return {name: tuple(points) for name, points in found.items()}


def attach(lesson: str, exercises: list[Exercise], known_lessons: Iterable[str]) -> None:
    """Give each open exercise of ``lesson`` its rubric (``exercise.rubric``)."""
    by_name = {e.name: e for e in exercises}
    for name, points in for_lesson(lesson, exercises, known_lessons).items():
        by_name[name].rubric = points

"""Exercises: declared per lesson in ``lessonNN.py``, checked in the notebook.

>>> ex = lesson("00")
>>> sorted(ex.names())[:1] != []
True
>>> ex.csl_articles_2017.evaluate(79).status
'correct'

Self-checks are feedback, not proctoring: the answers are readable in this package.
Grading is a separate, teacher-side step (``course grade``).
"""
from __future__ import annotations

import importlib
import pkgutil

from .engine import CORRECT, INCORRECT, NOT_ATTEMPTED, STATUSES, Exercise, Message, Verdict
from .kinds import ArticleSet, Choice, Function, Number, Open, Table, Text

__all__ = ["Exercise", "Number", "Choice", "Text", "ArticleSet", "Table", "Function", "Open",
           "Verdict", "Message", "lesson", "all_exercises", "get", "lessons",
           "CORRECT", "INCORRECT", "NOT_ATTEMPTED", "STATUSES"]

_cache: dict[str, "Lesson"] = {}


class Lesson:
    """The exercises of one lesson, reachable as attributes: ``ex.novel_size_mb.check(...)``."""

    def __init__(self, number: str, exercises: list[Exercise]):
        self.number = number
        self._by_name = {e.name: e for e in exercises}
        if len(self._by_name) != len(exercises):
            raise ValueError(f"duplicate exercise names in lesson {number}")

    def __getattr__(self, name: str) -> Exercise:
        try:
            return self.__dict__["_by_name"][name]
        except KeyError:
            raise AttributeError(f"lesson {self.number} has no exercise {name!r}") from None

    def __iter__(self):
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def names(self) -> list[str]:
        return list(self._by_name)

    def __dir__(self):
        return [*super().__dir__(), *self._by_name]

    def progress(self):
        """This lesson's progress (see :mod:`course.progress`)."""
        from .. import progress

        return progress.view(self.number)


def lessons() -> list[str]:
    """Numbers of the lessons that declare exercises, e.g. ``["00", "02", ...]``."""
    found = [m.name[len("lesson"):] for m in pkgutil.iter_modules(__path__)
             if m.name.startswith("lesson") and m.name[len("lesson"):].isdigit()]
    return sorted(found)


def lesson(number: str | int) -> Lesson:
    """The exercises of lesson ``number`` (``"02"`` or ``2``)."""
    key = f"{int(number):02d}"
    if key not in _cache:
        module = importlib.import_module(f".lesson{key}", __name__)
        exercises = list(module.EXERCISES)
        for exercise in exercises:
            if exercise.lesson != key:
                raise ValueError(f"{exercise.name} is declared in lesson{key}.py for lesson {exercise.lesson}")
        _cache[key] = Lesson(key, exercises)
    return _cache[key]


def all_exercises() -> list[Exercise]:
    """Every exercise of every lesson, in lesson order."""
    return [exercise for number in lessons() for exercise in lesson(number)]


def get(exercise_id: str) -> Exercise:
    """An exercise by id, e.g. ``get("02.novel_size_mb")``."""
    number, _, name = exercise_id.partition(".")
    return getattr(lesson(number), name)

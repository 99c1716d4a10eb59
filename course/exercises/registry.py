"""The lessons' exercises: which lessons declare some, and each lesson's exercises by name.

Exercises of lesson NN are declared in ``course/exercises/lessons/lessonNN.py``.

>>> ex = lesson("00")
>>> ex.csl_articles_2017.evaluate(79).status
'correct'
>>> get("00.csl_articles_2017").id
'00.csl_articles_2017'
"""
from __future__ import annotations

import importlib
import pkgutil

from ..core import checks
from . import lessons as lessons_package
from . import mistakes, rubrics
from .engine import Exercise

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


def lessons() -> list[str]:
    """Numbers of the lessons that declare exercises, e.g. ``["00", "02", ...]``."""
    found = [m.name[len("lesson"):] for m in pkgutil.iter_modules(lessons_package.__path__)
             if m.name.startswith("lesson") and m.name[len("lesson"):].isdigit()]
    return sorted(found)


def lesson(number: str | int) -> Lesson:
    """The exercises of lesson ``number`` (``"02"`` or ``2``), with their anticipated mistakes
    (``data/mistakes.csv``) and, for open questions, their rubrics (``data/rubrics.csv``)."""
    key = checks.lesson(number, lessons())
    if key not in _cache:
        module = importlib.import_module(f"{lessons_package.__name__}.lesson{key}")
        exercises = list(module.EXERCISES)
        for exercise in exercises:
            if exercise.lesson != key:
                raise ValueError(f"{exercise.name} is declared in lesson{key}.py for lesson {exercise.lesson}")
        built = Lesson(key, exercises)
        mistakes.attach(key, exercises, lessons())
        rubrics.attach(key, exercises, lessons())
        _cache[key] = built
    return _cache[key]


def all_exercises() -> list[Exercise]:
    """Every exercise of every lesson, in lesson order."""
    return [exercise for number in lessons() for exercise in lesson(number)]


def get(exercise_id: str) -> Exercise:
    """An exercise by id, e.g. ``get("02.novel_size_mb")``."""
    number, _, name = checks.text(exercise_id, "exercise id", max_chars=100).partition(".")
    return getattr(lesson(number), checks.known(name, "exercise", lesson(number).names()))

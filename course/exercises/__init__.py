"""Exercises: declared per lesson in ``lessons/lessonNN.py``, checked in the notebook.

In a lesson::

    ex = course.exercises.lesson("02")
    ex.novel_size_mb                    # the question
    ex.novel_size_mb.check(answer)      # feedback; ex.novel_size_mb.hint(), .solution()

Modules: :mod:`~course.exercises.engine` (an exercise, its check, hints and feedback),
:mod:`~course.exercises.kinds` (Number, Choice, Text, ArticleSet, Table, Function, Open),
:mod:`~course.exercises.wire` (answers as plain data, the same for notebook and grader),
:mod:`~course.exercises.progress` (the learner's progress file) and
:mod:`~course.exercises.registry` (the lessons and their exercises).

Self-checks are feedback, not proctoring: the answers are readable in this package.
Grading is a separate, teacher-side step (``course grade``).
"""
from __future__ import annotations

from .engine import CORRECT, INCORRECT, NOT_ATTEMPTED, STATUSES, Exercise, Verdict
from .kinds import ArticleSet, Choice, Function, Number, Open, Table, Text
from .registry import Lesson, all_exercises, get, lesson, lessons

__all__ = ["Exercise", "Number", "Choice", "Text", "ArticleSet", "Table", "Function", "Open",
           "Verdict", "Lesson", "lesson", "all_exercises", "get", "lessons",
           "CORRECT", "INCORRECT", "NOT_ATTEMPTED", "STATUSES"]

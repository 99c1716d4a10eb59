"""Exercises: declared per lesson in ``lessons/lessonNN.py``, checked in the notebook.

In a lesson::

    ex = course.exercises.lesson("02")
    ex.million_chars_mb                    # the question
    ex.million_chars_mb.check(answer)      # feedback; ex.million_chars_mb.hint(), .solution()

Modules: :mod:`~course.exercises.engine` (an exercise, its check, hints and feedback),
:mod:`~course.exercises.kinds` (Number, Choice, Text, ArticleSet, Table, Function, Open),
:mod:`~course.exercises.wire` (answers as plain data, the same for notebook and grader),
:mod:`~course.exercises.progress` (the learner's progress file),
:mod:`~course.exercises.registry` (the lessons and their exercises),
:mod:`~course.exercises.mistakes` (anticipated mistakes, ``data/mistakes.csv``) and
:mod:`~course.exercises.rubrics` (the open questions' rubrics, ``data/rubrics.csv``).
An open answer is never marked right: ``check`` records it as attempted and shows the model
answer and the rubric; ``ex.<name>.self_assess([1, 3])`` records the learner's own assessment.

Self-checks are feedback, not proctoring: the answers are readable in this package.
Grading is a separate, teacher-side step (``course grade``).
"""
from __future__ import annotations

from .engine import (
    ATTEMPTED,
    CORRECT,
    INCORRECT,
    NOT_ATTEMPTED,
    SELF_ASSESSED,
    STATUSES,
    Exercise,
    Mistake,
    Verdict,
)
from .kinds import ArticleSet, Choice, Function, Number, Open, Table, Text
from .registry import Lesson, all_exercises, get, lesson, lessons

__all__ = ["Exercise", "Number", "Choice", "Text", "ArticleSet", "Table", "Function", "Open",
           "Verdict", "Lesson", "lesson", "all_exercises", "get", "lessons",
           "Mistake", "CORRECT", "INCORRECT", "NOT_ATTEMPTED", "ATTEMPTED", "SELF_ASSESSED", "STATUSES"]

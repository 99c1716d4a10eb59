"""``course``: data, look-ups, charts, widgets and exercises for the course
“微信会不会保存聊天记录？” — fact-checking a viral article with the primary texts.

Start a lesson with::

    import course
    course.set_language("zh")        # or "en": every message, label and error follows
    ex = course.exercises.lesson("02")

The parts, each a subpackage, loaded when first used (so ``import course`` stays cheap);
imports run one way, from the top of this list down:

- ``course.teacher``: release, answer key, nbgrader export, grading a class (teacher side)
- ``course.widgets``: calculator, statute viewer, claim explorer, progress panel
- ``course.exercises``: the exercise engine and each lesson's exercises
- ``course.claims``: the article, its claims and verdicts, the sources cited
- ``course.storage``: the storage model of lesson 02, its figures and charts
- ``course.law``: the law texts, look-ups, renumbering, search and counting
- ``course.display``: charts as PNG, Chinese fonts, statute and feedback HTML
- ``course.core``: messages in two languages, data files, errors, Chinese numerals

``course.cli`` (the ``course`` command) and ``course.workspace`` (the learner's folder) sit
on top.
"""
from __future__ import annotations

import importlib

from .core.i18n import get_language, set_language, t
from .core.resources import parts

__version__ = "0.2.0"

PARTS = parts()

__all__ = ["set_language", "get_language", "t", *PARTS]


def __getattr__(name: str):
    if name in PARTS:
        importlib.import_module(".display", __name__)   # first: a lesson's tables get named headers
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'course' has no attribute {name!r}")

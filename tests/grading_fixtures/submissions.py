"""Submissions for the grading tests, made from the real lesson notebooks with nbformat.

``submission("00", answers)`` is the lesson notebook with some answer cells filled in;
the helpers below change it the way students (or attackers) do.

>>> nb = submission("00", model_answers("00"))
>>> answer_cell(nb, "log_item").source.splitlines()[0]
'log_item = 3'
"""
from __future__ import annotations

import copy
from pathlib import Path

import nbformat

import course
from course.core.resources import notebooks_dir


def lesson_notebook(lesson: str, lang: str = "zh"):
    """The lesson's notebook as shipped (placeholders ``...`` in every answer cell)."""
    path = next((notebooks_dir() / lang).glob(f"{lesson}-*.ipynb"))
    return nbformat.read(path, as_version=4)


def model_answers(lesson: str) -> dict[str, str]:
    """``{variable: source of the model answer}`` for every exercise of the lesson."""
    return {e.name: e.answer_source() for e in course.exercises.lesson(lesson)}


def machine_points(lesson: str) -> int:
    """The points the grader gives a lesson's model answers: every exercise but the free-text ones,
    which it records for the teacher to mark."""
    return sum(e.points for e in course.exercises.lesson(lesson) if not e.open_ended)


def wrong_answers(lesson: str) -> dict[str, str]:
    """``{variable: source of a known wrong answer}`` (each exercise's first ``wrong``)."""
    return {e.name: repr(e.wrong[0]) for e in course.exercises.lesson(lesson)}


def answer_cell(nb, name: str):
    """The code cell that assigns the answer ``name``."""
    return next(c for c in nb.cells if c.cell_type == "code" and c.source.startswith(f"{name} = "))


def answer_index(nb, name: str) -> int:
    """The position (among all cells) of the answer cell of ``name``."""
    return nb.cells.index(answer_cell(nb, name))


def submission(lesson: str, answers: dict[str, str] | None = None, lang: str = "zh"):
    """The lesson notebook with ``answers`` (variable → source) in place of ``...``."""
    nb = copy.deepcopy(lesson_notebook(lesson, lang))
    for name, source in (answers or {}).items():
        cell = answer_cell(nb, name)
        cell.source = cell.source.replace(f"{name} = ...", f"{name} = {source}", 1)
    return nb


def insert_after(nb, name: str, source: str):
    """Add a code cell right after the answer cell of ``name``."""
    nb.cells.insert(answer_index(nb, name) + 1, nbformat.v4.new_code_cell(source))
    return nb


def insert_before(nb, name: str, source: str):
    """Add a code cell right before the answer cell of ``name``."""
    nb.cells.insert(answer_index(nb, name), nbformat.v4.new_code_cell(source))
    return nb


def write(nb, path: Path) -> Path:
    """Write a notebook (as a student's file would be)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path

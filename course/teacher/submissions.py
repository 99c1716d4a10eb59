"""Submitted files: finding them, reading them (never running them), and their lesson.

>>> infer_lesson(['import course', 'ex = course.exercises.lesson("02")'])
'02'
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import GradingError
from ..core.i18n import t

MAX_FILE_BYTES = 50 * 2**20


LESSON_CALL = re.compile(r"""exercises\s*\.\s*lesson\(\s*["']?(\d{1,2})["']?\s*\)""")



@dataclass
class Submission:
    """One submitted file: its name, hash, code cells and lesson, or why it cannot run."""

    name: str
    sha256: str
    cells: list = field(default_factory=list)
    lesson: str | None = None
    problem: str | None = None       # a status when the file cannot run
    detail: str = ""


def find_submissions(folder: Path, exclude: tuple = ()) -> list[Path]:
    """The files of ``folder`` to grade: regular, not hidden, not ``exclude``, sorted by name.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); _ = (d / "b.ipynb").write_text("{}"); _ = (d / ".x").write_text("")
    >>> [p.name for p in find_submissions(d)]
    ['b.ipynb']
    """
    skip = {Path(p).resolve() for p in exclude}
    return sorted((p for p in Path(folder).iterdir()
                   if p.is_file() and not p.is_symlink() and not p.name.startswith(".")
                   and p.resolve() not in skip), key=lambda p: p.name)


def infer_lesson(cells: list[str]) -> str | None:
    """The lesson named in the first ``exercises.lesson(...)`` call of the code cells."""
    for source in cells:
        match = LESSON_CALL.search(source)
        if match:
            return f"{int(match.group(1)):02d}"
    return None


def code_cells(text: str) -> list[str]:
    """The code-cell sources of a notebook's JSON text; ValueError if it is not a notebook.

    >>> code_cells('{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["x = 1\\\\n", "y"]}]}')
    ['x = 1\\ny']
    >>> code_cells('{"a": 1}')
    Traceback (most recent call last):
    ValueError: not a notebook
    """
    notebook = json.loads(text)
    if isinstance(notebook, dict) and notebook.get("nbformat", 4) != 4 and "worksheets" in notebook:
        import nbformat

        notebook = nbformat.reads(text, as_version=4)
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise ValueError("not a notebook")
    cells = []
    for cell in notebook["cells"]:
        if not isinstance(cell, dict):
            raise ValueError("not a notebook")
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise ValueError("not a notebook")
        cells.append(source)
    return cells


def read_submission(path: Path, lesson: str | None = None, lang: str | None = None) -> Submission:
    """Read, hash and parse one submitted file (nothing of it runs here)."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return Submission(path.name, digest.hexdigest(), problem="not_a_notebook",
                          detail=t("grading.detail.too_large", lang, mb=size // 2**20))
    data = path.read_bytes()
    submission = Submission(path.name, hashlib.sha256(data).hexdigest())
    try:
        submission.cells = code_cells(data.decode("utf-8"))
    except UnicodeDecodeError:
        submission.problem, submission.detail = "not_a_notebook", t("grading.detail.not_text", lang)
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        key = "grading.detail.not_json" if isinstance(error, json.JSONDecodeError) else "grading.detail.not_notebook"
        submission.problem, submission.detail = "not_a_notebook", t(key, lang)
    except Exception:  # an old-format notebook nbformat could not convert
        submission.problem, submission.detail = "not_a_notebook", t("grading.detail.not_notebook", lang)
    if submission.problem is None:
        from ..exercises import lessons

        submission.lesson = lesson or infer_lesson(submission.cells)
        if submission.lesson is None:
            submission.problem, submission.detail = "no_lesson", t("grading.detail.no_lesson", lang)
        elif submission.lesson not in lessons():
            submission.problem = "no_lesson"
            submission.detail = t("grading.detail.unknown_lesson", lang, lesson=submission.lesson)
    return submission


def lesson_key(lesson, lang: str | None = None) -> str:
    """``"2"``, ``2`` or ``"02"`` → ``"02"``; GradingError if the lesson declares no exercises."""
    from ..exercises import lessons

    try:
        key = f"{int(lesson):02d}"
    except (TypeError, ValueError):
        key = str(lesson)
    if key not in lessons():
        raise GradingError(t("grading.error_lesson", lang, lesson=lesson, known=", ".join(lessons())))
    return key

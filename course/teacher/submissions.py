"""Submitted files: finding them, reading them (never running them), and their lesson.

>>> infer_lesson(['import course', 'ex = course.exercises.lesson("02")'])
'02'
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import GradingError
from ..core.i18n import t

MAX_FILE_BYTES = 50 * 2**20
NO_HASH = "none"  # the sha256 of an entry that is not a readable file


LESSON_CALL = re.compile(r"""exercises\s*\.\s*lesson\(\s*["']?(\d{1,2})["']?\s*\)""")
LANGUAGE_CALL = re.compile(r"""set_language\(\s*["'](zh|en)["']\s*\)""")



@dataclass
class Submission:
    """One submitted file: its name, hash, code cells and lesson, or why it cannot run."""

    name: str
    sha256: str
    cells: list = field(default_factory=list)
    lesson: str | None = None
    problem: str | None = None       # a status when the file cannot run
    detail: str = ""
    language: str = ""               # of the lesson: its ``course.set_language(...)`` call ("" if none)


def find_submissions(folder: Path, exclude: tuple = ()) -> list[Path]:
    """The entries of ``folder`` to grade: all but hidden ones and ``exclude``, sorted by name.

    Links, folders and other entries that are not regular files are listed too: each gets a
    row of its own (see :func:`read_submission`). No link is followed here.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); _ = (d / "b.ipynb").write_text("{}"); _ = (d / ".x").write_text("")
    >>> (d / "a").mkdir(); [p.name for p in find_submissions(d)]
    ['a', 'b.ipynb']
    """
    skip = {os.path.realpath(p) for p in exclude}
    return sorted((p for p in Path(folder).iterdir()
                   if not p.name.startswith(".") and os.path.realpath(p) not in skip), key=lambda p: p.name)


def readable_name(name: str) -> str:
    """A file name as it goes into the table and onto the terminal.

    Bytes that are not UTF-8 (a name from a zip made on Chinese Windows, say) and characters
    that do not print (a line end, a terminal escape) are written as backslash escapes.

    >>> readable_name(os.fsdecode(b"\\xd6\\xd0\\xce\\xc4.ipynb"))
    '\\\\xd6\\\\xd0\\\\xce\\\\xc4.ipynb'
    >>> readable_name("作业 1.ipynb"), readable_name("a\\nb\\x1b[2J")
    ('作业 1.ipynb', 'a\\\\nb\\\\x1b[2J')
    """
    text = os.fsencode(name).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def infer_lesson(cells: list[str]) -> str | None:
    """The lesson named in the first ``exercises.lesson(...)`` call of the code cells."""
    for source in cells:
        match = LESSON_CALL.search(source)
        if match:
            return f"{int(match.group(1)):02d}"
    return None


def infer_language(cells: list[str]) -> str:
    """The language of the first ``course.set_language("zh"|"en")`` call of the code cells ("" if none).

    >>> infer_language(['import course', 'course.set_language("en")']), infer_language(['x = 1'])
    ('en', '')
    """
    for source in cells:
        match = LANGUAGE_CALL.search(source)
        if match:
            return match.group(1)
    return ""


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
    """Read, hash and parse one submitted file (nothing of it runs here).

    What is not a regular file (a link, which is not followed; a folder; a pipe) gets the
    status ``not_a_file``, a file that cannot be read ``unreadable``.
    """
    path = Path(path)
    name = readable_name(path.name)
    try:
        kind = stat.S_IFMT(path.lstat().st_mode)
        if kind != stat.S_IFREG:
            what = {stat.S_IFLNK: "symlink", stat.S_IFDIR: "folder"}.get(kind, "special")
            return Submission(name, NO_HASH, problem="not_a_file", detail=t(f"grading.detail.{what}", lang))
        digest, data, size = _read(path)
    except OSError as error:
        return Submission(name, NO_HASH, problem="unreadable",
                          detail=t("grading.detail.unreadable", lang, error=type(error).__name__))
    if data is None:
        return Submission(name, digest, problem="not_a_notebook",
                          detail=t("grading.detail.too_large", lang, mb=size // 2**20))
    submission = Submission(name, digest)
    try:
        submission.cells = code_cells(data.decode("utf-8"))
    except UnicodeDecodeError:
        submission.problem, submission.detail = "not_a_notebook", t("grading.detail.not_text", lang)
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        key = "grading.detail.not_json" if isinstance(error, json.JSONDecodeError) else "grading.detail.not_notebook"
        submission.problem, submission.detail = "not_a_notebook", t(key, lang)
    except Exception:  # an old-format notebook nbformat could not convert; nesting too deep
        submission.problem, submission.detail = "not_a_notebook", t("grading.detail.not_notebook", lang)
    if submission.problem is None:
        from ..exercises import lessons

        submission.language = infer_language(submission.cells)
        submission.lesson = lesson or infer_lesson(submission.cells)
        if submission.lesson is None:
            submission.problem, submission.detail = "no_lesson", t("grading.detail.no_lesson", lang)
        elif submission.lesson not in lessons():
            submission.problem = "no_lesson"
            submission.detail = t("grading.detail.unknown_lesson", lang, lesson=submission.lesson)
    return submission


def _open(path: Path) -> int:
    """A read-only descriptor of ``path``, never through a link, never waiting on a pipe."""
    return os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)


def _read(path: Path) -> tuple[str, bytes | None, int]:
    """SHA-256, content (``None`` when over ``MAX_FILE_BYTES``) and size of a regular file."""
    fd = _open(path)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since it was listed
            raise IsADirectoryError(path)
        digest, blocks, size = hashlib.sha256(), [], 0
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
            if size <= MAX_FILE_BYTES:
                blocks.append(block)
    return digest.hexdigest(), b"".join(blocks) if size <= MAX_FILE_BYTES else None, size


def lesson_key(lesson: str | int, lang: str | None = None) -> str:
    """``"2"``, ``2`` or ``"02"`` → ``"02"``; GradingError if the lesson declares no exercises."""
    from ..exercises import lessons

    try:
        key = f"{int(lesson):02d}"
    except (TypeError, ValueError):
        key = str(lesson)
    if key not in lessons():
        raise GradingError(t("grading.error_lesson", lang, lesson=lesson, known=", ".join(lessons())))
    return key

"""Where the course's data and notebooks live, installed or in a source checkout.

In a wheel, ``data/`` and ``notebooks/`` are shipped inside the package as
``course/_data`` and ``course/_notebooks``; in a source checkout they sit beside
the package.

>>> data_path("article.txt").name
'article.txt'
"""
from __future__ import annotations

import pkgutil
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent   # the ``course`` package folder


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def data_dir() -> Path:
    """The folder holding the course data (law texts, tables, the article)."""
    return _first_existing(_PACKAGE / "_data", _PACKAGE.parent / "data")


def notebooks_dir() -> Path:
    """The folder holding the lesson notebooks (``zh/`` and ``en/``)."""
    return _first_existing(_PACKAGE / "_notebooks", _PACKAGE.parent / "notebooks")


def data_path(*parts: str) -> Path:
    """Path of a file inside the data folder, e.g. ``data_path("laws", "constitution.md")``."""
    return data_dir().joinpath(*parts)


#: The parts that grade rather than teach: never loaded into a learner's kernel or a submission's.
TEACHER_SIDE = ("teacher",)


def parts() -> tuple[str, ...]:
    """The course's parts: the subpackages of ``course`` (``core``, ``law``, ``widgets`` …).

    >>> {"core", "law", "exercises", "teacher"} <= set(parts())
    True
    """
    return tuple(m.name for m in pkgutil.iter_modules([str(_PACKAGE)]) if m.ispkg and not m.name.startswith("_"))


def learner_modules() -> list[str]:
    """Every module a lesson can reach: all modules of every part except the teacher's.

    Found from the folders, not imported; the grader imports these once before it forks.

    >>> "course.law.statutes" in learner_modules(), "course.teacher.grading" in learner_modules()
    (True, False)
    """
    names = []
    for part in parts():
        if part in TEACHER_SIDE:
            continue
        names.append(f"course.{part}")
        names += [m.name for m in pkgutil.walk_packages([str(_PACKAGE / part)], f"course.{part}.")]
    return names

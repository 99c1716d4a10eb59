"""Where the course's data and notebooks live, installed or in a source checkout.

In a wheel, ``data/`` and ``notebooks/`` are shipped inside the package as
``course/_data`` and ``course/_notebooks``; in a source checkout they sit beside
the package.

>>> data_path("article.txt").name
'article.txt'
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


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

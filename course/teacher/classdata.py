"""A graded class as data: the two tables ``course grade`` writes, read back; private output files.

(It imports nothing of the grader, so that ``course grade --marks`` can use it.)

Every teacher command that starts from a grade table (``course report``, ``open-answers``,
``feedback``, ``export``) reads it here, and writes what it makes through
:func:`write_private_csv` / :func:`write_private_text`: mode 0600 from the first byte, replaced
atomically, every CSV text cell neutralised for spreadsheets (:func:`.journal.safe_cell`).

>>> import tempfile; path = Path(tempfile.mkdtemp()) / "x.csv"
>>> _ = write_private_csv(path, ["name", "n"], [{"name": "=1+1", "n": 2}])
>>> path.read_text(encoding="utf-8").splitlines(), oct(path.stat().st_mode & 0o777)
(['name,n', "'=1+1,2"], '0o600')
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import pandas as pd

from ..core.errors import TeacherError
from ..core.i18n import t
from .journal import PRIVATE, safe_cell


def read_tables_at(grades_csv: Path, details_csv: Path,
                   lang: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The grade table and its details table, all cells text; TeacherError (in the teacher's language)
    if unreadable. :func:`course.teacher.report.read_tables` finds the details table beside the grades."""
    grades_csv = Path(grades_csv)
    try:
        grades = pd.read_csv(grades_csv, dtype=str, keep_default_na=False)
        details = pd.read_csv(details_csv, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as error:
        raise TeacherError(t("report.error_read", lang, path=grades_csv, problem=type(error).__name__)) from None
    if not {"file", "total", "max", "status"} <= set(grades) or not {"file", "exercise", "status"} <= set(details):
        raise TeacherError(t("report.error_columns", lang, path=grades_csv))
    for column in ("answer", "mistake", "message", "points", "max_points", "reason"):
        if column not in details:  # a table of an older version
            details[column] = ""
    return grades, details


def open_exercise_ids() -> set[str]:
    """Ids of the exercises whose answers are free text (``open_ended``).

    >>> "00.why_primary" in open_exercise_ids()
    True
    """
    from .. import exercises

    return {e.id for n in exercises.lessons() for e in exercises.lesson(n) if e.open_ended}


def number(text: object, default: float = 0.0) -> float:
    """A cell as a number (``default`` when empty or not a number).

    >>> number("1.5"), number(""), number("x", -1)
    (1.5, 0.0, -1)
    """
    try:
        value = float(str(text).strip())
    except ValueError:
        return default
    return value if value == value and abs(value) != float("inf") else default


def points_text(value: float) -> str:
    """Points as written in a table: ``1``, ``0.5``.

    >>> points_text(2.0), points_text(0.5)
    ('2', '0.5')
    """
    return f"{value:g}"


def _atomic_write(path: Path, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, PRIVATE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_private_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path``, private to the teacher, atomically."""
    return _atomic_write(path, text.encode("utf-8"))


def write_private_csv(path: Path, columns: list[str], rows: list[dict], quote_all: bool = False) -> Path:
    """Write rows as CSV (UTF-8), every text cell safe for a spreadsheet, private, atomically."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, columns, extrasaction="ignore", restval="",
                            quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows({c: safe_cell(r.get(c, "")) for c in columns} for r in rows)
    return _atomic_write(path, buffer.getvalue().encode("utf-8"))

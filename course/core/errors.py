"""The course's own errors: their messages are for the learner, already in their language.

>>> issubclass(DataError, CourseError), issubclass(CourseError, ValueError)
(True, True)
"""
from __future__ import annotations


class CourseError(ValueError):
    """An error whose message is meant for the learner (already in their language).

    In a notebook IPython shows it as that message alone, without a traceback:

    >>> "✗ 没有这部法律" in CourseError("没有这部法律")._render_traceback_()[0]
    True
    """

    def _render_traceback_(self) -> list[str]:
        """What IPython prints instead of a traceback: the message, in red."""
        return [f"\x1b[1;31m✗ {self}\x1b[0m"]


class DataError(CourseError):
    """A data file is missing or malformed; the message names the file and the row."""


class StorageInputError(CourseError):
    """A parameter of the storage model is not a number, or outside its allowed range."""


class TeacherError(CourseError):
    """A problem the teacher can fix (a lesson that does not exist, a file that would be lost)."""


class GradingError(CourseError):
    """A grading run cannot start (no such folder, no such lesson); the message is for the teacher."""

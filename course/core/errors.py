"""The course's own errors: their messages are for the learner, already in their language.

>>> issubclass(DataError, CourseError), issubclass(CourseError, ValueError)
(True, True)
"""
from __future__ import annotations


class CourseError(ValueError):
    """An error whose message is meant for the learner (already in their language)."""


class DataError(CourseError):
    """A data file is missing or malformed; the message names the file and the row."""


class StorageInputError(CourseError):
    """A parameter of the storage model is not a number, or outside its allowed range."""


class TeacherError(CourseError):
    """A problem the teacher can fix (a lesson that does not exist, a file that would be lost)."""


class GradingError(CourseError):
    """A grading run cannot start (no such folder, no such lesson); the message is for the teacher."""

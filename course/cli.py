"""The ``course`` command: every sub-command and its arguments, in one place.

::

    course open [FOLDER] [--lang en]       # copy the lessons into FOLDER, start JupyterLab
    course copy [FOLDER]                   # copy only
    course release OUT --lang zh           # teacher: an answer-free student copy
    course key OUT                         # teacher: the answer key
    course nbgrader OUT --lesson 02        # teacher: an nbgrader source assignment
    course grade SUBMISSIONS --out grades.csv
    course exercises --lesson 02           # teacher: the exercise ids to assign
    course report grades.csv --out DIR     # teacher: the class report [--marks marks.csv]
    course open-answers grades.csv --out DIR   # teacher: free-text answers to mark, marks.csv
    course feedback grades.csv --out DIR   # teacher: one HTML page per student [--with-solutions]
    course export grades.csv --format canvas --roster roster.csv --out gradebook.csv
    course book OUT                        # the lessons, executed, as a static site

Each sub-command names its handler as ``"module:function"``; the module is imported only
when that command runs, so ``course --help`` stays fast. A handler takes the parsed
arguments and returns the exit code; ``args.lang`` is the chosen language.

>>> build_parser().parse_args(["copy", "x", "--lang", "en"]).folder
'x'
>>> build_parser().parse_args(["grade", "subs"]).handler
'course.teacher.grading:run'
"""
from __future__ import annotations

import argparse
import importlib
import math
import sys
from typing import Callable

from .core.i18n import LANGUAGES, both, get_language, system_language, t
from .workspace import DEFAULT_FOLDER, EXIT_USER_ERROR


def _command(subparsers, name: str, handler: str, help_key: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=both(help_key), description=both(help_key))
    parser.set_defaults(handler=handler)
    return parser


def _lang(parser: argparse.ArgumentParser, help_key: str = "cli.help_lang", default=None) -> None:
    """``--lang zh|en`` (default: the ``COURSE_LANG`` environment variable, else ``zh``)."""
    parser.add_argument("--lang", choices=LANGUAGES, default=default, help=both(help_key))


def _learner_commands(subparsers) -> None:
    for name in ("open", "copy"):
        parser = _command(subparsers, name, f"course.workspace:cmd_{name}", f"cli.help_{name}")
        parser.add_argument("folder", nargs="?", default=DEFAULT_FOLDER,
                            help=both("cli.help_folder") + f" (default: {DEFAULT_FOLDER})")
        _lang(parser, default=get_language())
        if name == "open":
            parser.add_argument("--port", type=int, default=None, help=both("cli.help_port"))
            parser.add_argument("--no-browser", action="store_true", help=both("cli.help_no_browser"))


def _teacher_out(parser: argparse.ArgumentParser, lessons: bool = True) -> None:
    parser.add_argument("out", metavar="OUT", help=both("teacher.help_out"))
    _lang(parser, "teacher.help_lang", default=get_language())
    if lessons:
        parser.add_argument("--lessons", default=None, help=both("teacher.help_lessons"))
    parser.add_argument("--force", action="store_true", help=both("teacher.help_force"))


def _teacher_commands(subparsers) -> None:
    release = _command(subparsers, "release", "course.teacher.release:cmd_release", "teacher.help_release")
    _teacher_out(release)
    release.add_argument("--exercises", default=None, help=both("teacher.help_exercises"))

    key = _command(subparsers, "key", "course.teacher.release:cmd_key", "teacher.help_key")
    _teacher_out(key)

    nbg = _command(subparsers, "nbgrader", "course.teacher.nbgrader:cmd_nbgrader", "teacher.help_nbgrader")
    _teacher_out(nbg, lessons=False)
    nbg.add_argument("--lesson", required=True, help=both("teacher.help_lesson"))
    nbg.add_argument("--exercises", default=None, help=both("teacher.help_exercises"))
    nbg.add_argument("--assignment", default=None, help=both("teacher.help_assignment"))

    # course grade: messages in --lang, else COURSE_LANG, else the locale's language
    listing = _command(subparsers, "exercises", "course.teacher.assignment:cmd_exercises", "teacher.help_list")
    listing.add_argument("--lesson", default=None, help=both("teacher.help_lessons"))
    _lang(listing, "teacher.help_lang", default=get_language())

    report = _command(subparsers, "report", "course.teacher.report:cmd_report", "report.help")
    report.add_argument("grades", metavar="GRADES.csv", help=both("report.help_grades"))
    report.add_argument("--out", required=True, help=both("report.help_out"))
    report.add_argument("--marks", default=None, help=both("marks.help"))
    _lang(report, "teacher.help_lang", default=get_language())

    answers = _command(subparsers, "open-answers", "course.teacher.open_marking:cmd_open_answers", "openans.help")
    answers.add_argument("grades", metavar="GRADES.csv", help=both("report.help_grades"))
    answers.add_argument("--out", required=True, help=both("report.help_out"))
    _lang(answers, "teacher.help_lang", default=get_language())

    feedback = _command(subparsers, "feedback", "course.teacher.feedback_files:cmd_feedback", "feedback.help")
    feedback.add_argument("grades", metavar="GRADES.csv", help=both("report.help_grades"))
    feedback.add_argument("--out", required=True, help=both("feedback.help_out"))
    feedback.add_argument("--marks", default=None, help=both("marks.help"))
    feedback.add_argument("--with-solutions", action="store_true", help=both("feedback.help_solutions"))
    _lang(feedback, "teacher.help_lang", default=get_language())

    export = _command(subparsers, "export", "course.teacher.export:cmd_export", "export.help")
    export.add_argument("grades", metavar="GRADES.csv", help=both("report.help_grades"))
    export.add_argument("--format", required=True, choices=("canvas", "moodle", "blackboard"),
                        help=both("export.help_format"))
    export.add_argument("--roster", required=True, help=both("export.help_roster"))
    export.add_argument("--out", required=True, help=both("export.help_out"))
    export.add_argument("--marks", default=None, help=both("marks.help"))
    _lang(export, "teacher.help_lang", default=get_language())

    book = _command(subparsers, "book", "course.teacher.book:cmd_book", "book.help")
    book.add_argument("out", metavar="OUT", help=both("teacher.help_out"))
    book.add_argument("--lang", dest="book_lang", choices=[*LANGUAGES, "both"], default="both",
                      help=both("book.help_lang"))
    book.add_argument("--lessons", default=None, help=both("teacher.help_lessons"))
    book.add_argument("--force", action="store_true", help=both("teacher.help_force"))

    grade = _command(subparsers, "grade", "course.teacher.grading:run", "teacher.help_grade")
    grade.add_argument("submissions", help=both("grading.help_submissions"))
    grade.add_argument("--out", default="grades.csv", help=both("grading.help_out"))
    grade.add_argument("--lesson", default=None, help=both("grading.help_lesson"))
    grade.add_argument("--jobs", type=positive(int, 256), default=None, help=both("grading.help_jobs"))
    grade.add_argument("--timeout", type=positive(float, 86400), default=None, help=both("grading.help_timeout"))
    grade.add_argument("--notebook-timeout", type=positive(float, 7 * 86400), default=None,
                       help=both("grading.help_notebook_timeout"))
    grade.add_argument("--output-limit", type=positive(int, 2**30), default=None,
                       help=both("grading.help_output_limit"))
    _lang(grade, "grading.help_lang", default=system_language())
    grade.add_argument("--assignment", default=None, help=both("grading.help_assignment"))
    grade.add_argument("--marks", default=None, help=both("marks.help"))


def positive(kind: type, maximum: float = 2**31) -> Callable[[str], float]:
    """An argparse ``type=`` for ``course grade``: a finite number above 0 and at most ``maximum``.

    Its message is in the language of ``COURSE_LANG``, else of the locale (``--lang`` may
    come later on the command line).

    >>> positive(float)("2.5"), positive(int)("3")
    (2.5, 3)
    >>> positive(float)("nan")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: ...'nan'...
    >>> positive(float, 86400)("1e300")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: ...86400...
    """
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or value <= 0:
            key = "grading.error_positive_int" if kind is int else "grading.error_positive"
            raise argparse.ArgumentTypeError(t(key, system_language(), value=text))
        if value > maximum:
            raise argparse.ArgumentTypeError(t("grading.error_too_large", system_language(),
                                               value=text, maximum=f"{maximum:g}"))
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    """The ``course`` parser with every sub-command."""
    parser = argparse.ArgumentParser(prog="course", description=both("cli.help_main"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    _learner_commands(subparsers)
    _teacher_commands(subparsers)
    return parser


def handler(name: str) -> Callable[[argparse.Namespace], int]:
    """The function a sub-command names, e.g. ``handler("course.workspace:cmd_copy")``."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)


def main(argv: list[str] | None = None) -> int:
    """Run the ``course`` command; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USER_ERROR
    if getattr(args, "lang", None) is None:
        args.lang = get_language()
    try:
        function = handler(args.handler)
    except ModuleNotFoundError as error:  # a teacher tool left out of a learner's install
        if (error.name or "course").split(".")[0] == "course":
            raise
        print(t("cli.error_missing_tool", args.lang, module=error.name), file=sys.stderr)
        return EXIT_USER_ERROR
    return function(args)


if __name__ == "__main__":
    sys.exit(main())

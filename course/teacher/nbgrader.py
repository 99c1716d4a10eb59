"""A lesson as an nbgrader source assignment, for teachers who already grade with nbgrader.

``course nbgrader OUT --lesson 00`` writes an nbgrader course folder::

    OUT/nbgrader_config.py                       (only if there is none yet)
    OUT/source/lesson00/00-start-here.ipynb

Then, in ``OUT``: ``nbgrader generate_assignment lesson00``, collect the submissions into
``submitted/<student>/lesson00/``, ``nbgrader autograde lesson00``, ``nbgrader export``.

Each exercise's answer cell becomes an nbgrader **solution cell**: the model answer sits
between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (nbgrader replaces it by its stub
in the release); the check call stays, so students keep their instant feedback. After it
comes a locked **grade cell** worth the exercise's points, whose hidden test judges the
answer with the course's own exercise engine::

    ### BEGIN HIDDEN TESTS
    import course.exercises
    assert course.exercises.get("00.log_item").evaluate(log_item).status == "correct"
    ### END HIDDEN TESTS

An open question (kind ``open``) becomes a **manually graded answer cell** (a code cell
with ``solution`` and ``grade`` both true, and no test): autograde gives it 0 if left
untouched and otherwise leaves it to the teacher in the formgrader.

>>> import nbformat
>>> from course import exercises
>>> cell = grade_cell(nbformat.v4.new_notebook(), exercises.get("00.log_item"), "en")
>>> cell.metadata["nbgrader"]["points"], cell.metadata["nbgrader"]["locked"]
(1, True)
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import TeacherError
from ..core.i18n import language, t
from .assignment import Selection, parse_lessons, select
from .notebooks import answer_region, find_answer_cell, new_cell, notebook_text, run_command, write_files
from .release import answer_code, student_notebook

if TYPE_CHECKING:
    import argparse

    from nbformat import NotebookNode

    from ..exercises import Exercise

CONFIG_NAME = "nbgrader_config.py"
SCHEMA_VERSION = 3
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"

CONFIG = '''\
# nbgrader settings for this course folder (written once by `course nbgrader`; edit freely).
c = get_config()  # noqa: F821 - nbgrader provides get_config
c.CourseDirectory.course_id = "wechat-factcheck"
c.Execute.timeout = 60  # seconds per cell when autograding
'''


def nbgrader_metadata(grade_id: str, *, solution: bool, grade: bool, locked: bool, points: int | None = None) -> dict:
    """The ``nbgrader`` cell metadata (schema version 3).

    >>> nbgrader_metadata("x", solution=True, grade=False, locked=False)["schema_version"]
    3
    """
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


def solution_source(source: str, exercise: Exercise, lang: str) -> str:
    """The answer cell with the model answer wrapped in nbgrader's solution markers.

    >>> from course import exercises
    >>> print(solution_source("log_item = ...\\nex.log_item.check(log_item)", exercises.get("00.log_item"), "en"))
    # Assign your answer to log_item in place of the two lines below
    ### BEGIN SOLUTION
    log_item = 3
    ### END SOLUTION
    ex.log_item.check(log_item)
    """
    lines = source.splitlines()
    first, stop = answer_region(source, exercise)
    indent = lines[first][:len(lines[first]) - len(lines[first].lstrip())]
    answer = [indent + line if line else line for line in answer_code(exercise, lang).splitlines()]
    region = [indent + t("teacher.nbg_write_here", lang=lang, name=exercise.name),
              indent + BEGIN_SOLUTION, *answer, indent + END_SOLUTION]
    return "\n".join(lines[:first] + region + lines[stop:])


def hidden_test(exercise: Exercise) -> str:
    """The hidden test of an auto-graded exercise: the course's own judgement must say correct."""
    return "\n".join([BEGIN_HIDDEN, "import course.exercises",
                      f"assert course.exercises.get({exercise.id!r}).evaluate({exercise.name}).status == \"correct\"",
                      END_HIDDEN])


def grade_cell(nb: NotebookNode, exercise: Exercise, lang: str) -> NotebookNode:
    """The locked grade cell that follows an auto-graded answer cell of ``nb``."""
    comment = t("teacher.nbg_grade_comment", lang=lang, id=exercise.id, points=exercise.points)
    meta = nbgrader_metadata(f"test_{exercise.name}", solution=False, grade=True, locked=True,
                             points=exercise.points)
    return new_cell(nb, "code", f"{comment}\n{hidden_test(exercise)}", f"test-{exercise.id}", {"nbgrader": meta})


def source_notebook(path: Path, lesson: str, selection: Selection) -> NotebookNode:
    """The nbgrader source version of one lesson (only the selection's exercises)."""
    nb = student_notebook(path, lesson, selection)
    for exercise in selection.exercises(lesson):
        index = find_answer_cell(nb, exercise.name)
        if index is None:
            raise TeacherError(t("teacher.error_no_cell", id=exercise.id, file=path.name))
        cell = nb.cells[index]
        cell.source = solution_source(cell.source, exercise, selection.lang)
        manual = exercise.open_ended
        cell.metadata["nbgrader"] = nbgrader_metadata(f"answer_{exercise.name}", solution=True, grade=manual,
                                                      locked=False, points=exercise.points if manual else None)
        if manual:
            cell.source = t("teacher.nbg_manual_comment", lang=selection.lang, id=exercise.id,
                            points=exercise.points) + "\n" + cell.source
        else:
            nb.cells.insert(index + 1, grade_cell(nb, exercise, selection.lang))
    nb.metadata["course"]["nbgrader"] = True
    return nb


def course_files(out: Path, lesson: str, selection: Selection,
                 assignment: str | None = None) -> tuple[dict[Path, str], str]:
    """``({path: text}, assignment name)`` for an nbgrader course folder holding ``lesson``."""
    name = assignment or f"lesson{lesson}"
    path = selection.notebooks[lesson]
    files = {out / "source" / name / path.name: notebook_text(source_notebook(path, lesson, selection)),
             out / CONFIG_NAME: CONFIG}
    return files, name


def cmd_nbgrader(args: argparse.Namespace) -> int:
    """``course nbgrader``: an nbgrader source assignment for one lesson."""
    def action(args):
        with language(args.lang):
            lessons = parse_lessons(args.lesson)
            if len(lessons) != 1:
                raise TeacherError(t("teacher.error_one_lesson", value=args.lesson))
            ids = args.exercises
            if ids:
                ids = ",".join(i if "." in i else f"{lessons[0]}.{i}" for i in ids.split(","))
            selection = select(args.lang, lessons[0], ids)
            out = Path(args.out).expanduser()
            files, assignment = course_files(out, lessons[0], selection, args.assignment)
            config = out / CONFIG_NAME
            if config.exists():
                files.pop(config)
                print(t("teacher.config_kept", lang=args.lang, file=config))
            write_files(files, args.force, args.lang)
            print(t("teacher.nbgrader_done", lang=args.lang, folder=out, assignment=assignment))
        return 0
    return run_command(action, args)

"""``course release`` and ``course key``: an answer-free student copy, and the answer key.

::

    course release OUT --lang zh --lessons 00,02 --exercises 02.utf8_bytes,02.daily_text_tb
    course key OUT --lang en --lessons 06

The notebooks in ``notebooks/`` stay answer-free; this module fills the answers in (the
key) or leaves some exercises out (a student copy, see :mod:`.assignment`).
"""
from __future__ import annotations

import ast
import builtins
import inspect
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import TeacherError
from ..core.i18n import language, t
from .assignment import MANIFEST, Selection, lesson_exercises, select
from .notebooks import (
    answer_region,
    find_answer_cell,
    find_question_cell,
    new_cell,
    notebook_text,
    placeholder_line,
    read_lesson,
    run_command,
    split_stub,
    write_files,
)

if TYPE_CHECKING:
    import argparse

    from nbformat import NotebookNode

    from ..exercises import Exercise


def _fallback(exercise) -> str:
    return f"{exercise.name} = course.exercises.get({exercise.id!r}).model_answer()"


def answer_code(exercise: Exercise, lang: str) -> str:
    """Python source that gives the model answer, as it goes into the answer cell.

    >>> from course import exercises
    >>> answer_code(exercises.get("00.log_item"), "en")
    'log_item = 3'
    """
    with language(lang):
        try:
            source = exercise.answer_source().strip("\n")
        except OSError:  # a function whose source cannot be found
            return _fallback(exercise)
    if exercise.learner_writes_function:
        return _function_code(exercise, source)
    try:
        ast.parse(f"{exercise.name} = {source}")
    except SyntaxError:
        return _fallback(exercise)
    return f"{exercise.name} = {source}"


def _function_code(exercise, source: str) -> str:
    """A reference function's source, renamed to the exercise name, with the modules it needs."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return _fallback(exercise)
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.FunctionDef):
        return _fallback(exercise)
    old = tree.body[0].name
    imports = []
    names = inspect.getclosurevars(exercise.reference)
    for var, value in {**names.nonlocals, **names.globals}.items():
        if inspect.ismodule(value):
            module = value.__name__
            imports.append(f"import {module}" if module == var else f"import {module} as {var}")
        elif not hasattr(builtins, var):
            return _fallback(exercise)
    code = re.sub(rf"\bdef\s+{re.escape(old)}\s*\(", f"def {exercise.name}(", source, count=1)
    if old != exercise.name:
        code = re.sub(rf"\b{re.escape(old)}\(", f"{exercise.name}(", code)
    return "\n".join([*imports, code])


def fill_answer(source: str, exercise: Exercise, lang: str) -> str:
    """The answer cell with the model answer in place of the placeholder or stub.

    >>> from course import exercises
    >>> fill_answer("log_item = ...\\nex.log_item.check(log_item)", exercises.get("00.log_item"), "zh")
    'log_item = 3\\nex.log_item.check(log_item)'
    """
    lines = source.splitlines()
    first, stop = answer_region(source, exercise)
    indent = re.match(r"\s*", lines[first]).group(0)
    answer = [indent + line if line else line for line in answer_code(exercise, lang).splitlines()]
    return "\n".join(lines[:first] + answer + lines[stop:])


def not_assigned_cell(nb: NotebookNode, exercise: Exercise, lang: str) -> NotebookNode:
    """The markdown cell that stands where an exercise that was not assigned would be."""
    return new_cell(nb, "markdown", t("teacher.not_assigned", lang=lang, id=exercise.id),
                    f"not-assigned-{exercise.id}", {"course": {"not_assigned": exercise.id}})


def remove_exercise(nb: NotebookNode, exercise: Exercise, lang: str) -> bool:
    """Replace an exercise's question and answer cells by one "not assigned" note (False if absent)."""
    answer = find_answer_cell(nb, exercise.name)
    question = find_question_cell(nb, exercise.name)
    found = [i for i in (question, answer) if i is not None]
    if not found:
        return False
    for index in sorted(found, reverse=True):
        del nb.cells[index]
    nb.cells.insert(min(found), not_assigned_cell(nb, exercise, lang))
    return True


def student_notebook(path: Path, lesson: str, selection: Selection) -> NotebookNode:
    """A lesson as released to students: no answers, unassigned exercises marked as such."""
    nb = read_lesson(path)
    assigned = selection.exercises(lesson)
    for exercise in lesson_exercises(lesson):
        if exercise.id not in selection.assigned:
            remove_exercise(nb, exercise, selection.lang)
    nb.metadata["course"] = {"lesson": lesson, "lang": selection.lang,
                             "assigned": [e.id for e in assigned],
                             "not_assigned": [e.id for e in lesson_exercises(lesson)
                                              if e.id not in selection.assigned]}
    problems = answers_in(nb, lesson, selection.lang)
    if problems:
        raise TeacherError(t("teacher.error_not_answer_free", file=path.name, ids=", ".join(problems)))
    return nb


def key_notebook(path: Path, lesson: str, lang: str) -> NotebookNode:
    """A lesson with every model answer filled in, each followed by the written solution."""
    nb = read_lesson(path)
    for exercise in lesson_exercises(lesson):
        index = find_answer_cell(nb, exercise.name)
        if index is None:
            raise TeacherError(t("teacher.error_no_cell", id=exercise.id, file=path.name))
        cell = nb.cells[index]
        cell.source = fill_answer(cell.source, exercise, lang)
        cell.metadata["course"] = {"key": exercise.id}
        note = f"**{t('teacher.key_note', lang=lang, id=exercise.id)}**\n\n{exercise.solution_text[lang]}"
        nb.cells.insert(index + 1, new_cell(nb, "markdown", note, f"key-{exercise.id}",
                                            {"course": {"solution": exercise.id}}))
    nb.metadata["course"] = {"lesson": lesson, "lang": lang, "key": True}
    return nb


def answers_in(nb: NotebookNode, lesson: str, lang: str) -> list[str]:
    """Ids of the exercises of ``lesson`` whose model answer shows in ``nb``'s code cells.

    An answer cell must assign exactly ``...`` (or keep an empty function stub), and no
    non-trivial model answer (its source longer than 3 characters) may appear in any code cell.
    """
    found = []
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    for exercise in lesson_exercises(lesson):
        index = find_answer_cell(nb, exercise.name)
        if index is not None and not _is_blank_answer(nb.cells[index].source, exercise):
            found.append(exercise.id)
            continue
        with language(lang):
            source = exercise.answer_source().strip()
        if len(source) > 3 and any(source in text for text in code):
            found.append(exercise.id)
    return found


def _is_blank_answer(source: str, exercise) -> bool:
    if placeholder_line(source, exercise.name) is not None:
        return True
    stub = split_stub(source, exercise.name) if exercise.learner_writes_function else None
    if stub is None:
        return False
    body = [line.strip() for line in stub[0][1:] if line.strip() and not line.strip().startswith("#")]
    return body in (["..."], ["pass"])


def release_files(out: Path, selection: Selection) -> dict[Path, str]:
    """The files of a student copy: one notebook per lesson and the assignment manifest."""
    files, lessons = {}, {}
    for lesson, path in selection.notebooks.items():
        files[out / path.name] = notebook_text(student_notebook(path, lesson, selection))
        lessons[lesson] = {"notebook": path.name,
                           "exercises": [e.id for e in selection.exercises(lesson)],
                           "points": sum(e.points for e in selection.exercises(lesson))}
    manifest = {"version": 1, "lang": selection.lang, "lessons": lessons}
    files[out / MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    return files


def key_files(out: Path, selection: Selection) -> dict[Path, str]:
    """The files of an answer key: one notebook per lesson, answers filled in."""
    return {out / path.name: notebook_text(key_notebook(path, lesson, selection.lang))
            for lesson, path in selection.notebooks.items()}


def cmd_release(args: argparse.Namespace) -> int:
    """``course release``: a student copy, answer-free, with only the assigned exercises."""
    def action(args):
        with language(args.lang):
            selection = select(args.lang, args.lessons, args.exercises)
            out = Path(args.out).expanduser()
            write_files(release_files(out, selection), args.force, args.lang)
            print(t("teacher.released", lang=args.lang, folder=out, lessons=len(selection.notebooks),
                    exercises=len(selection.assigned)))
        return 0
    return run_command(action, args)


def cmd_key(args: argparse.Namespace) -> int:
    """``course key``: the lessons with the model answers and written solutions filled in.

    The files are readable only by the teacher (mode 0600), and the message says where they are.
    """
    def action(args):
        with language(args.lang):
            selection = select(args.lang, args.lessons)
            out = Path(args.out).expanduser()
            write_files(key_files(out, selection), args.force, args.lang, private=True)
            print(t("teacher.key_done", lang=args.lang, folder=out, lessons=len(selection.notebooks)))
        return 0
    return run_command(action, args)

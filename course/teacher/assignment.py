"""Which lessons and exercises a teacher hands out, and the record of it that grading reads.

A *selection* comes from the command line (``--lessons 00,02 --exercises 02.utf8_bytes``);
``course release`` writes it down twice: in each released notebook's metadata
(``metadata["course"]["assigned"]``, read by :func:`assigned_exercises`) and in the manifest
``course-assignment.json``, which stays with the teacher (:func:`read_assignment`).

>>> parse_lessons("0, 2,06")
['00', '02', '06']
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import exercises as course_exercises
from ..core.errors import TeacherError
from ..core.i18n import t
from ..core.resources import notebooks_dir
from .notebooks import run_command

if TYPE_CHECKING:
    import argparse

    from nbformat import NotebookNode

MANIFEST = "course-assignment.json"


LESSON_FILE = re.compile(r"^(\d\d)-[\w-]+\.ipynb$")



def lesson_notebooks(lang: str) -> dict[str, Path]:
    """The lesson notebooks of ``lang``, by lesson number.

    >>> lesson_notebooks("zh")["00"].name
    '00-start-here.ipynb'
    """
    folder = notebooks_dir() / lang
    return {path.name[:2]: path for path in sorted(folder.glob("*.ipynb")) if LESSON_FILE.match(path.name)}


def parse_lessons(text: str | None) -> list[str]:
    """``"0,2"`` → ``["00", "02"]`` (sorted, without repeats); ``None`` → ``[]``."""
    if not text:
        return []
    numbers = set()
    for part in text.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) > 99:
            raise TeacherError(t("teacher.error_lesson_format", value=part))
        numbers.add(f"{int(part):02d}")
    return sorted(numbers)


def parse_exercises(text: str | None) -> list[str]:
    """``"02.a, 02.b"`` → ``["02.a", "02.b"]``, each checked to exist (order kept, no repeats)."""
    ids: list[str] = []
    for part in (text or "").replace("，", ",").split(","):
        part = part.strip()
        if not part or part in ids:
            continue
        number, _, name = part.partition(".")
        try:
            exercise = course_exercises.get(f"{int(number):02d}.{name}")
        except (ValueError, ModuleNotFoundError, AttributeError):
            raise TeacherError(t("teacher.error_unknown_exercise", value=part)) from None
        ids.append(exercise.id)
    return ids


def lesson_exercises(lesson: str) -> list:
    """The exercises declared for ``lesson`` (``[]`` if it declares none)."""
    if lesson not in course_exercises.lessons():
        return []
    return list(course_exercises.lesson(lesson))


@dataclass
class Selection:
    """Which lessons to write, in which language, and which exercises are assigned."""

    lang: str
    notebooks: dict[str, Path]
    assigned: set[str]

    def exercises(self, lesson: str) -> list:
        """The assigned exercises of ``lesson``, in lesson order."""
        return [e for e in lesson_exercises(lesson) if e.id in self.assigned]


def select(lang: str, lessons: str | None = None, exercise_ids: str | None = None) -> Selection:
    """Resolve the command-line choices into a :class:`Selection`.

    No ``--lessons``: every lesson (or, with ``--exercises``, the lessons of those
    exercises). No ``--exercises``: every exercise of the chosen lessons. Both: every
    listed exercise must belong to a listed lesson.

    >>> s = select("zh", "0")
    >>> list(s.notebooks), "00.log_item" in s.assigned
    (['00'], True)
    """
    available = lesson_notebooks(lang)
    chosen = parse_lessons(lessons)
    ids = parse_exercises(exercise_ids)
    if not chosen:
        chosen = sorted({i[:2] for i in ids}) if ids else sorted(available)
    missing = [n for n in chosen if n not in available]
    if missing:
        raise TeacherError(t("teacher.error_no_lesson", lessons=", ".join(missing), language=lang,
                             known=", ".join(sorted(available)) or "-"))
    stray = [i for i in ids if i[:2] not in chosen]
    if stray:
        raise TeacherError(t("teacher.error_exercise_lesson", ids=", ".join(stray)))
    if not ids:
        ids = [e.id for n in chosen for e in lesson_exercises(n)]
    return Selection(lang, {n: available[n] for n in chosen}, set(ids))


def assigned_exercises(nb: NotebookNode) -> list[str] | None:
    """The ids assigned in a released notebook (``None`` if it records no assignment).

    Grading uses this to leave out exercises that were not assigned.

    >>> import nbformat
    >>> assigned_exercises(nbformat.v4.new_notebook(metadata={"course": {"assigned": ["00.log_item"]}}))
    ['00.log_item']
    """
    info = nb.get("metadata", {}).get("course", {})
    assigned = info.get("assigned") if isinstance(info, dict) else None
    return [str(i) for i in assigned] if isinstance(assigned, list) else None


def read_assignment(path: Path) -> dict[str, list[str]]:
    """The assigned exercise ids by lesson, from the manifest ``course release`` writes.

    Unlike a notebook's metadata, the manifest stays with the teacher, out of students' reach.

    >>> import tempfile; manifest = Path(tempfile.mkdtemp()) / MANIFEST
    >>> _ = manifest.write_text('{"version": 1, "lessons": {"00": {"exercises": ["00.log_item"]}}}')
    >>> read_assignment(manifest)
    {'00': ['00.log_item']}
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {lesson: list(info["exercises"]) for lesson, info in data["lessons"].items()}


def exercise_table(lessons: list[str] | None = None, lang: str | None = None) -> list[tuple[str, str, int, str]]:
    """``(id, kind, points, question)`` of every exercise (of ``lessons``), the question shortened.

    >>> exercise_table(["00"], "en")[0][:3]
    ('00.csl_articles_2017', 'number', 1)
    """
    rows = []
    for number in lessons or course_exercises.lessons():
        for exercise in lesson_exercises(number):
            prompt = " ".join(exercise.question(lang).split())
            rows.append((exercise.id, exercise.kind, exercise.points,
                         prompt if len(prompt) <= 70 else prompt[:69] + "…"))
    return rows


def cmd_exercises(args: argparse.Namespace) -> int:
    """``course exercises [--lesson NN]``: the exercise ids a teacher can assign, with their questions."""
    def action(args):
        chosen = parse_lessons(args.lesson)
        unknown = [n for n in chosen if n not in course_exercises.lessons()]
        if unknown:
            raise TeacherError(t("teacher.error_lesson_format", value=", ".join(unknown)))
        for row in exercise_table(chosen or None, args.lang):
            print("\t".join(str(cell) for cell in row))
        return 0
    return run_command(action, args)

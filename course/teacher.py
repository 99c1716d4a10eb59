"""The teacher's toolkit: a student copy, an answer key, an nbgrader assignment, and ``course grade``.

::

    course release OUT --lang zh --lessons 00,02 --exercises 02.utf8_bytes,02.daily_text_tb
    course key OUT --lang en --lessons 06
    course nbgrader OUT --lesson 00 --lang zh
    course grade ...                 # see course.grading

In a lesson notebook an exercise is two code cells: the *question cell* (``ex.<name>``)
and the *answer cell*, which holds the placeholder and the check call::

    novel_size_mb = ...
    ex.novel_size_mb.check(novel_size_mb)

A function exercise writes a stub instead of the placeholder line::

    def words_per_mb(chars):
        ...
    ex.words_per_mb.check(words_per_mb)

The notebooks in ``notebooks/`` stay answer-free; this module fills the answers in (the
key) or leaves some exercises out (a student copy). A released notebook records what was
assigned in its metadata, ``metadata["course"]``; :func:`assigned_exercises` reads it back,
so grading skips what was not assigned.

Nothing here overwrites a file that differs from what it would write, unless ``--force``.

>>> parse_lessons("0, 2,06")
['00', '02', '06']
>>> split_stub("def f(x):\\n    ...\\nex.f.check(f)", "f")
(['def f(x):', '    ...'], 0)
"""
from __future__ import annotations

import argparse
import ast
import builtins
import importlib
import inspect
import json
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import exercises as course_exercises
from .i18n import LANGUAGES, get_language, set_language, t
from .resources import notebooks_dir


def _nbformat():
    """nbformat, imported on first use so that ``course --help`` stays fast."""
    import nbformat

    return nbformat

MANIFEST = "course-assignment.json"
LESSON_FILE = re.compile(r"^(\d\d)-[\w-]+\.ipynb$")


class TeacherError(Exception):
    """A problem the teacher can fix; the message is already in their language."""


# -- choosing lessons and exercises ----------------------------------------------

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


# -- finding and filling the exercise cells --------------------------------------

def _code_lines(source: str) -> list[str]:
    return [line for line in source.splitlines() if line.strip() and not line.strip().startswith("#")]


def find_answer_cell(nb, name: str) -> int | None:
    """Index of the code cell that calls ``ex.<name>.check(...)`` (``None`` if there is none)."""
    call = re.compile(rf"\bex\.{re.escape(name)}\.check\(")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and call.search(cell.source):
            return index
    return None


def find_question_cell(nb, name: str) -> int | None:
    """Index of the code cell that only shows ``ex.<name>`` (``None`` if there is none)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and [s.strip() for s in _code_lines(cell.source)] == [f"ex.{name}"]:
            return index
    return None


def placeholder_line(source: str, name: str) -> int | None:
    """Index of the line ``<name> = ...`` in ``source`` (``None`` if there is none).

    >>> placeholder_line("# try\\nx = ...\\nex.x.check(x)", "x")
    1
    """
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=\s*\.\.\.\s*(#.*)?$")
    for index, line in enumerate(source.splitlines()):
        if pattern.match(line):
            return index
    return None


def split_stub(source: str, name: str) -> tuple[list[str], int] | None:
    """The lines of the stub ``def <name>(...):`` with its indented body, and where it starts."""
    lines = source.splitlines()
    for start, line in enumerate(lines):
        if re.match(rf"^def\s+{re.escape(name)}\s*\(", line):
            end = start
            while end < len(lines) and not lines[end].split("#")[0].rstrip().endswith(":"):
                end += 1
            end += 1
            while end < len(lines) and (not lines[end].strip() or lines[end][:1] in " \t"):
                end += 1
            while end - 1 > start and not lines[end - 1].strip():
                end -= 1
            return lines[start:end], start
    return None


def answer_region(source: str, exercise) -> tuple[int, int]:
    """``(first, stop)`` line indices of the part of an answer cell that holds the answer."""
    if exercise.kind == "function":
        stub = split_stub(source, exercise.name)
        if stub is not None:
            return stub[1], stub[1] + len(stub[0])
    line = placeholder_line(source, exercise.name)
    if line is None:
        raise TeacherError(t("teacher.error_no_placeholder", id=exercise.id))
    return line, line + 1


@contextmanager
def language(lang: str):
    """Switch the message language for a block, then switch back."""
    before = get_language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def _fallback(exercise) -> str:
    return f"{exercise.name} = course.exercises.get({exercise.id!r}).model_answer()"


def answer_code(exercise, lang: str) -> str:
    """Python source that gives the model answer, as it goes into the answer cell.

    >>> answer_code(course_exercises.get("00.log_item"), "en")
    'log_item = 3'
    """
    with language(lang):
        try:
            source = exercise.answer_source().strip("\n")
        except OSError:  # a function whose source cannot be found
            return _fallback(exercise)
    if exercise.kind == "function":
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


def fill_answer(source: str, exercise, lang: str) -> str:
    """The answer cell with the model answer in place of the placeholder or stub.

    >>> fill_answer("log_item = ...\\nex.log_item.check(log_item)", course_exercises.get("00.log_item"), "zh")
    'log_item = 3\\nex.log_item.check(log_item)'
    """
    lines = source.splitlines()
    first, stop = answer_region(source, exercise)
    indent = re.match(r"\s*", lines[first]).group(0)
    answer = [indent + line if line else line for line in answer_code(exercise, lang).splitlines()]
    return "\n".join(lines[:first] + answer + lines[stop:])


# -- notebooks --------------------------------------------------------------------

def read_lesson(path: Path):
    """A lesson notebook, with outputs and execution counts cleared."""
    nb = _nbformat().read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def new_cell(nb, kind: str, source: str, cell_id: str, metadata: dict):
    """A new ``"markdown"`` or ``"code"`` cell for ``nb``, with a stable id where ``nb`` uses ids.

    The id is derived from ``cell_id`` so that writing the same notebook twice gives the same file.

    >>> nb = _nbformat().v4.new_notebook()
    >>> new_cell(nb, "markdown", "hi", "key-00.log_item", {}).id
    'key-00-log_item'
    """
    make = _nbformat().v4.new_markdown_cell if kind == "markdown" else _nbformat().v4.new_code_cell
    cell = make(source, metadata=metadata)
    if (nb.nbformat, nb.nbformat_minor) >= (4, 5):
        cell.id = re.sub(r"[^A-Za-z0-9_-]", "-", cell_id)[:64]
    else:
        cell.pop("id", None)
    return cell


def not_assigned_cell(nb, exercise, lang: str):
    """The markdown cell that stands where an exercise that was not assigned would be."""
    return new_cell(nb, "markdown", t("teacher.not_assigned", lang=lang, id=exercise.id),
                    f"not-assigned-{exercise.id}", {"course": {"not_assigned": exercise.id}})


def remove_exercise(nb, exercise, lang: str) -> bool:
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


def student_notebook(path: Path, lesson: str, selection: Selection):
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


def key_notebook(path: Path, lesson: str, lang: str):
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


def answers_in(nb, lesson: str, lang: str) -> list[str]:
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
    stub = split_stub(source, exercise.name) if exercise.kind == "function" else None
    if stub is None:
        return False
    body = [line.strip() for line in stub[0][1:] if line.strip() and not line.strip().startswith("#")]
    return body in (["..."], ["pass"])


def assigned_exercises(nb) -> list[str] | None:
    """The ids assigned in a released notebook (``None`` if it records no assignment).

    Grading uses this to leave out exercises that were not assigned.

    >>> assigned_exercises(_nbformat().v4.new_notebook(metadata={"course": {"assigned": ["00.log_item"]}}))
    ['00.log_item']
    """
    info = nb.get("metadata", {}).get("course", {})
    assigned = info.get("assigned") if isinstance(info, dict) else None
    return [str(i) for i in assigned] if isinstance(assigned, list) else None


def read_assignment(path: Path) -> dict[str, list[str]]:
    """The assigned exercise ids by lesson, from the manifest ``course release`` writes.

    Unlike a notebook's metadata, the manifest stays with the teacher, out of students' reach.

    >>> import tempfile; out = Path(tempfile.mkdtemp())
    >>> _ = cmd_release(argparse.Namespace(out=str(out), lang="en", lessons="00", exercises="00.log_item", force=False))
    written: ...
    >>> read_assignment(out / MANIFEST)
    {'00': ['00.log_item']}
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {lesson: list(info["exercises"]) for lesson, info in data["lessons"].items()}


# -- writing files without losing a teacher's edits ---------------------------------

def notebook_text(nb) -> str:
    """The notebook as it is written to disk."""
    return _nbformat().writes(nb) + "\n"


def plan_writes(files: dict[Path, str], force: bool) -> dict[Path, str]:
    """Check every target first; return those to (re)write. Refuses if one differs and not ``force``."""
    todo, blocked = {}, []
    for path, text in files.items():
        if path.exists():
            if not path.is_file():
                raise TeacherError(t("teacher.error_not_file", file=path))
            if path.read_text(encoding="utf-8") == text:
                continue
            if not force:
                blocked.append(str(path))
                continue
        todo[path] = text
    if blocked:
        raise TeacherError(t("teacher.error_exists", files="\n  ".join(blocked)))
    return todo


def write_files(files: dict[Path, str], force: bool, lang: str) -> int:
    """Write what :func:`plan_writes` allows, printing one line per file; returns how many changed."""
    todo = plan_writes(files, force)
    for path, text in files.items():
        if path in todo:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(t("teacher.wrote", lang=lang, file=path))
        else:
            print(t("teacher.unchanged", lang=lang, file=path))
    return len(todo)


# -- the commands -------------------------------------------------------------------

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


def _run(action, args) -> int:
    try:
        return action(args)
    except TeacherError as error:
        print(error, file=sys.stderr)
        return 2


def cmd_release(args) -> int:
    """``course release``: a student copy, answer-free, with only the assigned exercises."""
    def action(args):
        with language(args.lang):
            selection = select(args.lang, args.lessons, args.exercises)
            out = Path(args.out).expanduser()
            write_files(release_files(out, selection), args.force, args.lang)
            print(t("teacher.released", lang=args.lang, folder=out, lessons=len(selection.notebooks),
                    exercises=len(selection.assigned)))
        return 0
    return _run(action, args)


def cmd_key(args) -> int:
    """``course key``: the lessons with the model answers and written solutions filled in."""
    def action(args):
        with language(args.lang):
            selection = select(args.lang, args.lessons)
            out = Path(args.out).expanduser()
            write_files(key_files(out, selection), args.force, args.lang)
            print(t("teacher.key_done", lang=args.lang, folder=out, lessons=len(selection.notebooks)))
        return 0
    return _run(action, args)


def cmd_nbgrader(args) -> int:
    """``course nbgrader``: an nbgrader source assignment for one lesson (see course.nbgrader_export)."""
    from . import nbgrader_export

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
            files, assignment = nbgrader_export.course_files(out, lessons[0], selection, args.assignment)
            config = out / nbgrader_export.CONFIG_NAME
            if config.exists():
                files.pop(config)
                print(t("teacher.config_kept", lang=args.lang, file=config))
            write_files(files, args.force, args.lang)
            print(t("teacher.nbgrader_done", lang=args.lang, folder=out, assignment=assignment))
        return 0
    return _run(action, args)


def cmd_grade(args) -> int:
    """``course grade``: hand over to :mod:`course.grading` (loaded only when used)."""
    try:
        grading = importlib.import_module("course.grading")
    except ModuleNotFoundError as error:
        if error.name != "course.grading":
            raise
        print(t("teacher.error_no_grading", lang=args.lang), file=sys.stderr)
        return 1
    return grading.run(args)


class _GradeParser(argparse.ArgumentParser):
    """The ``course grade`` parser: its arguments come from ``course.grading.add_arguments``,
    which is imported only when ``course grade`` itself is parsed, so ``course --help``
    works whether or not grading is installed."""

    def _load(self) -> bool:
        if getattr(self, "_course_loaded", None) is None:
            try:
                grading = importlib.import_module("course.grading")
            except ModuleNotFoundError as error:
                if error.name != "course.grading":
                    raise
                self._course_loaded = False
            else:
                grading.add_arguments(self)
                self._course_loaded = True
        return self._course_loaded

    def parse_known_args(self, args=None, namespace=None):
        if not self._load():  # grading missing: swallow the arguments, the handler explains
            return super().parse_known_args([], namespace)
        return super().parse_known_args(args, namespace)

    def format_help(self):
        self._load()
        return super().format_help()


def _bilingual(key: str) -> str:
    return f"{t(key, lang='zh')} / {t(key, lang='en')}"


def _add_common(parser, lessons: bool = True) -> None:
    parser.add_argument("out", metavar="OUT", help=_bilingual("teacher.help_out"))
    parser.add_argument("--lang", choices=LANGUAGES, default=get_language(), help=_bilingual("teacher.help_lang"))
    if lessons:
        parser.add_argument("--lessons", default=None, help=_bilingual("teacher.help_lessons"))
    parser.add_argument("--force", action="store_true", help=_bilingual("teacher.help_force"))


def add_commands(subparsers) -> None:
    """Add ``release``, ``key``, ``nbgrader`` and ``grade`` to the ``course`` command."""
    release = subparsers.add_parser("release", help=_bilingual("teacher.help_release"),
                                    description=_bilingual("teacher.help_release"))
    _add_common(release)
    release.add_argument("--exercises", default=None, help=_bilingual("teacher.help_exercises"))
    release.set_defaults(func=cmd_release)

    key = subparsers.add_parser("key", help=_bilingual("teacher.help_key"), description=_bilingual("teacher.help_key"))
    _add_common(key)
    key.set_defaults(func=cmd_key)

    nbg = subparsers.add_parser("nbgrader", help=_bilingual("teacher.help_nbgrader"),
                                description=_bilingual("teacher.help_nbgrader"))
    _add_common(nbg, lessons=False)
    nbg.add_argument("--lesson", required=True, help=_bilingual("teacher.help_lesson"))
    nbg.add_argument("--exercises", default=None, help=_bilingual("teacher.help_exercises"))
    nbg.add_argument("--assignment", default=None, help=_bilingual("teacher.help_assignment"))
    nbg.set_defaults(func=cmd_nbgrader)

    grade = subparsers.add_parser("grade", help=_bilingual("teacher.help_grade"),
                                  description=_bilingual("teacher.help_grade"))
    grade.__class__ = _GradeParser
    grade.set_defaults(func=cmd_grade)

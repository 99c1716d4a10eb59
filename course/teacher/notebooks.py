"""Lesson notebooks as files: reading them clean, finding an exercise's cells, writing safely.

In a lesson notebook an exercise is two code cells: the *question cell* (``ex.<name>``)
and the *answer cell*, which holds the placeholder and the check call::

    novel_size_mb = ...
    ex.novel_size_mb.check(novel_size_mb)

A function exercise writes a stub instead of the placeholder line::

    def words_per_mb(chars):
        ...
    ex.words_per_mb.check(words_per_mb)

Nothing here overwrites a file that differs from what it would write, unless ``force``.

>>> split_stub("def f(x):\\n    ...\\nex.f.check(f)", "f")
(['def f(x):', '    ...'], 0)
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..core.errors import TeacherError
from ..core.i18n import t

if TYPE_CHECKING:
    import argparse

    from nbformat import NotebookNode

    from ..exercises import Exercise


def _nbformat():
    """nbformat, imported on first use so that ``course --help`` stays fast."""
    import nbformat

    return nbformat


def _code_lines(source: str) -> list[str]:
    return [line for line in source.splitlines() if line.strip() and not line.strip().startswith("#")]


def find_answer_cell(nb: NotebookNode, name: str) -> int | None:
    """Index of the code cell that calls ``ex.<name>.check(...)`` (``None`` if there is none)."""
    call = re.compile(rf"\bex\.{re.escape(name)}\.check\(")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and call.search(cell.source):
            return index
    return None


def find_question_cell(nb: NotebookNode, name: str) -> int | None:
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


def answer_region(source: str, exercise: Exercise) -> tuple[int, int]:
    """``(first, stop)`` line indices of the part of an answer cell that holds the answer."""
    if exercise.learner_writes_function:
        stub = split_stub(source, exercise.name)
        if stub is not None:
            return stub[1], stub[1] + len(stub[0])
    line = placeholder_line(source, exercise.name)
    if line is None:
        raise TeacherError(t("teacher.error_no_placeholder", id=exercise.id))
    return line, line + 1


def read_lesson(path: Path) -> NotebookNode:
    """A lesson notebook, with outputs and execution counts cleared."""
    nb = _nbformat().read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def new_cell(nb: NotebookNode, kind: str, source: str, cell_id: str, metadata: dict) -> NotebookNode:
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


def notebook_text(nb: NotebookNode) -> str:
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


def write_files(files: dict[Path, str], force: bool, lang: str, private: bool = False) -> int:
    """Write what :func:`plan_writes` allows, printing one line per file; returns how many changed.

    ``private`` files (an answer key) are readable only by their owner, mode 0600, from their
    first byte; an unchanged one is made private too, and a new folder for them is 0700.
    """
    todo = plan_writes(files, force)
    for path, text in files.items():
        if path in todo:
            path.parent.mkdir(parents=True, exist_ok=True, **({"mode": 0o700} if private else {}))
            if private:
                write_private(path, text)
            else:
                path.write_text(text, encoding="utf-8")
            print(t("teacher.wrote", lang=lang, file=path))
        else:
            if private:
                os.chmod(path, 0o600)
            print(t("teacher.unchanged", lang=lang, file=path))
    return len(todo)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable only by its owner (mode 0600) before any byte is in it.

    >>> import tempfile; path = Path(tempfile.mkdtemp()) / "key.ipynb"; write_private(path, "{}")
    >>> path.read_text(), oct(path.stat().st_mode & 0o777)
    ('{}', '0o600')
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    with open(fd, "w", encoding="utf-8") as handle:
        os.fchmod(fd, 0o600)  # a file that existed keeps its mode through O_CREAT
        handle.write(text)


def run_command(action: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a teacher command's ``action(args)``; a :class:`TeacherError` is printed, exit code 2."""
    try:
        return action(args)
    except TeacherError as error:
        print(error, file=sys.stderr)
        return 2

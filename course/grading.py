"""Grading a class: a folder of submitted notebooks in, a grade table (CSV) out.

::

    course grade SUBMISSIONS --out grades.csv [--lesson 02] [--jobs N] [--timeout S] [--lang zh|en]
    python -m course.grading SUBMISSIONS --out grades.csv      # the same, without the course command

Every file in ``SUBMISSIONS`` (any name, one per student; hidden files are skipped) gets a
row: ``file, sha256, lesson``, one column per exercise (points earned; empty when the file
could not run), ``total, max, status, detail, output_truncated, seconds, graded_at``.
``status`` is one of

- ``ok``: every code cell ran;
- ``error``: some cells raised (``sys.exit`` included); the other cells still ran;
- ``timeout``: a cell ran past the time limit and was stopped (the next cells still ran,
  unless the cell had to be killed);
- ``exit``: the process ended before the last cell (``os._exit``, a crash, memory);
- ``not_a_notebook``: the file is not a readable notebook;
- ``no_lesson``: the lesson is unknown (give ``--lesson``).

``detail`` says what happened, in the teacher's language. Next to the table,
``<name>.details.csv`` has one row per submission and exercise with the status
(``correct``/``incorrect``/``not_attempted``/``missing``) and the reason.

How a submission is graded: its code cells run in order in a fresh, isolated process (see
:mod:`course.sandbox` for what that process can and cannot do); the answer of each exercise
is the last value of the variable named like the exercise (``novel_size_mb = ...``), encoded
to plain data in that process and judged here, in the grader, by the exercise itself
(``exercise.judge_encoded``). A variable that was never assigned (a deleted or renamed
answer cell) scores 0 as ``missing``. The lesson is ``--lesson``, else read from the
notebook's ``course.exercises.lesson("NN")`` call.

Rows are appended to the table as submissions finish (flushed and synced to disk), keyed
by file name and SHA-256 of the file: a run stopped at any point keeps every finished row,
and running the same command again grades only what is missing. At the end the table is
rewritten sorted, atomically.

Honest limits: the model answers ship with the package (self-checks are feedback, not
proctoring), so a submission can read an answer from ``course.exercises`` just as a learner
can; the grader checks values, not how they were obtained.

>>> infer_lesson(['import course', 'ex = course.exercises.lesson("02")'])
'02'
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import sandbox
from .i18n import LANGUAGES, CourseError, get_language, t

HEAD = ["file", "sha256", "lesson"]
TAIL = ["total", "max", "status", "detail", "output_truncated", "seconds", "graded_at"]
DETAIL_COLUMNS = ["file", "sha256", "exercise", "status", "points", "max_points", "reason"]
STATUSES = ("ok", "error", "timeout", "exit", "not_a_notebook", "no_lesson")
MAX_FILE_BYTES = 50 * 2**20
DEFAULT_TIMEOUT = 30.0
DEFAULT_OUTPUT_LIMIT = 100_000
LESSON_CALL = re.compile(r"""exercises\s*\.\s*lesson\(\s*["']?(\d{1,2})["']?\s*\)""")


class GradingError(CourseError):
    """The grading run cannot start; the message is for the teacher (in their language)."""


# -------------------------------------------------------------------------------------------
# Reading submissions
# -------------------------------------------------------------------------------------------

@dataclass
class Submission:
    """One submitted file: its name, hash, code cells and lesson, or why it cannot run."""

    name: str
    sha256: str
    cells: list = field(default_factory=list)
    lesson: str | None = None
    problem: str | None = None       # a status when the file cannot run
    detail: str = ""


def find_submissions(folder: Path, exclude: tuple = ()) -> list[Path]:
    """The files of ``folder`` to grade: regular, not hidden, not ``exclude``, sorted by name.

    >>> d = Path(tempfile.mkdtemp()); _ = (d / "b.ipynb").write_text("{}"); _ = (d / ".x").write_text("")
    >>> [p.name for p in find_submissions(d)]
    ['b.ipynb']
    """
    skip = {Path(p).resolve() for p in exclude}
    return sorted((p for p in Path(folder).iterdir()
                   if p.is_file() and not p.is_symlink() and not p.name.startswith(".")
                   and p.resolve() not in skip), key=lambda p: p.name)


def infer_lesson(cells: list[str]) -> str | None:
    """The lesson named in the first ``exercises.lesson(...)`` call of the code cells."""
    for source in cells:
        match = LESSON_CALL.search(source)
        if match:
            return f"{int(match.group(1)):02d}"
    return None


def code_cells(text: str) -> list[str]:
    """The code-cell sources of a notebook's JSON text; ValueError if it is not a notebook.

    >>> code_cells('{"nbformat": 4, "cells": [{"cell_type": "code", "source": ["x = 1\\\\n", "y"]}]}')
    ['x = 1\\ny']
    >>> code_cells('{"a": 1}')
    Traceback (most recent call last):
    ValueError: not a notebook
    """
    notebook = json.loads(text)
    if isinstance(notebook, dict) and notebook.get("nbformat", 4) != 4 and "worksheets" in notebook:
        import nbformat

        notebook = nbformat.reads(text, as_version=4)
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise ValueError("not a notebook")
    cells = []
    for cell in notebook["cells"]:
        if not isinstance(cell, dict):
            raise ValueError("not a notebook")
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise ValueError("not a notebook")
        cells.append(source)
    return cells


def read_submission(path: Path, lesson: str | None = None, lang: str | None = None) -> Submission:
    """Read, hash and parse one submitted file (nothing of it runs here)."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return Submission(path.name, digest.hexdigest(), problem="not_a_notebook",
                          detail=t("grading.detail.too_large", lang, mb=size // 2**20))
    data = path.read_bytes()
    submission = Submission(path.name, hashlib.sha256(data).hexdigest())
    try:
        submission.cells = code_cells(data.decode("utf-8"))
    except UnicodeDecodeError:
        submission.problem, submission.detail = "not_a_notebook", t("grading.detail.not_text", lang)
    except ValueError as error:  # json.JSONDecodeError is a ValueError
        key = "grading.detail.not_json" if isinstance(error, json.JSONDecodeError) else "grading.detail.not_notebook"
        submission.problem, submission.detail = "not_a_notebook", t(key, lang)
    except Exception:  # an old-format notebook nbformat could not convert
        submission.problem, submission.detail = "not_a_notebook", t("grading.detail.not_notebook", lang)
    if submission.problem is None:
        from .exercises import lessons

        submission.lesson = lesson or infer_lesson(submission.cells)
        if submission.lesson is None:
            submission.problem, submission.detail = "no_lesson", t("grading.detail.no_lesson", lang)
        elif submission.lesson not in lessons():
            submission.problem = "no_lesson"
            submission.detail = t("grading.detail.unknown_lesson", lang, lesson=submission.lesson)
    return submission


def lesson_key(lesson, lang: str | None = None) -> str:
    """``"2"``, ``2`` or ``"02"`` → ``"02"``; GradingError if the lesson declares no exercises."""
    from .exercises import lessons

    try:
        key = f"{int(lesson):02d}"
    except (TypeError, ValueError):
        key = str(lesson)
    if key not in lessons():
        raise GradingError(t("grading.error_lesson", lang, lesson=lesson, known=", ".join(lessons())))
    return key


# -------------------------------------------------------------------------------------------
# The table on disk
# -------------------------------------------------------------------------------------------

class CsvJournal:
    """A CSV file written one finished row at a time (flushed and synced), read back on rerun.

    ``key`` names the columns that identify a row; a row is complete when its last column
    is filled. Rows of an earlier run are kept; :meth:`finish` rewrites the file sorted,
    atomically, keeping the last row of each key.
    """

    def __init__(self, path: Path, columns: list[str], key: tuple[str, ...]):
        self.path, self.key = Path(path), key
        rows, header, clean = _read_csv(self.path)
        self.columns = _merge_columns(header, columns)
        self.rows = [r for r in rows if r.get(self.columns[-1]) and all(r.get(k) for k in key)]
        if self.path.exists() and (header != self.columns or not clean or len(self.rows) != len(rows)):
            self._rewrite(self.rows)
        new = not self.path.exists() or self.path.stat().st_size == 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.path.open("a", encoding="utf-8", newline="")
        self.writer = csv.DictWriter(self.handle, self.columns, extrasaction="ignore", restval="")
        if new:
            self.writer.writeheader()
            self._sync()

    def done(self) -> set[tuple]:
        """The keys already in the file."""
        return {tuple(r[k] for k in self.key) for r in self.rows}

    def append(self, rows: list[dict]) -> None:
        """Write rows and make sure they are on disk before returning."""
        rows = [{c: _cell(r.get(c, "")) for c in self.columns} for r in rows]
        self.writer.writerows(rows)
        self._sync()
        self.rows.extend(rows)

    def finish(self, order: tuple[str, ...]) -> None:
        """Rewrite the file sorted by ``order`` (last row per key wins), atomically."""
        self.handle.close()
        latest = {}
        for row in self.rows:
            latest[tuple(row[k] for k in self.key)] = row
        self.rows = sorted(latest.values(), key=lambda r: tuple(str(r.get(c, "")) for c in order))
        self._rewrite(self.rows)

    def close(self) -> None:
        self.handle.close()

    def _sync(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def _rewrite(self, rows: list[dict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, self.columns, extrasaction="ignore", restval="")
                writer.writeheader()
                writer.writerows(rows)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        directory = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _cell(value) -> str:
    return value if isinstance(value, str) else str(value)


def _read_csv(path: Path) -> tuple[list[dict], list[str], bool]:
    """Rows, header and whether the file ends cleanly (a run killed mid-write may not)."""
    if not path.exists() or path.stat().st_size == 0:
        return [], [], True
    text = path.read_text(encoding="utf-8", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = list(reader.fieldnames or [])
    rows = [row for row in reader if None not in row and all(v is not None for v in row.values())]
    return rows, header, text.endswith("\n")


def _merge_columns(old: list[str], new: list[str]) -> list[str]:
    """HEAD, then every exercise column of either list (old first), then TAIL."""
    fixed = set(HEAD) | set(TAIL) | set(DETAIL_COLUMNS)
    if set(new) <= set(DETAIL_COLUMNS):
        return list(new)
    middle = list(dict.fromkeys(c for c in [*old, *new] if c not in fixed))
    return [*HEAD, *middle, *TAIL]


def details_path(out_csv: Path) -> Path:
    """Where the per-exercise table goes: ``grades.csv`` → ``grades.details.csv``.

    >>> details_path(Path("out/grades.csv")).as_posix()
    'out/grades.details.csv'
    """
    out_csv = Path(out_csv)
    return out_csv.with_name(out_csv.stem + ".details.csv")


# -------------------------------------------------------------------------------------------
# Judging one outcome
# -------------------------------------------------------------------------------------------

def status_of(outcome: sandbox.Outcome) -> str:
    """``ok``, ``error``, ``timeout`` or ``exit`` for a submission that ran."""
    if outcome.killed or outcome.timeouts:
        return "timeout"
    if not outcome.finished:
        return "exit"
    return "error" if outcome.errors else "ok"


def describe_outcome(outcome: sandbox.Outcome, limits: sandbox.Limits, lang: str | None) -> str:
    """A short account of what went wrong, in the teacher's language ("" if nothing)."""
    parts = []
    if outcome.killed:
        parts.append(t("grading.detail.killed", lang, cell=outcome.cells_started,
                       seconds=_seconds(limits.cell_timeout)))
    elif not outcome.finished:
        how = (t("grading.detail.signal", lang, signal=outcome.exit_signal)
               if outcome.exit_signal is not None else
               t("grading.detail.exit_code", lang, code=outcome.exit_code))
        parts.append(t("grading.detail.exit", lang, cell=max(outcome.cells_started, 1), how=how))
    for cell in outcome.timeouts[:1]:
        parts.append(t("grading.detail.cell_timeout", lang, cell=cell + 1,
                       seconds=_seconds(limits.cell_timeout)))
    if len(outcome.timeouts) > 1:
        parts.append(t("grading.detail.more_timeouts", lang, n=len(outcome.timeouts) - 1))
    for cell, error in outcome.errors[:1]:
        parts.append(t("grading.detail.cell_error", lang, cell=cell + 1, error=error))
    if len(outcome.errors) > 1:
        parts.append(t("grading.detail.more_errors", lang, n=len(outcome.errors) - 1))
    if outcome.output_truncated:
        parts.append(t("grading.detail.output_truncated", lang, limit=limits.output_limit))
    if outcome.message_overflow:
        parts.append(t("grading.detail.answers_too_large", lang))
    return t("grading.detail.separator", lang).join(parts)


def _seconds(value: float) -> str:
    return f"{value:g}"


def judge_answers(answers: dict, exercises: list, lang: str | None) -> list[dict]:
    """Judge encoded answers here, outside the learner's process: one dict per exercise."""
    from .exercises import CORRECT, INCORRECT, Verdict

    results = []
    for exercise in exercises:
        data = answers.get(exercise.name)
        if data is None:
            status, reason = "missing", t("grading.reason.missing", lang, name=exercise.name)
        else:
            try:
                verdict = exercise.judge_encoded(data)
            except Exception as error:  # malformed data: the decoder may raise
                verdict = Verdict(INCORRECT, "ex.reason.unjudgeable",
                                  {"type": "malformed", "error": type(error).__name__})
            status, reason = verdict.status, verdict.message(lang)
        points = exercise.points if status == CORRECT else 0
        results.append({"exercise": exercise.id, "status": status, "points": points,
                        "max_points": exercise.points, "reason": reason})
    return results


def grade_row(submission: Submission, exercises: list, outcome: sandbox.Outcome | None,
              limits: sandbox.Limits, lang: str | None) -> tuple[dict, list[dict]]:
    """The table row and the per-exercise rows of one submission."""
    row = {"file": submission.name, "sha256": submission.sha256, "lesson": submission.lesson or "",
           "max": sum(e.points for e in exercises), "output_truncated": False, "seconds": 0.0,
           "graded_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    if outcome is None:
        results = []
        row.update(status=submission.problem, detail=submission.detail)
    else:
        results = judge_answers(outcome.answers, exercises, lang)
        row.update(status=status_of(outcome), detail=describe_outcome(outcome, limits, lang),
                   output_truncated=outcome.output_truncated, seconds=outcome.seconds)
    for result in results:
        row[result["exercise"]] = result["points"]
    row["total"] = sum(r["points"] for r in results)
    details = [{"file": submission.name, "sha256": submission.sha256, **r} for r in results]
    return row, details


# -------------------------------------------------------------------------------------------
# Progress on the terminal
# -------------------------------------------------------------------------------------------

class ProgressBar:
    """``[#####.....] 12/40 name`` redrawn in place on a terminal, one line per submission otherwise.

    >>> import io; stream = io.StringIO(); bar = ProgressBar(2, "en", stream)
    >>> bar.update("a.ipynb", "ok", 5, 5); stream.getvalue()
    '[1/2] a.ipynb: ok, 5/5\\n'
    """

    def __init__(self, total: int, lang: str | None = None, stream=None, width: int = 30):
        self.total, self.lang, self.width, self.done = total, lang, width, 0
        self.stream = stream if stream is not None else sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def update(self, name: str, status: str, points, maximum) -> None:
        self.done += 1
        label = t(f"grading.status.{status}", self.lang)
        if self.tty:
            filled = self.width * self.done // max(self.total, 1)
            bar = "#" * filled + "." * (self.width - filled)
            line = f"[{bar}] {self.done}/{self.total} {name[:40]}"
            self.stream.write("\r" + line.ljust(self.width + 60))
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(t("grading.progress_line", self.lang, done=self.done, total=self.total,
                                file=name, status=label, points=points, max=maximum) + "\n")
        self.stream.flush()


# -------------------------------------------------------------------------------------------
# The whole run
# -------------------------------------------------------------------------------------------

def grade_folder(folder, out_csv, *, lesson=None, jobs: int | None = None,
                 cell_timeout: float = DEFAULT_TIMEOUT, output_limit: int = DEFAULT_OUTPUT_LIMIT,
                 lang: str | None = None, progress=None, assignment=None):
    """Grade every submission in ``folder`` into ``out_csv``; return the whole table.

    ``assignment`` is the ``course-assignment.json`` that ``course release`` wrote: when given,
    only the exercises assigned there are graded (the others get no column and no points).

    Submissions already in ``out_csv`` (same file name and SHA-256) are not graded again.
    ``jobs`` (default: the number of cores) submissions run at once; ``cell_timeout`` is in
    seconds per cell; ``output_limit`` in bytes of output kept per submission; ``progress``
    is the stream for the progress bar (default: standard error; ``False`` for none).
    Returns a ``pandas.DataFrame`` of ``out_csv``.
    """
    import pandas as pd

    from .exercises import lesson as exercises_of

    lang = lang or get_language()
    folder, out_csv = Path(folder), Path(out_csv)
    if not folder.is_dir():
        raise GradingError(t("grading.error_folder", lang, folder=folder))
    fixed = lesson_key(lesson, lang) if lesson is not None else None
    paths = find_submissions(folder, exclude=(out_csv, details_path(out_csv)))
    submissions = [read_submission(p, fixed, lang) for p in paths]
    known = sorted({s.lesson for s in submissions if not s.problem})
    exercises = {n: list(exercises_of(n)) for n in known}
    if assignment is not None:
        exercises = assigned_only(exercises, assignment, lang)
    columns = [*HEAD, *(e.id for n in known for e in exercises[n]), *TAIL]
    table = CsvJournal(out_csv, columns, key=("file", "sha256"))
    details = CsvJournal(details_path(out_csv), DETAIL_COLUMNS, key=("file", "sha256", "exercise"))
    done = table.done()
    todo = [s for s in submissions if (s.name, s.sha256) not in done]
    stream = None if progress is False else (progress or sys.stderr)
    bar = ProgressBar(len(todo), lang, stream) if stream is not None else None
    limits = sandbox.Limits(cell_timeout=cell_timeout, output_limit=output_limit)

    def record(submission, outcome):
        lesson_exercises = exercises[submission.lesson] if outcome is not None else []
        row, rows = grade_row(submission, lesson_exercises, outcome, limits, lang)
        details.append(rows)
        table.append([row])
        if bar is not None:
            bar.update(submission.name, row["status"], row["total"], row["max"])

    try:
        for submission in (s for s in todo if s.problem):
            record(submission, None)
        runnable = [s for s in todo if not s.problem]
        if runnable:
            sandbox.prewarm(known)
            tasks = [sandbox.Task(i, s.cells, exercises[s.lesson]) for i, s in enumerate(runnable)]
            try:
                for outcome in sandbox.run_many(tasks, limits, jobs):
                    record(runnable[outcome.key], outcome)
            except sandbox.IsolationError as error:
                raise GradingError(t("grading.error_uid", lang, uid=error.uid)) from None
        table.finish(order=("file", "graded_at"))
        details.finish(order=("file", "sha256"))
    finally:
        table.close()
        details.close()
    return pd.read_csv(out_csv, dtype={"file": str, "sha256": str, "lesson": str, "detail": str})


def assigned_only(exercises: dict, assignment, lang: str | None = None) -> dict:
    """Keep, per lesson, only the exercises listed in a ``course release`` manifest."""
    from .teacher import read_assignment

    try:
        assigned = read_assignment(Path(assignment))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise GradingError(t("grading.error_assignment", lang, path=assignment,
                             problem=type(error).__name__)) from None
    return {n: [e for e in listed if e.id in set(assigned.get(n, []))] for n, listed in exercises.items()}


def _warn_unreadable(lang: str | None, stream=None) -> None:
    """Say so if isolated children cannot read Python's own files (they could not import)."""
    import sysconfig

    from .resources import data_dir

    paths = [sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"],
             str(Path(__file__).resolve().parent), str(data_dir())]
    unreadable = sandbox.unreadable_for_children(paths)
    if unreadable:
        print(t("grading.unreadable", lang, paths=", ".join(unreadable)), file=stream or sys.stderr)


# -------------------------------------------------------------------------------------------
# Command line
# -------------------------------------------------------------------------------------------

def _bilingual(key: str) -> str:
    return f"{t(key, 'zh')} / {t(key, 'en')}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``course grade`` (also sets ``func=run``)."""
    parser.add_argument("submissions", help=_bilingual("grading.help_submissions"))
    parser.add_argument("--out", default="grades.csv", help=_bilingual("grading.help_out"))
    parser.add_argument("--lesson", default=None, help=_bilingual("grading.help_lesson"))
    parser.add_argument("--jobs", type=int, default=None, help=_bilingual("grading.help_jobs"))
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help=_bilingual("grading.help_timeout"))
    parser.add_argument("--output-limit", type=int, default=DEFAULT_OUTPUT_LIMIT,
                        help=_bilingual("grading.help_output_limit"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=_bilingual("grading.help_lang"))
    parser.add_argument("--assignment", default=None, help=_bilingual("grading.help_assignment"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``course grade`` with parsed arguments; the exit code (0 done, 2 cannot start)."""
    lang = args.lang or get_language()
    if not sandbox.is_isolated():
        print(t("grading.not_isolated", lang), file=sys.stderr)
    _warn_unreadable(lang)
    try:
        frame = grade_folder(args.submissions, args.out, lesson=args.lesson, jobs=args.jobs,
                             cell_timeout=args.timeout, output_limit=args.output_limit, lang=lang,
                             assignment=getattr(args, "assignment", None))
    except GradingError as error:
        print(error, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\n" + t("grading.interrupted", lang, out=args.out), file=sys.stderr)
        return 130
    counts = frame["status"].value_counts()
    summary = ", ".join(f"{t(f'grading.status.{s}', lang)} {counts[s]}" for s in STATUSES if s in counts)
    print(t("grading.summary", lang, n=len(frame), out=args.out, counts=summary))
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m course.grading SUBMISSIONS --out grades.csv ...``"""
    parser = argparse.ArgumentParser(prog="course grade", description=_bilingual("grading.help_grade"))
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())

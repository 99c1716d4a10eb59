"""Grading a class: a folder of submitted notebooks in, a grade table (CSV) out.

::

    course grade SUBMISSIONS --out grades.csv [--lesson 02] [--jobs N] [--timeout S] [--lang zh|en]
    python -m course grade SUBMISSIONS --out grades.csv       # the same, without the course command

Every entry of ``SUBMISSIONS`` (any name, one file per student; hidden entries are skipped)
gets a row: ``file, sha256, lesson``, one column per exercise (points earned; empty when the
file could not run), ``total, max, status, detail, output_truncated, seconds, graded_at``.
A file name that is not UTF-8, or holds characters that do not print, is written with
backslash escapes (``\\xd6\\xd0.ipynb``). ``status`` is one of

- ``ok``: every code cell ran;
- ``error``: some cells raised (``sys.exit`` included); the other cells still ran;
- ``timeout``: a cell ran past the time limit and was stopped (the next cells still ran,
  unless the cell had to be killed);
- ``exit``: the process ended before the last cell (``os._exit``, a crash, memory);
- ``not_a_notebook``: the file is not a readable notebook;
- ``no_lesson``: the lesson is unknown (give ``--lesson``);
- ``not_a_file``: a symbolic link (never followed), a folder, a pipe; ``sha256`` is ``none``;
- ``unreadable``: the file could not be read; ``sha256`` is ``none``.

``detail`` says what happened, in the teacher's language. Next to the table,
``<name>.details.csv`` has one row per submission and exercise with the status
(``correct``/``incorrect``/``not_attempted``/``missing``) and the reason.

How a submission is graded: its code cells run in order in a fresh, isolated process (see
:mod:`course.teacher.sandbox` for what that process can and cannot do); the answer of each exercise
is the last value of the variable named like the exercise (``novel_size_mb = ...``), encoded
to plain data in that process and judged here, in the grader, by the exercise itself
(``exercise.judge_encoded``). A variable that was never assigned (a deleted or renamed
answer cell) scores 0 as ``missing``. The lesson is ``--lesson``, else read from the
notebook's ``course.exercises.lesson("NN")`` call.

Rows are appended to the table as submissions finish (flushed and synced to disk), keyed
by file name and SHA-256 of the file: a run stopped at any point keeps every finished row,
and running the same command again grades only what is missing. At the end the table is
rewritten sorted, atomically. Both tables are private to the teacher (mode 0600) from their
first byte, and a text cell that a spreadsheet would take for a formula (``=``, ``+``, ``-``,
``@``) starts with ``'`` (:func:`.journal.safe_cell`). An existing ``--out`` that is not a
grade table is left alone: the run does not start.

``course grade`` needs Linux (:func:`.sandbox.supported`); messages are in ``--lang``, else
``COURSE_LANG``, else the locale's language (:func:`course.core.i18n.system_language`).

Honest limits: the model answers ship with the package (self-checks are feedback, not
proctoring), so a submission can read an answer from ``course.exercises`` just as a learner
can; the grader checks values, not how they were obtained.

Submissions are read by :mod:`.submissions`, the tables written by :mod:`.journal`.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..core.errors import GradingError
from ..core.i18n import get_language, system_language, t
from . import sandbox
from .journal import CsvJournal, read_header
from .submissions import find_submissions, lesson_key, read_submission

if TYPE_CHECKING:
    import pandas as pd

    from .submissions import Submission

HEAD = ["file", "sha256", "lesson"]
TAIL = ["total", "max", "status", "detail", "output_truncated", "seconds", "graded_at"]
DETAIL_COLUMNS = ["file", "sha256", "exercise", "status", "points", "max_points", "reason"]
DETAIL_EXTRA = ["answer", "mistake", "message", "language"]  #: for report and feedback; older tables lack them
ANSWER_LIMIT = 200
STATUSES = ("ok", "error", "timeout", "exit", "not_a_notebook", "no_lesson", "not_a_file", "unreadable")
DEFAULT_TIMEOUT = 30.0
DEFAULT_OUTPUT_LIMIT = 100_000
DEFAULT_NOTEBOOK_TIMEOUT = 600.0


def details_path(out_csv: Path) -> Path:
    """Where the per-exercise table goes: ``grades.csv`` → ``grades.details.csv``.

    >>> details_path(Path("out/grades.csv")).as_posix()
    'out/grades.details.csv'
    """
    out_csv = Path(out_csv)
    return out_csv.with_name(out_csv.stem + ".details.csv")


def check_out(out_csv: Path, lang: str | None = None) -> None:
    """GradingError unless ``out_csv`` and its details table are absent, empty, or grade tables.

    A grade table of an earlier run is resumed; any other file (a roster, a notebook) is left
    untouched and the run does not start.

    >>> import tempfile; out = Path(tempfile.mkdtemp()) / "grades.csv"; check_out(out)
    >>> _ = out.write_text("name,student_id\\nZhang San,1\\n"); check_out(out, "en")
    Traceback (most recent call last):
    course.core.errors.GradingError: ... is not a grade table written by course grade; ...
    """
    for path, fits in ((Path(out_csv), lambda h: h[:len(HEAD)] == HEAD and set(TAIL) <= set(h)),
                       (details_path(out_csv), lambda h: set(DETAIL_COLUMNS) <= set(h))):  # older: no extras
        header = read_header(path)
        if header is None or (header and not fits(header)):
            raise GradingError(t("grading.error_not_grades", lang, out=path))


def require_linux(lang: str | None = None) -> None:
    """GradingError, saying how to grade in the course's container, unless this is Linux.

    >>> require_linux("en") if sys.platform.startswith("linux") else None
    """
    if not sandbox.supported():
        raise GradingError(t("grading.error_platform", lang, platform=sys.platform))


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
    if outcome.killed and outcome.notebook_timeout:
        parts.append(t("grading.detail.notebook_killed", lang, seconds=_seconds(limits.notebook_timeout)))
    elif outcome.killed:
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
    if outcome.bad_messages:
        parts.append(t("grading.detail.bad_messages", lang, n=outcome.bad_messages))
    return t("grading.detail.separator", lang).join(parts)


def _seconds(value: float) -> str:
    return f"{value:g}"


def answer_text(data: dict) -> str:
    """An encoded answer as the teacher reads it: short, on one line ("" when not attempted).

    >>> answer_text({"t": "str", "v": "  网络日志\\n六个月 "}), answer_text({"t": "int", "v": 70})
    ('网络日志 六个月', '70')
    """
    from ..exercises import wire

    try:
        value = wire.decode(data)
    except Exception:
        return "?"
    if value is Ellipsis:
        return ""
    text = " ".join((value if isinstance(value, str) else repr(value)).split())
    return text if len(text) <= ANSWER_LIMIT else text[:ANSWER_LIMIT] + "…"


def judge_answers(answers: dict, exercises: list, lang: str | None) -> list[dict]:
    """Judge encoded answers here, outside the learner's process: one dict per exercise.

    Besides status and points, each keeps the answer (short), the key of the anticipated
    mistake it matched and the key of the message it got, for the class report. An open
    (free-text) answer is ``attempted``: recorded for the teacher, no points from the machine.
    """
    from ..exercises import CORRECT, INCORRECT, Verdict
    from ..exercises.engine import ATTEMPTED

    results = []
    for exercise in exercises:
        data = answers.get(exercise.name)
        extra = {"answer": "", "mistake": "", "message": ""}
        if data is None:
            status, reason = "missing", t("grading.reason.missing", lang, name=exercise.name)
        else:
            try:
                verdict = exercise.judge_encoded(data)
            except Exception as error:  # malformed data: the decoder may raise
                verdict = Verdict(INCORRECT, "ex.reason.unjudgeable",
                                  {"type": "malformed", "error": type(error).__name__})
            status, reason = verdict.status, verdict.message(lang)
            if status == ATTEMPTED:  # free text: the machine never marks it; the teacher reads it
                reason = t("grading.reason.open", lang)
            extra = {"answer": answer_text(data), "mistake": verdict.mistake or "", "message": verdict.reason}
        points = exercise.points if status == CORRECT else 0
        results.append({"exercise": exercise.id, "status": status, "points": points,
                        "max_points": exercise.points, "reason": reason, **extra})
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
    details = [{"file": submission.name, "sha256": submission.sha256, "language": submission.language, **r}
               for r in results]
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

def grade_folder(folder: str | Path, out_csv: str | Path, *, lesson: str | int | None = None,
                 jobs: int | None = None, cell_timeout: float = DEFAULT_TIMEOUT,
                 output_limit: int = DEFAULT_OUTPUT_LIMIT, lang: str | None = None,
                 notebook_timeout: float = DEFAULT_NOTEBOOK_TIMEOUT, progress: TextIO | bool | None = None,
                 assignment: str | Path | None = None) -> pd.DataFrame:
    """Grade every submission in ``folder`` into ``out_csv``; return the whole table.

    ``assignment`` is the ``course-assignment.json`` that ``course release`` wrote: when given,
    only the exercises assigned there are graded (the others get no column and no points).

    Submissions already in ``out_csv`` (same file name and SHA-256) are not graded again.
    ``jobs`` (default: the number of cores) submissions run at once; ``cell_timeout`` is in
    seconds per cell, ``notebook_timeout`` per notebook; ``output_limit`` in bytes of output kept per submission; ``progress``
    is the stream for the progress bar (default: standard error; ``False`` for none).
    Returns a ``pandas.DataFrame`` of ``out_csv``.
    """
    import pandas as pd

    from ..exercises import lesson as exercises_of

    lang = lang or get_language()
    folder, out_csv = Path(folder), Path(out_csv)
    require_linux(lang)
    if not folder.is_dir():
        raise GradingError(t("grading.error_folder", lang, folder=folder))
    check_out(out_csv, lang)
    fixed = lesson_key(lesson, lang) if lesson is not None else None
    paths = find_submissions(folder, exclude=(out_csv, details_path(out_csv)))
    submissions = [read_submission(p, fixed, lang) for p in paths]
    known = sorted({s.lesson for s in submissions if not s.problem})
    exercises = {n: list(exercises_of(n)) for n in known}
    if assignment is not None:
        exercises = assigned_only(exercises, assignment, lang)
    columns = [*HEAD, *(e.id for n in known for e in exercises[n]), *TAIL]
    table = CsvJournal(out_csv, columns, key=("file", "sha256"))
    details = CsvJournal(details_path(out_csv), DETAIL_COLUMNS + DETAIL_EXTRA, key=("file", "sha256", "exercise"))
    todo = [s for s in submissions if not table.has({"file": s.name, "sha256": s.sha256})]
    stream = None if progress is False else (progress or sys.stderr)
    bar = ProgressBar(len(todo), lang, stream) if stream is not None else None
    limits = sandbox.Limits(cell_timeout=cell_timeout, output_limit=output_limit, notebook_timeout=notebook_timeout)

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


def assigned_only(exercises: dict, assignment: str | Path | None, lang: str | None = None) -> dict:
    """Keep, per lesson, only the exercises listed in a ``course release`` manifest."""
    from .assignment import read_assignment

    try:
        assigned = read_assignment(Path(assignment))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise GradingError(t("grading.error_assignment", lang, path=assignment,
                             problem=type(error).__name__)) from None
    return {n: [e for e in listed if e.id in set(assigned.get(n, []))] for n, listed in exercises.items()}


def _warn_unreadable(lang: str | None, stream=None) -> None:
    """Say so if isolated children cannot read Python's own files (they could not import)."""
    import sysconfig

    from ..core.resources import data_dir

    paths = [sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"],
             str(Path(__file__).resolve().parent.parent), str(data_dir())]
    unreadable = sandbox.unreadable_for_children(paths)
    if unreadable:
        print(t("grading.unreadable", lang, paths=", ".join(unreadable)), file=stream or sys.stderr)


# -------------------------------------------------------------------------------------------
# Command line
# -------------------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    """Run ``course grade`` with parsed arguments; the exit code (0 done, 2 cannot start)."""
    lang = args.lang or system_language()
    try:
        require_linux(lang)
        check_out(Path(args.out), lang)
        for key, fine in (("no_namespaces", sandbox.namespaces.available()), ("not_isolated", sandbox.is_isolated())):
            print("" if fine else t(f"grading.{key}", lang), end="" if fine else "\n", file=sys.stderr)
        _warn_unreadable(lang)
        frame = grade_folder(args.submissions, args.out, lesson=args.lesson, jobs=args.jobs,
                             cell_timeout=DEFAULT_TIMEOUT if args.timeout is None else args.timeout,
                             output_limit=DEFAULT_OUTPUT_LIMIT if args.output_limit is None else args.output_limit,
                             lang=lang, notebook_timeout=args.notebook_timeout or DEFAULT_NOTEBOOK_TIMEOUT,
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
    from .marks import after_grading  # --marks: the teacher's marks, applied on top, never into the table
    return after_grading(args, details_path(Path(args.out)), lang)



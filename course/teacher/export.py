"""``course export GRADES.csv --format canvas|moodle|blackboard --roster ROSTER.csv --out FILE``.

::

    course export grades.csv --format canvas --roster roster.csv --out gradebook.csv [--marks marks.csv]

The **roster** is a CSV (UTF-8; a spreadsheet's byte-order mark is fine) with the columns
``file, student_id`` (required) and ``name, email, section, username`` (optional, may be empty):
one row per submitted file, naming the student who handed it in. A student with files for
several lessons has one row per file; the gradebook gets one row per student and one column
per lesson (``Lesson 02``), the points with the marks of ``--marks`` applied.

The gradebooks, in each system's documented import format:

- ``canvas``: ``Student, ID, SIS User ID, SIS Login ID, Section``, then one column per
  assignment. ``ID`` is Canvas's own number, which the roster does not know: it is left empty
  and Canvas matches on ``SIS User ID`` (``student_id``); ``SIS Login ID`` is ``username``.
- ``moodle`` (Grade import, CSV): ``ID number`` (``student_id``, map it to *useridnumber*) and
  ``Email address`` (``email``, or map it to *useremail*), then one column per grade item.
- ``blackboard``: ``Username`` (``username``, else ``student_id``), then one Grade Center
  column per lesson; every field quoted.

Nothing is dropped silently: a submission that is not in the roster, a roster entry without a
submission, a submitted file that could not be graded (not a notebook, no lesson, unreadable:
its grade cell stays empty), and a second submission of one student for one lesson are listed on standard error,
in the teacher's language, and in ``FILE``'s sibling ``<name>.unmatched.csv``. Exit code: 0 when
everything matched, 1 when the gradebook was written but something did not match (look at the
list), 2 when nothing was written (a bad roster, grade table or ``--out``). ``--out`` replaces
only a gradebook written by this command. Every text cell is neutralised for spreadsheets.

>>> gradebook_columns("canvas", ["Lesson 00"])
['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Lesson 00']
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import TeacherError
from ..core.i18n import language, t
from .classdata import number, points_text, write_private_csv
from .feedback_files import unguarded
from .grading import details_path
from .journal import read_header
from .marks import load
from .notebooks import run_command
from .submissions import readable_name

if TYPE_CHECKING:
    import argparse

IDENTITY = {"canvas": ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"],
            "moodle": ["ID number", "Email address"],
            "blackboard": ["Username"]}
FORMATS = tuple(IDENTITY)
ROSTER_REQUIRED = ["file", "student_id"]
ROSTER_COLUMNS = [*ROSTER_REQUIRED, "name", "email", "section", "username"]
RAN = ("ok", "error", "timeout", "exit")  # statuses of a file that ran: its points are a grade
UNMATCHED_COLUMNS = ["problem", "file", "student_id", "name", "lesson"]


def gradebook_columns(fmt: str, items: list[str]) -> list[str]:
    """The header of a gradebook: the system's identity columns, then the grade items."""
    return [*IDENTITY[fmt], *items]


def unmatched_path(out: Path) -> Path:
    """Where the list of what did not match goes: ``gradebook.csv`` → ``gradebook.unmatched.csv``.

    >>> unmatched_path(Path("out/gradebook.csv")).as_posix()
    'out/gradebook.unmatched.csv'
    """
    out = Path(out)
    return out.with_name(out.stem + ".unmatched.csv")


def check_out(out: Path, lang: str | None = None) -> None:
    """TeacherError unless ``out`` is absent, empty, or a gradebook this command wrote (any format).

    >>> import tempfile; out = Path(tempfile.mkdtemp()) / "roster.csv"; check_out(out)
    >>> _ = out.write_text("file,student_id\\na.ipynb,1\\n"); check_out(out, "en")
    Traceback (most recent call last):
    course.core.errors.TeacherError: ... is not a gradebook written by course export; ...
    """
    for path, fits in ((Path(out), lambda h: any(h[:len(c)] == c for c in IDENTITY.values())),
                       (unmatched_path(out), lambda h: h == UNMATCHED_COLUMNS)):
        header = read_header(path)
        if header is None or (header and not fits(header)):
            raise TeacherError(t("export.error_out", lang, out=path))


def read_roster(path: Path, lang: str | None = None) -> list[dict]:
    """The roster's rows (text, stripped), checked: required columns filled, each file once."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [{c: (row.get(c) or "").strip() for c in ROSTER_COLUMNS} | {"_row": i}
                    for i, row in enumerate(reader, start=2)]
            header = reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise TeacherError(t("export.error_roster_read", lang, path=path, problem=type(error).__name__)) from None
    if not set(ROSTER_REQUIRED) <= {h.strip() for h in header if h}:
        raise TeacherError(t("export.error_roster_columns", lang, path=path, columns=", ".join(ROSTER_REQUIRED)))
    seen: dict[str, int] = {}
    for row in rows:
        for column in ROSTER_REQUIRED:
            if not row[column]:
                raise TeacherError(t("export.error_roster_row", lang, row=row["_row"], column=column))
        if row["file"] in seen:
            raise TeacherError(t("export.error_roster_twice", lang, row=row["_row"], file=row["file"],
                                 first=seen[row["file"]]))
        seen[row["file"]] = row["_row"]
    return rows


def match(grades: list[dict], roster: list[dict], lang: str | None = None) -> tuple[dict, list[str], list[dict]]:
    """Students with their points per lesson, the lessons, and what did not match.

    >>> grades = [{"file": "a.ipynb", "lesson": "00", "total": "2"}, {"file": "x.ipynb", "lesson": "00", "total": "1"}]
    >>> roster = [{"file": "a.ipynb", "student_id": "s1"}, {"file": "b.ipynb", "student_id": "s2"}]
    >>> students, lessons, problems = match(grades, roster, "en")
    >>> students["s1"]["points"], lessons, [p["file"] for p in problems]
    ({'00': 2.0}, ['00'], ['x.ipynb', 'b.ipynb'])
    """
    by_file = {unguarded(g["file"]): g for g in grades}
    lessons = sorted({g.get("lesson", "") for g in grades if g.get("lesson")})
    students: dict[str, dict] = {}
    problems: list[dict] = []
    listed = {r["file"] for r in roster}
    for name, grade in by_file.items():
        if name not in listed:
            problems.append({"problem": t("export.not_in_roster", lang), "file": name,
                             "lesson": grade.get("lesson", "")})
    for row in roster:
        student = students.setdefault(row["student_id"], {**row, "points": {}})
        grade = by_file.get(row["file"])
        if grade is None:
            problems.append({"problem": t("export.no_submission", lang), "file": row["file"],
                             "student_id": row["student_id"], "name": row.get("name", "")})
            continue
        if grade.get("status", "ok") not in RAN:
            problems.append({"problem": t("export.not_graded", lang, status=grade.get("status", "")),
                             "file": row["file"], "student_id": row["student_id"], "name": row.get("name", "")})
            continue
        lesson, points = grade.get("lesson", ""), number(grade.get("total"))
        if lesson in student["points"]:
            problems.append({"problem": t("export.several", lang), "file": row["file"],
                             "student_id": row["student_id"], "name": row.get("name", ""), "lesson": lesson})
            points = max(points, student["points"][lesson])
        if lesson:
            student["points"][lesson] = points
    return students, lessons, problems


def gradebook_row(fmt: str, student: dict, items: dict[str, str]) -> dict:
    """One student's row in the chosen format (``items``: column name → lesson)."""
    identity = {"canvas": {"Student": student.get("name", ""), "ID": "", "SIS User ID": student["student_id"],
                           "SIS Login ID": student.get("username", ""), "Section": student.get("section", "")},
                "moodle": {"ID number": student["student_id"], "Email address": student.get("email", "")},
                "blackboard": {"Username": student.get("username") or student["student_id"]}}[fmt]
    points = student["points"]
    return identity | {column: points_text(points[lesson]) if lesson in points else ""
                       for column, lesson in items.items()}


def export(grades_csv: Path, fmt: str, roster_csv: Path, out: Path, marks_file: Path | None = None,
           lang: str | None = None) -> tuple[Path, list[dict], int]:
    """Write the gradebook (and the unmatched list when there is one); returns (out, problems, students)."""
    check_out(out, lang)
    roster = read_roster(roster_csv, lang)
    grades, _, _ = load(Path(grades_csv), details_path(grades_csv), marks_file, lang)
    students, lessons, problems = match(grades.to_dict("records"), roster, lang)
    items = {t("export.assignment", lang, lesson=lesson): lesson for lesson in lessons}
    rows = [gradebook_row(fmt, s, items) for s in students.values()]
    write_private_csv(out, gradebook_columns(fmt, list(items)), rows, quote_all=fmt == "blackboard")
    if problems:
        write_private_csv(unmatched_path(out), UNMATCHED_COLUMNS, problems)
    else:
        unmatched_path(out).unlink(missing_ok=True)  # from an earlier run (checked above to be ours)
    return Path(out), problems, len(rows)


def cmd_export(args: argparse.Namespace) -> int:
    """``course export GRADES.csv --format F --roster ROSTER.csv --out FILE [--marks FILE]``."""
    def action(args):
        with language(args.lang):
            out, problems, n = export(Path(args.grades), args.format, Path(args.roster), Path(args.out),
                                      args.marks and Path(args.marks), args.lang)
            lessons = len(read_header(out) or []) - len(IDENTITY[args.format])
            print(t("export.done", args.lang, format=args.format, out=out, students=n, columns=lessons))
            if problems:
                print(t("export.unmatched", args.lang, n=len(problems), path=unmatched_path(out)), file=sys.stderr)
                for p in problems:
                    print("  " + readable_name(" · ".join(v for v in (p["problem"], p["file"], p.get("student_id", ""),
                                                                 p.get("name", "")) if v)), file=sys.stderr)
        return 1 if problems else 0

    return run_command(action, args)

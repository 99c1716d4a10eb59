"""``course open-answers GRADES.csv --out DIR``: every free-text answer to read, and the marks file to fill in.

::

    course open-answers grades.csv --out marking
    # marking/00.why_primary.md ...  one Markdown file per open exercise: the question, the rubric,
    #                                every student's text (as written, in a code block: nothing in it renders)
    # marking/marks.csv              file, exercise, points, max, comment, reason: fill in points (and comments)
    course report grades.csv --marks marking/marks.csv --out report

Running it again (after late submissions were graded) adds rows for the new answers and keeps
every row already in ``marks.csv``: a filled-in marks file is never overwritten.

>>> fence("a ``` b")
'````'
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.i18n import language, t
from .classdata import write_private_text
from .marks import merge_template, template_rows
from .notebooks import run_command
from .report import read_tables

if TYPE_CHECKING:
    import argparse

    import pandas as pd


def fence(text: str) -> str:
    """A Markdown code fence longer than any run of backticks in ``text`` (so the text cannot end it)."""
    runs = [len(m) for m in re.findall(r"`+", text)]
    return "`" * max(3, max(runs, default=0) + 1)


def exercise_markdown(exercise_id: str, answers: pd.DataFrame, lang: str) -> str:
    """The page of one open exercise: question, rubric points, then each submission's text."""
    from ..exercises import get

    exercise = get(exercise_id)
    lines = [f"# {exercise_id}", "", exercise.prompt.get(lang) or exercise.prompt.get("zh", ""), "",
             f"## {t('openans.rubric', lang, points=exercise.points)}", ""]
    lines += [f"{p.number}. {p.text.get(lang) or p.text.get('zh', '')}" for p in exercise.rubric]
    lines += ["", f"## {t('openans.answers', lang, n=len(answers))}", ""]
    for row in answers.itertuples(index=False):
        touched = [p.number for p in exercise.rubric if p.touched_by(row.answer)]
        code = fence(row.answer)
        lines += [f"### {row.file.replace('#', '')}", "", code, row.answer, code, "",
                  t("openans.keywords", lang, points=", ".join(map(str, touched)) or "-"), "",
                  t("openans.notes", lang), "", ""]
    return "\n".join(lines)


def write_open_answers(grades_csv: Path, out: Path, lang: str) -> tuple[list[Path], int, int]:
    """Write one Markdown file per open exercise and merge ``marks.csv``; returns (files, kept, added)."""
    _, details = read_tables(grades_csv, lang)
    waiting = details[details["status"] == "attempted"]
    out = Path(out)
    files = []
    for exercise_id, answers in waiting.groupby("exercise", sort=True):
        name = re.sub(r"[^0-9A-Za-z_.-]", "_", exercise_id) + ".md"
        files.append(write_private_text(out / name, exercise_markdown(exercise_id, answers, lang)))
    kept, added = merge_template(out / "marks.csv", template_rows(details), lang)
    return files, kept, added


def cmd_open_answers(args: argparse.Namespace) -> int:
    """``course open-answers GRADES.csv --out DIR``."""
    def action(args):
        with language(args.lang):
            files, kept, added = write_open_answers(Path(args.grades), Path(args.out), args.lang)
            print(t("openans.done", args.lang, n=len(files), out=args.out, kept=kept, added=added,
                    marks=Path(args.out) / "marks.csv"))
        return 0

    return run_command(action, args)

"""``course report GRADES.csv --out DIR``: what the class got right, what it got wrong, and why.

::

    course grade submissions --out grades.csv
    course report grades.csv --out report          # -> report/index.html (+ the charts as PNG)

Read from the two tables ``course grade`` writes (``grades.csv`` and ``grades.details.csv``),
in the teacher's language, opening offline (charts are PNG files beside the page):

- the score distribution of the class;
- per exercise, the share correct / incorrect / not attempted / missing, hardest first;
- per exercise, the most common wrong answers and the anticipated mistake each matched;
- the submissions whose status needs a look (timeouts, errors, broken files, output cut);
- identical free-text answers handed in by two or more students, for a look (not a verdict).

>>> import pandas as pd
>>> shares(pd.DataFrame({"exercise": ["a", "a", "b"], "status": ["correct", "incorrect", "correct"]}))["correct"].tolist()
[0.5, 1.0]
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..core.i18n import language, t
from ..display.charts import render_png
from ..display.fonts import use_chinese_font
from .classdata import open_exercise_ids, read_tables_at
from .grading import details_path
from .marks import changes, load
from .notebooks import run_command

if TYPE_CHECKING:
    import argparse

    from matplotlib.figure import Figure

#: ``attempted``: an open answer, recorded for the teacher to read (never marked by the machine).
STATUSES = ("correct", "incorrect", "attempted", "not_attempted", "missing")
COLOURS = {"correct": "#2e7d32", "incorrect": "#c62828", "attempted": "#1565c0", "not_attempted": "#9e9e9e",
           "missing": "#5d4037"}
TOP = 5


def read_tables(grades_csv: Path, lang: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The grade table and its details table (beside it); TeacherError (in the teacher's language) if unreadable."""
    return read_tables_at(grades_csv, details_path(grades_csv), lang)


def shares(details: pd.DataFrame) -> pd.DataFrame:
    """Per exercise, the share of each status (rows: exercises, hardest first; columns: STATUSES)."""
    table = pd.crosstab(details["exercise"], details["status"], normalize="index")
    table = table.reindex(columns=list(STATUSES), fill_value=0.0).rename_axis(columns=None)
    return table.sort_values(["correct", "incorrect"], ascending=[True, False])


def common_wrong_answers(details: pd.DataFrame, top: int = TOP) -> pd.DataFrame:
    """The most frequent wrong answers per exercise, with the mistake each matched and how many gave it."""
    if "answer" not in details:
        return pd.DataFrame(columns=["exercise", "answer", "mistake", "n"])
    wrong = details[details["status"] == "incorrect"].copy()
    if "mistake" not in wrong:
        wrong["mistake"] = ""
    counts = wrong.groupby(["exercise", "answer", "mistake"]).size().rename("n").reset_index()
    counts = counts.sort_values(["exercise", "n"], ascending=[True, False])
    return counts.groupby("exercise").head(top).reset_index(drop=True)


def shared_texts(details: pd.DataFrame, open_ids: set[str]) -> pd.DataFrame:
    """Identical non-empty answers to open exercises given by two or more submissions."""
    if "answer" not in details or not open_ids:
        return pd.DataFrame(columns=["exercise", "answer", "files"])
    texts = details[details["exercise"].isin(open_ids) & (details["answer"].str.strip() != "")]
    groups = texts.groupby(["exercise", "answer"])["file"].agg(lambda files: sorted(set(files)))
    shared = groups[groups.map(len) >= 2].rename("files").reset_index()
    return shared


def needs_a_look(grades: pd.DataFrame) -> pd.DataFrame:
    """Submissions whose run was not clean: status other than ``ok``, or output cut."""
    cut = grades.get("output_truncated", pd.Series("", index=grades.index)).str.lower() == "true"
    return grades[(grades["status"] != "ok") | cut][["file", "status", "detail"]]


def score_figure(grades: pd.DataFrame, lang: str | None = None) -> Figure:
    """A histogram of the share of points each submission got."""
    from matplotlib.figure import Figure

    use_chinese_font()
    total = pd.to_numeric(grades["total"], errors="coerce").fillna(0)
    maximum = pd.to_numeric(grades["max"], errors="coerce").replace(0, float("nan"))
    share = (100 * total / maximum).fillna(0)
    fig = Figure(figsize=(6.5, 3.2), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.hist(share, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.001], color="#1565c0", edgecolor="white")
    ax.yaxis.get_major_locator().set_params(integer=True)   # whole submissions
    ax.set_xlabel(t("report.axis_score", lang))
    ax.set_ylabel(t("report.axis_students", lang))
    ax.set_title(t("report.chart_scores", lang, n=len(grades)))
    return fig


def shares_figure(table: pd.DataFrame, lang: str | None = None) -> Figure:
    """A stacked horizontal bar per exercise: correct, incorrect, not attempted, missing."""
    from matplotlib.figure import Figure

    use_chinese_font()
    fig = Figure(figsize=(6.5, 0.45 * len(table) + 1.4), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    left = pd.Series(0.0, index=table.index)
    for status in STATUSES:
        ax.barh(table.index, 100 * table[status], left=100 * left, color=COLOURS[status],
                label=t(f"report.status.{status}", lang))
        left += table[status]
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("report.axis_share", lang))
    ax.set_title(t("report.chart_exercises", lang))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=5, frameon=False, fontsize=8)
    return fig


def _table_html(frame: pd.DataFrame, empty: str) -> str:
    if frame.empty:
        return f"<p><em>{html.escape(empty)}</em></p>"
    return frame.to_html(index=False, escape=True, border=0, classes="course-report-table")


def _image(out: Path, name: str, figure, alt: str) -> str:
    (out / name).write_bytes(render_png(figure))
    return f'<img src="{name}" alt="{html.escape(alt)}" style="max-width:100%">'


def report_html(grades: pd.DataFrame, details: pd.DataFrame, out: Path, lang: str,
                open_ids: set[str] = frozenset(), changed: pd.DataFrame | None = None) -> str:
    """The report page (its two charts are written into ``out`` beside it)."""
    table = shares(details)
    shown = (100 * table).round(0).astype(int).rename(columns=lambda s: t(f"report.status.{s}", lang) + " %")
    shown = shown.reset_index().rename(columns={"exercise": t("report.col.exercise", lang)})
    wrong = common_wrong_answers(details)
    wrong.columns = [t(f"report.col.{c}", lang) for c in wrong.columns]
    look = needs_a_look(grades)
    look.columns = [t(f"report.col.{c}", lang) for c in look.columns]
    same = shared_texts(details, set(open_ids))
    same["files"] = same["files"].map(", ".join) if len(same) else same.get("files")
    same.columns = [t(f"report.col.{c}", lang) for c in same.columns]
    sections = [
        ("report.h_scores", _image(out, "scores.png", score_figure(grades, lang),
                                   t("report.chart_scores", lang, n=len(grades)))),
        ("report.h_exercises", _image(out, "exercises.png", shares_figure(table, lang),
                                      t("report.chart_exercises", lang)) + _table_html(shown, "")),
        ("report.h_wrong", _table_html(wrong, t("report.none_wrong", lang))),
        ("report.h_look", _table_html(look, t("report.none_look", lang))),
        ("report.h_shared", f'<p>{html.escape(t("report.shared_note", lang))}</p>'
                            + _table_html(same, t("report.none_shared", lang))),
    ]
    if changed is not None:  # --marks: who got which mark, old -> new, and why
        shown_changes = changed.assign(kind=changed["kind"].map(lambda k: t(f"report.kind.{k}", lang)))
        shown_changes.columns = [t(f"report.col.{c}", lang) for c in shown_changes.columns]
        sections.append(("report.h_marks", _table_html(shown_changes, t("report.none_marks", lang))))
    body = "".join(f"<section><h2>{html.escape(t(key, lang))}</h2>{content}</section>" for key, content in sections)
    title = html.escape(t("report.title", lang, n=len(grades)))
    return (f'<!DOCTYPE html><html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<title>{title}</title><style>body{{font-family:sans-serif;max-width:60em;margin:auto;padding:1em}}'
            f'.course-report-table td,.course-report-table th{{padding:2px 8px;text-align:left;'
            f'border-bottom:1px solid #ddd}}</style></head><body><h1>{title}</h1>{body}</body></html>\n')


def write_report(grades_csv: Path, out: Path, lang: str, marks_file: Path | None = None) -> Path:
    """Write ``out/index.html`` and its charts; returns the page's path.

    With ``marks_file`` (see :mod:`.marks`) the scores include the teacher's marks and the page
    lists every mark and override: file, exercise, old → new points, comment and reason.
    """
    grades, details, marks = load(grades_csv, details_path(grades_csv), marks_file, lang)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    page = out / "index.html"
    changed = changes(marks) if marks_file is not None else None
    page.write_text(report_html(grades, details, out, lang, open_exercise_ids(), changed), encoding="utf-8")
    return page


def cmd_report(args: argparse.Namespace) -> int:
    """``course report GRADES.csv --out DIR``."""
    def action(args):
        with language(args.lang):
            marks_file = Path(args.marks) if getattr(args, "marks", None) else None
            page = write_report(Path(args.grades), Path(args.out), args.lang, marks_file)
            print(t("report.done", args.lang, page=page))
        return 0

    return run_command(action, args)

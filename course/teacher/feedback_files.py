"""``course feedback GRADES.csv --out DIR``: one HTML page per student, to hand back.

::

    course feedback grades.csv --out feedback [--marks marking/marks.csv] [--with-solutions]
    # feedback/a.ipynb.html ...  one self-contained page per submitted file

Each page is in the language of the lesson the student submitted (the ``language`` column
``course grade`` records from the notebook's ``course.set_language(...)`` call; the teacher's
language when a table lacks it). Per exercise: the question, the student's answer, correct or
not, the explanation they would have seen (the anticipated mistake's note, else the message of
the check; where the table lacks the values of a message, a plain statement saying so), the
first hint, and the teacher's mark, comment or override with its reason from ``--marks``. The
answer key appears only with ``--with-solutions``. Every piece of student text is escaped; the
page has no script, no image and no link to anything outside it.

>>> page = student_page({"file": "<a>.ipynb", "lesson": "00", "total": "0", "max": "1",
...                      "status": "ok", "detail": ""}, [], "en")
>>> "&lt;a&gt;.ipynb" in page and "<a>" not in page
True
"""
from __future__ import annotations

import re
import string
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.i18n import LANGUAGES, catalogue, language, t
from .classdata import number, points_text, write_private_text
from .grading import details_path
from .journal import FORMULA_START
from .marks import MARK, OVERRIDE, load
from .notebooks import run_command

if TYPE_CHECKING:
    import argparse

    from ..exercises import Exercise


STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
       "PingFang SC", "Microsoft YaHei", sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.6; color: #1a1a1a; }
section { border: 1px solid #ccc; border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
h2 { font-size: 1.1rem; } .verdict { font-weight: bold; }
.correct { color: #1b5e20; } .incorrect, .missing, .not_attempted { color: #b71c1c; } .attempted { color: #0d47a1; }
pre { white-space: pre-wrap; word-break: break-word; background: #f5f5f5; padding: .5rem; }
.teacher { border-left: 4px solid #0d47a1; padding-left: .75rem; }
"""


def page_language(rows: list[dict], fallback: str) -> str:
    """The language of a student's lesson, from the details rows (``fallback`` when none says).

    >>> page_language([{"language": "en"}], "zh"), page_language([{"language": ""}], "zh")
    ('en', 'zh')
    """
    found = {r.get("language", "") for r in rows} & set(LANGUAGES)
    return found.pop() if len(found) == 1 else fallback


def unguarded(text: str) -> str:
    """A cell as the student wrote it (an answer, a file name): the grade table's spreadsheet guard,
    a leading ``'``, removed.

    >>> unguarded("'=1+1"), unguarded("70"), unguarded("'=x.ipynb")
    ('=1+1', '70', '=x.ipynb')
    """
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def _has_placeholders(text: str) -> bool:
    return any(field for _, field, _, _ in string.Formatter().parse(text))


def explanation(exercise: Exercise, row: dict, lang: str) -> str:
    """What the student would have seen when checking this answer, as far as the table tells.

    A matched anticipated mistake gives its note; a message key gives its text when it needs no
    values; otherwise a statement that the detail is not kept (never an invented value).

    >>> from course.exercises import get
    >>> explanation(get("00.log_item"), {"status": "missing"}, "en")
    'The notebook has no answer variable for this exercise (it may have been deleted or renamed).'
    """
    status = row.get("status", "")
    if status in ("correct", "attempted", "self_assessed"):
        return ""
    if status in ("missing", "not_attempted"):
        return t(f"feedback.explained_{status}", lang)
    key = row.get("mistake", "")
    for mistake in getattr(exercise, "anticipated", ()) if key else ():
        if mistake.key == key and mistake.text:
            return _text(mistake.text, lang)
    entry = catalogue().get(row.get("message", ""))
    text = (entry or {}).get(lang, "")
    if text and not _has_placeholders(text):
        return text
    return t("feedback.explained_generic", lang)


def _teacher(row: dict, lang: str) -> str:
    """The teacher's mark or override and comment, as HTML ("" when there is none)."""
    kind, maximum = row.get("mark", ""), points_text(number(row.get("max_points")))
    points, parts = points_text(number(row.get("points"))), []
    if kind == MARK:
        parts.append(t("feedback.teacher_mark", lang, points=points, max=maximum))
    elif kind == OVERRIDE:
        old = points_text(number(row.get("machine_points")))
        parts.append(t("feedback.teacher_override", lang, old=old, points=points, max=maximum))
        if row.get("mark_reason"):
            parts.append(t("feedback.teacher_reason", lang, reason=row["mark_reason"]))
    if row.get("comment"):
        parts.append(t("feedback.teacher_comment", lang, comment=row["comment"]))
    if not parts:
        return ""
    body = "".join(f"<p>{escape(p)}</p>" for p in parts)
    return f'<div class="teacher"><strong>{escape(t("feedback.teacher", lang))}</strong>{body}</div>'


def _text(mapping: dict | None, lang: str) -> str:
    mapping = mapping or {}
    return mapping.get(lang) or mapping.get("zh") or mapping.get("en") or ""


def exercise_section(row: dict, lang: str, with_solutions: bool = False) -> str:
    """The HTML section of one exercise of one student (every text escaped)."""
    from ..exercises import get

    exercise = get(row["exercise"])
    status = row.get("status", "")
    answer = unguarded(row.get("answer", ""))
    verdict = t(f"feedback.verdict.{status}", lang) if f"feedback.verdict.{status}" in catalogue() else status
    waiting = status == "attempted" and not row.get("mark")  # no points yet: none shown
    points = t("feedback.points", lang, points=points_text(number(row.get("points"))),
               max=points_text(number(row.get("max_points"))))
    parts = [f"<h2>{escape(row['exercise'])}</h2>",
             f"<p><strong>{escape(t('feedback.question', lang))}</strong></p>",
             f"<pre>{escape(_text(exercise.prompt, lang))}</pre>",
             f"<p><strong>{escape(t('feedback.your_answer', lang))}</strong></p>",
             f"<pre>{escape(answer) if answer else escape(t('feedback.no_answer', lang))}</pre>",
             f'<p class="verdict {escape(status)}">{escape(verdict)}{"" if waiting else " · " + escape(points)}</p>']
    said = explanation(exercise, row, lang)
    if said:
        parts.append(f"<p><strong>{escape(t('feedback.explanation', lang))}</strong>: {escape(said)}</p>")
    hints = (exercise.hints or {}).get(lang) or []
    if status not in ("correct", "attempted") and hints:
        parts.append(f"<p><strong>{escape(t('feedback.hint', lang))}</strong>: {escape(hints[0])}</p>")
    parts.append(_teacher(row, lang))
    if with_solutions:
        parts.append(f"<p><strong>{escape(t('feedback.solution', lang))}</strong></p>"
                     f"<pre>{escape(_text(exercise.solution_text, lang))}</pre>")
    return "<section>" + "".join(parts) + "</section>"


def student_page(grade: dict, rows: list[dict], lang: str, with_solutions: bool = False) -> str:
    """The whole HTML page of one submitted file: its score, any problem, then each exercise."""
    title = t("feedback.title", lang, file=unguarded(grade["file"]))
    head = [f"<h1>{escape(title)}</h1>"]
    if grade.get("lesson"):
        head.append(f"<p>{escape(t('feedback.lesson', lang, lesson=grade['lesson']))}</p>")
    score = t("feedback.total", lang, total=grade.get("total", ""), max=grade.get("max", ""))
    waiting = sum(r.get("status") == "attempted" and not r.get("mark") for r in rows)
    if waiting:
        score += " " + t("feedback.total_waiting", lang, n=waiting)
    head.append(f"<p><strong>{escape(score)}</strong></p>")
    if grade.get("status") not in ("ok", ""):
        status = t(f"grading.status.{grade['status']}", lang) if f"grading.status.{grade['status']}" in catalogue() \
            else grade["status"]
        head.append(f"<p>{escape(t('feedback.problem', lang, status=status, detail=grade.get('detail', '')))}</p>")
    if not rows:
        head.append(f"<p>{escape(t('feedback.no_exercises', lang))}</p>")
    body = "".join(exercise_section(r, lang, with_solutions) for r in rows)
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f"<body>{''.join(head)}{body}</body></html>\n")


def page_name(file: str, taken: set[str]) -> str:
    """A safe, unique HTML file name for a submission's page (nothing of it can leave the folder).

    >>> taken = set(); page_name("../作业 1.ipynb", taken), page_name("_____1.ipynb", taken)
    ('_____1.ipynb.html', '_____1.ipynb-2.html')
    """
    base = re.sub(r"[^0-9A-Za-z_.-]", "_", file)
    base = "_" + base.lstrip(".") if base.startswith(".") or not base else base
    name, n = base + ".html", 2
    while name.lower() in taken:
        name, n = f"{base}-{n}.html", n + 1
    taken.add(name.lower())
    return name


def write_feedback(grades_csv: Path, out: Path, marks_file: Path | None, lang: str,
                   with_solutions: bool = False) -> list[Path]:
    """Write one page per row of the grade table into ``out``; returns the files written."""
    grades, details, _ = load(Path(grades_csv), details_path(grades_csv), marks_file, lang)
    details = details.fillna("")
    by_file: dict[str, list[dict]] = {}
    for row in details.to_dict("records"):
        by_file.setdefault(row["file"], []).append(row)
    taken: set[str] = set()
    files = []
    for grade in grades.to_dict("records"):
        rows = by_file.get(grade["file"], [])
        page_lang = page_language(rows, lang)
        files.append(write_private_text(Path(out) / page_name(unguarded(grade["file"]), taken),
                                        student_page(grade, rows, page_lang, with_solutions)))
    return files


def cmd_feedback(args: argparse.Namespace) -> int:
    """``course feedback GRADES.csv --out DIR [--marks FILE] [--with-solutions]``."""
    def action(args):
        with language(args.lang):
            files = write_feedback(Path(args.grades), Path(args.out), args.marks and Path(args.marks),
                                   args.lang, args.with_solutions)
            which = "feedback.with_solutions" if args.with_solutions else "feedback.without_solutions"
            print(t("feedback.done", args.lang, n=len(files), out=args.out, solutions=t(which, args.lang)))
        return 0

    return run_command(action, args)

"""How much of the exercises' feedback teaches: a table per lesson, and the total.

Usage::

    python scripts/feedback_coverage.py

Columns: ``exercises``; ``mistakes``, the anticipated mistakes (``data/mistakes.csv``) that are
judged wrong *with their own explanation* in both languages (checked by running each one
through its exercise, as a learner's answer); ``below_two``, exercises anticipating fewer than
two; ``options``, wrong options of choice questions that have an explanation, of all wrong
options; ``open``, open questions with a rubric (``data/rubrics.csv``), of all open questions.
Exit code 1 if any anticipated mistake falls back to a generic message.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course import exercises  # noqa: E402


def explained(exercise, mistake) -> bool:
    """Whether the mistake, given as a learner would, is wrong and gets its own message (zh and en)."""
    verdict = exercise.evaluate(exercise.learner_form(mistake))
    return (verdict.status == "incorrect" and verdict.mistake == mistake.key
            and all(verdict.message(lang).strip() for lang in ("zh", "en")))


def lesson_row(number: str) -> dict:
    """The counts of one lesson.

    >>> lesson_row("05")["exercises"]
    6
    """
    items = list(exercises.lesson(number))
    choices = [e for e in items if hasattr(e, "choices")]
    wrong_options = sum(len(e.choices) - 1 for e in choices)
    options = sum(len(set(e.choices) - {e.answer} & {m.answer for m in e.anticipated}) for e in choices)
    opened = [e for e in items if e.open_ended]
    return {"lesson": number, "exercises": len(items),
            "mistakes": sum(explained(e, m) for e in items for m in e.anticipated),
            "anticipated": sum(len(e.anticipated) for e in items),
            "below_two": sum(len(e.anticipated) < 2 for e in items),
            "options": f"{options}/{wrong_options}",
            "open": f"{sum(bool(getattr(e, 'rubric', ())) for e in opened)}/{len(opened)}"}


def main() -> int:
    rows = [lesson_row(number) for number in exercises.lessons()]
    columns = ["lesson", "exercises", "mistakes", "below_two", "options", "open"]
    total = {"lesson": "total", "exercises": sum(r["exercises"] for r in rows),
             "mistakes": sum(r["mistakes"] for r in rows), "below_two": sum(r["below_two"] for r in rows)}
    for column in ("options", "open"):
        done, of = (sum(int(r[column].split("/")[i]) for r in rows) for i in (0, 1))
        total[column] = f"{done}/{of}"
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows + [total])) for c in columns}
    for row in [dict(zip(columns, columns)), *rows, total]:
        print("  ".join(str(row[c]).rjust(widths[c]) for c in columns))
    fallbacks = sum(r["anticipated"] - r["mistakes"] for r in rows)
    if fallbacks:
        print(f"{fallbacks} anticipated mistake(s) get no message of their own", file=sys.stderr)
    return 1 if fallbacks else 0


if __name__ == "__main__":
    sys.exit(main())

"""The learner's progress as a panel: one bar per lesson, readable as text too.

In a lesson: ``course.widgets.progress("02")`` (``progress()`` for every lesson).
"""
from __future__ import annotations

import pandas as pd

from .. import exercises
from ..core.i18n import t
from ..display.feedback import Message
from ..exercises.progress import latest


def summary(lesson: str | None = None):
    """A table per lesson: exercises, correct, tried, not yet tried (``lesson`` to pick one)."""
    done = latest()
    rows = []
    for number in exercises.lessons():
        if lesson is not None and number != f"{int(lesson):02d}":
            continue
        ids = [e.id for e in exercises.lesson(number)]
        rows.append({t("progress.lesson"): number,
                     t("progress.exercises"): len(ids),
                     t("progress.correct"): sum(done.get(i) == "correct" for i in ids),
                     t("progress.tried"): sum(i in done and done[i] != "correct" for i in ids),
                     t("progress.untried"): sum(i not in done for i in ids)})
    return pd.DataFrame(rows)


def progress(lesson: str | None = None) -> Message:
    """Progress as a small HTML panel (one bar per lesson), readable as text too."""
    table = summary(lesson)
    lines = []
    for row in table.itertuples(index=False):
        number, total, right = row[0], row[1], row[2]
        bar = "█" * right + "░" * (total - right)
        lines.append(t("progress.line", lesson=number, bar=bar, correct=right, total=total))
    return Message(t("progress.title"), "\n".join(lines) or t("progress.none"), "info")

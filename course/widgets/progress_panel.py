"""The learner's progress as a panel: one bar per lesson, readable as text too.

In a lesson: ``course.widgets.progress("02")`` (``progress()`` for every lesson).

Each exercise is in one of five states: **correct**; **self-assessed** (an open answer the
learner compared with its rubric: their own judgement, never counted as correct);
**answered** (an open answer recorded, not yet self-assessed); **tried, not yet right**;
**not attempted**.

>>> state(None, open_ended=False), state("correct", open_ended=True), state("incorrect", open_ended=False)
('untried', 'answered', 'wrong')
"""
from __future__ import annotations

import pandas as pd

from .. import exercises
from ..core import checks
from ..core.i18n import t
from ..display.feedback import Message
from ..exercises.progress import latest

STATES = ("correct", "self_assessed", "answered", "wrong", "untried")
BARS = {"correct": "█", "self_assessed": "▓", "answered": "▒", "wrong": "░", "untried": "·"}


def state(status: str | None, open_ended: bool) -> str:
    """The state of one exercise from its last recorded status (see the module docstring).

    An open answer is never correct: an old record that says so counts as answered.
    """
    if status == "correct":
        return "answered" if open_ended else "correct"
    if status == "self_assessed":
        return "self_assessed"
    if status == "attempted":
        return "answered"
    if status == "incorrect":
        return "wrong"
    return "untried"


def summary(lesson: str | None = None) -> pd.DataFrame:
    """A table per lesson: exercises, then how many are in each state (``lesson`` to pick one)."""
    done = latest()
    rows = []
    for number in exercises.lessons():
        if lesson is not None and number != f"{int(lesson):02d}":
            continue
        states = [state(done.get(e.id), e.open_ended) for e in exercises.lesson(number)]
        row = {t("progress.lesson"): number, t("progress.exercises"): len(states)}
        row.update({t(f"progress.{s}"): states.count(s) for s in STATES})
        rows.append(row)
    return pd.DataFrame(rows)


def progress(lesson: str | None = None) -> Message:
    """Progress as a small HTML panel (one bar per lesson), readable as text too."""
    lesson = None if lesson is None else checks.lesson(lesson, exercises.lessons())
    table = summary(lesson)
    lines = []
    for row in table.itertuples(index=False):
        number, total, counts = row[0], row[1], dict(zip(STATES, row[2:]))
        bar = "".join(BARS[s] * counts[s] for s in STATES)
        lines.append(t("progress.line", lesson=number, bar=bar, total=total, **counts))
    if lines:
        lines.append(t("progress.legend", **BARS))
    return Message(t("progress.title"), "\n".join(lines) or t("progress.none"), "info")

"""The exercise engine: one exercise, its check, hints, solution and feedback.

An exercise is declared once in ``course/exercises/lessonNN.py`` (see the kinds in
:mod:`course.exercises.kinds`). In the notebook the learner writes an answer and
calls ``check``; the answer is encoded to plain data (:mod:`course.exercises.wire`)
and judged from that data, exactly as the teacher's grader judges it.

Self-checks are feedback, not proctoring: the model answers are readable in this
package. Grading is a separate, teacher-side step (``course grade``).
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from ..i18n import get_language, t
from . import wire

CORRECT, INCORRECT, NOT_ATTEMPTED = "correct", "incorrect", "not_attempted"
STATUSES = (CORRECT, INCORRECT, NOT_ATTEMPTED)


@dataclass(frozen=True)
class Verdict:
    """The outcome of judging one answer: a status and a reason (a message key with values)."""

    status: str
    reason: str = ""
    values: dict = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    def message(self, lang: str | None = None) -> str:
        """The reason, in the chosen language ("" if none)."""
        return t(self.reason, lang, **self.values) if self.reason else ""


def correct(reason: str = "", **values) -> Verdict:
    return Verdict(CORRECT, reason, values)


def incorrect(reason: str, **values) -> Verdict:
    return Verdict(INCORRECT, reason, values)


def not_attempted() -> Verdict:
    return Verdict(NOT_ATTEMPTED, "ex.reason.placeholder")


def type_name(value) -> str:
    """A learner-readable name for the type of a decoded answer."""
    if isinstance(value, wire.Opaque):
        return value.type_name
    return type(value).__name__


class Message:
    """Text shown in the notebook: pretty in JupyterLab, readable as plain text."""

    def __init__(self, title: str, body: str, tone: str = "info"):
        self.title, self.body, self.tone = title, body, tone

    def __repr__(self) -> str:
        return f"{self.title}\n{self.body}".strip()

    def _repr_html_(self) -> str:
        colours = {"correct": "#1a7f37", "incorrect": "#cf222e", "not_attempted": "#6e7781",
                   "info": "#0969da"}
        colour = colours.get(self.tone, "#0969da")
        body = html.escape(self.body).replace("\n", "<br>")
        return (f'<div class="course-feedback course-{self.tone}" data-status="{self.tone}" '
                f'style="border-left:4px solid {colour};padding:4px 10px;margin:4px 0">'
                f'<b style="color:{colour}">{html.escape(self.title)}</b>'
                f'{"<br>" + body if body else ""}</div>')


class Exercise:
    """Base of every exercise kind. Subclasses define :meth:`judge` and :meth:`model_answer`.

    Fields common to all kinds: ``name`` (also the answer variable in the notebook),
    ``lesson`` (``"02"``), ``prompt``/``solution`` (``{"zh": ..., "en": ...}``),
    ``hints`` (``{"zh": [...], "en": [...]}``, revealed in order), ``points``, and
    ``wrong``: answers known to be wrong, which the self-tests check do fail.
    """

    kind = "exercise"

    def __init__(self, *, name: str, lesson: str, prompt: dict, solution: dict,
                 hints: dict | None = None, points: int = 1, wrong: list | None = None):
        if not name.isidentifier():
            raise ValueError(f"exercise name must be a Python identifier: {name!r}")
        self.name, self.lesson = name, lesson
        self.prompt, self.solution_text = prompt, solution
        self.hints = hints or {"zh": [], "en": []}
        self.points = points
        self.wrong = list(wrong or [])
        self._hints_shown = 0

    @property
    def id(self) -> str:
        """``"<lesson>.<name>"``, e.g. ``"02.novel_size_mb"``."""
        return f"{self.lesson}.{self.name}"

    # -- judging ---------------------------------------------------------------
    def prepare(self, value):
        """Turn a learner's value into what is encoded (functions are run on their cases)."""
        return value

    def encode(self, value) -> dict:
        """Encode a learner's value where it lives (the learner's kernel)."""
        return wire.encode(self.prepare(value))

    def judge(self, value) -> Verdict:  # pragma: no cover - abstract
        raise NotImplementedError

    def judge_encoded(self, data: dict) -> Verdict:
        """Judge an encoded answer (this is what the grader calls, outside the learner's process)."""
        value = wire.decode(data)
        if value is Ellipsis:
            return not_attempted()
        try:
            return self.judge(value)
        except Exception as error:  # a judge must never show a learner a traceback
            return incorrect("ex.reason.unjudgeable", type=type_name(value), error=type(error).__name__)

    def evaluate(self, value) -> Verdict:
        """Encode then judge, the same path as grading."""
        try:
            data = self.encode(value)
        except Exception as error:
            return incorrect("ex.reason.unjudgeable", type=type(value).__name__,
                             error=type(error).__name__)
        return self.judge_encoded(data)

    def model_answer(self):  # pragma: no cover - abstract
        """A value that passes: used by the self-tests and the answer key."""
        raise NotImplementedError

    def answer_source(self) -> str:
        """Python source of the model answer, for the answer key (``repr`` by default)."""
        return repr(self.model_answer())

    # -- what the learner sees -------------------------------------------------
    def _text(self, field_: dict, lang: str | None = None):
        lang = lang or get_language()
        return field_.get(lang) or field_.get("zh") or field_.get("en")

    def check(self, value=Ellipsis) -> Message:
        """Check an answer and say whether it is right, with a reason when it is not."""
        verdict = self.evaluate(value)
        from .. import progress

        progress.record(self.id, verdict.status)
        title = t(f"ex.status.{verdict.status}", name=self.id)
        body = verdict.message()
        if verdict.status == INCORRECT and self._hints_shown < len(self._text(self.hints) or []):
            body = (body + "\n" if body else "") + t("ex.try_hint", name=self.name)
        if verdict.status == CORRECT and self.kind == "open":
            body = (body + "\n" if body else "") + t("ex.model_answer") + "\n" + self._text(self.solution_text)
        return Message(title, body, verdict.status)

    def hint(self) -> Message:
        """Show the next hint (they are revealed one at a time)."""
        hints = self._text(self.hints) or []
        if not hints:
            return Message(t("ex.hint.none", name=self.id), "", "info")
        self._hints_shown = min(self._hints_shown + 1, len(hints))
        from .. import progress

        progress.record(self.id, "hint")
        number = self._hints_shown
        return Message(t("ex.hint.title", n=number, total=len(hints)), hints[number - 1], "info")

    def solution(self) -> Message:
        """Show the model answer and why."""
        from .. import progress

        progress.record(self.id, "solution")
        return Message(t("ex.solution.title", name=self.id), self._text(self.solution_text), "info")

    def question(self, lang: str | None = None) -> str:
        """The question, in the chosen language."""
        return self._text(self.prompt, lang)

    def __repr__(self) -> str:
        return f"{t('ex.label', name=self.id)} ({self.points} {t('ex.points')})\n{self.question()}"

    def _repr_markdown_(self) -> str:
        return f"**{t('ex.label', name=self.id)}** ({self.points} {t('ex.points')})\n\n{self.question()}"


def describe(value: Any) -> str:
    """A short, safe description of a learner's value for a message."""
    text = repr(value) if not isinstance(value, wire.Opaque) else value.type_name
    return text if len(text) <= 60 else text[:57] + "..."

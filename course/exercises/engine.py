"""The exercise engine: one exercise, its check, hints, solution and feedback.

An exercise is declared once in ``course/exercises/lessonNN.py`` (see the kinds in
:mod:`course.exercises.kinds`). In the notebook the learner writes an answer and
calls ``check``; the answer is encoded to plain data (:mod:`course.exercises.wire`)
and judged from that data, exactly as the teacher's grader judges it.

Self-checks are feedback, not proctoring: the model answers are readable in this
package. Grading is a separate, teacher-side step (``course grade``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..core.errors import CourseError
from ..core.i18n import get_language, t
from ..display.feedback import Message
from . import progress, wire

CORRECT, INCORRECT, NOT_ATTEMPTED = "correct", "incorrect", "not_attempted"
#: An open answer was recorded: never marked right or wrong by the machine.
ATTEMPTED = "attempted"
#: The learner compared an open answer with the rubric (a progress event, not a verdict).
SELF_ASSESSED = "self_assessed"
STATUSES = (CORRECT, INCORRECT, NOT_ATTEMPTED, ATTEMPTED)


@dataclass(frozen=True)
class Verdict:
    """The outcome of judging one answer: a status and a reason (a message key with values).

    ``mistake`` is the stable key of the anticipated mistake the answer matched (None if it
    matched none) and ``note`` that mistake's explanation, ``{"zh": …, "en": …}``.
    """

    status: str
    reason: str = ""
    values: dict = field(default_factory=dict)
    mistake: str | None = None
    note: dict | None = None

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    def message(self, lang: str | None = None) -> str:
        """The reason, in the chosen language ("" if none)."""
        if self.note:
            lang = lang or get_language()
            return self.note.get(lang) or self.note.get("zh") or self.note.get("en") or ""
        return t(self.reason, lang, **self.values) if self.reason else ""


@dataclass(frozen=True)
class Mistake:
    """An anticipated wrong answer of one exercise and what to say about it (``data/mistakes.csv``).

    >>> m = Mistake("plus_two", 70, {"zh": "不是简单加 2。", "en": "Not a plain +2."})
    >>> v = m.verdict(); v.status, v.mistake, v.message("en")
    ('incorrect', 'plus_two', 'Not a plain +2.')
    """

    key: str
    answer: Any
    text: dict
    cites: tuple = ()
    source: str = ""   # the answer as written in the table

    def verdict(self) -> Verdict:
        return Verdict(INCORRECT, "", {}, self.key, dict(self.text))


def correct(reason: str = "", **values) -> Verdict:
    return Verdict(CORRECT, reason, values)


def incorrect(reason: str, **values) -> Verdict:
    return Verdict(INCORRECT, reason, values)


def not_attempted() -> Verdict:
    return Verdict(NOT_ATTEMPTED, "ex.reason.placeholder")


def type_name(value: object) -> str:
    """A learner-readable name for the type of a decoded answer."""
    if isinstance(value, wire.Opaque):
        return value.type_name
    return type(value).__name__


class Exercise:
    """Base of every exercise kind. Subclasses define :meth:`judge` and :meth:`model_answer`.

    Fields common to all kinds: ``name`` (also the answer variable in the notebook),
    ``lesson`` (``"02"``), ``prompt``/``solution`` (``{"zh": ..., "en": ...}``),
    ``hints`` (``{"zh": [...], "en": [...]}``, revealed in order), ``points``, and
    ``wrong``: answers known to be wrong, which the self-tests check do fail.
    """

    kind = "exercise"
    #: The learner writes a function (its cell holds a stub, not ``name = ...``).
    learner_writes_function = False
    #: An open answer: recorded, never marked right by the machine; a teacher reads it.
    open_ended = False

    def __init__(self, *, name: str, lesson: str, prompt: dict, solution: dict,
                 hints: dict | None = None, points: int = 1, wrong: list | None = None):
        if not name.isidentifier():
            raise ValueError(f"exercise name must be a Python identifier: {name!r}")
        self.name, self.lesson = name, lesson
        self.prompt, self.solution_text = prompt, solution
        self.hints = hints or {"zh": [], "en": []}
        self.points = points
        self.wrong = list(wrong or [])
        #: The anticipated mistakes (from ``data/mistakes.csv``, attached by the registry).
        self.anticipated: tuple[Mistake, ...] = ()
        self._hints_shown = 0

    @property
    def id(self) -> str:
        """``"<lesson>.<name>"``, e.g. ``"02.million_chars_mb"``."""
        return f"{self.lesson}.{self.name}"

    # -- judging ---------------------------------------------------------------
    def encoder(self, codec=wire) -> Callable[[Any], dict]:
        """The function that turns a learner's value into plain data, where the value lives.

        The one encoding of answers: the notebook calls it with :mod:`course.exercises.wire`,
        the grader with a private copy of that module made before any learner code ran.
        """
        return codec.encode

    def encode(self, value) -> dict:
        """Encode a learner's value (in the learner's kernel)."""
        return self.encoder()(value)

    def judge(self, value) -> Verdict:  # pragma: no cover - abstract
        raise NotImplementedError

    def verdict_of(self, data: dict) -> Verdict:
        """Judge an encoded answer: by type and value first, then against the anticipated mistakes."""
        value = wire.decode(data)
        if value is Ellipsis:
            return not_attempted()
        try:
            verdict = self.judge(value)
        except Exception as error:  # a judge must never show a learner a traceback
            return incorrect("ex.reason.unjudgeable", type=type_name(value), error=type(error).__name__)
        if verdict.status in (CORRECT, NOT_ATTEMPTED):
            return verdict
        return self.mistake_for(value) or verdict

    def mistake_for(self, value) -> Verdict | None:
        """The verdict of the anticipated mistake ``value`` matches, None if it matches none."""
        for mistake in self.anticipated:
            try:
                if self.same_answer(value, mistake.answer):
                    return mistake.verdict()
            except Exception:  # an odd value simply matches nothing
                continue
        return None

    def judge_encoded(self, data: dict) -> Verdict:
        """Judge an encoded answer (this is what the grader calls, outside the learner's process)."""
        return self.verdict_of(data)

    def evaluate(self, value) -> Verdict:
        """Encode then judge, the same path as grading (an open answer aside: see ``Open.judge_encoded``)."""
        try:
            data = self.encode(value)
        except Exception as error:
            return incorrect("ex.reason.unjudgeable", type=type(value).__name__,
                             error=type(error).__name__)
        return self.verdict_of(data)

    # -- anticipated mistakes (each kind says how to read and compare them) ------
    def parse_anticipated(self, text: str):
        """An anticipated answer written in ``data/mistakes.csv``, as this kind's value.

        Raises ``ValueError`` when ``text`` is not an answer of this kind.
        """
        raise ValueError(f"{self.kind} exercises take no anticipated answers")

    def same_answer(self, value, anticipated) -> bool:
        """Whether a learner's (decoded) value is the anticipated answer, compared as this kind compares."""
        return False

    def learner_form(self, mistake: Mistake):
        """An anticipated mistake as a learner would write it in the notebook (self-tests, reports)."""
        return mistake.answer

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

    def check(self, value=Ellipsis, *extra, **named) -> Message:
        """Check an answer and say whether it is right, with a reason when it is not."""
        if extra or named:       # ex.x.check(1, 2): one answer only, said in words
            raise CourseError(t("checks.call_args", name=f"ex.{self.name}.check",
                                n=1 + len(extra) + len(named)))
        verdict = self.evaluate(value)
        progress.record(self.id, verdict.status, verdict.mistake)
        title = t(f"ex.status.{verdict.status}", name=self.id)
        return Message(title, self.feedback(verdict), verdict.status, markdown=True)

    def feedback(self, verdict: Verdict) -> str:
        """The body of a check's message: the reason, and a pointer to the hints when wrong."""
        body = verdict.message()
        if verdict.status == INCORRECT and self._hints_shown < len(self._text(self.hints) or []):
            body = (body + "\n" if body else "") + t("ex.try_hint", name=self.name)
        return body

    def hint(self) -> Message:
        """Show the next hint (they are revealed one at a time)."""
        hints = self._text(self.hints) or []
        if not hints:
            return Message(t("ex.hint.none", name=self.id), "", "info")
        self._hints_shown = min(self._hints_shown + 1, len(hints))
        progress.record(self.id, "hint")
        number = self._hints_shown
        return Message(t("ex.hint.title", n=number, total=len(hints)), hints[number - 1], "info", markdown=True)

    def solution(self) -> Message:
        """Show the model answer and why."""
        progress.record(self.id, "solution")
        return Message(t("ex.solution.title", name=self.id), self._text(self.solution_text), "info",
                       markdown=True)

    def question(self, lang: str | None = None) -> str:
        """The question, in the chosen language, followed by the form its answer takes."""
        prompt = self._text(self.prompt, lang)
        form = self.answer_form(lang)
        return f"{prompt}\n\n{form}" if form else prompt

    def answer_form(self, lang: str | None = None) -> str:
        """What the answer looks like (type, unit, options, format), "" if the kind has nothing to add."""
        return ""

    def __repr__(self) -> str:
        return f"{t('ex.label', name=self.id)} ({self.points} {t('ex.points')})\n{self.question()}"

    def _repr_markdown_(self) -> str:
        return f"**{t('ex.label', name=self.id)}** ({self.points} {t('ex.points')})\n\n{self.question()}"


def describe(value: Any) -> str:
    """A short, safe description of a learner's value for a message."""
    text = repr(value) if not isinstance(value, wire.Opaque) else value.type_name
    return text if len(text) <= 60 else text[:57] + "..."

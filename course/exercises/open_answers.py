"""Open questions: free text is recorded, compared with a model answer and a rubric, never marked right.

The machine cannot tell a good argument from fluent nonsense, so it does not pretend to:
an answer is ``attempted``; the learner sees the model answer and the rubric (2–4 points a
good answer makes, ``data/rubrics.csv``), and says which points theirs makes with
``ex.<name>.self_assess([1, 3])`` (recorded as ``self_assessed``, never ``correct``).
An answer that touches none of the points (no keyword of any point, in either language)
gets a gentle pointer, which is not a grade.

>>> q = Open(name="q", lesson="99", min_chars=5, prompt={"zh": "为什么？", "en": "Why?"},
...          solution={"zh": "因为版本会变。", "en": "Because versions change."})
>>> q.rubric = (RubricPoint(1, {"zh": "版本会变", "en": "versions change"}, ("版本", "version")),)
>>> v = q.evaluate("Apples and bananas for lunch."); v.status, v.values["touched"]
('attempted', ())
>>> q.evaluate("Laws get a new version.").values["touched"]
(1,)
"""
from __future__ import annotations

from dataclasses import dataclass

from ..core.i18n import t
from ..display.feedback import Message
from . import progress
from .compare import TextMistakes, loose_text
from .engine import ATTEMPTED, INCORRECT, SELF_ASSESSED, Exercise, Verdict, incorrect, not_attempted, type_name


@dataclass(frozen=True)
class RubricPoint:
    """One point a good answer makes: its number, text ``{"zh", "en"}`` and keywords (both languages)."""

    number: int
    text: dict
    keywords: tuple

    def touched_by(self, answer: str) -> bool:
        """Whether ``answer`` contains one of the keywords (case, width, spaces, punctuation ignored).

        >>> RubricPoint(1, {}, ("运行状态", "operating state")).touched_by("the Operating-State logs")
        True
        """
        loose = loose_text(answer)
        return any(loose_text(word) and loose_text(word) in loose for word in self.keywords)


class Open(TextMistakes, Exercise):
    """An open question: a real attempt is recorded (``attempted``); the model answer and the rubric follow."""

    kind = "open"
    open_ended = True

    def __init__(self, *, min_chars: int = 10, **common):
        super().__init__(**common)
        self.min_chars = min_chars
        #: The rubric points (from ``data/rubrics.csv``, attached by the registry).
        self.rubric: tuple[RubricPoint, ...] = ()

    def model_answer(self):
        return self._text(self.solution_text)

    def answer_form(self, lang: str | None = None) -> str:
        return t("ex.form.open", lang, n=self.min_chars)

    def judge(self, value) -> Verdict:
        if not isinstance(value, str):
            return incorrect("ex.reason.want_text", type=type_name(value))
        if not value.strip():
            return not_attempted()
        if len(value.strip()) < self.min_chars:
            return incorrect("ex.reason.too_short", n=self.min_chars)
        return Verdict(ATTEMPTED, "ex.reason.open_recorded", {"touched": self.touched(value)})

    def touched(self, answer: str) -> tuple[int, ...]:
        """The numbers of the rubric points ``answer`` touches (a keyword overlap, not a grade)."""
        return tuple(p.number for p in self.rubric if p.touched_by(answer))

    # -- what the learner sees ---------------------------------------------------
    def rubric_text(self, marks=None) -> str:
        """The rubric, one numbered point a line (``marks``: the points to tick)."""
        lines = []
        for point in self.rubric:
            tick = "" if marks is None else ("✓ " if point.number in marks else "○ ")
            lines.append(f"{tick}{point.number}. {self._text(point.text)}")
        return "\n".join(lines)

    def feedback(self, verdict: Verdict) -> str:
        if verdict.status != ATTEMPTED:
            return super().feedback(verdict)
        parts = [t("ex.open.recorded")]
        if self.rubric and not verdict.values.get("touched"):
            parts.append(t("ex.open.touches_none"))
        parts += [t("ex.model_answer"), self._text(self.solution_text)]
        if self.rubric:
            parts += [t("ex.open.rubric"), self.rubric_text(),
                      t("ex.open.self_assess", name=self.name, example=_example(len(self.rubric)))]
        return "\n".join(parts)

    def self_assess(self, points=Ellipsis) -> Message:
        """Say which rubric points your answer makes, e.g. ``ex.why_primary.self_assess([1, 3])``.

        It is recorded in your progress as ``self_assessed`` (your own judgement), never as correct.
        """
        total = len(self.rubric)
        if points is Ellipsis or not total:
            return Message(t("ex.self.ask", name=self.id), "\n".join(
                [self.rubric_text(), t("ex.open.self_assess", name=self.name, example=_example(total))]), "info")
        chosen = _points(points, total)
        if chosen is None:
            return Message(t("ex.self.bad_points", total=total, example=_example(total)), self.rubric_text(),
                           INCORRECT)
        if not progress.attempted(self.id):
            return Message(t("ex.self.check_first", name=self.name), "", "not_attempted")
        progress.record(self.id, SELF_ASSESSED, chosen)
        body = self.rubric_text(set(chosen)) + "\n" + t("ex.self.note")
        return Message(t("ex.status.self_assessed", name=self.id, n=len(chosen), total=total), body,
                       SELF_ASSESSED)


def _example(total: int) -> str:
    """An example argument for ``self_assess``: ``[1, 2]`` (``[1]`` for a one-point rubric)."""
    return "[1, 2]" if total >= 2 else "[1]"


def _points(points, total: int) -> list[int] | None:
    """The rubric points as a sorted list of numbers from 1 to ``total``; None if that is not what was given.

    >>> _points([3, 1], 3), _points(2, 3), _points([], 3), _points([4], 3), _points(["1"], 3)
    ([1, 3], [2], [], None, None)
    """
    if type(points) is int:
        points = [points]
    if not isinstance(points, (list, tuple, set, frozenset)):
        return None
    if not all(type(p) is int and 1 <= p <= total for p in points):
        return None
    return sorted(set(points))

"""The kinds of exercise the lessons use, each judging by type first, then by value.

>>> q = Number(name="q", lesson="00", prompt={"zh": "几条？", "en": "How many?"},
...            solution={"zh": "79", "en": "79"}, answer=79, integer=True, wrong=[78])
>>> q.evaluate(79).status, q.evaluate(79.0).status, q.evaluate("79").status, q.evaluate(...).status
('correct', 'incorrect', 'incorrect', 'not_attempted')
"""
from __future__ import annotations

import copy
import math
import re
import unicodedata
from typing import Any, Callable

from ..law.numbers import article_key, parse_number
from . import wire
from .engine import Exercise, Verdict, correct, describe, incorrect, not_attempted, type_name


def _is_number(value) -> bool:
    return type(value) in (int, float)


class Number(Exercise):
    """A number, compared within a tolerance (``relative=True``: a fraction of the answer)."""

    kind = "number"

    def __init__(self, *, answer: float, tolerance: float = 0.0, relative: bool = False,
                 unit: str = "", integer: bool = False, **common):
        super().__init__(**common)
        self.answer, self.tolerance, self.relative = answer, tolerance, relative
        self.unit, self.integer = unit, integer

    def model_answer(self):
        return self.answer

    def judge(self, value) -> Verdict:
        if isinstance(value, str):
            return incorrect("ex.reason.text_for_number", value=describe(value))
        if type(value) is bool or not _is_number(value):
            return incorrect("ex.reason.not_a_number", type=type_name(value))
        if math.isnan(value) or math.isinf(value):
            return incorrect("ex.reason.not_finite", value=value)
        if self.integer and type(value) is not int:
            return incorrect("ex.reason.want_int", value=value)
        slack = self.tolerance * abs(self.answer) if self.relative else self.tolerance
        if abs(value - self.answer) <= slack + 1e-12 * max(1.0, abs(self.answer)):
            return correct()
        if value and self.answer and _unit_slip(value / self.answer):
            return incorrect("ex.reason.unit_slip", unit=self.unit or "-")
        return incorrect("ex.reason.too_high" if value > self.answer else "ex.reason.too_low")


def _unit_slip(ratio: float) -> bool:
    """Whether a ratio looks like a unit mix-up (×/÷ 1000ⁿ, 1024ⁿ, 100)."""
    for base in (1000.0, 1024.0, 1.024, 100.0):
        for power in (1, 2, 3):
            for factor in (base ** power, base ** -power):
                if abs(ratio / factor - 1) < 0.005:
                    return True
    return False


def normalise_text(text: str) -> str:
    """Compare text ignoring case, width, surrounding space and doubled spaces."""
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    return re.sub(r"\s+", " ", text)


class Choice(Exercise):
    """One of a fixed list of choices (e.g. a verdict). ``choices``: ``{key: {"zh": …, "en": …}}``
    or a list of keys; the learner may answer with the key or the label."""

    kind = "choice"

    def __init__(self, *, choices, answer: str, **common):
        super().__init__(**common)
        self.choices = choices if isinstance(choices, dict) else {c: {} for c in choices}
        if answer not in self.choices:
            raise ValueError(f"{answer!r} is not among the choices of {common.get('name')}")
        self.answer = answer

    def model_answer(self):
        return self.answer

    def _key(self, text: str) -> str | None:
        wanted = normalise_text(text)
        for key, labels in self.choices.items():
            if wanted in {normalise_text(key), *(normalise_text(v) for v in labels.values())}:
                return key
        return None

    def options(self, lang: str | None = None) -> str:
        """The allowed answers, as the learner should type them."""
        return ", ".join(repr(key) for key in self.choices)

    def judge(self, value) -> Verdict:
        if not isinstance(value, str):
            return incorrect("ex.reason.want_text", type=type_name(value))
        key = self._key(value)
        if key is None:
            return incorrect("ex.reason.not_a_choice", value=describe(value), options=self.options())
        return correct() if key == self.answer else incorrect("ex.reason.wrong_choice")


class Text(Exercise):
    """A short text answer, compared after normalising; ``accept`` lists other right forms."""

    kind = "text"

    def __init__(self, *, answer: str, accept: tuple = (), **common):
        super().__init__(**common)
        self.answer, self.accept = answer, tuple(accept)

    def model_answer(self):
        return self.answer

    def judge(self, value) -> Verdict:
        if not isinstance(value, str):
            return incorrect("ex.reason.want_text", type=type_name(value))
        if not value.strip():
            return not_attempted()
        right = {normalise_text(a) for a in (self.answer, *self.accept)}
        return correct() if normalise_text(value) in right else incorrect("ex.reason.wrong_text")


class ArticleSet(Exercise):
    """A set of article numbers (``{41, 47}``; ``"253-1"`` and ``"第四十一条"`` also accepted)."""

    kind = "articles"

    def __init__(self, *, answer, **common):
        super().__init__(**common)
        self.answer = frozenset(self._parse(a) for a in answer)

    @staticmethod
    def _parse(item):
        return article_key(*parse_number(item))

    def model_answer(self):
        return {int(a) if a.isdigit() else a for a in self.answer}

    def answer_source(self) -> str:
        return "{" + ", ".join(sorted((repr(a) for a in self.model_answer()), key=len)) + "}"

    def judge(self, value) -> Verdict:
        if type(value) in (int, str):
            value = {value}
        if not isinstance(value, (set, list, tuple)):
            return incorrect("ex.reason.want_set", type=type_name(value))
        given = set()
        for item in value:
            if type(item) not in (int, str):
                return incorrect("ex.reason.bad_article", value=describe(item))
            try:
                given.add(self._parse(item))
            except ValueError:
                return incorrect("ex.reason.bad_article", value=describe(item))
        if given == self.answer:
            return correct()
        missing, extra = len(self.answer - given), len(given - self.answer)
        return incorrect("ex.reason.set_diff", missing=missing, extra=extra)


class Table(Exercise):
    """A small DataFrame or Series; ``expected`` is a function returning the right one.

    Rows and columns are matched by label, so the same table in another order is right;
    the right values under other labels get a reason that says so.
    """

    kind = "table"

    def __init__(self, *, expected: Callable, tolerance: float = 1e-9, **common):
        super().__init__(**common)
        self.expected, self.tolerance = expected, tolerance

    def model_answer(self):
        return self.expected()

    def answer_source(self) -> str:
        """A table has no short literal form: the key calls the exercise's own expected table."""
        return f"course.exercises.get({self.id!r}).model_answer()"

    def judge(self, value) -> Verdict:
        import pandas as pd

        want = self.expected()
        if not isinstance(value, (pd.DataFrame, pd.Series)):
            return incorrect("ex.reason.want_table", want=type(want).__name__, type=type_name(value))
        if type(value) is not type(want):
            return incorrect("ex.reason.want_table", want=type(want).__name__, type=type_name(value))
        if value.shape != want.shape:
            return incorrect("ex.reason.shape", shape=value.shape, want=want.shape)
        aligned = _aligned(value, want)
        if aligned is not None:
            return correct() if _same_values(aligned, want, self.tolerance) else incorrect("ex.reason.values")
        if _same_values(value, want, self.tolerance):
            return incorrect("ex.reason.labels")
        return incorrect("ex.reason.values")


def _positions(given, wanted) -> list[int] | None:
    """Where each wanted label sits among the given labels (compared as text); None if they differ."""
    given, wanted = [str(k) for k in given], [str(k) for k in wanted]
    if sorted(given) != sorted(wanted) or len(set(given)) != len(given):
        return None
    where = {label: i for i, label in enumerate(given)}
    return [where[label] for label in wanted]


def _aligned(value, want):
    """``value`` put in ``want``'s row (and column) order when both have the same labels, else None."""
    import pandas as pd

    rows = _positions(value.index, want.index)
    if rows is None:
        return None
    if isinstance(want, pd.DataFrame):
        columns = _positions(value.columns, want.columns)
        return None if columns is None else value.iloc[rows, columns]
    return value.iloc[rows]


def _same_values(a, b, tolerance: float) -> bool:
    import pandas as pd

    left = a.to_numpy().ravel().tolist() if isinstance(a, (pd.DataFrame, pd.Series)) else a
    right = b.to_numpy().ravel().tolist()
    return len(left) == len(right) and all(_same_cell(x, y, tolerance) for x, y in zip(left, right))


def _same_cell(x, y, tolerance: float) -> bool:
    if _is_number(x) and _is_number(y) and type(x) is not bool and type(y) is not bool:
        if math.isnan(x) or math.isnan(y):
            return math.isnan(x) and math.isnan(y)
        return abs(x - y) <= tolerance * max(1.0, abs(y))
    if type(x) is not type(y) and not (_is_number(x) and _is_number(y)):
        return False
    return x == y


class Function(Exercise):
    """A function the learner writes, run on ``cases`` (a list of ``(args, expected)``)."""

    kind = "function"
    learner_writes_function = True

    def __init__(self, *, reference: Callable, cases: list, tolerance: float = 1e-9, **common):
        super().__init__(**common)
        self.reference, self.tolerance = reference, tolerance
        self.cases = [(args if isinstance(args, tuple) else (args,)) for args, _ in cases]
        self.expected = [expected for _, expected in cases]

    def model_answer(self):
        return self.reference

    def answer_source(self) -> str:
        import inspect
        import textwrap

        return textwrap.dedent(inspect.getsource(self.reference))

    def encoder(self, codec=wire) -> Callable[[Any], dict]:
        """Run the learner's function on every case, each on its own copy of the arguments.

        A stub (a body of only ``...``) is "not attempted"; an error in one case is recorded
        and the other cases still run.
        """
        encode, cases, is_stub = codec.encode, copy.deepcopy(self.cases), _empty_body

        def run(value) -> dict:
            if value is Ellipsis or not callable(value):
                return encode(value)
            if is_stub(value):
                return encode(Ellipsis)
            results = []
            for args in cases:
                try:
                    results.append({"ok": encode(value(*copy.deepcopy(args)))})
                except Exception as error:  # the learner's code may raise anything
                    results.append({"error": f"{type(error).__name__}: {str(error)[:200]}"})
            return {"t": "results", "v": results}
        return run

    def judge(self, value) -> Verdict:
        if not isinstance(value, wire.FunctionResults):
            return incorrect("ex.reason.want_function", type=type_name(value))
        for args, expected, (kind, got) in zip(self.cases, self.expected, value.results):
            shown = ", ".join(describe(a) for a in args)
            if kind == "error":
                return incorrect("ex.reason.func_error", args=shown, error=got)
            if not _same_cell(got, expected, self.tolerance):
                return incorrect("ex.reason.func_wrong", args=shown)
        if len(value.results) != len(self.cases):
            return incorrect("ex.reason.func_error", args="-", error="missing results")
        return correct()


def _empty_body(function) -> bool:
    """Whether a function's body is only ``...``, ``pass`` or a docstring.

    >>> def stub(text):
    ...     'Count bytes.'
    ...     ...
    >>> _empty_body(stub), _empty_body(len), _empty_body(lambda text: 0)
    (True, False, False)
    """
    import dis

    code = getattr(function, "__code__", None)
    if code is None:
        return False
    for instruction in dis.get_instructions(code):
        if instruction.opname in ("RESUME", "NOP", "RETURN_VALUE"):
            continue
        if instruction.opname in ("LOAD_CONST", "RETURN_CONST") and instruction.argval is None:
            continue
        return False
    return True


class Open(Exercise):
    """An open question: any real attempt counts; the model answer is shown after it."""

    kind = "open"
    open_ended = True

    def __init__(self, *, min_chars: int = 10, **common):
        super().__init__(**common)
        self.min_chars = min_chars

    def model_answer(self):
        return self._text(self.solution_text)

    def judge(self, value) -> Verdict:
        if not isinstance(value, str):
            return incorrect("ex.reason.want_text", type=type_name(value))
        if not value.strip():
            return not_attempted()
        if len(value.strip()) < self.min_chars:
            return incorrect("ex.reason.too_short", n=self.min_chars)
        return correct("ex.reason.open_recorded")

"""Exercises whose answer comes from running code: a table, or a function the learner writes.

An anticipated answer of ``data/mistakes.csv`` is, for these kinds, a Python expression:
a ``lambda`` for a function (it is run on the exercise's cases, and a learner's function that
gives the same results is that mistake), an expression over the exercise's ``context`` for a
table. Only a few harmless built-ins are available to it:

>>> expression("lambda text: 3 * len(text)", {})("ab")
6
>>> expression("open('x')", {})
Traceback (most recent call last):
...
NameError: name 'open' is not defined
"""
from __future__ import annotations

import copy
from typing import Any, Callable

from ..core.i18n import t
from . import wire
from .compare import same_cell
from .engine import Exercise, Verdict, correct, describe, incorrect, type_name

SAFE_BUILTINS = {"len": len, "str": str, "int": int, "float": float, "sum": sum, "ord": ord,
                 "round": round, "abs": abs, "min": min, "max": max}


def expression(text: str, names: dict) -> Any:
    """Evaluate one expression of the course's own data with only :data:`SAFE_BUILTINS` and ``names``."""
    code = compile(text.strip(), "<data/mistakes.csv>", "eval")
    return eval(code, {"__builtins__": dict(SAFE_BUILTINS), **names})


class Table(Exercise):
    """A small DataFrame or Series; ``expected`` is a function returning the right one.

    Rows and columns are matched by label, so the same table in another order is right;
    the right values under other labels get a reason that says so.
    """

    kind = "table"

    def __init__(self, *, expected: Callable, tolerance: float = 1e-9, context: dict | None = None,
                 **common):
        super().__init__(**common)
        self.expected, self.tolerance = expected, tolerance
        #: The names an anticipated table of ``data/mistakes.csv`` may use (e.g. ``claims``).
        self.context = dict(context or {})

    def model_answer(self):
        return self.expected()

    def answer_form(self, lang: str | None = None) -> str:
        """``Answer form: a pandas Series (computed with a pandas expression).``"""
        return t("ex.form.table", lang, want=type(self.expected()).__name__)

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

    def parse_anticipated(self, text: str):
        import pandas as pd

        value = expression(text, self.context)
        if not isinstance(value, (pd.DataFrame, pd.Series)):
            raise ValueError(f"not a table: {text!r}")
        return value

    def same_answer(self, value, anticipated) -> bool:
        if type(value) is not type(anticipated) or value.shape != anticipated.shape:
            return False
        aligned = _aligned(value, anticipated)
        return aligned is not None and _same_values(aligned, anticipated, self.tolerance)


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
    return len(left) == len(right) and all(same_cell(x, y, tolerance) for x, y in zip(left, right))


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

    def answer_form(self, lang: str | None = None) -> str:
        return t("ex.form.function", lang)

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
            if not same_cell(got, expected, self.tolerance):
                return incorrect("ex.reason.func_wrong", args=shown)
        if len(value.results) != len(self.cases):
            return incorrect("ex.reason.func_error", args="-", error="missing results")
        return correct()

    def parse_anticipated(self, text: str):
        function = expression(text, {})
        if not callable(function):
            raise ValueError(f"not a function: {text!r}")
        results = wire.decode(self.encoder()(function))
        if not isinstance(results, wire.FunctionResults):
            raise ValueError(f"not a function: {text!r}")
        return results

    def same_answer(self, value, anticipated) -> bool:
        if not isinstance(value, wire.FunctionResults) or len(value.results) != len(anticipated.results):
            return False
        return all(kind == want_kind and (kind == "error" or same_cell(got, want, self.tolerance))
                   for (kind, got), (want_kind, want) in zip(value.results, anticipated.results))

    def learner_form(self, mistake):
        return expression(mistake.source, {})


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

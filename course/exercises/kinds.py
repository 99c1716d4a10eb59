"""The kinds of exercise the lessons use, each judging by type first, then by value.

>>> q = Number(name="q", lesson="00", prompt={"zh": "几条？", "en": "How many?"},
...            solution={"zh": "79", "en": "79"}, answer=79, integer=True, wrong=[78])
>>> q.evaluate(79).status, q.evaluate(79.0).status, q.evaluate("79").status, q.evaluate(...).status
('correct', 'incorrect', 'incorrect', 'not_attempted')

Each kind also reads the anticipated answers of ``data/mistakes.csv`` (``parse_anticipated``)
and says whether a learner's answer is one of them (``same_answer``):

>>> q.same_answer(78, q.parse_anticipated("78")), q.same_answer(78.0, 78)
(True, False)

:class:`Table` and :class:`Function` live in :mod:`.kinds_code`, :class:`Open` in
:mod:`.open_answers`; all are importable from here.
"""
from __future__ import annotations

import ast
import difflib
import math
import re
from dataclasses import dataclass

from ..core.i18n import LANGUAGES, get_language, t
from ..law.numbers import article_key, parse_number
from ..storage.units import UNITS as BYTE_UNITS
from .compare import TextMistakes, is_number, loose_text, normalise_text
from .engine import INCORRECT, Exercise, Verdict, correct, describe, incorrect, not_attempted, type_name
from .kinds_code import Function, Table, expression
from .open_answers import Open

__all__ = ["Number", "Choice", "Text", "ArticleSet", "Table", "Function", "Open", "normalise_text"]


class Number(Exercise):
    """A number, compared within a tolerance (``relative=True``: a fraction of the answer).

    ``unit`` names the unit the answer is in; only a byte unit (``"MB"``, ``"TB"``, …) gets the
    unit-slip test (KB vs KiB, MB vs GB): a count or an article number has no unit to slip.
    """

    kind = "number"

    def __init__(self, *, answer: float, tolerance: float = 0.0, relative: bool = False,
                 unit: str = "", integer: bool = False, context: dict | None = None, **common):
        super().__init__(**common)
        #: Names an anticipated answer of ``data/mistakes.csv`` may compute with (e.g. ``claims``),
        #: so that a count follows the course's tables instead of being typed.
        self.context = dict(context or {})
        self.answer, self.tolerance, self.relative = answer, tolerance, relative
        self.unit, self.integer = unit, integer

    def model_answer(self):
        return self.answer

    def unit_label(self, lang: str | None = None) -> str:
        """The unit in the learner's language: ``"处 / places"`` → ``"places"`` in English.

        >>> Number(name="n", lesson="00", prompt={}, solution={}, answer=1, unit="条 / claims").unit_label("zh")
        '条'
        """
        parts = [p.strip() for p in self.unit.split(" / ")]
        if len(parts) == 2:
            return parts[1] if (lang or get_language()) == "en" else parts[0]
        return self.unit

    def answer_form(self, lang: str | None = None) -> str:
        """``Answer form: a whole number (an int). Unit: MB.``"""
        form = t("ex.form.int" if self.integer else "ex.form.number", lang)
        gap = "" if (lang or get_language()) == "zh" else " "
        return form + (gap + t("ex.form.unit", lang, unit=self.unit_label(lang)) if self.unit else "")

    def judge(self, value) -> Verdict:
        if isinstance(value, str):
            return incorrect("ex.reason.text_for_number", value=describe(value))
        if type(value) is bool or not is_number(value):
            return incorrect("ex.reason.not_a_number", type=type_name(value))
        if math.isnan(value) or math.isinf(value):
            return incorrect("ex.reason.not_finite", value=value)
        if self.integer and type(value) is not int:
            return incorrect("ex.reason.want_int", value=value)
        if self._near(value, self.answer):
            return correct()
        if self.has_byte_unit and value and self.answer and _unit_slip(value / self.answer):
            return incorrect("ex.reason.unit_slip", unit=self.unit)
        return incorrect("ex.reason.too_high" if value > self.answer else "ex.reason.too_low")

    @property
    def has_byte_unit(self) -> bool:
        """Whether the answer is a data size (the only unit with KB/KiB-style slips)."""
        return self.unit in BYTE_UNITS

    def _near(self, value, target) -> bool:
        slack = self.tolerance * abs(target) if self.relative else self.tolerance
        return abs(value - target) <= slack + 1e-12 * max(1.0, abs(target))

    def parse_anticipated(self, text: str):
        try:
            value = ast.literal_eval(text.strip())
        except (ValueError, SyntaxError):
            if not self.context:
                raise ValueError(f"not a number: {text!r}") from None
            value = expression(text, self.context)
        if type(value) not in (int, float) or not math.isfinite(value):
            raise ValueError(f"not a finite number: {text!r}")
        if self.integer and type(value) is not int:
            raise ValueError(f"not a whole number: {text!r}")
        return value

    def same_answer(self, value, anticipated) -> bool:
        if type(value) is bool or not is_number(value) or not math.isfinite(value):
            return False
        if self.integer and type(value) is not int:
            return False
        return self._near(value, anticipated)


def _unit_slip(ratio: float) -> bool:
    """Whether a ratio looks like a data-size unit mix-up (×/÷ 1000ⁿ, 1024ⁿ or 1.024ⁿ).

    Only a data size may be asked this: 66 / 63 is within 0.1 % of 1.024², so two article
    numbers would look like a KB/KiB slip.

    >>> _unit_slip(1024), _unit_slip(1e12), _unit_slip(1 / 1.024 ** 4), _unit_slip(66 / 63), _unit_slip(1.5)
    (True, True, True, True, False)
    """
    for base in (1000.0, 1024.0, 1.024):
        for power in (1, 2, 3, 4):
            for factor in (base ** power, base ** -power):
                if abs(ratio / factor - 1) < 0.002:
                    return True
    return False


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

    def label(self, key: str, lang: str | None = None) -> str:
        """An option's label in the learner's language ("" if it has none)."""
        labels = self.choices[key]
        return labels.get(lang or get_language()) or labels.get("zh") or labels.get("en") or ""

    def options(self, lang: str | None = None) -> str:
        """The allowed answers, as the learner may type them, labelled in the learner's language.

        >>> q = Choice(name="q", lesson="00", prompt={}, solution={}, answer="A",
        ...            choices={"A": {"zh": "警告", "en": "warning"}, "B": {}})
        >>> q.options("zh"), q.options("en")
        ("'A'（警告）, 'B'", "'A' (warning), 'B'")
        """
        return ", ".join(t("ex.option_label", lang, code=repr(key), label=self.label(key, lang))
                         if self._labelled(key, lang) else repr(key) for key in self.choices)

    def _labelled(self, key: str, lang: str | None) -> bool:
        """Whether the option has a label that says more than its code (``outdated`` has not)."""
        label = self.label(key, lang)
        return bool(label) and loose_text(label) != loose_text(key)

    def answer_form(self, lang: str | None = None) -> str:
        """The options, one a line (code and label), unless the prompt already lists every one."""
        prompt = self._text(self.prompt, lang) or ""
        if all(key in prompt and self.label(key, lang) in prompt for key in self.choices):
            return t("ex.form.choice_listed", lang)
        lines = [t("ex.form.option", lang, code=key, label=self.label(key, lang) or key) for key in self.choices]
        return "\n".join([t("ex.form.choice", lang), *lines])

    def judge(self, value) -> Verdict:
        if not isinstance(value, str):
            return incorrect("ex.reason.want_text", type=type_name(value))
        key = self._key(value)
        if key is None:
            shown = describe(value)
            note = {lang: t("ex.reason.not_a_choice", lang, value=shown, options=self.options(lang))
                    for lang in LANGUAGES}
            return Verdict(INCORRECT, "ex.reason.not_a_choice", {"value": shown, "options": self.options()},
                           None, note)
        return correct() if key == self.answer else incorrect("ex.reason.wrong_choice")

    def parse_anticipated(self, text: str):
        """An option's key, or an answer that is no option at all (kept as :class:`OffOption`).

        An off-option answer that looks like a misspelt option is refused, so that a typo in
        ``data/mistakes.csv`` cannot hide an option's explanation.
        """
        key = self._key(text)
        if key is not None:
            return key
        if not loose_text(text):
            raise ValueError("an empty answer")
        spellings = [normalise_text(k) for k in self.choices] + [
            normalise_text(v) for labels in self.choices.values() for v in labels.values()]
        close = difflib.get_close_matches(normalise_text(text), spellings, n=1, cutoff=0.8)
        if close:
            raise ValueError(f"{text!r} looks like the choice {close[0]!r}, misspelt")
        return OffOption(text)

    def same_answer(self, value, anticipated) -> bool:
        if not isinstance(value, str):
            return False
        if isinstance(anticipated, OffOption):
            return self._key(value) is None and loose_text(value) == loose_text(anticipated.text)
        return self._key(value) == anticipated

    def learner_form(self, mistake):
        return mistake.answer.text if isinstance(mistake.answer, OffOption) else mistake.answer


@dataclass(frozen=True)
class OffOption:
    """An anticipated answer to a choice question that is none of its options (e.g. ``"2025"``)."""

    text: str


#: An answer that is an article id, ``<law id>:<article>`` (``csl-2026:23``, ``criminal-law-2023:253-1``).
ID_ANSWER = re.compile(r"^[a-z][a-z0-9-]*-\d{4}:\d+(-\d+)?$")


class Text(TextMistakes, Exercise):
    """A short text answer, compared after normalising; ``accept`` lists other right forms.

    An anticipated answer matches ignoring case, width, spaces and punctuation, so
    ``"《网络安全法》第二十三条"`` and ``"网络安全法 第二十三条。"`` are the same mistake.
    """

    kind = "text"

    def __init__(self, *, answer: str, accept: tuple = (), **common):
        super().__init__(**common)
        self.answer, self.accept = answer, tuple(accept)

    def model_answer(self):
        return self.answer

    def answer_form(self, lang: str | None = None) -> str:
        """For an answer that is an article id (``csl-2026:23``): the format, with an example."""
        return t("ex.form.id", lang) if ID_ANSWER.match(self.answer) else ""

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

    def answer_form(self, lang: str | None = None) -> str:
        return t("ex.form.articles", lang, example="`{10, 12}`")

    def answer_source(self) -> str:
        return "{" + ", ".join(sorted((repr(a) for a in self.model_answer()), key=len)) + "}"

    def _given(self, value) -> frozenset | Verdict:
        """The learner's articles as keys, or the verdict saying why they cannot be read."""
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
        return frozenset(given)

    def judge(self, value) -> Verdict:
        given = self._given(value)
        if isinstance(given, Verdict):
            return given
        if given == self.answer:
            return correct()
        missing, extra = len(self.answer - given), len(given - self.answer)
        return incorrect("ex.reason.set_diff", missing=missing, extra=extra)

    def parse_anticipated(self, text: str):
        items = [item for item in re.split(r"[\s,，;；{}]+", text) if item]
        if not items:
            raise ValueError("no article numbers")
        return frozenset(self._parse(item) for item in items)

    def same_answer(self, value, anticipated) -> bool:
        return self._given(value) == anticipated

    def learner_form(self, mistake):
        return {int(a) if a.isdigit() else a for a in mistake.answer}

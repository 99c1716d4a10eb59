"""The engine judges by type first, never shows a traceback, and gives useful feedback."""
import math

import numpy as np
import pandas as pd
import pytest

from course.exercises import ArticleSet, Choice, Function, Number, Open, Table, Text, wire

COMMON = dict(lesson="99", prompt={"zh": "问", "en": "Q"}, solution={"zh": "答", "en": "A"},
              hints={"zh": ["一", "二"], "en": ["one", "two"]})


class AlwaysEqual:
    def __eq__(self, other):
        return True


class SneakyStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def status(exercise, value):
    return exercise.evaluate(value).status


def reason(exercise, value, lang="en"):
    return exercise.evaluate(value).message(lang)


@pytest.fixture
def size():
    return Number(name="size", answer=2.86, tolerance=0.01, relative=True, unit="MB", **COMMON)


@pytest.fixture
def count():
    return Number(name="count", answer=6, integer=True, **COMMON)


def test_number_right_wrong_and_untouched(size):
    assert status(size, 2.86) == "correct"
    assert status(size, 2.87) == "correct"
    assert status(size, 3.5) == "incorrect" and reason(size, 3.5) == "Too high."
    assert status(size, ...) == "not_attempted"


def test_number_wrong_types_get_reasons(size, count):
    assert "drop the quotes" in reason(size, "2.86")
    assert "you gave a AlwaysEqual" in reason(size, AlwaysEqual())
    assert "finite" in reason(size, math.nan)
    assert "finite" in reason(size, math.inf)
    assert "gave a bool" in reason(count, True)
    assert "whole number" in reason(count, 6.0)
    assert status(count, np.int64(6)) == "correct"
    assert status(size, np.float64(2.86)) == "correct"


def test_number_unit_slip_is_named(size):
    assert "unit" in reason(size, 2.86 * 1024)
    assert "unit" in reason(size, 2860)


def test_choice_accepts_key_or_label_only():
    verdict = Choice(name="v", choices={"accurate": {"zh": "准确", "en": "accurate"},
                                        "inaccurate": {"zh": "不准确", "en": "inaccurate"}},
                     answer="inaccurate", **COMMON)
    assert status(verdict, "不准确") == "correct"
    assert status(verdict, " Inaccurate ") == "correct"
    assert status(verdict, "accurate") == "incorrect"
    assert "not one of the choices" in reason(verdict, "maybe")
    assert status(verdict, SneakyStr("x")) == "incorrect"
    assert "gave a int" in reason(verdict, 1)


def test_text_normalises_width_and_space():
    text = Text(name="w", answer="电子数据", **COMMON)
    assert status(text, " 电子数据 ") == "correct"
    assert status(text, "电子 数据") == "incorrect"
    assert status(text, "") == "not_attempted"


def test_article_sets():
    arts = ArticleSet(name="a", answer={41, 47}, **COMMON)
    assert status(arts, {47, 41}) == "correct"
    assert status(arts, ["第四十一条", "47"]) == "correct"
    assert reason(arts, {41}) == "Not yet: 1 missing, 0 that do not belong."
    assert status(arts, {41, 47, 68}) == "incorrect"
    assert "not an article number" in reason(arts, {41, 4.7})
    assert "set of article numbers" in reason(arts, AlwaysEqual())
    inserted = ArticleSet(name="b", answer={"253-1"}, **COMMON)
    assert status(inserted, {"第二百五十三条之一"}) == "correct"
    assert status(inserted, {253}) == "incorrect"


def _frame():
    return pd.DataFrame({"count": [2, 1]}, index=pd.Index(["保存", "留存"], name="word"))


def test_tables_compare_values_then_labels():
    table = Table(name="t", expected=_frame, **COMMON)
    assert status(table, _frame()) == "correct"
    relabelled = _frame().rename(index={"保存": "x"})
    assert "labels" in reason(table, relabelled)
    assert "values" in reason(table, _frame() * 2)
    assert "shape" in reason(table, _frame().iloc[:1])
    assert "DataFrame" in reason(table, _frame()["count"])
    assert status(table, AlwaysEqual()) == "incorrect"
    assert status(table, _frame().iloc[::-1]) == "correct"
    series = Table(name="s", expected=lambda: _frame()["count"], **COMMON)
    assert status(series, pd.Series({"留存": 1, "保存": 2})) == "correct"
    assert "labels" in reason(series, pd.Series({"a": 2, "b": 1}))


def _utf8(text):
    return len(text.encode("utf-8"))


def test_functions_are_run_on_cases():
    func = Function(name="f", reference=_utf8, cases=[("微信", 6), ("a", 1), ("", 0)], **COMMON)
    assert status(func, _utf8) == "correct"
    assert status(func, len) == "incorrect"
    assert "input ('微信')" in reason(func, len)

    def broken(text):
        return 1 / 0

    assert "ZeroDivisionError" in reason(func, broken)

    def stub(text):
        ...

    assert status(func, stub) == "not_attempted"
    assert "function" in reason(func, "len")


def test_function_returning_always_equal_fails():
    func = Function(name="f", reference=_utf8, cases=[("微信", 6)], **COMMON)
    assert status(func, lambda text: AlwaysEqual()) == "incorrect"


def test_open_question_reveals_model_answer_after_attempt(language):
    language("en")
    question = Open(name="o", min_chars=5, **COMMON)
    assert status(question, "") == "not_attempted"
    assert status(question, "hm") == "incorrect"
    shown = repr(question.check("Because quotes can be wrong."))
    assert "Model answer" in shown and "A" in shown


def test_feedback_in_the_notebook_language(size, language):
    language("zh")
    assert "去掉引号" in repr(size.check("2.86"))
    language("en")
    assert "drop the quotes" in repr(size.check("2.86"))
    assert 'data-status="incorrect"' in size.check("2.86")._repr_html_()


def test_hints_come_one_at_a_time_then_solution(size, language):
    language("en")
    assert repr(size.hint()) == "Hint 1/2\none"
    assert repr(size.hint()) == "Hint 2/2\ntwo"
    assert repr(size.hint()) == "Hint 2/2\ntwo"
    assert "A" in repr(size.solution())


def test_a_judge_that_fails_never_shows_a_traceback():
    broken = Number(name="n", answer=1, **COMMON)
    broken.judge = lambda value: 1 / 0
    verdict = broken.evaluate(1)
    assert verdict.status == "incorrect" and "ZeroDivisionError" in verdict.message("en")


def test_wire_keeps_only_plain_data():
    assert wire.decode(wire.encode(AlwaysEqual())) == wire.Opaque("AlwaysEqual")
    assert type(wire.decode(wire.encode(SneakyStr("x")))) is str
    assert wire.decode({"t": "int", "v": "1"}) == wire.Opaque("malformed")
    frame = wire.decode(wire.encode(_frame()))
    pd.testing.assert_frame_equal(frame, _frame(), check_names=False)
    assert math.isnan(wire.decode(wire.encode(float("nan"))))


def test_an_open_answer_is_attempted_never_correct(language):
    language("en")
    question = Open(name="o", min_chars=5, **COMMON)
    assert status(question, "Because quotes can be wrong.") == "attempted"
    assert status(question, "blah " * 200) == "attempted"
    assert question.check("blah " * 200).tone == "attempted"


def test_anticipated_mistakes_are_matched_as_each_kind_compares():
    from course.exercises import Mistake

    def note(text):
        return {"zh": text, "en": text}

    count = Number(name="count", answer=6, integer=True, **COMMON)
    count.anticipated = (Mistake("five", count.parse_anticipated("5"), note("only 保存")),)
    assert count.evaluate(5).mistake == "five" and count.evaluate(5).message("en") == "only 保存"
    assert count.evaluate(5.0).reason == "ex.reason.want_int"      # the type is said first
    assert count.evaluate(4).mistake is None
    text = Text(name="w", answer="csl-2026:23", **COMMON)
    text.anticipated = (Mistake("old", text.parse_anticipated("csl-2017:21"), note("old")),)
    assert text.evaluate(" CSL-2017:21 ").mistake == "old"
    arts = ArticleSet(name="a", answer={41, 47}, **COMMON)
    arts.anticipated = (Mistake("one", arts.parse_anticipated("{41}"), note("one")),)
    assert arts.evaluate(["第四十一条"]).mistake == "one"
    choice = Choice(name="c", choices=["2017", "2026"], answer="2026", **COMMON)
    with pytest.raises(ValueError, match="misspelt"):
        choice.parse_anticipated("20266")
    choice.anticipated = (Mistake("year", choice.parse_anticipated("2025"), note("decision")),)
    assert choice.evaluate("2025").mistake == "year"
    assert choice.evaluate("2024").reason == "ex.reason.not_a_choice"


def test_unit_slips_only_for_data_sizes(size):
    hours = Number(name="h", answer=72, integer=True, unit="h", **COMMON)
    assert hours.evaluate(72 * 1000).reason == "ex.reason.too_high"
    plain = Number(name="n", answer=66, integer=True, **COMMON)
    assert plain.evaluate(63).reason == "ex.reason.too_low"
    assert size.evaluate(2.86e6).reason == "ex.reason.unit_slip"

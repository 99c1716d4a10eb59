"""Every function a learner calls answers bad input with a CourseError (a sentence), never a traceback.

The functions are found from each part's public names (``__all__``, and the functions of a
module listed there, like ``storage.charts``), so a new function is covered without a list
kept by hand; so are the methods a learner calls on what they get back (an article's
``paragraph``, an exercise's ``check``). Arbitrary values — None, huge ints, nan and
infinities, empty and 5000-character strings, lists, dicts — may raise only CourseError.
"""
from __future__ import annotations

import importlib
import inspect
import math
import types

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import course
from course.core.errors import CourseError

LEARNER_PARTS = ("law", "storage", "claims", "exercises", "widgets")

#: Public names that take arbitrary objects on purpose, or are not called by learners; each says why.
SKIP = {
    # classes: records the course builds itself, or the exercise kinds a lesson author declares
    "law.Comparison": "a record made by compare(); learners get it, never build it",
    "law.MapRow": "a row of the article map made by map_rows()",
    "law.Provision": "made by article()/by_id(); its methods are covered below",
    "law.Term": "a glossary entry made by glossary(), which is covered",
    "storage.Estimate": "the result of estimate(); its inputs are checked there",
    "storage.Param": "a model parameter read from data/, built by params()",
    "storage.StorageInputError": "an exception class",
    "exercises.Exercise": "declared by lesson authors in lessons/lessonNN.py, not in notebooks",
    "exercises.Number": "an exercise kind for lesson authors", "exercises.Choice": "an exercise kind",
    "exercises.Text": "an exercise kind", "exercises.ArticleSet": "an exercise kind",
    "exercises.Table": "an exercise kind", "exercises.Function": "an exercise kind",
    "exercises.Open": "an exercise kind",
    "exercises.Verdict": "the engine's record of a judgement", "exercises.Mistake": "a row of data/mistakes.csv",
    "exercises.Lesson": "made by lesson(); lesson() is covered",
    "widgets.Calculator": "built by calculator(), which is covered",
    "widgets.ClaimExplorer": "built by explore(), which is covered",
    "widgets.StatuteViewer": "built by viewer(), which is covered",
}

BAD = st.one_of(
    st.none(), st.booleans(),
    st.integers(), st.sampled_from([10 ** 400, -10 ** 400, 2 ** 63]),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([math.nan, math.inf, -math.inf]),
    st.text(max_size=20), st.sampled_from(["", " ", "9" * 5000, "x" * 5000, "zh", "fr", "csl", "csl-2017:21",
                                           "02", "99", "UTF-8", "ascii", "GB", "TB", "C08", "微信"]),
    st.binary(max_size=8),
    st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=5)), max_size=3),
    st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=5)), max_size=2),
)


def _public(part: str) -> list[tuple[str, object]]:
    module = importlib.import_module(f"course.{part}")
    found = []
    for name in module.__all__:
        obj = getattr(module, name)
        if isinstance(obj, types.ModuleType):
            found += [(f"{part}.{name}.{n}", f) for n, f in vars(obj).items()
                      if inspect.isfunction(f) and f.__module__ == obj.__name__ and not n.startswith("_")]
        elif callable(obj):
            found.append((f"{part}.{name}", obj))
    return found


FUNCTIONS = [item for part in LEARNER_PARTS for item in _public(part)]


def _parameters(func) -> list[inspect.Parameter]:
    return [p for p in inspect.signature(func).parameters.values()
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.POSITIONAL_ONLY, p.KEYWORD_ONLY)]


def _keyword_names(name: str) -> list[str]:
    """Names a ``**values`` function accepts: the model's parameters, the explorer's filters."""
    if name.startswith("widgets.explore"):
        return ["type", "verdict", "claim", "colour"]   # "colour" is no filter: a clear error
    return [*course.storage.params(), "no_such_input"]


def _call(func, name: str, data) -> None:
    params = _parameters(func)
    kwargs = {}
    for p in params:
        if p.default is inspect.Parameter.empty or data.draw(st.booleans(), label=f"give {p.name}"):
            kwargs[p.name] = data.draw(BAD, label=p.name)
    if any(p.kind is p.VAR_KEYWORD for p in inspect.signature(func).parameters.values()):
        for key in data.draw(st.lists(st.sampled_from(_keyword_names(name)), max_size=2, unique=True)):
            kwargs[key] = data.draw(BAD, label=key)
    try:
        func(**kwargs)
    except CourseError:
        pass
    finally:
        _close_figures()


def _close_figures() -> None:
    import matplotlib.pyplot as plt

    plt.close("all")


def test_every_public_class_is_skipped_with_a_reason_or_covered():
    classes = [name for name, obj in FUNCTIONS if inspect.isclass(obj)]
    assert classes, "the parts export classes"
    assert [name for name in classes if name not in SKIP] == []
    assert all(SKIP[name].strip() for name in classes)
    assert set(SKIP) <= {name for name, _ in FUNCTIONS}, "a skipped name no longer exists"


def test_the_parts_export_the_functions_the_lessons_call():
    names = {name for name, _ in FUNCTIONS}
    for expected in ("law.article", "law.by_id", "law.count_word", "law.status", "exercises.lesson",
                     "storage.to_bytes", "storage.encoded_size", "storage.format_usd", "widgets.explore",
                     "storage.charts.volume_chart", "claims.overview"):
        assert expected in names


CALLED = [(name, f) for name, f in FUNCTIONS if not inspect.isclass(f) and name not in SKIP
          and (_parameters(f) or any(p.kind is p.VAR_KEYWORD for p in inspect.signature(f).parameters.values()))]


@pytest.mark.parametrize("name,func", CALLED, ids=[name for name, _ in CALLED])
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_bad_arguments_give_a_course_error(name, func, data, language):
    _call(func, name, data)


def _methods():
    """(name, bound method) a learner calls on what the course hands back."""
    provision = course.law.article("csl", 14, "2017")
    found = [("Provision.paragraph", provision.paragraph), ("Provision.item", provision.item),
             ("Provision.citation", provision.citation), ("Provision.status", provision.status),
             ("Comparison.html", course.law.compare(47).html)]
    kinds = {}
    for exercise in course.exercises.all_exercises():
        kinds.setdefault(type(exercise).__name__, exercise)
    for kind, exercise in sorted(kinds.items()):
        found.append((f"{kind}.check", exercise.check))
        if hasattr(exercise, "self_assess"):
            found.append((f"{kind}.self_assess", exercise.self_assess))
    return found


METHODS = _methods()


@pytest.mark.parametrize("name,method", METHODS, ids=[name for name, _ in METHODS])
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_methods_a_learner_calls_take_bad_arguments(name, method, data, language):
    _call(method, name, data)


@pytest.mark.parametrize("call,says", [
    (lambda: course.law.article("csl", "9" * 5000), "Art. 21"),
    (lambda: course.law.by_id(21), "text"),
    (lambda: course.law.count_word("csl", ""), "保存"),
    (lambda: course.law.status("csl", lang="fr"), "zh or en"),
    (lambda: course.exercises.lesson("99"), "00, 01"),
    (lambda: course.storage.to_bytes("5", "GB"), "number"),
    (lambda: course.storage.to_bytes(5, "TiBB"), "TiB"),
    (lambda: course.storage.encoded_size("微信", "ascii"), "no Chinese characters"),
    (lambda: course.storage.format_usd(float("nan")), "finite"),
    (lambda: course.widgets.explore(lesson="99"), "No such lesson"),
    (lambda: course.exercises.lesson("02").million_chars_mb.check(1, 2), "takes one answer"),
    (lambda: course.law.parsed("csl-2071"), "Did you mean"),
])
def test_the_issue_examples_say_what_is_wrong_in_english(call, says, language):
    language("en")
    with pytest.raises(CourseError) as caught:
        call()
    assert says in str(caught.value)


def test_messages_follow_the_notebook_language(language):
    language("zh")
    with pytest.raises(CourseError, match="ASCII 只有 128 个"):
        course.storage.encoded_size("微信", "ascii")
    with pytest.raises(CourseError, match="没有这个 课"):
        course.exercises.lesson(99)


def test_a_course_error_shows_in_ipython_as_its_message_without_a_traceback(capsys):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_cell("import course; course.set_language('en'); course.law.by_id(21)")
    shown = capsys.readouterr()
    text = shown.out + shown.err
    assert "id must be a text" in text
    assert "Traceback" not in text and "statutes.py" not in text
    shell.run_cell("1 / 0")          # any other error keeps its traceback
    assert "Traceback" in "".join(capsys.readouterr())

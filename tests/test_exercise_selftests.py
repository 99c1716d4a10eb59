"""Every exercise of every lesson tests itself; adding one without these checks fails here.

For each exercise: the model answer passes (an open answer is recorded as attempted, never
correct); every listed wrong answer fails (there is at least one); the placeholder ``...`` is
"not attempted"; an object that claims to equal everything fails; the prompt, hints and
solution exist in both languages. And the feedback teaches: at least two anticipated mistakes
(``data/mistakes.csv``), each judged wrong with its own explanation in both languages; every
wrong option of a choice question explained; no unit-slip message without a unit; open
questions never correct, whatever the input, and each with a rubric.
"""
import pytest

from course import exercises
from course.core.i18n import catalogue
from course.exercises import kinds

ALL = exercises.all_exercises()
IDS = [e.id for e in ALL]


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


def test_every_lesson_with_a_notebook_declares_exercises():
    from course.core.resources import notebooks_dir

    lessons_with_notebooks = {p.name[:2] for p in (notebooks_dir() / "zh").glob("*.ipynb")}
    assert lessons_with_notebooks <= set(exercises.lessons())


def test_ids_are_unique():
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_model_answer_passes(exercise):
    verdict = exercise.evaluate(exercise.model_answer())
    expected = "attempted" if exercise.open_ended else "correct"
    assert verdict.status == expected, verdict.message("en")
    assert verdict.mistake is None


@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_listed_wrong_answers_fail(exercise):
    assert exercise.wrong, f"{exercise.id} lists no wrong answers"
    for wrong in exercise.wrong:
        verdict = exercise.evaluate(wrong)
        assert verdict.status == "incorrect", f"{exercise.id}: {wrong!r} was judged {verdict.status}"
        assert verdict.message("zh") and verdict.message("en")


@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_placeholder_is_not_attempted(exercise):
    assert exercise.evaluate(...).status == "not_attempted"


@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_always_equal_object_fails(exercise):
    assert exercise.evaluate(AlwaysEqual()).status == "incorrect"


@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_texts_in_both_languages(exercise):
    for lang in ("zh", "en"):
        assert exercise.prompt.get(lang, "").strip(), f"{exercise.id}: no {lang} prompt"
        assert exercise.solution_text.get(lang, "").strip(), f"{exercise.id}: no {lang} solution"
        assert len(exercise.hints.get(lang, [])) == len(exercise.hints.get("zh", []))
    assert exercise.hints.get("zh"), f"{exercise.id} has no hints"


@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_answer_survives_the_trip_to_the_grader(exercise):
    import json

    data = json.loads(json.dumps(exercise.encode(exercise.model_answer())))
    # the grader judges exactly as the notebook does; free text is recorded, never "correct"
    assert exercise.judge_encoded(data).status == exercise.evaluate(exercise.model_answer()).status
    assert exercise.judge_encoded(data).status == ("attempted" if exercise.open_ended else "correct")


# --- anticipated mistakes -----------------------------------------------------------------

#: Every generic reason, in both languages: an anticipated mistake must say something else.
FALLBACKS = {entry[lang] for key, entry in catalogue().items() if key.startswith("ex.reason.")
             for lang in ("zh", "en")}


@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_at_least_two_anticipated_mistakes(exercise):
    assert len(exercise.anticipated) >= 2, f"{exercise.id} anticipates {len(exercise.anticipated)} mistakes"
    keys = [m.key for m in exercise.anticipated]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("exercise", ALL, ids=IDS)
def test_each_anticipated_mistake_is_wrong_and_explained_in_both_languages(exercise):
    for mistake in exercise.anticipated:
        verdict = exercise.evaluate(exercise.learner_form(mistake))
        assert verdict.status == "incorrect", f"{exercise.id} {mistake.key}: {verdict.status}"
        assert verdict.mistake == mistake.key, f"{exercise.id} {mistake.key}: matched {verdict.mistake}"
        for lang in ("zh", "en"):
            text = verdict.message(lang)
            assert text.strip() and text == mistake.text[lang]
            assert text not in FALLBACKS, f"{exercise.id} {mistake.key}: the generic message in {lang}"
        grader = exercise.judge_encoded(exercise.encode(exercise.learner_form(mistake)))
        assert grader.mistake == mistake.key  # what a grader can record


@pytest.mark.parametrize("exercise", [e for e in ALL if isinstance(e, kinds.Choice)],
                         ids=[e.id for e in ALL if isinstance(e, kinds.Choice)])
def test_every_wrong_option_has_its_own_explanation(exercise):
    explained = {m.answer for m in exercise.anticipated}
    missing = set(exercise.choices) - {exercise.answer} - explained
    assert not missing, f"{exercise.id}: no explanation for option(s) {sorted(missing)}"
    texts = [m.text["en"] for m in exercise.anticipated if m.answer in exercise.choices]
    assert len(texts) == len(set(texts)), f"{exercise.id}: two options share one explanation"


#: Numbers that are not data sizes (for a data size, a unit slip is a real mistake to name).
NUMBERS = [e for e in ALL if isinstance(e, kinds.Number) and not e.has_byte_unit and e.answer]


@pytest.mark.parametrize("exercise", NUMBERS, ids=[e.id for e in NUMBERS])
def test_no_unit_slip_message_without_a_data_unit(exercise):
    factors = [b ** p for b in (1000, 1024, 1.024) for p in (1, 2, 3, 4)]
    for factor in factors + [1 / f for f in factors] + [66 / 63, 63 / 66]:
        value = exercise.answer * factor
        value = round(value) if exercise.integer else value
        for verdict in (exercise.judge(value), exercise.evaluate(value)):   # with and without the table
            assert verdict.reason != "ex.reason.unit_slip", f"{exercise.id}: {value} called a unit slip"


def test_unit_slips_are_named_for_data_sizes():
    daily = exercises.get("02.daily_text_tb")
    assert daily.evaluate(daily.answer * 1024 ** 2).reason == "ex.reason.unit_slip"
    assert exercises.get("08.evidence_article_now").evaluate(63).mistake == "old_number"


# --- open questions -------------------------------------------------------------------------

OPEN = [e for e in ALL if e.open_ended]
NONSENSE = ["我今天中午吃了很多好吃的苹果和香蕉", "blah blah " * 30, "asdfghjkl " * 50,
            "The weather is lovely today and I would like some pizza with extra cheese."]


@pytest.mark.parametrize("exercise", OPEN, ids=[e.id for e in OPEN])
def test_an_open_answer_is_never_correct(exercise):
    answers = NONSENSE + [exercise.solution_text["zh"], exercise.solution_text["en"],
                          exercise.solution_text["zh"] * 3, "x" * 5000]
    answers += [m.answer for m in exercise.anticipated]
    for answer in answers:
        assert exercise.evaluate(answer).status != "correct", (exercise.id, answer[:40])
        assert exercise.check(answer).tone != "correct", (exercise.id, answer[:40])
    exercise.self_assess([1])
    assert exercises.progress.latest()[exercise.id] == "self_assessed"


@pytest.mark.parametrize("exercise", OPEN, ids=[e.id for e in OPEN])
def test_an_open_question_has_a_rubric_its_model_answers_touch_and_nonsense_does_not(exercise):
    assert 2 <= len(exercise.rubric) <= 4, f"{exercise.id} has {len(exercise.rubric)} rubric points"
    assert [p.number for p in exercise.rubric] == list(range(1, len(exercise.rubric) + 1))
    for point in exercise.rubric:
        assert point.text["zh"].strip() and point.text["en"].strip() and point.keywords
    everything = tuple(p.number for p in exercise.rubric)
    assert exercise.touched(exercise.solution_text["zh"]) == everything
    assert exercise.touched(exercise.solution_text["en"]) == everything
    for junk in NONSENSE:
        assert exercise.touched(junk) == (), (exercise.id, junk[:30])

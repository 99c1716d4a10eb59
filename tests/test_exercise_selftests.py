"""Every exercise of every lesson tests itself; adding one without these checks fails here.

For each exercise: the model answer passes; every listed wrong answer fails (there is at
least one); the placeholder ``...`` is "not attempted"; an object that claims to equal
everything fails; the prompt, hints and solution exist in both languages.
"""
import pytest

from course import exercises

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
    assert verdict.status == "correct", verdict.message("en")


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
    assert exercise.judge_encoded(data).status == "correct"

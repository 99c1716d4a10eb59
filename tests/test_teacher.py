"""The teacher's toolkit: answer-free lessons, the answer key, student copies, ``course grade``."""
import json
import sys
import types

import nbformat
import pytest

from course import cli, exercises
from course.core import errors, i18n
from course.exercises import Function
from course.teacher import assignment, notebooks, release

LANGS = ("zh", "en")
LESSONS = sorted(set(assignment.lesson_notebooks("zh")) & set(assignment.lesson_notebooks("en")))
CASES = [(lesson, lang) for lesson in LESSONS for lang in LANGS]


def _read(path):
    return nbformat.read(path, as_version=4)


# -- the lessons in notebooks/ hold no answers ------------------------------------------

@pytest.mark.parametrize("lesson,lang", CASES)
def test_every_answer_cell_assigns_exactly_the_placeholder(lesson, lang):
    nb = _read(assignment.lesson_notebooks(lang)[lesson])
    for exercise in assignment.lesson_exercises(lesson):
        index = notebooks.find_answer_cell(nb, exercise.name)
        assert index is not None, f"{exercise.id}: no answer cell in {lang}"
        source = nb.cells[index].source
        if exercise.kind == "function" and notebooks.split_stub(source, exercise.name):
            assert release._is_blank_answer(source, exercise), exercise.id
        else:
            assert notebooks.placeholder_line(source, exercise.name) is not None, exercise.id
            assigned = [line for line in notebooks._code_lines(source) if line.lstrip().startswith(exercise.name)]
            assert [line.split("=", 1)[1].strip() for line in assigned] == ["..."], exercise.id


@pytest.mark.parametrize("lesson,lang", CASES)
def test_no_model_answer_appears_in_any_code_cell(lesson, lang):
    nb = _read(assignment.lesson_notebooks(lang)[lesson])
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    for exercise in assignment.lesson_exercises(lesson):
        with i18n.language(lang):
            answer = exercise.answer_source().strip()
        if len(answer) > 3:
            assert answer not in code, exercise.id
    assert release.answers_in(nb, lesson, lang) == []


def test_answers_in_spots_a_filled_answer():
    path = assignment.lesson_notebooks("en")["00"]
    nb = release.key_notebook(path, "00", "en")
    assert set(release.answers_in(nb, "00", "en")) == {e.id for e in exercises.lesson("00")}


# -- the answer key ------------------------------------------------------------------------

@pytest.mark.parametrize("lesson,lang", CASES)
def test_key_fills_every_answer_and_adds_the_solution(lesson, lang):
    nb = release.key_notebook(assignment.lesson_notebooks(lang)[lesson], lesson, lang)
    for exercise in assignment.lesson_exercises(lesson):
        index = notebooks.find_answer_cell(nb, exercise.name)
        source = nb.cells[index].source
        compile(source, exercise.id, "exec")
        assert notebooks.placeholder_line(source, exercise.name) is None
        assert release.answer_code(exercise, lang) in source
        note = nb.cells[index + 1]
        assert note.cell_type == "markdown" and exercise.id in note.source
        assert exercise.solution_text[lang] in note.source


def _execute(nb, folder):
    from notebook_kernels import execute

    execute(nb, folder)
    return nb


def _statuses(cell):
    html = "".join(out.get("data", {}).get("text/html", "") for out in cell.get("outputs", []))
    return [s for s in ("correct", "incorrect", "not_attempted", "attempted") if f'data-status="{s}"' in html]


@pytest.mark.slow
@pytest.mark.notebooks
@pytest.mark.parametrize("lesson,lang", CASES)
def test_key_notebook_runs_and_every_check_says_correct(lesson, lang, tmp_path):
    assert cli.main(["key", str(tmp_path / "key"), "--lang", lang, "--lessons", lesson]) == 0
    path = tmp_path / "key" / assignment.lesson_notebooks(lang)[lesson].name
    nb = _execute(_read(path), tmp_path)
    for exercise in assignment.lesson_exercises(lesson):
        cell = nb.cells[notebooks.find_answer_cell(nb, exercise.name)]
        expected = "attempted" if exercise.open_ended else "correct"  # free text is never marked right
        assert _statuses(cell) == [expected], (exercise.id, cell.outputs)


def test_key_of_a_function_exercise(language):
    """A function exercise's stub is replaced by the reference, renamed and with its modules."""
    import math

    def reference(chars, bytes_per_char=3):
        """Size in MB."""
        return round(math.ceil(chars * bytes_per_char) / 1_000_000, 2)

    exercise = Function(name="size_mb", lesson="02", reference=reference,
                        cases=[((1_000_000,), 3.0), ((500_000, 2), 1.0)],
                        prompt={"zh": "写函数", "en": "Write a function"}, solution={"zh": "见上", "en": "see above"})
    stub = 'def size_mb(chars, bytes_per_char=3):\n    # your code here\n    ...\n\nex.size_mb.check(size_mb)'
    empty = {}
    exec(stub.replace("ex.size_mb.check(size_mb)", ""), empty)
    assert exercise.evaluate(empty["size_mb"]).status == "not_attempted"
    assert notebooks.split_stub(stub, "size_mb")[0][-1] == "    ..."
    filled = release.fill_answer(stub, exercise, "en")
    assert "def size_mb(" in filled and "import math" in filled and filled.endswith("ex.size_mb.check(size_mb)")
    namespace = {}
    exec(filled.replace("ex.size_mb.check(size_mb)", ""), namespace)
    assert exercise.evaluate(namespace["size_mb"]).status == "correct"


def test_a_reference_that_cannot_be_shown_falls_back_to_the_engine():
    exercise = Function(name="double", lesson="02", reference=lambda x: 2 * x, cases=[(1, 2)],
                        prompt={"zh": "x", "en": "x"}, solution={"zh": "x", "en": "x"})
    assert release.answer_code(exercise, "en") == "double = course.exercises.get('02.double').model_answer()"


# -- student copies ----------------------------------------------------------------------

def test_release_of_a_subset(tmp_path):
    first, *rest = exercises.lesson("00")
    out = tmp_path / "class"
    assert cli.main(["release", str(out), "--lang", "zh", "--exercises", first.id]) == 0
    notebook = assignment.lesson_notebooks("zh")["00"].name
    assert sorted(p.name for p in out.iterdir()) == sorted([notebook, assignment.MANIFEST])
    nb = _read(out / notebook)
    assert assignment.assigned_exercises(nb) == [first.id]
    assert nb.metadata["course"]["not_assigned"] == [e.id for e in rest]
    assert notebooks.find_answer_cell(nb, first.name) is not None
    for exercise in rest:
        assert notebooks.find_answer_cell(nb, exercise.name) is None
        assert notebooks.find_question_cell(nb, exercise.name) is None
        marks = [c for c in nb.cells if c.metadata.get("course", {}).get("not_assigned") == exercise.id]
        assert len(marks) == 1 and exercise.id in marks[0].source
    assert release.answers_in(nb, "00", "zh") == []
    manifest = json.loads((out / assignment.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["lang"] == "zh"
    assert manifest["lessons"] == {"00": {"notebook": notebook, "exercises": [first.id], "points": first.points}}


@pytest.mark.parametrize("lang", LANGS)
def test_release_of_whole_lessons_is_answer_free_and_keeps_every_exercise(tmp_path, lang):
    assert cli.main(["release", str(tmp_path), "--lang", lang, "--lessons", ",".join(LESSONS)]) == 0
    for lesson in LESSONS:
        nb = _read(tmp_path / assignment.lesson_notebooks(lang)[lesson].name)
        assert assignment.assigned_exercises(nb) == [e.id for e in assignment.lesson_exercises(lesson)]
        assert release.answers_in(nb, lesson, lang) == []
        original = _read(assignment.lesson_notebooks(lang)[lesson])
        assert [c.source for c in nb.cells] == [c.source for c in original.cells]


@pytest.mark.slow
@pytest.mark.notebooks
def test_released_subset_runs_and_the_assigned_exercise_is_not_attempted(tmp_path):
    first = next(iter(exercises.lesson("00")))
    assert cli.main(["release", str(tmp_path), "--lang", "en", "--exercises", first.id]) == 0
    nb = _execute(_read(tmp_path / assignment.lesson_notebooks("en")["00"].name), tmp_path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert _statuses(nb.cells[notebooks.find_answer_cell(nb, first.name)]) == ["not_attempted"]


def test_release_refuses_to_overwrite_an_edited_file(tmp_path, capsys):
    args = ["release", str(tmp_path), "--lessons", "00", "--lang", "en"]
    assert cli.main(args) == 0
    assert cli.main(args) == 0  # same content: nothing to refuse
    target = tmp_path / assignment.lesson_notebooks("en")["00"].name
    released = target.read_text(encoding="utf-8")
    target.write_text(released.replace("Start here", "Start here (edited)"), encoding="utf-8")
    manifest = (tmp_path / assignment.MANIFEST).read_text(encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["release", str(tmp_path), "--lessons", "00", "--lang", "en", "--exercises", "00.log_item"]) == 2
    err = capsys.readouterr().err
    assert str(target) in err and "--force" in err
    assert "(edited)" in target.read_text(encoding="utf-8")
    assert (tmp_path / assignment.MANIFEST).read_text(encoding="utf-8") == manifest  # nothing written at all
    assert cli.main(args + ["--force"]) == 0
    assert target.read_text(encoding="utf-8") == released


@pytest.mark.parametrize("argv", [
    ["--lessons", "42"],
    ["--lessons", "two"],
    ["--exercises", "00.no_such_exercise"],
    ["--exercises", "zz"],
    ["--lessons", "06", "--exercises", "00.log_item"],
])
def test_bad_choices_are_refused_and_nothing_is_written(tmp_path, capsys, argv):
    assert cli.main(["release", str(tmp_path / "out"), "--lang", "en", *argv]) == 2
    assert capsys.readouterr().err.strip()
    assert not (tmp_path / "out").exists()


def test_parse_lessons():
    assert assignment.parse_lessons("2,0，02") == ["00", "02"]
    with pytest.raises(errors.TeacherError):
        assignment.parse_lessons("02-too-much-data")


def test_assigned_exercises_of_a_plain_notebook_is_none():
    assert assignment.assigned_exercises(_read(assignment.lesson_notebooks("en")["00"])) is None


# -- course grade -------------------------------------------------------------------------

def test_help_does_not_load_grading(monkeypatch):
    monkeypatch.delitem(sys.modules, "course.teacher.grading", raising=False)
    parser = cli.build_parser()
    assert "grade" in parser.format_help()
    parser.parse_args(["key", "out"])
    assert "course.teacher.grading" not in sys.modules


def test_grade_hands_over_to_the_grading_module(monkeypatch):
    seen = {}

    def run(args):
        seen.update(vars(args))
        return 7

    fake = types.ModuleType("course.teacher.grading")
    fake.run = run
    monkeypatch.setitem(sys.modules, "course.teacher.grading", fake)
    assert cli.main(["grade", "--out", "x.csv", "folder"]) == 7
    assert seen["submissions"] == "folder" and seen["out"] == "x.csv" and seen["lang"] in LANGS


def test_a_command_whose_tool_is_not_installed_says_how_to_install_it(monkeypatch, capsys):
    def import_module(name):
        raise ModuleNotFoundError("No module named 'nbformat'", name="nbformat")

    monkeypatch.setattr(cli.importlib, "import_module", import_module)
    assert cli.main(["nbgrader", "out", "--lesson", "00", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "nbformat" in err and "[teacher]" in err and "Traceback" not in err


# -- the teacher guide ----------------------------------------------------------------------

GUIDES = {"zh": "docs/teacher-guide.md", "en": "docs/teacher-guide.en.md"}


@pytest.mark.parametrize("lang", LANGS)
def test_guide_has_a_plan_for_every_lesson_and_names_every_exercise(lang):
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / GUIDES[lang]).read_text(encoding="utf-8")
    for number in range(10):
        assert f"\n### {number:02d} " in text, number
    missing = [e.id for e in exercises.all_exercises() if f"`{e.id}`" not in text]
    assert missing == []
    for command in ("course release", "course key", "course grade", "course nbgrader", "--force"):
        assert command in text


# -- course book ----------------------------------------------------------------------------

def test_book_pages_have_no_script_and_widgets_become_a_note(tmp_path):
    from course.teacher import book

    files = book.build(tmp_path, ("en",), ["00"])
    page = files[tmp_path / "en" / "00-start-here.html"]
    assert "<script" not in page.lower() and 'lang="en"' in page and "../index.html" in page
    assert 'href="en/00-start-here.html"' in files[tmp_path / "index.html"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "w", outputs=[nbformat.v4.new_output("display_data", data={book.WIDGET: {"model_id": "x"}})])])
    book.without_widgets(nb, "zh")
    assert "内核" in nb.cells[0].outputs[0]["data"]["text/plain"]


def test_book_refuses_an_unknown_lesson(tmp_path, capsys):
    assert cli.main(["book", str(tmp_path / "b"), "--lessons", "42", "--lang", "en"]) == 2
    assert "42" in capsys.readouterr().err and not (tmp_path / "b").exists()

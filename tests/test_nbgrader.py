"""``course nbgrader`` writes an assignment that the real nbgrader releases and grades correctly.

The slow test runs nbgrader itself (``generate_assignment``, then ``autograde`` of one
right and one wrong submission) and reads the scores from nbgrader's gradebook.
"""
import csv
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from notebook_kernels import config_lines

from course import cli, exercises
from course.teacher import assignment, release
from course.teacher import nbgrader as nbgrader_export

LESSON, ASSIGNMENT = "00", "lesson00"


def _selection(lang="en"):
    return assignment.select(lang, LESSON)


def _source(lang="en"):
    selection = _selection(lang)
    return nbgrader_export.source_notebook(selection.notebooks[LESSON], LESSON, selection)


def _meta(cell):
    return cell.metadata.get("nbgrader", {})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_exercise_has_a_solution_cell_and_auto_ones_a_hidden_test(lang):
    nb = _source(lang)
    by_id = {_meta(c)["grade_id"]: (i, c) for i, c in enumerate(nb.cells) if _meta(c)}
    for exercise in exercises.lesson(LESSON):
        index, cell = by_id[f"answer_{exercise.name}"]
        meta = _meta(cell)
        assert meta["solution"] is True and meta["locked"] is False and meta["schema_version"] == 3
        assert nbgrader_export.BEGIN_SOLUTION in cell.source and nbgrader_export.END_SOLUTION in cell.source
        if exercise.kind == "open":
            assert meta["grade"] is True and meta["points"] == exercise.points
            assert f"test_{exercise.name}" not in by_id
            continue
        assert meta["grade"] is False
        test_index, test = by_id[f"test_{exercise.name}"]
        assert test_index == index + 1
        assert _meta(test)["grade"] is True and _meta(test)["locked"] is True
        assert _meta(test)["points"] == exercise.points
        hidden = test.source.split(nbgrader_export.BEGIN_HIDDEN)[1].split(nbgrader_export.END_HIDDEN)[0]
        assert f"course.exercises.get({exercise.id!r}).evaluate({exercise.name})" in hidden


def test_grade_ids_are_unique():
    ids = [_meta(c)["grade_id"] for c in _source().cells if _meta(c)]
    assert len(ids) == len(set(ids))


def test_the_solution_between_the_markers_passes_the_hidden_test():
    nb = _source()
    namespace = {}
    for cell in nb.cells:
        meta = _meta(cell)
        if meta.get("solution"):
            body = cell.source.split(nbgrader_export.BEGIN_SOLUTION)[1].split(nbgrader_export.END_SOLUTION)[0]
            exec(body, namespace)
        elif meta.get("grade"):
            exec(cell.source, namespace)  # raises AssertionError if the model answer did not pass
    assert set(exercises.lesson(LESSON).names()) <= set(namespace)


def test_command_writes_layout_keeps_config_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "course"
    assert cli.main(["nbgrader", str(out), "--lesson", "0", "--lang", "zh"]) == 0
    notebook = out / "source" / ASSIGNMENT / assignment.lesson_notebooks("zh")[LESSON].name
    assert notebook.is_file()
    config = out / "nbgrader_config.py"
    assert "c.CourseDirectory.course_id" in config.read_text(encoding="utf-8")
    config.write_text("c = get_config()\n# mine\n", encoding="utf-8")
    original = notebook.read_text(encoding="utf-8")
    notebook.write_text(original.replace("### END SOLUTION", "### END SOLUTION\n# edited"), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["nbgrader", str(out), "--lesson", "0", "--lang", "zh"]) == 2
    assert "--force" in capsys.readouterr().err
    assert "# edited" in notebook.read_text(encoding="utf-8")
    assert cli.main(["nbgrader", str(out), "--lesson", "0", "--lang", "zh", "--force"]) == 0
    assert notebook.read_text(encoding="utf-8") == original
    assert config.read_text(encoding="utf-8") == "c = get_config()\n# mine\n"


def test_exercise_subset_leaves_the_others_out():
    selection = assignment.select("en", LESSON, "00.log_item")
    nb = nbgrader_export.source_notebook(selection.notebooks[LESSON], LESSON, selection)
    grade_ids = {_meta(c)["grade_id"] for c in nb.cells if _meta(c)}
    assert grade_ids == {"answer_log_item", "test_log_item"}


def test_one_lesson_only(capsys, tmp_path):
    assert cli.main(["nbgrader", str(tmp_path), "--lesson", "00,06"]) == 2
    assert not any(tmp_path.iterdir())


# -- the real nbgrader ----------------------------------------------------------------

def _nbgrader(course_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    # nbgrader runs the ``alembic`` script of its own environment to set up the gradebook
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course_dir, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def _submit(course_dir: Path, student: str, notebook: str, answers: dict[str, str]) -> None:
    """Copy the release into submitted/<student>/ with ``answers`` ({name: source}) in place of the stubs."""
    nb = nbformat.read(course_dir / "release" / ASSIGNMENT / notebook, as_version=4)
    for cell in nb.cells:
        grade_id = _meta(cell).get("grade_id", "")
        name = grade_id.removeprefix("answer_")
        if grade_id.startswith("answer_") and name in answers:
            assert "raise NotImplementedError()" in cell.source
            cell.source = cell.source.replace("# YOUR CODE HERE\nraise NotImplementedError()",
                                              f"{name} = {answers[name]}")
    target = course_dir / "submitted" / student / ASSIGNMENT
    target.mkdir(parents=True)
    nbformat.write(nb, target / notebook)
    (target / "timestamp.txt").write_text("2026-03-01 10:00:00.000000 UTC\n", encoding="utf-8")


@pytest.mark.slow
def test_real_nbgrader_grades_right_and_wrong_submissions(tmp_path):
    course_dir = tmp_path / "course"
    assert cli.main(["nbgrader", str(course_dir), "--lesson", LESSON, "--lang", "en"]) == 0
    with (course_dir / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(config_lines())  # autograde's kernels on IPC: no port race on a busy machine
    _nbgrader(course_dir, "generate_assignment", ASSIGNMENT, "--force")
    notebook = assignment.lesson_notebooks("en")[LESSON].name
    released = (course_dir / "release" / ASSIGNMENT / notebook).read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in released and "BEGIN SOLUTION" not in released

    auto = [e for e in exercises.lesson(LESSON) if e.kind != "open"]
    manual = [e for e in exercises.lesson(LESSON) if e.kind == "open"]
    kept_right = auto[0]
    right = {e.name: release.answer_code(e, "en").split(" = ", 1)[1] for e in auto}
    right.update({e.name: repr("The primary text shows the wording, the version and the dates.")
                  for e in manual})
    wrong = {e.name: (right[e.name] if e is kept_right else repr(e.wrong[0])) for e in auto}
    _submit(course_dir, "alice", notebook, right)
    _submit(course_dir, "bob", notebook, wrong)
    _nbgrader(course_dir, "autograde", ASSIGNMENT, "--create", "--force")

    from nbgrader.api import Gradebook

    stem = Path(notebook).stem
    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gradebook:
        def grade(cell_id, student):
            found = gradebook.find_grade(cell_id, stem, ASSIGNMENT, student)
            return found.auto_score, found.max_score, found.needs_manual_grade

        for e in auto:
            assert grade(f"test_{e.name}", "alice") == (e.points, e.points, False)
            expected = e.points if e is kept_right else 0
            assert grade(f"test_{e.name}", "bob") == (expected, e.points, False), e.id
        for e in manual:
            assert grade(f"answer_{e.name}", "alice")[2] is True  # left to the teacher
            assert grade(f"answer_{e.name}", "bob")[:2] == (0, e.points)  # untouched: 0

    _nbgrader(course_dir, "export", "--to", str(course_dir / "grades.csv"))
    with (course_dir / "grades.csv").open(encoding="utf-8") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    total = sum(e.points for e in exercises.lesson(LESSON))
    assert float(rows["alice"]["raw_score"]) == sum(e.points for e in auto)
    assert float(rows["bob"]["raw_score"]) == kept_right.points
    assert float(rows["alice"]["max_score"]) == float(rows["bob"]["max_score"]) == total

"""Grading a class: the grade table, reruns, an interrupted run, the command line."""
from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from grading_fixtures.submissions import insert_after, model_answers, submission, write, wrong_answers

import course
from course.teacher import grading, sandbox

LESSON = "00"
TIMEOUT = 5.0
REPO = Path(__file__).resolve().parents[1]


def grade(folder, out, **options):
    options = {"jobs": 2, "cell_timeout": TIMEOUT, "lang": "en", "progress": False, **options}
    return grading.grade_folder(folder, out, **options)


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def small_class(tmp_path):
    """right (zh), right (en), blank, half wrong."""
    subs = tmp_path / "subs"
    write(submission(LESSON, model_answers(LESSON)), subs / "alice.ipynb")
    write(submission(LESSON, model_answers(LESSON), lang="en"), subs / "bob.ipynb")
    write(submission(LESSON), subs / "carol.ipynb")
    mixed = {**model_answers(LESSON), "log_item": "2", "csl_version_today": "2017"}
    write(submission(LESSON, mixed), subs / "dan.ipynb")
    return subs


def test_grade_table_has_a_row_per_submission_and_a_column_per_exercise(small_class, tmp_path):
    frame = grade(small_class, tmp_path / "out" / "grades.csv").set_index("file")
    ids = [f"{LESSON}.{name}" for name in model_answers(LESSON)]
    assert list(frame.columns) == ["sha256", "lesson", *ids, *grading.TAIL]
    assert frame["total"].to_dict() == {"alice.ipynb": 5, "bob.ipynb": 5, "carol.ipynb": 0, "dan.ipynb": 3}
    assert set(frame["max"]) == {5} and set(frame["status"]) == {"ok"}
    assert frame.loc["dan.ipynb", [f"{LESSON}.log_item", f"{LESSON}.csl_version_today"]].tolist() == [0, 0]
    assert (frame["lesson"] == LESSON).all()


def test_details_give_status_and_reason_per_exercise(small_class, tmp_path):
    grade(small_class, tmp_path / "grades.csv")
    details = pd.read_csv(tmp_path / "grades.details.csv", dtype=str, keep_default_na=False)
    assert list(details.columns) == grading.DETAIL_COLUMNS
    carol = details[details["file"] == "carol.ipynb"]
    assert set(carol["status"]) == {"not_attempted"}
    dan = details[(details["file"] == "dan.ipynb") & (details["exercise"] == "00.log_item")].iloc[0]
    assert (dan["status"], dan["points"]) == ("incorrect", "0")
    assert dan["reason"] == course.t("ex.reason.too_low", "en")


def test_messages_follow_the_teachers_language(tmp_path):
    subs = tmp_path / "subs"
    write(insert_after(submission(LESSON, model_answers(LESSON)), "log_item", "1 / 0"), subs / "a.ipynb")
    zh = grade(subs, tmp_path / "zh.csv", lang="zh").iloc[0]["detail"]
    en = grade(subs, tmp_path / "en.csv", lang="en").iloc[0]["detail"]
    assert "ZeroDivisionError" in zh and "ZeroDivisionError" in en
    assert "代码单元" in zh and "code cell" in en


def test_magics_and_shell_commands_do_not_break_a_notebook(tmp_path):
    nb = submission(LESSON, model_answers(LESSON))
    nb.cells.insert(1, nbformat.v4.new_code_cell("%matplotlib inline\n!echo hello"))
    answer = model_answers(LESSON)["log_item"]
    nb = insert_after(nb, "log_item", f"%%time\nlog_item = {answer}")
    write(nb, tmp_path / "subs" / "magic.ipynb")
    row = grade(tmp_path / "subs", tmp_path / "grades.csv").iloc[0]
    assert (row["status"], row["total"]) == ("ok", 5)


def test_lesson_is_read_from_the_notebook_or_given(tmp_path):
    nb = submission(LESSON, model_answers(LESSON))
    first = next(c for c in nb.cells if c.cell_type == "code")
    first.source = "import course\nex = course.exercises.lesson('00')\nex_ = 1"
    write(nb, tmp_path / "subs" / "found.ipynb")
    lost = submission(LESSON, model_answers(LESSON))
    first = next(c for c in lost.cells if c.cell_type == "code")
    first.source = "import course\nex = getattr(course.exercises, 'lesson')('0' + '0')"
    write(lost, tmp_path / "subs" / "lost.ipynb")
    elsewhere = submission(LESSON)
    next(c for c in elsewhere.cells if c.cell_type == "code").source = "ex = course.exercises.lesson(42)"
    write(elsewhere, tmp_path / "subs" / "unknown.ipynb")

    frame = grade(tmp_path / "subs", tmp_path / "a.csv").set_index("file")
    assert frame.loc["found.ipynb", ["status", "total"]].tolist() == ["ok", 5]
    assert frame.loc["lost.ipynb", ["status", "total"]].tolist() == ["no_lesson", 0]
    assert "--lesson" in frame.loc["lost.ipynb", "detail"]
    assert frame.loc["unknown.ipynb", "status"] == "no_lesson"
    assert "lesson 42" in frame.loc["unknown.ipynb", "detail"]

    frame = grade(tmp_path / "subs", tmp_path / "b.csv", lesson="0").set_index("file")
    assert frame.loc[["found.ipynb", "lost.ipynb"], "total"].tolist() == [5, 5]


def test_unknown_lesson_and_missing_folder_are_errors(tmp_path):
    with pytest.raises(grading.GradingError, match="lesson 42"):
        grade(tmp_path, tmp_path / "g.csv", lesson="42")
    with pytest.raises(grading.GradingError, match="not a folder"):
        grade(tmp_path / "nowhere", tmp_path / "g.csv")


def test_a_rerun_grades_only_what_is_missing_or_changed(small_class, tmp_path):
    out = tmp_path / "grades.csv"
    grade(small_class, out)
    first = read_rows(out)
    stream = io.StringIO()
    grade(small_class, out, progress=stream)
    assert read_rows(out) == first
    assert stream.getvalue() == ""

    write(submission(LESSON, wrong_answers(LESSON)), small_class / "carol.ipynb")
    write(submission(LESSON, model_answers(LESSON)), small_class / "erin.ipynb")
    stream = io.StringIO()
    frame = grade(small_class, out, progress=stream)
    graded = sorted(line.split("]")[1].split(":")[0].strip() for line in stream.getvalue().splitlines())
    assert graded == ["carol.ipynb", "erin.ipynb"]
    assert len(frame) == 6  # the old row of carol's first file is kept
    unchanged = {(r["file"], r["graded_at"]) for r in first if r["file"] != "carol.ipynb"}
    assert unchanged <= {(r["file"], r["graded_at"]) for r in read_rows(out)}


def test_output_file_in_the_submissions_folder_is_not_a_submission(small_class):
    frame = grade(small_class, small_class / "grades.csv")
    assert sorted(frame["file"]) == ["alice.ipynb", "bob.ipynb", "carol.ipynb", "dan.ipynb"]


def test_a_torn_last_line_is_dropped_and_regraded(small_class, tmp_path):
    out = tmp_path / "grades.csv"
    grade(small_class, out)
    text = out.read_text(encoding="utf-8")
    out.write_text(text[: text.rindex("dan.ipynb") + 30], encoding="utf-8")  # killed mid-write
    frame = grade(small_class, out)
    assert sorted(frame["file"]) == ["alice.ipynb", "bob.ipynb", "carol.ipynb", "dan.ipynb"]
    assert frame.set_index("file").loc["dan.ipynb", "total"] == 3


def test_kill_9_loses_nothing_finished_and_a_rerun_completes_the_rest(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out" / "grades.csv"
    slow = insert_after(submission(LESSON, model_answers(LESSON)), "log_item", "import time\ntime.sleep(0.6)")
    names = [f"student{i:02d}.ipynb" for i in range(8)]
    for name in names:
        write(slow, subs / name)
    command = [sys.executable, "-m", "course", "grade", str(subs), "--out", str(out),
               "--jobs", "1", "--timeout", str(TIMEOUT), "--lang", "en"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if out.exists() and len(read_rows(out)) >= 2:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the run finished before it could be interrupted"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    finished = read_rows(out)
    assert 2 <= len(finished) < len(names)
    assert all(r["status"] == "ok" and r["total"] == "5" for r in finished)

    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    graded_again = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(graded_again) == len(names) - len(finished)
    rows = read_rows(out)
    assert sorted(r["file"] for r in rows) == names
    assert {(r["file"], r["graded_at"]) for r in finished} <= {(r["file"], r["graded_at"]) for r in rows}
    assert all(r["total"] == "5" for r in rows)


def test_command_line_writes_the_table_and_reports_progress(small_class, tmp_path):
    out = tmp_path / "grades.csv"
    result = subprocess.run([sys.executable, "-m", "course", "grade", str(small_class), "--out", str(out),
                             "--lesson", "00", "--jobs", "2", "--timeout", "5", "--lang", "en"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "4 submissions" in result.stdout and "ok 4" in result.stdout
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(progress) == 4 and progress[-1].startswith("[4/4]")
    assert {r["file"]: r["total"] for r in read_rows(out)}["dan.ipynb"] == "3"


def test_command_line_refuses_a_missing_folder(tmp_path, capsys):
    from course import cli

    assert cli.main(["grade", str(tmp_path / "nowhere"), "--out", str(tmp_path / "g.csv"), "--lang", "en"]) == 2
    assert "nowhere" in capsys.readouterr().err
    assert not (tmp_path / "g.csv").exists()


def test_the_grade_command_has_the_grade_options():
    from course import cli

    args = cli.build_parser().parse_args(["grade", "subs", "--out", "g.csv", "--lesson", "02", "--jobs", "3",
                                          "--timeout", "7", "--lang", "zh"])
    assert (args.submissions, args.out, args.lesson, args.jobs, args.timeout, args.lang) == \
        ("subs", "g.csv", "02", 3, 7.0, "zh")
    assert cli.handler(args.handler) is grading.run


def test_progress_bar_redraws_in_place_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    bar = grading.ProgressBar(4, "en", stream, width=8)
    for name in "abcd":
        bar.update(f"{name}.ipynb", "ok", 1, 1)
    text = stream.getvalue()
    assert text.count("\r") == 4 and text.endswith("\n")
    assert "[####....] 2/4 b.ipynb" in text and "[########] 4/4 d.ipynb" in text


@pytest.mark.parametrize("outcome, status", [
    (sandbox.Outcome("a", 3, finished=True), "ok"),
    (sandbox.Outcome("a", 3, finished=True, errors=[(1, "E")]), "error"),
    (sandbox.Outcome("a", 3, finished=True, errors=[(1, "E")], timeouts=[2]), "timeout"),
    (sandbox.Outcome("a", 3, killed=True), "timeout"),
    (sandbox.Outcome("a", 3, exit_code=3), "exit"),
])
def test_status_of_an_outcome(outcome, status):
    assert grading.status_of(outcome) == status


def test_malformed_answer_data_is_judged_incorrect_not_a_crash():
    exercises = list(course.exercises.lesson(LESSON))
    results = grading.judge_answers({"log_item": {"t": "list", "v": 5},
                                     "csl_articles_2017": ["not", "a", "dict"]}, exercises, "en")
    by_name = {r["exercise"].split(".")[1]: r["status"] for r in results}
    assert by_name["log_item"] == by_name["csl_articles_2017"] == "incorrect"
    assert by_name["why_primary"] == "missing"


def test_a_function_answer_is_run_on_its_cases_in_the_child_and_judged_here():
    from course.exercises import Function

    double = Function(name="double", lesson="00", reference=lambda x: 2 * x, cases=[(1, 2), (3, 6)],
                      prompt={"zh": "", "en": ""}, solution={"zh": "", "en": ""})
    tasks = [sandbox.Task("right", ["def double(x):\n    return x + x"], [double]),
             sandbox.Task("stub", ["def double(x):\n    ..."], [double]),
             sandbox.Task("wrong", ["def double(x):\n    return x * x"], [double])]
    outcomes = {o.key: o for o in sandbox.run_many(tasks, sandbox.Limits(cell_timeout=TIMEOUT), jobs=2)}
    verdicts = {key: double.judge_encoded(o.answers["double"]).status for key, o in outcomes.items()}
    assert verdicts == {"right": "correct", "stub": "not_attempted", "wrong": "incorrect"}


def test_only_assigned_exercises_are_graded(small_class, tmp_path):
    import argparse

    from course.teacher import assignment, release

    released = tmp_path / "released"
    release.cmd_release(argparse.Namespace(out=str(released), lang="zh", lessons=LESSON,
                                           exercises=f"{LESSON}.log_item,{LESSON}.iism14_paragraphs",
                                           force=False))
    frame = grade(small_class, tmp_path / "assigned.csv",
                  assignment=released / assignment.MANIFEST).set_index("file")
    assert list(frame.columns) == ["sha256", "lesson", f"{LESSON}.log_item", f"{LESSON}.iism14_paragraphs",
                                   *grading.TAIL]
    assert frame["max"].tolist() == [2, 2, 2, 2]
    assert frame.loc["dan.ipynb", "total"] == 1


def test_a_bad_assignment_file_is_a_clear_error(small_class, tmp_path):
    bad = tmp_path / "assignment.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(grading.GradingError, match="assignment.json"):
        grade(small_class, tmp_path / "x.csv", assignment=bad)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_answer_key_of_every_lesson_gets_full_marks(tmp_path, lang):
    """Every lesson runs in the isolated grader as it does in JupyterLab, and its key is right."""
    import argparse

    from course import exercises
    from course.teacher import release

    key = tmp_path / "key"
    release.cmd_key(argparse.Namespace(out=str(key), lang=lang, lessons=None, force=False))
    frame = grade(key, tmp_path / "grades.csv", cell_timeout=60)
    assert len(frame) == len(exercises.lessons())
    assert frame["detail"].isna().all(), frame["detail"].dropna().tolist()
    assert set(frame["status"]) == {"ok"}
    assert (frame["total"] == frame["max"]).all(), frame[["file", "total", "max"]].to_string()

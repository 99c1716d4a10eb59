"""Grading a class: the grade table, reruns, an interrupted run, the command line."""
from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from grading_fixtures.submissions import insert_after, machine_points, model_answers, submission, write, wrong_answers

import course
from course.teacher import grading, sandbox

LESSON = "00"
FULL = machine_points(LESSON)  # the free-text answer is left for the teacher
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
    assert frame["total"].to_dict() == {"alice.ipynb": FULL, "bob.ipynb": FULL, "carol.ipynb": 0, "dan.ipynb": FULL - 2}
    assert set(frame["max"]) == {5} and set(frame["status"]) == {"ok"}
    assert frame.loc["dan.ipynb", [f"{LESSON}.log_item", f"{LESSON}.csl_version_today"]].tolist() == [0, 0]
    assert (frame["lesson"] == LESSON).all()


def test_details_give_status_and_reason_per_exercise(small_class, tmp_path):
    grade(small_class, tmp_path / "grades.csv")
    details = pd.read_csv(tmp_path / "grades.details.csv", dtype=str, keep_default_na=False)
    assert list(details.columns) == grading.DETAIL_COLUMNS + grading.DETAIL_EXTRA
    carol = details[details["file"] == "carol.ipynb"]
    assert set(carol["status"]) == {"not_attempted"}
    dan = details[(details["file"] == "dan.ipynb") & (details["exercise"] == "00.log_item")].iloc[0]
    assert (dan["status"], dan["points"]) == ("incorrect", "0")
    # the explanation of the anticipated mistake "2", as the learner sees it in the notebook
    assert dan["reason"] == course.exercises.get("00.log_item").evaluate(2).message("en") != ""


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
    assert (row["status"], row["total"]) == ("ok", FULL)


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
    assert frame.loc["found.ipynb", ["status", "total"]].tolist() == ["ok", FULL]
    assert frame.loc["lost.ipynb", ["status", "total"]].tolist() == ["no_lesson", 0]
    assert "--lesson" in frame.loc["lost.ipynb", "detail"]
    assert frame.loc["unknown.ipynb", "status"] == "no_lesson"
    assert "lesson 42" in frame.loc["unknown.ipynb", "detail"]

    frame = grade(tmp_path / "subs", tmp_path / "b.csv", lesson="0").set_index("file")
    assert frame.loc[["found.ipynb", "lost.ipynb"], "total"].tolist() == [FULL, FULL]


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
    assert frame.set_index("file").loc["dan.ipynb", "total"] == FULL - 2


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
    assert all(r["status"] == "ok" and r["total"] == str(FULL) for r in finished)

    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    graded_again = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(graded_again) == len(names) - len(finished)
    rows = read_rows(out)
    assert sorted(r["file"] for r in rows) == names
    assert {(r["file"], r["graded_at"]) for r in finished} <= {(r["file"], r["graded_at"]) for r in rows}
    assert all(r["total"] == str(FULL) for r in rows)


def test_command_line_writes_the_table_and_reports_progress(small_class, tmp_path):
    out = tmp_path / "grades.csv"
    result = subprocess.run([sys.executable, "-m", "course", "grade", str(small_class), "--out", str(out),
                             "--lesson", "00", "--jobs", "2", "--timeout", "5", "--lang", "en"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "4 submissions" in result.stdout and "ok 4" in result.stdout
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(progress) == 4 and progress[-1].startswith("[4/4]")
    assert {r["file"]: r["total"] for r in read_rows(out)}["dan.ipynb"] == str(FULL - 2)


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
    # every machine-marked exercise right; free-text answers recorded for the teacher, no points
    open_points = {n: sum(e.points for e in exercises.lesson(n) if e.open_ended) for n in exercises.lessons()}
    expected = frame["max"] - frame["lesson"].map(open_points)
    assert (frame["total"] == expected).all(), frame[["file", "total", "max"]].to_string()
    details = pd.read_csv(grading.details_path(tmp_path / "grades.csv"), dtype=str, keep_default_na=False)
    open_ids = {e.id for n in exercises.lessons() for e in exercises.lesson(n) if e.open_ended}
    assert set(details.loc[details["exercise"].isin(open_ids), "status"]) == {"attempted"}
    assert set(details.loc[~details["exercise"].isin(open_ids), "status"]) == {"correct"}


# -------------------------------------------------------------------------------------------
# The grade files lose nothing, are private, and are safe to open in a spreadsheet
# -------------------------------------------------------------------------------------------

GRADED_AT = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}"


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_rerun_keeps_every_row_of_both_tables(small_class, tmp_path):
    out = tmp_path / "grades.csv"
    grade(small_class, out)
    before = read_rows(out), read_rows(grading.details_path(out))
    assert any(r["reason"] == "" for r in before[1])  # a correct answer has no reason
    grade(small_class, out)
    assert (read_rows(out), read_rows(grading.details_path(out))) == before


def test_a_run_killed_mid_write_then_rerun_gives_the_rows_of_a_clean_run(small_class, tmp_path):
    clean = tmp_path / "clean" / "grades.csv"
    grade(small_class, clean)
    killed = tmp_path / "killed" / "grades.csv"
    killed.parent.mkdir()
    for source, target in ((clean, killed), (grading.details_path(clean), grading.details_path(killed))):
        text = source.read_text(encoding="utf-8")
        target.write_text(text[:-6], encoding="utf-8", newline="")  # the last row torn in its last cell
    grade(small_class, killed)

    def stable(rows):
        assert all(re.fullmatch(GRADED_AT, r["graded_at"]) for r in rows if "graded_at" in r)
        return [{k: v for k, v in r.items() if k not in ("seconds", "graded_at")} for r in rows]
    assert stable(read_rows(killed)) == stable(read_rows(clean))
    assert read_rows(grading.details_path(killed)) == read_rows(grading.details_path(clean))


def test_a_row_with_empty_cells_is_complete(tmp_path):
    from course.teacher.journal import CsvJournal

    path = tmp_path / "t.csv"
    table = CsvJournal(path, ["file", "sha256", "reason"], key=("file", "sha256"))
    table.append([{"file": "a", "sha256": "1", "reason": ""}, {"file": "b", "sha256": "", "reason": "x"}])
    table.close()
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("c,2\r\n")  # a column short
    assert CsvJournal(path, ["file", "sha256", "reason"], key=("file", "sha256")).done() == {("a", "1")}


def test_grade_tables_are_private_from_the_first_byte(small_class, tmp_path):
    from course.teacher.journal import CsvJournal

    old = os.umask(0)
    try:
        fresh = CsvJournal(tmp_path / "fresh.csv", ["file", "total"], key=("file",))
        assert mode(tmp_path / "fresh.csv") == 0o600  # the header alone
        fresh.close()
        out = tmp_path / "grades.csv"
        grade(small_class, out)
    finally:
        os.umask(old)
    assert mode(out) == mode(grading.details_path(out)) == 0o600
    out.chmod(0o644)
    grade(small_class, out)
    assert mode(out) == 0o600


def test_the_answer_key_is_written_private(tmp_path, capsys):
    from course import cli

    out = tmp_path / "key"
    assert cli.main(["key", str(out), "--lang", "en", "--lessons", LESSON]) == 0
    said = capsys.readouterr().out
    files = sorted(out.iterdir())
    assert files and all(mode(f) == 0o600 for f in files)
    assert str(out) in said and "readable only by you" in said
    files[0].chmod(0o644)
    files[0].write_text("{}", encoding="utf-8")
    assert cli.main(["key", str(out), "--lang", "zh", "--lessons", LESSON, "--force"]) == 0
    assert mode(files[0]) == 0o600 and "权限 600" in capsys.readouterr().out


def test_every_text_cell_is_safe_in_a_spreadsheet(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "grades.csv"
    names = ["=HYPERLINK(1).ipynb", "+1.ipynb", "-cmd.ipynb", "@SUM(A1).ipynb", "plain.ipynb"]
    for name in names:
        write(submission(LESSON, model_answers(LESSON)), subs / name)
    frame = grade(subs, out)
    assert sorted(frame["file"]) == sorted(["'=HYPERLINK(1).ipynb", "'+1.ipynb", "'-cmd.ipynb",
                                            "'@SUM(A1).ipynb", "plain.ipynb"])
    assert frame["total"].tolist() == [FULL] * 5 and frame["total"].dtype.kind == "i"
    for path in (out, grading.details_path(out)):
        cells = [c for r in read_rows(path) for c in r.values()]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@")) and not re.fullmatch(r"[+-]?\d+(\.\d+)?", c)]
    stream = io.StringIO()
    grade(subs, out, progress=stream)
    assert stream.getvalue() == ""  # the neutralised names are found again


def test_a_cell_that_looks_like_a_formula_is_neutralised_and_numbers_stay_numbers(tmp_path):
    from course.teacher.journal import CsvJournal

    path = tmp_path / "d.csv"
    table = CsvJournal(path, ["file", "reason", "points", "seconds"], key=("file",))
    table.append([{"file": "a", "reason": "=1+1", "points": -1, "seconds": 0.5},
                  {"file": "b", "reason": "@cmd", "points": 2, "seconds": "-3"}])
    table.finish(order=("file",))
    assert read_rows(path) == [{"file": "a", "reason": "'=1+1", "points": "-1", "seconds": "0.5"},
                               {"file": "b", "reason": "'@cmd", "points": "2", "seconds": "-3"}]


# -------------------------------------------------------------------------------------------
# The command line: what --out may replace, the options, the language, the platform
# -------------------------------------------------------------------------------------------

ROSTER = "name,student_id\n张三,2024001\n"


@pytest.mark.parametrize("name, content", [("roster.csv", ROSTER), ("grades.ipynb", '{"cells": [], "nbformat": 4}'),
                                           ("grades.csv", "\x89PNG\r\n\x1a\n")])
def test_out_refuses_to_replace_a_file_that_is_not_a_grade_table(small_class, tmp_path, capsys, name, content):
    from course import cli

    out = tmp_path / name
    out.write_bytes(content.encode("utf-8"))
    code = cli.main(["grade", str(small_class), "--out", str(out), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "not a grade table" in err and str(out) in err
    assert out.read_bytes() == content.encode("utf-8")
    assert not grading.details_path(out).exists()


def test_out_refuses_a_details_file_that_is_not_a_details_table(small_class, tmp_path, capsys):
    from course import cli

    out = tmp_path / "grades.csv"
    grading.details_path(out).write_text(ROSTER, encoding="utf-8")
    assert cli.main(["grade", str(small_class), "--out", str(out), "--lang", "zh"]) == 2
    assert "不是 course grade 写出的成绩表" in capsys.readouterr().err
    assert not out.exists() and grading.details_path(out).read_text(encoding="utf-8") == ROSTER


@pytest.mark.parametrize("option, value", [("--timeout", "-1"), ("--timeout", "nan"), ("--timeout", "inf"),
                                           ("--timeout", "0"), ("--jobs", "0"), ("--jobs", "1.5"),
                                           ("--output-limit", "0"), ("--output-limit", "-5")])
def test_grade_options_must_be_finite_and_positive(option, value, capsys, monkeypatch):
    from course import cli

    monkeypatch.setenv("COURSE_LANG", "en")
    with pytest.raises(SystemExit) as stop:
        cli.build_parser().parse_args(["grade", "subs", option, value])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}: must be a" in err and "above 0" in err and repr(value) in err
    monkeypatch.setenv("COURSE_LANG", "zh")
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["grade", "subs", option, value])
    assert "大于 0" in capsys.readouterr().err
    args = cli.build_parser().parse_args(["grade", "subs", "--timeout", "0.5", "--jobs", "1", "--output-limit", "10"])
    assert (args.timeout, args.jobs, args.output_limit) == (0.5, 1, 10)


@pytest.mark.parametrize("env, argv, lang", [
    ({"LANG": "zh_CN.UTF-8"}, [], "zh"),
    ({"LANG": "en_GB.UTF-8"}, [], "en"),
    ({"LANG": "C.UTF-8"}, [], "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, [], "zh"),
    ({"LANG": "zh_CN.UTF-8", "COURSE_LANG": "en"}, [], "en"),
    ({"LANG": "en_US.UTF-8", "COURSE_LANG": "zh"}, [], "zh"),
    ({"LANG": "en_US.UTF-8", "COURSE_LANG": "zh"}, ["--lang", "en"], "en"),
])
def test_grading_speaks_lang_else_course_lang_else_the_locale(tmp_path, capsys, monkeypatch, env, argv, lang):
    from course import cli

    for name in ("COURSE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cli.main(["grade", str(tmp_path / "nowhere"), "--out", str(tmp_path / "g.csv"), *argv]) == 2
    assert course.t("grading.error_folder", lang, folder=tmp_path / "nowhere") in capsys.readouterr().err


def test_grading_stops_at_once_where_there_is_no_linux(small_class, tmp_path, capsys, monkeypatch):
    from course import cli

    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.delattr(os, "pidfd_open", raising=False)
    assert not sandbox.supported()
    out = tmp_path / "grades.csv"
    assert cli.main(["grade", str(small_class), "--out", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "needs Linux" in err and "darwin" in err and "repo2docker" in err and "binder/" in err
    assert "Traceback" not in err and not out.exists()
    with pytest.raises(grading.GradingError, match="needs Linux"):
        grade(small_class, out)


def test_details_keep_the_answer_and_the_anticipated_mistake_for_the_class_report(small_class, tmp_path):
    from course import cli

    out = tmp_path / "grades.csv"
    grade(small_class, out)
    details = pd.read_csv(grading.details_path(out), dtype=str, keep_default_na=False)
    dan = details[(details["file"] == "dan.ipynb") & (details["exercise"] == f"{LESSON}.log_item")].iloc[0]
    assert (dan["answer"], dan["mistake"], dan["status"]) == ("2", "item_2", "incorrect")
    carol = details[details["file"] == "carol.ipynb"]
    assert set(carol["answer"]) == {""} and set(carol["status"]) == {"not_attempted"}
    assert cli.main(["report", str(out), "--out", str(tmp_path / "report"), "--lang", "en"]) == 0
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "item_2" in page and f"{LESSON}.log_item" in page

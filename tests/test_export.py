"""``course export``: gradebooks in each system's import format, nothing dropped silently."""
from __future__ import annotations

import csv

import pytest
from grading_fixtures.report_tables import write_tables

from course import cli
from course.teacher import export, marks

ROSTER = [
    {"file": "a.ipynb", "student_id": "2024001", "name": "张三", "email": "zs@example.edu", "section": "1班",
     "username": "zhangsan"},
    {"file": "b.ipynb", "student_id": "2024002", "name": "=HYPERLINK(\"x\")", "email": "ls@example.edu",
     "section": "1班", "username": ""},
    {"file": "d.ipynb", "student_id": "2024004", "name": "王五", "email": "ww@example.edu", "section": "2班",
     "username": "wangwu"},
]  # c.ipynb was submitted but is not on the roster; d.ipynb is on it but was not submitted


def _roster(tmp_path, rows=ROSTER, columns=export.ROSTER_COLUMNS):
    path = tmp_path / "roster.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _read(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.fixture
def grades_csv(tmp_path):
    return write_tables(tmp_path)


def _export(grades_csv, tmp_path, fmt, *extra, out="gradebook.csv"):
    return cli.main(["export", str(grades_csv), "--format", fmt, "--roster", str(_roster(tmp_path)),
                     "--out", str(tmp_path / out), "--lang", "en", *extra])


def test_canvas_has_its_identity_columns_then_one_column_per_assignment(grades_csv, tmp_path):
    assert _export(grades_csv, tmp_path, "canvas") == 1  # written, but not everything matched
    rows = _read(tmp_path / "gradebook.csv")
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Lesson 00"]
    assert rows[1] == ["张三", "", "2024001", "zhangsan", "1班", "3"]
    assert rows[3] == ["王五", "", "2024004", "wangwu", "2班", ""]  # no submission: no grade, not 0


def test_every_text_cell_is_neutralised_for_spreadsheets(grades_csv, tmp_path):
    _export(grades_csv, tmp_path, "canvas")
    assert _read(tmp_path / "gradebook.csv")[2][0] == "'=HYPERLINK(\"x\")"


def test_moodle_has_id_number_and_email_then_the_grade_items(grades_csv, tmp_path):
    _export(grades_csv, tmp_path, "moodle")
    rows = _read(tmp_path / "gradebook.csv")
    assert rows[0] == ["ID number", "Email address", "Lesson 00"]
    assert rows[1] == ["2024001", "zs@example.edu", "3"]


def test_blackboard_quotes_every_field_and_falls_back_to_the_student_id(grades_csv, tmp_path):
    _export(grades_csv, tmp_path, "blackboard")
    lines = (tmp_path / "gradebook.csv").read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ['"Username","Lesson 00"', '"zhangsan","3"', '"2024002","1"']


def test_what_does_not_match_is_reported_and_written_beside_the_gradebook(grades_csv, tmp_path, capsys):
    assert _export(grades_csv, tmp_path, "canvas") == 1
    err = capsys.readouterr().err
    assert "c.ipynb" in err and "not list this submission" in err
    assert "d.ipynb" in err and "no submission" in err
    rows = _read(tmp_path / "gradebook.unmatched.csv")
    assert rows[0] == export.UNMATCHED_COLUMNS
    assert sorted(r[1] for r in rows[1:]) == ["c.ipynb", "d.ipynb"]


def test_a_complete_roster_exits_0_and_leaves_no_stale_unmatched_list(grades_csv, tmp_path):
    assert _export(grades_csv, tmp_path, "canvas") == 1
    complete = [*ROSTER[:2], {"file": "c.ipynb", "student_id": "2024003"}]
    path = _roster(tmp_path, complete)
    code = cli.main(["export", str(grades_csv), "--format", "canvas", "--roster", str(path),
                     "--out", str(tmp_path / "gradebook.csv"), "--lang", "en"])
    assert code == 0 and not (tmp_path / "gradebook.unmatched.csv").exists()


def test_marks_are_applied_to_the_exported_points(grades_csv, tmp_path):
    path = tmp_path / "marks.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, marks.COLUMNS)
        writer.writeheader()
        writer.writerow({"file": "b.ipynb", "exercise": "00.log_item", "points": "1", "reason": "写成了三"})
    _export(grades_csv, tmp_path, "moodle", "--marks", str(path))
    assert _read(tmp_path / "gradebook.csv")[2] == ["2024002", "ls@example.edu", "2"]


def test_out_refuses_to_replace_a_file_that_is_not_a_gradebook(grades_csv, tmp_path, capsys):
    roster = _roster(tmp_path)
    before = roster.read_bytes()
    code = cli.main(["export", str(grades_csv), "--format", "canvas", "--roster", str(roster),
                     "--out", str(roster), "--lang", "en"])
    assert code == 2 and "not a gradebook" in capsys.readouterr().err
    assert roster.read_bytes() == before
    assert _export(grades_csv, tmp_path, "moodle") == 1
    assert _export(grades_csv, tmp_path, "canvas") == 1  # an export of another format is replaced


@pytest.mark.parametrize("rows, columns, words", [
    (ROSTER, ["file", "name"], "must name at least"),
    ([{"file": "a.ipynb", "student_id": ""}], export.ROSTER_COLUMNS, "student_id column is empty"),
    ([ROSTER[0], ROSTER[0]], export.ROSTER_COLUMNS, "already listed in row 2"),
])
def test_a_bad_roster_stops_with_the_problem(grades_csv, tmp_path, capsys, rows, columns, words):
    code = cli.main(["export", str(grades_csv), "--format", "canvas", "--roster", str(_roster(tmp_path, rows, columns)),
                     "--out", str(tmp_path / "gradebook.csv"), "--lang", "en"])
    assert code == 2 and words in capsys.readouterr().err
    assert not (tmp_path / "gradebook.csv").exists()

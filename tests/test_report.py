"""The class report: built from a grade table and its details, read in the teacher's language."""
from __future__ import annotations

import pytest
from grading_fixtures.report_tables import write_tables

from course import cli
from course.teacher import report


@pytest.fixture
def grades_csv(tmp_path):
    return write_tables(tmp_path)


def test_shares_put_the_hardest_exercise_first(grades_csv):
    _, details = report.read_tables(grades_csv)
    table = report.shares(details)
    assert list(table.index) == ["00.log_item", "00.why_primary"]
    assert table.loc["00.log_item", "incorrect"] == pytest.approx(2 / 3)
    assert table.loc["00.why_primary", "missing"] == pytest.approx(1 / 3)


def test_common_wrong_answers_are_counted_with_their_mistake(grades_csv):
    _, details = report.read_tables(grades_csv)
    wrong = report.common_wrong_answers(details)
    assert wrong.to_dict("records") == [{"exercise": "00.log_item", "answer": "6", "mistake": "csl-six-months", "n": 2}]


def test_identical_free_text_is_flagged_and_runs_that_need_a_look_are_listed(grades_csv):
    grades, details = report.read_tables(grades_csv)
    shared = report.shared_texts(details, {"00.why_primary"})
    assert shared.to_dict("records") == [{"exercise": "00.why_primary", "answer": "the text",
                                          "files": ["a.ipynb", "b.ipynb"]}]
    assert report.needs_a_look(grades)["file"].tolist() == ["b.ipynb", "c.ipynb"]


@pytest.mark.parametrize("lang, heading", [("zh", "分数分布"), ("en", "How the class scored")])
def test_the_command_writes_a_page_and_its_charts_in_the_teachers_language(grades_csv, tmp_path, lang, heading):
    out = tmp_path / f"report-{lang}"
    assert cli.main(["report", str(grades_csv), "--out", str(out), "--lang", lang]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert heading in page and "c.ipynb" in page and "csl-six-months" in page
    assert (out / "scores.png").read_bytes().startswith(b"\x89PNG")
    assert 'src="exercises.png"' in page and "http" not in page


def test_a_file_that_is_not_a_grade_table_is_refused_clearly(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email\nA,a@x\n", encoding="utf-8")
    (tmp_path / "roster.details.csv").write_text("x\n1\n", encoding="utf-8")
    assert cli.main(["report", str(roster), "--out", str(tmp_path / "r"), "--lang", "en"]) == 2
    assert "not a grade table" in capsys.readouterr().err
    assert cli.main(["report", str(tmp_path / "none.csv"), "--out", str(tmp_path / "r"), "--lang", "en"]) == 2

"""The teacher's marks and overrides: checked against the grade table, applied on top, never written into it."""
from __future__ import annotations

import csv

import pytest
from grading_fixtures.report_tables import write_tables

from course import cli
from course.core.errors import TeacherError
from course.teacher import marks, report
from course.teacher.grading import details_path

HOSTILE = "=HYPERLINK(evil).ipynb"


@pytest.fixture
def grades_csv(tmp_path):
    """The small class, with one free-text answer waiting for a mark and a file name a spreadsheet would run."""
    path = write_tables(tmp_path)
    with details_path(path).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if (row["file"], row["exercise"]) == ("c.ipynb", "00.why_primary"):
            row.update(status="attempted", answer="<script>alert(1)</script> the version changed")
    with details_path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _marks(tmp_path, rows):
    path = tmp_path / "marks.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, marks.COLUMNS)
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in marks.COLUMNS} for r in rows)
    return path


def test_a_mark_and_an_override_change_points_and_totals_but_not_the_grade_table(grades_csv, tmp_path):
    before = grades_csv.read_bytes(), details_path(grades_csv).read_bytes()
    path = _marks(tmp_path, [
        {"file": "c.ipynb", "exercise": "00.why_primary", "points": "0.5", "comment": "good"},
        {"file": "b.ipynb", "exercise": "00.log_item", "points": "1", "reason": "wrote 三 for item 3"},
        {"file": "a.ipynb", "exercise": "00.log_item", "points": ""},            # not marked yet
    ])
    grades, details, found = marks.load(grades_csv, details_path(grades_csv), path)
    assert [(m.kind, m.old, m.points) for m in found] == [("mark", 0, 0.5), ("override", 0, 1)]
    assert grades.set_index("file")["total"].to_dict() == {"a.ipynb": "3", "b.ipynb": "2", "c.ipynb": "0.5"}
    row = details[(details.file == "b.ipynb") & (details.exercise == "00.log_item")].iloc[0]
    assert (row.points, row.machine_points, row.mark_reason) == ("1", "0", "wrote 三 for item 3")
    assert marks.changes(found)["change"].tolist() == ["0 → 0.5", "0 → 1"]
    assert (grades_csv.read_bytes(), details_path(grades_csv).read_bytes()) == before


@pytest.mark.parametrize("row, words", [
    ({"file": "b.ipynb", "exercise": "00.log_item", "points": "1"}, "needs a reason"),
    ({"file": "nobody.ipynb", "exercise": "00.log_item", "points": "1"}, "no exercise"),
    ({"file": "c.ipynb", "exercise": "00.why_primary", "points": "3"}, "from 0 to 1"),
    ({"file": "c.ipynb", "exercise": "00.why_primary", "points": "nan"}, "from 0 to 1"),
])
def test_a_wrong_row_stops_the_command_and_is_named(grades_csv, tmp_path, row, words):
    path = _marks(tmp_path, [row])
    with pytest.raises(TeacherError, match=words) as caught:
        with_lang = marks.parse_marks(marks.read_rows(path, "en"), report.read_tables(grades_csv)[1], "en")
        assert with_lang is None
    assert "row 2" in str(caught.value)


def test_the_same_answer_marked_twice_is_refused(grades_csv, tmp_path):
    row = {"file": "c.ipynb", "exercise": "00.why_primary", "points": "1"}
    with pytest.raises(TeacherError, match="already marked in row 2"):
        marks.parse_marks(marks.read_rows(_marks(tmp_path, [row, row]), "en"),
                          report.read_tables(grades_csv)[1], "en")


def test_the_template_keeps_filled_rows_and_adds_new_answers(grades_csv, tmp_path):
    details = report.read_tables(grades_csv)[1]
    path = tmp_path / "marks.csv"
    assert marks.merge_template(path, marks.template_rows(details)) == (0, 1)
    text = path.read_text(encoding="utf-8").replace("00.why_primary,,1", "00.why_primary,1,1")
    path.write_text(text, encoding="utf-8")
    extra = [{"file": HOSTILE, "exercise": "00.why_primary", "points": "", "max": "1", "comment": "", "reason": ""}]
    assert marks.merge_template(path, marks.template_rows(details) + extra) == (1, 1)
    rows = marks.read_rows(path)
    assert [r["points"] for r in rows] == ["1", ""]
    assert rows[1]["file"] == "'" + HOSTILE                       # neutralised for spreadsheets
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_the_report_shows_every_change_with_its_reason(grades_csv, tmp_path):
    path = _marks(tmp_path, [{"file": "b.ipynb", "exercise": "00.log_item", "points": "1",
                              "reason": "wrote <b>三</b> for item 3"}])
    out = tmp_path / "report"
    assert cli.main(["report", str(grades_csv), "--out", str(out), "--marks", str(path), "--lang", "en"]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "0 → 1" in page and "wrote &lt;b&gt;三&lt;/b&gt; for item 3" in page and "override" in page


def test_a_report_with_a_bad_marks_file_stops_with_the_row(grades_csv, tmp_path, capsys):
    path = _marks(tmp_path, [{"file": "b.ipynb", "exercise": "00.log_item", "points": "1"}])
    out = tmp_path / "report"
    assert cli.main(["report", str(grades_csv), "--out", str(out), "--marks", str(path), "--lang", "en"]) == 2
    assert "row 2" in capsys.readouterr().err and not (out / "index.html").exists()


def test_grading_with_marks_writes_a_marked_table_beside_the_machines(grades_csv, tmp_path, capsys):
    import argparse

    path = _marks(tmp_path, [{"file": "c.ipynb", "exercise": "00.why_primary", "points": "1"}])
    args = argparse.Namespace(out=str(grades_csv), marks=str(path))
    assert marks.after_grading(args, details_path(grades_csv), "en") == 0
    marked = marks.marked_path(grades_csv)
    assert "Applied 1 mark" in capsys.readouterr().out
    with marked.open(encoding="utf-8") as handle:
        totals = {r["file"]: r["total"] for r in csv.DictReader(handle)}
    assert totals["c.ipynb"] == "1" and oct(marked.stat().st_mode & 0o777) == "0o600"
    assert marks.after_grading(argparse.Namespace(out=str(grades_csv), marks=None), details_path(grades_csv), "en") == 0


def test_open_answers_are_written_to_read_and_the_marks_file_survives_a_rerun(grades_csv, tmp_path):
    out = tmp_path / "marking"
    assert cli.main(["open-answers", str(grades_csv), "--out", str(out), "--lang", "zh"]) == 0
    page = (out / "00.why_primary.md").read_text(encoding="utf-8")
    assert "```\n<script>alert(1)</script> the version changed\n```" in page   # inside a code block
    assert "### c.ipynb" in page
    filled = (out / "marks.csv").read_text(encoding="utf-8").replace(',,1,', ',1,1,')
    (out / "marks.csv").write_text(filled, encoding="utf-8")
    assert cli.main(["open-answers", str(grades_csv), "--out", str(out), "--lang", "en"]) == 0
    rows = marks.read_rows(out / "marks.csv")
    assert [(r["file"], r["exercise"], r["points"]) for r in rows] == [("c.ipynb", "00.why_primary", "1")]
    assert cli.main(["report", str(grades_csv), "--out", str(tmp_path / "r"), "--marks", str(out / "marks.csv"),
                     "--lang", "en"]) == 0
    assert "0 → 1" in (tmp_path / "r" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("guide", ["teacher-guide.md", "teacher-guide.en.md"])
def test_the_guides_marking_commands_are_commands_the_course_has(guide):
    import shlex
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / guide).read_text(encoding="utf-8")
    section = text[text.index("`course open-answers`、`--marks`" if guide == "teacher-guide.md"
                              else "`course open-answers`, `--marks`"):]
    block = section[section.index("```") + 3:]
    commands = [line for line in block[:block.index("```")].splitlines() if line.startswith("course ")]
    assert [c.split()[1] for c in commands] == ["grade", "open-answers", "grade", "report"]
    for command in commands:
        args = cli.build_parser().parse_args(shlex.split(command)[1:])
        assert cli.handler(args.handler)
        assert getattr(args, "marks", None) in (None, "marking/marks.csv")

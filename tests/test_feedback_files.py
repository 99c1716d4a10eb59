"""``course feedback``: one escaped, self-contained page per student, in the lesson's language."""
from __future__ import annotations

import csv
import re

import pytest
from grading_fixtures.report_tables import write_tables

from course import cli
from course.exercises import get
from course.teacher import feedback_files, marks
from course.teacher.grading import details_path

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def grades_csv(tmp_path):
    """The small class: a answers in English, b's wrong answer matched a mistake, c's is hostile text."""
    path = write_tables(tmp_path)
    with details_path(path).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row.update(language="en" if row["file"] == "a.ipynb" else "zh", message="")
        if (row["file"], row["exercise"]) == ("b.ipynb", "00.log_item"):
            row.update(answer="4", mistake="item_4", message="ex.reason.too_high")
        if (row["file"], row["exercise"]) == ("c.ipynb", "00.log_item"):
            row.update(answer=SCRIPT, mistake="", message="ex.reason.unjudgeable")
        if (row["file"], row["exercise"]) == ("c.ipynb", "00.why_primary"):
            row.update(status="attempted", answer=f"{SCRIPT} 版本变了")
    with details_path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _run(grades_csv, out, *extra):
    return cli.main(["feedback", str(grades_csv), "--out", str(out), "--lang", "en", *extra])


def _pages(out):
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}


def test_one_page_per_student_in_the_language_of_their_lesson(grades_csv, tmp_path):
    assert _run(grades_csv, tmp_path / "fb") == 0
    pages = _pages(tmp_path / "fb")
    assert sorted(pages) == ["a.ipynb.html", "b.ipynb.html", "c.ipynb.html"]
    assert '<html lang="en">' in pages["a.ipynb.html"] and "Your answer" in pages["a.ipynb.html"]
    assert '<html lang="zh-CN">' in pages["b.ipynb.html"] and "你的答案" in pages["b.ipynb.html"]
    assert "有单元出错" in pages["b.ipynb.html"]  # b's notebook stopped with an error: said, in b's language


def test_a_wrong_answer_shows_the_mistake_note_and_the_hint(grades_csv, tmp_path):
    _run(grades_csv, tmp_path / "fb")
    page = _pages(tmp_path / "fb")["b.ipynb.html"]
    exercise = get("00.log_item")
    note = next(m.text["zh"] for m in exercise.anticipated if m.key == "item_4")
    assert feedback_files.escape(note) in page
    assert feedback_files.escape(exercise.hints["zh"][0]) in page


def test_a_message_whose_values_are_not_kept_is_not_invented(grades_csv, tmp_path):
    _run(grades_csv, tmp_path / "fb")
    page = _pages(tmp_path / "fb")["c.ipynb.html"]
    assert "{type}" not in page and "{error}" not in page
    assert feedback_files.escape(feedback_files.t("feedback.explained_generic", "zh")) in page


def test_student_text_is_escaped_and_the_page_requests_nothing(grades_csv, tmp_path):
    _run(grades_csv, tmp_path / "fb")
    page = _pages(tmp_path / "fb")["c.ipynb.html"]
    assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=|url\(|@import|https?:""", page)


@pytest.mark.parametrize("flag", [False, True])
def test_the_answer_key_appears_only_with_solutions(grades_csv, tmp_path, flag):
    out = tmp_path / "fb"
    _run(grades_csv, out, *(["--with-solutions"] if flag else []))
    solution = feedback_files.escape(get("00.log_item").solution_text["en"])
    assert (solution in _pages(out)["a.ipynb.html"]) is flag


def test_the_teachers_mark_comment_and_override_reason_are_shown(grades_csv, tmp_path):
    path = tmp_path / "marks.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, marks.COLUMNS)
        writer.writeheader()
        writer.writerow({"file": "c.ipynb", "exercise": "00.why_primary", "points": "0.5", "comment": "好<b>"})
        writer.writerow({"file": "b.ipynb", "exercise": "00.log_item", "points": "1", "reason": "写成了三"})
    assert _run(grades_csv, tmp_path / "fb", "--marks", str(path)) == 0
    pages = _pages(tmp_path / "fb")
    assert "老师给分：0.5 / 1" in pages["c.ipynb.html"] and "评语：好&lt;b&gt;" in pages["c.ipynb.html"]
    assert "老师把分数从 0 改为 1" in pages["b.ipynb.html"] and "理由：写成了三" in pages["b.ipynb.html"]
    assert "待老师给分" not in pages["c.ipynb.html"]


def test_a_hostile_file_name_stays_inside_the_folder(tmp_path):
    taken: set[str] = set()
    names = [feedback_files.page_name(n, taken) for n in ("../../etc/x", ".bashrc", "a.ipynb", "A.ipynb", "")]
    assert all("/" not in n and not n.startswith(".") for n in names)
    assert len({n.lower() for n in names}) == len(names)


def test_a_table_without_a_language_column_uses_the_teachers_language(tmp_path):
    path = write_tables(tmp_path)  # an older table: no language column
    assert _run(path, tmp_path / "fb") == 0
    assert all('<html lang="en">' in p for p in _pages(tmp_path / "fb").values())


def test_a_message_that_needs_no_values_is_shown_as_the_learner_saw_it():
    row = {"exercise": "00.log_item", "status": "incorrect", "answer": "9", "mistake": "", "message": "ex.reason.too_high"}
    assert feedback_files.explanation(get("00.log_item"), row, "zh") == feedback_files.t("ex.reason.too_high", "zh")
    assert "偏大了" in feedback_files.exercise_section(row, "zh")

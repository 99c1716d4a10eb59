"""The teacher guide's worked example, run as written on a small class (one hostile, one broken file).

The commands are read from the guide's code block and run in a folder laid out as the guide
says; the one hand-edit it asks for (filling in ``marks.csv``) is done here as a teacher would.
"""
from __future__ import annotations

import csv
import shlex
import sys
from pathlib import Path

import pytest
from grading_fixtures.submissions import machine_points, model_answers, submission, write, wrong_answers

from course import cli
from course.exercises import get
from course.teacher import export

ROOT = Path(__file__).resolve().parents[1]
HEADINGS = {"en": "`course feedback`, `course export`", "zh": "`course feedback`、`course export`"}
HOSTILE = "=HYPERLINK(evil).ipynb"
SCRIPT = "<script>alert(1)</script>"
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="course grade needs Linux")


def guide_commands(lang: str) -> list[str]:
    """The lines of the worked example's code block, comments included."""
    text = (ROOT / "docs" / ("teacher-guide.en.md" if lang == "en" else "teacher-guide.md")).read_text("utf-8")
    section = text[text.index(HEADINGS[lang]):]
    block = section[section.index("```") + 3:]
    return [line for line in block[:block.index("```")].splitlines() if line.strip()]


def build_class(base: Path) -> None:
    """submitted/lesson00 with a right (zh), a wrong (en), a hostile and a broken file; the roster."""
    folder = base / "submitted" / "lesson00"
    write(submission("00", model_answers("00")), folder / "right.ipynb")
    write(submission("00", wrong_answers("00"), lang="en"), folder / "wrong.ipynb")
    hostile = model_answers("00") | {"why_primary": repr(f"{SCRIPT} 原文才是证据，转述可能走样。")}
    write(submission("00", hostile), folder / HOSTILE)
    (folder / "broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    rows = [{"file": f, "student_id": f"s{i}", "name": f"学生{i}", "email": f"s{i}@example.edu", "section": "1"}
            for i, f in enumerate(["right.ipynb", "wrong.ipynb", HOSTILE, "broken.ipynb", "absent.ipynb"])]
    with (base / "roster.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, export.ROSTER_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def fill_marks(path: Path) -> None:
    """What the guide asks of the teacher: full points and a comment for every open answer."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row.update(points=row["max"], comment="讲清楚了")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_both_guides_give_the_same_commands():
    def words(lang):
        return [shlex.split(c)[:2] for c in guide_commands(lang) if c.startswith("course ")]

    assert words("en") == words("zh")
    assert [w[1] for w in words("en")] == ["grade", "report", "open-answers", "report", "feedback", "export"]


def test_the_worked_example_runs_from_submissions_to_a_gradebook(tmp_path, monkeypatch, capsys):
    build_class(tmp_path)
    monkeypatch.chdir(tmp_path)
    codes = []
    for line in guide_commands("en"):
        if line.startswith("#"):
            fill_marks(tmp_path / "marking" / "marks.csv")
            continue
        codes.append(cli.main(shlex.split(line)[1:]))
    assert codes == [0, 0, 0, 0, 0, 1]  # export: written, one roster entry without a submission

    assert (tmp_path / "report" / "index.html").is_file()
    pages = {p.name: p.read_text("utf-8") for p in (tmp_path / "feedback").iterdir()}
    assert sorted(pages) == ["_HYPERLINK_evil_.ipynb.html", "broken.ipynb.html", "right.ipynb.html",
                             "wrong.ipynb.html"]
    assert '<html lang="zh-CN">' in pages["right.ipynb.html"] and '<html lang="en">' in pages["wrong.ipynb.html"]
    assert "讲清楚了" in pages["right.ipynb.html"]
    hostile = pages["_HYPERLINK_evil_.ipynb.html"]
    assert "&lt;script&gt;" in hostile and "<script" not in hostile.lower()
    assert "not a notebook" in pages["broken.ipynb.html"]  # no lesson language known: the teacher's
    solution = get("00.log_item").solution_text
    assert not any(solution["zh"] in p or solution["en"] in p for p in pages.values())

    gradebook = tmp_path / "gradebook" / "lesson00-canvas.csv"
    with gradebook.open(newline="", encoding="utf-8") as handle:
        rows = {r["SIS User ID"]: r for r in csv.DictReader(handle)}
    full = machine_points("00") + get("00.why_primary").points
    assert rows["s0"]["Lesson 00"] == str(full) and rows["s2"]["Lesson 00"] == str(full)
    assert rows["s3"]["Lesson 00"] == "" and rows["s4"]["Lesson 00"] == ""  # broken, absent: no grade, not 0
    unmatched = gradebook.with_name("lesson00-canvas.unmatched.csv").read_text("utf-8")
    err = capsys.readouterr().err
    assert all(name in unmatched and name in err for name in ("absent.ipynb", "broken.ipynb"))

"""Exercises of lessons 00–02 test the method: what the lesson shows before them is not the answer.

A statement that would give an answer away comes after the exercises (under “Checking your
answers”), or the exercise asks for the same step on another text or figure, whose answer then
differs from what the lesson computed.
"""
from __future__ import annotations

import nbformat
import pytest

from course import exercises, storage
from course.core.resources import notebooks_dir

NAMES = {"00": "00-start-here", "01": "01-article-and-claims", "02": "02-too-much-data"}
HEADINGS = {"zh": "## 练习", "en": "## Exercises"}


def before_exercises(lesson: str, lang: str) -> list[str]:
    """The sources of the cells before the lesson's exercises heading."""
    nb = nbformat.read(notebooks_dir() / lang / f"{NAMES[lesson]}.ipynb", as_version=4)
    start = next(i for i, c in enumerate(nb.cells) if c.source.startswith(HEADINGS[lang]))
    return [c.source for c in nb.cells[:start]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_revealing_cells_come_after_the_exercises(lang):
    lesson00 = "\n".join(before_exercises("00", lang))
    assert ".item(3)" not in lesson00 and "course.law.current(" not in lesson00     # log_item, csl_version_today
    assert "12 月 31 日" not in lesson00 and "31 December" not in lesson00           # when the 2017 text ended
    lesson01 = before_exercises("01", lang)
    tables = [s for s in lesson01 if "claims.overview(" in s]
    assert tables and all("columns=" in s and '"type"' not in s for s in tables)    # the types
    assert not any("由此可见,微信一定保存了" in s for s in lesson01 if not s.startswith("print("))
    lesson02 = "\n".join(before_exercises("02", lang))
    assert "72" not in lesson02                                                     # can_vs_does: the evidence


def _near(exercise, value) -> bool:
    return abs(value - exercise.answer) <= exercise.tolerance * abs(exercise.answer)


def test_answers_on_another_text_differ_from_what_the_lesson_measured():
    million = exercises.get("02.million_chars_mb")
    assert not _near(million, storage.million_char_bytes("UTF-8") / 1e6)
    zlib_ratio = exercises.get("02.zlib_ratio")
    shown = storage.compression_table()["ratio"]
    assert not any(_near(zlib_ratio, ratio) for ratio in shown)
    years = exercises.get("02.mau_2018").model_answer().index.str[len("wechat_mau_"):][:4]
    assert not any(year in ("2019", "2020") for year in years)                    # the years the prose states

"""One student's feedback page, read in headless Chromium from disk: offline, Chinese glyphs render."""
from __future__ import annotations

import csv

import pytest
from harness import screenshot
from test_book import _open
from test_lesson00 import GLYPHS_DIFFER

from course import cli
from course.teacher.grading import details_path


@pytest.mark.browser
def test_a_feedback_page_opens_offline_with_chinese_glyphs_and_inert_student_text(tmp_path, page):
    from grading_fixtures.report_tables import write_tables

    grades = write_tables(tmp_path)
    with details_path(grades).open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["language"] = "zh"
        if row["file"] == "b.ipynb" and row["exercise"] == "00.why_primary":
            row["answer"] = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>"
    with details_path(grades).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "feedback"
    assert cli.main(["feedback", str(grades), "--out", str(out), "--lang", "en"]) == 0
    assert _open(page, out / "b.ipynb.html") == []
    assert page.evaluate("() => document.documentElement.lang") == "zh-CN"
    assert page.title() != "pwned" and "作业反馈" in page.title()
    assert page.locator("img").count() == 0          # the student's <img> is text, not an element
    assert "<img src=x" in page.locator("section").nth(1).inner_text()
    broken = page.locator("img").evaluate_all("(imgs) => imgs.filter((i) => !(i.complete && i.naturalWidth > 0)).length")
    assert broken == 0
    title = page.locator("h1").first
    family = page.evaluate("(el) => getComputedStyle(el).fontFamily", title.element_handle())
    assert page.evaluate(GLYPHS_DIFFER, f"32px {family}"), f"CJK glyphs render as boxes in {family}"
    screenshot(page, "feedback-zh")

"""The course book and the class report: built, then read in headless Chromium from disk, offline."""
from __future__ import annotations

import pytest
from harness import heading_of, screenshot
from test_lesson00 import GLYPHS_DIFFER

from course import cli
from course.teacher.assignment import lesson_notebooks


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    out = tmp_path_factory.mktemp("book")
    assert cli.main(["book", str(out), "--lessons", "00,02", "--lang", "zh"]) == 0
    return out


def _open(page, path):
    """Open ``path`` and return every request the page made to anything but the disk."""
    outside = []
    page.on("request", lambda request: None if request.url.startswith(("file:", "data:"))
            else outside.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return outside


@pytest.mark.browser
def test_the_book_opens_offline_with_its_charts_and_chinese_glyphs(book, page):
    index = book / "index.html"
    assert _open(page, index) == []
    links = page.locator("a").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert links == [f"zh/{lesson_notebooks('zh')[n].with_suffix('.html').name}" for n in ("00", "02")]

    lesson = book / links[1]
    outside = _open(page, lesson)
    assert outside == [], f"the page asked other hosts for {outside}"
    images = page.locator(".jp-OutputArea-output img")
    assert images.count() >= 3                                  # lesson 02 draws its charts
    broken = images.evaluate_all("(imgs) => imgs.filter((i) => !(i.complete && i.naturalWidth > 0)).length")
    assert broken == 0
    title = page.locator("h1").first
    assert title.inner_text().replace("¶", "").strip() == heading_of(lesson_notebooks("zh")["02"])
    family = page.evaluate("(el) => getComputedStyle(el).fontFamily", title.element_handle())
    assert page.evaluate(GLYPHS_DIFFER, f"32px {family}"), f"CJK glyphs render as boxes in {family}"
    assert page.locator(".course-book-widget").count() >= 1      # the calculator, as a note
    assert "Traceback" not in page.content()
    screenshot(page, "book-02-zh")


@pytest.mark.browser
def test_the_class_report_opens_offline_with_its_charts_and_chinese_glyphs(tmp_path, page):
    from grading_fixtures.report_tables import write_tables

    out = tmp_path / "report"
    assert cli.main(["report", str(write_tables(tmp_path)), "--out", str(out), "--lang", "zh"]) == 0
    assert _open(page, out / "index.html") == []
    images = page.locator("img")
    assert images.count() == 2
    assert images.evaluate_all("(imgs) => imgs.every((i) => i.complete && i.naturalWidth > 0 && i.alt)")
    title = page.locator("h1").first
    family = page.evaluate("(el) => getComputedStyle(el).fontFamily", title.element_handle())
    assert page.evaluate(GLYPHS_DIFFER, f"32px {family}"), f"CJK glyphs render as boxes in {family}"
    screenshot(page, "report-zh")

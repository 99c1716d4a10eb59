"""The statute viewer in a real JupyterLab: pick an article, switch version, type a number,
turn on the comparison; the number, the id and the text shown must be the right ones.

The expected texts are looked up through ``course.law`` here, never typed.
"""
from __future__ import annotations

import pytest
from harness import error_outputs, notebook, open_notebook, run_all_cells, screenshot

from course import law

NOTEBOOK = "tests/viewer.ipynb"
VIEW = ".course-viewer-view .course-statute"


def shown(page, article_id: str):
    """Wait until the viewer shows ``article_id``; return its statute block."""
    block = notebook(page).locator(f"{VIEW}[data-article-id='{article_id}']")
    block.wait_for(state="visible")
    return block


def first_line(article_id: str) -> str:
    return law.by_id(article_id).text.splitlines()[0]


@pytest.mark.browser
def test_viewer_pick_article_switch_version_compare(lab, page):
    open_notebook(page, lab, NOTEBOOK)
    run_all_cells(page)
    assert error_outputs(page) == []

    # Opens on the 2017 text, Art. 21: number, citation and text as in the law file.
    block = shown(page, "csl-2017:21")
    assert block.locator(".course-statute-number").inner_text() == "第二十一条"
    assert block.locator(".course-statute-citation").inner_text() == \
        law.by_id("csl-2017:21").citation(lang="zh")
    assert "网络日志不少于六个月" in block.locator(".course-statute-text").inner_text()

    # Switch the version: same number, a different rule, and a note saying where the old one went.
    notebook(page).locator(".course-viewer-version select").select_option(label="2026年文本")
    block = shown(page, "csl-2026:21")
    assert block.locator(".course-statute-number").inner_text() == "第二十一条"
    assert block.locator(".course-statute-text").inner_text().startswith(first_line("csl-2026:21"))
    assert "网络日志" not in block.locator(".course-statute-text").inner_text()
    note = notebook(page).locator(".course-viewer-view .course-map-note").last.inner_text()
    assert "第 23 条" in note

    # Type the new number the Chinese way; the log rule is back.
    box = notebook(page).locator(".course-viewer-article input")
    box.fill("第二十三条")
    box.press("Enter")
    block = shown(page, "csl-2026:23")
    assert block.locator(".course-statute-number").inner_text() == "第二十三条"
    assert "网络日志不少于六个月" in block.locator(".course-statute-text").inner_text()

    # Compare: the 2017 text of the same rule (Art. 21) beside it.
    notebook(page).locator(".course-viewer-compare").click()
    old_head = notebook(page).locator(".course-compare-old-head[data-ids='csl-2017:21']")
    old_head.wait_for(state="visible")
    assert old_head.inner_text() == law.by_id("csl-2017:21").citation(lang="zh")
    new_cell = notebook(page).locator(".course-compare-new").inner_text()
    assert new_cell.startswith(first_line("csl-2026:23"))
    screenshot(page, "viewer-compare-zh", notebook(page).locator(".course-viewer").first)

"""Widget fixes seen in a real JupyterLab: reset, highlight in a comparison, a count that follows
the law shown, and labels that are not cut off at JupyterLab's default width."""
import pytest
from harness import error_outputs, open_notebook, run_all_cells, screenshot

from course import law, storage

pytestmark = pytest.mark.browser

CUT_OFF = """(el) => el.scrollWidth > el.clientWidth + 1"""


def test_calculator_reset_returns_to_the_cells_values(lab, page):
    from playwright.sync_api import expect

    open_notebook(page, lab, "tests/calculator.ipynb")      # calculator(users=1.2e9)
    run_all_cells(page)
    box = page.locator(".calc-input-users input")
    box.scroll_into_view_if_needed()
    box.fill("1000000000")
    box.press("Enter")
    total = page.locator(".calc-total-value")
    expect(total).to_have_text(storage.format_bytes(storage.estimate(users=1e9).bytes_per_day))
    page.locator(".storage-calculator button", has_text="恢复本单元格的初始值").first.click()
    expect(box).to_have_value("1200000000")
    expect(total).to_have_text(storage.format_bytes(storage.estimate(users=1.2e9).bytes_per_day))
    assert error_outputs(page) == []


def test_viewer_marks_inside_comparison_and_count_follows_the_law(lab, page):
    from playwright.sync_api import expect

    open_notebook(page, lab, "tests/viewer.ipynb")          # viewer("csl", 21, version=2017)
    run_all_cells(page)
    search = page.locator(".course-viewer-search input")
    search.fill("网络")
    search.press("Enter")
    page.locator("button.course-viewer-compare").click()
    marks = page.locator(".course-viewer-view .course-compare td mark.course-mark")
    expect(marks.first).to_be_visible()
    assert marks.count() >= 2                                 # both sides of the table
    table = page.locator(".course-viewer-view .course-compare table").first
    assert table.evaluate("(el) => getComputedStyle(el.querySelector('td')).textAlign") in ("left", "start")
    assert not page.locator("button.course-viewer-compare").evaluate(CUT_OFF), "compare label is cut off"
    screenshot(page, "viewer-compare-marked", page.locator(".course-viewer"))

    words = page.locator(".course-viewer-words input")
    words.fill("网络")
    words.press("Enter")
    counter = page.locator(".course-viewer-counter .course-counter")
    first, last = law.versions("csl")[0], law.versions("csl")[-1]
    expect(counter).to_have_attribute("data-total", str(int(law.keyword_table(first[1], ["网络"])["total"].sum())))
    page.locator(".course-viewer-version select").select_option(label=last[0])
    expect(counter).to_have_attribute("data-total", str(int(law.keyword_table(last[1], ["网络"])["total"].sum())))
    expect(counter).to_contain_text(str(law.laws().loc[last[1], "version"]))
    assert error_outputs(page) == []

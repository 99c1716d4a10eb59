"""Each course widget used with the keyboard alone, in a real JupyterLab.

After the notebook has run, no mouse touches the widget: the test starts from the cell that
holds it (focused, in command mode), presses Tab until a control has the focus, changes it
with the keys a learner would use (arrows, typing, Enter, Space) and checks what the widget
shows. Every control of a widget is reached by Tab, and Tab leads out again (no trap).
The expected values are computed with the course's own functions, never typed.
"""
from __future__ import annotations

import nbformat
import pytest
from harness import error_outputs, notebook, open_notebook, run_all_cells, screenshot, wait_outputs_settled

from course import claims, law, storage
from course.widgets import progress_panel
from course.widgets.explorer import ClaimExplorer

pytestmark = pytest.mark.browser

FOCUSED = "(selector) => { const e = document.activeElement; return !!e && e.matches(selector); }"
DESCRIBE = """() => { const e = document.activeElement;
    return e ? e.tagName.toLowerCase() + '.' + String(e.className).split(' ').slice(0, 3).join('.') : 'none'; }"""
# What a keyboard user can reach in a widget: form controls, buttons, links, summaries; marked in order.
MARK_CONTROLS = """(root) => {
    const all = [...document.querySelectorAll(root + ' :is(input, select, textarea, button, a[href], summary)')]
        .filter(e => !e.disabled && e.getClientRects().length > 0);
    all.forEach((e, i) => e.setAttribute('data-kb', String(i)));
    return all.length;
}"""


def press(page, key: str, times: int = 1) -> None:
    """Press ``key`` (e.g. ``"ArrowDown"``, ``"Shift+Tab"``) ``times`` times, as a learner does."""
    for _ in range(times):
        page.keyboard.press(key)


def tab_to(page, selector: str, limit: int = 40, back: bool = False) -> int:
    """Press Tab (Shift+Tab with ``back``) until the focused element matches ``selector``; the presses.

    Fails, listing where the focus went, when ``limit`` presses do not get there.
    """
    seen = []
    for count in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(FOCUSED, selector):
            return count
        seen.append(page.evaluate(DESCRIBE))
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab; the focus went to {seen}")


def start_from_widget_cell(page, widget: str) -> None:
    """Command mode, with the focus on the cell whose output holds ``widget`` (Run All leaves it there)."""
    press(page, "Escape")
    assert page.evaluate("(w) => { const e = document.activeElement;"
                         " return e.matches('.jp-Cell') && !!e.querySelector(w); }", widget), \
        f"the focus is not on the cell of {widget}: {page.evaluate(DESCRIBE)}"


def assert_every_control_reached_and_no_trap(page, widget: str) -> None:
    """From the widget's cell, Tab visits every control of ``widget`` in turn and then leaves it;
    Shift+Tab goes back through them to the cell."""
    start_from_widget_cell(page, widget)
    total = page.evaluate(MARK_CONTROLS, widget)
    assert total > 0
    visited = []
    for _ in range(total + 10):
        press(page, "Tab")
        mark = page.evaluate("() => document.activeElement && document.activeElement.getAttribute('data-kb')")
        inside = page.evaluate("(w) => !!document.activeElement.closest(w)", widget)
        if mark is not None:
            visited.append(int(mark))
        elif visited and not inside:
            break                                            # out of the widget again: no trap
    else:
        raise AssertionError(f"Tab never left {widget}; visited {visited}")
    assert visited == list(range(total)), f"Tab order {visited}, expected every one of {total} controls in turn"
    tab_to(page, f".jp-Cell:has({widget})", limit=total + 10, back=True)   # and Shift+Tab leads back


def replace_text(page, text: str) -> None:
    """Select what the focused box holds and type ``text`` instead, then Enter."""
    press(page, "Control+a")
    page.keyboard.type(text)
    press(page, "Enter")


def test_calculator_by_keyboard(lab, page):
    from playwright.sync_api import expect

    open_notebook(page, lab, "tests/calculator.ipynb")       # calculator(users=1.2e9), in Chinese
    run_all_cells(page)
    assert error_outputs(page) == []
    assert_every_control_reached_and_no_trap(page, ".storage-calculator")

    total = notebook(page).locator(".calc-total-value")
    chart = notebook(page).locator(".calc-chart img")
    expect(total).to_have_text(storage.format_bytes(storage.estimate(users=1.2e9).bytes_per_day))
    chart_before = chart.get_attribute("src")

    start_from_widget_cell(page, ".storage-calculator")
    tab_to(page, ".calc-input-users input")
    replace_text(page, "1000000000")
    expect(total).to_have_text(storage.format_bytes(storage.estimate(users=1e9).bytes_per_day))
    expect(chart).not_to_have_attribute("src", chart_before)          # the figure follows

    tab_to(page, ".calc-input-compression_pct input")
    press(page, "ArrowUp", 5)
    press(page, "Enter")
    expect(notebook(page).locator(".calc-input-compression_pct input")).to_have_value("5")
    expect(total).to_have_text(storage.format_bytes(storage.estimate(users=1e9, compression_pct=5).bytes_per_day))

    tab_to(page, ".storage-calculator button")                        # reset, with Space
    press(page, "Space")
    expect(notebook(page).locator(".calc-input-users input")).to_have_value("1200000000")
    expect(total).to_have_text(storage.format_bytes(storage.estimate(users=1.2e9).bytes_per_day))

    sources = notebook(page).locator(".calc-sources")
    assert sources.get_attribute("open") is None
    tab_to(page, ".calc-sources summary")                             # where the defaults come from
    press(page, "Enter")
    expect(sources).to_have_attribute("open", "")
    expect(sources.locator("table")).to_contain_text("wechat_mau_2025q4")
    assert error_outputs(page) == []
    screenshot(page, "keyboard-calculator", notebook(page).locator(".storage-calculator"))


def test_statute_viewer_by_keyboard(lab, page):
    from playwright.sync_api import expect

    open_notebook(page, lab, "tests/viewer.ipynb")           # viewer("csl", 21, version=2017)
    run_all_cells(page)
    assert error_outputs(page) == []
    assert_every_control_reached_and_no_trap(page, ".course-viewer")
    view = notebook(page).locator(".course-viewer-view")
    statute = view.locator(".course-statute").first
    expect(statute).to_have_attribute("data-article-id", "csl-2017:21")

    # The version drop-down: the down arrow picks the next version, and the focus stays on it.
    start_from_widget_cell(page, ".course-viewer")
    tab_to(page, ".course-viewer-version select")
    (_, old), (_, new) = law.versions("csl")[:2]
    press(page, "ArrowDown")
    expect(statute).to_have_attribute("data-article-id", f"{new}:21")
    assert page.evaluate(FOCUSED, ".course-viewer-version select"), "the arrow key left the drop-down"
    assert law.by_id(f"{new}:21").text.splitlines()[0] in statute.inner_text()

    # The law drop-down (Shift+Tab back to it): another law, another text; the up arrow returns.
    tab_to(page, ".course-viewer-law select", back=True)
    families = law.families()
    press(page, "ArrowDown")
    expect(notebook(page).locator(".course-viewer-law select")).to_have_value(families[1][0])
    expect(view).not_to_contain_text(law.by_id(f"{new}:21").text.splitlines()[0])
    press(page, "ArrowUp")
    expect(notebook(page).locator(".course-viewer-law select")).to_have_value(families[0][0])
    expect(statute).to_have_attribute("data-article-id", f"{law.versions('csl')[-1][1]}:21")

    # Type an article number, then turn the comparison on with Space.
    tab_to(page, ".course-viewer-article input")
    replace_text(page, "第二十三条")
    latest = law.versions("csl")[-1][1]
    expect(statute).to_have_attribute("data-article-id", f"{latest}:23")
    tab_to(page, "button.course-viewer-compare")
    press(page, "Space")
    old_head = view.locator(".course-compare-old-head").first
    expect(old_head).to_be_visible()
    expect(old_head).to_have_text(law.by_id(f"{old}:21").citation(lang="zh"))

    # Count words: type them, Tab to the button, Enter.
    tab_to(page, ".course-viewer-words input")
    page.keyboard.type("网络")
    tab_to(page, "button.course-viewer-count")
    press(page, "Enter")
    counter = notebook(page).locator(".course-viewer-counter .course-counter")
    expected = int(law.keyword_table(latest, ["网络"])["total"].sum())
    expect(counter).to_have_attribute("data-total", str(expected))
    assert error_outputs(page) == []
    screenshot(page, "keyboard-viewer", notebook(page).locator(".course-viewer"))


def test_claim_explorer_by_keyboard(lab, page):
    from playwright.sync_api import expect

    open_notebook(page, lab, "tests/explorer.ipynb")         # ClaimExplorer(), in English
    run_all_cells(page)
    assert error_outputs(page) == []
    explorer = notebook(page).locator(".claim-explorer").first
    expect(explorer.locator(".claim-explorer-count")).to_have_attribute("data-count", str(len(claims.claims())))
    assert_every_control_reached_and_no_trap(page, ".claim-explorer")

    # The lesson filter: the down arrow picks the first lesson; the count and the list follow.
    start_from_widget_cell(page, ".claim-explorer")
    tab_to(page, ".claim-explorer-lesson select")
    first = sorted(set(claims.claims()["lesson"]))[0]
    ids = ClaimExplorer(build=False).set_filters(lesson=first)
    press(page, "ArrowDown")
    expect(explorer.locator(".claim-explorer-count")).to_have_attribute("data-count", str(len(ids)))
    assert page.evaluate(FOCUSED, ".claim-explorer-lesson select"), "the arrow key left the drop-down"
    expect(explorer.locator(".claim-explorer-claims select option")).to_have_count(len(ids))
    expect(explorer.locator(".claim-card").first).to_have_attribute("data-claim", ids[0])

    # The list of claims: Tab to it, the down arrow shows the next claim's card.
    tab_to(page, ".claim-explorer-claims select")
    press(page, "ArrowDown")
    expect(explorer.locator(".claim-card").first).to_have_attribute("data-claim", ids[1])
    expect(explorer.locator(".claim-card .claim-verdict").first).to_have_attribute(
        "data-verdict", claims.claim(ids[1])["verdict"])
    assert error_outputs(page) == []
    screenshot(page, "keyboard-explorer", explorer)


def _progress_notebook(lab, progress_file) -> str:
    """A notebook in the server's folder: an exercise of lesson 00, then its progress panel."""
    cells = [
        nbformat.v4.new_markdown_cell("# 进度面板（键盘测试）"),
        nbformat.v4.new_code_cell(f"import os\nos.environ['COURSE_PROGRESS_FILE'] = {str(progress_file)!r}\n"
                                  "import course\ncourse.set_language('zh')\nex = course.exercises.lesson('00')"),
        nbformat.v4.new_code_cell("answer = ...\nex.csl_articles_2017.check(answer)"),
        nbformat.v4.new_code_cell("course.widgets.progress('00')"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, lab.root / "tests" / "keyboard-progress.ipynb")
    return "tests/keyboard-progress.ipynb"


def test_progress_panel_follows_an_answer_given_by_keyboard(lab, page, monkeypatch, language):
    """The panel has no control of its own: it is refreshed by running its cell again (Shift+Enter)."""
    from playwright.sync_api import expect

    progress_file = lab.home / "keyboard-progress.json"
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(progress_file))     # the file the notebook writes
    language("zh")

    def lines(text: str) -> list[str]:                      # HTML shows a run of spaces as one
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]

    open_notebook(page, lab, _progress_notebook(lab, progress_file))
    run_all_cells(page)
    panel = notebook(page).locator(".course-feedback").last
    before = lines(repr(progress_panel.progress("00")))
    assert lines(panel.inner_text()) == before
    assert page.evaluate("() => document.querySelectorAll("
                         "'.jp-NotebookPanel:not(.lm-mod-hidden) .course-feedback :is(a, button, input, select)').length"
                         ) == 0, "the progress panel has controls this test does not try"

    press(page, "Escape")
    press(page, "ArrowUp")                                  # from the panel's cell to the answer's
    press(page, "Enter")                                    # edit the answer
    press(page, "Control+a")
    page.keyboard.type("answer = -1\nex.csl_articles_2017.check(answer)")
    press(page, "Shift+Enter")                              # run it; the panel's cell is next
    expect(notebook(page).locator(".jp-Cell").nth(2).locator(".course-feedback")).to_contain_text(
        "00.csl_articles_2017")
    press(page, "Shift+Enter")                              # run the panel again
    wait_outputs_settled(page)
    after = lines(repr(progress_panel.progress("00")))
    assert after != before and progress_panel.BARS["wrong"] in after[1]
    expect(panel).to_contain_text(progress_panel.BARS["wrong"] + progress_panel.BARS["untried"])  # the new bar
    assert lines(panel.inner_text()) == after
    assert error_outputs(page) == []

"""A saved lesson reopened later never shows a broken widget, in a real JupyterLab.

The test runs a notebook with the three course widgets, saves it with Ctrl+S, closes it,
shuts its kernel down (the widgets' models are gone with it), opens it again on a new
kernel and checks: no "Error displaying widget" or "model not found" anywhere on show, and
in place of each widget the note that says to run the cell again, in the notebook's
language (Chinese and English). The note is the one in ``data/messages``, never typed here.
"""
from __future__ import annotations

import json
import time
import urllib.request

import nbformat
import pytest
from harness import error_outputs, notebook, open_notebook, run_all_cells, screenshot, wait_outputs_settled

from course.core.i18n import t

pytestmark = pytest.mark.browser

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGETS = ('course.widgets.viewer("csl", 21, version=2017)',
           "course.widgets.ClaimExplorer()",
           "course.widgets.calculator(users=1.2e9)")
BROKEN = ("Error displaying widget", "model not found", "Loading widget")


def _widget_notebook(lab, lang: str) -> str:
    """A notebook in the server's folder: the language, then one cell per course widget."""
    cells = [nbformat.v4.new_markdown_cell("# 重新打开（浏览器测试）" if lang == "zh" else "# Reopened (browser test)"),
             nbformat.v4.new_code_cell(f"import course\ncourse.set_language({lang!r})"),
             *(nbformat.v4.new_code_cell(code) for code in WIDGETS)]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    relpath = f"tests/reopen-{lang}.ipynb"
    nbformat.write(nb, lab.root / relpath)
    return relpath


def _saved_widget_outputs(path) -> int:
    """How many widget outputs the notebook file on disk holds."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return sum(WIDGET_MIME in output.get("data", {})
               for cell in nb["cells"] if cell["cell_type"] == "code" for output in cell.get("outputs", []))


def _wait_saved(path, count: int, timeout: float = 60) -> None:
    """Wait until the file on disk holds ``count`` widget outputs (the save has landed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _saved_widget_outputs(path) == count:
            return
        time.sleep(0.25)
    raise AssertionError(f"{path.name} was not saved with {count} widget outputs")


SHUT_DOWN = """async (path) => {
    // JupyterLab's own session manager (window.jupyterapp: the server runs with expose_app_in_browser).
    const sessions = window.jupyterapp.serviceManager.sessions;
    await sessions.refreshRunning();
    const found = [...sessions.running()].filter(s => s.path === path);
    for (const s of found) { await sessions.shutdown(s.id); }
    return found.length;
}"""


def _shut_down_kernel(page, lab, relpath: str) -> None:
    """Shut down the kernel of ``relpath`` (its session is deleted); check the server has none left."""
    assert page.evaluate(SHUT_DOWN, relpath) >= 1, f"no kernel session for {relpath}"
    with urllib.request.urlopen(f"{lab.url}/api/sessions", timeout=10) as response:
        assert [s for s in json.load(response) if s.get("path") == relpath] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reopened_lesson_shows_the_rerun_note_not_a_broken_widget(lab, page, lang):
    from playwright.sync_api import expect

    relpath = _widget_notebook(lab, lang)
    open_notebook(page, lab, relpath)
    run_all_cells(page)
    assert error_outputs(page) == []
    panel = notebook(page)
    expect(panel.locator(".course-widget")).to_have_count(len(WIDGETS))
    notes = panel.locator(".course-rerun-note")
    expect(notes).to_have_count(len(WIDGETS))
    for index in range(len(WIDGETS)):
        expect(notes.nth(index)).to_be_hidden()                  # hidden while the widget is live

    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")                               # save, as a learner does
    _wait_saved(lab.root / relpath, len(WIDGETS))
    expect(panel.locator(".jp-mod-dirty")).to_have_count(0)
    _shut_down_kernel(page, lab, relpath)                          # the widgets' models go with it
    page.goto("about:blank")                                       # close the lesson

    open_notebook(page, lab, relpath)                              # reopened, on a new kernel
    wait_outputs_settled(page)
    page.wait_for_timeout(1500)                                    # let the widget manager give up
    wait_outputs_settled(page)
    panel = notebook(page)
    expect(panel.locator(".course-widget")).to_have_count(0)       # the live widgets are gone
    shown = panel.inner_text()                                     # only what is on show
    for text in BROKEN:
        assert text not in shown, f"{text!r} is on show in the reopened notebook"
    stand_ins = panel.locator(".jp-OutputArea-output.jupyter-widgets")   # JupyterLab's place for each widget
    expect(stand_ins).to_have_count(len(WIDGETS))
    for index in range(len(WIDGETS)):
        expect(stand_ins.nth(index)).to_be_hidden()
    notes = panel.locator(".course-rerun-note")
    expect(notes).to_have_count(len(WIDGETS))
    message = t("widgets.rerun", lang)
    for index in range(len(WIDGETS)):
        expect(notes.nth(index)).to_be_visible()
        expect(notes.nth(index)).to_contain_text(message)
    assert shown.count(message) == len(WIDGETS)
    assert error_outputs(page) == []
    screenshot(page, f"reopened-{lang}", panel.locator(".jp-Cell").nth(2))

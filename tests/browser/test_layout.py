"""Nothing is cut off at JupyterLab's default width: the renumbering table, the statute viewer
(with its comparison open) and the storage calculator, in both languages.

The page is 1400×1000 and the notebook opens in JupyterLab's default layout (file browser
open on the left). Every element of the course's outputs must show all its text: none may be
wider inside than its box (``scrollWidth > clientWidth``: clipped, cut with “…”, or pushed
into a scroll bar). The table's cells must hold the whole texts of ``course.law.renumbering``,
the table must start at the left of its output, and its texts on the left of their cells.
"""
from __future__ import annotations

import pytest
from harness import error_outputs, notebook, open_notebook, run_all_cells, screenshot

from course import law
from course.core.i18n import language, t

pytestmark = pytest.mark.browser

ARTICLES = [21, 28, 41, 47, 48, 50, 64, 66, 70]     # as the notebooks below show them

# Every element of the outputs with a box whose content is wider than the box, as a line
# that says which element it is and what it shows.
CLIPPED = """(root) => [...root.querySelectorAll('.jp-OutputArea-output, .jp-OutputArea-output *')]
    .filter(el => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
    .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} `
        + `(${el.scrollWidth} > ${el.clientWidth}, text-overflow: ${getComputedStyle(el).textOverflow}): `
        + (el.innerText || el.value || el.placeholder || '').slice(0, 60))"""

# Texts cut with “…” by CSS: text-overflow: ellipsis on an element narrower than its text.
ELLIPSIS = """(root) => [...root.querySelectorAll('.jp-OutputArea-output *')]
    .filter(el => getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth)
    .map(el => (el.innerText || '').slice(0, 60))"""


# How the renumbering table sits: how far its left edge is from its region's, and how its
# header and body cells align their text.
ALIGNMENT = """(region) => ({
    indent: region.querySelector('table').getBoundingClientRect().left - region.getBoundingClientRect().left,
    align: [...region.querySelectorAll('th, td')].map(cell => getComputedStyle(cell).textAlign)})"""


@pytest.mark.parametrize("lang,relpath", [("zh", "tests/layout.ipynb"), ("en", "tests/layout-en.ipynb")])
def test_no_text_is_cut_off_at_the_default_width(lab, page, lang, relpath):
    open_notebook(page, lab, relpath)
    run_all_cells(page)
    assert error_outputs(page) == []
    panel = notebook(page)
    for selector in (".course-table table", ".course-viewer .course-compare table",
                     "button.course-viewer-compare", ".storage-calculator .calc-chart img"):
        panel.locator(selector).first.wait_for(state="visible")
    assert page.viewport_size == {"width": 1400, "height": 1000}
    assert page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").count() == 1   # default layout

    with language(lang):
        table = law.renumbering(ARTICLES)
    basis = table.columns[3]
    column = list(table.columns).index(basis) + 1                  # nth-child, no index column
    cells = panel.locator(".course-table").first.locator(f"tbody tr td:nth-child({column})").all_inner_texts()
    assert [text.strip() for text in cells] == table[basis].tolist()     # the whole texts, not cut
    aligned = panel.locator(".course-table").first.evaluate(ALIGNMENT)
    assert aligned["indent"] <= 2 and set(aligned["align"]) <= {"left", "start"}, aligned

    with language(lang):
        assert panel.locator("button.course-viewer-compare").inner_text().strip() == t("viewer.compare")
    root = panel.element_handle()
    clipped = page.evaluate(CLIPPED, root)
    cut = page.evaluate(ELLIPSIS, root)
    for name, locator in (("table", panel.locator(".course-table").first),
                          ("viewer", panel.locator(".course-viewer").first),
                          ("calculator", panel.locator(".storage-calculator").first)):
        screenshot(page, f"layout-{lang}-{name}", locator)
    assert clipped == [], "text cut off at the default width:\n" + "\n".join(clipped)
    assert cut == [], "text cut with an ellipsis:\n" + "\n".join(cut)

"""Lesson 00 in a real JupyterLab: runs clean, shows its title, Chinese glyphs render."""
from __future__ import annotations

import pytest
from harness import REPO, error_outputs, heading_of, notebook, open_notebook, run_all_cells, screenshot

LESSON = "00-start-here.ipynb"
# Until lesson 00 exists, the harness's own tiny notebooks stand in for it.
FALLBACK = {"zh": "tests/hello.ipynb", "en": "tests/hello-en.ipynb"}

# Two different CJK characters drawn on a canvas give different pixels, unless the page
# has no CJK font and both become the same "tofu" box.
GLYPHS_DIFFER = """(font) => {
    const draw = (ch) => {
        const canvas = document.createElement('canvas');
        canvas.width = 64; canvas.height = 64;
        const ctx = canvas.getContext('2d');
        ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'top';
        ctx.fillText(ch, 4, 4);
        return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(',');
    };
    const a = draw('城'), b = draw('市'), blank = draw(' ');
    return a !== b && a !== blank;
}"""


def lesson_path(lang: str) -> str:
    """Where lesson 00 of ``lang`` is inside the server's folder (a stand-in until it exists)."""
    return f"{lang}/{LESSON}" if (REPO / "notebooks" / lang / LESSON).is_file() else FALLBACK[lang]


def source_file(relpath: str):
    """The source .ipynb behind a path in the server's folder."""
    if relpath.startswith("tests/"):
        return REPO / "tests" / "browser" / "notebooks" / relpath.removeprefix("tests/")
    return REPO / "notebooks" / relpath


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lesson00_runs_and_shows_its_title(lab, page, lang):
    relpath = lesson_path(lang)
    title = heading_of(source_file(relpath))
    open_notebook(page, lab, relpath)
    run_all_cells(page)

    assert error_outputs(page) == []
    heading = notebook(page).locator(".jp-RenderedMarkdown h1", has_text=title).first
    heading.wait_for(state="visible")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    assert heading.inner_text().replace("¶", "").strip() == title
    box = heading.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0

    # document.fonts.check() is true even for a font that is not installed (it only looks at
    # web fonts), so the glyph test below is what proves CJK text is drawn.
    family = page.evaluate("(el) => getComputedStyle(el).fontFamily", heading.element_handle())
    assert page.evaluate(GLYPHS_DIFFER, f"32px {family}"), f"CJK glyphs render as boxes in {family}"
    screenshot(page, f"lesson00-{lang}")
    screenshot(page, f"lesson00-{lang}-heading", heading)


@pytest.mark.browser
def test_harness_reports_errors(lab, page):
    """The helpers see a traceback: a notebook that raises is not reported as clean."""
    open_notebook(page, lab, "tests/error.ipynb")
    run_all_cells(page)
    errors = error_outputs(page)
    assert len(errors) == 1
    assert "deliberate error for the harness test" in errors[0]

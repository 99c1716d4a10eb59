"""The course's outputs read in JupyterLab Light and Dark: every visible text meets WCAG AA.

``tests/themes.ipynb`` shows feedback in every tone (right, wrong, hint, untried, an open
answer, a self-assessment), the claim explorer, one claim card per verdict (its badge), the
statute viewer with a highlighted word and the comparison of two versions, and the storage
calculator's error message. For each theme the test switches JupyterLab to it
(``apputils:change-theme``), runs the notebook, screenshots it
(``artifacts/screenshots/theme-<theme>-*.png``) and measures the contrast of every visible
text element of the outputs against its effective background (``contrast.py``): at least
4.5:1, 3:1 for large text. The figures go to ``artifacts/contrast-<theme>.json``.

(axe-core's ``color-contrast`` rule is no substitute here: it judges only what is on screen
in JupyterLab's scrolling panel (9 of ~320 texts here), and it reported nothing when the
verdict badges were white on orange, 3.1:1.)
"""
from __future__ import annotations

import json

import pytest
from contrast import DARK, LIGHT, describe, failures, set_theme, text_contrast
from harness import ARTIFACTS, PANEL, error_outputs, notebook, open_notebook, run_all_cells, screenshot

from course import claims

pytestmark = pytest.mark.browser

NOTEBOOK = "tests/themes.ipynb"
TONES = ("correct", "incorrect", "info", "not_attempted", "attempted", "self_assessed")
PARTS = {
    **{f"feedback:{tone}": f".course-feedback[data-status='{tone}'] > b" for tone in TONES},
    **{f"badge:{verdict}": f".claim-verdict[data-verdict='{verdict}']" for verdict in claims.verdicts().index},
    "highlight": "mark.course-mark",
    "deleted": ".course-compare del",
    "inserted": ".course-compare ins",
    "calculator-error": ".storage-calculator [role='alert']",
}
PAGE_BACKGROUND = """(panel) => getComputedStyle(document.querySelector(panel + ' .jp-Notebook')).backgroundColor"""


@pytest.fixture
def themed(lab, page):
    """Leave the server's settings on the Light theme for the tests after this one."""
    settings = lab.home / "settings" / "@jupyterlab" / "apputils-extension" / "themes.jupyterlab-settings"
    existed = settings.exists()
    yield
    try:
        set_theme(page, LIGHT)
    finally:
        if not existed:
            settings.unlink(missing_ok=True)


def brightness(css: str) -> float:
    """The mean of the red, green and blue of ``rgb(r, g, b)``.

    >>> brightness("rgb(17, 17, 17)")
    17.0
    """
    values = [float(v) for v in css[css.index("(") + 1:css.index(")")].replace(",", " ").split()[:3]]
    return sum(values) / 3


def minima(rows: list[dict]) -> dict[str, float]:
    """The lowest ratio of each named part, and of all text (``"all"``).

    >>> minima([{"part": "a", "ratio": 5.0}, {"part": "a", "ratio": 4.6}, {"part": None, "ratio": 9.0}])
    {'a': 4.6, 'all': 4.6}
    """
    low: dict[str, float] = {}
    for row in rows:
        if row["part"]:
            low[row["part"]] = min(low.get(row["part"], row["ratio"]), row["ratio"])
    low["all"] = min(row["ratio"] for row in rows)
    return low


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_every_text_in_the_outputs_meets_wcag_aa(lab, page, themed, theme):
    open_notebook(page, lab, NOTEBOOK)
    set_theme(page, theme)
    run_all_cells(page)
    assert error_outputs(page) == []
    viewer = notebook(page).locator(".course-viewer")
    viewer.locator(".course-compare del, .course-compare ins").first.wait_for(state="visible")
    background = brightness(page.evaluate(PAGE_BACKGROUND, PANEL))
    assert (background > 200) if theme == LIGHT else (background < 60), f"{theme} is not on show"

    slug = theme.split()[-1].lower()
    notebook(page).locator(".course-feedback").first.scroll_into_view_if_needed()
    screenshot(page, f"theme-{slug}-feedback")
    screenshot(page, f"theme-{slug}-explorer", notebook(page).locator(".claim-explorer").first)
    screenshot(page, f"theme-{slug}-viewer", viewer)

    rows = text_contrast(page, PANEL, PARTS)
    low = minima(rows)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"contrast-{slug}.json").write_text(
        json.dumps({"theme": theme, "elements": len(rows), "minimum": low, "rows": rows},
                   ensure_ascii=False, indent=1), encoding="utf-8")
    assert set(PARTS) <= set(low), f"not measured: {sorted(set(PARTS) - set(low))}"
    bad = failures(rows)
    assert bad == [], f"{theme}: {len(bad)} of {len(rows)} texts below WCAG AA:\n{describe(bad)}"


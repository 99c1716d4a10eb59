"""Every lesson runs in a real JupyterLab with no error output (lesson 00 has its own, closer test)."""
from __future__ import annotations

import pytest
from harness import REPO, error_outputs, open_notebook, run_all_cells, screenshot

LESSONS = sorted(p.relative_to(REPO / "notebooks").as_posix()
                 for p in (REPO / "notebooks").glob("*/*.ipynb")
                 if not p.name.startswith("00-"))


@pytest.mark.browser
@pytest.mark.parametrize("relpath", LESSONS)
def test_lesson_runs_in_the_browser(lab, page, relpath):
    open_notebook(page, lab, relpath)
    run_all_cells(page)
    errors = error_outputs(page)
    screenshot(page, "run-" + relpath.replace("/", "-").removesuffix(".ipynb"))
    assert errors == [], f"{relpath}: error output in the browser:\n" + "\n---\n".join(errors)

"""Every lesson, both languages, runs in a real JupyterLab and its outputs pass axe-core.

One run per lesson: open it, run all cells, check there is no error output, then audit the
course's own outputs (widgets, tables, charts, feedback: every ``.jp-OutputArea-output``)
with axe-core (this is the one test that runs every lesson; lesson 00 also has its own, closer
test). JupyterLab's own chrome is not judged. A violation is reported with the HTML
of the nodes that fail, so the message says what to fix.
"""
from __future__ import annotations

import pytest
from axe import audit_outputs, axe_missing_reason, describe
from harness import REPO, error_outputs, open_notebook, run_all_cells, screenshot

LESSONS = sorted(p.relative_to(REPO / "notebooks").as_posix() for p in (REPO / "notebooks").glob("*/*.ipynb"))


@pytest.mark.browser
@pytest.mark.parametrize("relpath", LESSONS)
def test_lesson_runs_clean_and_its_outputs_pass_axe(lab, page, relpath):
    reason = axe_missing_reason()
    open_notebook(page, lab, relpath)
    run_all_cells(page)
    errors = error_outputs(page)
    screenshot(page, "run-" + relpath.replace("/", "-").removesuffix(".ipynb"))
    assert errors == [], f"{relpath}: error output in the browser:\n" + "\n---\n".join(errors)
    if reason:
        pytest.skip(reason)
    violations = audit_outputs(page)
    assert violations == [], f"{relpath}: axe-core violations in the outputs:\n{describe(violations)}"

"""The claim explorer in a real JupyterLab: filter, pick a claim, see its verdict and the law text."""
from __future__ import annotations

import pytest
from harness import error_outputs, notebook, open_notebook, run_all_cells, screenshot

from course import claims, law


@pytest.mark.browser
def test_filter_select_and_read_the_card(lab, page):
    open_notebook(page, lab, "tests/explorer.ipynb")
    run_all_cells(page)
    assert error_outputs(page) == []
    panel = notebook(page)
    explorer = panel.locator(".claim-explorer").first
    explorer.wait_for(state="visible")
    total = len(claims.claims())
    explorer.locator(f'.claim-explorer-count[data-count="{total}"]').wait_for()

    # Filter: lesson 05, then verdict "outdated citation" -> only C21 is left.
    explorer.locator(".claim-explorer-lesson select").select_option(label=claims.lesson_label("05", "en"))
    expected = len(claims.for_lesson("05"))
    explorer.locator(f'.claim-explorer-count[data-count="{expected}"]').wait_for()
    explorer.locator(".claim-explorer-verdict select").select_option(
        label=claims.verdict_label("outdated", "en"))
    explorer.locator('.claim-explorer-count[data-count="1"]').wait_for()
    options = explorer.locator(".claim-explorer-claims select option")
    assert options.count() == 1 and options.first.inner_text().startswith("C21")

    # Select the claim: its card shows the verdict, the highlighted quote and the cited law text.
    explorer.locator(".claim-explorer-claims select").select_option(value=options.first.get_attribute("value"))
    card = explorer.locator('.claim-card[data-claim="C21"]')
    card.wait_for(state="visible")
    verdict = card.locator(".claim-verdict")
    assert verdict.get_attribute("data-verdict") == "outdated"
    assert verdict.inner_text().strip() == "outdated citation"
    assert card.locator("mark.claim-quote").inner_text().startswith("否则根据《网络安全法》第六十八条")
    for ref in ("csl-2017:68", "csl-2026:69"):
        provision = card.locator(f'.claim-provision[data-id="{ref}"]')
        citation = law.by_id(ref).citation("en")
        assert provision.locator(".claim-citation").inner_text().startswith(citation)
        text = provision.locator(".claim-law-text").inner_text()
        assert law.normalise(text) == law.normalise(law.by_id(ref).text)

    # A different claim through the filters: lesson 03, misattributed -> C08 and CSL Art. 21.
    explorer.locator(".claim-explorer-verdict select").select_option(
        label=claims.verdict_label("misattributed", "en"))
    explorer.locator(".claim-explorer-lesson select").select_option(label=claims.lesson_label("03", "en"))
    card = explorer.locator('.claim-card[data-claim="C08"]')
    card.wait_for(state="visible")
    assert card.locator(".claim-verdict").inner_text().strip() == "misattributed citation"
    assert "留存相关的网络日志不少于六个月" in card.locator('.claim-provision[data-id="csl-2017:21"]').inner_text()
    card.scroll_into_view_if_needed()
    screenshot(page, "claim-explorer-en", explorer)

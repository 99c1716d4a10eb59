"""The storage calculator in a real JupyterLab: moving inputs changes the displayed total correctly."""
import pytest
from harness import error_outputs, open_notebook, run_all_cells, screenshot

from course import storage

pytestmark = pytest.mark.browser


def _type_into(page, name: str, value: str) -> None:
    """Type a value into the text box of one calculator input and press Enter (as a learner does)."""
    box = page.locator(f".calc-input-{name} input")
    box.scroll_into_view_if_needed()
    box.fill(value)
    box.press("Enter")


def test_total_follows_two_inputs_and_a_slider(lab, page):
    from playwright.sync_api import expect

    open_notebook(page, lab, "tests/calculator.ipynb")
    run_all_cells(page)
    assert error_outputs(page) == []
    total = page.locator(".calc-total-value")
    expect(total).to_have_text(storage.format_bytes(storage.estimate(users=1.2e9).bytes_per_day))

    _type_into(page, "users", "1000000000")
    _type_into(page, "chars_per_message", "35")
    expected = storage.estimate(users=1e9, chars_per_message=35)
    expect(total).to_have_text(storage.format_bytes(expected.bytes_per_day))

    box = page.locator(".calc-input-compression_pct input")      # keyboard only: arrows, then Enter
    box.scroll_into_view_if_needed()
    box.focus()
    for _ in range(5):
        box.press("ArrowUp")
    box.press("Enter")
    expect(box).to_have_value("5")
    expected = storage.estimate(users=1e9, chars_per_message=35, compression_pct=5)
    expect(total).to_have_text(storage.format_bytes(expected.bytes_per_day))
    screenshot(page, "calculator-zh", page.locator(".storage-calculator"))


def test_invalid_input_shows_a_message_not_a_traceback(lab, page):
    from playwright.sync_api import expect

    open_notebook(page, lab, "tests/calculator.ipynb")
    run_all_cells(page)
    total = page.locator(".calc-total-value")
    before = total.inner_text()
    _type_into(page, "users", "-5")
    message = page.locator(".calc-error")
    expect(message).to_contain_text("users")
    expect(message).to_contain_text("允许范围")
    assert total.inner_text() == before
    assert error_outputs(page) == []

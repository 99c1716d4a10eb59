"""Fixtures for browser tests: ``lab`` (one JupyterLab per session) and ``page`` (a fresh page per test).

See ``harness.py`` for how to write a browser test.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # tests/: the grading fixtures

import harness  # noqa: E402


def _require_browser() -> None:
    """Skip when Chromium is missing outside CI; under CI a missing browser is a failure."""
    reason = harness.browser_missing_reason()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but the browser is missing: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def lab():
    """A running JupyterLab (``harness.Lab``) in a temp copy of the notebooks; stopped by PID at the end."""
    _require_browser()
    server = harness.start_lab()
    try:
        yield server
    finally:
        harness.stop_lab(server)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright (no ``playwright install`` needed)."""
    _require_browser()
    from playwright.sync_api import expect, sync_playwright

    # ``expect`` waits 5 s by default, not the page's timeout: too short on a busy machine.
    expect.set_options(timeout=harness.TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=harness.CHROMIUM, headless=True, args=harness.CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, request):
    """A new page per test (1400×1000); on failure a screenshot goes to artifacts/screenshots/."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    new_page = context.new_page()
    new_page.set_default_timeout(harness.TIMEOUT_MS)
    yield new_page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        try:
            harness.screenshot(new_page, f"FAILED-{request.node.name}")
        except Exception:  # the page may already be gone; the failure itself is reported anyway
            pass
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's report on the test item, so ``page`` can screenshot failures."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report

"""Helpers for browser tests: a real JupyterLab 4 driven by headless Chromium.

The fixtures in ``tests/browser/conftest.py`` start one JupyterLab server per
test session (loopback only, no token, isolated settings, news toast off) on
a free port, in a temporary *copy* of the repository's ``notebooks/`` and
``tests/browser/notebooks/`` folders, so a test never saves outputs into a
source notebook. Inside the copy the paths are::

    zh/00-start-here.ipynb, en/...      (the lessons)
    tests/<name>.ipynb                  (notebooks from tests/browser/notebooks/)

(``conftest.py`` puts this folder on ``sys.path``, so ``from harness import …``
works in any test file here.) A test asks for the ``lab`` fixture (the running server) and the ``page``
fixture (a fresh Chromium page per test), marks itself ``browser``, and uses
the helpers below::

    import pytest
    from harness import notebook, open_notebook, run_all_cells, error_outputs, screenshot

    @pytest.mark.browser
    def test_calculator(lab, page):
        open_notebook(page, lab, "zh/02-too-much-data.ipynb")
        run_all_cells(page)
        assert error_outputs(page) == []
        slider = notebook(page).locator(".widget-slider .noUi-handle").first
        slider.click(); slider.press("ArrowRight")
        page.wait_for_selector("text=…")          # what the widget shows after the change
        screenshot(page, "calculator-zh")         # -> artifacts/screenshots/calculator-zh.png

Useful selectors (JupyterLab 4.6, ipywidgets 8): a cell ``.jp-Cell``; an
output ``.jp-OutputArea-output``; a slider handle ``.widget-slider .noUi-handle``
and its value ``.widget-slider .widget-readout``; a dropdown ``.widget-dropdown
select``; a button ``.jupyter-button``; rendered markdown ``.jp-RenderedMarkdown``.
Scope selectors with ``notebook(page)`` (the panel on show). The notebook
scrolls inside JupyterLab's own panel: scroll an element into view
(``locator.scroll_into_view_if_needed()``) before a screenshot of it.

Browser tests are skipped (with a reason) only when ``/usr/bin/chromium`` is
missing and the environment variable ``CI`` is unset; under ``CI=true`` a
missing browser fails the run.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
IDLE = f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']"
ERROR_OUTPUT = (".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
                ".jp-OutputArea-output.jp-mod-error, .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
TIMEOUT_MS = 120_000


@dataclass
class Lab:
    """A running JupyterLab: ``url`` (e.g. ``http://127.0.0.1:40123``), ``root`` (its folder), ``pid``.

    >>> Lab(url="http://127.0.0.1:1", root=Path("."), pid=0, process=None).tree_url("zh/a.ipynb")
    'http://127.0.0.1:1/lab/tree/zh/a.ipynb?reset'
    """

    url: str
    root: Path
    pid: int
    process: subprocess.Popen | None
    home: Path | None = None
    log: Path | None = None
    _tmp: list = field(default_factory=list, repr=False)

    def tree_url(self, relpath: str) -> str:
        """The address that opens ``relpath`` (relative to ``root``) alone, in a fresh workspace."""
        return f"{self.url}/lab/tree/{relpath}?reset"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now.

    >>> 1024 < free_port() < 65536
    True
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def browser_missing_reason() -> str | None:
    """Why browser tests cannot run here (``None`` if Chromium is available)."""
    if Path(CHROMIUM).exists():
        return None
    return (f"{CHROMIUM} not found: install it with "
            "`apt-get install -y chromium chromium-driver fonts-noto-cjk`")


def copy_notebooks(dest: Path) -> Path:
    """Copy ``notebooks/`` and ``tests/browser/notebooks/`` (as ``tests/``) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    if (REPO / "notebooks").is_dir():
        shutil.copytree(REPO / "notebooks", dest, dirs_exist_ok=True, ignore=ignore)
    test_notebooks = Path(__file__).resolve().parent / "notebooks"
    if test_notebooks.is_dir():
        shutil.copytree(test_notebooks, dest / "tests", dirs_exist_ok=True, ignore=ignore)
    return dest


def _isolated_env(home: Path) -> dict:
    """Environment for a Jupyter server that ignores the user's ~/.jupyter and news toasts."""
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTER_DATA_DIR=os.environ.get("JUPYTER_DATA_DIR", str(home / "data")),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
               PYTHONDONTWRITEBYTECODE="1")
    notification = home / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    # Render every cell (no windowing), so off-screen cells and outputs are in the page for the tests.
    tracker = home / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    return env


def wait_for_server(url: str, process: subprocess.Popen | None = None, timeout: float = 90) -> None:
    """Wait until ``url/api/status`` answers; fail early if ``process`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2) as response:
                json.load(response)
                return
        except (OSError, ValueError):
            time.sleep(0.25)
    raise RuntimeError(f"jupyter lab did not answer at {url} within {timeout:.0f} s")


def start_lab(root: Path | None = None) -> Lab:
    """Start JupyterLab on a free loopback port in a temp copy of the notebooks; wait until it answers."""
    home = Path(tempfile.mkdtemp(prefix="course-lab-"))
    root = root or copy_notebooks(home / "root")
    env = _isolated_env(home)
    port = free_port()
    log = home / "jupyter-lab.log"
    with log.open("w") as log_handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
             "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
             "--allow-root", f"--ServerApp.root_dir={root}", "--ServerApp.open_browser=False",
             "--LabApp.expose_app_in_browser=True"],
            stdin=subprocess.DEVNULL, stdout=log_handle, stderr=subprocess.STDOUT, env=env, cwd=root)
    lab = Lab(url=f"http://127.0.0.1:{port}", root=root, pid=process.pid, process=process, home=home, log=log)
    try:
        wait_for_server(lab.url, process)
    except Exception:
        stop_lab(lab)
        raise RuntimeError(f"JupyterLab failed to start; log:\n{log.read_text(errors='replace')[-3000:]}")
    return lab


def stop_lab(lab: Lab, cleanup: bool = True) -> int | None:
    """Stop the server by its PID (SIGTERM, then SIGKILL after 15 s); remove its temp folder."""
    process = lab.process
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    if cleanup and lab.home is not None:
        shutil.rmtree(lab.home, ignore_errors=True)
    return process.returncode if process is not None else None


KERNEL_READY = """() => {
    // window.jupyterapp exists because the server runs with --LabApp.expose_app_in_browser.
    const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const context = widget && widget.sessionContext;
    const kernel = context && context.session && context.session.kernel;
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle'
        && !context.isRestarting;
}"""


def wait_kernel_idle(page, timeout: int = TIMEOUT_MS) -> None:
    """Wait until the open notebook's kernel is started, connected and idle.

    (The toolbar's execution indicator says "idle" even before a kernel exists, so the
    kernel itself is asked, through JupyterLab's application object.)
    """
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_function(KERNEL_READY, timeout=timeout)


def open_notebook(page, lab: Lab, relpath: str, timeout: int = TIMEOUT_MS) -> None:
    """Open ``relpath`` (relative to the server root) and wait for its cells and an idle kernel.

    Fails with a clear message if the file is missing from the server's folder.
    """
    if not (lab.root / relpath).is_file():
        raise FileNotFoundError(f"{relpath} is not in the JupyterLab folder {lab.root}")
    page.goto(lab.tree_url(relpath))
    page.wait_for_selector(f"{PANEL} .jp-Cell", timeout=timeout)
    wait_kernel_idle(page, timeout)


def run_all_cells(page, timeout: int = TIMEOUT_MS) -> None:
    """Run > Run All Cells (``runmenu:run-all``); wait until the run is over and the kernel is idle.

    The run is over when every code cell shows an execution count ``[n]:``, or when a
    cell failed (an error output is shown and no cell is still ``[*]:``; Run All stops there).
    """
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click("li.lm-Menu-item[data-command='runmenu:run-all']")
    page.wait_for_function(
        """(errorSelector) => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            if (!panel) return false;
            const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
                .map(p => p.textContent);
            if (prompts.some(text => text.includes('*'))) return false;
            const done = prompts.every(text => /\\[\\d+\\]/.test(text));
            return done || panel.querySelector(errorSelector) !== null;
        }""",
        arg=ERROR_OUTPUT, timeout=timeout)
    wait_kernel_idle(page, timeout)
    wait_outputs_settled(page, timeout)


def wait_outputs_settled(page, timeout: int = TIMEOUT_MS, quiet_ms: int = 750) -> None:
    """Wait until the rendered outputs of the open notebook stop changing for ``quiet_ms``.

    Outputs are drawn a moment after a cell's execution count appears, so tests that
    read outputs call this (``run_all_cells`` already does).
    """
    signature = """() => [...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea')].map(e => e.innerHTML.length).join(',')"""
    deadline = time.monotonic() + timeout / 1000
    last, stable_since = None, time.monotonic()
    while time.monotonic() < deadline:
        current = page.evaluate(signature)
        if current != last:
            last, stable_since = current, time.monotonic()
        elif (time.monotonic() - stable_since) * 1000 >= quiet_ms:
            return
        page.wait_for_timeout(150)
    raise TimeoutError("notebook outputs kept changing")


def notebook(page):
    """Locator of the notebook panel on show; scope your selectors with it.

    ``notebook(page).locator(".jp-Cell").nth(3)`` is the fourth cell of the open notebook.
    """
    return page.locator(PANEL)


def error_outputs(page) -> list[str]:
    """Text of every error output (tracebacks, stderr) in the open notebook; ``[]`` when clean."""
    texts = notebook(page).locator(ERROR_OUTPUT).all_inner_texts()
    return [text.strip() for text in texts if text.strip()]


def screenshot(page, name: str, locator=None) -> Path:
    """Save a PNG of the page (or of ``locator``) to ``artifacts/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9._-]+', '-', name)}.png"
    if locator is not None:
        locator.scroll_into_view_if_needed()
        locator.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path), full_page=False)
    return path


def heading_of(notebook: Path) -> str:
    """The ``# `` title in the first markdown cell of a notebook file.

    >>> import nbformat, tempfile
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 标题\\n\\n正文")])
    >>> path = Path(tempfile.mkdtemp()) / "x.ipynb"; nbformat.write(nb, path)
    >>> heading_of(path)
    '标题'
    """
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
            break
    raise ValueError(f"{notebook}: the first markdown cell has no '# ' title")

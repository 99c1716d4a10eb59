"""The Binder configuration in ``binder/``: what repo2docker reads, and whether it works.

repo2docker (mybinder.org, any BinderHub, an image for a JupyterHub) reads only the
``binder/`` folder when it exists: ``runtime.txt`` (Python version), ``apt.txt``
(Debian packages), ``requirements.txt`` (``pip install -r`` from the repository
root) and ``postBuild`` (run as ``./binder/postBuild`` from the repository root).
The fast tests check those files against ``pyproject.toml``; the slow test does what
repo2docker does, in a fresh virtual environment, and runs lesson 00 with it.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
LESSON = Path("notebooks") / "zh" / "00-start-here.ipynb"
NOT_COPIED = {".git", ".venv", ".venv-test", "venv", "__pycache__", ".pytest_cache", ".hypothesis", "build",
              "dist", "artifacts", ".ipynb_checkpoints", "wechat-course"}


def _lines(path: Path) -> list[str]:
    """Non-empty lines of a file without ``#`` comments."""
    text = path.read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _by_name(requirements) -> dict[str, str]:
    parsed = [Requirement(r) for r in requirements]
    return {canonicalize_name(r.name): str(r.specifier) for r in parsed}


def test_requirements_match_pyproject_dependencies():
    binder = _by_name(_lines(BINDER / "requirements.txt"))
    project = _by_name(_pyproject()["project"]["dependencies"])
    assert binder == project


def test_requirements_name_packages_only():
    # A local path (".", "-e ..", "-r other.txt") would make repo2docker copy the whole
    # repository before installing, so every change to a lesson would reinstall everything.
    for line in _lines(BINDER / "requirements.txt"):
        assert not line.startswith(("-", ".", "/")), line
        assert "://" not in line, line
        Requirement(line)  # raises if the line is not a plain requirement


def test_runtime_python_satisfies_requires_python():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert match, runtime
    assert SpecifierSet(_pyproject()["project"]["requires-python"]).contains(match.group(1))


def test_apt_lists_the_cjk_font_with_valid_names():
    packages = _lines(BINDER / "apt.txt")
    assert "fonts-noto-cjk" in packages
    assert all(re.fullmatch(r"[a-z0-9.+-]+", p) for p in packages), packages


def test_post_build_installs_the_package_itself():
    script = BINDER / "postBuild"
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/bash\n")
    assert "set -euo pipefail" in text
    commands = _lines(script)
    assert "python -m pip install --no-cache-dir --no-deps ." in commands
    assert script.stat().st_mode & stat.S_IXUSR


def _copy_repository(target: Path) -> Path:
    """The working tree, without version-control data, caches and local environments."""
    return Path(shutil.copytree(ROOT, target, ignore=lambda folder, names: [
        n for n in names if n in NOT_COPIED or n.endswith(".egg-info")]))


RUNNER = """\
import json, sys, tempfile
import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

nb = nbformat.read(sys.argv[1], as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(
    "import sys, course, matplotlib\\nprint(sys.prefix); print(course.__file__)"))
NotebookClient(nb, timeout=300, kernel_name="python3", config=Config({"KernelManager": {"transport": "ipc", "ip": tempfile.mkdtemp(prefix="ipc-") + "/k"}}),
               resources={"metadata": {"path": sys.argv[2]}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
          if o.get("output_type") == "error"]
where = nb.cells[-1].outputs[0]["text"].split()
print(json.dumps({"cells": len(nb.cells), "errors": len(errors), "prefix": where[0],
                  "course": where[1]}))
"""


@pytest.mark.slow
def test_binder_environment_runs_lesson_00(tmp_path):
    repo = _copy_repository(tmp_path / "repo")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    env = {k: v for k, v in os.environ.items()
           if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "JUPYTER_PATH", "MPLBACKEND"}}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
               JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter-runtime"),
               MPLCONFIGDIR=str(tmp_path / "matplotlib"),
               COURSE_PROGRESS_FILE=str(tmp_path / "progress.json"),
               PIP_DISABLE_PIP_VERSION_CHECK="1")

    # What repo2docker does, in its order, from the repository root.
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"],
                   cwd=repo, env=env, check=True)
    subprocess.run(["./binder/postBuild"], cwd=repo, env=env, check=True)
    assert list((tmp_path / "matplotlib").glob("fontlist-*.json")), "postBuild built no font cache"
    culling = json.loads((venv / "etc" / "jupyter" / "jupyter_server_config.d"
                          / "wechat-factcheck-course.json").read_text(encoding="utf-8"))
    assert culling["MappingKernelManager"]["cull_idle_timeout"] > 0
    paths = subprocess.run([str(python), "-c", "from jupyter_core.paths import jupyter_config_path as p; "
                            "import json; print(json.dumps(p()))"],
                           env=env, check=True, capture_output=True, text=True).stdout
    assert str((venv / "etc" / "jupyter").resolve()) in [str(Path(x).resolve()) for x in json.loads(paths)]

    lesson = repo / LESSON
    result = subprocess.run([str(python), "-c", RUNNER, str(lesson), str(lesson.parent)],
                            cwd=repo, env=env, check=True, capture_output=True, text=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["errors"] == 0
    # The kernel ran in the new environment, with the installed package (not the checkout).
    assert Path(report["prefix"]).resolve() == venv.resolve()
    assert Path(report["course"]).resolve().is_relative_to(venv.resolve())

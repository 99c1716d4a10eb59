"""The habits of a kept project, checked: lint clean, notebooks normalised, one version, a licence."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    pytest.importorskip("ruff")
    result = _run("-m", "ruff", "check", "--no-cache", "course", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_would_catch_an_unused_import(tmp_path):
    pytest.importorskip("ruff")
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n", encoding="utf-8")
    result = _run("-m", "ruff", "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(bad))
    assert result.returncode == 1 and "F401" in result.stdout


def test_every_lesson_is_normalised_with_stable_cell_ids():
    result = _run("scripts/normalise_notebooks.py", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_version_is_kept_in_one_place():
    import course

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert course.__version__.count(".") == 2
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {course.__version__}" in changelog, "the CHANGELOG has no entry for this version"


def test_licence_and_typing_marker_ship():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert (ROOT / "course" / "py.typed").exists()


def test_a_learner_install_carries_no_teacher_or_test_tool():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {d.split(">")[0].split("=")[0].split("[")[0].strip() for d in project["dependencies"]}
    assert not runtime & {"nbgrader", "nbclient", "nbmake", "pytest", "playwright", "ruff", "hypothesis"}
    assert "nbgrader" in " ".join(project["optional-dependencies"]["teacher"])


def test_every_public_function_has_type_hints():
    import ast

    missing = []
    for path in sorted((ROOT / "course").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                args = [a for a in node.args.args + node.args.kwonlyargs if a.arg not in ("self", "cls")]
                if node.returns is None or any(a.annotation is None for a in args):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert not missing, "public functions without type hints:\n" + "\n".join(missing)


def shell_variables(script: str) -> tuple[set[str], set[str]]:
    """The variables a POSIX shell script uses, and those it assigns (``NAME=``, ``for NAME``).

    >>> used, assigned = shell_variables('A=1\\nfor b in $A; do echo "$b ${C:-x} \\'$D\\'"; done')
    >>> sorted(used), sorted(assigned)
    (['A', 'b'], ['A', 'b'])
    """
    import re

    code = re.sub(r"'[^']*'", "''", script)  # nothing expands inside single quotes
    code = re.sub(r"(^|\s)#.*", "", code, flags=re.M)  # comments
    used = set(re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_]*:-)", code))
    assigned = set(re.findall(r"(?:^|[\s;(])([A-Za-z_][A-Za-z0-9_]*)=", code, re.M))
    assigned |= set(re.findall(r"\bfor ([A-Za-z_][A-Za-z0-9_]*) in\b", code))
    return used, assigned


def test_course_sh_uses_no_variable_it_never_sets():
    """``set -u`` stops the script at the first unset variable, so each must be assigned."""
    used, assigned = shell_variables((ROOT / "course.sh").read_text(encoding="utf-8"))
    assert used, "no variable found: the parser is broken"
    assert used - assigned == set()


def test_course_sh_parses_and_prints_its_usage():
    done = subprocess.run(["sh", "-n", str(ROOT / "course.sh")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    usage = subprocess.run(["sh", str(ROOT / "course.sh")], capture_output=True, text=True)
    assert usage.returncode == 2 and "./course.sh test" in usage.stdout

"""The package's shape: parts that import one way, no import cycle, no module too long.

Every ``import`` in ``course/`` counts, also those inside functions.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "course"
# From the bottom up: a module may import only from its own part or from parts below it.
LAYERS = ["core", "display", "law", "storage", "claims", "exercises", "widgets", "teacher",
          "workspace", "cli", "__main__"]
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, node: ast.ImportFrom | ast.Import, is_package: bool) -> list[str]:
    """The course modules an import statement names (a package's submodule if it is one)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "course"]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[:len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != "course":
        return []
    found = []
    for alias in node.names:
        sub = f"{target}.{alias.name}"
        found.append(sub if sub in MODULES else target)
    return found


def imports() -> dict[str, set[str]]:
    """``{module: {course modules it imports}}``, counting every import statement."""
    graph = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                targets.update(t for t in _resolve(name, node, path.name == "__init__.py")
                               if t in MODULES and t != name)
        graph[name] = targets
    return graph


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_anywhere():
    assert _cycle(imports()) is None, " → ".join(_cycle(imports()) or [])


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Imports that go up the layers, or into the top package (which would load every part)."""
    wrong = []
    for module, targets in graph.items():
        here = _part(module)
        if here == "__init__":
            continue
        assert here in LAYERS, f"{module}: part {here!r} is not in the layer list of this test"
        for target in targets:
            there = _part(target)
            if there == "__init__":
                wrong.append(f"{module} imports the top package {target}")
            elif LAYERS.index(there) > LAYERS.index(here):
                wrong.append(f"{module} ({here}) imports {target} ({there}), a part above it")
    return wrong


def test_imports_run_one_way_down_the_layers():
    wrong = layer_violations(imports())
    assert not wrong, "\n".join(wrong)


def test_an_import_up_the_layers_is_caught():
    assert layer_violations({"course.core.i18n": {"course.law.statutes"}})
    assert layer_violations({"course.law.statutes": {"course"}})
    assert not layer_violations({"course.law.statutes": {"course.core.i18n"}})


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_too_long(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines (at most {MAX_LINES})"


def test_the_top_package_lists_every_part_and_the_grader_prewarms_all_but_the_teacher():
    import course
    from course.core.resources import learner_modules

    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert sorted(course.PARTS) == folders
    learner = learner_modules()
    assert not [m for m in learner if m.startswith("course.teacher")]
    expected = {m for m in MODULES if _part(m) not in ("teacher", "__init__", "cli", "workspace", "__main__")}
    assert set(learner) == expected

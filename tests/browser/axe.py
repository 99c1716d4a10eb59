"""axe-core in the browser: audit only the course's own outputs in the open notebook.

``audit_outputs(page)`` injects ``node_modules/axe-core/axe.min.js`` (once per page), runs
axe on every ``.jp-OutputArea-output`` element of the notebook on show (JupyterLab's own
chrome is not judged) and returns the violations, each with the HTML of its nodes, so a
failing test says what to fix::

    violations = audit_outputs(page)
    assert violations == [], describe(violations)

``axe_missing_reason()`` says why the audit cannot run (``None`` when axe-core is installed).
"""
from __future__ import annotations

from harness import PANEL, REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

RUN_AXE = """async (panel) => {
    const outputs = [...document.querySelectorAll(panel + ' .jp-OutputArea-output')];
    if (!outputs.length) return [];
    // "region" judges the page's landmarks (JupyterLab's layout), not an output.
    const result = await window.axe.run({include: outputs},
        {resultTypes: ['violations'], rules: {region: {enabled: false}}});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({html: n.html, target: n.target.join(' '),
                                  summary: n.failureSummary}))}));
}"""


def axe_missing_reason() -> str | None:
    """Why axe cannot run here (``None`` when ``node_modules/axe-core`` is installed)."""
    if AXE.is_file():
        return None
    return f"{AXE.relative_to(REPO)} is missing: run `npm ci` in the repository (./course.sh test does)"


def audit_outputs(page) -> list[dict]:
    """axe-core's violations inside the output areas of the open notebook (``[]`` when clean)."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, PANEL)


def describe(violations: list[dict], limit: int = 5) -> str:
    """The violations as readable text: rule, impact, help, then each node's HTML (cut short).

    >>> describe([{"id": "image-alt", "impact": "critical", "help": "Images must have alt text",
    ...            "nodes": [{"html": "<img src=x>", "target": "img", "summary": "Fix: add alt"}]}])
    'image-alt (critical): Images must have alt text\\n  <img src=x>\\n    Fix: add alt'
    """
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:limit]:
            lines.append(f"  {node['html'][:300]}")
            lines.append("    " + (node["summary"] or "").replace("\n", "\n    "))
        if len(violation["nodes"]) > limit:
            lines.append(f"  … and {len(violation['nodes']) - limit} more")
    return "\n".join(lines)

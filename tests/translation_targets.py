"""What an English lesson shows of the law: found by running the English lessons' cells.

Every code cell of ``notebooks/en/`` except the exercise cells runs in one namespace per
lesson (the way a kernel would run it); what each cell displays (its last expression) and
prints is collected, and so is everything the statute HTML renderer is asked to draw (the
viewer widget, comparisons). A :class:`course.law.Provision` counts with its paragraph and
item, a comparison with both versions, a claim explorer with every claim's provisions (its
filters can be reset to show any claim). The widgets' defaults are added.
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import functools
from pathlib import Path

import nbformat

import course
from course import claims, law
from course.display import statute_html
from course.law import translations

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks" / "en"
EXERCISE_MARKERS = (".check(", ".self_assess(", "widgets.progress(", ".hint(", ".solution(")


def is_exercise_cell(source: str) -> bool:
    """An exercise cell (question, answer, progress): these show no law text.

    >>> is_exercise_cell("ex.log_item"), is_exercise_cell("course.law.article('csl', 21)")
    (True, False)
    """
    lines = [line for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return any(m in source for m in EXERCISE_MARKERS) or all(line.startswith("ex.") for line in lines)


def run_cell(source: str, namespace: dict) -> object:
    """Run a cell's code; return the value of its last expression (None if it ends otherwise)."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)  # noqa: S102 - the course's own lessons
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)  # noqa: S307


def claim_provisions() -> set[str]:
    """Every article id a claim card can show (cited, applying, today's counterpart)."""
    table = claims.claims()
    return {i for column in ("cited_ids", "applies_ids", "current_ids") for value in table[column]
            for i in claims.split_ids(value)}


def _walk(value: object, found: set) -> None:
    if isinstance(value, law.Provision):
        found.add((value.article.id, value.paragraph_no, value.item_no))
    elif isinstance(value, law.Comparison):
        for p in (*value.old, *value.new):
            _walk(p, found)
    elif isinstance(value, (tuple, list, set)):
        for element in value:
            _walk(element, found)
    elif type(value).__name__ == "ClaimExplorer":
        found.update((i, None, None) for i in claim_provisions())


@contextlib.contextmanager
def _recording(found: set):
    """Record what is printed and what the statute renderer draws while the block runs."""
    originals = (builtins.print, statute_html.article_html, statute_html.comparison_html)

    def printing(*args, **kwargs):
        _walk(list(args), found)

    def article_html(prov, *args, **kwargs):
        _walk(prov, found)
        return originals[1](prov, *args, **kwargs)

    def comparison_html(comparison, *args, **kwargs):
        _walk(comparison, found)
        return originals[2](comparison, *args, **kwargs)

    builtins.print, statute_html.article_html, statute_html.comparison_html = printing, article_html, comparison_html
    try:
        yield
    finally:
        builtins.print, statute_html.article_html, statute_html.comparison_html = originals


@functools.cache
def shown() -> frozenset[tuple[str, int | None, int | None]]:
    """``(article id, paragraph or None, item or None)`` for everything an English lesson shows."""
    found: set = {("csl-2017:21", None, None)}                     # course.widgets.viewer() default
    found.update((i, None, None) for i in claim_provisions())      # ClaimExplorer() default: all claims
    before = course.get_language()
    try:
        for path in sorted(NOTEBOOKS.glob("*.ipynb")):
            namespace: dict = {}
            for cell in nbformat.read(path, as_version=4).cells:
                if cell.cell_type != "code" or is_exercise_cell(cell.source):
                    continue
                with _recording(found):
                    _walk(run_cell(cell.source, namespace), found)
    finally:
        course.set_language(before)
    return frozenset(found)


def pieces() -> set[tuple[str, str, int, int]]:
    """``(law, article, paragraph, item)`` for every piece shown (item 0 = a paragraph's lead)."""
    out = set()
    for article_id, paragraph, item in shown():
        found = law.by_id(article_id).article
        for k, i in translations.units(found, paragraph, item):
            out.add((found.law, found.key, k, i))
    return out

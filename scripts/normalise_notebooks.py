"""Normalise the lessons to nbformat 4.5: stable cell ids, no outputs, no execution counts.

Cell ids are ``lNN-MM`` (lesson number, position when the id was first given), the same in
``notebooks/zh`` and ``notebooks/en``; a cell that already has an id keeps it, so ids stay
stable when cells are added or moved. Files are written exactly as JupyterLab saves them
(``nbformat.write``), so opening and saving a lesson changes nothing.

    python scripts/normalise_notebooks.py          # rewrite in place
    python scripts/normalise_notebooks.py --check  # exit 1 if any file would change
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def normalised(path: Path) -> str:
    """The text ``path`` should have: nbformat 4.5, ids, no outputs."""
    nb = nbformat.read(path, as_version=4)
    nb.nbformat, nb.nbformat_minor = 4, 5
    lesson = path.name[:2]
    taken = {cell.get("id") for cell in nb.cells}
    for index, cell in enumerate(nb.cells):
        if not cell.get("id"):
            candidate, n = f"l{lesson}-{index:02d}", index
            while candidate in taken:
                n += 1
                candidate = f"l{lesson}-{n:02d}"
            cell["id"] = candidate
            taken.add(candidate)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report files that would change")
    args = parser.parse_args(argv)
    changed = []
    for path in sorted(NOTEBOOKS.glob("*/*.ipynb")):
        text = normalised(path)
        if path.read_text(encoding="utf-8") != text:
            changed.append(path)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    for path in changed:
        print(("would change: " if args.check else "normalised: ") + str(path.relative_to(NOTEBOOKS.parent)))
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())

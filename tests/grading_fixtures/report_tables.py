"""A small class's grade tables, written by hand: what ``course grade`` writes, without grading."""
from __future__ import annotations

import csv
from pathlib import Path

GRADES = [
    {"file": "a.ipynb", "sha256": "1", "lesson": "00", "total": "3", "max": "3", "status": "ok", "detail": "",
     "output_truncated": "False"},
    {"file": "b.ipynb", "sha256": "2", "lesson": "00", "total": "1", "max": "3", "status": "error",
     "detail": "cell 4: NameError", "output_truncated": "False"},
    {"file": "c.ipynb", "sha256": "3", "lesson": "00", "total": "0", "max": "3", "status": "timeout",
     "detail": "cell 2 ran past 30 s", "output_truncated": "True"},
]
DETAILS = [
    ("a.ipynb", "00.log_item", "correct", "3", ""), ("a.ipynb", "00.why_primary", "correct", "the text", ""),
    ("b.ipynb", "00.log_item", "incorrect", "6", "csl-six-months"), ("b.ipynb", "00.why_primary", "correct", "the text", ""),
    ("c.ipynb", "00.log_item", "incorrect", "6", "csl-six-months"), ("c.ipynb", "00.why_primary", "missing", "", ""),
]


def write_tables(folder: Path) -> Path:
    """Write ``grades.csv`` and ``grades.details.csv`` into ``folder``; returns the first."""
    path = folder / "grades.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(GRADES[0]))
        writer.writeheader()
        writer.writerows(GRADES)
    with (folder / "grades.details.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "sha256", "exercise", "status", "points", "max_points", "reason", "answer", "mistake"])
        for file, exercise, status, answer, mistake in DETAILS:
            writer.writerow([file, "x", exercise, status, "1" if status == "correct" else "0", "1", "", answer, mistake])
    return path

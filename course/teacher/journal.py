"""A CSV table written one finished row at a time, so that a stopped run loses nothing.

>>> import tempfile; path = Path(tempfile.mkdtemp()) / "t.csv"
>>> table = CsvJournal(path, ["file", "total"], key=("file",))
>>> table.append([{"file": "a.ipynb", "total": 3}]); table.finish(order=("file",))
>>> path.read_text().splitlines()
['file,total', 'a.ipynb,3']
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path


class CsvJournal:
    """A CSV file written one finished row at a time (flushed and synced), read back on rerun.

    ``key`` names the columns that identify a row; a row is complete when its last column
    is filled. Rows of an earlier run are kept; :meth:`finish` rewrites the file sorted,
    atomically, keeping the last row of each key.
    """

    def __init__(self, path: Path, columns: list[str], key: tuple[str, ...]):
        self.path, self.key = Path(path), key
        rows, header, clean = _read_csv(self.path)
        self.columns = merge_columns(header, columns)
        self.rows = [r for r in rows if r.get(self.columns[-1]) and all(r.get(k) for k in key)]
        if self.path.exists() and (header != self.columns or not clean or len(self.rows) != len(rows)):
            self._rewrite(self.rows)
        new = not self.path.exists() or self.path.stat().st_size == 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.path.open("a", encoding="utf-8", newline="")
        self.writer = csv.DictWriter(self.handle, self.columns, extrasaction="ignore", restval="")
        if new:
            self.writer.writeheader()
            self._sync()

    def done(self) -> set[tuple]:
        """The keys already in the file."""
        return {tuple(r[k] for k in self.key) for r in self.rows}

    def append(self, rows: list[dict]) -> None:
        """Write rows and make sure they are on disk before returning."""
        rows = [{c: _cell(r.get(c, "")) for c in self.columns} for r in rows]
        self.writer.writerows(rows)
        self._sync()
        self.rows.extend(rows)

    def finish(self, order: tuple[str, ...]) -> None:
        """Rewrite the file sorted by ``order`` (last row per key wins), atomically."""
        self.handle.close()
        latest = {}
        for row in self.rows:
            latest[tuple(row[k] for k in self.key)] = row
        self.rows = sorted(latest.values(), key=lambda r: tuple(str(r.get(c, "")) for c in order))
        self._rewrite(self.rows)

    def close(self) -> None:
        self.handle.close()

    def _sync(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def _rewrite(self, rows: list[dict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, self.columns, extrasaction="ignore", restval="")
                writer.writeheader()
                writer.writerows(rows)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        directory = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _cell(value) -> str:
    return value if isinstance(value, str) else str(value)


def _read_csv(path: Path) -> tuple[list[dict], list[str], bool]:
    """Rows, header and whether the file ends cleanly (a run killed mid-write may not)."""
    if not path.exists() or path.stat().st_size == 0:
        return [], [], True
    text = path.read_text(encoding="utf-8", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = list(reader.fieldnames or [])
    rows = [row for row in reader if None not in row and all(v is not None for v in row.values())]
    return rows, header, text.endswith("\n")


def merge_columns(old: list[str], new: list[str]) -> list[str]:
    """The columns ``new`` asks for, with every column only ``old`` had kept after its neighbour.

    A rerun that grades another lesson adds its exercise columns; those of the first run stay.

    >>> merge_columns(["file", "a", "b", "total"], ["file", "c", "total"])
    ['file', 'a', 'b', 'c', 'total']
    """
    merged = list(new)
    for index, column in enumerate(old):
        if column not in merged:
            after = merged.index(old[index - 1]) + 1 if index else 0
            merged.insert(after, column)
    return merged

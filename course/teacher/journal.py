"""A CSV table written one finished row at a time, so that a stopped run loses nothing.

The file is private (mode 0600) from its first byte, and every text cell is safe to open in
a spreadsheet (:func:`safe_cell`).

>>> import tempfile; path = Path(tempfile.mkdtemp()) / "t.csv"
>>> table = CsvJournal(path, ["file", "total"], key=("file",))
>>> table.append([{"file": "a.ipynb", "total": 3}]); table.finish(order=("file",))
>>> path.read_text().splitlines(), oct(path.stat().st_mode & 0o777)
(['file,total', 'a.ipynb,3'], '0o600')
"""
from __future__ import annotations

import csv
import io
import os
import re
import stat
import tempfile
from pathlib import Path

PRIVATE = 0o600
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


class CsvJournal:
    """A CSV file written one finished row at a time (flushed and synced), read back on rerun.

    ``key`` names the columns that identify a row. A row read back is complete when it has
    every column of the file's header and its key columns are filled (any other cell may be
    empty); a last row that a killed run left torn is dropped. Rows of an earlier run are
    kept; :meth:`finish` rewrites the file sorted, atomically, keeping the last row of each key.
    """

    def __init__(self, path: Path, columns: list[str], key: tuple[str, ...]):
        self.path, self.key = Path(path), key
        rows, header, clean = _read_csv(self.path)
        self.columns = merge_columns(header, columns)
        self.rows = [r for r in rows if all(r.get(k) for k in key)]
        if self.path.exists() and (header != self.columns or not clean or len(self.rows) != len(rows)):
            self._rewrite(self.rows)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, PRIVATE)
        if stat.S_IMODE(os.fstat(fd).st_mode) != PRIVATE:
            os.fchmod(fd, PRIVATE)
        new = os.fstat(fd).st_size == 0
        self.handle = os.fdopen(fd, "a", encoding="utf-8", newline="")
        self.writer = csv.DictWriter(self.handle, self.columns, extrasaction="ignore", restval="")
        if new:
            self.writer.writeheader()
            self._sync()

    def done(self) -> set[tuple]:
        """The keys already in the file (as written, see :func:`safe_cell`)."""
        return {tuple(r[k] for k in self.key) for r in self.rows}

    def has(self, row: dict) -> bool:
        """Whether the file holds a row with the key of ``row`` (its values as they would be written).

        >>> import tempfile; table = CsvJournal(Path(tempfile.mkdtemp()) / "t.csv", ["file"], key=("file",))
        >>> table.append([{"file": "=x.ipynb"}]); table.close(); table.has({"file": "=x.ipynb"})
        True
        """
        return tuple(safe_cell(row[k]) for k in self.key) in self.done()

    def append(self, rows: list[dict]) -> None:
        """Write rows and make sure they are on disk before returning."""
        rows = [{c: safe_cell(r.get(c, "")) for c in self.columns} for r in rows]
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
        """Replace the file by ``rows``, atomically; the new file is private (``mkstemp`` makes it 0600)."""
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


def safe_cell(value: object) -> str:
    """A cell as written: a number as it is; text safe to open in a spreadsheet.

    Text a spreadsheet would take for a formula (it starts with ``=``, ``+``, ``-``, ``@``,
    a tab or a carriage return, and is not just a number) gets a leading ``'``; what UTF-8
    cannot hold (a lone surrogate) becomes a backslash escape.

    >>> safe_cell(3), safe_cell(-1.5), safe_cell("-2"), safe_cell("=HYPERLINK(1)"), safe_cell("@x")
    ('3', '-1.5', '-2', "'=HYPERLINK(1)", "'@x")
    >>> safe_cell("a\\udcd6")
    'a\\\\udcd6'
    """
    if not isinstance(value, str):
        return str(value)
    text = value.encode("utf-8", "backslashreplace").decode("utf-8")
    if text.startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def _read_csv(path: Path) -> tuple[list[dict], list[str], bool]:
    """Complete rows, header, and whether the file is clean (ends after a whole row, nothing dropped).

    A row is complete when it has exactly the header's columns. A run killed mid-write can
    leave only its last row torn: the file then does not end with a line end outside quotes,
    and that last row is dropped even if it looks whole (its last cell may be cut short).
    """
    if not path.exists() or path.stat().st_size == 0:
        return [], [], True
    text = path.read_text(encoding="utf-8", errors="replace")
    ended = text.endswith("\n") and text.count('"') % 2 == 0
    records, reader = [], csv.reader(io.StringIO(text, newline=""))
    try:
        records.extend(reader)
    except csv.Error:  # e.g. a cell over the csv module's size limit: what follows is dropped
        ended = False
    header, records = (records[0], records[1:]) if records else ([], [])
    if not ended and records:
        records.pop()
    rows = [{c: safe_cell(v) for c, v in zip(header, record)}  # a table of an older version, too
            for record in records if len(record) == len(header)]
    return rows, header, ended and len(rows) == len(records)


def read_header(path: Path) -> list[str] | None:
    """The header of an existing CSV table: ``[]`` if there is no file or it is empty,
    ``None`` if it is no CSV text (a folder, a dangling link, binary data, not UTF-8).

    >>> import tempfile; path = Path(tempfile.mkdtemp()) / "t.csv"
    >>> read_header(path), path.write_text("file,total\\na,1\\n") > 0, read_header(path)
    ([], True, ['file', 'total'])
    """
    path = Path(path)
    if not os.path.lexists(path):
        return []
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return None
    if not head:
        return []
    try:
        line = head.split(b"\n", 1)[0].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\0" in line:
        return None
    return next(csv.reader([line.rstrip("\r")]), [])


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

"""The learner's own folder of lessons: copy them there, never overwrite a change, open JupyterLab.

``course open`` and ``course copy`` (see :mod:`course.cli`) run :func:`cmd_open` and
:func:`cmd_copy`. Copying never overwrites a notebook the learner has changed. The folder keeps a
manifest (``.course-manifest.json``) with the SHA-256 of each file as it was
copied; a file whose content no longer matches is left alone and reported as
skipped. Unchanged older copies are updated, new files are added.

"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .core.i18n import t
from .core.resources import notebooks_dir

DEFAULT_FOLDER = "wechat-course"
MANIFEST = ".course-manifest.json"
IGNORED = {".ipynb_checkpoints", "__pycache__", ".DS_Store"}
EXIT_USER_ERROR = 2


class FolderError(Exception):
    """The target folder cannot be used; the message is for the learner."""


@dataclass
class CopyReport:
    """What :func:`sync_folder` did, file by file (paths relative to the folder, with ``/``)."""

    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped_changed: list[str] = field(default_factory=list)
    skipped_foreign: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def lines(self, lang: str | None = None) -> list[str]:
        """One line per file copied, updated or skipped, in the chosen language."""
        kinds = [("cli.copied", self.copied), ("cli.updated", self.updated),
                 ("cli.skipped_changed", self.skipped_changed),
                 ("cli.skipped_foreign", self.skipped_foreign)]
        return [t(key, lang=lang, file=name) for key, names in kinds for name in names]

    def summary(self, folder: Path, lang: str | None = None) -> str:
        """A one-line count of what happened."""
        return t("cli.summary", lang=lang, folder=folder, copied=len(self.copied),
                 updated=len(self.updated), unchanged=len(self.unchanged),
                 skipped=len(self.skipped_changed) + len(self.skipped_foreign))


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex.

    >>> p = Path(tempfile.mkdtemp()) / "a.txt"; _ = p.write_bytes(b"abc")
    >>> sha256(p)[:12]
    'ba7816bf8f01'
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def course_files(source: Path) -> dict[str, Path]:
    """Every file to copy from ``source``, keyed by its relative path with ``/`` (checkpoints left out)."""
    files = {}
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if path.is_file() and not IGNORED.intersection(relative.parts):
            files[relative.as_posix()] = path
    return files


def read_manifest(folder: Path) -> dict[str, str]:
    """``{relative path: sha256 as copied}`` from the folder's manifest (empty if there is none)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("files", {}).items()}
    except (FileNotFoundError, ValueError, AttributeError):
        return {}


def write_manifest(folder: Path, files: dict[str, str]) -> None:
    """Write the manifest atomically (a temp file renamed over the old one)."""
    text = json.dumps({"version": 1, "files": dict(sorted(files.items()))}, indent=1, ensure_ascii=False)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".course-manifest-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text + "\n")
    os.replace(temp, folder / MANIFEST)


def prepare_folder(folder: Path, lang: str | None = None) -> Path:
    """Create ``folder`` if needed and check it is a writable folder; raise :class:`FolderError` if not."""
    if folder.exists() and not folder.is_dir():
        raise FolderError(t("cli.error_not_folder", lang=lang, folder=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe, name = tempfile.mkstemp(dir=folder, prefix=".course-write-test-")
        os.close(probe)
        os.remove(name)
    except OSError as error:
        raise FolderError(t("cli.error_unwritable", lang=lang, folder=folder,
                            reason=error.strerror or error)) from error
    return folder


def sync_folder(source: Path, folder: Path, lang: str | None = None) -> CopyReport:
    """Copy the course files from ``source`` into ``folder`` without touching the learner's changes.

    >>> src, dst = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp()) / "course"
    >>> _ = (src / "a.ipynb").write_text("{}")
    >>> sync_folder(src, dst).copied
    ['a.ipynb']
    >>> _ = (dst / "a.ipynb").write_text('{"mine": 1}')
    >>> sync_folder(src, dst).skipped_changed
    ['a.ipynb']
    """
    prepare_folder(folder, lang)
    manifest = read_manifest(folder)
    report = CopyReport()
    try:
        for name, path in course_files(source).items():
            target = folder / name
            new_hash = sha256(path)
            if not target.exists():
                _copy(path, target)
                report.copied.append(name)
            else:
                current = sha256(target)
                if current == new_hash:
                    report.unchanged.append(name)
                elif name in manifest and current == manifest[name]:
                    _copy(path, target)
                    report.updated.append(name)
                else:
                    (report.skipped_changed if name in manifest else report.skipped_foreign).append(name)
                    continue
            manifest[name] = new_hash
    finally:
        write_manifest(folder, manifest)
    return report


def _copy(path: Path, target: Path) -> None:
    """Copy one file (content only: the copy is the learner's, with fresh permissions)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)


def first_lesson(folder: Path, lang: str) -> str | None:
    """The first notebook of ``lang`` in ``folder``, relative and with ``/`` (``None`` if none).

    >>> d = Path(tempfile.mkdtemp()); (d / "en").mkdir(); _ = (d / "en" / "00-a.ipynb").write_text("{}")
    >>> first_lesson(d, "en")
    'en/00-a.ipynb'
    """
    lessons = sorted((folder / lang).glob("*.ipynb"))
    return lessons[0].relative_to(folder).as_posix() if lessons else None


def lab_command(folder: Path, lang: str, port: int | None, browser: bool) -> list[str]:
    """The ``python -m jupyter lab`` command line that serves ``folder``, opening lesson 00.

    >>> cmd = lab_command(Path("f"), "zh", 8899, browser=False)
    >>> "--ServerApp.port=8899" in cmd and "--no-browser" in cmd
    True
    """
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={folder}"]
    if port is not None:
        command += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if not browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    lesson = first_lesson(folder, lang)
    if lesson:
        command.append(lesson)
    return command


def copy_course(args: argparse.Namespace) -> tuple[int, Path | None]:
    """Copy the lessons into ``args.folder`` and print what happened; ``(exit code, folder)``."""
    folder = Path(args.folder).expanduser().resolve()
    source = notebooks_dir()
    if not source.is_dir() or not course_files(source):
        print(t("cli.error_no_notebooks", lang=args.lang, folder=source), file=sys.stderr)
        return 1, None
    try:
        report = sync_folder(source, folder, args.lang)
    except FolderError as error:
        print(error, file=sys.stderr)
        return EXIT_USER_ERROR, None
    except OSError as error:
        print(t("cli.error_unwritable", lang=args.lang, folder=folder,
                reason=error.strerror or error), file=sys.stderr)
        return EXIT_USER_ERROR, None
    for line in report.lines(args.lang):
        print(line)
    print(report.summary(folder, args.lang))
    return 0, folder


def cmd_copy(args: argparse.Namespace) -> int:
    """``course copy``: copy only."""
    return copy_course(args)[0]


def cmd_open(args: argparse.Namespace) -> int:
    """``course open``: copy, then run JupyterLab in the folder (this process becomes the server)."""
    code, folder = copy_course(args)
    if code:
        return code
    command = lab_command(folder, args.lang, args.port, browser=not args.no_browser)
    print(t("cli.starting", lang=args.lang, folder=folder), flush=True)
    sys.stderr.flush()
    os.environ["COURSE_LANG"] = args.lang
    if os.name == "posix":
        # Replace this process by the server, so its PID is this command's PID (a script can stop it).
        os.chdir(folder)
        os.execv(command[0], command)
    try:
        return subprocess.call(command, cwd=folder)
    except KeyboardInterrupt:
        return 0

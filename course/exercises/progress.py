"""The learner's progress store: every check recorded in a small local file.

The progress view that reads it is :func:`course.widgets.progress`.

The file is ``$COURSE_PROGRESS_FILE`` if set, else ``progress.json`` in the user's
data folder (``$XDG_DATA_HOME`` or ``~/.local/share`` on Linux, ``~/Library/Application
Support`` on macOS, ``%APPDATA%`` on Windows), never inside the installed package.
A missing, read-only or corrupt file never breaks a lesson: progress is then kept
in memory for this session only.

>>> progress_file().name
'progress.json'
>>> _ = record("00.demo", "correct"); latest()["00.demo"]
'correct'
>>> _ = record("00.open", "attempted"); _ = record("00.open", "self_assessed", [1, 3])
>>> latest()["00.open"], assessed()["00.open"]
('self_assessed', [1, 3])
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

APP = "wechat-factcheck-course"
#: The statuses of a check (``hint`` and ``solution`` events are recorded too, but are not checks).
CHECKS = ("correct", "self_assessed", "attempted", "incorrect", "not_attempted")
_memory: dict[str, list] = {}


def progress_file() -> Path:
    """Where progress is kept (see the module docstring)."""
    if os.environ.get("COURSE_PROGRESS_FILE"):
        return Path(os.environ["COURSE_PROGRESS_FILE"])
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home()))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP / "progress.json"


def load() -> dict[str, list]:
    """All recorded events: ``{exercise_id: [[time, status], ...]}`` ({} if none or unreadable)."""
    try:
        data = json.loads(progress_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    events = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, list)}
    for key, extra in _memory.items():
        events.setdefault(key, []).extend(e for e in extra if e not in events.get(key, []))
    return events


def record(exercise_id: str, status: str, detail: str | None=None) -> bool:
    """Record one event (a check's status, ``"hint"`` or ``"solution"``); False if only in memory.

    ``detail`` (plain data, kept when not None) is the key of the anticipated mistake a wrong
    answer matched, or the rubric points a learner says an open answer makes.
    """
    event = [round(time.time(), 3), status] + ([detail] if detail is not None else [])
    _memory.setdefault(exercise_id, []).append(event)
    events = load()
    path = progress_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(events, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return False
    return True


def _checks(events: list) -> list[list]:
    return [e for e in events if isinstance(e, list) and len(e) in (2, 3) and e[1] in CHECKS]


def latest() -> dict[str, str]:
    """Where each exercise stands: ``correct`` if it was ever right, else ``self_assessed`` if an
    open answer was ever self-assessed, else the last check (``attempted``, ``incorrect``,
    ``not_attempted``)."""
    result = {}
    for key, events in load().items():
        checks = [e[1] for e in _checks(events)]
        if checks:
            best = next((s for s in ("correct", "self_assessed") if s in checks), None)
            result[key] = best or checks[-1]
    return result


def assessed() -> dict[str, list]:
    """The rubric points of the last self-assessment per open exercise, e.g. ``{"00.why_primary": [1, 3]}``."""
    result = {}
    for key, events in load().items():
        marks = [e[2] for e in _checks(events) if e[1] == "self_assessed" and len(e) == 3]
        if marks and isinstance(marks[-1], list):
            result[key] = marks[-1]
    return result


def attempted(exercise_id: str) -> bool:
    """Whether an answer to ``exercise_id`` was ever checked (anything but the placeholder).

    >>> attempted("00.open"), attempted("00.never")
    (True, False)
    """
    return any(e[1] not in ("not_attempted",) for e in _checks(load().get(exercise_id, [])))

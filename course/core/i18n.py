"""Messages in Chinese and English, chosen once per notebook.

Every learner-facing string of the package comes from the catalogue files
``data/messages/*.csv`` (columns ``key,zh,en``; one file per module). A
notebook picks its language once with :func:`set_language`.

>>> set_language("en")
'en'
>>> t("lang.name")
'English'
>>> t("lang.name", lang="zh")
'中文'
"""
from __future__ import annotations

import csv
import functools
import os
from contextlib import contextmanager
from typing import Iterator, Mapping

from .errors import CourseError
from .resources import data_path

LANGUAGES = ("zh", "en")
_state = {"lang": os.environ.get("COURSE_LANG", "zh") if os.environ.get("COURSE_LANG") in LANGUAGES else "zh"}


def set_language(lang: str) -> str:
    """Choose the language of every message, label and error: ``"zh"`` or ``"en"``."""
    if lang not in LANGUAGES:
        raise CourseError(f"language must be one of {LANGUAGES} / 语言只能是 {LANGUAGES}: {lang!r}")
    _state["lang"] = lang
    return lang


def get_language() -> str:
    """The language chosen for this notebook (``"zh"`` unless set otherwise).

    It starts as the ``COURSE_LANG`` environment variable when that names a language, else
    ``"zh"``; :func:`set_language` changes it. The locale plays no part (see
    :func:`system_language` for the teacher's commands, which follow it).
    """
    return _state["lang"]


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the person at this terminal: ``COURSE_LANG``, else the locale.

    ``COURSE_LANG`` counts when it names a language; otherwise the locale decides, read from
    ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` (the first one set): one starting with ``zh``
    gives ``"zh"``, any other (or none) ``"en"``.

    >>> system_language({"COURSE_LANG": "en", "LANG": "zh_CN.UTF-8"})
    'en'
    >>> system_language({"LANG": "zh_TW.UTF-8"}), system_language({"LC_ALL": "C.UTF-8", "LANG": "zh_CN"})
    ('zh', 'en')
    """
    env = os.environ if environ is None else environ
    if env.get("COURSE_LANG") in LANGUAGES:
        return env["COURSE_LANG"]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return "zh" if env[name].lower().startswith("zh") else "en"
    return "en"


@functools.cache
def catalogue() -> dict[str, dict[str, str]]:
    """All messages: ``{key: {"zh": ..., "en": ...}}``, read from ``data/messages/*.csv``."""
    messages: dict[str, dict[str, str]] = {}
    for path in sorted(data_path("messages").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for line_no, row in enumerate(csv.DictReader(handle), start=2):
                key = (row.get("key") or "").strip()
                if not key:
                    raise CourseError(f"{path.name}, row {line_no}: empty key")
                if key in messages:
                    raise CourseError(f"{path.name}, row {line_no}: duplicate key {key!r}")
                messages[key] = {lang: row.get(lang) or "" for lang in LANGUAGES}
    return messages


def t(key: str, lang: str | None = None, **values) -> str:
    """The message ``key`` in the chosen language, with ``{placeholders}`` filled in."""
    _check_lang(lang)
    entry = catalogue().get(key)
    if entry is None:
        raise KeyError(f"no message {key!r} in data/messages/")
    text = entry[lang or get_language()] or entry["zh"] or entry["en"]
    return text.format(**values) if values else text


def pick(zh: str, en: str, lang: str | None = None) -> str:
    """Choose between a Chinese and an English value (e.g. two columns of a table).

    >>> pick("条", "Art.", "en")
    'Art.'
    """
    _check_lang(lang)
    return zh if (lang or get_language()) == "zh" else en


def _check_lang(lang: object) -> None:
    """Every ``lang=`` argument of the course passes here: None, ``"zh"`` or ``"en"``."""
    if lang is not None and (not isinstance(lang, str) or lang not in LANGUAGES):
        raise CourseError(t("lang.bad", value=lang[:40] if isinstance(lang, str) else lang))


def both(key: str, **values) -> str:
    """The message in both languages, Chinese first: for text shown before a language is known.

    Command-line help, for instance, is printed before ``--lang`` is read.

    >>> both("lang.name")
    '中文 / English'
    """
    return " / ".join(dict.fromkeys(t(key, lang, **values) for lang in LANGUAGES))


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Switch the message language for a block, then switch back.

    >>> with language("en"):
    ...     t("lang.name")
    'English'
    >>> t("lang.name", lang="zh")
    '中文'
    """
    before = get_language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)

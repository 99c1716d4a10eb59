"""``course``: data, look-ups, charts, widgets and exercises for the course
“微信会不会保存聊天记录？” — fact-checking a viral article with the primary texts.

Start a lesson with::

    import course
    course.set_language("zh")        # or "en": every message, label and error follows

Modules are loaded only when first used, so ``import course`` stays cheap:
``course.tables`` (data tables), ``course.statutes`` (law look-ups),
``course.fonts`` (Chinese in charts), and the others listed in ``__all__``.
"""
from __future__ import annotations

import importlib

from .i18n import get_language, set_language, t

__version__ = "0.1.0"

_SUBMODULES = {
    "tables", "statutes", "lawtext", "fonts", "charts", "cnnum", "resources", "i18n",
    "exercises", "progress", "storage", "storage_charts", "calculator", "claims", "explorer",
    "viewer", "grading", "sandbox", "teacher", "nbgrader_export", "cli",
}

__all__ = ["set_language", "get_language", "t", *sorted(_SUBMODULES)]


def __getattr__(name: str):
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'course' has no attribute {name!r}")

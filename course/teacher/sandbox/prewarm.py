"""The parent loads, once, what lessons use, so that each forked child starts with it.

The course modules come from the package's own structure
(:func:`course.core.resources.learner_modules`: every part but the teacher's); the standard
library modules and codecs a lesson may use are listed here.
"""
from __future__ import annotations

import codecs
import contextlib
import importlib
import io
import os
import sys
from typing import Iterable

PREWARM = ("numpy", "pandas", "matplotlib", "matplotlib.pyplot", "ipywidgets", "IPython",
           "IPython.display", "IPython.core.inputtransformer2",
           # the standard library modules a lesson may use: loaded here, they need no reading later
           "math", "statistics", "decimal", "fractions", "random", "datetime", "calendar", "zoneinfo",
           "collections", "itertools", "functools", "operator", "string", "textwrap", "unicodedata",
           "re", "json", "csv", "pprint", "dataclasses", "enum", "typing", "copy", "difflib",
           "hashlib", "subprocess", "pathlib", "locale", "zlib", "gzip", "bz2", "lzma", "base64",
           "html", "inspect", "ast", "numbers", "struct", "array", "bisect", "heapq", "secrets",
           "uuid", "timeit", "warnings", "time",
           # the text codecs the lessons measure (a codec is a module too, loaded on first use)
           "encodings.utf_8", "encodings.utf_16", "encodings.utf_16_le", "encodings.utf_16_be",
           "encodings.utf_32", "encodings.gb18030", "encodings.gbk", "encodings.gb2312",
           "encodings.big5", "encodings.latin_1", "encodings.ascii")


CODECS = ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk", "gb2312", "big5",
          "latin-1", "ascii")



def prewarm(lessons: Iterable[str] = ()) -> None:
    """Import, once, what lessons use, so that each child starts with it already loaded.

    >>> prewarm(["00"]); "pandas" in sys.modules
    True
    """
    if "matplotlib.pyplot" not in sys.modules:
        os.environ.setdefault("MPLBACKEND", "Agg")
    for name in PREWARM:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    for name in CODECS:  # fills the codec registry's cache, which a child inherits
        with contextlib.suppress(LookupError):
            codecs.lookup(name)
    with contextlib.suppress(Exception):
        load_chart_fonts()
    from ... import exercises
    from ...core.resources import learner_modules
    from ...core.tables import is_table_loader

    for name in learner_modules():
        with contextlib.suppress(Exception):
            module = importlib.import_module(name)
            for loader in [v for v in vars(module).values() if is_table_loader(v)]:
                loader()
    for number in sorted({*lessons, *exercises.lessons()}):  # the progress view loads them all
        with contextlib.suppress(Exception):
            exercises.lesson(number)


def load_chart_fonts() -> None:
    """Draw one chart the way the lessons do, so that its font files are open before any fork.

    matplotlib opens a font file on first use and keeps it (cached per thread); a child that
    runs as another user inherits the open file even where it could not open it itself, e.g.
    when the Python environment lives in a folder only the teacher may read.
    """

    import matplotlib.pyplot as plt

    from ...display.fonts import use_chinese_font

    use_chinese_font()
    fig, ax = plt.subplots()
    ax.bar(["微信 WeChat", "文本 text"], [1, 1000])
    ax.set_yscale("log")
    ax.set_title("每天 per day − 1.2 亿")
    ax.annotate("≈ ½ ✓ °", (0, 1))
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)

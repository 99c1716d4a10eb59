"""``course book OUT``: every lesson, executed, as a static site that reads offline.

::

    course book site                     # both languages, every lesson
    course book site --lang en --lessons 00,02

Each lesson runs top to bottom on a fresh kernel in a scratch copy (the shipped notebooks
are never written), then becomes one HTML page through nbconvert's JupyterLab template,
with its charts as embedded images and its tables and law texts as HTML. Pages load
nothing from any other host: the template's scripts (MathJax, require.js, mermaid, all
fetched from the network) are taken out, since the lessons need none of them, and an
interactive widget, which needs a running kernel, is replaced by a note that says so.
``OUT/index.html`` lists the lessons of each language.

>>> offline("<p>x</p><script src='https://cdn.example/x.js'></script>")
'<p>x</p>'
"""
from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..core.errors import TeacherError
from ..core.i18n import LANGUAGES, language, t
from .assignment import lesson_notebooks, parse_lessons
from .notebooks import read_lesson, run_command, write_files

if TYPE_CHECKING:
    import argparse

    from nbformat import NotebookNode

WIDGET = "application/vnd.jupyter.widget-view+json"
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']https?://[^>]*>", re.IGNORECASE)


def offline(page: str) -> str:
    """``page`` without scripts and without style sheets from other hosts."""
    return _REMOTE_LINK.sub("", _SCRIPT.sub("", page))


def widget_note(lang: str) -> dict:
    """The output that stands where a widget was: what it is and where it works."""
    text = t("book.widget_note", lang)
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/html": f'<p class="course-book-widget"><em>{html.escape(text)}</em></p>',
                     "text/plain": text}}


def without_widgets(nb: NotebookNode, lang: str) -> NotebookNode:
    """``nb`` with every widget output replaced by :func:`widget_note` (in place; returns ``nb``)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [widget_note(lang) if WIDGET in output.get("data", {}) else output
                            for output in cell.outputs]
    nb.metadata.pop("widgets", None)
    return nb


def execute(nb: NotebookNode, folder: Path, timeout: int = 600) -> NotebookNode:
    """Run ``nb`` top to bottom in ``folder`` on a fresh kernel; errors stop the build."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def lesson_page(nb: NotebookNode, title: str, lang: str) -> str:
    """One executed lesson as a self-contained HTML page (embedded images, no scripts, a link home)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", embed_images=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    home = f'<nav class="course-book-nav"><a href="../index.html">{html.escape(t("book.home", lang))}</a></nav>'
    page = offline(body).replace('<html>', f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">', 1)
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + home, page, count=1)


def index_page(titles: dict[str, dict[str, str]]) -> str:
    """``index.html``: per language, a list of links to the lesson pages."""
    sections = []
    for lang, lessons in titles.items():
        items = "".join(f'<li><a href="{lang}/{html.escape(name)}">{html.escape(title)}</a></li>'
                        for name, title in lessons.items())
        sections.append(f'<section lang="{"zh-Hans" if lang == "zh" else "en"}">'
                        f'<h2>{html.escape(t("book.language_heading", lang))}</h2><ol>{items}</ol></section>')
    title = html.escape(t("book.title", "zh") + " / " + t("book.title", "en"))
    return (f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            f'<body><h1>{title}</h1>{"".join(sections)}</body></html>\n')


def heading(nb: NotebookNode) -> str:
    """The lesson's title: its first ``# `` heading."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


@contextmanager
def _progress_in(folder: Path) -> Iterator[None]:
    """Lessons record progress while they run: into ``folder``, never into the teacher's own file."""
    before = os.environ.get("COURSE_PROGRESS_FILE")
    os.environ["COURSE_PROGRESS_FILE"] = str(folder / "progress.json")
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("COURSE_PROGRESS_FILE", None)
        else:
            os.environ["COURSE_PROGRESS_FILE"] = before


def build(out: Path, langs: tuple[str, ...] = LANGUAGES, lessons: list[str] | None = None) -> dict[Path, str]:
    """The files of the book: ``{path: text}`` (lesson pages and the index), nothing written yet."""
    files, titles = {}, {}
    with tempfile.TemporaryDirectory(prefix="course-book-") as scratch, _progress_in(Path(scratch)):
        for lang in langs:
            available = lesson_notebooks(lang)
            chosen = lessons or sorted(available)
            missing = [n for n in chosen if n not in available]
            if missing:
                raise TeacherError(t("teacher.error_no_lesson", lessons=", ".join(missing), language=lang,
                                     known=", ".join(sorted(available))))
            titles[lang] = {}
            for number in chosen:
                source = available[number]
                folder = Path(scratch) / lang
                folder.mkdir(exist_ok=True)
                shutil.copy(source, folder / source.name)
                nb = without_widgets(execute(read_lesson(folder / source.name), folder), lang)
                name = source.with_suffix(".html").name
                titles[lang][name] = heading(nb) or source.stem
                files[out / lang / name] = lesson_page(nb, titles[lang][name], lang)
    files[out / "index.html"] = index_page(titles)
    return files


def cmd_book(args: argparse.Namespace) -> int:
    """``course book OUT``: build the book (refuses to replace changed files unless ``--force``)."""
    def action(args):
        with language(args.lang):
            langs = LANGUAGES if args.book_lang in (None, "both") else (args.book_lang,)
            out = Path(args.out).expanduser()
            files = build(out, langs, parse_lessons(args.lessons) or None)
            write_files(files, args.force, args.lang)
            print(t("book.done", args.lang, index=out / "index.html", pages=len(files) - 1))
        return 0
    return run_command(action, args)


"""The lesson notebooks: stored clean, the two languages in step, they run, and they quote exactly.

(a) no outputs, no execution counts, no saved widget state;
(b) ``zh/`` and ``en/`` in step: same file names, same cell types in the same order, code
    cells identical except ``#`` comments and the ``course.set_language(...)`` argument,
    same number of ``## `` sections;
(c) every notebook runs top to bottom in a fresh kernel (marked ``notebooks``);
(d) every ``「…」`` in markdown is an exact substring of the article, and every
    ``“phrase”〔law-id:article〕`` names an article that exists and contains the phrase.
"""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import nbformat
import pytest

import course
from course import claims, law

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
LANGS = ("zh", "en")


def lesson_files() -> list[Path]:
    """Every .ipynb under notebooks/ (checkpoints left out), sorted."""
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def rel(path: Path) -> str:
    return path.relative_to(NOTEBOOKS).as_posix()


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


ALL = lesson_files()
NAMES = sorted({p.name for lang in LANGS for p in (NOTEBOOKS / lang).glob("*.ipynb")})


# --- (a) stored clean ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", ALL, ids=rel)
def test_notebook_is_stored_without_outputs(path):
    nb = read(path)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)]
    assert dirty == [], f"{rel(path)}: cells {dirty} have outputs or execution counts; clear them"
    assert "widgets" not in nb.metadata, f"{rel(path)}: saved widget state in the metadata"


def test_only_known_language_folders():
    strays = [rel(p) for p in ALL if p.parent.parent != NOTEBOOKS or p.parent.name not in LANGS]
    assert strays == [], f"notebooks outside notebooks/zh and notebooks/en: {strays}"


# --- (b) zh and en in step ----------------------------------------------------------------------

_SET_LANGUAGE = re.compile(r"""(set_language\(\s*)(['"])(zh|en)\2""")


def strip_comments(source: str) -> str:
    """Code without ``#`` comments, blank lines and trailing spaces; the language string neutralised.

    >>> strip_comments('import course  # 导入\\ncourse.set_language("zh")\\n# 注释\\nx = "#1"')
    'import course\\ncourse.set_language("LANG")\\nx = "#1"'
    """
    try:
        tokens = [tok for tok in tokenize.generate_tokens(io.StringIO(source).readline)
                  if tok.type != tokenize.COMMENT]
        code = tokenize.untokenize(tokens)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        code = "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in source.splitlines())
    lines = [line.rstrip() for line in code.splitlines()]
    code = "\n".join(line for line in lines if line.strip())
    return _SET_LANGUAGE.sub(r'\1"LANG"', code)


def sections(nb) -> int:
    """How many ``## `` headings the markdown cells hold (fenced code left out)."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        fenced = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            elif not fenced and line.startswith("## "):
                count += 1
    return count


@pytest.mark.parametrize("name", NAMES)
def test_both_languages_exist(name):
    missing = [lang for lang in LANGS if not (NOTEBOOKS / lang / name).is_file()]
    assert missing == [], f"{name} has no twin in notebooks/{'/, notebooks/'.join(missing)}/"


@pytest.mark.parametrize("name", NAMES)
def test_languages_in_step(name):
    if not all((NOTEBOOKS / lang / name).is_file() for lang in LANGS):
        pytest.fail(f"{name} is not in both notebooks/zh/ and notebooks/en/")
    zh, en = (read(NOTEBOOKS / lang / name) for lang in LANGS)
    assert [c.cell_type for c in zh.cells] == [c.cell_type for c in en.cells], \
        f"{name}: the sequence of cell types differs between zh and en"
    for index, (a, b) in enumerate(zip(zh.cells, en.cells)):
        if a.cell_type == "code":
            assert strip_comments(a.source) == strip_comments(b.source), \
                f"{name}, cell {index}: code differs between zh and en\n--- zh\n{a.source}\n--- en\n{b.source}"
    assert sections(zh) == sections(en), f"{name}: {sections(zh)} '## ' sections in zh, {sections(en)} in en"


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_language_is_set_to_the_folder_language(path):
    lang = path.parent.name
    code = "\n".join(c.source for c in read(path).cells if c.cell_type == "code")
    chosen = {m.group(3) for m in _SET_LANGUAGE.finditer(code)}
    assert chosen == {lang}, f"{rel(path)}: course.set_language(...) chooses {chosen or 'nothing'}, expected {lang!r}"


# --- (c) every notebook runs --------------------------------------------------------------------

def failed_cell(nb) -> tuple[int, str, str]:
    """(index, source, error) of the first cell with an error output in an executed notebook."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell.source, f"{output.ename}: {output.evalue}"
    return -1, "", ""


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=rel)
def test_notebook_runs_top_to_bottom(path):
    from notebook_kernels import execute_once

    nb, error = execute_once(path, NOTEBOOKS)      # shared with test_no_english_in_chinese.py
    if error is not None:
        index, source, message = failed_cell(nb)
        pytest.fail(f"{rel(path)}: cell {index} failed\n--- source\n{source}\n--- error\n"
                    f"{message or error}", pytrace=False)


# --- (d) quotes are exact -----------------------------------------------------------------------

CORNER_QUOTE = re.compile(r"「([^「」]*)」")
LAW_QUOTE = re.compile(r"“([^“”]+)”〔([^〔〕]+)〕")
LAW_REF = re.compile(r"〔([^〔〕]+)〕")
ID = re.compile(r"^[a-z][a-z0-9-]*-\d{4}:\d+(?:-\d+)?$")


def markdown(path: Path) -> list[tuple[int, str]]:
    return [(i, c.source) for i, c in enumerate(read(path).cells) if c.cell_type == "markdown"]


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_article_quotes_are_exact(path):
    article = claims.article_text()
    wrong = [(i, quote) for i, text in markdown(path) for quote in CORNER_QUOTE.findall(text)
             if quote not in article]
    assert wrong == [], f"{rel(path)}: 「…」 quotes not found verbatim in data/article.txt: {wrong}"


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_law_quotes_occur_in_the_cited_article(path):
    problems = []
    for index, text in markdown(path):
        for ref in LAW_REF.findall(text):
            if not ID.match(ref):
                problems.append(f"cell {index}: 〔{ref}〕 is not an id like csl-2017:21")
                continue
            try:
                law.by_id(ref)
            except (course.core.errors.CourseError, KeyError) as error:
                problems.append(f"cell {index}: 〔{ref}〕 does not resolve: {error}")
        for phrase, ref in LAW_QUOTE.findall(text):
            if ID.match(ref) and not _contains(ref, phrase):
                problems.append(f"cell {index}: “{phrase}” is not in {ref}")
    assert problems == [], f"{rel(path)}:\n" + "\n".join(problems)


def _contains(ref: str, phrase: str) -> bool:
    try:
        return law.contains(ref, phrase)
    except (course.core.errors.CourseError, KeyError):
        return False


def test_quote_patterns_work():
    """The checks above see real mistakes (guards against a pattern that matches nothing)."""
    article = claims.article_text()
    assert CORNER_QUOTE.findall("文中说「甲」和「乙」") == ["甲", "乙"]
    assert "不存在的一句话。" not in article
    assert LAW_QUOTE.findall("条文写“国家实行网络安全等级保护制度”〔csl-2017:21〕。") == [
        ("国家实行网络安全等级保护制度", "csl-2017:21")]
    assert law.contains("csl-2017:21", "国家实行网络安全等级保护制度")
    assert not _contains("csl-2017:21", "不存在的短语")
    assert not _contains("csl-2017:9999", "国家")

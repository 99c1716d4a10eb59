"""Loaders return documented tables and refuse malformed files with a clear message."""
import csv
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from course import claims, storage
from course.core import errors, i18n, resources
from course.core import tables as core_tables
from course.law import tables as law_tables


def test_laws_table_columns_and_ids():
    laws = law_tables.laws()
    assert list(laws.columns) == list(law_tables.LAW_SCHEMA)
    assert {"csl-2017", "csl-2026", "iism-2011", "criminal-law-2023"} <= set(laws.index)
    assert laws.loc["csl-2017", "superseded_by"] == "csl-2026"
    assert laws.loc["csl-2026", "in_force_from"] == "2026-01-01"
    assert laws.loc["csl-2017", "in_force_until"] == "2025-12-31"


def test_every_law_file_listed_exists_and_every_law_file_is_listed():
    listed = set(law_tables.laws()["file"])
    shipped = {f"laws/{p.name}" for p in resources.data_path("laws").glob("*.md") if not p.name.startswith("README")}
    assert listed == shipped


def test_articles_table():
    arts = law_tables.articles()
    assert arts.loc["criminal-law-2023:253-1", "label"] == "第二百五十三条之一"
    assert arts["number"].dtype.kind == "i"
    assert arts["id"].is_unique


def test_article_map_matches_both_texts():
    amap = law_tables.article_map()
    olds = amap["old_article_2017"].dropna().astype(int)
    news = amap["new_article_2026"].dropna().astype(int)
    assert sorted(olds) == list(range(1, 80))
    assert sorted(set(news)) == list(range(1, 82))
    row = amap[amap["old_article_2017"] == 68].iloc[0]
    assert row["new_article_2026"] == 69


def test_article_map_says_in_chinese_what_it_says_in_english():
    amap = law_tables.article_map()
    for row in amap.itertuples():
        assert re.search(r"[\u4e00-\u9fff]", row.change_zh) and re.search(r"[\u4e00-\u9fff]", row.basis_zh)
        assert row.basis.startswith("inferred") == row.basis_zh.startswith("推断："), row
        if row.basis.startswith("explicit"):
            assert row.basis_zh == f"修改决定明文规定（第{row.decision_item}项）", row
        for english, chinese in (("new article", "新增条文"), ("amended", "修改"), ("renumbered", "条号改变"),
                                 ("unchanged text", "文字未变")):     # how each note begins
            assert row.change.startswith(english) == row.change_zh.startswith(chinese), (english, row)
        assert ("merged" in row.change) == bool(re.search("合并|并入", row.change_zh)), row


MAP_FILE = "laws/cybersecurity-law-article-map.csv"


@pytest.mark.parametrize("column, damage", [("change_zh", ""), ("basis_zh", " "),
                                            ("change_zh", "与原第96条第1项合并并修改")])
def test_article_map_refuses_a_missing_or_renumbered_chinese_note(broken_data, language, column, damage):
    language("en")
    path = broken_data / MAP_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row_no = next(n for n, row in enumerate(rows, start=2) if row["old_article_2017"] == "68")
    rows[row_no - 2][column] = damage
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    name = column.removesuffix("_zh")
    with pytest.raises(errors.DataError, match=rf"row {row_no} \(column ({column}|{name})\)"):
        law_tables.article_map()


def test_figures_keep_unit_date_source_and_reliability():
    figs = storage.figures()
    numeric = figs[figs["number"].notna()]
    assert (numeric["unit"] != "").all()
    assert (numeric["source"] != "").all()
    assert (numeric["as_of"] != "").all()
    assert set(figs["reliability"]) <= set(core_tables.RELIABILITY)


def test_unconfirmed_figures_stay_marked():
    raw = pd.read_csv(resources.data_path("storage-facts.csv"), dtype=str, keep_default_na=False)
    unconfirmed = set(raw.loc[raw["reliability"] == "unconfirmed", "key"])
    figs = storage.figures()
    assert unconfirmed
    assert set(figs.index[figs["reliability"] == "unconfirmed"]) == unconfirmed


def test_the_article_text_is_the_shipped_file():
    text = claims.article_text()
    assert text.startswith("微信作为中国体量最大的聊天工具")
    assert "《网络安全法》全文共有6处提到关于信息保存的规定" in text


@pytest.fixture
def broken_data(tmp_path, monkeypatch):
    """A copy of data/ whose files a test may damage."""
    copy = tmp_path / "data"
    shutil.copytree(resources.data_dir(), copy)
    monkeypatch.setattr(resources, "data_dir", lambda: copy)
    loaders = (law_tables.laws, storage.figures, claims.sources, law_tables.articles, law_tables._parsed,
               law_tables.article_map, i18n.catalogue)
    for loader in loaders:
        loader.cache_clear()
    yield copy
    for loader in loaders:
        loader.cache_clear()


def test_missing_file_names_the_file(broken_data, language):
    language("en")
    (broken_data / "storage-facts.csv").unlink()
    with pytest.raises(errors.DataError, match="storage-facts.csv"):
        storage.figures()


def test_bad_row_names_file_row_and_column(broken_data, language):
    language("zh")
    path = broken_data / "laws.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace(",2011-01-08,", ",2011-13-xx,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(errors.DataError) as error:
        law_tables.laws()
    message = str(error.value)
    assert "laws.csv" in message and "第 5 行" in message and "in_force_from" in message


def test_unknown_reliability_is_refused(broken_data, language):
    language("en")
    path = broken_data / "storage-facts.csv"
    text = path.read_text(encoding="utf-8").replace(",primary,", ",probably,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(errors.DataError, match=r"row \d+ \(column reliability\)"):
        storage.figures()


def test_missing_column_is_named(broken_data, language):
    language("en")
    path = broken_data / "laws.csv"
    text = path.read_text(encoding="utf-8").replace("short_en,", "", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(errors.DataError, match="short_en"):
        law_tables.laws()


def test_not_utf8_is_a_clear_error(broken_data, language):
    language("en")
    path = broken_data / "storage-facts.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(errors.DataError, match="storage-facts.csv"):
        storage.figures()


def test_law_list_is_in_the_chosen_language():
    assert "status" in law_tables.law_list("en").columns
    assert "状态" in law_tables.law_list("zh").columns


def _table_loaders():
    """Every cached table loader in the learner's part of the package, found by walking it."""
    import importlib
    import inspect

    from course.core.resources import learner_modules
    from course.core.tables import is_table_loader

    found = {}
    for name in learner_modules():
        for attr, value in vars(importlib.import_module(name)).items():
            if is_table_loader(value) and all(p.default is not inspect.Parameter.empty
                                              for p in inspect.signature(value).parameters.values()):
                found[f"{value.__module__}.{attr}"] = value
    return found


def test_the_package_has_table_loaders_to_protect():
    names = set(_table_loaders())
    assert {"course.law.tables.laws", "course.storage.figures.figures"} <= names, names


@pytest.mark.parametrize("name", sorted(_table_loaders()))
def test_a_learner_who_changes_a_table_changes_only_their_copy(name):
    loader = _table_loaders()[name]
    before = loader()
    mine = loader()
    assert mine is not before
    column = mine.columns[0]
    mine[column] = "changed"                      # replace a column
    mine.iloc[0, 0] = "changed in place"          # and write into a cell
    del mine[mine.columns[-1]]                    # and delete a column
    again = loader()
    pd.testing.assert_frame_equal(again, before)


# --------------------------------------------------------------------------- headers shown

def test_count_word_shows_chinese_headers_and_keeps_its_column_names(language):
    from course import law
    from course.display.tables import labelled, table_html

    counts = law.count_word("cpl", "恢复")
    language("zh")
    assert counts.columns.tolist() == ["id", "label", "number", "count"]
    assert labelled(counts).columns.tolist() == ["条文代号（id）", "条文（label）", "条号（number）", "次数（count）"]
    shown = table_html(counts)
    assert "<th>次数（count）</th>" in shown and "<th>count</th>" not in shown
    mine = counts[counts["count"] > 0]                      # a learner's pandas, by column name
    assert set(mine["number"]) == {206, 296} and "<th>条号（number）</th>" in table_html(mine)
    language("en")
    assert labelled(counts).columns.tolist() == ["id", "label", "number", "count"]


TUPLE = """
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
import course
course.set_language("zh")
pair = course.law.count_word("cpl", "恢复"), course.law.count_word("mps-procedure", "恢复")
print(shell.display_formatter.format(pair)[0]["text/plain"])
"""


def test_a_tuple_of_tables_shows_chinese_headers_and_says_when_one_is_empty():
    """A tuple has no HTML view: IPython shows its plain text, headers and empty tables included."""
    run = subprocess.run([sys.executable, "-c", TUPLE], capture_output=True, text=True, check=True)
    assert "次数（count）" in run.stdout and "（没有符合条件的行）" in run.stdout
    assert "Empty DataFrame" not in run.stdout and "Columns:" not in run.stdout

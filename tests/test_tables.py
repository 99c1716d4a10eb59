"""Loaders return documented tables and refuse malformed files with a clear message."""
import shutil

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
               i18n.catalogue)
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

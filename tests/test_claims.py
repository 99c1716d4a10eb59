"""The claims table, the verdict vocabulary, sources, omissions and fragments.

Data checks (every quote is in the article, every id resolves, every claim has a
lesson, a verdict and reasons in both languages) and the facts the verdicts rest
on, recomputed from the law texts in data/laws/.
"""
from __future__ import annotations

import csv
import re
import warnings
from pathlib import Path

import pytest

import course
from course import claims, law, storage
from course.core import resources
from course.core import tables as core_tables
from course.core.errors import DataError
from course.core.i18n import catalogue
from course.core.resources import data_path
from course.law import tables as law_tables
from course.widgets.explorer import IN_FORCE_KEYS

ARTICLE = claims.article_text()
ISSUE_VERDICTS = {"accurate", "partly-accurate", "inaccurate", "misattributed", "outdated",
                  "unsupported", "opinion"}


def raw_rows(name: str) -> list[dict]:
    """The rows of a data file as the CSV module reads them (independent of the loaders)."""
    with data_path(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = raw_rows("claims.csv")


def ids(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def test_table_size_and_ids():
    assert 25 <= len(ROWS) <= 45
    ids = [r["id"] for r in ROWS]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"C\d{2}", i) for i in ids)
    # Ids are stable once published; claims added later take the next free id, and
    # ``order`` (not the id) gives their place in the article.
    assert [int(r["order"]) for r in ROWS] == list(range(1, len(ROWS) + 1))


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_quote_is_exact_substring_of_article(row):
    assert row["quote"] and row["quote"] in ARTICLE


def test_claims_follow_article_order():
    positions = [ARTICLE.index(r["quote"]) for r in ROWS]
    assert positions == sorted(positions)


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_every_claim_is_complete(row):
    assert row["lesson"] in claims.LESSONS
    assert row["type"] in claims.TYPES
    assert row["verdict"] in set(claims.verdicts().index)
    for column in ("summary", "reasons", "uncertain"):
        for lang in ("zh", "en"):
            assert row[f"{column}_{lang}"].strip(), f"{row['id']}: empty {column}_{lang}"
    assert re.search(r"[\u4e00-\u9fff]", row["reasons_zh"])
    assert len(re.findall(r"[A-Za-z]", row["reasons_en"])) > 40
    assert row["in_force_today"] in claims.IN_FORCE


@pytest.mark.parametrize("column", ["cited_ids", "applies_ids", "current_ids"])
def test_every_article_id_resolves(column):
    known = set(law_tables.articles().index)
    for row in ROWS:
        for ref in ids(row[column]):
            assert ref in known, f"{row['id']} {column}: {ref}"
            assert law.by_id(ref).text


def test_every_source_figure_and_version_resolves():
    sources, figures, laws = set(claims.sources().index), set(storage.figures().index), set(law_tables.laws().index)
    for row in ROWS:
        for ref in ids(row["source_ids"]):
            assert ref in sources, f"{row['id']}: source {ref}"
        for key in ids(row["figure_keys"]):
            assert key in figures, f"{row['id']}: figure {key}"
        if row["relied_version"]:
            assert row["relied_version"] in laws | sources, row["id"]


def test_legal_claims_cite_the_applicable_text():
    for row in ROWS:
        if row["type"] == "legal":
            assert ids(row["applies_ids"]), f"{row['id']}: a legal verdict must name the text that applies"
        if row["verdict"] in ("outdated", "misattributed"):
            assert ids(row["current_ids"]), f"{row['id']}: say where the rule is today"


def test_in_force_today_agrees_with_laws_table():
    laws = law_tables.laws()
    for row in ROWS:
        version, in_force = row["relied_version"], row["in_force_today"]
        if version in laws.index and in_force != "n.a.":
            expected = "yes" if not laws.loc[version, "in_force_until"] else "no"
            assert in_force == expected, row["id"]


def test_law_phrases_in_reasons_occur_in_the_article_cited():
    found = 0
    for row in ROWS:
        for lang in ("zh", "en"):
            for phrase, ref in claims.PHRASE_RE.findall(row[f"reasons_{lang}"]):
                found += 1
                assert law.contains(ref, phrase), f"{row['id']}: “{phrase}” not in {ref}"
    assert found > 20


def test_verdict_vocabulary_is_documented():
    table = claims.verdicts()
    assert ISSUE_VERDICTS <= set(table.index)
    for verdict, row in table.iterrows():
        for column in ("label_zh", "label_en", "definition_zh", "definition_en"):
            assert row[column].strip(), (verdict, column)
        assert re.fullmatch(r"#[0-9a-f]{6}", row["color"])
    assert claims.verdict_label("misattributed", lang="zh") == "张冠李戴"
    assert claims.verdict_label("outdated", lang="en") == "outdated citation"
    with pytest.raises(course.core.errors.CourseError, match="wrong"):
        claims.verdict_label("wrong")


def test_types_have_labels_and_definitions_in_both_languages():
    messages = catalogue()
    for kind in claims.TYPES:
        for prefix in ("claims.type.", "claims.typedef."):
            assert messages[prefix + kind]["zh"] and messages[prefix + kind]["en"]


def test_message_keys_used_by_the_modules_exist():
    messages = catalogue()
    assert set(IN_FORCE_KEYS) == set(claims.IN_FORCE)
    package = Path(claims.__file__).parent
    for path in [*package.glob("*.py"), package.parent / "widgets" / "explorer.py"]:
        source = path.read_text(encoding="utf-8")
        for key in re.findall(r't\(\s*"((?:claims|explorer)\.[a-z_.]*[a-z_])"', source):
            assert key in messages and messages[key]["zh"] and messages[key]["en"], key
    dynamic = list(IN_FORCE_KEYS.values()) + \
        [f"explorer.filter.{f}" for f in ("lesson", "type", "verdict")] + \
        [f"claims.lesson.{n}" for n in claims.LESSONS] + \
        [f"claims.chart.title_{by}" for by in ("type", "lesson")]
    for key in dynamic:
        assert messages[key]["zh"] and messages[key]["en"], key


# --- the facts the verdicts rest on, recomputed from data/laws/ ---------------------------

def quote(claim_id: str) -> str:
    return claims.claim(claim_id)["quote"]


def test_iism_14_para_2_is_quoted_exactly_and_art_20_has_no_retention_rule():
    row = claims.claim("C07")
    para2 = law.by_id("iism-2011:14").paragraph(2).text.rstrip("。")
    assert law.normalise(para2) in law.normalise(row["quote"])
    assert law.contains("iism-2011:14", "从事新闻、出版以及电子公告等服务项目")
    art20 = law.by_id("iism-2011:20").text
    assert "治安管理处罚法" in art20 and "日志" not in art20 and "6个月" not in art20
    assert not any("六个月" in a.text or "6个月" in a.text for a in law_tables.parsed("iism-2011").articles)
    assert claims.claim("C08")["verdict"] == "misattributed"


def test_six_month_log_rule_is_csl_21_item_3_and_23_item_3():
    for ref in ("csl-2017:21", "csl-2026:23"):
        assert "留存相关的网络日志不少于六个月" in law.by_id(ref).item(3).text
    assert "csl-2017:21" in ids(claims.claim("C08")["applies_ids"])
    assert claims.claim("C08")["current_ids"] == "csl-2026:23"


def test_six_places_count_in_both_versions():
    def places(version):
        rows = [law.count_word("csl", word, version=version) for word in ("保存", "留存")]
        counts = {}
        for frame in rows:
            for number, count in zip(frame["number"], frame["count"]):
                counts[number] = counts.get(number, 0) + count
        return counts

    old, new = places("2017"), places("2026")
    assert sum(old.values()) == 6 and sorted(old) == [21, 41, 47, 48, 50, 68]
    assert sum(new.values()) == 7 and sorted(new) == [23, 43, 49, 50, 52, 69]
    row = claims.claim("C17")
    assert sorted(int(r.split(":")[1]) for r in ids(row["applies_ids"])) == sorted(old)
    assert sorted(int(r.split(":")[1]) for r in ids(row["current_ids"])) == sorted(new)


def test_penalty_article_68_is_now_69():
    row = claims.claim("C21")
    assert row["verdict"] == "outdated" and row["cited_ids"] == "csl-2017:68"
    assert law.current("csl", 68).id == "csl-2026:69" == row["current_ids"]
    old, new = law.by_id("csl-2017:68").text, law.by_id("csl-2026:69").text
    assert "没收违法所得" in old and "没收违法所得" not in new
    assert "二百万元以上一千万元以下" in new


def test_criminal_law_253_1_quote_matches_character_by_character():
    body = quote("C35").split("侵犯公民个人信息罪 ", 1)[1]
    assert law.normalise(body).replace(";", "；") == \
        law.normalise(law.by_id("criminal-law-2023:253-1").text)


def test_interpretation_116_para_2_and_civil_procedure_66():
    text = quote("C37").split(":", 1)[1]
    for version in ("2020", "2022"):
        para2 = law.by_id(f"spc-civpl-interp-{version}:116").paragraph(2).text.rstrip("。")
        assert law.normalise(text) == law.normalise(para2)
    assert "电子数据" in law.by_id("civpl-2023:66").item(5).text
    row = claims.claim("C39")
    assert row["verdict"] == "outdated" and row["current_ids"] == "civpl-2023:66"
    assert row["relied_version"] in claims.sources().index


def test_technical_investigation_level_is_city_not_county():
    assert law.contains("mps-procedure-2020:265", "设区的市一级以上公安机关负责人批准")
    assert "县级" not in law.by_id("mps-procedure-2020:265").text
    assert claims.claim("C25")["verdict"] == "inaccurate"


# --- loaders, helpers, errors -----------------------------------------------------------

def test_loader_matches_file_and_helpers():
    table = claims.claims()
    assert list(table.index) == [r["id"] for r in ROWS]
    assert set(claims.for_lesson("3").index) == {r["id"] for r in ROWS if r["lesson"] == "03"}
    before, text, after = claims.quote_context("C13", width=10)
    assert len(before) == 10 and before + text + after in ARTICLE
    assert claims.quote_context("C01", width=30)[0] == ""        # the first claim opens the article
    assert '<mark class="claim-quote">' in claims.quote_html("C13")
    assert [p.id for p in claims.provisions("C21", "current_ids")] == ["csl-2026:69"]
    with pytest.raises(course.core.errors.CourseError, match="C99"):
        claims.claim("C99")


def test_overview_and_counts():
    course.set_language("en")
    view = claims.overview(lesson="05")
    assert list(view.columns) == ["lesson", "type", "verdict", "quote", "summary"]
    assert set(view["verdict"]) <= set(claims.verdicts()["label_en"])
    counts = claims.verdict_counts(by="lesson")
    assert int(counts.to_numpy().sum()) == len(ROWS)
    assert int(counts.loc["03", "misattributed"]) == 1
    by_type = claims.verdict_counts(by="type", labels=True, lang="zh")
    assert "法律" in by_type.index and "张冠李戴" in by_type.columns
    with pytest.raises(course.core.errors.CourseError):
        claims.verdict_counts(by="author")


def test_overview_can_leave_out_the_type_an_exercise_asks_for():
    kept = claims.overview(lang="zh", columns=["lesson", "verdict", "quote", "summary"])
    assert list(kept.columns) == ["课", "结论", "引文", "概要"] and len(kept) == len(ROWS)
    assert "类型" not in kept.columns and "类型" in claims.overview(lang="zh").columns
    with pytest.raises(course.core.errors.CourseError, match="author"):
        claims.overview(columns=["author"])
    with pytest.raises(course.core.errors.CourseError):
        claims.overview(columns="type")           # a single string is not a list of columns


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("by", ["type", "lesson"])
def test_verdict_chart_labels_follow_language(lang, by):
    from IPython.core.pylabtools import print_figure

    from course.display.charts import Chart

    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # a missing glyph warns: here it fails
        chart = claims.verdict_chart(by=by, lang=lang)
        figure = claims.verdict_figure(by=by, lang=lang)
        inline = print_figure(figure, "png")            # what the inline backend would show
    assert isinstance(chart, Chart) and chart.png == inline
    axes = figure.axes[0]
    assert chart.title == axes.get_title()
    ticks = [label.get_text() for label in axes.get_yticklabels()]
    legend = [text.get_text() for text in figure.legends[0].get_texts()]      # under the axes
    if by == "type":
        assert claims.type_label("legal", lang) in ticks
    else:
        assert claims.lesson_label("05", lang) in ticks
    assert claims.verdict_label("accurate", lang) in legend
    heights = sum(patch.get_width() for patch in axes.patches)
    assert heights == len(ROWS)


def test_omissions_and_fragments():
    omitted = claims.omissions()
    assert len(omitted) >= 8
    assert "constitution-2018:40" in ";".join(omitted["applies_ids"])
    for _, row in omitted.iterrows():
        assert row["topic_zh"] and row["topic_en"] and row["why_zh"] and row["why_en"]
    pieces = claims.fragments()
    assert {"duplicate", "garbled", "orphan answer"} <= set(pieces["kind"])
    for _, row in pieces.iterrows():
        assert row["quote"] in ARTICLE
    # the article's tail repeats paragraphs 3-6
    duplicates = pieces[pieces["kind"] == "duplicate"]
    assert all("网络日志信息" in q for q in duplicates["quote"])


def test_sources_table():
    src = claims.sources()
    assert src.index.is_unique and len(src) >= 20
    assert set(src["reliability"]) <= set(core_tables.RELIABILITY)
    for sid in ("mps-order-82-2005", "civpl-2017-art63", "spc-civpl-interp-2015"):
        assert "not available as full text" in src.loc[sid, "note_en"].lower()


def test_broken_file_is_reported_with_file_row_and_column(tmp_path, monkeypatch):
    rows = raw_rows("claims.csv")
    rows[1]["quote"] = "这句话不在文章里"
    broken = tmp_path / "claims.csv"
    with broken.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    original = resources.data_path
    monkeypatch.setattr(core_tables, "data_path", lambda name: broken if name == "claims.csv" else original(name))
    claims.claims.cache_clear()
    course.set_language("en")
    try:
        with pytest.raises(DataError, match=r"claims\.csv, row 3 \(column quote\)"):
            claims.claims()
    finally:
        monkeypatch.undo()
        claims.claims.cache_clear()
    assert len(claims.claims()) == len(ROWS)

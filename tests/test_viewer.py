"""The statute viewer: look-ups, highlighting, version comparison, renumbering, keyword counts,
and the widget's logic (driven without a browser; the browser test is tests/browser/test_viewer.py)."""
from __future__ import annotations

import html
import re
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import course
from course import claims, law
from course.core import errors, i18n
from course.display import statute_html
from course.display.charts import render_png
from course.law import tables as law_tables
from course.widgets import StatuteViewer


@pytest.fixture(autouse=True)
def chinese():
    course.set_language("zh")
    yield
    course.set_language("zh")


def plain(fragment: str) -> str:
    """The text of an HTML fragment (tags dropped, entities decoded, <br> as newline)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment.replace("<br>", "\n")))


# --------------------------------------------------------------------------- look-ups

@pytest.mark.parametrize("typed, expected", [
    (21, (21, 0)), ("21", (21, 0)), ("第二十一条", (21, 0)), ("二十一", (21, 0)),
    ("Art. 21", (21, 0)), ("article 47", (47, 0)), (" 253-1 ", (253, 1)), ("253之一", (253, 1)),
    ("第二百五十三条之一", (253, 1)),
])
def test_parse_article_accepts_what_learners_type(typed, expected):
    assert law.parse_number(typed) == expected


@pytest.mark.parametrize("typed", ["", "abc", "第条", True, "21a"])
def test_parse_article_rejects_nonsense(typed):
    with pytest.raises(errors.CourseError):
        law.parse_number(typed)


def test_families_and_versions_come_from_laws_csv():
    families = dict((family, label) for label, family in law.families("en"))
    assert families["csl"] == "Cybersecurity Law"
    assert "csl-amendment" not in families          # the decision is not cut into articles
    assert [law for _, law in law.versions("csl")] == ["csl-2017", "csl-2026"]
    assert [law for _, law in law.versions("civpl")] == ["civpl-2021", "civpl-2023"]
    with pytest.raises(errors.CourseError):
        law.versions("nonsense")


# --------------------------------------------------------------------------- HTML

def test_highlight_escapes_and_marks():
    assert statute_html.highlight("a<b>保存c保存", "保存") == (
        'a&lt;b&gt;<mark class="course-mark">保存</mark>c<mark class="course-mark">保存</mark>')
    assert statute_html.highlight("x<y", "") == "x&lt;y"
    assert statute_html.highlight("abc", "z") == "abc"


@given(st.text(max_size=60), st.text(min_size=1, max_size=4))
def test_highlight_keeps_the_text(text, term):
    marked = statute_html.highlight(text, term)
    assert plain(marked) == text
    assert marked.count("<mark") == text.count(term)


def test_article_html_has_citation_number_text_and_hooks():
    prov = law.by_id("csl-2017:21")
    fragment = statute_html.article_html(prov, "日志")
    assert 'data-article-id="csl-2017:21"' in fragment and 'data-number="21"' in fragment
    assert f'<div class="course-statute-citation">{html.escape(prov.citation())}</div>' in fragment
    assert '<div class="course-statute-number">第二十一条</div>' in fragment
    text = re.search(r'<div class="course-statute-text">(.*?)</div>', fragment).group(1)
    assert plain(text) == prov.text
    assert 'data-hits="1"' in fragment


# --------------------------------------------------------------------------- renumbering

def test_map_rows_are_the_article_map():
    table = law_tables.article_map()
    rows = law.map_rows()
    assert len(rows) == len(table)
    for row, (_, record) in zip(rows, table.iterrows()):
        assert row.old == (None if record.isna()["old_article_2017"] else int(record["old_article_2017"]))
        assert row.new == (None if record.isna()["new_article_2026"] else int(record["new_article_2026"]))
        assert row.inferred == record["basis"].startswith("inferred")


def test_every_old_article_compares_with_its_mapped_new_article():
    for row in law.map_rows():
        if row.old is None:
            continue
        comparison = law.compare(row.old, "2017")
        assert [p.id for p in comparison.old] == [f"csl-2017:{row.old}"]
        assert f"csl-2026:{row.new}" in [p.id for p in comparison.new]
        if row.kind in ("unchanged", "renumbered"):
            assert comparison.unchanged, row
        if row.kind in ("amended", "merged"):
            assert not comparison.unchanged, row


def test_merged_and_new_articles():
    assert [p.id for p in law.compare(71, "2026").old] == ["csl-2017:64", "csl-2017:66", "csl-2017:70"]
    new3 = law.compare(3, "2026")
    assert new3.old == () and new3.rows[0].kind == "new"
    assert law.counterparts("iism-2011:14") == []


def test_renumbering_table_shows_inferred_and_naive():
    table = law.renumbering([21, 68])
    assert table["2017"].tolist() == [21, 68] and table["2026"].tolist() == [23, 69]
    basis = table[i18n.t("viewer.col_basis")].tolist()
    assert basis[0] == i18n.t("viewer.basis_inferred")
    assert basis[1] == i18n.t("viewer.basis_explicit", item="十一")
    assert table[i18n.t("viewer.col_naive")].tolist() == [23, 70]


def test_version_note_warns_about_the_same_number():
    course.set_language("en")
    note = plain("\n".join(law.version_notes("csl-2026:21")))
    assert "2017 text Art. 19 → 2026 text Art. 21" in note
    assert "that rule is now Art. 23" in note
    assert "different rule (formerly Art. 67)" in plain("\n".join(law.version_notes("csl-2017:68")))
    assert "new article" in plain("\n".join(law.version_notes("csl-2017:20")))
    assert law.version_notes("iism-2011:14") == []


# --------------------------------------------------------------------------- comparison

@given(st.text(alphabet="保存记录网络日志第四十七九条，。", max_size=40),
       st.text(alphabet="保存记录网络日志第四十七九条，。", max_size=40))
def test_diff_html_rebuilds_both_texts(old, new):
    left, right = statute_html.diff_html(law.segments(old, new))
    assert plain(re.sub(r"<ins>.*?</ins>", "", left)) == old
    assert plain(re.sub(r"<del>.*?</del>", "", right)) == new
    assert "<ins>" not in left and "<del>" not in right


def test_compare_68_marks_what_changed_with_text_from_the_files():
    comparison = law.compare(68)
    assert [p.id for p in comparison.old] == ["csl-2017:68"]
    assert [p.id for p in comparison.new] == ["csl-2026:69"]
    page = comparison.html()
    assert "<del>没收违法所得</del>" in page
    assert "<ins>、予以通报</ins>" in page
    assert 'data-ids="csl-2017:68"' in page and 'data-ids="csl-2026:69"' in page
    left, right = statute_html.diff_html(law.segments(comparison.old_text, comparison.new_text))
    assert plain(re.sub(r"<ins>.*?</ins>", "", left)) == law.by_id("csl-2017:68").text
    assert plain(re.sub(r"<del>.*?</del>", "", right)) == law.by_id("csl-2026:69").text


def test_unchanged_rule_says_so():
    page = law.compare(47).html()
    assert i18n.t("viewer.same_words") in page
    assert "<del>" not in page and "<ins>" not in page


# --------------------------------------------------------------------------- counting

def test_keyword_table_agrees_with_count_word():
    table = law.keyword_table("csl", "保存、留存", "2017")
    for word in ("保存", "留存"):
        counts = law.count_word("csl", word, version="2017")
        assert int(table[word].sum()) == int(counts["count"].sum())
    assert (table["total"] > 0).all()
    assert law.keyword_table("iism", ["日志"], 2011).empty


def test_count_readings_and_search():
    readings = law.count_readings({"a": ["保存", "留存"], "b": ["记录"]})
    assert readings.iloc[:, 0].tolist() == [6, 6] and readings.iloc[:, 2].tolist() == [7, 7]
    found = law.search_laws(["网络日志", "六个月"])
    assert found["id"].tolist() == ["csl-2017:21", "csl-2026:23"]
    article = claims.article_text()
    start = article.index("互联网信息服务提供者和")
    quote = article[start:article.index("予以提供", start) + 4]
    assert law.search_laws(quote)["id"].tolist() == ["iism-2011:14"]
    assert law.search_laws("网络日志", laws=["iism"]).empty


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_keyword_chart_draws_chinese_without_missing_glyphs(lang):
    from IPython.core.pylabtools import print_figure

    from course.display.charts import Chart

    course.set_language(lang)
    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # a missing glyph warns: here it fails
        chart = law.keyword_chart("csl", ["保存", "留存"], "2017")
        fig = law.keyword_figure("csl", ["保存", "留存"], "2017")
        inline = print_figure(fig, "png")               # what the inline backend would show
        widget_png = render_png(fig)             # what the viewer widget shows
    assert isinstance(chart, Chart) and chart.png == inline
    assert widget_png.startswith(b"\x89PNG")
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["21", "41", "47", "48", "50", "68"]
    assert chart.title == fig.axes[0].get_title() and "保存、留存" in chart.title


def test_keyword_figure_is_not_left_open_in_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    law.keyword_figure("csl", ["保存"], "2017")
    assert plt.get_fignums() == before


# --------------------------------------------------------------------------- the widget

def test_widget_follows_the_learners_choices():
    v = StatuteViewer("csl", 21, "2017")
    assert 'data-article-id="csl-2017:21"' in v.view.value
    v.version_box.value = "csl-2026"
    assert 'data-article-id="csl-2026:21"' in v.view.value
    assert "第二十三条" not in v.view.value and "23" in v.view.value          # the map note
    v.article_box.value = "第二十三条"
    assert 'data-article-id="csl-2026:23"' in v.view.value
    v.compare_box.value = True
    assert 'data-ids="csl-2017:21"' in v.view.value and 'class="course-compare"' in v.view.value
    v.term_box.value = "日志"
    assert '<mark class="course-mark">日志</mark>' in v.view.value


def test_widget_switches_law_and_disables_compare():
    v = StatuteViewer("csl", 21, "2017", compare=True)
    v.law_box.value = "iism"
    assert v.version_box.value == "iism-2011" and v.compare_box.disabled
    v.article_box.value = "14"
    assert 'data-article-id="iism-2011:14"' in v.view.value
    assert 'class="course-compare"' not in v.view.value


def test_widget_reports_a_wrong_article_in_the_learners_language():
    course.set_language("en")
    v = StatuteViewer("csl", 99, "2017")
    assert "course-viewer-error" in v.view.value and "has no Art. 99" in v.view.value
    v.article_box.value = "abc"
    assert "Write an article number" in v.view.value


def test_widget_counts_words_and_draws_the_chart():
    v = StatuteViewer("csl", 47, "2017", words="保存 留存")
    assert 'data-total="6"' in v.counter.value and 'data-articles="6"' in v.counter.value
    assert v.png.startswith(b"\x89PNG") and 'alt="' in v.chart.value
    v.words_box.value = ""
    assert v.counter.value == "" and v.png == b"" and v.chart.value == ""


def test_the_count_follows_the_version_shown():
    v = StatuteViewer("csl", 47, "2017", words="保存")
    old = law.keyword_table("csl-2017", ["保存"])["total"].sum()
    new = law.keyword_table("csl-2026", ["保存"])["total"].sum()
    assert f'data-total="{old}"' in v.counter.value
    v.version_box.value = "csl-2026"
    assert f'data-total="{new}"' in v.counter.value
    assert law.law_name("csl-2026", short=True) in v.counter.value


@given(st.text(alphabet="保存记录网络日志条，", max_size=30), st.text(alphabet="保存记录网络日志条，", max_size=30),
       st.text(alphabet="保存记录日志", min_size=1, max_size=3))
def test_the_search_term_is_marked_inside_the_comparison_too(old, new, term):
    left, right = statute_html.diff_html(law.segments(old, new), term)
    for side, text, gone in ((left, old, r"<ins>.*?</ins>"), (right, new, r"<del>.*?</del>")):
        assert plain(re.sub(gone, "", side)) == text             # the text is unchanged
        marked = "".join(re.findall(r'<mark class="course-mark">(.*?)</mark>', side))
        assert len(marked) == text.count(term) * len(term)       # every hit marked, nothing else
        assert not re.search(r"<(del|ins)>[^<]*<mark[^>]*>[^<]*</(del|ins)>", side)  # tags nest properly


def test_the_viewer_marks_the_term_in_the_comparison():
    v = StatuteViewer("csl", 21, "2017", term="网络日志", compare=True)
    compare = v.view.value[v.view.value.index('class="course-compare"'):]
    assert '<mark class="course-mark">' in compare


def test_widget_classes_for_the_browser_test():
    v = StatuteViewer()
    classes = {c for box in (v.law_box, v.version_box, v.article_box, v.term_box, v.compare_box,
                             v.view) for c in box._dom_classes}
    assert {"course-viewer-law", "course-viewer-version", "course-viewer-article",
            "course-viewer-search", "course-viewer-compare", "course-viewer-view"} <= classes


# --------------------------------------------------------------------------- messages

def test_every_viewer_message_exists_in_both_languages():
    package = Path(law.__file__).parent
    files = [*package.glob("*.py"), package.parent / "display" / "statute_html.py",
             package.parent / "widgets" / "viewer.py"]
    source = "\n".join(path.read_text(encoding="utf-8") for path in files)
    keys = set(re.findall(r'"(viewer\.[a-z_0-9]+)"', source))
    keys |= {f"viewer.kind_{kind}" for kind in ("unchanged", "renumbered", "renumbered_xref",
                                                "amended", "merged", "new")}
    keys |= {f"viewer.col_{c}" for c in ("change", "basis", "naive", "naive_ok", "note")}
    catalogue = i18n.catalogue()
    for key in keys:
        assert catalogue[key]["zh"] and catalogue[key]["en"], key

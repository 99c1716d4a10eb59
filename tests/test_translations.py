"""The course's English of the law texts, the article's gloss and the glossary.

Every piece of law an English lesson shows (found by running the lessons, see
``translation_targets``) has a translation; a translation is never shown without its label,
and never in Chinese mode; a shared translation stands for identical Chinese.
"""
from __future__ import annotations

import html
import re

import pytest
from translation_targets import pieces, shown

import course
from course import claims, law
from course.claims import gloss
from course.core.i18n import t
from course.law import translations

LABEL = t("translation.label", "en")
TRANSLATION_DIV = re.compile(r'<div class="course-statute-translation".*?</div>(?:<div class="course-statute-text" lang="en">.*?</div>)?</div>', re.S)


def test_every_piece_an_english_lesson_shows_has_a_translation():
    needed = pieces()
    assert len(needed) > 150
    missing = sorted(p for p in needed if translations.english(*p) is None)
    assert missing == [], f"no translation for {missing[:10]}"


def test_every_shown_provision_renders_its_translation_under_its_label(language):
    language("en")
    for article_id, k, i in sorted(shown(), key=str):
        prov = law.by_id(article_id)
        prov = prov.paragraph(k) if k else prov
        prov = prov.item(i) if i else prov
        english = prov.translation()
        assert english, article_id
        page = course.display.statute_html.article_html(prov)
        blocks = TRANSLATION_DIV.findall(page)
        assert len(blocks) == 1 and LABEL in blocks[0], article_id
        outside = TRANSLATION_DIV.sub("", page)
        assert english.splitlines()[0][:40] not in outside.replace("&#x27;", "'"), article_id
        markdown = prov._repr_markdown_()
        assert markdown.index(LABEL) < markdown.index(english.splitlines()[0][:30])


def test_comparison_and_explorer_show_english_of_both_versions_labelled(language):
    language("en")
    page = law.compare(68).html()
    assert page.count(LABEL) == 2
    assert "Article 47 of this Law" in page and "Article 49 of this Law" in page
    card = course.widgets.ClaimExplorer(build=False).card_html("C08", "en")
    assert LABEL in card and card.count("course-statute-translation") == card.count("claim-provision\"")


def test_chinese_mode_shows_no_english(language):
    language("zh")
    prov = law.article("csl", 47, "2017")
    assert "course-statute-translation" not in course.display.statute_html.article_html(prov)
    assert prov.translation() not in prov._repr_markdown_() and LABEL not in str(prov)
    assert "Article 49" not in law.compare(47).html()
    assert "course-statute-translation" not in claims.article_gloss().html()


def test_shared_rows_point_at_identical_chinese_and_changed_articles_have_their_own():
    table = translations.translations()
    shared = table[table["same_as"] != ""]
    assert len(shared) >= 20
    for row in shared.itertuples():
        other_law, _, other_key = row.same_as.partition(":")
        assert translations.chinese(row.law, row.article, row.paragraph, row.item) == \
            translations.chinese(other_law, other_key, row.paragraph, row.item), row.key
    own = table[table["same_as"] == ""]
    texts = {}
    for row in own.itertuples():
        texts.setdefault(translations.chinese(row.law, row.article, row.paragraph, row.item), []).append(row.key)
    assert [keys for keys in texts.values() if len(keys) > 1] == []   # identical Chinese is shared, not retyped
    assert table.loc["csl-2026:69:1:0", "same_as"] == "" and "Article 49" in table.loc["csl-2026:69:1:0", "en"]


def test_a_shared_row_with_different_chinese_is_refused(tmp_path, monkeypatch, language):
    language("en")
    from course.core import tables as core_tables
    from course.core.errors import DataError
    original = core_tables.data_path
    text = original(translations.FILE).read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("csl-2026,69,1,0,"))
    broken = tmp_path / "laws-en.csv"
    broken.write_text(text.replace(row, f"csl-2026,69,1,0,{row.split(',')[4]},csl-2017:68,"), encoding="utf-8")
    monkeypatch.setattr(core_tables, "data_path",
                        lambda name: broken if name == translations.FILE else original(name))
    translations.translations.cache_clear()
    try:
        with pytest.raises(DataError, match="identical"):
            translations.translations()
    finally:
        monkeypatch.undo()
        translations.translations.cache_clear()


def test_keep_and_retain_are_marked_wherever_the_chinese_has_them():
    for row in translations.translations().itertuples():
        if row.en:
            zh = translations.chinese(row.law, row.article, row.paragraph, row.item)
            for word in ("保存", "留存"):
                assert zh.count(word) == row.en.count(f"({word})"), (row.key, word)


def test_gloss_lines_up_with_the_article_paragraphs(language):
    table = gloss.gloss()
    text = claims.article_text().split("\n")
    assert list(table.index) == list(range(1, len(text) + 1))
    for n, zh in enumerate(text, start=1):
        assert table.loc[n, "zh_sha1"] == translations.fingerprint(zh)
    language("en")
    page = claims.article_gloss().html()
    assert page.count(html.escape(t("translation.gloss_label", "en"))) == len(text) + 1


def test_glossary_terms_occur_in_the_law_and_match_the_translations():
    from course.law.glossary import terms
    entries = terms()
    assert len(entries) >= 25
    for term in ("设区的市", "立案", "技术侦查措施", "电子数据", "情节严重", "网络运营者"):
        assert term in entries.index
    for row in entries.itertuples():
        assert row.term in law.by_id(row.example).text, row.term
        english = law.by_id(row.example).translation().lower()
        assert row.en.split(" (")[0].lower() in english, (row.term, row.en)
    assert law.glossary("立案").en == "file a case"

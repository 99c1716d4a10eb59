"""Look-ups give the exact text with a full citation, and clear errors otherwise."""
import pytest

from course import law
from course.core.i18n import CourseError
from course.law import tables as law_tables


def test_citation_names_law_version_article_paragraph_item():
    provision = law.article("csl", 21, version=2017).paragraph(1).item(3)
    assert provision.citation("zh") == "《中华人民共和国网络安全法》（2017年文本）第二十一条第一款第（三）项"
    assert provision.citation("en") == ("Cybersecurity Law of the People's Republic of China (2017 text), "
                                        "Art. 21, para. 1, item (3)")
    assert provision.text == law_tables.parsed("csl-2017").articles[20].paragraphs[0].items[2]


def test_default_version_is_the_one_in_force():
    assert law.law_id("csl", on="2025-12-31") == "csl-2017"
    assert law.law_id("csl", on="2026-01-01") == "csl-2026"
    assert law.law_id("civpl", on="2023-06-01") == "civpl-2021"


@pytest.mark.parametrize("reference", [253, "253", "第二百五十三条"])
def test_article_numbers_in_several_spellings(reference):
    assert law.article("criminal-law", reference).id == "criminal-law-2023:253"


def test_inserted_article():
    assert law.article("criminal-law", "253-1").article.label == "第二百五十三条之一"
    assert law.article("criminal-law", "第二百五十三条之一").id == "criminal-law-2023:253-1"


@pytest.mark.parametrize("old, new", [(21, 23), (41, 43), (47, 49), (68, 69), (3, 4), (18, 19)])
def test_current_number_of_an_old_cybersecurity_article(old, new):
    assert law.current("csl", old).id == f"csl-2026:{new}"


def test_current_follows_the_map_not_an_offset():
    amap = law_tables.article_map()
    for row in amap.dropna(subset=["old_article_2017", "new_article_2026"]).itertuples():
        assert law.current("csl", int(row.old_article_2017)).number == row.new_article_2026


def test_count_word_by_article():
    counts = law.count_word("csl", "网络日志", version=2017)
    assert list(counts["id"]) == ["csl-2017:21"]
    assert int(counts["count"].sum()) == law_tables.parsed("csl-2017").body.count("网络日志")


def test_contains_ignores_whitespace_and_punctuation_width():
    assert law.contains("csl-2017:21", "防止网络数据泄露或者被窃取、篡改：")
    assert not law.contains("csl-2017:21", "聊天记录")


def test_errors_are_clear_and_in_the_chosen_language(language):
    language("en")
    with pytest.raises(CourseError, match="has no Art. 99"):
        law.article("csl", 99, version=2017)
    with pytest.raises(CourseError, match="No such law"):
        law.article("wechat-law", 1)
    with pytest.raises(CourseError, match="no 1999 text"):
        law.article("csl", 1, version=1999)
    with pytest.raises(CourseError, match="Write an article number"):
        law.article("csl", "twenty-one")
    language("zh")
    with pytest.raises(CourseError, match="没有第 2 款"):
        law.article("csl", 21, version=2017).paragraph(2)
    with pytest.raises(CourseError, match="只有 5 项"):
        law.article("csl", 21, version=2017).item(6)


def test_no_map_for_other_laws(language):
    language("en")
    with pytest.raises(CourseError, match="no counterpart"):
        law.current("civpl", 66, old_version=2021)


def test_status_says_which_version_is_in_force(language):
    assert law.status("csl-2017", "en") == "in force until 2025-12-31, superseded by 2026 text"
    assert law.status("csl-2026", "zh").startswith("现行有效")


def test_markdown_display_carries_citation_and_text(language):
    language("zh")
    shown = law.article("iism", 14)._repr_markdown_()
    assert "《互联网信息服务管理办法》（2011年文本）第十四条" in shown
    assert "记录备份应当保存60日" in shown

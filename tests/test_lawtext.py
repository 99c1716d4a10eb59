"""The law files are cut into articles exactly: no gaps, nothing lost, nothing retyped."""
import re

import pytest

from course.law import tables as law_tables
from course.law.text import parse_law_text

LAWS = law_tables.article_laws()

# Real exceptions to "articles run 1..N": the Civil Code file is Book Four only (Arts. 989-1039);
# the Criminal Law has inserted articles (e.g. 第二百五十三条之一) between its whole-numbered ones.
FIRST_ARTICLE = {"civil-code-2020": 989}


def squash(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


@pytest.mark.parametrize("law", LAWS)
def test_article_numbers_run_without_gaps(law):
    numbers = [a.number for a in law_tables.parsed(law).articles if a.sub == 0]
    first = FIRST_ARTICLE.get(law, 1)
    assert numbers == list(range(first, first + len(numbers)))


@pytest.mark.parametrize("law", LAWS)
def test_inserted_articles_follow_their_base_article(law):
    arts = law_tables.parsed(law).articles
    for previous, article in zip(arts, arts[1:]):
        if article.sub:
            assert (previous.number, previous.sub + 1) == (article.number, article.sub)


@pytest.mark.parametrize("law", LAWS)
def test_joining_the_parts_gives_back_the_body(law):
    parsed = law_tables.parsed(law)
    assert squash("".join(text for _, text in parsed.segments)) == squash(parsed.body)


@pytest.mark.parametrize("law", LAWS)
def test_every_article_has_text(law):
    assert all(a.text.strip() for a in law_tables.parsed(law).articles)


@pytest.mark.parametrize("article_id, start", [
    ("csl-2017:21", "国家实行网络安全等级保护制度"),
    ("csl-2017:41", "网络运营者收集、使用个人信息"),
    ("csl-2017:47", "网络运营者应当加强对其用户发布的信息的管理"),
    ("csl-2017:68", "网络运营者违反本法第四十七条规定"),
    ("csl-2026:3", "网络安全工作坚持中国共产党的领导"),
    ("csl-2026:23", "国家实行网络安全等级保护制度"),
    ("iism-2011:14", "从事新闻、出版以及电子公告等服务项目的互联网信息服务提供者"),
    ("criminal-law-2023:253-1", "违反国家有关规定，向他人出售或者提供公民个人信息"),
    ("constitution-2018:40", "中华人民共和国公民的通信自由和通信秘密受法律的保护"),
    ("civpl-2023:66", "证据包括"),
    ("civil-code-2020:1032", "自然人享有隐私权"),
    ("cpl-2018:128", "侦查人员对于与犯罪有关的场所"),
])
def test_named_articles_start_with_the_right_words(article_id, start):
    assert law_tables.articles().loc[article_id, "text"].startswith(start)


def test_the_two_cybersecurity_texts_have_79_and_81_articles():
    assert len(law_tables.parsed("csl-2017").articles) == 79
    assert len(law_tables.parsed("csl-2026").articles) == 81


def test_paragraphs_and_items():
    art = next(a for a in law_tables.parsed("csl-2017").articles if a.number == 21)
    assert len(art.paragraphs) == 1
    assert len(art.paragraph(1).items) == 5
    assert art.item(1, 3).startswith("（三）采取监测、记录网络运行状态")
    iism14 = next(a for a in law_tables.parsed("iism-2011").articles if a.number == 14)
    assert [p.text[:6] for p in iism14.paragraphs] == ["从事新闻、出", "互联网信息服"]


def test_half_width_item_markers_are_items():
    art = next(a for a in law_tables.parsed("iism-2011").articles if a.number == 15)
    assert art.paragraph(1).items[0].startswith("(一)")


def test_label_with_a_stray_space_is_normalised():
    art = next(a for a in law_tables.parsed("cpl-2018").articles if a.number == 128)
    assert art.label == "第一百二十八条"


def test_a_file_without_the_marker_is_refused():
    with pytest.raises(ValueError, match="INFO END"):
        parse_law_text("第一条 甲。", "x", "1")

"""The legal lessons (03, 05, 06, 07, 08): citations resolve, quotes are exact, law text is
looked up and never typed, renumbering agrees with the article map, exercises are in place.

Generic tests are parametrized over all five lessons (a lesson not yet written is skipped
with a reason). Lesson-specific tests are named ``test_lNN_*``.
"""
from __future__ import annotations

import functools
import importlib
import io
import re
import tokenize

import nbformat
import pandas as pd
import pytest

from course import claims, law
from course.core.resources import data_path, notebooks_dir
from course.law import tables as law_tables

LESSONS = {
    "03": "03-retention-rules",
    "05": "05-cybersecurity-law",
    "06": "06-police-access",
    "07": "07-others-reading",
    "08": "08-chats-as-evidence",
}
LANGS = ("zh", "en")

LAW_QUOTE = re.compile(r"“([^”]+)”〔([^〕]+)〕")
ARTICLE_QUOTE = re.compile(r"「([^」]+)」")
ARTICLE_ID = re.compile(r"\b([a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{4}):(\d+(?:-\d+)?)\b")
CITE_MARK = re.compile(r"〔([^〕]+)〕")
RENUMBER = re.compile(r"〔csl-2017:(\d+)〕\s*(?:→|->)\s*〔csl-2026:(\d+)〕")
TYPED_WINDOW = 20          # this many characters of an article in prose = typed law text


def notebook_path(lesson: str, lang: str):
    return notebooks_dir() / lang / f"{LESSONS[lesson]}.ipynb"


def load(lesson: str, lang: str):
    path = notebook_path(lesson, lang)
    if not path.is_file():
        pytest.skip(f"{path.name} ({lang}) is not written yet")
    return nbformat.read(path, as_version=4)


def markdown(nb) -> str:
    return "\n\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def all_text(nb) -> str:
    return "\n\n".join(cell.source for cell in nb.cells)


def code_tokens(source: str) -> list[tuple[int, str]]:
    """The tokens of a code cell without comments, the language string made neutral."""
    source = re.sub(r'set_language\("(zh|en)"\)', 'set_language("?")', source)
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}
    return [(tok.type, tok.string) for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type not in skip]


def exercises_of(lesson: str):
    """The module ``course/exercises/lessons/lessonNN.py`` and its exercises (every lesson has one)."""
    module = importlib.import_module(f"course.exercises.lessons.lesson{lesson}")
    return module, list(module.EXERCISES)


@functools.cache
def law_windows() -> frozenset[str]:
    """Every run of TYPED_WINDOW characters of every article of every law (normalised)."""
    windows = set()
    for law_id in law_tables.article_laws():
        for article in law_tables.parsed(law_id).articles:
            text = law.normalise(article.text)
            windows.update(text[i:i + TYPED_WINDOW] for i in range(len(text) - TYPED_WINDOW + 1))
    return frozenset(windows)


both = pytest.mark.parametrize("lang", LANGS)
every_lesson = pytest.mark.parametrize("lesson", sorted(LESSONS))


# --------------------------------------------------------------------------- generic

@every_lesson
def test_zh_and_en_in_step(lesson):
    zh, en = load(lesson, "zh"), load(lesson, "en")
    assert [c.cell_type for c in zh.cells] == [c.cell_type for c in en.cells]

    for a, b in zip(zh.cells, en.cells):
        if a.cell_type == "code":
            assert code_tokens(a.source) == code_tokens(b.source), a.source


@every_lesson
@both
def test_notebooks_have_no_outputs(lesson, lang):
    nb = load(lesson, lang)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@every_lesson
@both
def test_law_quotes_occur_in_cited_article(lesson, lang):
    nb = load(lesson, lang)
    quotes = LAW_QUOTE.findall(markdown(nb))
    for phrase, article_id in quotes:
        assert law.contains(article_id, phrase), f"“{phrase}” is not in {article_id}"


@every_lesson
@both
def test_article_quotes_are_exact(lesson, lang):
    text = claims.article_text()
    for quote in ARTICLE_QUOTE.findall(markdown(load(lesson, lang))):
        assert quote in text, f"「{quote}」 is not in data/article.txt"


@every_lesson
@both
def test_every_cited_article_resolves(lesson, lang):
    nb = load(lesson, lang)
    source = all_text(nb)
    ids = set(ARTICLE_ID.findall(source))
    ids |= {tuple(m.split(":", 1)) for m in CITE_MARK.findall(source) if ":" in m}
    for law_id, number in ids:
        assert law.by_id(f"{law_id}:{number}").text, f"{law_id}:{number}"


@every_lesson
@both
def test_law_text_is_not_typed_into_markdown(lesson, lang):
    """Prose may quote a short phrase as “…”〔id〕; longer runs of law text must come by look-up."""
    nb = load(lesson, lang)
    prose = LAW_QUOTE.sub("", markdown(nb))
    prose = ARTICLE_QUOTE.sub("", prose)            # the article itself quotes laws
    prose = law.normalise(prose)
    windows = law_windows()
    typed = [prose[i:i + TYPED_WINDOW] for i in range(len(prose) - TYPED_WINDOW + 1)
             if prose[i:i + TYPED_WINDOW] in windows]
    assert typed == []


@every_lesson
@both
def test_renumbering_in_prose_matches_the_map(lesson, lang):
    nb = load(lesson, lang)
    rows = law.map_rows()
    for old, new in RENUMBER.findall(all_text(nb)):
        assert any(r.old == int(old) and r.new == int(new) for r in rows), f"{old} → {new}"


@every_lesson
@both
def test_structure_and_exercise_cells(lesson, lang):
    nb = load(lesson, lang)
    _, exercises = exercises_of(lesson)
    assert 3 <= len(exercises) <= 6
    first_code = next(c for c in nb.cells if c.cell_type == "code").source
    assert f'course.set_language("{lang}")' in first_code
    assert f'course.exercises.lesson("{lesson}")' in first_code
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    headings = [line for c in nb.cells if c.cell_type == "markdown"
                for line in c.source.splitlines() if line.startswith("## ")]
    exercises_heading = "## 练习" if lang == "zh" else "## Exercises"
    summary_heading = "## 小结" if lang == "zh" else "## Summary"
    assert exercises_heading in headings and headings[-1] == summary_heading
    start = next(i for i, c in enumerate(nb.cells) if c.source.startswith(exercises_heading))
    later = [c.source for c in nb.cells[start:] if c.cell_type == "code"]
    for exercise in exercises:
        name = exercise.name
        cells = [s for s in later if f"ex.{name}.check({name})" in s]
        assert len(cells) == 1, name
        assert re.search(rf"^{name} = \.\.\.$", cells[0], re.MULTILINE), cells[0]


@every_lesson
def test_claim_verdicts_agree_with_the_claims_table(lesson):
    """A lesson module may map exercise names to claim ids (``CLAIMS``); the answers must agree."""
    module, exercises = exercises_of(lesson)
    mapping = getattr(module, "CLAIMS", {})
    if not mapping:
        pytest.skip(f"lesson {lesson} asks no verdict exercise")
    claims = pd.read_csv(data_path("claims.csv"), dtype=str, keep_default_na=False).set_index("id")
    by_name = {e.name: e for e in exercises}
    for name, claim_id in mapping.items():
        assert by_name[name].answer == claims.loc[claim_id, "verdict"], (name, claim_id)


# --------------------------------------------------------------------------- lesson 03

def test_l03_iism_article_14_two_paragraphs_sixty_days():
    art = law.article("iism", 14)
    assert len(art.article.paragraphs) == 2
    assert "60日" in art.paragraph(2).text
    assert law.contains("iism-2011:14", "从事新闻、出版以及电子公告等服务项目的互联网信息服务提供者")


def test_l03_the_article_quotes_paragraph_2_of_art_14_exactly():
    quote = "互联网信息服务提供者和互联网接入服务提供者的记录备份应当保存60日,并在国家有关机关依法查询时,予以提供"
    assert quote in claims.article_text()
    assert law.contains("iism-2011:14", quote)


def test_l03_iism_article_20_is_not_a_log_rule():
    text = law.by_id("iism-2011:20").text
    assert "日志" not in text and "6个月" not in text and "六个月" not in text
    assert "第十五条所列内容" in text


def test_l03_the_six_month_log_rule_exists_only_in_the_cybersecurity_law():
    found = sorted(a["id"] for _, a in law_tables.articles().iterrows()
                   if "网络日志" in a["text"] and "六个月" in a["text"])
    assert found == ["csl-2017:21", "csl-2026:23"]
    assert law.current("csl", 21).id == "csl-2026:23"


def test_l03_exercise_answers_follow_from_the_texts():
    _, exercises = exercises_of("03")
    by_name = {e.name: e for e in exercises}
    iism_records = set(law.count_word("iism-2011", "保存")["number"])
    assert by_name["iism_keep_articles"].model_answer() == iism_records == {14, 16}
    assert by_name["log_rule_today"].answer == law.current("csl", 21).id == "csl-2026:23"


# --------------------------------------------------------------------------- lesson 05

def test_l05_six_places_counted_from_the_text():
    old = law.keyword_table("csl", ["保存", "留存"], "2017")
    new = law.keyword_table("csl", ["保存", "留存"], "2026")
    assert int(old["total"].sum()) == 6 and old.index.tolist() == ["21", "41", "47", "48", "50", "68"]
    assert int(new["total"].sum()) == 7 and new.index.tolist() == ["23", "43", "49", "50", "52", "69"]


def test_l05_exercise_answers_follow_from_the_texts():
    _, exercises = exercises_of("05")
    by_name = {e.name: e for e in exercises}
    table = law.keyword_table("csl", ["保存", "留存"], "2017")
    assert by_name["keep_places_2017"].answer == int(table["total"].sum())
    counts = by_name["keep_counts_2017"].model_answer()
    assert counts.index.tolist() == [f"csl-2017:{k}" for k in table.index]
    assert counts.tolist() == table["total"].tolist()
    assert by_name["penalty_article_2026"].answer == law.current("csl", 68).number == 69
    new69 = law.by_id("csl-2026:69")
    assert "处二百万元以上一千万元以下罚款" in new69.paragraph(2).text
    assert "二百万元以上一千万元以下罚款" in new69.text
    old68 = law.by_id("csl-2017:68").text
    dropped = [k for k, label in by_name["dropped_sanction"].choices.items()
               if label["zh"] in old68 and label["zh"] not in new69.text]
    assert dropped == [by_name["dropped_sanction"].answer]


def test_l05_renumbering_of_the_cited_rules():
    pairs = {old: law.current("csl", old).number for old in (21, 41, 47, 68)}
    assert pairs == {21: 23, 41: 43, 47: 49, 68: 69}
    row68 = next(r for r in law.map_rows() if r.old == 68)
    assert row68.naive == 70 and row68.naive_correct == "no" and not row68.inferred


def test_l05_collection_and_prohibited_information_rules_kept_their_words():
    assert law.compare(41).unchanged and law.compare(47).unchanged
    assert not law.compare(68).unchanged


def test_l05_penalty_rewritten():
    old, new = law.by_id("csl-2017:68").text, law.by_id("csl-2026:69").text
    assert "没收违法所得" in old and "没收违法所得" not in new
    assert "予以通报" in new and "二百万元以上一千万元以下罚款" in new
    assert "十万元以上五十万元以下罚款" in old


def test_l05_the_article_names_the_2017_penalty_article():
    assert "《网络安全法》第六十八条" in claims.article_text()
    assert law.article("csl", 68, "2017").text.startswith("网络运营者违反本法第四十七条")


@pytest.mark.parametrize("lesson", ["03", "05"])
@both
def test_l03_l05_verdict_tables_agree_with_claims_csv(lesson, lang):
    """Each row of the lesson's verdict table quotes the article; its verdict is that claim's verdict."""
    claims = pd.read_csv(data_path("claims.csv"), dtype=str, keep_default_na=False)
    verdicts = pd.read_csv(data_path("verdicts.csv"), dtype=str, keep_default_na=False)
    label_to_id = dict(zip(verdicts[f"label_{lang}"], verdicts["id"]))
    nb = load(lesson, lang)
    heading = "## 结论" if lang == "zh" else "## Verdicts"
    table = next(c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith(heading))
    rows = [line.split("|")[1:-1] for line in table.splitlines() if line.startswith("| 「")]
    assert len(rows) >= 5
    for sentence, label, _reasons in rows:
        quote = ARTICLE_QUOTE.search(sentence).group(1)
        matching = claims[[quote in q or q in quote for q in claims["quote"]]]
        assert len(matching) >= 1, quote
        for verdict, claim_id in zip(matching["verdict"], matching["id"]):
            assert label_to_id[label.strip()] == verdict, (claim_id, quote, label)


# --------------------------------------------------------------------------- lessons 06–08: helpers

L0608_LOOKUP = re.compile(r'course\.law\.article\(\s*"([a-z-]+)"\s*,\s*("?[\d-]+"?)\s*(?:,\s*"(\d{4})")?\s*\)')
L0608_ROW = re.compile(r"^\|\s*(.*?)\s*\|.*\|\s*([^|]+?)\s*\|\s*$")


def _l0608_claims():
    """data/claims.csv read directly (independent of any loader), indexed by claim id."""
    import csv

    from course.core.resources import data_path

    with data_path("claims.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def _l0608_verdict_ids(lang: str) -> dict[str, str]:
    """Verdict label (in ``lang``) → verdict id, from data/verdicts.csv."""
    import csv

    from course.core.resources import data_path

    with data_path("verdicts.csv").open(encoding="utf-8", newline="") as handle:
        return {row[f"label_{lang}"]: row["id"] for row in csv.DictReader(handle)}


def _l0608_exercises(lesson: str) -> dict:
    _, exercises = exercises_of(lesson)
    return {e.name: e for e in exercises}


def _l0608_verdict_rows(lesson: str, lang: str):
    """(quote, verdict id) for each row of the lesson's verdict table that quotes the article."""
    labels = _l0608_verdict_ids(lang)
    rows = []
    for line in markdown(load(lesson, lang)).splitlines():
        match = L0608_ROW.match(line)
        if not match or "「" not in match.group(1):
            continue
        label = re.split(r"（| \(", match.group(2))[0].strip()
        assert label in labels, f"unknown verdict label {label!r} in lesson {lesson} ({lang})"
        for quote in ARTICLE_QUOTE.findall(match.group(1)):
            rows.append((quote, labels[label]))
    return rows


def _l0608_article_ids(lesson: str, lang: str) -> set[str]:
    """Ids of the articles a lesson's code cells look up with ``law.article(...)``."""
    ids = set()
    for cell in load(lesson, lang).cells:
        if cell.cell_type != "code":
            continue
        for law_id, number, version in L0608_LOOKUP.findall(cell.source):
            ids.add(law.article(law_id, number.strip('"'), version or None).id)
    return ids


# --------------------------------------------------------------------------- lesson 06

@pytest.mark.parametrize("lesson", ["06", "07", "08"])
@both
def test_l06_l07_l08_lookups_in_code_resolve(lesson, lang):
    ids = _l0608_article_ids(lesson, lang)
    assert ids, "no law.article(...) look-ups found"
    for article_id in ids:
        assert law.by_id(article_id).text


def test_l06_lesson_shows_the_key_provisions():
    ids = _l0608_article_ids("06", "zh")
    assert {"constitution-2018:40", "cpl-2018:150", "cpl-2018:151", "cpl-2018:152", "cpl-2018:54",
            "cpl-2018:50", "mps-procedure-2020:263", "mps-procedure-2020:264",
            "mps-procedure-2020:265", "mps-procedure-2020:174", "mps-procedure-2020:62",
            "mps-procedure-2020:66"} <= ids


def test_l06_technical_investigation_section_of_the_cpl():
    arts = law_tables.articles()
    section = arts[(arts["law"] == "cpl-2018") & (arts["section"] == "第八节 技术侦查措施")]
    assert section["number"].tolist() == [150, 151, 152, 153, 154]
    para1 = law.article("cpl", 150, "2018").paragraph(1).text
    assert para1.startswith("公安机关在立案后")
    for phrase in ("危害国家安全犯罪", "恐怖活动犯罪", "黑社会性质的组织犯罪", "重大毒品犯罪",
                   "其他严重危害社会的犯罪案件", "经过严格的批准手续"):
        assert phrase in para1
    # the statute names no approval level: that is in the MPS provisions
    assert "县级" not in section["text"].str.cat() and "设区的市" not in section["text"].str.cat()
    assert "三个月以内有效" in law.by_id("cpl-2018:151").text
    assert "公安机关依法采取技术侦查措施，有关单位和个人应当配合" in law.by_id("cpl-2018:152").paragraph(4).text


def test_l06_mps_approval_and_execution_level_is_the_city_not_the_county():
    approval = law.by_id("mps-procedure-2020:265").paragraph(1).text
    assert "报设区的市一级以上公安机关负责人批准" in approval and "县级" not in approval
    execution = law.by_id("mps-procedure-2020:264").paragraph(1).text
    assert "设区的市一级以上公安机关负责技术侦查的部门实施" in execution
    assert "记录监控、行踪监控、通信监控、场所监控" in execution
    assert "犯罪嫌疑人、被告人以及与犯罪活动直接关联的人员" in law.by_id("mps-procedure-2020:264").paragraph(2).text
    items = law.by_id("mps-procedure-2020:263").article.paragraph(1).items
    assert len(items) == 5 and "计算机网络" in items[3] and "七年以上有期徒刑" in items[4]
    # the article's level is wrong
    assert "县级以上公安机关可以对这个手机号码采取技术侦查手段" in claims.article_text()


def test_l06_county_level_appears_in_the_section_only_for_other_measures():
    arts = law_tables.articles()
    section = arts[(arts["law"] == "mps-procedure-2020") & arts["section"].str.contains("技术侦查")]
    assert section["number"].tolist() == list(range(263, 274))
    county = set(section.loc[section["text"].str.contains("县级以上公安机关负责人"), "number"])
    assert county == {271, 272}
    assert "隐匿身份" in law.by_id("mps-procedure-2020:271").text
    assert "控制下交付" in law.by_id("mps-procedure-2020:272").text
    ex = _l0608_exercises("06")
    assert ex["county_level_articles"].model_answer() == county


def test_l06_exercise_answers_follow_from_the_texts():
    ex = _l0608_exercises("06")
    choices = ex["approval_level"].choices
    assert ex["approval_level"].answer == "B"
    assert law.contains("mps-procedure-2020:265", choices["B"]["zh"])
    assert law.contains("mps-procedure-2020:271", choices["A"]["zh"])
    assert law.contains("mps-procedure-2020:62", choices["C"]["zh"])
    assert ex["validity_months"].answer == 3
    assert "三个月" in law.by_id("mps-procedure-2020:266").paragraph(1).text
    before = law.by_id("mps-procedure-2020:174").paragraph(2).text
    assert ex["before_filing"].answer == "B"
    assert "调取证据材料" in before and "不得采取技术侦查措施" in before and "冻结" in before
    assert ex["deleted_chats"].answer == "B"


def test_l06_constitution_article_40_exception():
    text = law.by_id("constitution-2018:40").text
    for phrase in ("通信自由和通信秘密受法律的保护", "因国家安全或者追查刑事犯罪的需要",
                   "由公安机关或者检察机关依照法律规定的程序对通信进行检查"):
        assert phrase in text


def test_l06_obtaining_evidence_from_units():
    art54 = law.by_id("cpl-2018:54")
    assert "人民法院、人民检察院和公安机关有权向有关单位和个人收集、调取证据" in art54.paragraph(1).text
    assert "个人隐私的证据，应当保密" in art54.paragraph(3).text
    assert "经办案部门负责人批准，开具调取证据通知书" in law.by_id("mps-procedure-2020:62").text
    art66 = law.by_id("mps-procedure-2020:66")
    assert "扣押原始存储介质" in art66.paragraph(1).text
    assert "现场提取或者网络在线提取" in art66.paragraph(2).text


def test_l06_the_law_says_nothing_about_recovering_deleted_chats():
    assert law.count_word("mps-procedure", "恢复").empty
    hits = law.count_word("cpl", "恢复")
    assert set(hits["number"]) == {206, 296}
    assert all("恢复审理" in law.by_id(i).text for i in hits["id"])
    deleted = law.count_word("mps-procedure", "删除")
    assert deleted["number"].tolist() == [66]
    assert "无删除、修改、增加等情形" in law.by_id("mps-procedure-2020:66").paragraph(3).text
    assert law.by_id("cpl-2018:50").paragraph(2).item(8).text == "（八）视听资料、电子数据。"


def test_l06_electronic_evidence_rules_are_not_in_the_data():
    from course.core.resources import data_path

    readme = data_path("laws/README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Requested but not available"):readme.index("## Caveats")]
    assert "公安机关办理刑事案件电子数据取证规则" in section and "法发〔2016〕22号" in section
    titles = law_tables.laws()["title_zh"].str.cat(sep="|")
    assert "电子数据取证规则" not in titles and "审查判断电子数据" not in titles


def test_l06_verdict_exercise_agrees_with_claims_csv():
    from course.exercises.lessons import lesson06

    claims, ex = _l0608_claims(), _l0608_exercises("06")
    assert lesson06.CLAIMS == {"verdict_county_level": "C25"}
    for name, claim_id in lesson06.CLAIMS.items():
        assert ex[name].answer == claims[claim_id]["verdict"]


@pytest.mark.parametrize("lesson", ["06", "07", "08"])
@both
def test_l06_l07_l08_verdict_tables_agree_with_claims_csv(lesson, lang):
    """Every table row quoting a claim of data/claims.csv gives that claim's verdict."""
    claims = _l0608_claims().values()
    rows = _l0608_verdict_rows(lesson, lang)
    matched = 0
    for quote, verdict in rows:
        for claim in claims:
            if quote in claim["quote"] or claim["quote"] in quote:
                assert verdict == claim["verdict"], (claim["id"], quote, verdict)
                matched += 1
    assert matched >= 4


# --------------------------------------------------------------------------- lesson 07

def _l07_quote_and_law():
    article = claims.article_text()
    start = article.index("违反国家有关规定,向他人出售")
    end = article.index("依照各该款的规定处罚。", start) + len("依照各该款的规定处罚。")
    return article[start:end], law.by_id("criminal-law-2023:253-1").text


def test_l07_quote_of_253_1_differs_only_in_punctuation_width_and_line_breaks():
    from collections import Counter

    quote, text = _l07_quote_and_law()
    assert len(quote) == len(text) == 223
    diffs = Counter((a, b) for a, b in zip(quote, text) if a != b)
    assert diffs == Counter({(",", "，"): 13, (";", "；"): 1, (" ", "\n"): 3})
    assert law.normalise(quote) == law.normalise(text)
    assert len(law.normalise(text)) == 220
    ex = _l0608_exercises("07")
    assert ex["quote_diff_chars"].answer == sum(diffs.values()) == 17


def test_l07_crime_name_is_not_in_the_criminal_law_article():
    assert "侵犯公民个人信息罪" not in law.by_id("criminal-law-2023:253-1").text
    assert "侵犯公民个人信息罪" in law.by_id("spc-spp-pi-2017:8").text
    assert "涉嫌构成侵犯个人信息罪" in claims.article_text()


def test_l07_civil_code_privacy():
    assert "私密信息" in law.by_id("civil-code-2020:1032").paragraph(2).text
    art1033 = law.by_id("civil-code-2020:1033")
    assert art1033.paragraph(1).text.startswith("除法律另有规定或者权利人明确同意外")
    assert art1033.item(5).text == "（五）处理他人的私密信息；"
    assert "存储" in law.by_id("civil-code-2020:1035").paragraph(2).text
    ex = _l0608_exercises("07")
    assert ex["privacy_articles"].model_answer() == {1032, 1033}


def test_l07_pipl_household_exemption_and_sensitive_information():
    assert law.by_id("pipl-2021:72").paragraph(1).text == "自然人因个人或者家庭事务处理个人信息的，不适用本法。"
    art28 = law.by_id("pipl-2021:28").paragraph(1).text
    assert "行踪轨迹" in art28 and "聊天" not in art28 and "通信内容" not in art28


def test_l07_interpretation_definition_and_thresholds():
    assert "反映特定自然人活动情况的各种信息" in law.by_id("spc-spp-pi-2017:1").text
    para1 = law.by_id("spc-spp-pi-2017:5").paragraph(1)
    assert "通信内容" in para1.item(3).text and "五十条以上" in para1.item(3).text
    assert "行踪轨迹信息" in para1.item(3).text and "征信信息" in para1.item(3).text
    assert "通信记录" in para1.item(4).text and "五百条以上" in para1.item(4).text
    assert "五千条以上" in para1.item(5).text
    assert len(law.by_id("spc-spp-pi-2017:5").article.paragraph(1).items) == 10
    assert _l0608_exercises("07")["comm_content_threshold"].answer == 50


def test_l07_elements_of_the_crimes_compared():
    art = law.by_id("criminal-law-2023:253-1")
    assert "向他人出售或者提供公民个人信息，情节严重的" in art.paragraph(1).text
    assert art.paragraph(3).text.startswith("窃取或者以其他方法非法获取公民个人信息的")
    assert "非法开拆他人信件" in law.by_id("criminal-law-2023:252").text
    assert "情节严重" in law.by_id("criminal-law-2023:252").text
    assert law.by_id("criminal-law-2023:253").text.startswith("邮政工作人员")
    assert "通过信息网络或者其他途径发布公民个人信息的" in law.by_id("spc-spp-pi-2017:3").text
    assert "通过购买、收受、交换等方式获取公民个人信息" in law.by_id("spc-spp-pi-2017:4").text


def test_l07_verdict_exercise_agrees_with_claims_csv():
    from course.exercises.lessons import lesson07

    claims, ex = _l0608_claims(), _l0608_exercises("07")
    assert lesson07.CLAIMS == {"quote_verdict": "C35"}
    for name, claim_id in lesson07.CLAIMS.items():
        assert ex[name].answer == claims[claim_id]["verdict"]
    assert ex["best_fit"].answer == "B"


# --------------------------------------------------------------------------- lesson 08

def test_l08_evidence_list_is_art_66_para_1_item_5_in_2021_and_2023():
    assert law.by_id("civpl-2021:66").text == law.by_id("civpl-2023:66").text
    art66 = law.by_id("civpl-2023:66")
    assert art66.article.paragraph(1).text == "证据包括："
    assert art66.paragraph(1).item(5).text == "（五）电子数据；"
    assert "证据必须查证属实" in art66.paragraph(2).text
    assert "证据包括" not in law.by_id("civpl-2023:63").text
    found = law.count_word("civpl-2023", "证据包括")
    assert found["number"].tolist() == [66]
    ex = _l0608_exercises("08")
    assert ex["evidence_article_now"].answer == 66 and ex["e_data_item"].answer == 5
    assert "《民事诉讼法》第63条第1款第5项" in claims.article_text()
    assert law_tables.laws().loc["civpl-2021", "in_force_from"] == "2022-01-01"


def test_l08_interpretation_116_quote_is_exact():
    para2 = law.by_id("spc-civpl-interp-2022:116").paragraph(2).text
    assert "《民事诉讼法解释》第116条第2款规定:" + para2 in claims.article_text()
    assert "网上聊天记录" in para2
    assert law.by_id("spc-civpl-interp-2020:116").text == law.by_id("spc-civpl-interp-2022:116").text


def test_l08_evidence_provisions_on_electronic_data():
    art14 = law.by_id("spc-evidence-2019:14")
    assert "网页、博客、微博客等网络平台发布的信息" in art14.item(1).text
    assert "手机短信、电子邮件、即时通信、通讯群组等网络应用服务的通信信息" in art14.item(2).text
    assert _l0608_exercises("08")["im_item"].answer == 2
    assert "直接来源于电子数据的打印件" in law.by_id("spc-evidence-2019:15").paragraph(2).text
    assert len(law.by_id("spc-evidence-2019:93").article.paragraph(1).items) == 7
    assert "通过鉴定或者勘验等方法" in law.by_id("spc-evidence-2019:93").paragraph(2).text
    assert "由当事人提交或者保管的于己不利的电子数据" in law.by_id("spc-evidence-2019:94").item(1).text


def test_l08_illegally_obtained_evidence_art_106():
    for law_id in ("spc-civpl-interp-2020", "spc-civpl-interp-2022"):
        text = law.by_id(f"{law_id}:106").text
        assert "严重侵害他人合法权益" in text and "不得作为认定案件事实的根据" in text
    found = law.count_word("spc-civpl-interp-2022", "严重侵害他人合法权益")
    assert found["number"].tolist() == [_l0608_exercises("08")["illegal_evidence_article"].answer] == [106]


def test_l08_the_constitution_has_no_right_to_keep_chats():
    assert law.count_word("constitution", "保存").empty
    for word in ("聊天", "视频", "记录"):
        assert law.count_word("constitution", word).empty
    arts = law_tables.articles()
    chapter2 = arts[(arts["law"] == "constitution-2018") & arts["chapter"].str.contains("第二章")]
    assert chapter2["number"].tolist() == list(range(33, 57))
    assert "公民的基本权利和义务" in chapter2["chapter"].iloc[0]
    assert _l0608_exercises("08")["constitution_save_count"].answer == 0
    assert "其他公民的合法的自由和权利" in law.by_id("constitution-2018:51").text
    assert "不得制作、使用、公开肖像权人的肖像" in law.by_id("civil-code-2020:1019").paragraph(1).text


def test_l08_verdict_exercise_agrees_with_claims_csv():
    from course.exercises.lessons import lesson08

    claims, ex = _l0608_claims(), _l0608_exercises("08")
    assert lesson08.CLAIMS == {"basic_right": "C41"}
    for name, claim_id in lesson08.CLAIMS.items():
        assert ex[name].answer == claims[claim_id]["verdict"]


# --------------------------------------------------------------------------- lessons 06–09: exercises test the step

def _before_the_exercises(stem: str, lang: str) -> tuple[str, str]:
    """(markdown, code) of the cells of ``notebooks/<lang>/<stem>.ipynb`` before its exercises heading."""
    nb = nbformat.read(notebooks_dir() / lang / f"{stem}.ipynb", as_version=4)
    heading = "## 练习" if lang == "zh" else "## Exercises"
    cells = nb.cells[:next(i for i, c in enumerate(nb.cells) if c.source.startswith(heading))]
    return ("\n\n".join(c.source for c in cells if c.cell_type == "markdown"),
            "\n\n".join(c.source for c in cells if c.cell_type == "code"))


def _revealing(lang: str) -> dict[str, list[str]]:
    """Per lesson, what the prose (or a cell) before the exercises must not already say: the answers."""
    from course.exercises.lessons import lesson08

    ex06, ex07, ex08, ex09 = (_l0608_exercises(n) for n in ("06", "07", "08", "09"))
    verdict = {v: k for k, v in _l0608_verdict_ids(lang).items()}
    civil = sorted(ex07["privacy_articles"].answer)
    articles = {
        "zh": [lesson08.label(lesson08.EVIDENCE_ID), lesson08.label(lesson08.ILLEGAL_ID),
               f"第{lesson08.item_mark('spc-evidence-2019:14', lesson08.IM)}项",
               "、".join(law.by_id(f"civil-code-2020:{n}").article.label for n in civil)],
        "en": [f"Art. {lesson08.EVIDENCE}", f"Art. {lesson08.ILLEGAL}", f"item ({lesson08.IM})",
               f"Arts. {civil[0]} and {civil[1]}"],
    }[lang]
    threshold = law.by_id("spc-spp-pi-2017:5").paragraph(1).item(3).text
    return {
        "06-police-access": ["设区的市一级以上", ex06["approval_level"].choices["B"]["zh"]],
        "07-others-reading": [articles[3], re.search(r"[一二三四五六七八九十百千]+条以上", threshold).group(0),
                              f"**{verdict[ex07['quote_verdict'].answer]}**"],
        "08-chats-as-evidence": [*articles[:3], f"**{verdict[ex08['basic_right'].answer]}**"],
        "09-verdicts": [ex09["capstone_article_today"].answer],
    }


@both
def test_l06_l09_the_text_before_the_exercises_does_not_give_their_answers(lang):
    """An exercise asks for the step; the answer is discussed after it (“Checking your answers”)."""
    for stem, phrases in _revealing(lang).items():
        prose, code = _before_the_exercises(stem, lang)
        assert [p for p in phrases if p in prose] == [], stem
    _, code08 = _before_the_exercises("08-chats-as-evidence", lang)
    from course.exercises.lessons import lesson08
    assert f'"civpl", {lesson08.EVIDENCE})' not in code08
    assert f'"spc-civpl-interp", {lesson08.ILLEGAL})' not in code08
    _, code09 = _before_the_exercises("09-verdicts", lang)
    assert 'course.law.current("csl", 21)' not in code09


def test_l08_answers_are_computed_from_the_texts():
    from course.exercises.lessons import lesson08

    ex = _l0608_exercises("08")
    assert ex["evidence_article_now"].answer == lesson08.only_article("civpl-2023", "证据包括")
    assert law.by_id(f"civpl-2023:{ex['evidence_article_now'].answer}").paragraph(1).item(
        ex["e_data_item"].answer).text == "（五）电子数据；"
    assert "即时通信" in law.by_id("spc-evidence-2019:14").item(ex["im_item"].answer).text
    assert "严重侵害他人合法权益" in law.by_id(f"spc-civpl-interp-2022:{ex['illegal_evidence_article'].answer}").text
    assert ex["constitution_save_count"].answer == int(law.count_word("constitution", "保存")["count"].sum())
    with pytest.raises(ValueError):
        lesson08.only_article("civpl-2023", "证据")          # many articles: no single answer

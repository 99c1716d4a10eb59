"""The review's corrections (issue 13, section 3): each test fails on the text before the correction."""
from __future__ import annotations

import re

import pytest

from course import claims, law
from course.storage import figures

VERDICTS = {"C14": "unverifiable", "C17": "partly-accurate", "C15": "unsupported",
            "C42": "partly-accurate", "C44": "partly-accurate", "C04": "unsupported"}


@pytest.mark.parametrize(("claim_id", "verdict"), sorted(VERDICTS.items()))
def test_recalibrated_verdicts(claim_id, verdict):
    assert claims.claim(claim_id)["verdict"] == verdict


def test_reasons_argue_the_recalibration_in_both_languages():
    row = claims.claim
    assert "无法核实" in row("C14")["reasons_zh"] and "redacted" in row("C14")["reasons_en"]
    assert "不能证明" in row("C04")["reasons_zh"] and "voice, images, video" in row("C04")["reasons_en"]
    assert "并不证明当时没有" in row("C15")["reasons_zh"] and "does not prove" in row("C15")["reasons_en"]
    assert "第六十八条是罚则" in row("C17")["reasons_zh"] and "7 places" in row("C17")["reasons_en"]
    assert "一般不违法" in row("C42")["reasons_zh"] and "seriously" in row("C42")["reasons_en"]
    assert "C43" in row("C44")["reasons_zh"] and "C43" in row("C44")["reasons_en"]
    assert "QQ" in row("C01")["reasons_zh"] and "QQ" in row("C01")["reasons_en"]


def test_the_missing_legal_inference_is_a_claim_in_its_place():
    table = claims.claims()
    row = table.loc["C45"]
    assert row["quote"] == "因为这样做,才符合《网络安全法》的规定"
    assert row["quote"] in claims.article_text()
    assert row["type"] == "inference" and row["current_ids"] == "csl-2026:49"
    order = list(table.index)
    assert order.index("C24") + 1 == order.index("C45") == order.index("C43") - 1
    assert "保存有关记录" in law.articles().loc["csl-2017:47", "text"]


def test_case_21753_is_described_from_the_judgment():
    text = claims.claim("C22")["reasons_zh"] + claims.claim("C22")["reasons_en"]
    assert "公证书" in text and "《用户违规信息》" in text and "伪造" in text and "forged" in text
    assert "不能说明服务器保存普通聊天" in text and "not that servers keep ordinary chats" in text
    source = claims.sources().loc["case-wu-v-tencent-2021"]
    assert "8140" in source["note_en"] and "forged" in source["note_en"]
    assert "8140" in source["note_zh"] and "伪造" in source["note_zh"]
    figure = figures().loc["wu_v_tencent_case"]
    assert "forged" in figure["note_en"] and "伪造" in figure["note_zh"]


def test_citizen_lab_keywords_name_their_report_and_period():
    source = claims.sources().loc["citizenlab-2020-covid-keywords"]
    assert "Censored Contagion II" in source["title_en"] and source["date"] == "2020-08"
    assert source["original_title"] in source["title_zh"] and "审查" in source["title_zh"]
    assert "censored-contagion-ii" in source["url"]
    figure = figures().loc["citizenlab_covid_keywords"]
    for unit in (figure["unit_en"], figure["unit_zh"]):
        assert "COVID-19" in unit and "2020-01-18" in unit and "2020-05-14" in unit
    for text in (claims.claim("C23")["reasons_zh"], claims.claim("C23")["reasons_en"]):
        assert "2,174" in text and "Censored Contagion II" in text and "2020-01-18" in text


def test_c21_old_article_69_item_1_already_punished_not_acting_on_demands():
    row = claims.claim("C21")
    assert "原第六十九条第（一）项" in row["reasons_zh"] and "old Art. 69 item (1)" in row["reasons_en"]
    assert "are now violations too" not in row["reasons_en"]


def test_c20_article_48_para_2_is_about_service_providers():
    row = claims.claim("C20")
    assert "senders)" not in row["reasons_en"] and "providers of electronic-message" in row["reasons_en"]
    assert "电子信息发送服务提供者" in law.articles().loc["csl-2017:48", "text"]


def test_c03_does_not_assert_a_figure_the_course_did_not_read():
    row = claims.claim("C03")
    assert "2020-09-30为12.10亿" not in row["reasons_zh"] and "accounts: 1,210 million" not in row["reasons_en"]
    assert "第一、二季度" in row["reasons_zh"] and "first two quarters of 2020" in row["reasons_en"]
    assert "rounded" in figures().loc["wechat_mau_2020q3", "note_en"]
    assert "取整" in figures().loc["wechat_mau_2020q3", "note_zh"]


def test_claims_and_calculator_month_figure_differ_with_a_reason():
    assert "14.18亿" in claims.claim("C01")["reasons_zh"] and "1,418 million" in claims.claim("C01")["reasons_en"]


def test_no_internal_search_identifiers_in_sources():
    figs, srcs = figures(), claims.sources()
    for text in [*figs["source_en"], *figs["source_zh"], *srcs["url"], *srcs["note_en"], *srcs["note_zh"]]:
        assert not re.search(r"find_string|hit id|hits? \d{6,}", text), text


def test_laws_table_issuer_and_promulgation_dates():
    table = law.laws()
    assert table.loc["cpl-2018", "issuer"] == "全国人民代表大会常务委员会"
    for law_id in ("spc-spp-pi-2017", "ndsr-2024"):
        assert "promulgation date" in table.loc[law_id, "dates_basis"]


def _markdown(lang: str, name: str) -> str:
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "notebooks" / lang / f"{name}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_lesson_00_does_not_call_the_copies_official_texts():
    assert "来自官方文本" not in _markdown("zh", "00-start-here")
    assert "are the official texts" not in _markdown("en", "00-start-here")


def test_lesson_08_keeps_seriously_in_art_106_and_follows_c42():
    zh, en = _markdown("zh", "08-chats-as-evidence"), _markdown("en", "08-chats-as-evidence")
    assert "以违法方法取得的不能用" not in zh and "evidence obtained by unlawful means cannot be used" not in en
    assert zh.count("*严重*") >= 6 and en.count("*seriously*") >= 6
    assert "| 缺乏依据 |" not in zh and "| unsupported |" not in en


def test_lesson_04_case_separates_certificate_and_violation_record():
    zh, en = _markdown("zh", "04-what-wechat-says"), _markdown("en", "04-what-wechat-says")
    assert "经公证的《用户违规信息》" not in zh and "notarised 《用户违规信息》" not in en
    assert "伪造" in zh and "forged" in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lesson_names_are_the_same_in_the_explorer_and_the_lessons(lang):
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "notebooks" / lang
    for lesson in claims.LESSONS:
        path = next(folder.glob(f"{lesson}-*.ipynb"))
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        heading = "".join(next(c for c in cells if c["cell_type"] == "markdown")["source"]).splitlines()[0]
        assert heading == f"# {lesson} " + claims.lesson_label(lesson, lang).split(" · ", 1)[1]


def test_a_claim_shows_as_a_card_not_a_series():
    import course

    course.set_language("zh")
    record = claims.claim("C08")
    text, page = repr(record), record._repr_html_()
    assert "dtype" not in text and "Name: C08" not in text
    assert record["reasons_zh"] in text and "张冠李戴" in text
    assert "claim-record" in page and "dtype" not in page
    context = claims.quote_context("C08", width=6)
    assert not repr(context).startswith("(") and context.quote in repr(context)
    before, quote, after = context
    assert quote.startswith("还有第二十条规定")

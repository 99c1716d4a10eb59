"""The claim explorer's logic and widgets, without a browser."""
from __future__ import annotations

import html

import pytest

import course
from course import claims, law
from course.core.i18n import CourseError, t
from course.widgets.explorer import ALL, ClaimExplorer, explore


@pytest.fixture(autouse=True)
def english():
    course.set_language("en")
    yield
    course.set_language("zh")


def test_filters_select_the_matching_claims():
    ex = ClaimExplorer(build=False)
    assert ex.set_filters() == list(claims.claims().index)
    assert ex.set_filters(lesson="03") == list(claims.for_lesson("03").index)
    table = claims.claims()
    expected = list(table[(table["type"] == "legal") & (table["verdict"] == "outdated")].index)
    assert ex.set_filters(type="legal", verdict="outdated") == expected == ["C21", "C39"]
    assert ex.selected == "C21"
    assert ex.set_filters(lesson="09") == [] and ex.selected is None
    assert ex.options() == []
    with pytest.raises(CourseError):
        ex.set_filters(verdict="mostly true")
    with pytest.raises(CourseError):
        ex.set_filters(type="rumour")


def test_card_shows_quote_verdict_reasons_and_looked_up_law():
    ex = ClaimExplorer(build=False)
    card = ex.select("C08")
    row = claims.claim("C08")
    assert 'data-claim="C08"' in card
    assert f'<mark class="claim-quote">{html.escape(row["quote"])}</mark>' in card
    assert 'data-verdict="misattributed"' in card and "misattributed citation" in card
    assert html.escape(row["reasons_en"][:60]) in card
    for ref in ("iism-2011:20", "csl-2017:21", "csl-2026:23"):
        provision = law.by_id(ref)
        assert f'data-id="{ref}"' in card
        assert html.escape(provision.citation("en")) in card
        assert html.escape(provision.text) in card        # the law text is looked up, never typed
    assert card.count('data-id="csl-2026:23"') == 1      # each provision shown once
    assert 'class="claim-source" data-id="mps-order-82-2005"' in card


def test_card_follows_the_language():
    zh = ClaimExplorer(build=False).card_html("C21", lang="zh")
    en = ClaimExplorer(build=False).card_html("C21", lang="en")
    assert "引用过时" in zh and claims.claim("C21")["reasons_zh"][:30] in zh
    assert "outdated citation" in en and "Art. 69" in en
    assert t("explorer.in_force_no", "zh") in zh
    assert law.by_id("csl-2026:69").citation("zh") in zh


def test_unknown_claim_is_a_clear_error():
    with pytest.raises(CourseError, match="C77"):
        ClaimExplorer(build=False).select("C77")


def test_every_claim_renders():
    ex = ClaimExplorer(build=False)
    for claim_id in claims.claims().index:
        card = ex.card_html(claim_id)
        assert card.startswith(f'<div class="claim-card" data-claim="{claim_id}"')
        assert card.count('<mark class="claim-quote">') == 1


def test_widget_filters_list_and_card():
    ex = ClaimExplorer()
    dropdowns = ex._dropdowns
    assert {d.value for d in dropdowns.values()} == {ALL}
    assert len(ex._list.options) == len(claims.claims())
    dropdowns["verdict"].value = "misattributed"
    assert [value for _, value in ex._list.options] == ["C08"]
    assert ex._list.value == "C08" and 'data-claim="C08"' in ex._card.value
    assert 'data-count="1"' in ex._count.value
    dropdowns["verdict"].value = ALL
    dropdowns["lesson"].value = "05"
    assert [value for _, value in ex._list.options] == list(claims.for_lesson("05").index)
    ex._list.value = "C21"
    assert 'data-claim="C21"' in ex._card.value and 'data-verdict="outdated"' in ex._card.value
    dropdowns["type"].value = "opinion"
    assert ex._list.options == () and "claim-empty" in ex._card.value
    for name in ("lesson", "type", "verdict"):
        assert f"claim-explorer-{name}" in dropdowns[name]._dom_classes
    assert "claim-explorer" in ex.widget._dom_classes


def test_constructor_filters_and_explore():
    ex = explore("06", verdict="inaccurate")
    assert [value for _, value in ex._list.options] == ["C25"]
    assert ex._dropdowns["lesson"].value == "06"
    picked = ClaimExplorer(claim="C35")
    assert picked.selected == "C35" and 'data-claim="C35"' in picked._card.value
    bundle = picked._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle

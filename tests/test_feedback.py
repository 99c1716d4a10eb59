"""Feedback that teaches: the lessons' own traps get their own explanation, the tables of
anticipated mistakes and rubrics are checked on load, open answers are never marked right,
and progress tells correct, self-assessed, answered, wrong and untried apart."""
from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from course import claims, exercises, law
from course.core.errors import DataError
from course.exercises import mistakes, progress, rubrics
from course.widgets import progress_panel

LAW_QUOTE = re.compile(r"“([^”]+)”〔([^〕]+)〕")
ARTICLE_QUOTE = re.compile(r"「([^」]+)」")
CITE_MARK = re.compile(r"〔([^〕]+)〕")
ROOT = Path(__file__).resolve().parents[1]


def verdict(exercise_id: str, value):
    return exercises.get(exercise_id).evaluate(value)


@pytest.fixture
def fresh_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PROGRESS_FILE", str(tmp_path / "progress.json"))
    monkeypatch.setattr(progress, "_memory", {})


# --- the traps named in the lessons ---------------------------------------------------------

@pytest.mark.parametrize("exercise_id, value, key, phrase", [
    ("05.penalty_article_2026", 70, "plus_two", "+2"),
    ("05.penalty_article_2026", 68, "old_number", "2017"),
    ("08.evidence_article_now", 63, "old_number", "2021"),
    ("03.log_rule_today", "csl-2017:21", "old_version", "2025-12-31"),
    ("03.log_rule_today", "网络安全法第二十三条", "format_zh", "iism-2011:14"),
    ("03.log_rule_today", " 《网络安全法》第二十三条。", "format_zh", "iism-2011:14"),
    ("06.approval_level", "A", "county_level", "article's own error"),
    ("06.approval_level", "县级以上公安机关负责人", "county_level", "Art. 265"),
    ("02.daily_text_tb", 2.28e12, "bytes", "10¹²"),
    ("09.capstone_verdict", "outdated", "outdated", "Half right"),
    ("09.capstone_verdict", "引用过时", "outdated", "Half right"),
    ("00.csl_version_today", "2025", "decision_year", "2026-01-01"),
])
def test_the_lessons_traps_get_their_own_explanation(exercise_id, value, key, phrase):
    result = verdict(exercise_id, value)
    assert (result.status, result.mistake) == ("incorrect", key)
    assert phrase in result.message("en")


def test_an_unanticipated_answer_still_gets_the_generic_reason():
    result = verdict("05.penalty_article_2026", 100)
    assert result.mistake is None and result.message("en") == "Too high."
    assert verdict("06.approval_level", "E").reason == "ex.reason.not_a_choice"


def test_63_for_66_is_an_old_number_not_a_unit_slip():
    exercise = exercises.get("08.evidence_article_now")
    assert exercise.judge(63).reason == "ex.reason.too_low"
    assert "KiB" not in exercise.evaluate(63).message("en")


def test_the_mistake_reaches_the_check_message_and_the_progress_file(fresh_progress, language):
    language("zh")
    shown = repr(exercises.get("05.penalty_article_2026").check(70))
    assert "简单“+2”" in shown and "ex.penalty_article_2026.hint()" in shown
    assert progress.load()["05.penalty_article_2026"][-1][1:] == ["incorrect", "plus_two"]


# --- open answers ---------------------------------------------------------------------------

def test_nonsense_is_recorded_not_marked_and_gets_a_pointer(fresh_progress, language):
    language("en")
    question = exercises.get("00.why_primary")
    message = question.check("我今天中午吃了很多好吃的苹果和香蕉")
    assert message.tone == "attempted" and "Correct" not in message.title
    assert "does not yet mention any of the points" in message.body
    assert "Model answer" in message.body and "self_assess([1, 2])" in message.body
    assert progress.latest()["00.why_primary"] == "attempted"


def test_an_answer_touching_a_point_gets_no_pointer(language):
    language("en")
    question = exercises.get("00.why_primary")
    body = question.check("Laws are amended and renumbered, so the article may rely on an old version.").body
    assert "does not yet mention" not in body and "A good answer makes these points" in body


def test_the_lessons_misconception_is_not_correct():
    for answer in ("网络日志包括聊天内容，所以微信必须把聊天记录保存六个月。",
                   "Yes, the network logs include the chat content, so WeChat must keep every chat."):
        result = verdict("03.logs_cover_chats", answer)
        assert result.status == "attempted" and result.values["touched"] != (1, 2, 3)
    assert verdict("03.logs_cover_chats", "不包括，跟微信没关系").mistake == "not_wechat"


def test_blah_blah_is_never_counted_as_correct(fresh_progress):
    question = exercises.get("09.capstone_reasons")
    question.check("blah blah " * 10)
    question.self_assess([])
    assert progress.latest()["09.capstone_reasons"] == "self_assessed"
    table = progress_panel.summary("09").iloc[0]
    assert table.iloc[2] == 0  # correct


def test_self_assessment_is_checked_and_recorded(fresh_progress, language):
    language("en")
    question = exercises.get("03.logs_cover_chats")
    assert "Check your answer first" in question.self_assess([1]).title
    question.check(question.solution_text["en"])
    assert "whole numbers from 1 to 3" in question.self_assess([4]).title
    assert "whole numbers" in question.self_assess(["1"]).title
    assert "which of these points" in question.self_assess(...).title
    message = question.self_assess([3, 1])
    assert message.tone == "self_assessed" and "2 of 3" in message.title
    assert "✓ 1." in message.body and "○ 2." in message.body
    assert progress.assessed()["03.logs_cover_chats"] == [1, 3]
    assert progress.latest()["03.logs_cover_chats"] == "self_assessed"


def test_the_grader_records_an_open_answer_for_the_teacher_and_never_calls_it_correct():
    question = exercises.get("00.why_primary")
    data = question.encode("Laws are amended; check the version.")
    assert question.judge_encoded(data).status == "attempted"
    assert question.evaluate("Laws are amended; check the version.").status == "attempted"
    assert question.judge_encoded(question.encode("blah " * 200)).status != "correct"
    assert question.judge_encoded(question.encode("idk")).mistake == "no_idea_en"


# --- progress -------------------------------------------------------------------------------

def test_progress_tells_the_five_states_apart(fresh_progress, language):
    language("en")
    ex = exercises.lesson("00")
    ex.log_item.check(ex.log_item.model_answer())
    ex.csl_articles_2017.check(81)
    ex.iism14_paragraphs.check(...)
    ex.why_primary.check("Laws are amended and renumbered; check the version.")
    row = progress_panel.summary("00").iloc[0].tolist()
    assert row == ["00", 5, 1, 0, 1, 1, 2]
    ex.why_primary.self_assess([2])
    row = progress_panel.summary("00").iloc[0].tolist()
    assert row == ["00", 5, 1, 1, 0, 1, 2]
    shown = repr(progress_panel.progress("00"))
    assert "self-assessed 1" in shown and "█▓░··" in shown and "not counted as correct" in shown
    language("zh")
    assert "自评 1" in repr(progress_panel.progress("00"))


def test_an_old_correct_record_of_an_open_answer_counts_as_answered(fresh_progress):
    progress.record("00.why_primary", "correct")
    assert progress_panel.summary("00").iloc[0].tolist() == ["00", 5, 0, 0, 1, 0, 4]


# --- the tables -----------------------------------------------------------------------------

def _write(tmp_path, text: str, name: str = "bad.csv") -> str:
    path = tmp_path / name          # a new name for each table: tables are read once per file
    path.write_text(text, encoding="utf-8")
    return str(path)


HEAD = "exercise,answer,key,zh,en,cites\n"


@pytest.mark.parametrize("row, column", [
    ("05.penalty_article_2026,70,plus_two,,Not a plain +2.,", "zh"),
    ("05.penalty_article_2026,seventy,words,不是数字,not a number,", "answer"),
    ("05.penalty_article_2026,69.5,half,半条,half an article,", "answer"),
    ("05.no_such_exercise,70,x,中,en,", "exercise"),
    ("5.penalty_article_2026,70,x,中,en,", "exercise"),
    ("05.c21_verdict,outdatd,typo,拼错,misspelt,", "answer"),
    ("05.penalty_article_2026,70,Plus Two,中,en,", "key"),
])
def test_a_malformed_mistake_row_is_refused_naming_file_row_and_column(tmp_path, language, row, column):
    language("en")
    path = _write(tmp_path, HEAD + "05.keep_places_2017,5,fine,中,en,\n" + row + "\n")
    with pytest.raises(DataError) as caught:
        mistakes.for_lesson("05", list(exercises.lesson("05")), exercises.lessons(), file=path)
    message = str(caught.value)
    assert "bad.csv" in message and "row 3" in message and f"(column {column})" in message


def test_duplicate_keys_and_answers_are_refused(tmp_path, language):
    language("en")
    for number, rows in enumerate(("05.penalty_article_2026,70,a,中,en,\n05.penalty_article_2026,71,a,中,en,\n",
                                    "05.penalty_article_2026,70,a,中,en,\n05.penalty_article_2026,70,b,中,en,\n",
                                    "06.approval_level,A,a,中,en,\n06.approval_level,县级以上公安机关负责人,b,中,en,\n")):
        path = _write(tmp_path, HEAD + rows, f"duplicate-{number}.csv")
        lesson = rows[:2]
        with pytest.raises(DataError, match="row 3"):
            mistakes.for_lesson(lesson, list(exercises.lesson(lesson)), exercises.lessons(), file=path)


def test_a_malformed_rubric_row_is_refused(tmp_path, language):
    language("en")
    head = "exercise,point,zh,en,keywords_zh,keywords_en\n"
    for row, column in (("05.penalty_article_2026,1,中,en,词,word", "exercise"),
                        ("05.collection_rule_reading,2,中,en,词,word", "point"),
                        ("05.collection_rule_reading,1,中,en,,word", "keywords_zh")):
        path = _write(tmp_path, head + row + "\n", f"rubric-{column}.csv")
        with pytest.raises(DataError) as caught:
            rubrics.for_lesson("05", list(exercises.lesson("05")), exercises.lessons(), file=path)
        assert f"rubric-{column}.csv" in str(caught.value) and f"(column {column})" in str(caught.value)


def _texts():
    for exercise in exercises.all_exercises():
        for mistake in exercise.anticipated:
            yield exercise.id, mistake.text, mistake.cites
        for point in getattr(exercise, "rubric", ()):
            yield exercise.id, point.text, ()


def test_explanations_quote_and_cite_the_law_correctly():
    article = claims.article_text()
    for exercise_id, text, cites in _texts():
        for lang in ("zh", "en"):
            for phrase, article_id in LAW_QUOTE.findall(text[lang]):
                assert law.contains(article_id, phrase), f"{exercise_id}: “{phrase}” is not in {article_id}"
            for quote in ARTICLE_QUOTE.findall(text[lang]):
                assert quote in article, f"{exercise_id}: 「{quote}」 is not in data/article.txt"
            for article_id in CITE_MARK.findall(text[lang]):
                assert law.by_id(article_id).text, f"{exercise_id}: {article_id}"
        for article_id in cites:
            assert law.by_id(article_id).text, f"{exercise_id}: {article_id}"


def test_the_coverage_script_reports_every_lesson(capsys):
    namespace = runpy.run_path(str(ROOT / "scripts" / "feedback_coverage.py"))
    assert namespace["main"]() == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["lesson", "exercises", "mistakes", "below_two", "options", "open"]
    assert len(out) == len(exercises.lessons()) + 2 and out[-1].split()[0] == "total"


# -- answer forms, options in the learner's language, Markdown in hints and solutions (issue 12) --

def test_every_prompt_says_the_form_of_its_answer():
    from course import exercises
    from course.core.i18n import language

    for exercise in exercises.all_exercises():
        for lang in ("zh", "en"):
            with language(lang):
                assert exercise.answer_form(lang), f"{exercise.id}: no answer form in {lang}"
                assert exercise.answer_form(lang) in exercise.question(lang)


def test_choice_prompt_lists_every_option_with_its_label_in_the_learners_language():
    from course import exercises

    choice = exercises.get("01.type_must_keep")
    for lang in ("zh", "en"):
        question = choice.question(lang)
        assert all(f"`{key}`" in question and choice.label(key, lang) in question for key in choice.choices)


def test_an_unknown_choice_lists_the_options_in_the_learners_language():
    from course import exercises

    verdict = exercises.get("05.c21_verdict").evaluate("banana")
    assert verdict.status == "incorrect" and "引用过时" in verdict.message("zh")
    assert "outdated citation" in verdict.message("en") and "引用过时" not in verdict.message("en")


def test_choices_accept_code_and_label():
    from course import exercises

    choice = exercises.get("05.dropped_sanction")
    assert all(choice.evaluate(a).correct for a in ("C", "没收违法所得", "confiscation of illegal gains"))


def test_id_answers_show_the_format_with_an_example_that_is_not_the_answer():
    from course import exercises

    text = exercises.get("03.log_rule_today")
    for lang in ("zh", "en"):
        form = text.answer_form(lang)
        assert "`pipl-2021:19`" in form and text.answer not in form


def test_numbers_state_their_unit():
    from course import exercises

    assert "MB" in exercises.get("02.million_chars_mb").answer_form("en")
    assert "条号" in exercises.get("05.penalty_article_2026").answer_form("zh")
    assert "article number" in exercises.get("05.penalty_article_2026").answer_form("en")


def test_hints_and_solutions_render_markdown_and_read_as_plain_text():
    from course import exercises

    q = exercises.get("02.zlib_ratio")
    hint = q.hint()
    assert "<code>" in hint._repr_html_() and "`" not in hint._repr_html_()
    assert "`" in repr(hint)
    solution = q.solution()
    assert "<pre><code>import zlib" in solution._repr_html_()
    assert "zlib.compress(data)" in repr(solution)


def test_a_computed_answers_solution_shows_code_that_computes_it():
    import zlib

    import course
    from course import exercises

    q = exercises.get("02.zlib_ratio")
    body = q.solution().body
    code = body[body.index("```python") + len("```python"):body.rindex("```")]
    names = {"course": course, "zlib": zlib}
    exec(code, names)
    assert q.evaluate(names["zlib_ratio"]).correct


def test_markdown_of_a_learners_value_is_escaped():
    from course.display.feedback import markdown_html

    assert markdown_html("<script>x</script> 2*3*4") == "&lt;script&gt;x&lt;/script&gt; 2*3*4"

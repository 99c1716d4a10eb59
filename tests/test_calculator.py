"""The storage calculator widget (course.widgets.calculator), driven from code without a browser."""
import pytest

from course import storage
from course.core.i18n import t
from course.widgets.calculator import Calculator, calculator


@pytest.fixture
def calc(language):
    language("zh")
    return Calculator()


def test_starts_at_the_defaults(calc):
    assert calc.values() == storage.defaults()
    expected = storage.format_bytes(storage.estimate().bytes_per_day)
    assert calc.total_text() == expected
    assert f"<b class='calc-total-value'>{expected}</b>" in calc.total.value
    assert calc.error == "" and calc.message.value == ""


def test_two_inputs_change_the_total(calc):
    calc.set(users=1.2e9)
    calc.inputs["chars_per_message"].value = 35          # as the learner types into the box
    expected = storage.estimate(users=1.2e9, chars_per_message=35)
    assert calc.result.bytes_per_day == expected.bytes_per_day
    assert calc.total_text() == storage.format_bytes(expected.bytes_per_day)
    assert storage.format_bytes(expected.bytes_per_year) in calc.table.value


def test_slider_input_changes_the_total(calc):
    calc.inputs["compression_pct"].value = 60
    assert calc.result.text_bytes_per_day == pytest.approx(storage.estimate(compression_pct=60).text_bytes_per_day)


def test_chart_is_redrawn(calc):
    before = calc.png
    calc.set(users=1e6)
    assert calc.png[:8] == b"\x89PNG\r\n\x1a\n" and calc.png != before
    assert 'alt="' in calc.image.value and "data:image/png;base64," in calc.image.value


@pytest.mark.parametrize("name, value", [("users", -5), ("users", float("nan")), ("compression_pct", 100),
                                         ("bytes_per_char", 0), ("copies", 2.5), ("drive_tb", float("inf"))])
def test_invalid_input_shows_a_message_not_a_traceback(calc, name, value):
    total = calc.total_text()
    calc.set(**{name: value})                          # through the checked setter
    assert name in calc.error and "⚠" in calc.message.value
    assert calc.total_text() == total                  # the last valid result stays
    calc.set(**{name: storage.defaults()[name]})
    assert calc.error == "" and calc.message.value == ""


def test_invalid_value_typed_into_a_box(calc):
    calc.inputs["retention_days"].value = -30          # FloatText accepts it; the model refuses it
    assert "retention_days" in calc.error and "允许范围" in calc.error
    calc.inputs["retention_days"].value = 30
    assert calc.error == "" and calc.result.inputs["retention_days"] == 30


def test_string_is_refused_with_a_message(calc):
    calc.set(users="十二亿")
    assert "users" in calc.error and "'十二亿'" in calc.error


def _reset_button(calc):
    return next(w for w in calc.widget.children if getattr(w, "icon", "") == "undo")


def test_reset_button_restores_the_starting_values(calc):
    calc.set(users=5, chars_per_message=1)
    _reset_button(calc).click()
    assert calc.values() == storage.defaults()


def test_reset_returns_to_the_values_the_cell_passed_in():
    from course.widgets.calculator import Calculator

    calc = Calculator(users=1.2e9)
    calc.set(users=5)
    _reset_button(calc).click()
    assert calc.values() == {**storage.defaults(), "users": 1.2e9}
    calc.close()


def test_sources_of_the_defaults_are_shown(calc):
    html = calc.widget.children[-1].children[0].value
    for key in ("wechat_mau_2025q4", "wechat_msgs_per_day_2017_09", "aws_s3_standard_price"):
        assert key in html
    assert "假设" in html


def test_labels_follow_the_language(language):
    language("en")
    calc = calculator(users=1e9)
    assert "Total per day" in calc.total.value
    text = " ".join(getattr(w, "value", "") for row in calc.widget.children
                    for w in getattr(row, "children", ()) if isinstance(getattr(w, "value", None), str))
    assert "characters per message" in text and "assumption" in text


def test_bad_starting_value_raises(language):
    language("en")
    with pytest.raises(storage.StorageInputError, match="users"):
        Calculator(users=-1)


# ------------------------------------------------------------------ closing

def _live_widgets() -> int:
    from ipywidgets.widgets import widget

    return len(widget._instances)


def test_close_closes_every_widget_and_lets_the_figure_go(language):
    import gc
    import weakref

    from course.widgets.lifetime import widget_tree

    language("zh")
    before = _live_widgets()
    calc = Calculator()
    tree = widget_tree(calc.widget)
    assert _live_widgets() - before == len(tree) > 50      # inputs, labels, boxes, layouts, styles
    figure = weakref.ref(calc._fig)
    calc.close()
    assert calc.closed and _live_widgets() == before
    assert all(widget.comm is None for widget in tree)
    gc.collect()
    assert figure() is None and calc.png == b""
    calc.close()                                           # closing twice is harmless
    calc.set(users=1e6)                                    # a closed calculator no longer updates
    assert calc.result.inputs["users"] == storage.defaults()["users"]
    assert calc._repr_mimebundle_() == {"text/plain": t("calculator.closed")}
    assert "calculator()" in t("calculator.closed", lang="en")


def test_a_new_calculator_closes_the_previous_one(language):
    language("en")
    first = calculator()
    after_first = _live_widgets()
    for users in (1e6, 1e7, 1e8):                          # the lesson's cell, run again and again
        latest = calculator(users=users)
    assert first.closed and not latest.closed
    assert _live_widgets() == after_first                  # one calculator's widgets, not four
    assert latest.total_text() == storage.format_bytes(storage.estimate(users=1e8).bytes_per_day)
    assert "application/vnd.jupyter.widget-view+json" in latest._repr_mimebundle_()
    latest.close()

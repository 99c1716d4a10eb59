"""Storage arithmetic (course.storage) and its charts (course.storage.charts)."""
import math
import subprocess
import sys
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import course
from course import storage
from course.core import i18n
from course.law import tables as law_tables
from course.storage import StorageInputError
from course.storage import charts as storage_charts

# ------------------------------------------------------------------ sizes, measured by encoding


@pytest.mark.parametrize("text, utf8, gb, utf16", [
    ("", 0, 0, 0),
    ("abc", 3, 3, 6),
    ("微信", 6, 4, 4),
    ("，。？", 9, 6, 6),               # CJK punctuation: like Hanzi
    ("𠀀", 4, 4, 4),                   # CJK Extension B, outside the BMP
])
def test_encoded_size_is_measured(text, utf8, gb, utf16):
    assert storage.encoded_size(text, "utf-8") == utf8
    assert storage.encoded_size(text, "GB18030") == gb
    assert storage.encoded_size(text, "utf-16") == utf16      # no byte-order mark


def test_encoding_table_matches_encoded_size(language):
    language("en")
    table = storage.encoding_table("微信会不会保存聊天记录？")
    assert table["encoding"].tolist() == ["UTF-8", "GB18030", "UTF-16"]
    assert table["bytes"].tolist() == [36, 24, 24]


def test_size_of_chars():
    assert storage.size_of_chars(1_000_000, 3) == 3_000_000
    assert storage.size_of_chars(0, 2) == 0


def test_law_text_is_real_text_from_data():
    text = storage.law_text()
    assert len(text) > 60_000
    assert law_tables.articles().loc["criminal-law-2023:253-1", "text"] in text


def test_million_chars_of_law_text_is_a_few_mb():
    size = storage.million_char_bytes("UTF-8")
    assert 2.9e6 < size < 3.0e6          # digits and punctuation pull it a little under 3 bytes/char
    assert storage.million_char_bytes("GB18030") == pytest.approx(size * 2 / 3, rel=0.02)


# ------------------------------------------------------------------ compression, measured


def test_compression_table_is_measured_and_consistent():
    table = storage.compression_table()
    assert len(table) == 3 * 4
    assert set(table["algorithm"]) == {"-", "zlib", "bz2", "lzma"}
    raw = table[table["algorithm"] == "-"]
    assert (raw["bytes"] == raw["original_bytes"]).all()
    for row in table.itertuples():
        assert row.original_bytes == storage.encoded_size(storage.law_text(), row.encoding)
        assert row.ratio == pytest.approx(row.original_bytes / row.bytes, abs=1e-3)
        assert row.saving_pct == pytest.approx(100 * (1 - row.bytes / row.original_bytes), abs=0.06)
    packed = table[table["algorithm"] != "-"]
    assert (packed["bytes"] < packed["original_bytes"]).all()
    import zlib
    data = storage.law_text().encode("utf-8")
    zrow = table[(table["encoding"] == "UTF-8") & (table["algorithm"] == "zlib")].iloc[0]
    assert zrow["bytes"] == len(zlib.compress(data, 9))


def test_lzma_uses_its_default_preset_which_is_within_one_percent_of_the_strongest():
    import lzma

    for encoding in storage.ENCODINGS:
        data = storage.law_text().encode(storage.ENCODINGS[encoding])
        size = storage.compressed_size(data, "lzma")
        assert size == len(lzma.compress(data, preset=6)) == len(lzma.compress(data, preset=9))
        assert 0.99 * size < len(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME)) <= size


def test_compression_of_any_text():
    table = storage.compression_table("聊天记录" * 500)
    assert (table[table["algorithm"] != "-"]["ratio"] > 10).all()
    with pytest.raises(StorageInputError):
        storage.compression_table("")


def test_short_pieces_compress_badly():
    assert storage.chunked_saving_pct(20, "zlib") < 0 < storage.chunked_saving_pct(1000, "zlib")
    assert storage.compression_saving_pct("zlib") > storage.chunked_saving_pct(1000, "zlib")


# ------------------------------------------------------------------ units and formatting


@given(value=st.floats(min_value=0, max_value=1e6, allow_nan=False),
       unit=st.sampled_from(sorted(storage.UNITS)))
def test_unit_conversion_round_trips(value, unit):
    assert storage.from_bytes(storage.to_bytes(value, unit), unit) == pytest.approx(value, rel=1e-12, abs=1e-300)


@given(n=st.floats(min_value=0, max_value=1e20, allow_nan=False),
       a=st.sampled_from(sorted(storage.UNITS)), b=st.sampled_from(sorted(storage.UNITS)))
def test_unit_conversion_between_units_round_trips(n, a, b):
    in_b = storage.from_bytes(storage.to_bytes(storage.from_bytes(n, a), a), b)
    assert storage.to_bytes(in_b, b) == pytest.approx(n, rel=1e-9)


def test_unit_sizes():
    assert storage.to_bytes(1, "KB") == 1000 and storage.to_bytes(1, "KiB") == 1024
    assert storage.to_bytes(1, "EB") == 10 ** 18 and storage.to_bytes(1, "EiB") == 2 ** 60
    with pytest.raises(StorageInputError):
        storage.to_bytes(1, "Mb")


@pytest.mark.parametrize("n, si, iec", [
    (0, "0 B", "0 B"), (999, "999 B", "999 B"), (1000, "1.00 KB", "1000 B"), (1024, "1.02 KB", "1.00 KiB"),
    (2_611_054, "2.61 MB", "2.49 MiB"), (999_999, "1.00 MB", "977 KiB"), (2.59e15, "2.59 PB", "2.30 PiB"),
    (3e21, "3000 EB", "2602 EiB"), (0.5, "0.5 B", "0.5 B"),
])
def test_format_bytes(n, si, iec):
    assert storage.format_bytes(n) == si
    assert storage.format_bytes(n, binary=True) == iec


@given(st.floats(min_value=0, max_value=1e21, allow_nan=False))
def test_format_bytes_reads_back_within_half_a_percent(n):
    number, unit = storage.format_bytes(n).split()
    assert storage.to_bytes(float(number), unit) == pytest.approx(n, rel=0.006, abs=0.5)


def test_format_bytes_rejects_nonsense():
    for bad in (-1, math.nan, math.inf):
        with pytest.raises(StorageInputError):
            storage.format_bytes(bad)


def test_format_count_in_both_languages():
    assert storage.format_count(1.2e9, "zh") == "12.0亿"
    assert storage.format_count(1.418e9, "en") == "1.42 billion"
    assert storage.format_count(3.8e10, "zh") == "380亿"
    assert storage.format_count(12_600, "zh") == "1.26万"
    assert storage.format_count(2.5e12, "zh") == "2.50万亿"
    assert storage.format_count(950, "zh") == "950"
    assert storage.format_usd(16_900, "en") == "US$16,900"
    assert storage.format_usd(16_900, "zh") == "1.69万美元"


# ------------------------------------------------------------------ the model

INCREASING = ["users", "messages_per_user", "chars_per_message", "bytes_per_char", "media_share_pct",
              "media_kb", "retention_days", "copies"]


def _value(param, draw):
    p = storage.params()[param]
    low = p.min if not p.min_open else p.min + 1e-6
    high = min(p.max, 1e12) - (1e-6 if p.max_open else 0)
    if p.integer:
        return draw(st.integers(int(math.ceil(low)), int(high)))
    return draw(st.floats(low, high, allow_nan=False, allow_infinity=False))


@st.composite
def inputs(draw):
    return {name: _value(name, draw) for name in storage.params()}


@settings(max_examples=60, deadline=None)
@given(base=inputs(), param=st.sampled_from(INCREASING), data=st.data())
def test_model_is_monotonic_in_each_input(base, param, data):
    a, b = sorted([base[param], _value(param, data.draw)])
    low, high = storage.estimate(**{**base, param: a}), storage.estimate(**{**base, param: b})
    assert low.bytes_per_day <= high.bytes_per_day * (1 + 1e-12)
    assert low.stored_bytes <= high.stored_bytes * (1 + 1e-12)
    assert low.drives <= high.drives
    assert low.drive_cost_usd <= high.drive_cost_usd * (1 + 1e-12)


@settings(max_examples=60, deadline=None)
@given(base=inputs(), data=st.data())
def test_model_decreases_with_compression_and_bigger_drives(base, data):
    c1, c2 = sorted([base["compression_pct"], _value("compression_pct", data.draw)])
    assert storage.estimate(**{**base, "compression_pct": c1}).bytes_per_day >= \
        storage.estimate(**{**base, "compression_pct": c2}).bytes_per_day * (1 - 1e-12)
    d1, d2 = sorted([base["drive_tb"], _value("drive_tb", data.draw)])
    assert storage.estimate(**{**base, "drive_tb": d1}).drives >= storage.estimate(**{**base, "drive_tb": d2}).drives


@settings(max_examples=60, deadline=None)
@given(base=inputs())
def test_zero_users_give_zero_bytes(base):
    result = storage.estimate(**{**base, "users": 0})
    assert result.bytes_per_day == result.bytes_per_year == result.stored_bytes == 0
    assert result.drives == 0 and result.drive_cost_usd == 0 and result.cloud_usd_per_month == 0


def test_model_arithmetic_by_hand():
    r = storage.estimate(users=1e9, messages_per_user=40, chars_per_message=20, bytes_per_char=3,
                         compression_pct=50, media_share_pct=10, media_kb=100, retention_days=30,
                         copies=3, drive_tb=20, drive_usd_per_gb=0.02, cloud_usd_per_gb_month=0.025)
    text = 1e9 * 40 * 20 * 3 * 0.5
    media = 1e9 * 40 * 0.10 * 100_000
    assert r.text_bytes_per_day == pytest.approx(text)
    assert r.media_bytes_per_day == pytest.approx(media)
    assert r.bytes_per_year == pytest.approx((text + media) * 365)
    assert r.stored_bytes == pytest.approx((text + media) * 30)
    assert r.drives == math.ceil((text + media) * 30 * 3 / 20e12)
    assert r.drive_cost_usd == pytest.approx((text + media) * 30 * 3 / 1e9 * 0.02)
    assert r.cloud_usd_per_month == pytest.approx((text + media) * 30 / 1e9 * 0.025)


def test_defaults_come_from_the_figures_table():
    figs = storage.figures()
    d = storage.defaults()
    assert d["users"] == figs.loc["wechat_mau_2025q4", "number"] * 1e6
    assert d["messages_per_user"] == pytest.approx(
        figs.loc["wechat_msgs_per_day_2017_09", "number"] * 1e9 / (figs.loc["wechat_mau_2017q3", "number"] * 1e6),
        abs=0.05)
    assert d["bytes_per_char"] == figs.loc["utf8_bytes_per_cjk_bmp_char", "number"]
    assert d["drive_tb"] == figs.loc["hdd_largest_shipping_2024_12", "number"]
    assert d["cloud_usd_per_gb_month"] == figs.loc["aws_s3_standard_price", "number"]
    for p in storage.params().values():
        assert p.basis in {"figure", "derived", "measured", "assumption"}
        for key in p.figures:
            assert key in figs.index, key
        used = [k for k in p.figures if figs.loc[k, "reliability"] == "unconfirmed"]
        assert not used or p.basis == "assumption", f"{p.name} rests on unconfirmed {used}"
        p.check(p.default)
    assert storage.params()["chars_per_message"].basis == "assumption"


def test_default_sources_name_every_parameter(language):
    language("zh")
    table = storage.default_sources()
    assert len(table) == len(storage.params())
    assert "假设（可调整）" in set(table["依据"])
    assert any("wechat_mau_2025q4" in keys for keys in table["数据表中的键"])


# ------------------------------------------------------------------ bad input

BAD = [
    ("users", -1), ("users", math.nan), ("users", math.inf), ("users", -math.inf), ("users", "1200000000"),
    ("users", True), ("users", None), ("messages_per_user", -0.5), ("chars_per_message", "20"),
    ("bytes_per_char", 0), ("bytes_per_char", 5), ("compression_pct", 100), ("compression_pct", -1),
    ("media_share_pct", 101), ("media_share_pct", math.nan), ("retention_days", -7), ("copies", 0),
    ("copies", 1.5), ("drive_tb", 0), ("drive_usd_per_gb", -0.01), ("cloud_usd_per_gb_month", math.inf),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name, value", BAD)
def test_bad_input_names_parameter_and_range(language, lang, name, value):
    language(lang)
    with pytest.raises(StorageInputError) as info:
        storage.estimate(**{name: value})
    message = str(info.value)
    param = storage.params()[name]
    assert name in message and param.label in message and param.range_text() in message
    assert ("参数" in message) if lang == "zh" else ("Parameter" in message)


def test_unknown_parameter(language):
    language("en")
    with pytest.raises(StorageInputError, match="No such parameter: user"):
        storage.estimate(user=1)


def test_error_is_a_course_error_in_the_notebook_language(language):
    language("zh")
    with pytest.raises(course.core.errors.CourseError, match="允许范围"):
        storage.size_of_chars("一百万", 3)


# ------------------------------------------------------------------ sourced anchors


def test_mau_series_leaves_out_unconfirmed_and_marks_the_crossing():
    series = storage.mau_series()
    keys = set(series["key"])
    assert "wechat_mau_2026q2" not in keys          # unconfirmed: never used as a fact
    assert series["date"].is_monotonic_increasing
    assert "wechat_mau_2023q3" not in set(storage.mau_series(include_low=False)["key"])
    crossing = storage.first_above(1200)
    assert crossing["after"]["key"] == "wechat_mau_2020q3" and crossing["after"]["million"] == 1210
    assert crossing["before"]["million"] < 1200


def test_video_day_matches_the_derived_figure():
    derived = storage.figures().loc["youtube_upload_bytes_per_day_derived", "number"]   # PB per day
    assert storage.video_bytes_per_day() / 1e15 == pytest.approx(derived, abs=0.01)
    assert storage.video_bytes_per_day(0, 8) == 0


def test_cite_has_value_unit_date_source(language):
    language("en")
    text = storage.cite("wechat_msgs_per_day_2017_09")
    assert "38 billion messages/day" in text and "2017-09" in text and "secondary" in text


def test_storage_module_stays_light():
    code = "import sys, course.storage; print('matplotlib' in sys.modules, 'ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# ------------------------------------------------------------------ charts

CHARTS = ["mau", "volume", "cost", "compression"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", CHARTS)
def test_chart_renders_without_missing_glyphs(language, lang, name, tmp_path):
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    from course.display.charts import Chart

    language(lang)
    with warnings.catch_warnings():
        warnings.simplefilter("error")                  # a missing glyph warns: here it fails
        chart = getattr(storage_charts, f"{name}_chart")()
        fig = getattr(storage_charts, f"{name}_figure")()
        inline = print_figure(fig, "png")               # what the inline backend would show
    assert isinstance(chart, Chart) and isinstance(fig, Figure)
    assert chart.png.startswith(b"\x89PNG") and chart.png == inline
    assert chart.save(tmp_path / f"{name}.png").read_bytes() == chart.png
    title = fig.axes[0].get_title()
    assert chart.title == title
    assert title and (any("\u4e00" <= ch <= "\u9fff" for ch in title) == (lang == "zh"))


def test_log_scales_where_the_range_demands():

    assert storage_charts.volume_figure().axes[0].get_yscale() == "log"
    assert storage_charts.cost_figure().axes[0].get_yscale() == "log"
    assert storage_charts.compression_figure().axes[0].get_yscale() == "linear"


def test_volume_figure_updates_in_place():

    fig = storage_charts.volume_figure()
    bars_before = list(fig.axes[0].patches)
    result = storage.estimate(users=1e6)
    storage_charts.update_volume_figure(fig, result)
    assert list(fig.axes[0].patches) == bars_before
    assert fig.axes[0].patches[1].get_height() == pytest.approx(result.text_bytes_per_day)
    assert fig.axes[0].texts[1].get_text() == storage.format_bytes(result.text_bytes_per_day)


def test_mau_chart_marks_the_article_figure(language):

    language("zh")
    fig = storage_charts.mau_figure()
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "2020-09-30" in texts and "1210" in texts
    assert any(line.get_ydata()[0] == 1200 for line in fig.axes[0].lines[1:])


def test_every_message_the_model_builds_exists_in_both_languages():

    catalogue = i18n.catalogue()
    keys = [f"storage.{kind}.{name}" for name in storage.params() for kind in ("param", "unit")]
    keys += [f"storage.basis.{p.basis}" for p in storage.params().values()]
    keys += [f"storage.result.{k}" for k in ("per_day", "text_per_day", "media_per_day", "per_year", "stored",
                                              "drives", "drive_cost", "cloud_cost")]
    keys += [f"storage.col.{c}" for c in storage.compression_table().columns]
    for key in keys:
        assert catalogue[key]["zh"] and catalogue[key]["en"], key

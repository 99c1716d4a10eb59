"""Charts with Chinese labels render real glyphs (a missing glyph is an error here)."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from course.display import fonts  # noqa: E402


def test_chinese_labels_have_no_missing_glyphs(tmp_path):
    name = fonts.use_chinese_font()
    assert name
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        ax.bar(["网络安全法", "刑法"], [79, 452])
        ax.set_title("条文数（2017年文本）− Articles")
        fig.savefig(tmp_path / "chart.png")
        fig.savefig(tmp_path / "chart.svg")
        plt.close(fig)
    assert (tmp_path / "chart.png").stat().st_size > 1000


def test_packaged_font_works_without_system_fonts(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "_system_cjk_font", lambda: None)
    fonts.use_chinese_font.cache_clear()
    try:
        assert fonts.use_chinese_font() == fonts.PACKAGED_FONT
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig, ax = plt.subplots()
            ax.set_title("微信月活跃账户")
            fig.savefig(tmp_path / "packaged.png")
            plt.close(fig)
    finally:
        fonts.use_chinese_font.cache_clear()


def test_no_proprietary_font_is_used():
    assert "SimHei" not in fonts.CJK_FONTS

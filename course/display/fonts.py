"""Chinese glyphs in matplotlib charts, on Linux, macOS and Windows.

:func:`use_chinese_font` looks for an installed system CJK font from a fallback
list; where there is none it registers the OFL-licensed Noto Sans SC that ships
in the ``pylopdf-fonts-zh-cn`` package. It only changes this process's
matplotlib settings: nothing is written to disk.

>>> use_chinese_font() in CJK_FONTS + (PACKAGED_FONT,)
True
"""
from __future__ import annotations

import functools

# System fonts tried in order: Noto/Source Han (Linux, any OS with them installed),
# Microsoft YaHei (Windows), PingFang / Hiragino / STHeiti (macOS), WenQuanYi (Linux).
CJK_FONTS = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Microsoft YaHei",
    "PingFang SC", "Hiragino Sans GB", "STHeiti", "Heiti SC", "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)
PACKAGED_FONT = "Noto Sans SC"


def _system_cjk_font() -> str | None:
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _register_packaged_font() -> str:
    from matplotlib import font_manager
    from pylopdf_fonts_zh_cn import sans_path

    path = str(sans_path())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


@functools.cache
def use_chinese_font() -> str:
    """Make matplotlib draw Chinese: returns the name of the CJK font now in use."""
    import matplotlib as mpl

    name = _system_cjk_font() or _register_packaged_font()
    # Latin letters and digits from DejaVu Sans, Chinese from the CJK font (per-glyph fallback).
    mpl.rcParams["font.family"] = ["DejaVu Sans", name]
    mpl.rcParams["axes.unicode_minus"] = False
    return name

"""Colours that follow JupyterLab's theme, so the course's outputs read in JupyterLab Light and Dark.

Every colour the course puts in a notebook output is a JupyterLab CSS variable (``--jp-…``)
with a fallback for pages outside JupyterLab, or a mix of a tone into one:

- text in a tone (a feedback title) is the tone pulled toward the theme's text colour
  (darker in Light, lighter in Dark), so it keeps its contrast on the page;
- a label with a background (a verdict badge) is a pale tint of its colour in Light and a
  dark one in Dark, under the theme's own text colour.

A fixed text colour on a fixed background (``color:white`` on a verdict colour) is what this
module replaces: white on orange or olive is below WCAG AA even in the light theme.

>>> jp("--jp-success-color1", "#1a7f37")
'var(--jp-success-color1, #1a7f37)'
>>> on_page("#8250df")
'color-mix(in srgb, #8250df 70%, var(--jp-content-font-color0, #000))'
"""
from __future__ import annotations


def jp(name: str, fallback: str) -> str:
    """The CSS of a JupyterLab theme variable with a fallback.

    >>> jp("--jp-layout-color0", "#fff")
    'var(--jp-layout-color0, #fff)'
    """
    return f"var({name}, {fallback})"


#: The theme's strongest text colour (black in Light, white in Dark) and its page colour.
TEXT = jp("--jp-content-font-color0", "#000")
PAGE = jp("--jp-layout-color0", "#fff")


def on_page(colour: str, share: int = 70) -> str:
    """``colour`` as a text colour on the page: ``share`` % of it, the rest the theme's text colour.

    >>> on_page(jp("--jp-error-color1", "#cf222e"), 60)
    'color-mix(in srgb, var(--jp-error-color1, #cf222e) 60%, var(--jp-content-font-color0, #000))'
    """
    return f"color-mix(in srgb, {colour} {share}%, {TEXT})"


def tint(colour: str, share: int = 25) -> str:
    """A background of ``colour`` mixed into the page colour: pale in Light, dark in Dark.

    Under the theme's text colour it reads in both themes whatever ``colour`` is.

    >>> tint("#ef6c00")
    'color-mix(in srgb, #ef6c00 25%, var(--jp-layout-color0, #fff))'
    """
    return f"color-mix(in srgb, {colour} {share}%, {PAGE})"


def badge_style(colour: str) -> str:
    """Inline CSS of a small label in ``colour``: a tinted background, a border, the theme's text.

    >>> "color:var(--jp-content-font-color0, #000)" in badge_style("#c62828")
    True
    """
    return (f"background:{tint(colour)};color:{TEXT};border:1px solid {colour};"
            "padding:0 7px;border-radius:3px")

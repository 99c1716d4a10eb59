"""WCAG text contrast of the course's outputs, measured in the browser, and JupyterLab's theme.

``text_contrast(page)`` looks at every visible element of the open notebook's outputs
(``.jp-OutputArea-output``) that shows text: an element with a text node of its own, a
``<select>`` (its chosen option), a text box (its value, or else its placeholder). For each it
reads ``getComputedStyle``: the text colour (its alpha times the opacity of the element and
its ancestors) and the effective background, found by walking up to the first opaque
background colour and laying the translucent ones above it over it. Colours are read through
a 1×1 canvas, so ``rgb()``, ``color(srgb …)`` and ``color-mix()`` results all count the same.
Background images (a dropdown's arrow) are not judged; disabled controls are exempt (WCAG
1.4.3). It returns one row per element::

    {"text": "✓ Correct", "where": "b < div.course-feedback", "part": "feedback", "ratio": 7.1, "need": 4.5,
     "fg": [r, g, b], "bg": [r, g, b], "size": 13.0, "weight": 700}

``need`` is 4.5, or 3 for large text (24 px, or 18.66 px bold). ``set_theme(page, name)``
switches JupyterLab's theme through its own command ``apputils:change-theme``.
"""
from __future__ import annotations

LIGHT, DARK = "JupyterLab Light", "JupyterLab Dark"

SET_THEME = """async (theme) => {
    await window.jupyterapp.commands.execute('apputils:change-theme', {theme});
}"""

THEME_APPLIED = """(theme) => document.body.dataset.jpThemeName === theme
    && getComputedStyle(document.body).getPropertyValue('--jp-layout-color0').trim() !== ''"""

MEASURE = """([panel, parts]) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    const cache = new Map();
    const rgba = (css) => {                      // any CSS colour -> [r, g, b, a] (0-255, a 0-1)
        if (!cache.has(css)) {
            ctx.clearRect(0, 0, 1, 1);
            ctx.fillStyle = '#000';
            ctx.fillStyle = css;
            ctx.fillRect(0, 0, 1, 1);
            const d = ctx.getImageData(0, 0, 1, 1).data;
            cache.set(css, [d[0], d[1], d[2], d[3] / 255]);      // ImageData is not premultiplied
        }
        return cache.get(css);
    };
    const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3]));
    const background = (el) => {
        const layers = [];
        for (let node = el; node; node = node.parentElement) {
            const colour = rgba(getComputedStyle(node).backgroundColor);
            if (colour[3] > 0) layers.push(colour);
            if (colour[3] >= 0.999) break;
        }
        let result = [255, 255, 255];           // the canvas under everything
        for (const layer of layers.reverse()) result = over(layer, result);
        return result;
    };
    const opacity = (el) => {
        let value = 1;
        for (let node = el; node; node = node.parentElement) value *= parseFloat(getComputedStyle(node).opacity);
        return value;
    };
    const luminance = (c) => {
        const [r, g, b] = c.map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
    };
    const where = (el) => {
        const name = (e) => e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].join('.') : '');
        const parent = el.parentElement;
        return name(el) + (parent ? ' < ' + name(parent) : '');
    };
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const rows = [];
    for (const output of document.querySelectorAll(panel + ' .jp-OutputArea-output')) {
        for (const el of output.querySelectorAll('*')) {
            const tag = el.tagName.toLowerCase();
            if (['option', 'optgroup', 'script', 'style', 'svg', 'img'].includes(tag) || el.closest('svg')) continue;
            if (!shown(el) || el.closest(':disabled')) continue;
            let text = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)
                .map(n => n.textContent).join('').trim();
            let style = getComputedStyle(el);
            if (tag === 'select') text = el.selectedOptions.length ? el.selectedOptions[0].text : '';
            if (tag === 'input' || tag === 'textarea') {
                text = el.value;
                if (!text && el.placeholder) { text = el.placeholder; style = getComputedStyle(el, '::placeholder'); }
            }
            if (!text) continue;
            const fg = rgba(style.color);
            const bg = background(el);
            const shownFg = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
            const size = parseFloat(style.fontSize), weight = parseInt(style.fontWeight, 10);
            const large = size >= 24 || (weight >= 700 && size >= 18.66);
            const part = parts.find(([, selector]) => el.matches(selector));
            rows.push({text: text.slice(0, 60), where: where(el), part: part ? part[0] : null, ratio: Math.round(ratio(shownFg, bg) * 100) / 100,
                       need: large ? 3 : 4.5, fg: shownFg.map(Math.round), bg: bg.map(Math.round),
                       size, weight});
        }
    }
    return rows;
}"""


def set_theme(page, theme: str) -> None:
    """Switch JupyterLab to ``theme`` (e.g. ``"JupyterLab Dark"``) and wait until it is applied."""
    page.evaluate(SET_THEME, theme)
    page.wait_for_function(THEME_APPLIED, arg=theme)
    page.wait_for_timeout(300)                   # let the new stylesheet restyle the outputs


def text_contrast(page, panel: str, parts: dict[str, str] | None = None) -> list[dict]:
    """One row per visible text element in the outputs of ``panel`` (see the module docstring).

    ``parts`` names elements (``{"badge": ".claim-verdict"}``): a row of an element matching a
    selector has that name as ``part`` (the first that matches), others ``None``.
    """
    return page.evaluate(MEASURE, [panel, list((parts or {}).items())])


def failures(rows: list[dict]) -> list[dict]:
    """The rows below their WCAG AA minimum.

    >>> failures([{"ratio": 4.4, "need": 4.5}, {"ratio": 3.2, "need": 3}])
    [{'ratio': 4.4, 'need': 4.5}]
    """
    return [row for row in rows if row["ratio"] < row["need"]]


def describe(rows: list[dict], limit: int = 12) -> str:
    """Rows as readable lines: ratio (needed), where, colours and the text.

    >>> describe([{"ratio": 2.9, "need": 4.5, "where": "span < div", "fg": [255, 255, 255],
    ...            "bg": [239, 108, 0], "text": "outdated"}])
    "2.9 < 4.5  span < div  fg rgb(255, 255, 255) on rgb(239, 108, 0)  'outdated'"
    """
    lines = [f"{r['ratio']} < {r['need']}  {r['where']}  fg rgb({', '.join(map(str, r['fg']))}) on "
             f"rgb({', '.join(map(str, r['bg']))})  {r['text']!r}" for r in rows[:limit]]
    if len(rows) > limit:
        lines.append(f"… and {len(rows) - limit} more")
    return "\n".join(lines)

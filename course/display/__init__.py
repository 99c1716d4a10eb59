"""How the course shows things: charts as PNG, Chinese in charts, statute text and feedback as HTML.

Modules here render what the other parts compute and look nothing up themselves:
:mod:`~course.display.charts` (one PNG renderer, :class:`~course.display.charts.Chart`),
:mod:`~course.display.fonts` (a CJK font for matplotlib), :mod:`~course.display.statute_html`
(articles, comparisons, word counts), :mod:`~course.display.feedback` (an exercise's message) and
:mod:`~course.display.tables` (tables whose every header cell has a name; installed here, so a
lesson's tables are shown that way as soon as any part that displays is loaded);
:mod:`~course.display.history` keeps IPython's output history no longer than its ``Out``;
:mod:`~course.display.theme` gives their colours as JupyterLab theme variables (Light and Dark).
"""
from .history import install as _install_history
from .tables import install as _install_tables

_install_tables()
_install_history()

"""How the course shows things: charts as PNG, Chinese in charts, statute text and feedback as HTML.

Modules here render what the other parts compute and look nothing up themselves:
:mod:`~course.display.charts` (one PNG renderer, :class:`~course.display.charts.Chart`),
:mod:`~course.display.fonts` (a CJK font for matplotlib), :mod:`~course.display.statute_html`
(articles, comparisons, word counts) and :mod:`~course.display.feedback` (an exercise's message).
"""

"""Tables as a notebook shows them: every header cell says what its column holds.

pandas draws a table's top-left header cell empty (and, for a named index, a second header
row of empty cells), which a screen reader announces as a header with no name. Here the
index's name goes into that corner cell instead; an unnamed index gets a name from the
message catalogue (``tables.index``), and a plain row count (0, 1, 2, …) is left out. Wide
tables scroll inside a region that a keyboard can reach (``tabindex="0"``).

A table made by the course may ask for headers in the notebook's language (:func:`with_headers`):
its columns keep their names, which a learner types in pandas, and only the view shows
“次数（count）” in a Chinese lesson (:func:`labelled`).

:func:`install` makes IPython show every ``DataFrame`` this way (the course calls it when
its display part is loaded); :func:`table_html` is the HTML itself:

>>> import pandas as pd
>>> html = table_html(pd.DataFrame({"n": [1]}, index=pd.Index(["csl"], name="law")))
>>> "<th></th>" in html, "<th>law</th>" in html
(False, True)
"""
from __future__ import annotations

import html as html_lib
import sys
from typing import TYPE_CHECKING

from ..core.i18n import t

if TYPE_CHECKING:
    import pandas as pd


# DataFrame.attrs key: {column name: message key of the header shown for it}.
HEADERS = "course_headers"


def with_headers(frame: pd.DataFrame, headers: dict[str, str]) -> pd.DataFrame:
    """``frame`` (changed in place) shown with the headers named by message keys in ``headers``.

    >>> import pandas as pd
    >>> with_headers(pd.DataFrame({"count": [2]}), {"count": "tables.col.count"}).attrs[HEADERS]
    {'count': 'tables.col.count'}
    """
    frame.attrs[HEADERS] = dict(headers)
    return frame


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the headers it asks for (:func:`with_headers`), in the notebook's language.

    A column whose header differs from its name is shown as “header（name）”, so the name to
    type in pandas stays in view; ``frame`` itself keeps its column names.

    >>> import pandas as pd
    >>> from course.core.i18n import language
    >>> frame = with_headers(pd.DataFrame({"count": [2]}), {"count": "tables.col.count"})
    >>> with language("zh"):
    ...     labelled(frame).columns.tolist(), frame.columns.tolist()
    (['次数（count）'], ['count'])
    >>> with language("en"):
    ...     labelled(frame).columns.tolist()
    ['count']
    """
    names = {}
    for column, key in (frame.attrs.get(HEADERS) or {}).items():
        if column in frame.columns and t(key) != column:
            names[column] = t("tables.header", label=t(key), name=column)
    return frame.rename(columns=names) if names else frame


# Long texts wrap inside their cell instead of being cut with “…” or pushing the table past the
# notebook's width; texts and headers start on the left (JupyterLab centres a table and puts
# its cells on the right), each cell's text from its top.
WRAP_CSS = ("<style>.course-table table{margin-left:0;margin-right:auto}"
            ".course-table .dataframe td,.course-table .dataframe th{white-space:normal;"
            "overflow-wrap:break-word;max-width:40em;text-align:left;vertical-align:top}</style>")


def _headed(frame: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """``frame`` with the index's name moved to the corner cell; whether to show the index."""
    import pandas as pd

    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        return frame, False
    if frame.index.nlevels > 1 or frame.columns.nlevels > 1:
        return frame, True                     # pandas' own layout; see table_html
    corner = frame.index.name or frame.columns.name or t("tables.index")
    return frame.rename_axis(index=None, columns=str(corner)), True


def table_html(frame: pd.DataFrame) -> str:
    """``frame`` as HTML for a notebook, with named headers, in a keyboard-scrollable region.

    Row and column limits are pandas' display options, as in pandas' own notebook view.

    >>> import pandas as pd
    >>> table_html(pd.DataFrame({"a": [1, 2]})).count("<th>")
    1
    """
    import pandas as pd

    if frame.empty:
        return f'<p class="course-table-empty">{html_lib.escape(empty_text(frame))}</p>'
    headed, index = _headed(labelled(frame))
    with pd.option_context("display.max_colwidth", None):     # long texts are shown whole, wrapped
        body = headed.to_html(index=index, notebook=True, max_rows=pd.get_option("display.max_rows"),
                              max_cols=pd.get_option("display.max_columns"),
                              show_dimensions=pd.get_option("display.show_dimensions"))
    if index and (frame.index.nlevels > 1 or frame.columns.nlevels > 1):
        body = body.replace("<th></th>", f'<th><span class="course-table-corner">{html_lib.escape(t("tables.index"))}</span></th>')
    label = html_lib.escape(t("tables.region", rows=len(frame), columns=len(frame.columns)))
    return (f'{WRAP_CSS}<div class="course-table" role="group" tabindex="0" aria-label="{label}" '
            f'style="overflow-x:auto">{body}</div>')


def empty_text(data: pd.DataFrame | pd.Series) -> str:
    """What an empty table or count says instead of pandas' “Empty DataFrame”.

    >>> import pandas as pd
    >>> from course.core.i18n import language
    >>> with language("en"):
    ...     empty_text(pd.Series([], dtype=int))
    '(no rows match)'
    """
    return t("tables.empty")


def _pretty_plain(data: pd.DataFrame | pd.Series, printer, cycle: bool) -> None:
    """IPython's plain-text view of a table or Series (also inside a tuple): the repr, or words when empty."""
    import pandas as pd

    shown = labelled(data) if isinstance(data, pd.DataFrame) else data
    printer.text(empty_text(data) if data.empty else repr(shown))


def install() -> bool:
    """Show every ``DataFrame`` through :func:`table_html` in the running IPython; ``False`` outside one.

    Its plain-text view (what a tuple of tables shows) goes through :func:`_pretty_plain`.
    """
    ipython_module = sys.modules.get("IPython")
    shell = ipython_module.get_ipython() if ipython_module is not None else None
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    for module in ("pandas", "pandas.core.frame"):   # DataFrame.__module__: "pandas" from pandas 3 on
        formatters["text/html"].for_type_by_name(module, "DataFrame", table_html)
        formatters["text/plain"].for_type_by_name(module, "DataFrame", _pretty_plain)
    return True

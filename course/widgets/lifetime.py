"""How long a course widget lives: until the cell that made it runs again.

Widgets live in the kernel until they are closed, so a lesson cell run ten times would keep
ten viewers alive (their models, comms and HTML). :func:`own` is called by each widget
factory with the object it made: the widgets made by an earlier run of the **same cell** are
closed, those shown by other cells stay open. The cell is the one JupyterLab names in the
request it is executing (``cellId`` in the request's metadata); without a kernel, or from a
front end that sends no cell id, the call's arguments stand for the cell.

>>> class Owner:
...     def __init__(self): self.closed = False
...     def close(self): self.closed = True
>>> first, second, other = Owner(), Owner(), Owner()
>>> own(first, "csl", 21) is first
True
>>> _ = own(other, "csl", 47)
>>> _ = own(second, "csl", 21)
>>> first.closed, second.closed, other.closed
(True, False, False)
"""
from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")

_live: dict[tuple[str, str], tuple[str | None, list]] = {}   # (kind, cell) -> (run, owners)


def current_cell() -> tuple[str | None, str | None]:
    """``(cell id, run)`` of the request the kernel is executing; ``(None, None)`` outside one.

    >>> current_cell()          # not in a kernel
    (None, None)
    """
    try:
        from IPython import get_ipython

        shell = get_ipython()
        parent = shell.kernel.get_parent()
    except Exception:     # no IPython, no kernel, or an old kernel: no cell to name
        return None, None
    cell = (parent.get("metadata") or {}).get("cellId")
    # A message id alone may repeat (a client's counter); with the execution count it does not.
    run = f"{(parent.get('header') or {}).get('msg_id')}#{getattr(shell, 'execution_count', '')}"
    return (str(cell), run) if cell else (None, None)


def close(owner: Any) -> None:
    """Close ``owner``: its own ``close()`` if it has one, else every widget inside ``owner.widget``.

    >>> import ipywidgets as widgets
    >>> class Panel:
    ...     widget = widgets.VBox([widgets.HTML("x")])
    >>> close(Panel); Panel.widget.comm is None
    True
    """
    own_close = getattr(owner, "close", None)
    if callable(own_close):
        own_close()
        return
    for widget in widget_tree(getattr(owner, "widget", None)):
        widget.close()


def widget_tree(root: Any) -> list:
    """``root`` and every widget it holds (children, layouts, styles); ``[]`` for no widget.

    >>> import ipywidgets as widgets
    >>> len(widget_tree(widgets.HBox([widgets.HTML()])))     # HBox, HTML, 2 layouts, 1 style
    5
    >>> widget_tree(None)
    []
    """
    from ipywidgets import Widget

    found, stack, seen = [], [root], set()
    while stack:
        widget = stack.pop()
        if not isinstance(widget, Widget) or id(widget) in seen:
            continue
        seen.add(id(widget))
        found.append(widget)
        for name in widget.keys:
            value = getattr(widget, name, None)
            stack.extend(value if isinstance(value, (list, tuple)) else (value,))
    return found


def own(owner: T, *args: Any, **kwargs: Any) -> T:
    """Register ``owner`` as made by the executing cell; close what that cell made in an earlier run.

    Several widgets made by one run of a cell all stay. ``args`` and ``kwargs`` (the factory's
    arguments) name the cell where no cell id is known. Returns ``owner`` (see the module's example).
    """
    cell, run = current_cell()
    key = (type(owner).__name__, cell if cell else "args:" + repr((args, sorted(kwargs.items()))))
    previous_run, owners = _live.get(key, (None, []))
    if run is None or run != previous_run:
        for old in owners:
            if old is not owner:
                close(old)
        owners = []
    _live[key] = (run, [*owners, owner])
    return owner

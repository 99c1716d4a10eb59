"""Sourced figures: each with a value, unit, as-of date, source and reliability (``data/storage-facts.csv``).

Rows whose reliability is ``unconfirmed`` are kept and stay marked: they are never used as facts.

>>> row = figures().loc["wechat_msgs_per_day_2017_09"]
>>> float(row["number"]), row["unit"]
(38.0, 'billion messages/day')
"""
from __future__ import annotations

import pandas as pd

from ..core.tables import RELIABILITY, cached_table, number, read_table

FIGURE_SCHEMA = {"key": "str", "value": "str?", "unit": "str?", "as_of": "str?", "source": "str",
                 "reliability": "in:" + "|".join(RELIABILITY), "note": "str?"}


@cached_table
def figures() -> pd.DataFrame:
    """Sourced figures, indexed by ``key``; ``number`` is the value as a float (NaN if not numeric)."""
    table = read_table("storage-facts.csv", FIGURE_SCHEMA, unique="key")
    table.insert(2, "number", [number(v) for v in table["value"]])
    table["source"] = resolve_same(table["source"].tolist())
    return table.set_index("key", drop=False)


def resolve_same(sources: list[str]) -> list[str]:
    """A source written as “same …” means the last full source above it: write that out.

    >>> resolve_same(["https://a.example/x", "same", "same page"])
    ['https://a.example/x', 'https://a.example/x', 'https://a.example/x']
    """
    resolved, last = [], ""
    for source in sources:
        if source.lower().startswith("same") and last:
            resolved.append(last)
        else:
            resolved.append(source)
            last = source
    return resolved

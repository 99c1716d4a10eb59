"""The sources the course cites: statements, reports, cases, data (``data/sources.csv``).

>>> sources().loc["weixin-statement-2018-01-02", "kind"]
'company statement'
"""
from __future__ import annotations

import pandas as pd

from ..core.tables import RELIABILITY, cached_table, read_table

SOURCE_SCHEMA = {"id": "str", "kind": "str", "title": "str", "url": "str?", "date": "str?",
                 "reliability": "in:" + "|".join(RELIABILITY), "note": "str?"}


@cached_table
def sources() -> pd.DataFrame:
    """Sources the course cites, indexed by ``id``."""
    return read_table("sources.csv", SOURCE_SCHEMA, unique="id").set_index("id", drop=False)

"""Answers as plain JSON data, so that they can be judged outside the learner's process.

A learner's answer is *encoded* where it lives (the notebook's kernel) and *decoded*
where it is judged. Only plain data crosses: numbers, strings, containers, tables.
Any other object arrives as an :class:`Opaque` that names its type, so an object
that claims to equal everything has nothing to claim with. The in-notebook check
goes through the same path, so it behaves exactly like grading.

>>> decode(encode(2.5))
2.5
>>> decode(encode({41, 47})) == {41, 47}
True
>>> class AlwaysEqual:
...     def __eq__(self, other): return True
>>> decode(encode(AlwaysEqual()))
Opaque(type_name='AlwaysEqual')
"""
from __future__ import annotations

import math
from dataclasses import dataclass

MAX_ITEMS = 10_000
MAX_TEXT = 100_000
MAX_DEPTH = 6


@dataclass(frozen=True)
class Opaque:
    """Something that is not plain data: only its type name is kept."""

    type_name: str


def _encode_float(value: float) -> dict:
    if math.isnan(value):
        return {"t": "float", "v": "nan"}
    if math.isinf(value):
        return {"t": "float", "v": "inf" if value > 0 else "-inf"}
    return {"t": "float", "v": value}


def encode(value: object, depth: int = 0) -> dict:
    """Turn an answer into JSON-safe data (see the module docstring)."""
    if depth > MAX_DEPTH:
        return {"t": "opaque", "type": "nested too deep"}
    if value is Ellipsis:
        return {"t": "placeholder"}
    if value is None:
        return {"t": "none"}
    kind = type(value)
    if kind is bool:
        return {"t": "bool", "v": value}
    if kind is int:
        return {"t": "int", "v": value}
    if kind is float:
        return _encode_float(value)
    if isinstance(value, str):
        return {"t": "str", "v": str.__add__("", value)[:MAX_TEXT]}
    numpy_scalar = _numpy_scalar(value)
    if numpy_scalar is not None:
        return numpy_scalar
    if kind in (list, tuple, set, frozenset):
        items = list(value)[:MAX_ITEMS]
        name = {list: "list", tuple: "tuple", set: "set", frozenset: "set"}[kind]
        return {"t": name, "v": [encode(item, depth + 1) for item in items]}
    if kind is dict:
        pairs = list(value.items())[:MAX_ITEMS]
        return {"t": "dict", "v": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in pairs]}
    table = _encode_pandas(value, depth)
    if table is not None:
        return table
    return {"t": "opaque", "type": kind.__name__}


def _numpy_scalar(value):
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with pandas
        return None
    if isinstance(value, np.bool_):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, np.integer):
        return {"t": "int", "v": int(value)}
    if isinstance(value, np.floating):
        return _encode_float(float(value))
    return None


def _encode_pandas(value, depth: int):
    import sys

    pd = sys.modules.get("pandas")
    if pd is None:
        return None
    if isinstance(value, pd.Series):
        series = pd.Series(value)[:MAX_ITEMS]
        return {"t": "series", "name": encode(series.name, depth + 1),
                "index": [encode(i, depth + 1) for i in series.index],
                "v": [encode(v, depth + 1) for v in series.tolist()]}
    if isinstance(value, pd.DataFrame):
        frame = pd.DataFrame(value).iloc[:MAX_ITEMS]
        return {"t": "frame",
                "columns": [encode(c, depth + 1) for c in frame.columns],
                "index": [encode(i, depth + 1) for i in frame.index],
                "v": [[encode(v, depth + 1) for v in row] for row in frame.itertuples(index=False)]}
    return None


def decode(data: dict) -> object:
    """Turn encoded data back into plain Python values (tables into pandas objects)."""
    if not isinstance(data, dict):
        return Opaque("malformed")
    kind = data.get("t")
    value = data.get("v")
    if kind == "placeholder":
        return Ellipsis
    if kind == "none":
        return None
    if kind in ("bool", "int", "str"):
        expected = {"bool": bool, "int": int, "str": str}[kind]
        return value if type(value) is expected else Opaque("malformed")
    if kind == "float":
        return float(value) if isinstance(value, (int, float, str)) else Opaque("malformed")
    if kind in ("list", "tuple", "set"):
        items = [decode(item) for item in value or []]
        if kind == "set":
            try:
                return set(items)
            except TypeError:
                return Opaque("set")
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        try:
            return {decode(k): decode(v) for k, v in value or []}
        except TypeError:
            return Opaque("dict")
    if kind in ("series", "frame"):
        import pandas as pd

        index = [decode(i) for i in data.get("index", [])]
        if kind == "series":
            return pd.Series([decode(v) for v in value or []], index=index,
                             name=decode(data.get("name")))
        columns = [decode(c) for c in data.get("columns", [])]
        rows = [[decode(v) for v in row] for row in value or []]
        return pd.DataFrame(rows, index=index, columns=columns)
    if kind == "results":
        return FunctionResults(tuple(
            ("error", item["error"]) if "error" in item else ("ok", decode(item.get("ok")))
            for item in value or []))
    if kind == "opaque":
        return Opaque(str(data.get("type", "?")))
    return Opaque("malformed")


@dataclass(frozen=True)
class FunctionResults:
    """What a learner's function returned on each test input: ``("ok", value)`` or ``("error", text)``."""

    results: tuple

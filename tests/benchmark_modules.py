"""A benchmark script under ``benchmarks/``, loaded by path, for the tests of its pure parts.

``benchmarks/`` is not a package: its scripts run as ``python benchmarks/x.py``.

>>> load("widget_latency").__name__
'widget_latency'
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name: str) -> ModuleType:
    """The module of ``benchmarks/<name>.py``, registered in ``sys.modules`` as ``name``."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module

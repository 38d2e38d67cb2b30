"""Per-chapter feedback tables: each ``chNN.py`` defines ``CASES`` (rows as in ``test_feedback.py``)
and optionally ``REFERENCES`` (exercise id -> reference implementation that must pass)."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path
from types import ModuleType


def modules() -> list[ModuleType]:
    """Every ``chNN`` module in this folder, in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("ch"))
    return [import_module(f"{__name__}.{n}") for n in names]

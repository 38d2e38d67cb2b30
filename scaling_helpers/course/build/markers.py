"""Cell roles: how a notebook marks answer cells and check cells.

An answer cell carries ``metadata.scaling_helpers = {"role": "answer", "exercise": "1.3"}``
and a check cell ``{"role": "check", "exercise": "1.3"}`` with the source ``check("1.3")``.
The grader also recognises a check cell by its source when the metadata was lost.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["BEGIN", "END", "cell_role", "check_source", "CHECK_RE"]

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
CHECK_RE = re.compile(r"""\bcheck\(\s*["']([0-9A-Za-z._-]+)["']""")


def cell_role(cell: Any) -> tuple[str, str] | None:
    """``(role, exercise id)`` from a cell's metadata, or ``None``."""
    meta = (cell.get("metadata") or {}).get("scaling_helpers")
    if isinstance(meta, dict) and "role" in meta and "exercise" in meta:
        return str(meta["role"]), str(meta["exercise"])
    return None


def check_source(exercise_id: str) -> str:
    """The official source of a check cell."""
    return f'check("{exercise_id}")'

"""Transform: drop the test-runner comments (``# NBVAL_IGNORE_OUTPUT`` and friends) from code cells.

They tell nbval how to compare a cell's output; on a slide or in a handout they are noise.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["strip_test_markers", "MARKER_RE"]

MARKER_RE = re.compile(r"^\s*#\s*NBVAL_[A-Z_]+\s*$")


def strip_test_markers(nb: Any) -> Any:
    """Remove whole-line ``# NBVAL_*`` comments from every code cell (in place; returns ``nb``)."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "NBVAL_" in cell.source:
            cell.source = "\n".join(line for line in cell.source.splitlines() if not MARKER_RE.match(line))
    return nb

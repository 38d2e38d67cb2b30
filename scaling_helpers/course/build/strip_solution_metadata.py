"""Transform: remove solution-only metadata (explanations) from the student copy.

A check cell in ``solutions/`` carries the exercise's explanation in
``metadata.scaling_helpers.explanation``: the idea to take away, which may state the answer.
The student copy keeps only the cell's role and exercise id.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SOLUTION_ONLY_KEYS", "strip_solution_metadata"]

#: Keys of ``metadata.scaling_helpers`` that exist only in the solutions.
SOLUTION_ONLY_KEYS = ("explanation", "key")


def strip_solution_metadata(nb: Any) -> Any:
    """Drop :data:`SOLUTION_ONLY_KEYS` from every cell's ``scaling_helpers`` metadata (in place)."""
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("scaling_helpers")
        if isinstance(meta, dict):
            for key in SOLUTION_ONLY_KEYS:
                meta.pop(key, None)
    return nb

"""Transform: remove outputs, execution counts and run timings (student copies start clean)."""

from __future__ import annotations

from typing import Any

__all__ = ["clear_outputs"]


def clear_outputs(nb: Any) -> Any:
    """Clear outputs, execution counts, run timings and widget state of ``nb`` (in place; returns ``nb``).

    The timings (``metadata.execution``) would change the student copy at every rebuild of the solutions.
    """
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    return nb

"""Transform: remove outputs and execution counts (student copies start clean)."""

from __future__ import annotations

from typing import Any

__all__ = ["clear_outputs"]


def clear_outputs(nb: Any) -> Any:
    """Clear outputs, execution counts and widget state of ``nb`` (in place; returns ``nb``)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    return nb

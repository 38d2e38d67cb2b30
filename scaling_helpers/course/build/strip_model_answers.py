"""Transform: replace the model answer of every written item by a placeholder in the student copy.

A written item's markdown cell (metadata ``scaling_helpers.written = "3.w1"``) holds the model
answer in ``solutions/``. The student copy keeps the cell and its metadata (the grader finds the
student's answer by it) and shows ``*Write your answer here (40–250 words).*`` with the word
range from the spec.
"""

from __future__ import annotations

from typing import Any

from ..check.written import MARKER, placeholder
from ..specs import all_written

__all__ = ["strip_model_answers"]


def strip_model_answers(nb: Any) -> Any:
    """Replace every written cell's source by its placeholder (in place; returns ``nb``).

    Raises
    ------
    ValueError
        If a written cell names an item no spec defines (its model answer would otherwise ship).
    """
    items = all_written()
    for i, cell in enumerate(nb.cells):
        meta = (cell.get("metadata") or {}).get("scaling_helpers")
        if not isinstance(meta, dict) or MARKER not in meta:
            continue
        item = items.get(str(meta[MARKER]))
        if item is None:
            raise ValueError(f"cell {i}: written item {meta[MARKER]!r} has no spec; its model answer would leak")
        cell.source = placeholder(item)
        cell.pop("attachments", None)
    return nb

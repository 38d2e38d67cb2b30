"""Transform: on a slide, show a quick check's widget but not the code that builds it.

A ``quick_check(question, options, answer=..., feedback=[...])`` cell is ten lines of strings
that repeat the widget below it, and name the right answer. In the deck only its saved widget
view is shown (nbconvert's ``metadata.transient.remove_source``); the handout keeps the code.
"""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode

__all__ = ["hide_quiz_source", "is_quiz_cell"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def is_quiz_cell(cell: Any) -> bool:
    """True for a code cell that only calls ``quick_check(...)`` and shows a widget."""
    return (cell.get("cell_type") == "code" and cell.get("source", "").lstrip().startswith("quick_check(")
            and any(WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", [])))


def hide_quiz_source(nb: Any) -> Any:
    """Hide the source of every quick-check cell in the slide copy (in place; returns ``nb``)."""
    for cell in nb.cells:
        if is_quiz_cell(cell):
            cell.metadata.setdefault("transient", NotebookNode())["remove_source"] = True
    return nb

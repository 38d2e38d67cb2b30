"""Transform: on a slide, show a quick check's widget but not the code that builds it.

A lecture's quick-check cell is ``quiz("1.a")`` (the data live in :mod:`scaling_helpers.quizzes`);
an ad-hoc one is ``quick_check(question, options, answer=..., feedback=[...])``. Either repeats
the widget below it, so in the deck only its saved widget view is shown (nbconvert's
``metadata.transient.remove_source``); the handout keeps the code.
"""

from __future__ import annotations

import re
from typing import Any

from nbformat import NotebookNode

__all__ = ["hide_quiz_source", "is_quiz_cell"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: A cell whose whole source is one ``quiz("<id>")`` call, or that starts with ``quick_check(``.
QUIZ_SOURCE = re.compile(r"""\s*(quiz\(\s*(["'])[^"'\n]+\2\s*\)\s*|quick_check\(.*)""", re.S)


def is_quiz_cell(cell: Any) -> bool:
    """True for a code cell that only calls ``quiz(...)`` or ``quick_check(...)`` and shows a widget."""
    return (cell.get("cell_type") == "code" and QUIZ_SOURCE.fullmatch(cell.get("source", "")) is not None
            and any(WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", [])))


def hide_quiz_source(nb: Any) -> Any:
    """Hide the source of every quick-check cell in the slide copy (in place; returns ``nb``)."""
    for cell in nb.cells:
        if is_quiz_cell(cell):
            cell.metadata.setdefault("transient", NotebookNode())["remove_source"] = True
    return nb

"""Transform: leave the setup cell (imports, ``use_course_style()``) out of the slides.

A lecture notebook opens with a code cell of imports; on the title slide it is clutter. A code cell
with no outputs whose statements are all imports or bare calls (``use_course_style()``) gets
``slideshow.slide_type = "skip"``. The handout keeps it. A cell that already has ``slideshow``
metadata is left alone: the author's choice wins.
"""

from __future__ import annotations

import ast
from typing import Any

from nbformat import NotebookNode

__all__ = ["skip_setup", "is_setup_cell"]


def is_setup_cell(cell: Any) -> bool:
    """True for a code cell without outputs made only of imports and bare function calls."""
    if cell.get("cell_type") != "code" or cell.get("outputs") or not cell.get("source", "").strip():
        return False
    try:
        tree = ast.parse(cell["source"])
    except SyntaxError:
        return False
    has_import = False
    for stmt in tree.body:
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            has_import = True
        elif not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and not stmt.value.args
                  and not stmt.value.keywords):
            return False
    return has_import


def skip_setup(nb: Any) -> Any:
    """Mark setup cells ``skip`` unless they carry ``slideshow`` metadata (in place; returns ``nb``)."""
    for cell in nb.cells:
        if "slideshow" not in cell.metadata and is_setup_cell(cell):
            cell.metadata["slideshow"] = NotebookNode(slide_type="skip")
    return nb

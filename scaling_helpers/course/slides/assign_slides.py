"""Transform: choose each cell's ``slideshow.slide_type`` from the narrative structure.

Rules, in order (for a cell without ``slideshow`` metadata: an authored choice always wins):

1. The first shown cell (the chapter title) starts the title slide.
2. A markdown cell whose first line is a ``#``/``## `` heading starts a slide; ``### `` a sub-slide.
3. Code cells and their outputs stay on the slide of the narrative that introduces them.
4. A slide that gets too long continues on a sub-slide: when the cells so far plus this one
   (plus, for a markdown cell, the code cell right after it: the two keep together) would exceed
   :data:`~.sizes.SLIDE_BUDGET` lines, this cell starts a sub-slide. A code cell right after a
   markdown cell stays with the text that introduces it, unless the two could not share a slide
   even on their own and the text fills at least a quarter of one.
5. Everything else continues the current slide (``"-"``).

``skip`` and ``notes`` cells take no room. Run :mod:`.split_cells` first so that inner headings
and long cells are separate cells.
"""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode

from .sizes import SLIDE_BUDGET, cell_lines, widget_state

__all__ = ["assign_slides", "heading_level", "slide_type_of"]

STARTS = {"slide", "subslide"}
HIDDEN = {"skip", "notes"}


def heading_level(cell: Any) -> int:
    """1-6 if a markdown cell's first non-blank line is an ATX heading, else 0."""
    if cell.get("cell_type") != "markdown":
        return 0
    for line in cell.get("source", "").splitlines():
        if line.strip():
            hashes = len(line) - len(line.lstrip("#"))
            return hashes if 0 < hashes <= 6 and line[hashes:hashes + 1] == " " else 0
    return 0


def slide_type_of(cell: Any) -> str | None:
    """The authored ``slideshow.slide_type`` of a cell, or ``None``."""
    meta = cell.get("metadata", {}).get("slideshow")
    return meta.get("slide_type") if isinstance(meta, dict) and meta.get("slide_type") else None


def _may_start(cell: Any, previous: Any, previous_size: float, size: float, budget: float) -> bool:
    """Whether ``cell`` may begin a continuation sub-slide (rule 4); ``previous`` is the last shown cell."""
    if cell.cell_type != "code" or previous is None or previous.cell_type != "markdown":
        return True
    return previous_size + size > budget and previous_size >= budget / 4


def assign_slides(nb: Any, budget: float = SLIDE_BUDGET) -> Any:
    """Set ``slideshow.slide_type`` on every cell that has none (in place; returns ``nb``)."""
    used = 0.0  # estimated lines on the current (sub-)slide
    started = False  # has the title slide begun?
    previous_shown: Any = None
    previous_size = 0.0
    widgets = widget_state(nb)
    shown = [c for c in nb.cells if slide_type_of(c) not in HIDDEN]
    following = {id(a): b for a, b in zip(shown, shown[1:], strict=False)}
    for cell in nb.cells:
        authored = slide_type_of(cell)
        size = cell_lines(cell, widgets)
        nxt = following.get(id(cell))
        keep_with = cell_lines(nxt, widgets) if (cell.cell_type == "markdown" and nxt is not None
                                                 and nxt.cell_type == "code" and slide_type_of(nxt) is None) else 0.0
        if authored is not None:
            kind = authored
        elif not started:
            kind = "slide"
        elif heading_level(cell) in (1, 2):
            kind = "slide"
        elif heading_level(cell) == 3:
            kind = "subslide"
        elif used > 0 and used + size + keep_with > budget and _may_start(cell, previous_shown, previous_size, size, budget):
            kind = "subslide"
        else:
            kind = "-"
        if authored is None:
            cell.metadata["slideshow"] = NotebookNode(slide_type=kind)
        if kind in HIDDEN:
            continue
        started = True
        used = size if kind in STARTS else used + size
        previous_shown, previous_size = cell, size
    return nb

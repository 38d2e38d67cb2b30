"""Transform: the notebook's plan, a table of every item with its level, time and points.

Written (or refreshed) right after the title cell of a solutions notebook and therefore of its
student copy: one markdown cell with metadata ``scaling_helpers.role = "plan"``, generated from
the specs (graded exercises and written items) on every build, so it is never stale. Running it
twice gives the same notebook.
"""

from __future__ import annotations

import re
from typing import Any

import nbformat

from ..specs import for_chapter, written_for_chapter
from .markers import CHECK_RE

__all__ = ["PLAN_CELL_ID", "PLAN_ROLE", "add_plan", "format_minutes", "plan_markdown"]

PLAN_ROLE = "plan"
#: Fixed cell id, so that rebuilding never changes the notebook.
PLAN_CELL_ID = "course-plan"

_TITLE = re.compile(r"^\s*#\s")


def format_minutes(minutes: int) -> str:
    """``"45 min"``, ``"1 h"``, ``"1 h 25 min"``."""
    h, m = divmod(int(minutes), 60)
    if not h:
        return f"{m} min"
    return f"{h} h" + (f" {m} min" if m else "")


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ").strip()


def _order(nb: Any) -> dict[str, int]:
    """Item id -> position of its check cell in the notebook."""
    pos: dict[str, int] = {}
    for i, cell in enumerate(nb.cells):
        if cell.get("cell_type") == "code":
            for ex_id in CHECK_RE.findall(cell.get("source", "")):
                pos.setdefault(ex_id, i)
    return pos


def plan_markdown(stem: str, nb: Any | None = None) -> str:
    """The plan of chapter ``stem`` as markdown (items in the order of their check cells in ``nb``)."""
    rows = [(ex.id, ex.title, ex.level, ex.minutes, ex.points, "automatically") for ex in for_chapter(stem)]
    rows += [(w.id, w.title, w.level, w.minutes, w.points, "by your instructor (rubric)")
             for w in written_for_chapter(stem)]
    if nb is not None:
        pos = _order(nb)
        spec_order = {r[0]: k for k, r in enumerate(rows)}
        rows.sort(key=lambda r: (pos.get(r[0], len(nb.cells)), spec_order[r[0]]))
    core = [r for r in rows if r[2] == "core"]
    auto = sum(r[4] for r in rows if r[5] == "automatically")
    by_hand = sum(r[4] for r in rows) - auto
    lines = ["**Plan.** Every item with its level (*core* for everyone, *stretch* for more), the time a strong "
             "student needs and its points.", "",
             "| Item | What | Level | Time | Points | Marked |", "|---|---|---|---|---|---|"]
    lines += [f"| {i} | {_cell(t)} | {lev} | {format_minutes(m)} | {p} | {how} |" for i, t, lev, m, p, how in rows]
    marked = f" ({auto} checked automatically, {by_hand} marked by your instructor)" if by_hand else ""
    core_text = f"about {format_minutes(sum(r[3] for r in core))}, {sum(r[4] for r in core)} points"
    if len(core) == len(rows):
        total = f"**Core (every item):** {core_text}{marked}."
    else:
        total = (f"**Core:** {core_text}. **With stretch:** about {format_minutes(sum(r[3] for r in rows))}, "
                 f"{sum(r[4] for r in rows)} points{marked}.")
    lines += ["", total]
    return "\n".join(lines)


def _is_plan(cell: Any) -> bool:
    meta = (cell.get("metadata") or {}).get("scaling_helpers")
    return isinstance(meta, dict) and meta.get("role") == PLAN_ROLE


def add_plan(nb: Any, stem: str) -> Any:
    """Write or refresh the plan cell right after the title cell (in place; returns ``nb``)."""
    old = [c for c in nb.cells if _is_plan(c)]
    cells = [c for c in nb.cells if not _is_plan(c)]
    nb.cells = cells
    source = plan_markdown(stem, nb)
    if old:
        cell = old[0]
        cell.source = source
    else:
        cell = nbformat.v4.new_markdown_cell(source)
        if int(nb.get("nbformat_minor", 0) or 0) >= 5 and nb.get("nbformat", 4) == 4:
            taken = {c.get("id") for c in cells}
            cell["id"] = PLAN_CELL_ID if PLAN_CELL_ID not in taken else f"{PLAN_CELL_ID}-{len(taken)}"
        else:
            cell.pop("id", None)
    cell.metadata = nbformat.NotebookNode({"scaling_helpers": {"role": PLAN_ROLE}})
    title = next((i for i, c in enumerate(cells[:3]) if c.get("cell_type") == "markdown"
                  and _TITLE.match(c.get("source", ""))), None)
    cells.insert(0 if title is None else title + 1, cell)
    return nb

"""Transform: check that a solutions notebook is well formed before anything is written.

Every exercise of the chapter has exactly one answer cell and one official check cell (with
the official source), in that order; no id appears that the specs do not know. Every written
item of the chapter (``WRITTEN``) has exactly one markdown cell marked with its id (holding the
model answer), and the next code cell after it is ``check("N.w1")``.
"""

from __future__ import annotations

from typing import Any

from ..check.written import MARKER
from ..specs import for_chapter, written_for_chapter
from .markers import cell_role, check_source

__all__ = ["validate_solutions"]


def _written_problems(nb: Any, stem: str) -> list[str]:
    problems: list[str] = []
    known = {w.id for w in written_for_chapter(stem)}
    where: dict[str, list[int]] = {}
    for i, cell in enumerate(nb.cells):
        meta = (cell.get("metadata") or {}).get("scaling_helpers")
        if not isinstance(meta, dict) or MARKER not in meta:
            continue
        wid = str(meta[MARKER])
        if cell.get("cell_type") != "markdown":
            problems.append(f"cell {i}: written item {wid} must be a markdown cell")
            continue
        if wid not in known:
            problems.append(f"cell {i}: written item {wid} is not in WRITTEN of chapter {stem}")
            continue
        where.setdefault(wid, []).append(i)
        nxt = next((j for j in range(i + 1, len(nb.cells)) if nb.cells[j].get("cell_type") == "code"), None)
        if nxt is None or nb.cells[nxt].source.strip() != check_source(wid):
            problems.append(f"cell {i}: the next code cell after written item {wid} must be {check_source(wid)}")
    for wid in sorted(known):
        n = len(where.get(wid, []))
        if n != 1:
            problems.append(f"written item {wid}: {n} markdown cell(s) marked with it; need exactly 1")
    return problems


def validate_solutions(nb: Any, stem: str) -> Any:
    """Raise ``ValueError`` listing every problem found; return ``nb`` unchanged otherwise."""
    problems: list[str] = []
    where: dict[tuple[str, str], list[int]] = {}
    for i, cell in enumerate(nb.cells):
        role = cell_role(cell)
        if role:
            where.setdefault(role, []).append(i)
            if role[0] == "check" and cell.source.strip() != check_source(role[1]):
                problems.append(f"cell {i}: check cell for {role[1]} must be exactly {check_source(role[1])}")
    known = {ex.id for ex in for_chapter(stem)}
    written = {w.id for w in written_for_chapter(stem)}
    for (role_name, ex_id), cells in where.items():
        if ex_id in written and role_name == "check":
            continue  # a written item's check cell may carry the check role
        if ex_id not in known:
            problems.append(f"cells {cells}: exercise {ex_id} has no spec in chapter {stem}")
    for ex_id in sorted(known):
        a, c = where.get(("answer", ex_id), []), where.get(("check", ex_id), [])
        if len(a) != 1 or len(c) != 1:
            problems.append(f"exercise {ex_id}: {len(a)} answer cell(s) and {len(c)} check cell(s); need 1 each")
        elif a[0] > c[0]:
            problems.append(f"exercise {ex_id}: the check cell comes before the answer cell")
    problems += _written_problems(nb, stem)
    if problems:
        raise ValueError(f"solutions/{stem}.ipynb is malformed:\n  " + "\n  ".join(problems))
    return nb

"""Transform: check that a solutions notebook is well formed before anything is written.

Every exercise of the chapter has exactly one answer cell and one official check cell (with
the official source), in that order; no id appears that the specs do not know.
"""

from __future__ import annotations

from typing import Any

from ..specs import for_chapter
from .markers import cell_role, check_source

__all__ = ["validate_solutions"]


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
    for (_role, ex_id), cells in where.items():
        if ex_id not in known:
            problems.append(f"cells {cells}: exercise {ex_id} has no spec in chapter {stem}")
    for ex_id in sorted(known):
        a, c = where.get(("answer", ex_id), []), where.get(("check", ex_id), [])
        if len(a) != 1 or len(c) != 1:
            problems.append(f"exercise {ex_id}: {len(a)} answer cell(s) and {len(c)} check cell(s); need 1 each")
        elif a[0] > c[0]:
            problems.append(f"exercise {ex_id}: the check cell comes before the answer cell")
    if problems:
        raise ValueError(f"solutions/{stem}.ipynb is malformed:\n  " + "\n  ".join(problems))
    return nb

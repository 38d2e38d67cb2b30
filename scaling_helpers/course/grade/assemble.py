"""Transform 4: build the graded copy of a submission.

Official check cells (source and expected output, tagged for nbval's lax mode) replace the
student's check cells wherever they are; a deleted check cell is restored after its answer
cell; duplicates are dropped; student outputs are cleared (they are re-created by running).
The submission object itself is not modified: the copy is a new notebook.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field
from typing import Any

import nbformat

from ..build.markers import CHECK_RE, cell_role
from ..specs import Exercise
from .official import OfficialCheck

__all__ = ["Assembly", "assemble"]

NBVAL_TAG = "nbval-check-output"


@dataclass
class Assembly:
    """The graded copy and what was done to build it."""

    nb: Any
    """The notebook to run under nbval."""
    check_cell: dict[str, int] = field(default_factory=dict)
    """Exercise id -> index of its official check cell among the copy's *code* cells."""
    check_pos: dict[str, int] = field(default_factory=dict)
    """Exercise id -> index of its official check cell among all the copy's cells."""
    flags: dict[str, list[str]] = field(default_factory=dict)
    """Exercise id -> integrity notes."""
    no_credit: set[str] = field(default_factory=set)
    """Exercises that get no credit whatever the run says (edited check cell)."""


def _norm(src: str) -> str:
    return "".join(src.split())


def _check_ids(cell: Any) -> list[str]:
    role = cell_role(cell)
    if role and role[0] == "check":
        return [role[1]]
    if cell.get("cell_type") == "code":
        return CHECK_RE.findall(cell.get("source", ""))
    return []


def _assigns(cell: Any, name: str) -> bool:
    try:
        tree = ast.parse(cell.get("source", ""))
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return True
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(n, ast.Name) and n.id == name for t in targets for n in ast.walk(t)):
                return True
    return False


def _official_cell(chk: OfficialCheck) -> Any:
    cell = nbformat.v4.new_code_cell(chk.source)
    cell.outputs = copy.deepcopy(chk.outputs)
    cell.execution_count = 1  # nbval only compares cells that have been run
    cell.metadata["tags"] = [NBVAL_TAG]
    cell.metadata["scaling_helpers"] = {"role": "check", "exercise": chk.exercise}
    return cell


def assemble(sub: Any, official: list[OfficialCheck], specs: dict[str, Exercise]) -> Assembly:
    """Build the graded copy of ``sub`` (not modified)."""
    cells: list[Any] = []
    seen: set[str] = set()
    flags: dict[str, list[str]] = {c.exercise: [] for c in official}
    no_credit: set[str] = set()
    by_id = {c.exercise: c for c in official}
    for cell in sub.cells:
        ids = [i for i in _check_ids(cell) if i in by_id]
        if not ids:
            c = copy.deepcopy(cell)
            if c.get("cell_type") == "code":
                c.outputs, c.execution_count = [], None
                c.metadata.pop("tags", None)
            cells.append(c)
            continue
        ex_id = ids[0]
        if ex_id in seen:
            flags[ex_id].append("duplicated check cell removed (only the first one counts)")
            continue
        seen.add(ex_id)
        if _norm(cell.source) != _norm(by_id[ex_id].source):
            flags[ex_id].append(f"check cell was edited (found {cell.source.strip()[:60]!r}); no credit")
            no_credit.add(ex_id)
        cells.append(_official_cell(by_id[ex_id]))
    # Restore deleted check cells after the answer cell (by metadata, else by assignment).
    for chk in official:
        if chk.exercise in seen:
            continue
        spec = specs.get(chk.exercise)
        pos = None
        for i, c in enumerate(cells):
            role = cell_role(c)
            if role == ("answer", chk.exercise) or (spec and c.get("cell_type") == "code" and _assigns(c, spec.name)):
                pos = i
        where = f"after cell {pos}" if pos is not None else "at the end"
        flags[chk.exercise].append(f"check cell was missing; the official one was restored {where}")
        cells.insert(pos + 1 if pos is not None else len(cells), _official_cell(chk))
    nb = copy.deepcopy(sub)
    nb.cells = cells
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata.pop("widgets", None)
    asm = Assembly(nb=nb, flags=flags, no_credit=no_credit)
    code_i = 0
    for i, c in enumerate(cells):
        if c.get("cell_type") != "code":
            continue
        role = cell_role(c)
        if role and role[0] == "check" and NBVAL_TAG in c.metadata.get("tags", []):
            asm.check_cell[role[1]] = code_i
            asm.check_pos[role[1]] = i
        code_i += 1
    # Moved check cells: note when a check now runs before its answer is defined.
    for ex_id, pos in asm.check_pos.items():
        spec = specs.get(ex_id)
        if spec and not any(_assigns(c, spec.name) or cell_role(c) == ("answer", ex_id) for c in cells[:pos]):
            flags[ex_id].append("check cell comes before any cell defining the answer (moved?)")
    return asm

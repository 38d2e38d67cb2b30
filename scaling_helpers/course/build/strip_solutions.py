"""Transform: replace every ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` block by a stub.

An indented block (inside a function) becomes ``...  # YOUR CODE HERE`` so the function
returns Ellipsis and the checker says "no answer yet". A block at column 0 in an answer cell
becomes ``<answer variable> = ...  # YOUR ANSWER HERE``, using the exercise's spec.
"""

from __future__ import annotations

from typing import Any

from ..specs import all_exercises
from .markers import BEGIN, END, cell_role

__all__ = ["strip_solutions", "strip_source"]


def strip_source(source: str, answer_name: str | None) -> str:
    """Return ``source`` with solution blocks replaced by stubs.

    Raises
    ------
    ValueError
        For an unterminated or nested block, which would leak solution code.
    """
    out: list[str] = []
    inside = False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith(BEGIN):
            if inside:
                raise ValueError("nested ### BEGIN SOLUTION")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            if indent or not answer_name:
                out.append(f"{indent}...  # YOUR CODE HERE")
            else:
                out.append(f"{answer_name} = ...  # YOUR ANSWER HERE")
            continue
        if stripped.startswith(END):
            if not inside:
                raise ValueError("### END SOLUTION without BEGIN")
            inside = False
            continue
        if not inside:
            out.append(line)
    if inside:
        raise ValueError("unterminated ### BEGIN SOLUTION block")
    return "\n".join(out)


def strip_solutions(nb: Any) -> Any:
    """Strip solution blocks from every code cell of ``nb`` (in place; returns ``nb``)."""
    specs = all_exercises()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        role = cell_role(cell)
        name = specs[role[1]].name if role and role[1] in specs else None
        if BEGIN in cell.source:
            cell.source = strip_source(cell.source, name)
    return nb

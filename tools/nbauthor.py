"""Tiny authoring helper: build a notebook from a list of (kind, source[, metadata]) tuples.

Used only by maintainers to create a notebook's first version; afterwards the notebook itself
is the source (edit it in JupyterLab), and ``python -m scaling_helpers.build`` re-executes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def make(cells: list[tuple[Any, ...]], path: Path) -> None:
    """Write the notebook ``cells`` to ``path`` (unexecuted)."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, item in enumerate(cells):
        kind, src = item[0], item[1].strip("\n")
        meta = item[2] if len(item) > 2 else {}
        cell = new_markdown_cell(src) if kind == "md" else new_code_cell(src)
        cell.metadata.update(meta)
        cell.id = f"c{i:03d}"
        nb.cells.append(cell)
    nbformat.write(nb, str(path))


def answer(ex: str) -> dict[str, Any]:
    """Metadata of an answer cell."""
    return {"scaling_helpers": {"role": "answer", "exercise": ex}}


def checkcell(ex: str, explanation: str = "") -> tuple[str, str, dict[str, Any]]:
    """An official check cell; ``explanation`` (shown with a correct answer) is stored in its metadata."""
    meta: dict[str, Any] = {"role": "check", "exercise": ex}
    if explanation:
        meta["explanation"] = explanation
    return ("code", f'check("{ex}")', {"scaling_helpers": meta, "editable": False, "deletable": False})

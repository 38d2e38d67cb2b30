"""Transform 2: read the official check cells (source and expected output) from the solutions."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from ..build.markers import CHECK_RE, cell_role
from ..specs import CHAPTERS, chapter_of, written_for_chapter

__all__ = ["OfficialCheck", "load_official", "load_answer_keys", "detect_chapter"]


@dataclass(frozen=True)
class OfficialCheck:
    """One check cell as the solutions have it."""

    exercise: str
    """Exercise id."""
    source: str
    """The official source, e.g. ``check("1.3")``."""
    outputs: list[Any]
    """The stored outputs of the solution run (the expected verdict line), keys removed."""


def load_official(solutions: Path, stem: str) -> list[OfficialCheck]:
    """The official check cells of chapter ``stem``, in notebook order (written items have none:
    their check cells judge nothing)."""
    path = solutions / f"{stem}.ipynb"
    if not path.is_file():
        raise FileNotFoundError(f"no solutions notebook {path}; pass --solutions DIR holding {stem}.ipynb")
    nb = nbformat.read(path, as_version=4)
    out: list[OfficialCheck] = []
    written = {w.id for w in written_for_chapter(stem)}
    for cell in nb.cells:
        role = cell_role(cell)
        if role and role[0] == "check" and role[1] not in written:
            outputs = copy.deepcopy(cell.outputs)
            for o in outputs:
                (o.get("metadata") or {}).pop("scaling_helpers", None)
            if not outputs:
                raise ValueError(f"{path}: check cell {role[1]} has no stored output; run the build command")
            out.append(OfficialCheck(role[1], cell.source.strip(), outputs))
    return out


def load_answer_keys(solutions: Path, stem: str) -> dict[str, dict[str, Any]]:
    """Exercise id -> ``{"key": ..., "explanation": ...}`` from chapter ``stem``'s solutions.

    Read by the grader's own process only; the keys never enter a student's kernel.

    Raises
    ------
    FileNotFoundError, ValueError
        If the notebook is missing, unreadable, or a check cell has no recorded key.
    """
    from ..check.keys import read_keys

    path = solutions / f"{stem}.ipynb"
    if not path.is_file():
        raise FileNotFoundError(f"no solutions notebook {path}; pass --solutions DIR holding {stem}.ipynb")
    keys, explanations = read_keys(path)
    out = {ex: {"key": k, "explanation": explanations.get(ex, "")} for ex, k in keys.items()}
    for chk in load_official(solutions, stem):
        if chk.exercise not in out:
            raise ValueError(f"{path}: check cell {chk.exercise} has no recorded key; run the build command")
    return out


def detect_chapter(nb: Any, filename: str) -> str | None:
    """The chapter a submission belongs to: from its file name, else from its check cells."""
    stem = Path(filename).stem
    for known in CHAPTERS:
        if stem == known or stem.startswith(known) or known in stem:
            return known
    for cell in nb.cells:
        role = cell_role(cell)
        ids = [role[1]] if role else CHECK_RE.findall(cell.get("source", ""))
        for ex_id in ids:
            try:
                return chapter_of(ex_id)
            except KeyError:
                continue
    return None

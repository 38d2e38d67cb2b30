"""Build submission fixtures from the solutions notebook (variants a student might hand in)."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import nbformat

from scaling_helpers.course.specs import for_chapter

from ..conftest import EXERCISES, SOLUTIONS

STEM = "01_power_laws"
#: The chapter's graded items, their points and the automatic maximum (from the specs).
IDS = [e.id for e in for_chapter(STEM)]
POINTS = {e.id: e.points for e in for_chapter(STEM)}
AUTO = sum(POINTS.values())


def solution() -> nbformat.NotebookNode:
    return nbformat.read(SOLUTIONS / f"{STEM}.ipynb", as_version=4)


def blank() -> nbformat.NotebookNode:
    return nbformat.read(EXERCISES / f"{STEM}.ipynb", as_version=4)


def cell_index(nb: nbformat.NotebookNode, role: str, ex: str) -> int:
    for i, c in enumerate(nb.cells):
        meta = c.metadata.get("scaling_helpers", {})
        if meta.get("role") == role and meta.get("exercise") == ex:
            return i
    raise KeyError((role, ex))


def set_answer(nb: nbformat.NotebookNode, ex: str, source: str) -> nbformat.NotebookNode:
    nb = copy.deepcopy(nb)
    nb.cells[cell_index(nb, "answer", ex)].source = source
    return nb


def write(nb: nbformat.NotebookNode, path: Path) -> Path:
    nbformat.write(nb, str(path))
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def by_id(report) -> dict:
    return {i.exercise: i for i in report.items}

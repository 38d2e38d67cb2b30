"""Written answers (marked by a person with a rubric): the text rules shared by build, check and grader.

A written item (:class:`~scaling_helpers.course.specs.Written`) lives in a markdown cell whose
metadata is ``{"scaling_helpers": {"written": "3.w1"}}``. The solutions hold the model answer
there; the student copy holds :func:`placeholder`. Everything here reads notebook *files* or
plain dictionaries: nothing runs student code, so the grader uses the same functions to collect
the answers statically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .. import specs
from ..specs.model import Written

__all__ = ["MARKER", "answer_text", "count_words", "line", "placeholder", "rubric_lines", "written_cells",
           "written_chapter", "written_item"]

#: Key of ``metadata.scaling_helpers`` naming the written item a markdown cell answers.
MARKER = "written"

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_PLACEHOLDER = re.compile(r"\*Write your answer here \(\d+\s*[–-]\s*\d+ words\)\.\*")


def placeholder(item: Written) -> str:
    """The text a student copy shows in place of the model answer."""
    return f"*Write your answer here ({item.min_words}–{item.max_words} words).*"


def answer_text(source: Any) -> str:
    """The student's own text in a written cell: the source without the placeholder, stripped."""
    text = "".join(source) if isinstance(source, list) else source if isinstance(source, str) else ""
    return _PLACEHOLDER.sub("", text).strip()


def count_words(text: str) -> int:
    """Words in ``text`` (runs of letters and digits; ``C = 6ND`` is two words, ``compute-optimal`` one)."""
    return len(_WORD.findall(text or ""))


def written_item(item_id: str) -> Written:
    """The spec of one written item; ``KeyError`` if the id is unknown."""
    return specs.all_written()[item_id]


def written_chapter(item_id: str) -> str:
    """The chapter stem a written item belongs to; ``KeyError`` if no chapter has it."""
    for stem in specs.CHAPTERS:
        if any(w.id == item_id for w in specs.written_for_chapter(stem)):
            return stem
    raise KeyError(item_id)


def line(item: Written) -> str:
    """The deterministic line ``check`` prints for a written item, whatever the student wrote."""
    return f"[{item.id}] written answer: marked by your instructor with a rubric ({item.points} points)"


def rubric_lines(item: Written) -> list[str]:
    """The rubric as ``"2 points: names the fixed budget"`` lines."""
    return [f"{c.points} point{'s' if c.points != 1 else ''}: {c.text}" for c in item.rubric]


def _cells(nb: Any) -> Iterable[Any]:
    cells = nb.get("cells") if isinstance(nb, dict) else getattr(nb, "cells", None)
    return cells if isinstance(cells, list) else []


def written_cells(nb: Any) -> dict[str, list[str]]:
    """Written item id -> the sources of the markdown cells marked with it, in order.

    ``nb`` is a notebook as parsed JSON (a dict) or an ``nbformat`` node. Malformed cells are
    skipped, never raise.
    """
    out: dict[str, list[str]] = {}
    for cell in _cells(nb):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        meta = cell.get("metadata")
        meta = meta.get("scaling_helpers") if isinstance(meta, dict) else None
        if not isinstance(meta, dict) or not isinstance(meta.get(MARKER), str):
            continue
        src = cell.get("source", "")
        src = "".join(s for s in src if isinstance(s, str)) if isinstance(src, list) else src
        out.setdefault(meta[MARKER], []).append(src if isinstance(src, str) else "")
    return out

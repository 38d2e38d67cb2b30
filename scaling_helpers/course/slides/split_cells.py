"""Transform: split markdown cells at their inner headings, and over-long ones between paragraphs.

A lecture cell often carries two things: the comment on the previous figure, then the next
section's ``## `` heading; or "Common mistakes", "## Summary" and "## References" in one cell.
Slides are chosen per cell, so a ``## ``/``### `` heading inside a cell starts a new cell here;
a piece that is still longer than a slide is cut between paragraphs, or between the items of a
long list (never inside a fenced code block, a ``$$`` display or a paragraph). Only the slide
copy is split.

A cell that introduces a code cell leaves room for it. A cell with authored ``slideshow``
metadata is cut for length only, not at its inner headings: the author chose where its slide
begins. The first piece keeps the cell's metadata; later pieces get none, so
:mod:`.assign_slides` decides their slide type, and ids ``<id>-2``, ...
"""

from __future__ import annotations

import copy
import re
from typing import Any

from nbformat import NotebookNode

from .sizes import SLIDE_BUDGET, cell_lines, markdown_lines, widget_state

__all__ = ["split_cells", "split_markdown"]

HEADING_RE = re.compile(r"^#{1,3} \S")
LIST_RE = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s")


def _blocks(source: str) -> list[list[str]]:
    """Paragraph blocks (lists of lines) separated by blank lines outside fences and ``$$`` displays.

    A heading line always starts a new block; a list stays in one block with the paragraph that
    introduces it ("After this chapter you can" + the objectives).
    """
    blocks: list[list[str]] = [[]]
    fence = math = False
    for line in source.splitlines():
        stripped = line.strip()
        if not fence and not math:
            if not stripped:
                blocks.append([])
                continue
            if HEADING_RE.match(line) and blocks[-1]:
                blocks.append([])
        blocks[-1].append(line)
        if stripped.startswith(("```", "~~~")):
            fence = not fence
        elif not fence and stripped.count("$$") % 2 == 1:
            math = not math
    merged: list[list[str]] = []
    for block in (b for b in blocks if b):
        if merged and LIST_RE.match(block[0]) and not LIST_RE.match(merged[-1][0]):
            merged[-1] = [*merged[-1], "", *block]
        else:
            merged.append(block)
    return merged


def _list_items(block: list[str], budget: float) -> list[list[str]]:
    """A block longer than ``budget`` cut before its top-level list items (else the block itself)."""
    if markdown_lines("\n".join(block)) <= budget:
        return [block]
    parts: list[list[str]] = [[]]
    for line in block:
        if LIST_RE.match(line) and not line[:1].isspace() and any(LIST_RE.match(x) for x in parts[-1]):
            parts.append([])
        parts[-1].append(line)
    return parts


def _ends_in_heading(texts: list[str]) -> bool:
    """True if the last block is a heading alone (a piece must not end in its next section's title)."""
    return bool(texts) and "\n" not in texts[-1] and bool(HEADING_RE.match(texts[-1]))


def _lines(texts: list[str]) -> float:
    return markdown_lines("\n\n".join(texts))


def split_markdown(source: str, budget: float = SLIDE_BUDGET, *, at_headings: bool = True) -> list[str]:
    """Split markdown source at headings (``#`` to ``###``), then greedily at paragraphs to fit ``budget``.

    A long list is cut between its items. No piece ends in a heading or is cut off shorter than a
    quarter of a slide (a heading and its first sentence stay with what follows, even if that
    overflows), and a short tail (under a fifth of a slide) is not left on a slide of its own. With
    ``at_headings=False`` the source is cut for length only.
    """
    sections: list[list[list[str]]] = [[]]
    for block in _blocks(source):
        if at_headings and HEADING_RE.match(block[0]) and sections[-1]:
            sections.append([])
        sections[-1].extend(_list_items(block, budget))
    pieces: list[str] = []
    for blocks in sections:
        groups: list[list[str]] = [[]]
        for block in blocks:
            text = "\n".join(block)
            current = groups[-1]
            if (current and _lines(current) >= budget / 4 and not _ends_in_heading(current)
                    and _lines([*current, text]) > budget):
                groups.append([])
            groups[-1].append(text)
        if len(groups) > 1 and _lines(groups[-1]) < budget / 5:
            # a short tail: keep it with the piece before if that still fits (10% slack), else
            # move that piece's last block down so the two are balanced
            before, tail = groups[-2], groups[-1]
            if _lines(before + tail) <= budget * 1.1:
                groups[-2:] = [before + tail]
            elif len(before) > 1 and _lines(before[:-1]) >= budget / 4 and not _ends_in_heading(before[:-1]):
                groups[-2:] = [before[:-1], before[-1:] + tail]
        pieces += ["\n\n".join(g) for g in groups if g]
    return pieces or [source]


def _hidden(cell: Any) -> bool:
    return (cell.get("metadata", {}).get("slideshow") or {}).get("slide_type") in ("skip", "notes")


def split_cells(nb: Any, budget: float = SLIDE_BUDGET) -> Any:
    """Replace each markdown cell by its pieces from :func:`split_markdown` (in place; returns ``nb``).

    A markdown cell that introduces a code cell is split to leave room for it (up to half a
    slide), so that its last piece and the code fit on one slide.
    """
    widgets = widget_state(nb)
    shown = [c for c in nb.cells if not _hidden(c)]
    following = {id(a): b for a, b in zip(shown, shown[1:], strict=False)}
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "markdown" or cell.get("attachments"):
            cells.append(cell)
            continue
        nxt = following.get(id(cell))
        room = budget - min(cell_lines(nxt, widgets), budget / 2) if nxt is not None and nxt.cell_type == "code" \
            else budget
        pieces = split_markdown(cell.source, room, at_headings="slideshow" not in cell.metadata)
        if len(pieces) == 1:
            cells.append(cell)
            continue
        for k, piece in enumerate(pieces):
            part = copy.deepcopy(cell)
            part.source = piece
            if k:
                part.metadata = NotebookNode()
                if "id" in part:
                    part.id = f"{cell.id}-{k + 1}"[:64]
            cells.append(part)
    nb.cells = cells
    return nb

"""Collect the written answers of a submission from the notebook file (never from the kernel).

A written item is marked by a person, so nothing about it runs: the text is read from the
submitted JSON by the cell's metadata (``scaling_helpers.written``). It scores no automatic
points; the report lists it as "to be marked (N points)" and class grading writes it to the
review file (:mod:`.review`).
"""

from __future__ import annotations

from typing import Any

from ..check.written import answer_text, count_words, written_cells
from ..specs import written_for_chapter
from .model import WrittenResult

__all__ = ["MAX_TEXT", "blank_written", "collect_written", "not_found"]

#: Longest answer kept in a report (characters); a longer one is counted in full, cut and flagged.
MAX_TEXT = 50_000


def not_found(item_id: str) -> str:
    """The report's message for a written cell whose metadata was lost."""
    return f"written cell for {item_id} not found"


def collect_written(nb: Any, stem: str) -> tuple[list[WrittenResult], list[str]]:
    """The chapter's written answers in ``nb`` and the submission-level problems (cells not found).

    ``nb`` is the loaded submission (never modified). Never raises for a malformed notebook.
    """
    found = written_cells(nb)
    out: list[WrittenResult] = []
    problems: list[str] = []
    for item in written_for_chapter(stem):
        to_mark = f"to be marked ({item.points} points)"
        sources = found.get(item.id)
        if not sources:
            msg = not_found(item.id)
            problems.append(f"{msg}: its metadata was lost (copy the text into a fresh copy of the notebook's "
                            "written cell); the marker sees no answer")
            out.append(WrittenResult(item.id, item.title, item.points, False, 0, "", f"{to_mark}; {msg}",
                                     [f"{msg} (metadata lost?)"]))
            continue
        flags: list[str] = []
        texts = [t for t in (answer_text(s) for s in sources) if t]
        if len(sources) > 1:
            flags.append(f"{len(sources)} cells carry this item's metadata; their texts were joined")
        text = "\n\n".join(texts)
        words = count_words(text)
        if not words:
            flags.append("no answer written")
        elif words < item.min_words:
            flags.append(f"shorter than the {item.min_words} words asked ({words})")
        elif words > item.max_words:
            flags.append(f"longer than the {item.max_words} words asked ({words})")
        if len(text) > MAX_TEXT:
            flags.append(f"cut at {MAX_TEXT} of {len(text)} characters in the report")
            text = text[:MAX_TEXT]
        out.append(WrittenResult(item.id, item.title, item.points, True, words, text,
                                 f"{to_mark}, {words} words", flags))
    return out, problems


def blank_written(stem: str | None, message: str) -> list[WrittenResult]:
    """The chapter's written items, none collected (the submission could not be read)."""
    if stem is None:
        return []
    return [WrittenResult(w.id, w.title, w.points, False, 0, "", f"to be marked ({w.points} points); {message}")
            for w in written_for_chapter(stem)]

"""The review file: every written answer of a class, with its rubric, for a person to mark.

Class grading writes ``review.csv`` next to the class CSV: one row per student and written item
(student, chapter, item, title, max points, rubric, word count, flags, answer) and two empty
columns, ``points`` and ``comment``, for the marker. :mod:`.merge` adds the points to the
class's automatic scores.

The file is opened in spreadsheet programs, so it is *safe CSV*: a cell that starts with
``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is prefixed with ``'`` so that it is
shown as text and never run as a formula, and an answer longer than :data:`MAX_ANSWER`
characters is cut there and flagged (the full text stays in the submission).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..check.written import rubric_lines
from ..specs import all_written
from .model import GradeReport

__all__ = ["MAX_ANSWER", "REVIEW_COLUMNS", "review_rows", "safe_cell", "student_name", "unsafe_cell",
           "write_review"]

#: Longest answer copied into the review file (characters).
MAX_ANSWER = 5000
#: The review file's columns, in order; the marker fills ``points`` and ``comment``.
REVIEW_COLUMNS = ["student", "chapter", "item", "title", "max_points", "rubric", "words", "flags", "answer",
                  "points", "comment"]

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """``value`` as CSV text that no spreadsheet runs as a formula (``'`` before ``=+-@``)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def unsafe_cell(text: str) -> str:
    """Undo :func:`safe_cell` (spreadsheets drop the ``'`` when they save, or keep it): the key to match on."""
    text = (text or "").strip()
    return text[1:] if text[:1] == "'" and text[1:2] and text[1:2] in _FORMULA else text


def student_name(rep: GradeReport, root: Path) -> str:
    """How a submission is named in the class CSV and the review file: its path below ``root``."""
    try:
        return str(Path(rep.submission).relative_to(root))
    except ValueError:
        return rep.submission


def review_rows(reports: list[GradeReport], root: Path) -> list[dict[str, str]]:
    """One row per submission and written item (safe CSV cells), in submission order."""
    specs = all_written()
    rows: list[dict[str, str]] = []
    for rep in reports:
        for w in rep.written:
            item = specs.get(w.exercise)
            rubric = "\n".join(rubric_lines(item)) if item else ""
            flags = list(w.flags)
            answer = w.text
            if len(answer) > MAX_ANSWER:
                flags.append(f"answer cut at {MAX_ANSWER} of {len(answer)} characters (full text in the submission)")
                answer = answer[:MAX_ANSWER] + " [...]"
            if not w.found:
                flags.append(w.message)
            row = {"student": student_name(rep, root), "chapter": rep.chapter or "", "item": w.exercise,
                   "title": w.title, "max_points": f"{w.max_points:g}", "rubric": rubric, "words": str(w.words),
                   "flags": "; ".join(dict.fromkeys(flags)), "answer": answer, "points": "", "comment": ""}
            rows.append({k: safe_cell(v) for k, v in row.items()})
    return rows


def write_review(reports: list[GradeReport], path: Path, root: Path) -> int:
    """Write the review file; returns the number of answers in it."""
    rows = review_rows(reports, root)
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=REVIEW_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return len(rows)

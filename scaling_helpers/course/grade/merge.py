"""Merge the marker's points for written answers into the class's automatic scores.

Command line::

    python -m scaling_helpers.grade merge --scores scores.csv --review review.csv --out final.csv

``final.csv`` has the class CSV's columns, one column per written item, then ``written_points``,
``written_max``, ``total`` (automatic + written), ``total_max`` and ``not_yet_marked``. The
maximum of each written item comes from the specs (the review file's ``max_points`` column is for
the marker to read; editing it changes nothing). Every problem in the marks is reported at once
(points above the maximum, negative, not a number, unknown student or item, the same answer
marked twice) and then nothing is written; rows whose ``points`` cell is empty are reported as
"not yet marked" and count 0 until marked. The inputs are only read.

Exit status: 0 merged (even with answers not yet marked); 1 the marks have errors (nothing
written); 3 setup error (a file is missing or is not the expected CSV, or ``--out`` names an input).
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..specs import CHAPTERS, written_for_chapter
from .review import safe_cell, unsafe_cell

__all__ = ["MergeResult", "merge_marks", "merge_main", "write_merged"]

EXIT_MERGED, EXIT_BAD_MARKS, EXIT_SETUP = 0, 1, 3
SCORE_COLUMNS = ("submission", "chapter", "points", "max_points")
REVIEW_KEYS = ("student", "chapter", "item", "points")


@dataclass
class MergeResult:
    """The merged table, or the errors that prevent it."""

    columns: list[str] = field(default_factory=list)
    """Columns of the merged CSV."""
    rows: list[dict[str, str]] = field(default_factory=list)
    """One row per row of the class CSV."""
    errors: list[str] = field(default_factory=list)
    """Problems in the marks; when any, nothing should be written."""
    unmarked: list[str] = field(default_factory=list)
    """``"student chapter item"`` for every written answer with no points yet."""


def _read(path: Path, needed: tuple[str, ...], what: str) -> list[dict[str, str]]:
    try:
        with Path(path).open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            header = reader.fieldnames or []
    except OSError as exc:
        raise ValueError(f"cannot read the {what} {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"the {what} {path} is not a UTF-8 CSV file ({exc})") from None
    missing = [c for c in needed if c not in header]
    if missing:
        raise ValueError(f"the {what} {path} lacks the column(s) {', '.join(missing)}; "
                         f"is it the file the grader wrote?")
    return rows


def _number(text: str) -> float | None:
    try:
        x = float(text)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def _fmt(x: float) -> str:
    return f"{x:g}"


def merge_marks(scores: Path, review: Path) -> MergeResult:
    """Merge the ``points`` of ``review`` into ``scores`` (both only read).

    Raises
    ------
    ValueError
        If a file cannot be read or lacks the grader's columns (a setup error).
    """
    score_rows = _read(scores, SCORE_COLUMNS, "class CSV")
    review_rows = _read(review, REVIEW_KEYS, "review file")
    res = MergeResult()
    students: dict[tuple[str, str], dict[str, str]] = {}
    for i, row in enumerate(score_rows, start=2):
        key = (unsafe_cell(row.get("submission") or ""), (row.get("chapter") or "").strip())
        if key in students:
            res.errors.append(f"class CSV row {i}: {key[0]} ({key[1]}) appears twice")
        students[key] = row
    marks: dict[tuple[str, str, str], float] = {}
    seen: set[tuple[str, str, str]] = set()
    for i, row in enumerate(review_rows, start=2):
        student, chapter = unsafe_cell(row.get("student") or ""), (row.get("chapter") or "").strip()
        item, text = unsafe_cell(row.get("item") or ""), unsafe_cell(row.get("points") or "")
        where = f"review row {i} ({student}, {item})"
        if (student, chapter) not in students:
            res.errors.append(f"{where}: unknown student {student!r} for chapter {chapter!r} (not in the class CSV)")
            continue
        spec = {w.id: w for w in written_for_chapter(chapter)} if chapter in CHAPTERS else {}
        if item not in spec:
            res.errors.append(f"{where}: unknown item {item!r}: chapter {chapter!r} has no such written item")
            continue
        key = (student, chapter, item)
        if key in seen:
            res.errors.append(f"{where}: this answer appears twice in the review file; keep one row")
            continue
        seen.add(key)
        if not text:
            continue  # not yet marked
        x = _number(text)
        if x is None:
            tip = " (use a dot for decimals)" if "," in text else ""
            res.errors.append(f"{where}: points {text!r} is not a number{tip}")
        elif x < 0:
            res.errors.append(f"{where}: points {text} is negative")
        elif x > spec[item].points:
            res.errors.append(f"{where}: points {text} is above the maximum of {spec[item].points}")
        else:
            marks[key] = x
    ids: list[str] = []
    for _student, chapter in students:
        for w in written_for_chapter(chapter) if chapter in CHAPTERS else []:
            if w.id not in ids:
                ids.append(w.id)
    base = [c for c in (list(score_rows[0]) if score_rows else list(SCORE_COLUMNS)) if c != "problems"]
    res.columns = [*base, *ids, "written_points", "written_max", "total", "total_max", "not_yet_marked", "problems"]
    for (student, chapter), row in students.items():
        auto, auto_max = _number(row.get("points") or ""), _number(row.get("max_points") or "")
        if auto is None or auto_max is None:
            res.errors.append(f"class CSV: the points of {student} ({chapter}) are not numbers")
            continue
        items = written_for_chapter(chapter) if chapter in CHAPTERS else []
        got = {w.id: marks.get((student, chapter, w.id)) for w in items}
        missing = [wid for wid, x in got.items() if x is None]
        res.unmarked += [f"{student} {chapter} {wid}" for wid in missing]
        written = sum(x for x in got.values() if x is not None)
        written_max = sum(w.points for w in items)
        out = {c: row.get(c, "") or "" for c in base}
        out.update({wid: "" if x is None else _fmt(x) for wid, x in got.items()})
        out.update({"written_points": _fmt(written), "written_max": _fmt(written_max), "total": _fmt(auto + written),
                    "total_max": _fmt(auto_max + written_max), "not_yet_marked": " ".join(missing),
                    "problems": row.get("problems", "") or ""})
        res.rows.append({k: safe_cell(unsafe_cell(v) if k in ("submission", "problems") else v)
                         for k, v in out.items()})
    return res


def write_merged(res: MergeResult, out: Path) -> None:
    """Write the merged table as CSV (safe cells)."""
    with Path(out).open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=res.columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(res.rows)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m scaling_helpers.grade merge",
        description="Add the points a marker wrote into review.csv to the class CSV's automatic points. "
                    "The inputs are only read; nothing is written if a mark is invalid.")
    p.add_argument("--scores", type=Path, required=True, help="the class CSV written by the grader (--csv)")
    p.add_argument("--review", type=Path, required=True, help="the review file with the points column filled")
    p.add_argument("--out", type=Path, required=True, help="where to write the merged CSV (a new file)")
    return p


def merge_main(argv: list[str] | None = None) -> int:
    """Command-line entry point of ``merge`` (see the module docstring for the exit status)."""
    args = _parser().parse_args(argv)
    inputs = {p.resolve() for p in (args.scores, args.review) if p.exists()}
    if args.out.resolve() in inputs:
        print(f"setup error: --out {args.out} is one of the inputs; the inputs are never overwritten",
              file=sys.stderr)
        return EXIT_SETUP
    try:
        res = merge_marks(args.scores, args.review)
    except ValueError as exc:
        print(f"setup error: {exc}", file=sys.stderr)
        return EXIT_SETUP
    if res.errors:
        print(f"{len(res.errors)} problem(s) in the marks; nothing was written:", file=sys.stderr)
        for e in res.errors:
            print(f"  {e}", file=sys.stderr)
        return EXIT_BAD_MARKS
    write_merged(res, args.out)
    for u in res.unmarked:
        print(f"not yet marked: {u}")
    print(f"merged {len(res.rows)} submission(s) into {args.out}; {len(res.unmarked)} written answer(s) not yet "
          "marked (counted as 0)")
    return EXIT_MERGED

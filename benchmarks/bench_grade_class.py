"""Grade a generated class: N submissions of chapter 1 (a mix of correct, wrong, blank and broken)
in one parallel nbval session, each kernel in its own sandbox, against grading one submission on
its own (baseline). Prints class throughput (submissions per minute).

Run: ``python benchmarks/bench_grade_class.py [N] [JOBS] [--no-sandbox]`` (default 200 submissions,
2 jobs, sandboxed).
"""

from __future__ import annotations

import copy
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from scaling_helpers.course.grade import grade_submission
from scaling_helpers.course.grade.batch import grade_folder, write_csv

from _common import ROOT

SOL = ROOT / "solutions" / "01_power_laws.ipynb"
BLANK = ROOT / "exercises" / "01_power_laws.ipynb"


def _answer(nb: nbformat.NotebookNode, ex: str, source: str) -> nbformat.NotebookNode:
    nb = copy.deepcopy(nb)
    for c in nb.cells:
        meta = c.metadata.get("scaling_helpers") or {}
        if meta.get("role") == "answer" and meta.get("exercise") == ex:
            c.source = source
    return nb


def make_class(folder: Path, n: int) -> dict[str, int]:
    sol, blank = nbformat.read(SOL, as_version=4), nbformat.read(BLANK, as_version=4)
    kinds = {"correct": 0, "wrong": 0, "blank": 0, "broken": 0}
    for i in range(n):
        kind = ("correct", "correct", "wrong", "blank", "broken")[i % 5]
        kinds[kind] += 1
        path = folder / f"student{i:03d}" / "01_power_laws.ipynb"
        path.parent.mkdir(parents=True)
        if kind == "correct":
            nbformat.write(sol, str(path))
        elif kind == "wrong":
            nbformat.write(_answer(_answer(sol, "1.1", "ratio_10x = 0.95"), "1.5", 'huber_answer = "A"'), str(path))
        elif kind == "blank":
            nbformat.write(blank, str(path))
        else:  # half invalid JSON, half a cell that raises
            if i % 2:
                path.write_text('{"cells": [', encoding="utf-8")
            else:
                nbformat.write(_answer(sol, "1.3", "alpha_hat = undefined_name"), str(path))
    return kinds


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    no_sandbox = "--no-sandbox" in sys.argv
    n = int(args[0]) if args else 200
    jobs = int(args[1]) if len(args) > 1 else 2
    print(f"mode: {'NO sandbox' if no_sandbox else 'each kernel in its own bubblewrap sandbox'}")
    t = time.perf_counter()
    grade_submission(SOL, ROOT / "solutions", no_sandbox=no_sandbox)
    one = time.perf_counter() - t
    print(f"baseline: one submission graded alone          {one:7.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        kinds = make_class(Path(tmp), n)
        t = time.perf_counter()
        reports = grade_folder(Path(tmp), ROOT / "solutions", jobs=jobs, no_sandbox=no_sandbox)
        total = time.perf_counter() - t
        write_csv(reports, Path(tmp) / "scores.csv", Path(tmp))
    points = [r.points for r in reports]
    print(f"class of {n} ({kinds}), {jobs} jobs:  {total:7.1f} s total, {total / n:5.2f} s per submission, "
          f"{n / total * 60:5.1f} submissions/minute")
    print(f"ratio to grading them one by one (baseline x {n}): {total / (one * n):.2f}")
    full = max(r.max_points for r in reports if r.graded)
    print(f"graded {sum(r.graded for r in reports)}/{n}; full marks {sum(p == full for p in points)}, "
          f"zero {sum(p == 0 for p in points)}")


if __name__ == "__main__":
    main()

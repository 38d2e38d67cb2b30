"""The grading pipeline, declared in order.

1. load       read the submission (never written to); invalid JSON stops here with a report
2. official   read the official check cells and their expected outputs from the solutions
3. assemble   graded copy: official check cells replace the student's, deleted ones restored
4. tamper     statically find code that redefines the checker; later items earn no credit
5. run        nbval --nbval-lax on the copy in an isolated kernel; the genuine checker logs
6. score      an item passes only if nbval matched its official output AND the genuine
              checker logged "correct" for it AND nothing above flagged it
7. report     JSON, JUnit XML, readable summary
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..specs import for_chapter
from .assemble import Assembly, assemble
from .load import SubmissionError, load_submission
from .model import GradeReport, ItemResult
from .official import detect_chapter, load_official
from .run import RunResult, run_nbval
from .tamper import find_tampering

__all__ = ["Prepared", "grade_submission", "prepare", "score"]


def _blank_items(stem: str | None, message: str) -> list[ItemResult]:
    if stem is None:
        return []
    return [ItemResult(ex.id, ex.title, 0, ex.points, False, message) for ex in for_chapter(stem)]


def _run_problems(run: RunResult, code_to_label: dict[int, str]) -> list[str]:
    probs = list(run.problems)
    died = sorted(i for i, c in run.cells.items()
                  if any(m in c.message for m in ("kernel died", "Kernel dead", "Failed to interrupt kernel")))
    if died:
        probs.append(f"the kernel died in code cell {died[0]} (os._exit, a crash or running out of memory); "
                     "later cells did not run")
    for i, c in sorted(run.cells.items()):
        if c.passed or i in code_to_label or (died and i >= died[0]):
            continue
        if c.message == "skipped":
            probs.append(f"code cell {i} did not run (an earlier cell timed out)")
        elif "Timeout" in c.message:
            probs.append(f"code cell {i} exceeded the time limit (an endless loop?) and was interrupted")
        else:
            probs.append(f"code cell {i} raised an error: {c.message}")
    return probs


def _why_not_run(message: str) -> str:
    if "Kernel dead" in message or "kernel died" in message:
        return "the kernel had died in an earlier cell"
    if "timed out" in message or message == "skipped":
        return "an earlier cell timed out"
    return message


@dataclass
class Prepared:
    """A submission after steps 1-4, ready to run (or a report if it cannot be graded)."""

    path: Path
    """The submission."""
    stem: str | None
    """Its chapter."""
    assembly: Assembly | None = None
    """The graded copy and integrity flags; ``None`` when it cannot be graded."""
    report: GradeReport | None = None
    """Set instead of ``assembly`` when the submission cannot be graded."""
    started: float = field(default_factory=time.perf_counter)
    """When preparation started (for the report's wall time)."""


def prepare(path: Path, solutions: Path, chapter: str | None = None) -> Prepared:
    """Steps 1-4: load, find the official checks, assemble the graded copy, scan for tampering.

    Raises
    ------
    FileNotFoundError
        If the solutions folder lacks the chapter's notebook (a setup error, not the student's).
    """
    t0 = time.perf_counter()
    path = Path(path)
    try:
        sub = load_submission(path)
    except SubmissionError as exc:
        stem = chapter or detect_chapter(type("nb", (), {"cells": []})(), path.name)
        rep = GradeReport(str(path), stem, _blank_items(stem, "not graded: the notebook could not be read"),
                          graded=False, problems=[str(exc)], seconds=time.perf_counter() - t0)
        return Prepared(path, stem, report=rep, started=t0)
    stem = chapter or detect_chapter(sub, path.name)
    if stem is None:
        rep = GradeReport(str(path), None, [], graded=False, seconds=time.perf_counter() - t0,
                          problems=["cannot tell which chapter this notebook belongs to; pass --chapter"])
        return Prepared(path, None, report=rep, started=t0)
    official = load_official(Path(solutions), stem)
    specs = {ex.id: ex for ex in for_chapter(stem)}
    asm = assemble(sub, official, specs)
    tamper = find_tampering(asm.nb.cells, skip=set(asm.check_pos.values()))
    for cell_i, probs in sorted(tamper.items()):
        for ex_id, pos in asm.check_pos.items():
            if pos > cell_i:
                asm.flags[ex_id].append(f"cell {cell_i} redefines or bypasses the checker ({'; '.join(probs)}); "
                                        "no credit")
                asm.no_credit.add(ex_id)
    return Prepared(path, stem, assembly=asm, started=t0)


def score(prep: Prepared, run: RunResult) -> GradeReport:
    """Step 6: combine nbval's verdicts, the genuine checker's log and the integrity flags."""
    asm, stem = prep.assembly, prep.stem
    assert asm is not None and stem is not None
    items: list[ItemResult] = []
    for ex in for_chapter(stem):
        code_i = asm.check_cell.get(ex.id)
        cell = run.cells.get(code_i) if code_i is not None else None
        records = [r for r in run.log if r.get("exercise") == ex.id]
        rec = records[-1] if records else None
        flags = asm.flags.get(ex.id, [])
        if ex.id in asm.no_credit:
            passed, msg = False, "no credit: the check was tampered with (see flags)"
        elif rec is None:
            passed = False
            why = _why_not_run(cell.message) if cell and not cell.passed else "its output was produced by something else"
            msg = f"the official check did not run ({why})"
            if cell and cell.passed:
                flags.append("output matched but the genuine checker never ran: checker redefined?")
        else:
            passed = bool(rec.get("passed")) and bool(cell and cell.passed)
            msg = str(rec.get("line", ""))
            if rec.get("passed") and not passed:
                msg = f"{msg}, but the check cell's output differed ({cell.message if cell else 'not run'})"
        items.append(ItemResult(ex.id, ex.title, ex.points if passed else 0, ex.points, passed, msg, flags))
    labels = {v: k for k, v in asm.check_cell.items()}
    return GradeReport(str(prep.path), stem, items, graded=True, problems=_run_problems(run, labels),
                       seconds=time.perf_counter() - prep.started)


def grade_submission(path: Path, solutions: Path, *, chapter: str | None = None, cell_timeout: int = 30,
                     total_timeout: int = 900) -> GradeReport:
    """Grade one submitted notebook against the solutions folder. Never raises for a bad submission.

    Raises
    ------
    FileNotFoundError
        If the solutions folder lacks the chapter's notebook (a setup error, not the student's).
    """
    prep = prepare(path, solutions, chapter)
    if prep.report is not None:
        return prep.report
    assert prep.assembly is not None
    with tempfile.TemporaryDirectory(prefix="scaling-grade-") as tmp:
        run = run_nbval(prep.assembly.nb, Path(tmp), Path(solutions), cell_timeout=cell_timeout,
                        total_timeout=total_timeout)
    return score(prep, run)

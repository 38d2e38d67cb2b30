"""The grading pipeline, declared in order.

1. load       read the submission (never written to); anything unreadable stops here with a report
2. official   read the official check cells, their expected outputs and the answer keys from the
              solutions (in the grader's process only)
3. assemble   graded copy: official check cells replace the student's, deleted ones restored
4. tamper     statically find code that redefines the checker: report *flags* only, never points
5. run        nbval --nbval-lax on the copy, the kernel in a bubblewrap sandbox that cannot see
              the keys; the kernel only emits answers as data, the grader's nbval plugin judges them
6. score      an item passes only if the verdict computed in the grader's process is "correct"
              (nbval matched the trusted verdict line with the official expected line)
7. report     JSON, JUnit XML, readable summary; the student's version reveals no expected value

Written items (marked by a person with a rubric) are collected in step 1 from the file itself,
never from the kernel (:mod:`.written`); they score no automatic points and are listed as
"to be marked".
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..specs import for_chapter
from .assemble import Assembly, assemble
from .load import SubmissionError, load_submission
from .model import GradeReport, ItemResult, WrittenResult
from .official import detect_chapter, load_answer_keys, load_official
from .run import RunResult, run_nbval
from .sandbox import SandboxConfig
from .tamper import find_tampering
from .written import blank_written, collect_written

__all__ = ["Prepared", "SetupError", "grade_submission", "prepare", "score"]


class SetupError(ValueError):
    """The grader's own inputs are wrong (missing or unexecuted solutions): not the student's fault."""


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
    keys: dict[str, object] = field(default_factory=dict)
    """Exercise id -> key and explanation (grader side only)."""
    started: float = field(default_factory=time.perf_counter)
    """When preparation started (for the report's wall time)."""
    written: list[WrittenResult] = field(default_factory=list)
    """The written answers read from the file (step 1)."""
    written_problems: list[str] = field(default_factory=list)
    """Written cells that could not be found."""


def prepare(path: Path, solutions: Path, chapter: str | None = None) -> Prepared:
    """Steps 1-4: load, find the official checks, assemble the graded copy, scan for tampering.

    Never raises for a bad submission: anything that goes wrong with the student's file (invalid
    JSON, deep nesting, missing keys, wrong types) becomes a "could not grade" report.

    Raises
    ------
    FileNotFoundError, ValueError
        If the solutions folder lacks the chapter's notebook or its keys (a setup error).
    """
    t0 = time.perf_counter()
    path = Path(path)
    try:
        sub = load_submission(path)
    except SubmissionError as exc:
        stem = chapter or detect_chapter(type("nb", (), {"cells": []})(), path.name)
        rep = GradeReport(str(path), stem, _blank_items(stem, "not graded: the notebook could not be read"),
                          graded=False, problems=[str(exc)], seconds=time.perf_counter() - t0,
                          written=blank_written(stem, "not collected: the notebook could not be read"))
        return Prepared(path, stem, report=rep, started=t0)
    stem = chapter or detect_chapter(sub, path.name)
    if stem is None:
        rep = GradeReport(str(path), None, [], graded=False, seconds=time.perf_counter() - t0,
                          problems=["cannot tell which chapter this notebook belongs to; pass --chapter"])
        return Prepared(path, None, report=rep, started=t0)
    try:
        official = load_official(Path(solutions), stem)
        keys = load_answer_keys(Path(solutions), stem)
    except (OSError, ValueError) as exc:
        raise SetupError(str(exc)) from exc
    specs = {ex.id: ex for ex in for_chapter(stem)}
    written, written_problems = collect_written(sub, stem)
    try:
        asm = assemble(sub, official, specs)
        tamper = find_tampering(asm.nb.cells, skip=set(asm.check_pos.values()))
    except (AttributeError, TypeError, ValueError, KeyError, RecursionError) as exc:
        rep = GradeReport(str(path), stem, _blank_items(stem, "not graded: the notebook's structure is broken"),
                          graded=False, seconds=time.perf_counter() - t0, written=written,
                          problems=[f"{path.name}: the notebook's cells are malformed ({type(exc).__name__}); "
                                    "re-download it from JupyterLab (File > Download) and submit again"])
        return Prepared(path, stem, report=rep, started=t0)
    for cell_i, probs in sorted(tamper.items()):
        for ex_id, pos in asm.check_pos.items():
            if pos > cell_i:
                asm.flags[ex_id].append(f"cell {cell_i} may redefine or bypass the checker ({'; '.join(probs)}); "
                                        "the verdict does not depend on it")
    return Prepared(path, stem, assembly=asm, started=t0, keys=dict(keys), written=written,
                    written_problems=written_problems)


def score(prep: Prepared, run: RunResult, *, sandboxed: bool = True) -> GradeReport:
    """Step 6: the verdicts the grader's plugin computed, and nbval's result for each check cell."""
    asm, stem = prep.assembly, prep.stem
    assert asm is not None and stem is not None
    items: list[ItemResult] = []
    for ex in for_chapter(stem):
        code_i = asm.check_cell.get(ex.id)
        cell = run.cells.get(code_i) if code_i is not None else None
        records = [r for r in run.log if r.get("exercise") == ex.id]
        rec = records[-1] if records else None
        flags = list(asm.flags.get(ex.id, []))
        detail = ""
        if rec is None:
            passed = False
            why = _why_not_run(cell.message) if cell and not cell.passed else "it produced no output"
            msg = f"the official check did not run ({why})"
        else:
            passed = bool(rec.get("passed")) and bool(cell and cell.passed)
            msg = str(rec.get("line", ""))
            detail = str(rec.get("detail", ""))
            if int(rec.get("answers", 1) or 0) > 1:
                flags.append(f"the check cell emitted {rec.get('answers')} answers (the checker was changed?); "
                             "only the last one was graded")
            if rec.get("passed") and not passed:
                msg = f"{msg}, but the check cell failed ({cell.message if cell else 'not run'})"
        items.append(ItemResult(ex.id, ex.title, ex.points if passed else 0, ex.points, passed, msg, flags,
                                detail=detail, explanation=str((prep.keys.get(ex.id) or {}).get("explanation", ""))))
    labels = {v: k for k, v in asm.check_cell.items()}
    return GradeReport(str(prep.path), stem, items, graded=True,
                       problems=_run_problems(run, labels) + prep.written_problems,
                       seconds=time.perf_counter() - prep.started, sandboxed=sandboxed, written=prep.written)


def grade_submission(path: Path, solutions: Path, *, chapter: str | None = None, cell_timeout: int = 30,
                     total_timeout: int = 900, sandbox: SandboxConfig | None = None,
                     no_sandbox: bool = False) -> GradeReport:
    """Grade one submitted notebook against the solutions folder. Never raises for a bad submission.

    Parameters
    ----------
    sandbox
        The sandbox to run the kernel in; by default one is made for this machine
        (:func:`.sandbox.make_config`).
    no_sandbox
        Run the kernel unsandboxed (only for trusted notebooks, e.g. an instructor's solutions);
        the report records it.

    Raises
    ------
    FileNotFoundError, ValueError
        If the solutions folder lacks the chapter's notebook (a setup error, not the student's).
    SandboxUnavailable
        If no sandbox tool is installed and ``no_sandbox`` is not set.
    """
    if not no_sandbox and sandbox is None:
        sandbox = default_sandbox()
    prep = prepare(path, solutions, chapter)
    if prep.report is not None:
        prep.report.sandboxed = not no_sandbox
        return prep.report
    assert prep.assembly is not None
    with tempfile.TemporaryDirectory(prefix="scaling-grade-") as tmp:
        run = run_nbval(prep.assembly.nb, Path(tmp), prep.keys, cell_timeout=cell_timeout,
                        total_timeout=total_timeout, sandbox=None if no_sandbox else sandbox)
    return score(prep, run, sandboxed=not no_sandbox)


def default_sandbox(data: Path | None = None) -> SandboxConfig:
    """The sandbox for this machine, with the course's data file bound in when one is found.

    Raises :class:`.sandbox.SandboxUnavailable` when ``bwrap`` is missing.
    """
    from ...chinchilla.data import DATA_FILENAME, find_chinchilla_csv
    from .sandbox import make_config

    files: dict[str, str] = {}
    try:
        csv = Path(data) if data else find_chinchilla_csv(download=False)
        if csv.is_file():
            files[DATA_FILENAME] = str(csv.resolve())
    except (OSError, ValueError):
        pass
    return make_config(data_files=files)

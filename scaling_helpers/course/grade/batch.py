"""Grade a whole class: every notebook in a folder, in one parallel nbval session, one CSV.

All submissions are prepared (steps 1-4 of :mod:`.pipeline`) in this process, then run together
by one pytest session with ``-n JOBS --dist loadfile`` (each notebook stays on one worker with
its own kernel, and every kernel has its own sandbox, so one submission cannot see or change
another), then scored. Pytest starts once instead of once per student. A file that cannot be
read gets its own "could not grade" row; ``notebook_timeout`` bounds each submission.
"""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

from .model import GradeReport
from .pipeline import Prepared, SetupError, default_sandbox, prepare, score
from .review import safe_cell, student_name
from .run import run_nbval_many
from .sandbox import SandboxConfig

__all__ = ["find_submissions", "grade_folder", "write_csv"]


def find_submissions(folder: Path) -> list[Path]:
    """Every ``.ipynb`` below ``folder`` (sorted), skipping Jupyter checkpoints; folders named
    ``*.ipynb`` are kept so that they get a "could not grade" row."""
    return sorted(p for p in Path(folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def grade_folder(folder: Path, solutions: Path, *, chapter: str | None = None, jobs: int = 2,
                 cell_timeout: int = 30, notebook_timeout: int = 900, sandbox: SandboxConfig | None = None,
                 no_sandbox: bool = False) -> list[GradeReport]:
    """Grade every submission below ``folder``; one report per notebook, in path order.

    Raises
    ------
    FileNotFoundError, ValueError
        If the solutions are missing (a setup error).
    SandboxUnavailable
        If no sandbox tool is installed and ``no_sandbox`` is not set.
    """
    if not no_sandbox and sandbox is None:
        sandbox = default_sandbox()
    preps: list[Prepared] = [_prepare_one(p, solutions, chapter) for p in find_submissions(folder)]
    runnable = {str(i): p.assembly.nb for i, p in enumerate(preps) if p.report is None and p.assembly}
    keys: dict[str, object] = {}
    for p in preps:
        keys.update(p.keys)
    t0 = time.perf_counter()
    # the whole session may take every notebook's limit, shared by the workers, plus start-up
    total = int(notebook_timeout * max(len(runnable), 1) / max(jobs, 1)) + 120
    with tempfile.TemporaryDirectory(prefix="scaling-grade-class-") as tmp:
        runs = run_nbval_many(runnable, Path(tmp), keys, cell_timeout=cell_timeout, total_timeout=total,
                              notebook_timeout=notebook_timeout, jobs=jobs,
                              sandbox=None if no_sandbox else sandbox) if runnable else {}
    share = (time.perf_counter() - t0) / max(len(runnable), 1)
    reports = []
    for i, p in enumerate(preps):
        if p.report is not None:
            p.report.sandboxed = not no_sandbox
            reports.append(p.report)
            continue
        rep = score(p, runs[str(i)], sandboxed=not no_sandbox)
        rep.seconds = share  # wall time shared by the parallel session, per submission
        reports.append(rep)
    return reports


def _prepare_one(path: Path, solutions: Path, chapter: str | None) -> Prepared:
    """:func:`.pipeline.prepare`, but one broken file never stops the class: it gets its own row."""
    try:
        return prepare(path, solutions, chapter)
    except SetupError:
        raise
    except Exception as exc:  # noqa: BLE001 - a hostile file may trigger anything; report it, go on
        rep = GradeReport(str(path), chapter, [], graded=False,
                          problems=[f"could not grade this file ({type(exc).__name__}: {str(exc)[:200]})"])
        return Prepared(Path(path), chapter, report=rep)


def write_csv(reports: list[GradeReport], path: Path, root: Path) -> None:
    """One row per submission: its path, chapter, points, max points (automatic items), each exercise,
    the written items' points still to be marked (``written_max``), problems. Safe CSV cells."""
    ids: list[str] = []
    for r in reports:
        for it in r.items:
            if it.exercise not in ids:
                ids.append(it.exercise)
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["submission", "chapter", "graded", "points", "max_points", *ids, "written_max", "problems"])
        for r in reports:
            got = {it.exercise: f"{it.points:g}" for it in r.items}
            w.writerow([safe_cell(student_name(r, root)), r.chapter or "", int(r.graded), f"{r.points:g}",
                        f"{r.max_points:g}", *[got.get(i, "") for i in ids], f"{r.written_max_points:g}",
                        safe_cell(" | ".join(r.problems)[:500])])

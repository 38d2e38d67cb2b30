"""Transform 5: run the graded copy under nbval (lax mode) in an isolated subprocess.

The kernel gets its own HOME, IPython and Jupyter folders (nothing of the grader's machine
state leaks in or out), colourless tracebacks (no ANSI codes in JUnit XML), the solutions
folder (for answer keys) and a log file to which every genuine ``check`` appends its verdict.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

__all__ = ["CellResult", "RunResult", "run_nbval", "run_nbval_many"]


@dataclass(frozen=True)
class CellResult:
    """nbval's verdict on one code cell."""

    passed: bool
    """True if the cell ran (and, for check cells, its output matched)."""
    message: str = ""
    """nbval's failure message, first line."""


@dataclass
class RunResult:
    """What the nbval run produced."""

    cells: dict[int, CellResult] = field(default_factory=dict)
    """Code-cell index -> result."""
    log: list[dict[str, object]] = field(default_factory=list)
    """Verdicts appended by the genuine checker, in order."""
    problems: list[str] = field(default_factory=list)
    """Run-level problems (timeouts, kernel death, pytest errors)."""
    junit: str = ""
    """nbval's raw JUnit XML."""


def _isolated_env(tmp: Path, solutions: Path) -> dict[str, str]:
    home = tmp / "home"
    ipy = tmp / "ipython"
    (ipy / "profile_default").mkdir(parents=True, exist_ok=True)
    for name in ("ipython_kernel_config.py", "ipython_config.py"):
        (ipy / "profile_default" / name).write_text("c.InteractiveShell.colors = 'nocolor'\n", encoding="utf-8")
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCALING_HELPERS_", "PYTEST_"))}
    env.update({
        "HOME": str(home), "IPYTHONDIR": str(ipy), "JUPYTER_CONFIG_DIR": str(tmp / "jupyter_config"),
        "JUPYTER_DATA_DIR": str(tmp / "jupyter_data"), "JUPYTER_RUNTIME_DIR": str(tmp / "jupyter_runtime"),
        "MPLCONFIGDIR": str(tmp / "mpl"), "MPLBACKEND": "Agg", "NO_COLOR": "1", "TERM": "dumb",
        "SCALING_HELPERS_SOLUTIONS": str(solutions.resolve()),
        # relative: each kernel starts in its own notebook's folder, so each submission has its own log
        "SCALING_HELPERS_GRADE_LOG": LOG_NAME,
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    })
    return env


LOG_NAME = "checks.jsonl"


def _parse_junit(text: str) -> dict[str, dict[int, CellResult]]:
    """Folder name of each notebook -> code-cell index -> result."""
    out: dict[str, dict[int, CellResult]] = {}
    root = ET.fromstring(text)
    for tc in root.iter("testcase"):
        name = tc.get("name", "")
        if not name.startswith("Cell "):
            continue
        try:
            idx = int(name.split()[1])
        except (IndexError, ValueError):
            continue
        # classname is "<folder>.submission.ipynb" (pytest turns the path's slashes into dots)
        folder = (tc.get("classname") or "").split(".")[0]
        bad = next((c for c in tc if c.tag in ("failure", "error")), None)
        skipped = next((c for c in tc if c.tag == "skipped"), None)
        if bad is not None:
            res = CellResult(False, _first_line(bad.get("message") or bad.text or "failed"))
        elif skipped is not None:
            res = CellResult(False, "skipped")
        else:
            res = CellResult(True)
        out.setdefault(folder, {})[idx] = res
    return out


def _first_line(text: str) -> str:
    text = text.replace("pytest plugin exception: ", "")
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    for ln in lines:
        if "Cell" in ln and ":" in ln and ("exception" in ln or "differ" in ln or "Timeout" in ln):
            return ln[:200]
    return (lines[0] if lines else "failed")[:200]


def _read_log(path: Path) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(rec, dict):
                out.append(rec)
    return out


def run_nbval_many(nbs: dict[str, nbformat.NotebookNode], tmp: Path, solutions: Path, *, cell_timeout: int,
                   total_timeout: int, jobs: int = 1) -> dict[str, RunResult]:
    """Run several graded copies in one pytest session (``-n jobs --dist loadfile`` when jobs > 1).

    Each notebook gets its own folder (and so its own kernel working directory and check log).
    Returns one :class:`RunResult` per key of ``nbs``; never raises for a broken notebook.
    """
    work = tmp / "run"
    work.mkdir(parents=True, exist_ok=True)
    folders: dict[str, str] = {}
    paths = []
    for i, (key, nb) in enumerate(nbs.items()):
        folder = f"s{i:05d}"
        (work / folder).mkdir()
        nbformat.write(nb, str(work / folder / "submission.ipynb"))
        folders[key] = folder
        paths.append(f"{folder}/submission.ipynb")
    (work / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    junit = tmp / "junit.xml"
    cmd = [sys.executable, "-m", "pytest", "-c", str(work / "pytest.ini"), "--rootdir", str(work),
           "-p", "no:cacheprovider", "-p", "no:randomly", "-p", "scaling_helpers.course.grade.nbval_plugin",
           "--nbval-lax", "--nbval-current-env", f"--nbval-cell-timeout={cell_timeout}",
           "--nbval-kernel-startup-timeout=120", f"--junitxml={junit}", "-q", "--color=no"]
    if jobs > 1 and len(nbs) > 1:
        cmd += ["-n", str(jobs), "--dist", "loadfile"]
    cmd += paths
    common: list[str] = []
    try:
        proc = subprocess.run(cmd, cwd=work, env=_isolated_env(tmp, solutions), capture_output=True,
                              text=True, timeout=total_timeout, stdin=subprocess.DEVNULL)
        if proc.returncode not in (0, 1):
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-3:]
            common.append(f"nbval exited with status {proc.returncode}: {' | '.join(tail)[:300]}")
    except subprocess.TimeoutExpired:
        common.append(f"grading stopped after {total_timeout} s (total time limit)")
    cells: dict[str, dict[int, CellResult]] = {}
    raw = ""
    if junit.is_file():
        raw = junit.read_text(encoding="utf-8", errors="replace")
        try:
            cells = _parse_junit(raw)
        except ET.ParseError as exc:
            common.append(f"could not read nbval's report: {exc}")
    out: dict[str, RunResult] = {}
    for key, folder in folders.items():
        out[key] = RunResult(cells=cells.get(folder, {}), log=_read_log(work / folder / LOG_NAME),
                             problems=list(common), junit=raw)
    return out


def run_nbval(nb: nbformat.NotebookNode, tmp: Path, solutions: Path, *, cell_timeout: int,
              total_timeout: int) -> RunResult:
    """Run one graded copy with nbval (see :func:`run_nbval_many`)."""
    return run_nbval_many({"one": nb}, tmp, solutions, cell_timeout=cell_timeout,
                          total_timeout=total_timeout)["one"]

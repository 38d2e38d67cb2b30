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

__all__ = ["CellResult", "RunResult", "run_nbval"]


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


def _isolated_env(tmp: Path, solutions: Path, log: Path) -> dict[str, str]:
    home = tmp / "home"
    ipy = tmp / "ipython"
    (ipy / "profile_default").mkdir(parents=True, exist_ok=True)
    (ipy / "profile_default" / "ipython_kernel_config.py").write_text(
        "c.InteractiveShell.colors = 'nocolor'\n", encoding="utf-8")
    (ipy / "profile_default" / "ipython_config.py").write_text(
        "c.InteractiveShell.colors = 'nocolor'\n", encoding="utf-8")
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCALING_HELPERS_", "PYTEST_"))}
    env.update({
        "HOME": str(home), "IPYTHONDIR": str(ipy), "JUPYTER_CONFIG_DIR": str(tmp / "jupyter_config"),
        "JUPYTER_DATA_DIR": str(tmp / "jupyter_data"), "JUPYTER_RUNTIME_DIR": str(tmp / "jupyter_runtime"),
        "MPLCONFIGDIR": str(tmp / "mpl"), "MPLBACKEND": "Agg", "NO_COLOR": "1", "TERM": "dumb",
        "SCALING_HELPERS_SOLUTIONS": str(solutions.resolve()), "SCALING_HELPERS_GRADE_LOG": str(log),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    })
    return env


def _parse_junit(text: str) -> dict[int, CellResult]:
    out: dict[int, CellResult] = {}
    root = ET.fromstring(text)
    for tc in root.iter("testcase"):
        name = tc.get("name", "")
        if not name.startswith("Cell "):
            continue
        try:
            idx = int(name.split()[1])
        except (IndexError, ValueError):
            continue
        bad = next((c for c in tc if c.tag in ("failure", "error")), None)
        skipped = next((c for c in tc if c.tag == "skipped"), None)
        if bad is not None:
            out[idx] = CellResult(False, _first_line(bad.get("message") or bad.text or "failed"))
        elif skipped is not None:
            out[idx] = CellResult(False, "skipped")
        else:
            out[idx] = CellResult(True)
    return out


def _first_line(text: str) -> str:
    text = text.replace("pytest plugin exception: ", "")
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    for ln in lines:
        if "Cell" in ln and ":" in ln and ("exception" in ln or "differ" in ln or "Timeout" in ln):
            return ln[:200]
    return (lines[0] if lines else "failed")[:200]


def run_nbval(nb: nbformat.NotebookNode, tmp: Path, solutions: Path, *, cell_timeout: int,
              total_timeout: int) -> RunResult:
    """Write ``nb`` into ``tmp`` and run it with nbval; never raises for a broken notebook."""
    work = tmp / "run"
    work.mkdir(parents=True, exist_ok=True)
    nb_path = work / "submission.ipynb"
    nbformat.write(nb, str(nb_path))
    (work / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    log = tmp / "checks.jsonl"
    junit = tmp / "junit.xml"
    cmd = [sys.executable, "-m", "pytest", "-c", str(work / "pytest.ini"), "--rootdir", str(work),
           "-p", "no:cacheprovider", "-p", "no:randomly", "-p", "scaling_helpers.course.grade.nbval_plugin", "--nbval-lax", "--nbval-current-env",
           f"--nbval-cell-timeout={cell_timeout}", f"--junitxml={junit}", "-q", "--color=no",
           "--nbval-kernel-startup-timeout=120", str(nb_path)]
    res = RunResult()
    try:
        proc = subprocess.run(cmd, cwd=work, env=_isolated_env(tmp, solutions, log), capture_output=True,
                              text=True, timeout=total_timeout, stdin=subprocess.DEVNULL)
        if proc.returncode not in (0, 1):
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-3:]
            res.problems.append(f"nbval exited with status {proc.returncode}: {' | '.join(tail)[:300]}")
    except subprocess.TimeoutExpired:
        res.problems.append(f"grading stopped after {total_timeout} s (total time limit)")
    if junit.is_file():
        res.junit = junit.read_text(encoding="utf-8", errors="replace")
        try:
            res.cells = _parse_junit(res.junit)
        except ET.ParseError as exc:
            res.problems.append(f"could not read nbval's report: {exc}")
    if log.is_file():
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                rec = json.loads(line)
                if isinstance(rec, dict):
                    res.log.append(rec)
            except json.JSONDecodeError:
                continue
    return res

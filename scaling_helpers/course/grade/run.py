"""Transform 5: run the graded copies under nbval (lax mode), each kernel in its own sandbox.

The grader's own process writes, into a private folder the kernels never see, the answer keys
(from the solutions) and the sandbox configuration, then runs pytest + nbval + the project's
plugin (:mod:`.nbval_plugin`) in a subprocess. The plugin starts every notebook's kernel in a
bubblewrap sandbox (:mod:`.sandbox`), judges every official check cell from the answer data
the kernel emitted, and writes the verdicts back into the private folder.

Nothing the kernel can reach names the solutions: the pytest process's environment and
command line are out of sight of a kernel in its own PID namespace, and the kernel's own
environment is cleared and rebuilt.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .sandbox import SandboxConfig

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
    """Verdicts computed by the grader's nbval plugin for the official check cells, in order."""
    problems: list[str] = field(default_factory=list)
    """Run-level problems (timeouts, kernel death, pytest errors)."""
    junit: str = ""
    """nbval's raw JUnit XML."""


def _grader_env(tmp: Path) -> dict[str, str]:
    """Environment of the pytest process (trusted). An unsandboxed kernel inherits it."""
    home = tmp / "home"
    ipy = tmp / "ipython"
    (ipy / "profile_default").mkdir(parents=True, exist_ok=True)
    for name in ("ipython_kernel_config.py", "ipython_config.py"):
        (ipy / "profile_default" / name).write_text("c.InteractiveShell.colors = 'nocolor'\n", encoding="utf-8")
    home.mkdir(exist_ok=True)
    conn = tmp / "conn"
    conn.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCALING_HELPERS_", "PYTEST_", "JPY_"))}
    env.update({
        "HOME": str(home), "IPYTHONDIR": str(ipy), "JUPYTER_CONFIG_DIR": str(tmp / "jupyter_config"),
        "JUPYTER_DATA_DIR": str(tmp / "jupyter_data"), "JUPYTER_RUNTIME_DIR": str(tmp / "jupyter_runtime"),
        "MPLCONFIGDIR": str(tmp / "mpl"), "MPLBACKEND": "Agg", "NO_COLOR": "1", "TERM": "dumb",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1", "SCALING_HELPERS_CONN_DIR": str(conn),
    })
    return env


def _mpl_cache(tmp: Path, env: dict[str, str]) -> str:
    """Build matplotlib's font cache once (trusted), to be bound read-only into every sandbox."""
    folder = tmp / "mpl"
    folder.mkdir(exist_ok=True)
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env={**env, "MPLCONFIGDIR": str(folder)},
                   capture_output=True, timeout=120, check=False)
    return str(folder)


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


_EXC_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Died|Limit)): ?(.*)$")


def _first_line(text: str) -> str:
    """One line saying what went wrong: the exception's type and message when there is one."""
    text = text.replace("pytest plugin exception: ", "")
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if any("Cell execution caused an exception" in ln for ln in lines):
        exc = [m for ln in lines if (m := _EXC_LINE.match(ln))]
        if exc:
            name, msg = exc[-1].group(1), exc[-1].group(2)
            return f"{name}: {msg}"[:200] if msg else name
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


def run_nbval_many(nbs: dict[str, nbformat.NotebookNode], tmp: Path, keys: dict[str, object], *,
                   cell_timeout: int, total_timeout: int, notebook_timeout: int = 0, jobs: int = 1,
                   sandbox: SandboxConfig | None = None) -> dict[str, RunResult]:
    """Run several graded copies in one pytest session (``-n jobs --dist loadfile`` when jobs > 1).

    Parameters
    ----------
    nbs
        Key -> graded copy. Each gets its own folder and, through the plugin, its own kernel.
    tmp
        A private folder of the grader's (never visible to a sandboxed kernel).
    keys
        Exercise id -> ``{"key": ..., "explanation": ...}`` from the solutions.
    cell_timeout, total_timeout, notebook_timeout
        Seconds per cell, for the whole session, and per notebook (0: no per-notebook limit).
    jobs
        Parallel workers.
    sandbox
        The sandbox configuration, or ``None`` to run kernels unsandboxed (trusted notebooks only).

    Returns one :class:`RunResult` per key of ``nbs``; never raises for a broken notebook.
    """
    work = tmp / "run"
    private = tmp / "private"
    verdicts = private / "verdicts"
    for d in (work, private, verdicts):
        d.mkdir(parents=True, exist_ok=True)
    folders: dict[str, str] = {}
    paths = []
    for i, (key, nb) in enumerate(nbs.items()):
        folder = f"s{i:05d}"
        (work / folder).mkdir()
        nbformat.write(nb, str(work / folder / "submission.ipynb"))
        folders[key] = folder
        paths.append(f"{folder}/submission.ipynb")
    (work / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (private / "keys.json").write_text(json.dumps(keys), encoding="utf-8")
    junit = private / "junit.xml"
    env = _grader_env(tmp)
    cmd = [sys.executable, "-m", "pytest", "-c", str(work / "pytest.ini"), "--rootdir", str(work),
           "-p", "no:cacheprovider", "-p", "no:randomly", "-p", "scaling_helpers.course.grade.nbval_plugin",
           "--nbval-lax", "--nbval-current-env", f"--nbval-cell-timeout={cell_timeout}",
           "--nbval-kernel-startup-timeout=120", f"--junitxml={junit}", "-q", "--color=no",
           f"--scaling-keys={private / 'keys.json'}", f"--scaling-verdicts={verdicts}"]
    if notebook_timeout:
        cmd.append(f"--scaling-notebook-timeout={notebook_timeout}")
    if sandbox is not None:
        if not sandbox.mpl_cache:
            sandbox.mpl_cache = _mpl_cache(tmp, env)
        sandbox.write(private / "sandbox.json")
        cmd.append(f"--scaling-sandbox={private / 'sandbox.json'}")
    if jobs > 1 and len(nbs) > 1:
        cmd += ["-n", str(jobs), "--dist", "loadfile"]
    cmd += paths
    common: list[str] = []
    try:
        proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=total_timeout,
                              stdin=subprocess.DEVNULL)
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
        out[key] = RunResult(cells=cells.get(folder, {}), log=_read_log(verdicts / f"{folder}.jsonl"),
                             problems=list(common), junit=raw)
    return out


def run_nbval(nb: nbformat.NotebookNode, tmp: Path, keys: dict[str, object], *, cell_timeout: int,
              total_timeout: int, sandbox: SandboxConfig | None = None) -> RunResult:
    """Run one graded copy with nbval (see :func:`run_nbval_many`)."""
    return run_nbval_many({"one": nb}, tmp, keys, cell_timeout=cell_timeout, total_timeout=total_timeout,
                          notebook_timeout=total_timeout, sandbox=sandbox)["one"]

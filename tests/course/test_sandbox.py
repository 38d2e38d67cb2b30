"""The sandbox configuration, the refusal without it, and the --no-sandbox escape hatch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from scaling_helpers.course.grade.sandbox import CONN, SCRATCH, bwrap_argv, make_config, package_root

from ..conftest import ROOT, SOLUTIONS
from .gradekit import solution, write


def _binds(argv: list[str]) -> list[tuple[str, str, str]]:
    return [(argv[i], argv[i + 1], argv[i + 2]) for i, a in enumerate(argv)
            if a in ("--bind", "--ro-bind", "--bind-try", "--ro-bind-try", "--dev-bind")]


def test_the_sandbox_sees_the_system_python_and_package_only(tmp_path):
    data = tmp_path / "runs.csv"
    data.write_text("x\n")
    cfg = make_config(data_files={"chinchilla_points_epoch.csv": str(data)})
    argv = bwrap_argv(cfg)
    binds = _binds(argv)
    assert all(kind == "--ro-bind" for kind, _, _ in binds), "nothing of the host is writable inside"
    sources = [src for _, src, _ in binds]
    assert package_root() in sources
    for hidden in (ROOT, SOLUTIONS, Path.home(), Path(os.environ.get("TMPDIR", "/tmp"))):
        for src in sources:
            assert not Path(hidden).resolve() == Path(src).resolve(), f"{hidden} is visible in the sandbox"
    assert str(Path.home().resolve()) not in sources
    assert not any(Path(s).resolve() == ROOT.resolve() or Path(s) in ROOT.parents for s in sources)
    assert (str(data), f"{SCRATCH}/data/chinchilla_points_epoch.csv") in [(s, d) for _, s, d in binds]
    for flag in ("--unshare-all", "--unshare-user", "--die-with-parent", "--clearenv", "--new-session"):
        assert flag in argv
    env = {argv[i + 1]: argv[i + 2] for i, a in enumerate(argv) if a == "--setenv"}
    assert env["HOME"] == SCRATCH and not any(k.startswith("SCALING_HELPERS_") for k in env)
    assert env["SCALING_LAWS_DATA"].startswith(SCRATCH)
    assert f"--tmpfs {SCRATCH}" in " ".join(argv) and f"--dir {CONN}" in " ".join(argv)


def _grade(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scaling_helpers.grade", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600, cwd=ROOT)


def test_without_a_sandbox_tool_the_grader_refuses_and_says_what_to_install(tmp_path):
    sub = write(solution(), tmp_path / "01_power_laws.ipynb")
    before = sub.read_bytes()
    proc = _grade([str(sub), "--solutions", str(SOLUTIONS), "--json", str(tmp_path / "r.json")],
                  env={"SCALING_HELPERS_BWRAP": str(tmp_path / "no-such-bwrap")})
    assert proc.returncode == 4
    assert "apt-get install bubblewrap" in proc.stderr and "--no-sandbox" in proc.stderr
    assert sub.read_bytes() == before


def test_no_sandbox_grades_trusted_notebooks_and_the_report_says_so(tmp_path):
    sub = write(solution(), tmp_path / "01_power_laws.ipynb")
    proc = _grade([str(sub), "--solutions", str(SOLUTIONS), "--json", str(tmp_path / "r.json"), "--no-sandbox"],
                  env={"SCALING_HELPERS_BWRAP": str(tmp_path / "no-such-bwrap")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rep = json.loads((tmp_path / "r.json").read_text())
    assert rep["sandboxed"] is False and rep["points"] == rep["max_points"]
    assert "WITHOUT the sandbox" in proc.stdout

"""Grader runs where the exit status or a whole-grader effect is the point.

Attacks that kill the grader (one submission per run: they would take a class run down with
them), the refusal to grade without bubblewrap, unreadable files (status 2, always a report),
and the per-submission time limit of class mode.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from scaling_helpers.course.grade import grade_submission

from ...conftest import SOLUTIONS
from ..gradekit import AUTO, IDS, STEM, sha, solution, write
from .advkit import (
    TOKEN,
    Attack,
    canary_home,
    hostile_notebook,
    load_class,
    malformed_files,
    require_bwrap,
    run_grader,
)

NO_BWRAP = {"SCALING_HELPERS_BWRAP": "/nonexistent"}

KILLERS = [
    Attack("kill-parent", "kill", '''\
"""Kill the kernel's parent process (whatever runs it for the grader) with SIGKILL."""
os.kill(os.getppid(), 9)
time.sleep(2)
'''),
    Attack("kill-process-groups", "kill", '''\
"""os.killpg the kernel's own process group, its parent's, and every process of its session."""
import signal
me, sid = os.getpid(), os.getsid(0)
for pid in _adv_proc("stat"):
    try:
        if pid != me and os.getsid(pid) == sid:
            os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
for pgid in (os.getpgid(os.getppid()), os.getpgid(0)):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except OSError:
        pass
time.sleep(2)
'''),
    Attack("kill-all-python", "kill", '''\
"""Kill every python process found in /proc (only this test's grader tree, marked in its environment)."""
me = os.getpid()
environ = _adv_proc("environ")
for pid, cmd in _adv_proc("cmdline").items():
    if pid != me and "python" in cmd and "ADV_GRADER_TOKEN=__TOKEN__" in environ.get(pid, ""):
        try:
            os.kill(pid, 9)
        except OSError:
            pass
time.sleep(2)
'''),
]

RAN = Attack("ran-before-refusing", "kill", '''\
"""Leave a trace on the host: proves the notebook was run (outside any sandbox)."""
Path("/tmp/adv-ran-__TOKEN__").write_text("ran")
''')

DRIP = Attack("denial-drip", "denial", "\"\"\"25 cells that each sleep just under the cell timeout.\"\"\"\n"
              + "# %% cell\n".join(["time.sleep(9)\n"] * 25))
LOOP = Attack("denial-infinite-loop", "denial", '''\
"""A plain infinite loop."""
while True:
    pass
''')
STUBBORN = Attack("denial-stubborn-loop", "denial", '''\
"""An infinite loop that ignores SIGINT and SIGTERM and swallows KeyboardInterrupt."""
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
''')


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A canary HOME for the grader."""
    return canary_home(tmp_path / "home")


@pytest.fixture
def solutions(tmp_path: Path) -> Path:
    """A private copy of the solutions for the grader."""
    return Path(shutil.copytree(SOLUTIONS, tmp_path / "solutions"))


@pytest.mark.parametrize("atk", KILLERS, ids=lambda a: a.id)
def test_killing_the_grader_fails_and_a_report_is_written(tmp_path: Path, home: Path, solutions: Path,
                                                          atk: Attack) -> None:
    require_bwrap()
    sub = tmp_path / "sub" / f"{STEM}.ipynb"
    sub.parent.mkdir()
    nbformat.write(hostile_notebook(atk), str(sub))
    before, out = sha(sub), tmp_path / "report.json"
    run = run_grader([str(sub), "--solutions", str(solutions), "--json", str(out), "--cell-timeout", "15",
                      "--timeout", "90"], home=home, timeout=300)
    assert run.returncode == 0, f"{atk.id} ({atk.doc}): grader exit {run.returncode}\n{run.output}"
    assert out.is_file(), f"{atk.id}: no report\n{run.output}"
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert rep["sandboxed"] is True and rep["points"] == 0 and rep["max_points"] == AUTO
    assert sha(sub) == before


def test_refuses_to_grade_without_bubblewrap(tmp_path: Path, home: Path, solutions: Path) -> None:
    """Simulated absence (SCALING_HELPERS_BWRAP=/nonexistent): status 4, nothing run."""
    trace = Path("/tmp") / f"adv-ran-{TOKEN}"
    sub = tmp_path / f"{STEM}.ipynb"
    nbformat.write(hostile_notebook(RAN), str(sub))
    before, out = sha(sub), tmp_path / "report.json"
    try:
        run = run_grader([str(sub), "--solutions", str(solutions), "--json", str(out)], home=home, timeout=300,
                         extra_env=NO_BWRAP)
        ran = trace.exists()
    finally:
        trace.unlink(missing_ok=True)
    assert run.returncode == 4, run.output
    assert "--no-sandbox" in run.output, "the refusal should say how to grade anyway"
    assert not ran, "the submission was run before the grader refused"
    assert sha(sub) == before
    if out.is_file():
        rep = json.loads(out.read_text(encoding="utf-8"))
        assert rep["points"] == 0 and rep["sandboxed"] is False


# The two that may be repaired and graded are covered by the class run (they cost a kernel each).
@pytest.mark.parametrize("name", ["cells-not-a-list", "invalid-utf8", "nested-json", "whitespace-only", "zero-bytes"])
def test_unreadable_file_exit_status_and_report(tmp_path: Path, home: Path, name: str) -> None:
    sub = tmp_path / f"{STEM}.ipynb"
    sub.write_bytes(malformed_files()[name])
    before, out = sha(sub), tmp_path / "report.json"
    run = run_grader([str(sub), "--solutions", str(SOLUTIONS), "--json", str(out), "--cell-timeout", "15",
                      "--timeout", "90"], home=home, timeout=300)
    assert out.is_file(), f"no report (exit {run.returncode}):\n{run.output}"
    rep = json.loads(out.read_text(encoding="utf-8"))
    assert rep["points"] == 0 and rep["problems"], "an ungraded report must say why"
    assert rep["graded"] is False and run.returncode == 2, run.output
    assert [i["exercise"] for i in rep["items"]] == IDS
    assert sha(sub) == before


def test_python_api_never_raises_on_unreadable_files(tmp_path: Path) -> None:
    for name, content in malformed_files().items():
        sub = tmp_path / name / f"{STEM}.ipynb"
        sub.parent.mkdir()
        sub.write_bytes(content)
        if name in ("check-without-source", "source-not-strings"):
            continue  # may be graded (a kernel run); the CLI test above covers them
        rep = grade_submission(sub, SOLUTIONS, cell_timeout=15, total_timeout=90)
        assert rep.graded is False and rep.points == 0 and rep.problems, name


def test_per_submission_timeout_bounds_a_class(tmp_path: Path, home: Path, solutions: Path) -> None:
    """--timeout 20 --cell-timeout 10: slow and looping notebooks cost at most ~20 s each; the
    honest classmate is graded normally. Without a per-submission limit the drip alone needs 225 s."""
    require_bwrap()
    folder = tmp_path / f"class-{TOKEN}"
    for atk in (DRIP, LOOP, STUBBORN):
        (folder / atk.id).mkdir(parents=True)
        nbformat.write(hostile_notebook(atk), str(folder / atk.id / f"{STEM}.ipynb"))
    (folder / "honest").mkdir()
    write(solution(), folder / "honest" / f"{STEM}.ipynb")
    run = run_grader([str(folder), "--solutions", str(solutions), "--csv", str(tmp_path / "scores.csv"),
                      "--json-dir", str(tmp_path / "reports"), "--jobs", "2", "--cell-timeout", "10",
                      "--timeout", "20"], home=home, timeout=600)
    assert run.returncode == 0, run.output
    rows, reports = load_class(tmp_path / "scores.csv", tmp_path / "reports")
    assert set(rows) == set(reports) == {"honest", DRIP.id, LOOP.id, STUBBORN.id}, run.output
    assert reports["honest"]["points"] == AUTO, reports["honest"]
    for atk in (DRIP, LOOP, STUBBORN):
        rep = reports[atk.id]
        assert rep["graded"] is True and rep["points"] == 0 and rep["problems"], rep
    assert run.seconds < 3 * 20 + 40, f"the class took {run.seconds:.0f} s: --timeout 20 is not per submission"

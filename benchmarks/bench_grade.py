"""Time to grade one submission (solutions and blank exercises), with and without the sandbox,
against nbval on a trivial notebook.

Run: ``python benchmarks/bench_grade.py``. Targets: <= 10 s per submission; the sandbox costs
under 10% (the ratio "sandbox / no sandbox" printed at the end). Runs alternate between the two
modes so that machine load affects both alike.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from scaling_helpers.course.grade import grade_submission
from scaling_helpers.course.grade.pipeline import default_sandbox

from _common import ROOT, report, timed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        trivial = Path(tmp) / "trivial.ipynb"
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
        nbformat.write(nb, str(trivial))
        (Path(tmp) / "pytest.ini").write_text("[pytest]\n")
        cmd = [sys.executable, "-m", "pytest", "-q", "-c", str(Path(tmp) / "pytest.ini"), "-p", "no:cacheprovider",
               "--nbval-lax", "--nbval-current-env", str(trivial)]
        base = timed(lambda: subprocess.run(cmd, capture_output=True, check=True), repeat=3)
        report("baseline: nbval on a trivial notebook", base, min(base))
        sandbox = default_sandbox()
        both: dict[bool, list[float]] = {True: [], False: []}
        for label, path in (("solutions (full marks)", ROOT / "solutions" / "01_power_laws.ipynb"),
                            ("blank exercises (zero)", ROOT / "exercises" / "01_power_laws.ipynb")):
            secs: dict[bool, list[float]] = {True: [], False: []}
            for _ in range(3):
                for sandboxed in (True, False):
                    secs[sandboxed] += timed(lambda p=path, s=sandboxed: grade_submission(
                        p, ROOT / "solutions", sandbox=sandbox if s else None, no_sandbox=not s))
            for sandboxed in (True, False):
                both[sandboxed] += secs[sandboxed]
                mode = "sandbox" if sandboxed else "no sandbox"
                report(f"grade 01_power_laws: {label}, {mode}", secs[sandboxed], min(base))
        ratio = statistics.median(both[True]) / statistics.median(both[False])
        print(f"sandbox / no sandbox (median of all runs): {ratio:.3f}  ({(ratio - 1) * 100:+.1f}%)")


if __name__ == "__main__":
    main()

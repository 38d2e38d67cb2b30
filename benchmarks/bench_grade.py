"""Time to grade one submission (solutions and blank exercises), against nbval on a trivial notebook.

Run: ``python benchmarks/bench_grade.py``. Target (DESIGN.md): <= 10 s per submission.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from scaling_helpers.course.grade import grade_submission

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
        for label, path in (("solutions (full marks)", ROOT / "solutions" / "01_power_laws.ipynb"),
                            ("blank exercises (zero)", ROOT / "exercises" / "01_power_laws.ipynb")):
            secs = timed(lambda p=path: grade_submission(p, ROOT / "solutions"), repeat=3)
            report(f"grade 01_power_laws: {label}", secs, min(base))


if __name__ == "__main__":
    main()

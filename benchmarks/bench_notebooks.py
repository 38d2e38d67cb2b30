"""Time to execute each lecture and solution notebook, and the whole course, against a trivial
notebook (baseline).

Run: ``python benchmarks/bench_notebooks.py``. Target (DESIGN.md): <= 20 s per notebook.
"""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from _common import ROOT, report, timed


def run(nb: nbformat.NotebookNode, cwd: str) -> None:
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": cwd}}).execute()


def main() -> None:
    trivial = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    base = timed(lambda: run(trivial, str(ROOT)), repeat=3)
    report("baseline: trivial notebook", base, min(base))
    total = 0.0
    for folder in ("notebooks", "solutions"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            secs = timed(lambda nb=nb, p=path: run(nb, str(p.parent)), repeat=1)
            total += secs[0]
            report(f"{folder}/{path.name}", secs, min(base))
    print(f"whole course (every lecture and solution notebook, one after another): {total:.1f} s "
          f"(DESIGN.md target: 180 s)")


if __name__ == "__main__":
    main()

"""The build pipeline, declared in order.

solutions/NN.ipynb --validate--> --plan--> --execute (record keys)--> solutions/NN.ipynb (outputs stored)
                   --plan--> --strip solutions--> --strip model answers--> --strip solution metadata-->
                   --clear outputs--> exercises/NN.ipynb
notebooks/NN.ipynb --execute--> notebooks/NN.ipynb
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from .clear_outputs import clear_outputs
from .execute import execute
from .plan import add_plan
from .strip_model_answers import strip_model_answers
from .strip_solution_metadata import strip_solution_metadata
from .strip_solutions import strip_solutions
from .validate import validate_solutions

__all__ = ["student_copy", "build_chapter", "execute_lecture", "write_notebook"]


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write ``nb`` with a trailing newline and stable formatting (1-space indent, as Jupyter)."""
    text = nbformat.writes(nb)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def student_copy(solution: nbformat.NotebookNode, stem: str) -> nbformat.NotebookNode:
    """The student copy of a solutions notebook (pure: no execution)."""
    nb = copy.deepcopy(solution)
    # 1. validate first: a malformed notebook must not produce a half-stripped student copy.
    validate_solutions(nb, stem)
    # 2. the plan table after the title, refreshed from the specs;
    add_plan(nb, stem)
    # 3. strip solution code, written model answers and solution-only metadata (explanations);
    # 4. clear outputs, which would otherwise show the answers.
    strip_solutions(nb)
    strip_model_answers(nb)
    strip_solution_metadata(nb)
    clear_outputs(nb)
    return nb


def build_chapter(root: Path, stem: str, *, execute_solutions: bool = True) -> None:
    """Execute ``solutions/{stem}.ipynb`` (recording keys) and write ``exercises/{stem}.ipynb``.

    The plan cell of the solutions is refreshed on every build; without execution the solutions
    file is rewritten only if its plan changed.
    """
    sol_path = root / "solutions" / f"{stem}.ipynb"
    nb = nbformat.read(sol_path, as_version=4)
    validate_solutions(nb, stem)
    before = nbformat.writes(nb)
    add_plan(nb, stem)
    if execute_solutions:
        execute(nb, sol_path.parent, record=True)
        write_notebook(nb, sol_path)
    elif nbformat.writes(nb) != before:
        write_notebook(nb, sol_path)
    out_dir = root / "exercises"
    out_dir.mkdir(exist_ok=True)
    write_notebook(student_copy(nb, stem), out_dir / f"{stem}.ipynb")


def execute_lecture(path: Path) -> None:
    """Execute a lecture notebook in place."""
    nb = nbformat.read(path, as_version=4)
    execute(nb, path.parent)
    write_notebook(nb, path)

"""Student copies: generated from solutions/, never stale, never leaking solution code."""

from __future__ import annotations

import copy
import json

import nbformat
import pytest

from scaling_helpers.course.build import student_copy
from scaling_helpers.course.build.pipeline import write_notebook
from scaling_helpers.course.build.strip_solutions import strip_source
from scaling_helpers.course.build.validate import validate_solutions
from scaling_helpers.course.specs import CHAPTERS, all_exercises, for_chapter

from ..conftest import EXERCISES, SOLUTIONS


@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_exercises_are_in_sync_with_solutions(stem, tmp_path):
    sol = nbformat.read(SOLUTIONS / f"{stem}.ipynb", as_version=4)
    fresh = tmp_path / f"{stem}.ipynb"
    write_notebook(student_copy(sol, stem), fresh)
    committed = (EXERCISES / f"{stem}.ipynb").read_text(encoding="utf-8")
    assert committed == fresh.read_text(encoding="utf-8"), (
        f"exercises/{stem}.ipynb is stale: run `python -m scaling_helpers.build --no-execute {stem}`")


@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_exercises_contain_no_solution_code_or_outputs(stem):
    text = (EXERCISES / f"{stem}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    nb = json.loads(text)
    sol = nbformat.read(SOLUTIONS / f"{stem}.ipynb", as_version=4)
    solution_lines = set()
    for cell in sol.cells:
        inside = False
        for line in cell.source.splitlines():
            if "BEGIN SOLUTION" in line:
                inside = True
            elif "END SOLUTION" in line:
                inside = False
            elif inside and line.strip():
                solution_lines.add(line.strip())
    for cell in nb["cells"]:
        assert not cell.get("outputs"), "student copies must not carry outputs (they show answers)"
        meta = cell.get("metadata", {}).get("scaling_helpers", {})
        assert "explanation" not in meta and "key" not in meta, "solution-only metadata leaked"
        for line in "".join(cell["source"]).splitlines():
            assert line.strip() not in solution_lines, f"solution line leaked: {line!r}"
    assert "scaling_helpers" not in json.dumps(nb.get("metadata", {}).get("widgets", {}))


@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_solutions_are_executed_and_well_formed(stem):
    sol = nbformat.read(SOLUTIONS / f"{stem}.ipynb", as_version=4)
    validate_solutions(sol, stem)
    for cell in sol.cells:
        if cell.cell_type == "code" and cell.source.strip():
            assert cell.execution_count is not None, "run `python -m scaling_helpers.build` to execute solutions"


def test_strip_source_stubs():
    src = "x = 1\n### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION\nprint(x)"
    assert strip_source(src, "answer") == "x = 1\nanswer = ...  # YOUR ANSWER HERE\nprint(x)"
    fn = "def f(a):\n    ### BEGIN SOLUTION\n    return a\n    ### END SOLUTION"
    assert strip_source(fn, "f") == "def f(a):\n    ...  # YOUR CODE HERE"


@pytest.mark.parametrize(
    "src",
    ["### BEGIN SOLUTION\nx = 1", "x = 1\n### END SOLUTION", "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION"],
)
def test_strip_source_rejects_broken_markers(src):
    with pytest.raises(ValueError):
        strip_source(src, "x")


def test_validate_reports_every_problem():
    sol = nbformat.read(SOLUTIONS / "01_power_laws.ipynb", as_version=4)
    nb = copy.deepcopy(sol)
    checks = [c for c in nb.cells if c.metadata.get("scaling_helpers", {}).get("role") == "check"]
    checks[0].source = 'check("1.1", 0.8)'
    nb.cells.remove(checks[1])
    with pytest.raises(ValueError) as err:
        validate_solutions(nb, "01_power_laws")
    assert "must be exactly" in str(err.value) and "exercise 1.2" in str(err.value)


def test_exercise_ids_unique_and_specs_complete():
    exs = all_exercises()
    assert len(exs) == sum(len(for_chapter(s)) for s in CHAPTERS)
    kinds = {e.kind for e in for_chapter("01_power_laws")}
    assert {"number", "numbers", "function", "choice"} <= kinds
    assert len(for_chapter("01_power_laws")) >= 6


def test_classroom_workflow_runs_the_grader():
    import yaml

    from ..conftest import ROOT

    wf = yaml.safe_load((ROOT / "classroom" / "grade-workflow.yml").read_text(encoding="utf-8"))
    steps = wf["jobs"]["grade"]["steps"]
    script = "\n".join(s.get("run", "") for s in steps)
    assert "python -m scaling_helpers.grade" in script and "--solutions" in script and "--junitxml" in script
    assert "secrets.SOLUTIONS_TAR_B64" in str(steps)
    # the grader refuses untrusted work without its sandbox: the workflow installs it, never skips it
    assert "bubblewrap" in script and "--no-sandbox" not in script

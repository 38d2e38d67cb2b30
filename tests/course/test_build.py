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


# ---- written items and the plan table ----

def _sol(stem: str = "01_power_laws") -> nbformat.NotebookNode:
    return nbformat.read(SOLUTIONS / f"{stem}.ipynb", as_version=4)


def test_student_copy_replaces_model_answers_by_a_placeholder(written_item):
    from .writtenkit import MODEL, add_written, written_cell

    sol = add_written(_sol())
    validate_solutions(sol, "01_power_laws")
    copy_ = student_copy(sol, "01_power_laws")
    cell = written_cell(copy_)
    assert cell.source == "*Write your answer here (12–60 words).*"
    assert cell.metadata["scaling_helpers"] == {"written": "1.w9"}
    assert MODEL not in nbformat.writes(copy_)
    assert written_cell(sol).source == MODEL  # the solutions are not touched
    assert copy_.cells[copy_.cells.index(cell) + 1].source == 'check("1.w9")'


def test_validate_written_cells(written_item):
    from .writtenkit import add_written, written_cell

    sol = add_written(_sol())
    missing = copy.deepcopy(sol)
    missing.cells.remove(written_cell(missing))
    twice = add_written(sol)
    unknown = copy.deepcopy(sol)
    written_cell(unknown).metadata["scaling_helpers"]["written"] = "1.w77"
    no_check = copy.deepcopy(sol)
    no_check.cells[-1].source = 'check("1.1")'
    code = copy.deepcopy(sol)
    written_cell(code).cell_type = "code"
    for nb, phrase in ((missing, "1.w9: 0 markdown cell(s)"), (twice, "1.w9: 2 markdown cell(s)"),
                       (unknown, "1.w77 is not in WRITTEN"), (no_check, 'must be check("1.w9")'),
                       (code, "must be a markdown cell")):
        with pytest.raises(ValueError) as err:
            validate_solutions(nb, "01_power_laws")
        assert phrase in str(err.value), str(err.value)


def test_written_check_cell_may_carry_the_check_role(written_item):
    from .writtenkit import add_written

    sol = add_written(_sol())
    sol.cells[-1].metadata["scaling_helpers"] = {"role": "check", "exercise": "1.w9"}
    validate_solutions(sol, "01_power_laws")


def test_format_minutes():
    from scaling_helpers.course.build.plan import format_minutes

    assert [format_minutes(m) for m in (5, 60, 85, 125)] == ["5 min", "1 h", "1 h 25 min", "2 h 5 min"]


def _plan_cells(nb):
    return [c for c in nb.cells if c.metadata.get("scaling_helpers", {}).get("role") == "plan"]


def test_plan_after_the_title_lists_every_item_with_totals(written_item):
    from scaling_helpers.course.build.plan import add_plan, format_minutes
    from scaling_helpers.course.specs import written_for_chapter

    from .writtenkit import add_written

    stem = "01_power_laws"
    nb = add_plan(add_written(_sol()), stem)
    plans = _plan_cells(nb)
    assert len(plans) == 1 and nb.cells.index(plans[0]) == 1 and nb.cells[0].source.startswith("# ")
    text = plans[0].source
    items = [*for_chapter(stem), *written_for_chapter(stem)]
    for it in items:
        assert f"| {it.id} | " in text and f"| {it.level} | {format_minutes(it.minutes)} | {it.points} |" in text
    assert "| 1.w9 | Why a straight line on log-log axes | stretch | 15 min | 3 | by your instructor (rubric) |" in text
    core = [it for it in items if it.level == "core"]
    assert f"**Core:** about {format_minutes(sum(i.minutes for i in core))}, {sum(i.points for i in core)} points" \
        in text
    assert f"**With stretch:** about {format_minutes(sum(i.minutes for i in items))}" in text
    auto = sum(e.points for e in for_chapter(stem))
    assert f"({auto} checked automatically, {sum(w.points for w in written_for_chapter(stem))} marked" in text
    # rows follow the notebook: the written item comes last, after the check cells of the exercises
    assert text.index("| 1.w9 |") > max(text.index(f"| {e.id} |") for e in for_chapter(stem))


def test_plan_is_idempotent_and_in_both_copies(written_item, tmp_path):
    from scaling_helpers.course.build.plan import PLAN_CELL_ID, add_plan

    from .writtenkit import add_written

    stem = "01_power_laws"
    nb = add_plan(add_written(_sol()), stem)
    once = nbformat.writes(nb)
    assert nbformat.writes(add_plan(nb, stem)) == once
    moved = copy.deepcopy(nb)
    plan = _plan_cells(moved)[0]
    moved.cells.remove(plan)
    moved.cells.append(plan)
    plan.source = "stale"
    moved.cells.insert(5, copy.deepcopy(plan))  # a duplicate is dropped
    assert nbformat.writes(add_plan(moved, stem)) == once
    exercise = student_copy(nb, stem)
    assert _plan_cells(exercise)[0].source == _plan_cells(nb)[0].source
    assert _plan_cells(exercise)[0].get("id") == PLAN_CELL_ID
    # solutions with or without a (stale) plan give the same student copy
    base = add_written(_sol())
    stale = add_plan(copy.deepcopy(base), stem)
    _plan_cells(stale)[0].source = "stale"
    assert nbformat.writes(student_copy(base, stem)) == nbformat.writes(student_copy(stale, stem))


def test_plan_without_stretch_items_states_one_total(monkeypatch):
    from importlib import import_module

    from scaling_helpers.course import specs as specs_pkg
    from scaling_helpers.course.build.plan import plan_markdown

    mod = import_module(f"{specs_pkg.__name__}.{specs_pkg.CHAPTERS['01_power_laws']}")
    import dataclasses

    monkeypatch.setattr(mod, "EXERCISES", tuple(dataclasses.replace(e, level="core") for e in mod.EXERCISES))
    monkeypatch.setattr(mod, "WRITTEN", (), raising=False)
    text = plan_markdown("01_power_laws")
    assert "**Core (every item):**" in text and "With stretch" not in text and "instructor" not in text


def test_build_without_execution_refreshes_the_plan_of_both_copies(written_item, tmp_path):
    from scaling_helpers.course.build import build_chapter
    from scaling_helpers.course.build.plan import add_plan

    from .writtenkit import MODEL, add_written, written_cell

    stem = "01_power_laws"
    (tmp_path / "solutions").mkdir()
    sol = add_written(_sol())
    for c in _plan_cells(sol):
        sol.cells.remove(c)
    write_notebook(sol, tmp_path / "solutions" / f"{stem}.ipynb")
    build_chapter(tmp_path, stem, execute_solutions=False)
    built = nbformat.read(tmp_path / "solutions" / f"{stem}.ipynb", as_version=4)
    exercise = nbformat.read(tmp_path / "exercises" / f"{stem}.ipynb", as_version=4)
    assert _plan_cells(built)[0].source == _plan_cells(add_plan(sol, stem))[0].source == _plan_cells(exercise)[0].source
    assert written_cell(built).source == MODEL and MODEL not in nbformat.writes(exercise)
    before = (tmp_path / "solutions" / f"{stem}.ipynb").read_bytes()
    build_chapter(tmp_path, stem, execute_solutions=False)
    assert (tmp_path / "solutions" / f"{stem}.ipynb").read_bytes() == before

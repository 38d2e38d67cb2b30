"""Course-wide quality gates over every lecture, solution and exercise notebook."""

from __future__ import annotations

import ast
import json
import re

import pytest

import scaling_helpers
from scaling_helpers.course.specs import CHAPTERS, all_exercises

from .conftest import EXERCISES, NOTEBOOKS, ROOT, SOLUTIONS

LECTURES = sorted(NOTEBOOKS.glob("*.ipynb"))
SOLVED = sorted(SOLUTIONS.glob("*.ipynb"))
ALL = LECTURES + SOLVED + sorted(EXERCISES.glob("*.ipynb"))
PUBLIC_NAMES = set(scaling_helpers.__all__)


def _cells(path, kind):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [("".join(c["source"]), c) for c in nb["cells"] if c["cell_type"] == kind]


def _code(src: str) -> ast.Module | None:
    lines = ["" if ln.lstrip().startswith(("%", "!")) else ln for ln in src.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_imports_the_package(path):
    code = "\n".join(src for src, _ in _cells(path, "code"))
    assert re.search(r"^\s*(from|import) scaling_helpers", code, re.M), f"{path.name} must import scaling_helpers"


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.name)
def test_lectures_reimplement_no_formula(path):
    """Lectures call the package; they define no functions (formulas live in scaling_helpers)."""
    for src, _ in _cells(path, "code"):
        tree = _code(src)
        assert tree is not None, f"{path.name}: a code cell does not parse:\n{src[:200]}"
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)), (
                f"{path.name} defines a function in a lecture cell; move the formula to scaling_helpers:\n{src[:300]}")


@pytest.mark.parametrize("path", LECTURES + SOLVED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_package_name_is_redefined(path):
    for src, _ in _cells(path, "code"):
        tree = _code(src)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in PUBLIC_NAMES:
                pytest.fail(f"{path.name} redefines scaling_helpers.{node.name}")


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.name)
def test_lecture_structure(path):
    md = "\n".join(src for src, _ in _cells(path, "markdown")).lower()
    for heading in ("learning objectives", "summary", "references"):
        assert heading in md, f"{path.name} lacks a '{heading}' section"
    assert re.search(r"arxiv[: ]\s*\d{4}\.\d{4,5}", md), f"{path.name} cites no arXiv paper"
    assert f"exercises/{path.name}" in md, f"{path.name} does not link to its exercises"


def test_every_chapter_has_lecture_solutions_and_exercises():
    for stem in CHAPTERS:
        for folder in (NOTEBOOKS, SOLUTIONS, EXERCISES):
            assert (folder / f"{stem}.ipynb").is_file(), f"{folder.name}/{stem}.ipynb is missing"
    assert len(all_exercises()) == len({e for e in all_exercises()})


MACHINE = re.compile(r"(/wor[k]/|/root/|/home/\w+/|/tmp/[\w.-]+/|\\\\Users\\\\|site-packages)")
ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]{6,}|<[\w.]+ object at 0x")


@pytest.mark.parametrize("path", LECTURES + SOLVED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_outputs_hold_no_machine_path_or_address(path):
    for _, cell in _cells(path, "code"):
        for out in cell.get("outputs", []):
            texts = [out.get("text", "")] + [v for k, v in out.get("data", {}).items() if k.startswith("text/")]
            for t in texts:
                t = "".join(t) if isinstance(t, list) else str(t)
                assert not MACHINE.search(t), f"{path.name}: output shows a machine path: {MACHINE.search(t)[0]}"
                assert not ADDRESS.search(t), f"{path.name}: output shows a memory address"
            assert out.get("output_type") != "error", f"{path.name}: a stored output is an error"


def test_readme_lists_every_chapter():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for stem in CHAPTERS:
        assert f"notebooks/{stem}.ipynb" in readme, f"README does not list {stem}"

"""The package layout: one subpackage per topic, shared foundations in ``common``, notebooks import topics."""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil

import pytest

import scaling_helpers

from .conftest import NOTEBOOKS, ROOT, SOLUTIONS

PACKAGE = ROOT / "scaling_helpers"
#: One subpackage per topic, in chapter order.
TOPICS = ("powerlaws", "kaplan", "chinchilla", "hyperparams", "compute", "overtraining", "moe", "testtime",
          "datalimits", "capabilities", "lab", "planning")
#: The only other subpackages: shared foundations, the lectures' quick checks, the course machinery.
SHARED = ("common", "quizzes", "course")
#: The only modules at the top level besides __init__: the ``python -m scaling_helpers.<command>`` entry points.
TOP_LEVEL_MODULES = {"build", "grade", "slides", "fetch_data"}


@pytest.mark.parametrize("name", TOPICS + ("common",))
def test_topic_imports_and_says_what_it_covers(name):
    module = importlib.import_module(f"scaling_helpers.{name}")
    doc = (module.__doc__ or "").strip()
    assert doc and len(doc.splitlines()[0]) > 20, f"scaling_helpers.{name} needs a docstring saying what it covers"
    for public in module.__all__:
        assert hasattr(module, public), f"scaling_helpers.{name}.__all__ lists {public!r}, which it does not define"


def test_subpackages_are_the_topics_and_the_shared_wings():
    found = {m.name for m in pkgutil.iter_modules([str(PACKAGE)]) if m.ispkg}
    assert found == set(TOPICS) | set(SHARED)


def test_no_chapter_module_at_the_top_level():
    modules = {m.name for m in pkgutil.iter_modules([str(PACKAGE)]) if not m.ispkg}
    assert modules == TOP_LEVEL_MODULES, f"move {sorted(modules - TOP_LEVEL_MODULES)} into its topic"
    assert not list(PACKAGE.glob("*_figures.py"))


def test_top_level_reexports_only_the_shared_units():
    from scaling_helpers.common import units

    assert set(scaling_helpers.__all__) <= set(units.__all__)


def _imported_modules(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"])
        lines = ["" if ln.lstrip().startswith(("%", "!")) else ln for ln in src.splitlines()]
        try:
            tree = ast.parse("\n".join(lines))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("scaling_helpers"):
                yield node.module
            elif isinstance(node, ast.Import):
                yield from (a.name for a in node.names if a.name.startswith("scaling_helpers"))


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")) + sorted(SOLUTIONS.glob("*.ipynb")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebooks_import_topics_never_private_modules(path):
    for module in _imported_modules(path):
        parts = module.split(".")
        assert not any(p.startswith("_") for p in parts), f"{path.name} imports the private module {module}"
        assert len(parts) == 1 or parts[1] in TOPICS + SHARED, f"{path.name} imports {module}, not a topic"
        importlib.import_module(module)

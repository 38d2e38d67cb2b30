"""A small written-item fixture: one extra written item on a real chapter, for the tests of the
written-answer machinery (build, check, grader, review file, merge), independent of which chapters
have written items of their own."""

from __future__ import annotations

import copy
from importlib import import_module

import nbformat
import pytest

from scaling_helpers.course import specs
from scaling_helpers.course.check.written import placeholder
from scaling_helpers.course.specs import Criterion, Written

STEM = "01_power_laws"
ITEM = Written(id="1.w9", title="Why a straight line on log-log axes", level="stretch", minutes=15,
               rubric=(Criterion("names the logarithm of both sides", 2), Criterion("states what the slope is", 1)),
               min_words=12, max_words=60)
MODEL = ("Taking logarithms of both sides of y = a x^(-alpha) gives log y = log a - alpha log x, "
         "a straight line whose slope is minus the exponent and whose intercept is log a.")


@pytest.fixture
def written_item(monkeypatch: pytest.MonkeyPatch) -> Written:
    """Add :data:`ITEM` to chapter :data:`STEM`'s ``WRITTEN`` for the duration of a test."""
    mod = import_module(f"{specs.__name__}.{specs.CHAPTERS[STEM]}")
    monkeypatch.setattr(mod, "WRITTEN", (*getattr(mod, "WRITTEN", ()), ITEM), raising=False)
    return ITEM


def add_written(nb: nbformat.NotebookNode, text: str | None = MODEL, item: Written = ITEM) -> nbformat.NotebookNode:
    """A copy of ``nb`` with the item appended as the solutions have it: question, written cell, check cell.

    ``text=None`` writes the student copy's placeholder.
    """
    nb = copy.deepcopy(nb)
    question = nbformat.v4.new_markdown_cell(f"## {item.id} {item.title}\n\nExplain in {item.min_words}–"
                                             f"{item.max_words} words.")
    answer = nbformat.v4.new_markdown_cell(placeholder(item) if text is None else text)
    answer.metadata["scaling_helpers"] = {"written": item.id}
    check = nbformat.v4.new_code_cell(f'check("{item.id}")')
    nb.cells += [question, answer, check]
    return nb


def written_cell(nb: nbformat.NotebookNode, item_id: str = ITEM.id) -> nbformat.NotebookNode:
    """The (first) markdown cell marked with ``item_id``."""
    return next(c for c in nb.cells if c.metadata.get("scaling_helpers", {}).get("written") == item_id)

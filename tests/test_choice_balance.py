"""Graded multiple-choice items must not be guessable by their form.

The right letter of each ``choice`` exercise is the one its solution assigns (between
``### BEGIN SOLUTION`` and ``### END SOLUTION``). Across the course the right option may be the
strictly longest one in at most a quarter of the items, and no letter may be right in more than
35% of them. The options a student reads (the markdown of the exercise) must be the spec's options.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from scaling_helpers.course import specs
from scaling_helpers.course.specs import Exercise

SOLUTIONS = Path(__file__).resolve().parents[1] / "solutions"
MAX_LONGEST_SHARE = 0.25
MAX_LETTER_SHARE = 0.35
BULLET = re.compile(r"^\* \*\*([A-Z])\.\*\* (.*)$")


def _choice_exercises() -> list[Exercise]:
    return [ex for ex in specs.all_exercises().values() if ex.kind == "choice"]


def _cells(exercise_id: str) -> tuple[str, str]:
    """The markdown that states the exercise and the source of its answer cell, from the solutions."""
    nb = nbformat.read(SOLUTIONS / f"{specs.chapter_of(exercise_id)}.ipynb", as_version=4)
    for i, cell in enumerate(nb.cells):
        meta = cell.metadata.get("scaling_helpers", {})
        if meta.get("role") == "answer" and meta.get("exercise") == exercise_id:
            markdown = next(c.source for c in reversed(nb.cells[:i]) if c.cell_type == "markdown")
            return markdown, cell.source
    raise KeyError(exercise_id)


def _right_letter(ex: Exercise) -> str:
    _, answer = _cells(ex.id)
    block = re.search(r"### BEGIN SOLUTION(.*?)### END SOLUTION", answer, re.S)
    assert block, f"{ex.id}: no solution block"
    found = re.findall(rf'^\s*{ex.name}\s*=\s*["\']([A-Z])["\']', block.group(1), re.M)
    assert len(found) == 1, f"{ex.id}: expected one letter assigned to {ex.name}, found {found}"
    return found[0]


def _shown_options(markdown: str) -> dict[str, str]:
    """Letter -> text of every ``* **X.** text`` bullet (continuation lines joined)."""
    shown: dict[str, str] = {}
    last = None
    for line in markdown.splitlines():
        m = BULLET.match(line)
        if m:
            last = m.group(1)
            shown[last] = m.group(2).strip()
        elif last and line.startswith("  ") and line.strip():
            shown[last] += " " + line.strip()
        else:
            last = None
    return shown


CHOICES = _choice_exercises()


def test_there_are_choice_items():
    assert len(CHOICES) >= 4


@pytest.mark.parametrize("ex", CHOICES, ids=lambda e: e.id)
def test_item_is_well_formed(ex: Exercise):
    labels = [c.label for c in ex.choices]
    assert labels == [chr(ord("A") + i) for i in range(len(labels))], labels
    right = _right_letter(ex)
    assert right in labels
    for c in ex.choices:
        if c.label != right:
            assert c.feedback.strip(), f"{ex.id}{c.label}: a wrong option needs its own feedback"


@pytest.mark.parametrize("ex", CHOICES, ids=lambda e: e.id)
def test_student_sees_the_specs_options(ex: Exercise):
    markdown, _ = _cells(ex.id)
    shown = _shown_options(markdown)
    assert shown == {c.label: " ".join(c.text.split()) for c in ex.choices}


def test_right_option_is_rarely_the_longest():
    longest = []
    for ex in CHOICES:
        right = _right_letter(ex)
        own = len(next(c.text for c in ex.choices if c.label == right))
        if own > max(len(c.text) for c in ex.choices if c.label != right):
            longest.append(ex.id)
    assert len(longest) <= MAX_LONGEST_SHARE * len(CHOICES), f"right option strictly longest in {longest}"


def test_right_letters_are_spread():
    counts = Counter(_right_letter(ex) for ex in CHOICES)
    letter, n = counts.most_common(1)[0]
    assert n <= MAX_LETTER_SHARE * len(CHOICES), f"{letter} is right in {n} of {len(CHOICES)} items: {counts}"

"""Every chapter graded end to end: solutions get full marks, blank exercises get zero."""

from __future__ import annotations

import pytest

from scaling_helpers.course.grade import grade_submission
from scaling_helpers.course.specs import CHAPTERS, for_chapter

from ..conftest import EXERCISES, SOLUTIONS

LATER = list(CHAPTERS)  # chapter 1 also has its own, deeper tests in test_grade_*.py


@pytest.mark.parametrize("stem", LATER)
def test_solutions_full_marks(stem):
    rep = grade_submission(SOLUTIONS / f"{stem}.ipynb", SOLUTIONS)
    assert rep.graded and rep.problems == []
    assert rep.points == rep.max_points == sum(e.points for e in for_chapter(stem)), [
        (i.exercise, i.message) for i in rep.items if not i.passed]


@pytest.mark.parametrize("stem", LATER)
def test_blank_exercises_zero(stem):
    rep = grade_submission(EXERCISES / f"{stem}.ipynb", SOLUTIONS)
    assert rep.graded and rep.points == 0
    assert [i.exercise for i in rep.items] == [e.id for e in for_chapter(stem)]
    assert all(i.message.startswith(f"[{i.exercise}] not yet") for i in rep.items), [i.message for i in rep.items]

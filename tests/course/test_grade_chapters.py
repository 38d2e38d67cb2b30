"""Every chapter graded end to end, through the class-grading path (one parallel nbval session):
solutions get full marks, blank exercises get zero with a "not yet" line per item."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scaling_helpers.course.grade.batch import grade_folder, write_csv
from scaling_helpers.course.specs import CHAPTERS, for_chapter

from ..conftest import EXERCISES, SOLUTIONS

STEMS = list(CHAPTERS)  # chapter 1 also has its own, deeper tests in test_grade_*.py


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict[tuple[str, str], object]:
    root = tmp_path_factory.mktemp("class")
    for stem in STEMS:
        for kind, folder in (("solution", SOLUTIONS), ("blank", EXERCISES)):
            (root / kind).mkdir(exist_ok=True)
            shutil.copy(folder / f"{stem}.ipynb", root / kind / f"{stem}.ipynb")
    reports = grade_folder(root, SOLUTIONS, jobs=2)
    write_csv(reports, root / "scores.csv", root)
    assert (root / "scores.csv").read_text().count("\n") == 2 * len(STEMS) + 1
    return {(Path(r.submission).parent.name, r.chapter): r for r in reports}


@pytest.mark.parametrize("stem", STEMS)
def test_solutions_full_marks(graded, stem):
    rep = graded[("solution", stem)]
    assert rep.graded and rep.problems == []
    assert rep.points == rep.max_points == sum(e.points for e in for_chapter(stem)), [
        (i.exercise, i.message) for i in rep.items if not i.passed]


@pytest.mark.parametrize("stem", STEMS)
def test_blank_exercises_zero(graded, stem):
    rep = graded[("blank", stem)]
    assert rep.graded and rep.points == 0
    assert [i.exercise for i in rep.items] == [e.id for e in for_chapter(stem)]
    assert all(i.message.startswith(f"[{i.exercise}] not yet") for i in rep.items), [i.message for i in rep.items]

"""Reports: a student's report never states an expected value; the instructor's does."""

from __future__ import annotations

import json

from scaling_helpers.course.check.keys import load_keys
from scaling_helpers.course.grade import grade_submission
from scaling_helpers.course.grade.report import summary, write_json

from ..conftest import SOLUTIONS
from .gradekit import by_id, set_answer, solution, write


def test_student_report_hides_expected_values_and_instructor_report_shows_them(tmp_path):
    keys = load_keys("01_power_laws")
    nb = set_answer(solution(), "1.2", "def power_law_through(x1, y1, x2, y2):\n    return 2.0, 0.5")
    nb = set_answer(nb, "1.1", "ratio_10x = 0.9")
    rep = grade_submission(write(nb, tmp_path / "01_power_laws.ipynb"), SOLUTIONS)
    items = by_id(rep)
    assert not items["1.2"].passed and not items["1.1"].passed
    assert "Expected about" in items["1.2"].detail  # the instructor sees what was expected
    write_json(rep, tmp_path / "student.json")
    write_json(rep, tmp_path / "instructor.json", instructor=True)
    student = (tmp_path / "student.json").read_text()
    assert "Expected about" not in student and "detail" not in student and "explanation" not in student
    expected_texts = {f"{keys['1.1']:.4g}", f"{keys['1.1']:.3g}", f"{keys['1.2'][0][0]:.4g}"}
    for text in expected_texts:
        assert text not in student and text not in summary(rep), text
    instructor = json.loads((tmp_path / "instructor.json").read_text())
    by = {i["exercise"]: i for i in instructor["items"]}
    assert "Expected about" in by["1.2"]["detail"] and by["1.1"]["explanation"]
    assert "Expected about" in summary(rep, instructor=True)

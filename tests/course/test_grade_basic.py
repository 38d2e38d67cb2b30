"""Grading: full marks, zero, exactly the wrong items, the CLI contract."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

from scaling_helpers.course.grade import grade_submission
from scaling_helpers.course.specs import written_for_chapter

from ..conftest import ROOT, SOLUTIONS
from .gradekit import AUTO, IDS, POINTS, STEM, blank, by_id, set_answer, sha, solution, write

WRITTEN = [w.id for w in written_for_chapter(STEM)]


def test_solutions_get_full_marks_via_cli(tmp_path):
    sub = write(solution(), tmp_path / "01_power_laws.ipynb")
    before = sha(sub)
    out_json, out_xml = tmp_path / "r.json", tmp_path / "r.xml"
    proc = subprocess.run([sys.executable, "-m", "scaling_helpers.grade", str(sub), "--solutions", str(SOLUTIONS),
                           "--json", str(out_json), "--junitxml", str(out_xml)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rep = json.loads(out_json.read_text())
    assert rep["points"] == rep["max_points"] == AUTO
    assert [i["exercise"] for i in rep["items"]] == IDS
    assert all(set(i) >= {"exercise", "points", "max_points", "passed", "message"} for i in rep["items"])
    assert f"Total: {AUTO}/{AUTO} points" in proc.stdout
    # written items: listed to be marked, outside the automatic total
    assert [w["exercise"] for w in rep["written"]] == WRITTEN
    assert all(w["message"].startswith(f"to be marked ({w['max_points']:g} points)") for w in rep["written"])
    suite = ET.parse(out_xml).getroot()
    assert suite.get("tests") == str(len(IDS) + len(WRITTEN)) and suite.get("failures") == "0"
    assert suite.get("skipped") == str(len(WRITTEN))
    assert sha(sub) == before, "the grader must never modify the submission"


def test_blank_exercises_score_zero_and_every_item_is_reported(tmp_path):
    sub = write(blank(), tmp_path / "01_power_laws.ipynb")
    before = sha(sub)
    rep = grade_submission(sub, SOLUTIONS)
    assert rep.graded and rep.points == 0 and [i.exercise for i in rep.items] == IDS
    items = by_id(rep)
    assert items["1.1"].message == "[1.1] not yet: ratio_10x has no answer yet"
    assert "returned None" in items["1.2"].message
    assert sha(sub) == before


def test_exactly_the_two_wrong_answers_fail(tmp_path):
    nb = set_answer(solution(), "1.1", "ratio_10x = 2 ** -0.076  # doubling, not 10x")
    nb = set_answer(nb, "1.5", 'huber_answer = "C"')
    rep = grade_submission(write(nb, tmp_path / "sub.ipynb"), SOLUTIONS, chapter="01_power_laws")
    failed = sorted(i.exercise for i in rep.items if not i.passed)
    assert failed == ["1.1", "1.5"]
    assert rep.points == AUTO - POINTS["1.1"] - POINTS["1.5"]
    items = by_id(rep)
    assert items["1.1"].message == "[1.1] not yet: a common mistake"
    assert items["1.5"].message == "[1.5] not yet: C is not the best answer"
    assert not any(i.flags for i in rep.items)


def test_a_student_cell_that_raises_costs_only_its_items(tmp_path):
    nb = set_answer(solution(), "1.3", "alpha_hat = float('not a number')")
    rep = grade_submission(write(nb, tmp_path / "01_power_laws.ipynb"), SOLUTIONS)
    items = by_id(rep)
    assert not items["1.3"].passed and "alpha_hat is not defined" in items["1.3"].message
    assert rep.points == AUTO - POINTS["1.3"]
    # the report names the exception and its message, not just "an exception"
    raised = [p for p in rep.problems if "raised an error" in p]
    assert raised and "ValueError: could not convert string to float: 'not a number'" in raised[0], raised

"""Grading broken submissions: invalid JSON, endless loops, kernel crashes. Always a report."""

from __future__ import annotations

import json
import subprocess
import sys

from scaling_helpers.course.grade import grade_submission

from ..conftest import ROOT, SOLUTIONS
from .gradekit import AUTO, IDS, POINTS, by_id, set_answer, sha, solution, write


def test_invalid_json_gives_a_clear_message_and_a_report(tmp_path):
    sub = tmp_path / "01_power_laws.ipynb"
    sub.write_text('{"cells": [ {"cell_type": "code", ', encoding="utf-8")
    before = sha(sub)
    out = tmp_path / "r.json"
    proc = subprocess.run([sys.executable, "-m", "scaling_helpers.grade", str(sub), "--solutions", str(SOLUTIONS),
                           "--json", str(out), "--junitxml", str(tmp_path / "r.xml")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2
    rep = json.loads(out.read_text())
    assert rep["graded"] is False and rep["points"] == 0 and [i["exercise"] for i in rep["items"]] == IDS
    assert "not valid notebook JSON" in rep["problems"][0] and "line 1" in rep["problems"][0]
    assert "could not grade" in proc.stdout
    assert (tmp_path / "r.xml").is_file()
    assert sha(sub) == before


def test_not_a_notebook_and_unknown_chapter(tmp_path):
    sub = tmp_path / "homework.ipynb"
    sub.write_text("[1, 2, 3]", encoding="utf-8")
    rep = grade_submission(sub, SOLUTIONS)
    assert not rep.graded and "not a notebook" in rep.problems[0]
    sub.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    rep = grade_submission(sub, SOLUTIONS)
    assert not rep.graded and "which chapter" in rep.problems[0]


def test_endless_loop_is_interrupted_and_the_rest_is_graded(tmp_path):
    nb = set_answer(solution(), "1.1", "while True:\n    pass")
    rep = grade_submission(write(nb, tmp_path / "01_power_laws.ipynb"), SOLUTIONS, cell_timeout=15)
    items = by_id(rep)
    assert not items["1.1"].passed
    assert any("exceeded the time limit" in p for p in rep.problems)
    assert rep.points == AUTO - POINTS["1.1"]  # everything after the loop still ran


def test_kernel_crash_is_reported_and_report_still_complete(tmp_path):
    nb = set_answer(solution(), "1.4", "import os\nos._exit(1)")
    sub = write(nb, tmp_path / "01_power_laws.ipynb")
    before = sha(sub)
    rep = grade_submission(sub, SOLUTIONS)
    items = by_id(rep)
    assert [i.exercise for i in rep.items] == IDS
    assert all(items[e].passed for e in ("1.1", "1.2", "1.3"))
    assert not any(items[e].passed for e in IDS[IDS.index("1.4"):])
    assert any("kernel died" in p for p in rep.problems), rep.problems
    assert sha(sub) == before

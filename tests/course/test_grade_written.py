"""Written answers in grading: collected from the file, listed "to be marked", the review file, the merge."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pytest

from scaling_helpers.course.grade import main
from scaling_helpers.course.grade.batch import write_csv
from scaling_helpers.course.grade.merge import merge_marks
from scaling_helpers.course.grade.model import GradeReport, ItemResult, WrittenResult
from scaling_helpers.course.grade.pipeline import prepare
from scaling_helpers.course.grade.report import summary, write_json, write_junit
from scaling_helpers.course.grade.review import MAX_ANSWER, safe_cell, unsafe_cell, write_review
from scaling_helpers.course.specs import for_chapter, written_for_chapter

from ..conftest import SOLUTIONS
from .gradekit import blank, sha, write
from .writtenkit import MODEL, STEM, add_written, written_cell


def _written(prep) -> dict[str, WrittenResult]:
    return {w.exercise: w for w in prep.written}


def test_written_answers_are_read_from_the_file(written_item, tmp_path):
    sub = write(add_written(blank(), "Logs of both sides give a line; its slope is minus alpha."), tmp_path / "a.ipynb")
    before = sha(sub)
    prep = prepare(sub, SOLUTIONS, STEM)
    w = _written(prep)["1.w9"]
    assert w.found and w.words == 12 and w.text.startswith("Logs of both sides")
    assert w.message == "to be marked (3 points), 12 words" and w.flags == []
    assert [x.exercise for x in prep.written] == [i.id for i in written_for_chapter(STEM)]
    assert sha(sub) == before
    # the placeholder is not an answer; a short answer is flagged, a long one too (never cut)
    for text, flag in ((None, "no answer written"), ("Too short.", "shorter than the 12 words asked (2)"),
                       (" ".join(["word"] * 61), "longer than the 60 words asked (61)")):
        prep = prepare(write(add_written(blank(), text), tmp_path / "b.ipynb"), SOLUTIONS, STEM)
        assert _written(prep)["1.w9"].flags == [flag]


def test_lost_metadata_and_copied_cells(written_item, tmp_path):
    nb = add_written(blank(), "My answer.")
    written_cell(nb).metadata.pop("scaling_helpers")
    prep = prepare(write(nb, tmp_path / "a.ipynb"), SOLUTIONS, STEM)
    w = _written(prep)["1.w9"]
    assert not w.found and w.message == "to be marked (3 points); written cell for 1.w9 not found"
    assert any(p.startswith("written cell for 1.w9 not found") for p in prep.written_problems)
    nb = add_written(blank(), "First part.")
    second = nbformat.v4.new_markdown_cell("Second part.")
    second.metadata["scaling_helpers"] = {"written": "1.w9"}
    nb.cells.append(second)
    w = _written(prepare(write(nb, tmp_path / "b.ipynb"), SOLUTIONS, STEM))["1.w9"]
    assert w.text == "First part.\n\nSecond part." and "2 cells carry" in w.flags[0]


def test_unreadable_submission_lists_written_items_not_collected(written_item, tmp_path):
    bad = tmp_path / f"{STEM}.ipynb"
    bad.write_text("{broken", encoding="utf-8")
    rep = prepare(bad, SOLUTIONS).report
    assert rep is not None and not rep.graded
    assert {w.exercise for w in rep.written} >= {"1.w9"}
    assert all("not collected" in w.message for w in rep.written)


def _report(root: Path, name: str, auto: float, texts: dict[str, str]) -> GradeReport:
    items = [ItemResult(e.id, e.title, e.points if auto else 0, e.points, bool(auto), "") for e in for_chapter(STEM)]
    written = [WrittenResult(w.id, w.title, w.points, w.id in texts, len(texts.get(w.id, "").split()),
                             texts.get(w.id, ""), f"to be marked ({w.points} points)") for w in written_for_chapter(STEM)]
    return GradeReport(str(root / name / f"{STEM}.ipynb"), STEM, items, graded=True, written=written)


def test_reports_keep_the_automatic_total_and_show_the_written_maximum(written_item, tmp_path):
    rep = _report(tmp_path, "alice", 1, {"1.w9": MODEL})
    auto_max = sum(e.points for e in for_chapter(STEM))
    written_max = sum(w.points for w in written_for_chapter(STEM))
    assert rep.points == rep.max_points == auto_max and rep.written_max_points == written_max
    text = summary(rep)
    assert f"Total: {auto_max:g}/{auto_max:g} points" in text
    assert f"Written answers: {written_max:g} more points, to be marked" in text
    assert "[1.w9] Why a straight line on log-log axes" in text and "to be marked (3 points)" in text
    write_json(rep, tmp_path / "s.json")
    write_json(rep, tmp_path / "i.json", instructor=True)
    student = json.loads((tmp_path / "s.json").read_text())
    assert student["max_points"] == auto_max and student["written_max_points"] == written_max
    assert MODEL not in (tmp_path / "s.json").read_text()
    assert MODEL in (tmp_path / "i.json").read_text()
    write_junit(rep, tmp_path / "r.xml")
    suite = ET.parse(tmp_path / "r.xml").getroot()
    assert suite.get("skipped") == str(len(rep.written)) and suite.get("failures") == "0"


def test_review_file_is_safe_csv(written_item, tmp_path):
    evil = "=HYPERLINK(\"http://x\",\"click\")"
    long = "word " * 2000
    reps = [_report(tmp_path, "=cmd|' /C calc'!A0", 1, {"1.w9": evil}), _report(tmp_path, "bob", 0, {"1.w9": long})]
    write_csv(reps, tmp_path / "scores.csv", tmp_path)
    n = write_review(reps, tmp_path / "review.csv", tmp_path)
    assert n == 2 * len(written_for_chapter(STEM))
    with (tmp_path / "review.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for path in ("scores.csv", "review.csv"):
        with (tmp_path / path).open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    w9 = [r for r in rows if r["item"] == "1.w9"]
    assert w9[0]["answer"] == "'" + evil and w9[0]["student"].startswith("'=cmd")
    assert len(w9[1]["answer"]) == MAX_ANSWER + len(" [...]") and f"cut at {MAX_ANSWER}" in w9[1]["flags"]
    assert w9[0]["rubric"] == "2 points: names the logarithm of both sides\n1 point: states what the slope is"
    assert w9[0]["max_points"] == "3" and w9[0]["points"] == w9[0]["comment"] == ""
    assert unsafe_cell(safe_cell("-2")) == "-2" and unsafe_cell("'x") == "'x"


def _class_files(tmp_path: Path) -> tuple[Path, Path, list[dict[str, str]]]:
    reps = [_report(tmp_path, "=alice", 1, {"1.w9": MODEL}), _report(tmp_path, "bob", 0, {})]
    write_csv(reps, tmp_path / "scores.csv", tmp_path)
    write_review(reps, tmp_path / "review.csv", tmp_path)
    with (tmp_path / "review.csv").open(newline="", encoding="utf-8") as fh:
        return tmp_path / "scores.csv", tmp_path / "review.csv", list(csv.DictReader(fh))


def _save(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def _mark(rows, student_prefix: str, item: str, points: str) -> None:
    for r in rows:
        if unsafe_cell(r["student"]).startswith(student_prefix) and r["item"] == item:
            r["points"] = points


@pytest.mark.parametrize("points, phrase", [("4", "above the maximum of 3"), ("-1", "is negative"),
                                            ("two", "is not a number"), ("1,5", "use a dot for decimals"),
                                            ("nan", "is not a number")])
def test_merge_rejects_bad_points_and_writes_nothing(written_item, tmp_path, capsys, points, phrase):
    scores, review, rows = _class_files(tmp_path)
    _mark(rows, "=alice", "1.w9", points)
    _save(rows, review)
    before = sha(scores), sha(review)
    out = tmp_path / "final.csv"
    assert main(["merge", "--scores", str(scores), "--review", str(review), "--out", str(out)]) == 1
    assert phrase in capsys.readouterr().err and not out.exists()
    assert (sha(scores), sha(review)) == before


def test_merge_rejects_unknown_students_items_and_duplicates(written_item, tmp_path):
    scores, review, rows = _class_files(tmp_path)
    extra = [dict(rows[0], student="carol/01_power_laws.ipynb", points="1"),
             dict(rows[0], item="1.w42", points="1"), dict(rows[0], points="1")]  # the last one: rows[0] again
    res = merge_marks(scores, _save(rows + extra, review))
    text = "\n".join(res.errors)
    assert "unknown student 'carol/01_power_laws.ipynb'" in text and "unknown item '1.w42'" in text
    assert "appears twice" in text and len(res.errors) == 3


def test_merge_setup_errors(written_item, tmp_path, capsys):
    scores, review, _ = _class_files(tmp_path)
    assert main(["merge", "--scores", str(scores), "--review", str(review), "--out", str(review)]) == 3
    assert main(["merge", "--scores", str(tmp_path / "none.csv"), "--review", str(review),
                 "--out", str(tmp_path / "f.csv")]) == 3
    assert main(["merge", "--scores", str(review), "--review", str(review), "--out", str(tmp_path / "f.csv")]) == 3
    err = capsys.readouterr().err
    assert "never overwritten" in err and "cannot read" in err and "lacks the column(s)" in err


def _read(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return {unsafe_cell(r["submission"]).split("/")[0]: r for r in csv.DictReader(fh)}


def test_merge_adds_written_points_and_lists_what_is_not_yet_marked(written_item, tmp_path, capsys):
    scores, review, rows = _class_files(tmp_path)
    for r in rows:
        if unsafe_cell(r["student"]).startswith("=alice"):
            r["points"] = r["max_points"]  # a spreadsheet may drop the ' that kept "=alice" from running
            r["student"] = unsafe_cell(r["student"])
    _mark(rows, "bob", "1.w9", "1.5")
    _save(rows, review)
    out = tmp_path / "final.csv"
    assert main(["merge", "--scores", str(scores), "--review", str(review), "--out", str(out)]) == 0
    final = _read(out)
    auto = sum(e.points for e in for_chapter(STEM))
    wmax = sum(w.points for w in written_for_chapter(STEM))
    alice, bob = final["=alice"], final["bob"]
    assert alice["submission"].startswith("'=alice")
    assert (float(alice["total"]), float(alice["written_points"]), alice["not_yet_marked"]) == (auto + wmax, wmax, "")
    assert float(bob["total"]) == float(bob["written_points"]) == 1.5 and bob["1.w9"] == "1.5"
    others = [w.id for w in written_for_chapter(STEM) if w.id != "1.w9"]
    assert bob["not_yet_marked"] == " ".join(others)
    assert float(bob["total_max"]) == auto + wmax and float(alice["points"]) == auto
    assert f"{len(others)} written answer(s) not yet marked" in capsys.readouterr().out

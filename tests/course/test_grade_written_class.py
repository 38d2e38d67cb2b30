"""End to end: a class folder with written answers is graded, the review file filled, the marks merged.

Runs on chapter 1 with the small fixture item (``1.w9``) and on the first chapter whose solutions
hold written items of their own (the real rubric, model answers and placeholders)."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import nbformat
import pytest

from scaling_helpers.course.check.written import count_words, written_cells
from scaling_helpers.course.grade import main
from scaling_helpers.course.grade.review import unsafe_cell
from scaling_helpers.course.specs import CHAPTERS, for_chapter, written_for_chapter

from ..conftest import EXERCISES, SOLUTIONS
from .gradekit import sha
from .writtenkit import STEM, add_written, written_cell


def _real_stem() -> str | None:
    for stem in CHAPTERS:
        ids = {w.id for w in written_for_chapter(stem)}
        if ids and ids <= set(written_cells(json.loads((SOLUTIONS / f"{stem}.ipynb").read_text(encoding="utf-8")))):
            return stem
    return None


REAL = _real_stem()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("stem", sorted({STEM, REAL} - {None}))
def test_class_with_written_answers_end_to_end(written_item, tmp_path, capsys, stem):
    sol = nbformat.read(SOLUTIONS / f"{stem}.ipynb", as_version=4)
    blank = nbformat.read(EXERCISES / f"{stem}.ipynb", as_version=4)
    if stem == STEM:
        sol, blank = add_written(sol), add_written(blank, None)
    items = written_for_chapter(stem)
    assert items
    partial = copy.deepcopy(blank)  # bob answers only the first written item
    written_cell(partial, items[0].id).source = "My answer, in my own words: " + " ".join(["because"] * 30)
    root = tmp_path / "class"
    for name, nb in (("alice", sol), ("bob", partial)):
        (root / name).mkdir(parents=True)
        nbformat.write(nb, str(root / name / f"{stem}.ipynb"))
    out = tmp_path / "out"
    out.mkdir()
    before = {p: sha(p) for p in root.rglob("*.ipynb")}
    assert main([str(root), "--solutions", str(SOLUTIONS), "--csv", str(out / "scores.csv"), "--jobs", "2"]) == 0
    assert {p: sha(p) for p in root.rglob("*.ipynb")} == before
    assert "review file:" in capsys.readouterr().out
    scores = {unsafe_cell(r["submission"]).split("/")[0]: r for r in _rows(out / "scores.csv")}
    auto_max = sum(e.points for e in for_chapter(stem))
    wmax = sum(w.points for w in items)
    assert float(scores["alice"]["points"]) == float(scores["alice"]["max_points"]) == auto_max
    assert float(scores["bob"]["points"]) == 0 and float(scores["bob"]["written_max"]) == wmax
    review = _rows(out / "review.csv")
    assert len(review) == 2 * len(items)
    model = written_cells(sol)
    for r in review:
        who, item = unsafe_cell(r["student"]).split("/")[0], r["item"]
        if who == "alice":
            assert r["answer"].strip() and int(r["words"]) == count_words(r["answer"]) > 0
            assert unsafe_cell(r["answer"]).strip() in model[item][0]
        elif item == items[0].id:
            assert int(r["words"]) == 6 + 30 and "no answer written" not in r["flags"]
        else:
            assert r["words"] == "0" and "no answer written" in r["flags"]
    # the marker fills the points column: full marks for alice, 1 point for bob's answer, the rest later
    for r in review:
        who = unsafe_cell(r["student"]).split("/")[0]
        r["points"] = r["max_points"] if who == "alice" else ("1" if r["item"] == items[0].id else "")
    with (out / "review.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(review[0]))
        w.writeheader()
        w.writerows(review)
    assert main(["merge", "--scores", str(out / "scores.csv"), "--review", str(out / "review.csv"),
                 "--out", str(out / "final.csv")]) == 0
    final = {unsafe_cell(r["submission"]).split("/")[0]: r for r in _rows(out / "final.csv")}
    assert float(final["alice"]["total"]) == auto_max + wmax and final["alice"]["not_yet_marked"] == ""
    assert float(final["bob"]["total"]) == 1 and float(final["bob"]["total_max"]) == auto_max + wmax
    assert final["bob"]["not_yet_marked"].split() == [w.id for w in items[1:]]

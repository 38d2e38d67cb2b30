"""Lecture quick checks: the data live in ``scaling_helpers.quizzes``, the cells only say ``quiz("1.a")``.

No lecture cell may show a right answer, every ``quiz`` id a lecture uses must exist (and every
quick check must be used), and the right option must not be guessable by position or length.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from scaling_helpers.common import Labelled
from scaling_helpers.common.quick_check import quick_check
from scaling_helpers.course.slides.hide_quiz_source import hide_quiz_source, is_quiz_cell
from scaling_helpers.quizzes import Option, QuickCheck, all_quizzes, get, quiz

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
LECTURES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
QUIZ_CALL = re.compile(r"""\bquiz\(\s*["']([^"']+)["']\s*\)""")
MAX_LONGEST_SHARE = 0.25
MAX_POSITION_SHARE = 0.35
QUIZZES = all_quizzes()


def _code_cells(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def _used_ids() -> dict[str, list[str]]:
    """Quiz id -> the lecture stems whose cells call ``quiz`` with it."""
    used: dict[str, list[str]] = {}
    for path in LECTURES:
        for src in _code_cells(path):
            for qid in QUIZ_CALL.findall(src):
                used.setdefault(qid, []).append(path.stem)
    return used


def _chapter(stem: str) -> str:
    return str(int(stem.split("_", 1)[0]))


def test_lectures_exist():
    assert LECTURES


@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.stem)
def test_no_lecture_cell_shows_an_answer(path: Path):
    for src in _code_cells(path):
        assert "quick_check(" not in src, f"{path.name}: use quiz(\"<id>\") with the data in scaling_helpers.quizzes"
        assert not re.search(r"\banswer\s*=", src), f"{path.name}: a cell names an answer:\n{src}"


def test_every_quiz_call_exists_and_belongs_to_its_chapter():
    used = _used_ids()
    assert used, "no lecture uses quiz(...)"
    for qid, stems in used.items():
        assert qid in QUIZZES, f"quiz({qid!r}) in {stems} has no entry in scaling_helpers.quizzes"
        assert len(stems) == 1, f"quiz({qid!r}) is used more than once: {stems}"
        assert qid.split(".")[0] == _chapter(stems[0]), f"quiz({qid!r}) is used in {stems[0]}"


def test_every_quick_check_is_used_in_a_lecture():
    assert set(QUIZZES) == set(_used_ids())


def test_right_option_is_rarely_the_longest():
    longest = []
    for q in QUIZZES.values():
        lengths = [len(o.text) for o in q.options]
        others = lengths[:q.answer] + lengths[q.answer + 1:]
        if lengths[q.answer] > max(others):
            longest.append(q.id)
    assert len(longest) <= MAX_LONGEST_SHARE * len(QUIZZES), f"right option strictly longest in {longest}"


def test_right_positions_are_spread():
    counts = Counter(q.answer for q in QUIZZES.values())
    position, n = counts.most_common(1)[0]
    assert n <= MAX_POSITION_SHARE * len(QUIZZES), f"option {position} is right in {n} quick checks: {counts}"


def test_every_option_has_its_own_feedback():
    for q in QUIZZES.values():
        feedback = [o.feedback for o in q.options]
        assert len(set(feedback)) == len(feedback), q.id
        assert len({o.text for o in q.options}) == len(q.options), q.id


@pytest.mark.parametrize("qid", ["1.a", "12.e"])
def test_quiz_widget_checks_the_stored_answer(qid: str):
    q = get(qid)
    shown = quiz(qid)
    assert isinstance(shown, Labelled)
    assert repr(shown) == f"Quick check: {q.question}"
    _, radio, button, verdict = shown.widget.children
    assert list(radio.options) == [o.text for o in q.options]
    for i, option in enumerate(q.options):
        radio.index = i
        button.click()
        assert ("Correct." in verdict.value) == (i == q.answer)
        assert ("Not quite." in verdict.value) == (i != q.answer)
        assert html.escape(option.feedback) in verdict.value


def test_quick_check_still_builds_an_ad_hoc_widget():
    shown = quick_check("2 + 2?", ["3", "4"], answer=1, feedback=["No.", "Yes."])
    assert repr(shown) == "Quick check: 2 + 2?"
    with pytest.raises(ValueError):
        quick_check("?", ["a", "b"], answer=2, feedback=["x", "y"])


def test_unknown_id_and_bad_entries_are_rejected():
    with pytest.raises(KeyError):
        quiz("0.z")
    with pytest.raises(ValueError):
        QuickCheck("0.a", "?", options=(Option("a", "x"), Option("b", "y")), answer=2)
    with pytest.raises(ValueError):
        QuickCheck("0.a", "?", options=(Option("a", "x"), Option("b", "")), answer=0)


def test_slides_hide_the_source_of_quiz_cells():
    view = new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "m"},
                                            "text/plain": "Quick check: ?"})
    cells = [new_code_cell('quiz("1.a")', outputs=[view]), new_code_cell('quiz("1.a")\nx = 1', outputs=[view]),
             new_code_cell('quiz("1.a")')]
    assert [is_quiz_cell(c) for c in cells] == [True, False, False]
    nb = hide_quiz_source(new_notebook(cells=cells))
    assert nb.cells[0].metadata["transient"]["remove_source"] is True
    assert "transient" not in nb.cells[1].metadata

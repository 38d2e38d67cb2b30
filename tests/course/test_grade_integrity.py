"""Grading: tampering, edited, deleted, duplicated and moved check cells."""

from __future__ import annotations

import copy

from scaling_helpers.course.grade import grade_submission

from ..conftest import SOLUTIONS
from .gradekit import AUTO, IDS, POINTS, by_id, cell_index, set_answer, solution, write


def test_edited_check_cell_is_replaced_and_a_fake_checker_earns_nothing(tmp_path):
    nb = solution()
    # an edited check cell is replaced by the official one: the (right) answer still counts, with a flag
    nb.cells[cell_index(nb, "check", "1.3")].source = 'check("1.3", 0.0767)'
    fake = (
        "from IPython.display import display\n"
        "class _V:\n"
        "    def __init__(self, i): self.i = i\n"
        "    def _repr_mimebundle_(self, **k): return {'text/plain': f'[{self.i}] correct'}\n"
        "def check(i, *a):\n"
        "    display(_V(i))\n"
    )
    nb = set_answer(nb, "1.6", fake + 'tokens_factor = "no idea"')
    rep = grade_submission(write(nb, tmp_path / "01_power_laws.ipynb"), SOLUTIONS)
    items = by_id(rep)
    assert items["1.3"].passed and any("edited" in f for f in items["1.3"].flags)
    faked = IDS[IDS.index("1.6"):]  # every later check runs the fake: it prints "correct" but emits no answer
    for ex in faked:
        assert not items[ex].passed
        assert "produced no answer" in items[ex].message
        assert any("may redefine or bypass the checker" in f for f in items[ex].flags)
    for ex in ("1.1", "1.2", "1.4", "1.5"):
        assert items[ex].passed and not items[ex].flags
    assert rep.points == AUTO - sum(POINTS[ex] for ex in faked)


def test_fake_checker_hidden_from_the_static_scan_earns_nothing(tmp_path):
    # hides the rebinding from the AST scan via exec of a built string: the scan cannot flag it,
    # and it does not need to: the verdict is computed from answer data outside the kernel
    nb = set_answer(solution(), "1.7", 'residual_answer = "A"\n'
                    "exec('def ch' + 'eck(i):\\n  from IPython.display import display\\n"
                    "  display({\"text/plain\": f\"[{i}] correct\"}, raw=True)')")
    rep = grade_submission(write(nb, tmp_path / "01_power_laws.ipynb"), SOLUTIONS)
    item = by_id(rep)["1.7"]
    assert not item.passed
    assert "produced no answer" in item.message


def test_forged_answer_data_scores_only_if_the_answer_is_right(tmp_path):
    # a checker that emits answer data of the student's choosing: a wrong forged answer fails
    forge = ("from IPython.display import display\n"
             "def check(i, *a):\n"
             "    display({'text/plain': f'[{i}] correct'}, raw=True,\n"
             "            metadata={'scaling_helpers': {'exercise': i, 'answer': {'t': 'float', 'v': '0.5'}}})\n")
    nb = set_answer(solution(), "1.6", forge + "tokens_factor = 0.5")
    rep = grade_submission(write(nb, tmp_path / "01_power_laws.ipynb"), SOLUTIONS)
    items = by_id(rep)
    assert not items["1.6"].passed and "not within tolerance" in items["1.6"].message
    assert not items["1.7"].passed  # a float for a multiple-choice answer


def test_deleted_duplicated_and_moved_check_cells(tmp_path):
    nb = solution()
    del nb.cells[cell_index(nb, "check", "1.1")]  # deleted
    dup = copy.deepcopy(nb.cells[cell_index(nb, "check", "1.2")])
    nb.cells.insert(cell_index(nb, "check", "1.2"), dup)  # duplicated
    moved = nb.cells.pop(cell_index(nb, "check", "1.5"))
    nb.cells.insert(len(nb.cells), moved)  # moved to the end: still after its answer
    rep = grade_submission(write(nb, tmp_path / "01_power_laws.ipynb"), SOLUTIONS)
    items = by_id(rep)
    assert rep.points == AUTO, [(i.exercise, i.message) for i in rep.items]
    assert any("restored after cell" in f for f in items["1.1"].flags)
    assert any("duplicated" in f for f in items["1.2"].flags)
    assert not items["1.5"].flags


def test_check_cell_moved_above_its_answer_is_flagged_and_fails(tmp_path):
    nb = solution()
    moved = nb.cells.pop(cell_index(nb, "check", "1.6"))
    nb.cells.insert(2, moved)
    rep = grade_submission(write(nb, tmp_path / "01_power_laws.ipynb"), SOLUTIONS)
    item = by_id(rep)["1.6"]
    assert not item.passed and "not defined" in item.message
    assert any("before any cell defining the answer" in f for f in item.flags)


def test_check_cell_without_metadata_is_recognised_by_source(tmp_path):
    nb = solution()
    nb.cells[cell_index(nb, "check", "1.4")].metadata = {}
    rep = grade_submission(write(nb, tmp_path / "01_power_laws.ipynb"), SOLUTIONS)
    assert rep.points == AUTO and not by_id(rep)["1.4"].flags

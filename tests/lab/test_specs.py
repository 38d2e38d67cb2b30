"""Chapter 9's exercise specs quote numbers computed by the lab: check they are still true."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from scaling_helpers.course.specs import ch09
from scaling_helpers.lab import TARGET_BUDGET, approach2, approach3, run_sweep, true_optimum

SOLUTIONS = Path(__file__).resolve().parents[2] / "solutions"


def _explanation(exercise_id: str) -> str:
    """The explanation stored in the metadata of an exercise's check cell in the solutions."""
    nb = nbformat.read(SOLUTIONS / f"{ch09.STEM}.ipynb", as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("scaling_helpers", {})
        if meta.get("role") == "check" and meta.get("exercise") == exercise_id:
            return meta["explanation"]
    raise KeyError(exercise_id)


def test_mistake_values_match_the_seed1_sweep():
    runs = run_sweep(seed=1, progress=False)
    assert approach2(runs, log_loss=True).a == pytest.approx(ch09.SEED1_LOG_L_SLOPE, rel=0.001)
    assert approach3(runs).a == pytest.approx(ch09.SEED1_APPROACH3_SLOPE, rel=0.001)
    # the mistakes must be distinguishable from the right answer at the item's tolerance
    ex = next(e for e in ch09.EXERCISES if e.id == "9.2")
    right = approach2(runs).a
    for m in ex.mistakes:
        assert abs(m.value - right) > ex.rtol * right + m.rtol * m.value


def test_prediction_explanation_quotes_the_true_optimum():
    truth = true_optimum(TARGET_BUDGET)
    explanation = _explanation("9.6")
    assert f"N* = {truth.N}" in explanation
    assert f"{truth.loss - 0.005:.1e}".replace("e-0", "e-") in explanation
    assert ch09.TARGET_LOSS == pytest.approx(truth.loss, rel=1e-4)

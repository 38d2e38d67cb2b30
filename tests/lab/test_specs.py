"""Chapter 11's exercise specs quote numbers computed by the lab: check they are still true."""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

from scaling_helpers.chinchilla.isoflop import fit_isoflop_minima
from scaling_helpers.course.check.compare import compare
from scaling_helpers.course.specs import ch11
from scaling_helpers.lab import (
    TARGET_BUDGET,
    LabRuns,
    approach2,
    approach3,
    default_plan,
    run_sweep,
    true_optimum,
)

SOLUTIONS = Path(__file__).resolve().parents[2] / "solutions"
SPECS = {e.id: e for e in ch11.EXERCISES}


def _explanation(exercise_id: str) -> str:
    """The explanation stored in the metadata of an exercise's check cell in the solutions."""
    nb = nbformat.read(SOLUTIONS / f"{ch11.STEM}.ipynb", as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("scaling_helpers", {})
        if meta.get("role") == "check" and meta.get("exercise") == exercise_id:
            return meta["explanation"]
    raise KeyError(exercise_id)


@pytest.fixture(scope="module")
def seed1() -> LabRuns:
    return run_sweep(seed=1, progress=False)


def _package_approach2(C, N, L, C_target):
    """The course's Approach 2 (an independent implementation of what 9.2 asks for)."""
    fit = fit_isoflop_minima(C, N, L, budgets=np.unique(np.asarray(C, float)), tol_dex=1e-3)
    return [fit.a, float(fit.predict_N(C_target)[0])]


def test_mistake_values_match_the_seed1_sweep(seed1):
    assert approach2(seed1, log_loss=True).a == pytest.approx(ch11.SEED1_LOG_L_SLOPE, rel=0.001)
    assert approach3(seed1).a == pytest.approx(ch11.SEED1_APPROACH3_SLOPE, rel=0.001)
    # 9.3's mistakes: Approach 2's slope and the theory's value, distinguishable from the right answers
    ex = SPECS["11.3"]
    assert ex.mistakes[0].value == pytest.approx(approach2(seed1).a, rel=1e-3)
    for right in (approach3(seed1).a, ch11.SEED1_APPROACH3_SLOPE):
        for m in ex.mistakes:
            assert abs(m.value - right) > ex.rtol * right + m.rtol * m.value


def test_lab_sweeps_in_the_spec_are_what_the_lab_trains():
    """11.2's unseen inputs are real lab runs (losses rounded to 6 significant digits)."""
    for n_sizes, seed, (C, N, L) in ((8, 3, (ch11._SEED3_C, ch11._SEED3_N, ch11._SEED3_L)),
                                     (7, 4, (ch11._SEED4_C, ch11._SEED4_N, ch11._SEED4_L))):
        runs = run_sweep(default_plan(sorted(set(C)), n=n_sizes), seed=seed, progress=False)
        assert list(runs.N) == list(N) and list(runs.C) == list(C)
        np.testing.assert_allclose(runs.loss, L, rtol=1e-5)


def test_approach2_inputs_are_graded_against_the_package(seed1):
    """The recorded key of 9.2 agrees with the course's Approach 2 on every unseen input, and a fit on
    log L (the bias of 9.8) fails."""
    from scaling_helpers.course.check.keys import load_keys

    ex = SPECS["11.2"]
    key = load_keys(ch11.STEM)["11.2"]
    assert compare(ex, _package_approach2, key).passed
    assert not compare(ex, lambda C, N, L, t: _package_approach2(C, N, np.log(L), t), key).passed
    assert "<C of seed-3 runs>" in repr(ex.inputs[0])


def test_large_budget_refit_keeps_the_bias(seed1):
    """9.3/9.w1: dropping the small budgets barely moves Approach 3 (the form, not the noise, is the cause)."""
    big = seed1.C >= seed1.budgets[-3]
    large = LabRuns(C=seed1.C[big], N=seed1.N[big], D=seed1.D[big], steps=seed1.steps[big], loss=seed1.loss[big],
                    seed=seed1.seed)
    assert approach3(large).a < 0.37 < approach2(seed1).a


def test_log_loss_prediction_key_is_right(seed1):
    """9.8: parabolas on log L give a higher exponent than on L."""
    assert approach2(seed1, log_loss=True).a > approach2(seed1).a + 0.05


def test_prediction_explanation_quotes_the_true_optimum():
    truth = true_optimum(TARGET_BUDGET)
    explanation = _explanation("11.6")
    assert f"N* = {truth.N}" in explanation
    assert f"{truth.loss - 0.005:.1e}".replace("e-0", "e-") in explanation
    assert ch11.TARGET_LOSS == pytest.approx(truth.loss, rel=1e-4)

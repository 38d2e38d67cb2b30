"""Gadre et al.'s error law and the two-step forecast, on the authors' released runs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaling_helpers.capabilities import (
    GADRE_2024_RPJ_ERROR,
    GADRE_RUNS,
    DownstreamErrorLaw,
    fit_downstream_error,
    fit_power_law_with_floor,
    fit_sigmoid_accuracy,
    power_law_with_floor,
    sigmoid_accuracy,
)

RUNS = {r.run: r for r in GADRE_RUNS}
DEFAULT_FIT = ["d=96_l=8_h=4-1.0", "d=96_l=8_h=4-16.0", "d=512_l=8_h=4-1.0", "d=576_l=24_h=8-1.0",
               "d=1024_l=24_h=8-1.0", "open_lm_1b-1.0"]


def test_refit_reproduces_the_authors_procedure():
    """curve_fit on the default six runs gives the stored constants (the authors' fit_ds configuration)."""
    law = fit_downstream_error([RUNS[n].c4_loss for n in DEFAULT_FIT], [RUNS[n].err_17 for n in DEFAULT_FIT])
    assert law.k == pytest.approx(GADRE_2024_RPJ_ERROR.k, rel=1e-3)
    assert law.gamma == pytest.approx(GADRE_2024_RPJ_ERROR.gamma, rel=1e-3)
    assert law.epsilon == pytest.approx(GADRE_2024_RPJ_ERROR.epsilon, rel=1e-3)


def test_extrapolation_to_the_two_large_runs():
    """The documented predictions: 0.488 (1.4B, M = 640; measured 0.475) and 0.467 (6.9B; measured 0.472)."""
    for name, predicted in (("open_lm_1b-32.0", 0.488), ("open_lm_7b-1.0", 0.467)):
        r = RUNS[name]
        assert GADRE_2024_RPJ_ERROR.error(r.c4_loss) == pytest.approx(predicted, abs=6e-4)
        assert abs(GADRE_2024_RPJ_ERROR.error(r.c4_loss) - r.err_17) < 0.015


def test_runs_match_the_loss_law_module():
    """The released C4 losses of the two large runs are those chapter 6's refit quotes (2.502 and 2.425)."""
    assert RUNS["open_lm_1b-32.0"].c4_loss == pytest.approx(2.502, abs=5e-4)
    assert RUNS["open_lm_7b-1.0"].c4_loss == pytest.approx(2.425, abs=5e-4)


@given(st.floats(0.5, 8.0))
def test_loss_for_error_inverts_error(loss):
    law = GADRE_2024_RPJ_ERROR
    err = law.error(loss)
    if err > 0:
        assert law.loss_for_error(err) == pytest.approx(loss, rel=1e-9)


def test_error_falls_with_loss():
    grid = np.linspace(2.0, 6.0, 50)
    assert np.all(np.diff(GADRE_2024_RPJ_ERROR.error(grid)) > 0)


def test_two_step_on_real_runs():
    m20 = [r for r in GADRE_RUNS if r.multiplier == 20 and r.params < 5e9]
    E, A, alpha = fit_power_law_with_floor([r.compute for r in m20], [r.c4_loss for r in m20])
    big = RUNS["open_lm_7b-1.0"]
    assert power_law_with_floor(big.compute, E, A, alpha) == pytest.approx(big.c4_loss, rel=0.02)
    small = [r for r in GADRE_RUNS if r.params < 5e8]
    mid, slope = fit_sigmoid_accuracy([r.c4_loss for r in small], [r.hellaswag for r in small])
    assert sigmoid_accuracy(big.c4_loss, mid, slope) == pytest.approx(big.hellaswag, abs=0.02)
    mid, slope = fit_sigmoid_accuracy([r.c4_loss for r in small], [r.arc_challenge for r in small])
    assert sigmoid_accuracy(big.c4_loss, mid, slope) < 0.26 < big.arc_challenge - 0.1  # the forecast fails


@given(st.floats(-5, 5), st.floats(0.1, 10))
def test_sigmoid_is_between_floor_and_ceiling(mid, slope):
    y = sigmoid_accuracy(np.linspace(0, 8, 30), mid, slope, floor=0.25, ceiling=0.9)
    assert np.all((y >= 0.25) & (y <= 0.9)) and np.all(np.diff(y) <= 0)


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="fraction"):
        DownstreamErrorLaw(epsilon=1.5, k=1.0, gamma=1.0)
    with pytest.raises(ValueError, match="percentages"):
        fit_downstream_error([3, 4, 5, 6], [50, 60, 70, 80])
    with pytest.raises(ValueError, match="percentages"):
        fit_sigmoid_accuracy([3, 4, 5], [50, 60, 70])
    with pytest.raises(ValueError, match="floor < ceiling"):
        sigmoid_accuracy(3.0, 3.0, 1.0, floor=0.5, ceiling=0.4)
    with pytest.raises(ValueError, match="positive"):
        power_law_with_floor(-1.0, 1.0, 1.0, 0.1)
    with pytest.raises(ValueError, match="below epsilon"):
        GADRE_2024_RPJ_ERROR.loss_for_error(0.9)

"""Tests of scaling_helpers.chinchilla.envelope: Chinchilla Approach 1 on training curves generated from a known law."""

from __future__ import annotations

import numpy as np
import pytest

from scaling_helpers.chinchilla import (
    BESIROGLU_2024,
    HOFFMANN_2022_UNROUNDED,
    TrainingCurves,
    fit_envelope,
    simulate_training_curves,
)


@pytest.mark.parametrize("law", [BESIROGLU_2024, HOFFMANN_2022_UNROUNDED])
def test_envelope_recovers_the_law_exponent(law) -> None:
    """With dense sizes the envelope's minimisers follow N_opt = G (C/6)^a of the generating law."""
    curves = simulate_training_curves(law, np.logspace(np.log10(7e7), np.log10(1.6e10), 48))
    env = fit_envelope(curves)
    assert env.a == pytest.approx(law.a, abs=0.003)
    assert env.b == pytest.approx(1 - env.a)
    c = 1e21
    assert env.predict_N([c])[0] == pytest.approx(law.compute_optimal(c)[0], rel=0.1)
    # the envelope is the lowest loss among the runs: never below the law's compute-optimal loss
    ok = np.isfinite(env.loss_min)
    assert np.all(env.loss_min[ok] >= np.asarray(law.optimal_loss(env.C[ok])) * (1 - 1e-9))


def test_curves_shape_and_flops() -> None:
    sizes = [1e9, 1e8, 4e8]
    curves = simulate_training_curves(BESIROGLU_2024, sizes, n_steps=10, noise=0.01, seed=3)
    assert isinstance(curves, TrainingCurves)
    np.testing.assert_allclose(curves.sizes, [1e8, 4e8, 1e9])
    assert curves.tokens.shape == curves.loss.shape == (3, 10)
    np.testing.assert_allclose(curves.flops, 6 * curves.sizes[:, None] * curves.tokens)
    assert np.all(np.diff(curves.loss, axis=1) < 0)  # noise is per run, so each curve still decreases
    np.testing.assert_allclose(curves.tokens[:, -1], 200 * curves.sizes)


def test_bad_inputs() -> None:
    with pytest.raises(ValueError, match="ParametricLaw"):
        simulate_training_curves("chinchilla", [1e9])
    with pytest.raises(ValueError, match="positive"):
        simulate_training_curves(BESIROGLU_2024, [1e9, -1.0])
    with pytest.raises(ValueError, match="max_tokens_per_param"):
        simulate_training_curves(BESIROGLU_2024, [1e6], max_tokens_per_param=10)
    with pytest.raises(ValueError, match="n_steps"):
        simulate_training_curves(BESIROGLU_2024, [1e9], n_steps=1)
    with pytest.raises(ValueError, match="noise"):
        simulate_training_curves(BESIROGLU_2024, [1e9], noise=-0.1)
    with pytest.raises(ValueError, match="TrainingCurves"):
        fit_envelope([1, 2, 3])
    with pytest.raises(ValueError, match="bracket"):  # two sizes: no interior minimiser
        fit_envelope(simulate_training_curves(BESIROGLU_2024, [1e8, 1e9]))

"""Data-mixing laws (Ye et al. 2024, arXiv:2403.16952): the law, its fit on synthetic runs, the best mixture."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from scaling_helpers.datalimits import (
    DEMO_LAWS,
    MixingLaw,
    best_mixture,
    fit_mixing_law,
    mixing_law_loss,
    synthetic_mixture_runs,
)
from scaling_helpers.datalimits.quality_figures import plot_mixing


def test_law_is_an_exponential_in_the_proportions():
    assert mixing_law_loss([1.0, 0.0], 2.0, 0.5, [-1.0, 0.3]) == pytest.approx(2.0 + 0.5 * np.exp(-1.0))
    r = np.array([[0.2, 0.8], [0.6, 0.4]])
    out = mixing_law_loss(r, 2.0, 0.5, [-1.0, 0.3])
    assert out.shape == (2,)
    # log of the reducible loss is linear in r_2 for two domains (Ye et al. 2024)
    share = np.linspace(0, 1, 5)
    red = np.log(np.asarray(mixing_law_loss(np.column_stack([1 - share, share]), 2.0, 0.5, [-1.0, 0.3])) - 2.0)
    assert np.allclose(np.diff(red, 2), 0.0, atol=1e-12)


def test_fit_recovers_the_losses_of_noiseless_runs():
    law = DEMO_LAWS[1]
    r, losses = synthetic_mixture_runs(DEMO_LAWS, noise=0.0)
    fit = fit_mixing_law(r, losses[:, 1])
    share = np.linspace(0, 1, 11)
    grid = np.column_stack([1 - share, share])
    assert np.allclose(fit.loss(grid), law.loss(grid), rtol=1e-6)


def test_fit_on_noisy_runs_predicts_the_best_mixture():
    r, losses = synthetic_mixture_runs(DEMO_LAWS, noise=0.005, seed=0)
    fits = [fit_mixing_law(r, losses[:, i]) for i in range(2)]
    r_fit, _ = best_mixture(fits, [0.7, 0.3])
    r_true, _ = best_mixture(list(DEMO_LAWS), [0.7, 0.3])
    assert abs(r_fit[1] - r_true[1]) < 0.05
    assert 0.2 < r_true[1] < 0.8  # an interior optimum: neither domain alone is best


def test_best_mixture_moves_towards_the_weighted_domain():
    web_heavy, _ = best_mixture(list(DEMO_LAWS), [0.9, 0.1])
    code_heavy, _ = best_mixture(list(DEMO_LAWS), [0.3, 0.7])
    assert code_heavy[1] > web_heavy[1]
    assert web_heavy.sum() == pytest.approx(1.0) and np.all(web_heavy >= 0)


def test_best_mixture_beats_a_grid():
    r, loss = best_mixture(list(DEMO_LAWS), [0.7, 0.3])
    share = np.linspace(0, 1, 1001)
    grid = np.column_stack([1 - share, share])
    total = 0.7 * np.asarray(DEMO_LAWS[0].loss(grid)) + 0.3 * np.asarray(DEMO_LAWS[1].loss(grid))
    assert loss <= total.min() + 1e-9


def test_three_domains():
    laws = [MixingLaw(2.0, 1.0, (-1.0, -0.2, 0.1)), MixingLaw(1.5, 1.0, (0.0, -1.5, -0.3)),
            MixingLaw(1.0, 1.0, (0.2, 0.0, -2.0))]
    r, loss = best_mixture(laws, [1, 1, 1])
    assert r.shape == (3,) and r.sum() == pytest.approx(1.0)
    assert loss <= sum(float(law.loss(np.full(3, 1 / 3))) for law in laws)


@pytest.mark.parametrize("r,match", [([0.5, 0.6], "sum to 1"), ([50.0, 50.0], "percentages"),
                                     ([0.5, float("nan")], "finite"), ([1.0], "2 proportions")])
def test_bad_mixtures_are_rejected(r, match):
    with pytest.raises(ValueError, match=match):
        mixing_law_loss(r, 2.0, 1.0, [-1.0, 0.0])


def test_too_few_runs_are_rejected():
    with pytest.raises(ValueError, match="at least 4 runs"):
        fit_mixing_law([[0.2, 0.8], [0.5, 0.5], [0.8, 0.2]], [2.0, 2.1, 2.2])


def test_figure():
    assert isinstance(plot_mixing(), Figure)

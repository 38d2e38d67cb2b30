"""The lab's theory: exponents (chapter 11, Sec. 5), true optima, and the Zipf memoriser (chapter 11, Sec. 6)."""

from __future__ import annotations

import numpy as np
import pytest

from scaling_helpers.lab import (
    LAB_BUDGETS,
    LabConfig,
    continuum_loss,
    continuum_optimum,
    expected_loss,
    fine_argmin_slope,
    memoriser_asymptotic,
    memoriser_expected_loss,
    optimum_slope,
    quanta_curves,
    sample_quanta,
    theory_exponents,
    theory_loss,
    theory_optimum,
    true_optima,
    true_optimum,
    zipf_exponent_histogram,
    zipf_exponent_mle,
)


@pytest.mark.parametrize(
    ("a", "kappa", "row"),
    [  # chapter 11, Sec. 5 table: alpha_N, beta_D, xi_N, xi_D, loss exponent
        (1.5, 2.5, (1.5, 1.0, 0.400, 0.600, 0.600)),
        (1.5, 2.0, (1.0, 0.667, 0.400, 0.600, 0.400)),
        (1.25, 2.25, (1.25, 1.0, 0.444, 0.556, 0.556)),
        (1.0, 1.5, (0.5, 0.5, 0.500, 0.500, 0.250)),
    ],
)
def test_theory_exponents_reproduce_lab_table(a, kappa, row):
    ex = theory_exponents(a, kappa)
    got = (ex.alpha_N, ex.beta_D, ex.xi_N, ex.xi_D, ex.loss)
    assert got == pytest.approx(row, abs=6e-4)
    assert ex.xi_N == pytest.approx(ex.beta_D / (ex.alpha_N + ex.beta_D))  # Chinchilla's a = beta/(alpha+beta)


def test_theory_exponents_reject_bad_input():
    with pytest.raises(ValueError, match="kappa must be > 1"):
        theory_exponents(1.5, 0.9)
    with pytest.raises(ValueError, match="a \\(spectrum decay\\) must be > 0"):
        theory_exponents(-1.0, 2.0)


def test_continuum_law_is_right_in_each_limit_and_wrong_near_the_optimum():
    """The additive law E + A/N^p + B/D^q matches the sums when one term dominates, but not near the
    compute-optimal allocation, where the N and D limits interact (chapter 11, Sec. 5 and 7)."""
    cfg = LabConfig()
    for n, d in ((5_000, 2e5), (20_000, 1e6), (50, 1e8)):  # data-limited, data-limited, capacity-limited
        exact = theory_loss(n, d, cfg) - cfg.E
        assert continuum_loss(n, d, cfg) - cfg.E == pytest.approx(exact, rel=0.02)
    n, _ = theory_optimum(4**13, cfg)
    exact = theory_loss(n, 4**13 / n, cfg) - cfg.E
    assert continuum_loss(n, 4**13 / n, cfg) - cfg.E > 1.3 * exact


def test_sgd_noise_raises_the_loss_only_slightly():
    """The expected loss (with SGD noise) sits within a few percent of the noise-free theory near the optimum."""
    for c in LAB_BUDGETS[::2]:
        n, _ = theory_optimum(c)
        e = expected_loss(n, c // n)
        t = theory_loss(n, c // n)
        assert t < e * 1.01 and e == pytest.approx(t, rel=0.03)


def test_noise_free_argmin_slope():
    """chapter 11, Sec. 5: argmins of the discrete noise-free loss give slopes of 0.399-0.404 for the defaults."""
    assert 0.395 <= fine_argmin_slope(LAB_BUDGETS) <= 0.405
    assert fine_argmin_slope([4**k for k in range(15, 20)], LabConfig(V=4_000_000)) == pytest.approx(0.400, abs=0.003)


def test_true_optima_recover_the_theory_exponent():
    """The minima of the exact expected loss scale as C^(1/(1+a)) = C^0.4, within 0.01."""
    optima = true_optima(LAB_BUDGETS)
    assert optimum_slope(optima) == pytest.approx(0.400, abs=0.01)
    assert [o.N for o in optima] == sorted(o.N for o in optima)
    assert all(o.D == o.C // o.N for o in optima)


def test_true_optimum_is_a_minimum():
    o = true_optimum(4**11)
    for n in (round(o.N * 0.9), round(o.N * 1.1)):
        assert expected_loss(n, int(o.C // n)) > o.loss
    # the noise-free argmin is within 10% of it (SGD noise moves the optimum a little)
    assert theory_optimum(4**11)[0] == pytest.approx(o.N, rel=0.1)
    assert float(continuum_optimum(4**11)[0]) == pytest.approx(o.N, rel=0.25)
    with pytest.raises(ValueError, match="too small"):
        true_optimum(100)


def test_quanta_memoriser_exponents():
    """chapter 11, Sec. 6: L(D) slope 0.338 (theory 1/3), L(N) slope 0.53 (theory 0.5; finite K steepens it)."""
    q = quanta_curves()
    assert q.slope_D == pytest.approx(q.theory_D, abs=0.01)
    assert q.slope_N == pytest.approx(0.53, abs=0.01)
    assert q.slope_N > q.theory_N


def test_memoriser_asymptotic_formula():
    """Hutter's E_n ~ Gamma(1-1/(1+a)) c^(1/(1+a)) / (1+a) n^(-a/(1+a)) against the exact sum."""
    d = np.array([1e2, 1e3, 1e4])
    exact = memoriser_expected_loss(d)
    assert memoriser_asymptotic(d) == pytest.approx(exact, rel=0.02)
    slope = -np.polyfit(np.log(d), np.log(exact), 1)[0]
    assert slope == pytest.approx(1 / 3, abs=0.01)


def test_quanta_reject_bad_input():
    with pytest.raises(ValueError, match="alpha must be > 0"):
        quanta_curves(alpha=0.0)
    with pytest.raises(ValueError, match="below K"):
        quanta_curves(K=1000, N=[10, 5000])


def test_zipf_exponent_by_maximum_likelihood_not_by_histogram():
    """Clauset, Shalizi & Newman 2009, Sec. 3: MLE recovers alpha + 1 = 1.5; a line through a linear-binned histogram does not."""
    draws = sample_quanta(100_000, alpha=0.5, K=10_000_000, seed=1)
    mle, se = zipf_exponent_mle(draws, k_min=10)
    assert mle == pytest.approx(1.5, abs=0.015)  # the residual excess is the cut-off at K
    assert 0.002 < se < 0.005
    assert abs(zipf_exponent_histogram(draws, k_min=10) - 1.5) > 0.3
    with pytest.raises(ValueError, match="lower k_min"):
        zipf_exponent_mle([1, 2, 3], k_min=10)

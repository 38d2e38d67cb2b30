"""Coverage law exp(a·k^b) of Brown et al. (2024) and the Beta-difficulty coverage (testtime.coverage)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.stats import beta as beta_dist

from scaling_helpers.testtime import (
    SWE_BENCH_LITE_DEEPSEEK,
    beta_coverage,
    coverage_from_p,
    coverage_law,
    coverage_sweep,
    fit_coverage_law,
    samples_for_coverage,
)

# Two-point fit through Brown et al.'s SWE-bench Lite numbers, computed by hand.
A_SWE = math.log(0.159)
B_SWE = math.log(math.log(0.56) / math.log(0.159)) / math.log(250)


def test_two_point_fit_through_swe_bench_points():
    ks, cs = zip(*SWE_BENCH_LITE_DEEPSEEK.items(), strict=True)
    fit = fit_coverage_law(ks, cs)
    assert fit.a == pytest.approx(A_SWE, rel=1e-12)
    assert fit.b == pytest.approx(B_SWE, rel=1e-12)
    assert fit.a == pytest.approx(-1.84, abs=0.005) and fit.b == pytest.approx(-0.209, abs=0.001)
    assert fit.predict(10) == pytest.approx(0.32, abs=0.005)         # c(10) ≈ 32%
    assert fit.predict(100) == pytest.approx(0.50, abs=0.01)         # c(100) ≈ 50%
    k75 = (math.log(0.75) / A_SWE) ** (1 / B_SWE)
    assert fit.samples_for(0.75) == pytest.approx(k75, rel=1e-10)
    assert 7000 < k75 < 7300


@settings(max_examples=50, deadline=None)
@given(st.floats(-5, -0.05), st.floats(-1.5, -0.05), st.floats(0.01, 0.99))
def test_samples_for_coverage_inverts_the_law(a, b, target):
    k = samples_for_coverage(target, a, b)
    assert coverage_law(k, a, b) == pytest.approx(target, rel=1e-9)


@pytest.mark.parametrize("method", ["loglog", "nonlinear"])
def test_fit_recovers_exact_law(method):
    ks = np.array([1, 2, 4, 8, 16, 32, 64, 128])
    fit = fit_coverage_law(ks, coverage_law(ks, -2.0, -0.4), method=method)
    assert fit.a == pytest.approx(-2.0, rel=1e-7)
    assert fit.b == pytest.approx(-0.4, rel=1e-7)
    assert fit.k_max == 128 and fit.n == 8 and fit.method == method


def test_fit_methods_agree_on_simulated_benchmark():
    sw = coverage_sweep()
    used = sw.k <= 128
    f1 = fit_coverage_law(sw.k[used], sw.coverage[used])
    f2 = fit_coverage_law(sw.k[used], sw.coverage[used], method="nonlinear")
    assert f1.a == pytest.approx(f2.a, rel=0.03) and f1.b == pytest.approx(f2.b, rel=0.03)
    # in the fitted range the law is close to the estimates
    np.testing.assert_allclose(f1.predict(sw.k[used]), sw.coverage[used], atol=0.02)


def test_beta_coverage_matches_integral_and_mean():
    for a, b in ((0.4, 1.2), (2.0, 3.0), (0.3, 0.3)):
        assert beta_coverage(1, a, b) == pytest.approx(a / (a + b), rel=1e-12)
        for k in (3, 40):
            integral, _ = quad(lambda p, k=k, a=a, b=b: coverage_from_p(p, k) * beta_dist.pdf(p, a, b), 0, 1,
                               limit=200)
            assert beta_coverage(k, a, b) == pytest.approx(integral, rel=1e-6)


def test_beta_failure_rate_falls_as_k_to_the_minus_alpha():
    """Schaeffer et al. 2025: 1 - c(k) ∝ k^-alpha for large k when p ~ Beta(alpha, beta)."""
    k = np.array([1e5, 1e6])
    fail = 1 - beta_coverage(k, 0.3, 2.0)
    slope = np.diff(np.log(fail)) / np.diff(np.log(k))
    assert slope[0] == pytest.approx(-0.3, abs=1e-3)


def test_coverage_sweep_is_a_consistent_estimate():
    sw = coverage_sweep()
    assert sw.k.max() <= sw.n_samples
    assert np.all(np.diff(sw.coverage) > 0)
    # 300 problems: the mean over problems scatters by ~0.02 around the population coverage
    np.testing.assert_allclose(sw.coverage, sw.true_coverage(sw.k), atol=0.06)
    # at k = n every problem with at least one correct sample counts as solved
    assert sw.coverage[-1] == pytest.approx(np.mean(sw.correct > 0))
    again = coverage_sweep()
    np.testing.assert_array_equal(again.coverage, sw.coverage)


def test_extrapolation_is_only_approximate():
    """The law fitted on k <= 128 misses the held-out coverage at k = 10,000: it is an extrapolation."""
    sw = coverage_sweep()
    fit = fit_coverage_law(sw.k[sw.k <= 128], sw.coverage[sw.k <= 128])
    assert abs(fit.predict(10_000) - sw.coverage[-1]) < 0.05
    assert fit.samples_for(0.8) < np.interp(0.8, sw.coverage, sw.k)   # optimistic, in this simulation


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: fit_coverage_law([1, 10], [0.2, 1.0]), "strictly between 0 and 1"),
        (lambda: fit_coverage_law([1, 10], [15.9, 56.0]), "divide by 100"),
        (lambda: fit_coverage_law([1, 10], [0.2]), "same length"),
        (lambda: fit_coverage_law([1, 10], [0.5, 0.2]), "does not rise"),
        (lambda: fit_coverage_law([1, 10], [0.2, 0.5], method="ols"), "method must be"),
        (lambda: fit_coverage_law([0, 10], [0.2, 0.5]), "strictly positive"),
        (lambda: fit_coverage_law([1, 10], [0.2, float("nan")]), "NaN"),
        (lambda: coverage_law(10, 1.8, -0.2), "a must be < 0"),
        (lambda: samples_for_coverage(0.9, -1.8, 0.2), "b must be < 0"),
        (lambda: samples_for_coverage(1.0, -1.8, -0.2), "strictly between 0 and 1"),
        (lambda: beta_coverage(5, -0.3, 1.0), "alpha must be > 0"),
        (lambda: coverage_sweep(k=(1, 20_000)), "<= n_samples"),
    ],
)
def test_bad_input_raises_with_advice(call, match):
    with pytest.raises(ValueError, match=match):
        call()

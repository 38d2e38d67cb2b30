"""Unbiased pass@k (Chen et al. 2021) and the plug-in estimate (scaling_helpers.testtime.passk)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_helpers.testtime import passk
from scaling_helpers.testtime.passk import (
    coverage_from_p,
    estimator_means,
    pass_at_k,
    pass_at_k_exact,
    pass_at_k_plugin,
)


@st.composite
def nck(draw, max_n: int = 60):
    n = draw(st.integers(1, max_n))
    c = draw(st.integers(0, n))
    k = draw(st.integers(1, n))
    return n, c, k


def brute_force(n: int, c: int, k: int) -> Fraction:
    """Share of all k-subsets of n samples (the first c correct) that contain a correct sample."""
    subsets = list(itertools.combinations(range(n), k))
    hits = sum(1 for s in subsets if min(s) < c)
    return Fraction(hits, len(subsets))


def product_exact(n: int, c: int, k: int) -> Fraction:
    """Chen et al.'s product 1 - prod_{i=n-c+1}^{n} (1 - k/i) in exact arithmetic (c factors)."""
    if n - c < k:
        return Fraction(1)
    prod = Fraction(1)
    for i in range(n - c + 1, n + 1):
        prod *= Fraction(i - k, i)
    return 1 - prod


def test_worked_values():
    assert pass_at_k(10, 3, 5) == pytest.approx(1 - 21 / 252, rel=1e-14)
    assert pass_at_k(10, 3, 1) == pytest.approx(0.3, rel=1e-14)
    assert pass_at_k(200, 1, 100) == pytest.approx(0.5, rel=1e-14)
    assert pass_at_k(200, 0, 10) == 0.0
    assert pass_at_k(5, 5, 2) == 1.0


def test_returns_one_when_fewer_wrong_than_k():
    assert pass_at_k(10, 8, 3) == 1.0          # n - c = 2 < 3
    assert pass_at_k(10, 7, 3) < 1.0           # n - c = 3 = k: one all-wrong subset
    assert pass_at_k(10, 7, 3) == pytest.approx(1 - 1 / math.comb(10, 3), rel=1e-14)


def test_k_equal_one_is_the_fraction_correct():
    c = np.arange(0, 51)
    np.testing.assert_allclose(pass_at_k(50, c, 1), c / 50, rtol=1e-13, atol=0)


@settings(max_examples=150, deadline=None)
@given(nck(max_n=9))
def test_matches_brute_force_enumeration(args):
    n, c, k = args
    assert pass_at_k(n, c, k) == pytest.approx(float(brute_force(n, c, k)), rel=1e-12, abs=1e-15)
    assert pass_at_k_exact(n, c, k) == brute_force(n, c, k)


@settings(max_examples=200, deadline=None)
@given(nck(max_n=300))
def test_matches_exact_binomial_ratio(args):
    n, c, k = args
    exact = pass_at_k_exact(n, c, k)
    assert exact == product_exact(n, c, k)            # the product form is the same number
    assert pass_at_k(n, c, k) == pytest.approx(float(exact), rel=1e-11, abs=1e-300)


@pytest.mark.parametrize(
    ("n", "c", "k"),
    [(10**6, 10**5, 100), (10**6, 3, 10**5), (10**9, 7, 10**4), (10**12, 1, 1), (2**60, 5, 3)],
)
def test_exact_for_huge_n(n, c, k):
    """Few factors (min(c, k)) and log-space summation keep huge n exact to rounding."""
    ref = float(product_exact(n, c, k)) if c <= 10 else float(pass_at_k_exact(n, c, k))
    assert pass_at_k(n, c, k) == pytest.approx(ref, rel=1e-10)


def test_naive_float_binomials_fail_where_product_works():
    """The reason for the product form: float binomial coefficients overflow for n of a few thousand."""
    from scipy.special import comb

    n, c, k = 5000, 50, 400
    with np.errstate(invalid="ignore"):
        naive = 1 - comb(n - c, k) / comb(n, k)
    assert not np.isfinite(naive)
    assert pass_at_k(n, c, k) == pytest.approx(float(pass_at_k_exact(n, c, k)), rel=1e-12)


def test_tiny_values_keep_relative_precision():
    assert pass_at_k(10**15, 1, 1) == pytest.approx(1e-15, rel=1e-12)


def test_vectorised_over_problems_matches_scalar_loop():
    rng = np.random.default_rng(3)
    n = rng.integers(1, 400, 200)
    c = rng.integers(0, n + 1)
    k = np.minimum(rng.integers(1, 50, 200), n)
    vec = pass_at_k(n, c, k)
    assert vec.shape == (200,)
    loop = [pass_at_k(int(a), int(b), int(d)) for a, b, d in zip(n, c, k, strict=True)]
    np.testing.assert_allclose(vec, loop, rtol=1e-13, atol=0)
    assert pass_at_k(200, [0, 1, 200], 10).shape == (3,)
    assert isinstance(pass_at_k(200, 3, 10), float)


def test_chunking_gives_the_same_result(monkeypatch):
    rng = np.random.default_rng(5)
    n = rng.integers(100, 3000, 40)
    c = rng.integers(0, n // 2)
    k = rng.integers(1, n // 2)
    ref = pass_at_k(n, c, k)
    monkeypatch.setattr(passk, "_CHUNK_BUDGET", 7)
    np.testing.assert_allclose(pass_at_k(n, c, k), ref, rtol=1e-12, atol=0)


def test_early_exit_when_product_underflows():
    """log of the product is far below -745 here, so the product is 0.0 in float64 and pass@k is 1.0."""
    assert pass_at_k(10**7, 5 * 10**6, 10**6) == 1.0
    assert pass_at_k(10**7, 10, 10**6) < 1.0   # same n and k, few correct: not saturated


@settings(max_examples=150, deadline=None)
@given(nck(max_n=200))
def test_plugin_never_exceeds_unbiased(args):
    """Outcome by outcome, (n-c-j)/(n-j) <= (n-c)/n, so the plug-in is at most the unbiased estimate."""
    n, c, k = args
    assert pass_at_k_plugin(n, c, k) <= pass_at_k(n, c, k) + 1e-12
    if k == 1:
        assert pass_at_k_plugin(n, c, k) == pytest.approx(pass_at_k(n, c, k), rel=1e-12, abs=1e-15)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 9), st.integers(1, 12), st.data())
def test_unbiased_in_expectation_and_plugin_biased_low(n, num, den_extra, data):
    """E over c ~ Binomial(n, p) of the estimator equals 1 - (1-p)^k exactly; the plug-in is lower (Jensen)."""
    p = Fraction(num, num + den_extra)                        # 0 < p < 1
    k = data.draw(st.integers(1, n))
    truth = 1 - (1 - p) ** k
    pmf = [math.comb(n, c) * p**c * (1 - p) ** (n - c) for c in range(n + 1)]
    mean_unbiased = sum(w * pass_at_k_exact(n, c, k) for c, w in enumerate(pmf))
    mean_plugin = sum(w * (1 - (1 - Fraction(c, n)) ** k) for c, w in enumerate(pmf))
    assert mean_unbiased == truth
    if k >= 2:
        assert mean_plugin < truth
    else:
        assert mean_plugin == truth
    floats = estimator_means(float(p), n, k)
    assert floats.unbiased[0] == pytest.approx(float(truth), rel=1e-10)
    assert floats.plugin[0] == pytest.approx(float(mean_plugin), rel=1e-10)


def test_estimator_means_worked_case():
    m = estimator_means(0.1, 20, 10)
    assert m.truth[0] == pytest.approx(1 - 0.9**10)
    assert m.unbiased[0] == pytest.approx(1 - 0.9**10, rel=1e-12)
    assert m.plugin[0] < m.truth[0] - 0.05


def test_plugin_accepts_k_beyond_n_but_estimator_does_not():
    assert 0 < pass_at_k_plugin(10, 1, 50) < 1
    with pytest.raises(ValueError, match="exceeds n"):
        pass_at_k(10, 1, 50)
    assert pass_at_k_plugin(10, 10, 3) == 1.0


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((10, -1, 1), "c .* must be >= 0"),
        ((10, 11, 1), "cannot exceed n"),
        ((10, 3, 0), "k must be >= 1"),
        ((10, 3, 11), "exceeds n"),
        ((0, 0, 1), "n .* must be >= 1"),
        ((10, 2.5, 1), "whole numbers"),
        ((10, float("nan"), 1), "NaN"),
        ((10, True, 1), "bool"),
        ((10, "3", 1), "whole numbers"),
        (([10, 10], [1, 2, 3], 1), "matching shapes"),
        ((10, 0.3, 1), "counts, not rates"),
    ],
)
def test_bad_input_raises_with_advice(args, match):
    with pytest.raises(ValueError, match=match):
        pass_at_k(*args)


def test_integral_floats_are_accepted():
    assert pass_at_k(200.0, 3.0, 10.0) == pass_at_k(200, 3, 10)


def test_exact_takes_scalars_only():
    with pytest.raises(ValueError, match="one problem at a time"):
        pass_at_k_exact(10, [1, 2], 3)


def test_coverage_from_p():
    assert coverage_from_p(0.5, 2) == pytest.approx(0.75)
    assert coverage_from_p(1e-12, 1e6) == pytest.approx(1e-6, rel=1e-5)
    np.testing.assert_allclose(coverage_from_p([0.0, 1.0], 5), [0.0, 1.0])
    with pytest.raises(ValueError, match="divide by 100"):
        coverage_from_p(15.9, 3)
    with pytest.raises(ValueError, match="k must be >= 1"):
        coverage_from_p(0.5, 0)
    with pytest.raises(ValueError, match="finite"):
        coverage_from_p(float("nan"), 2)

"""Tests of scaling_helpers.chinchilla.forms: alternative functional forms, their fits and the held-out comparison."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scaling_helpers.chinchilla import (
    BESIROGLU_2024,
    FORMS,
    bnsl,
    fit_bnsl,
    fit_form,
    heldout_comparison,
    huber_sum,
)


def _design(n_sizes: int = 9, n_ratios: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Model sizes 6e7..2e10 crossed with 1..300 tokens per parameter (a well-conditioned design)."""
    n = np.logspace(np.log10(6e7), np.log10(2e10), n_sizes)
    r = np.logspace(0, np.log10(300), n_ratios)
    N, R = np.meshgrid(n, r)
    return N.ravel(), (N * R).ravel()


CHINCHILLA_THETA = BESIROGLU_2024.log_params
CASES = {
    "chinchilla": CHINCHILLA_THETA,
    "kaplan": np.array([math.log(6.4e13), math.log(1.8e13), 0.076, 0.103]),
    "curvature": np.array([*CHINCHILLA_THETA, 0.01, -0.005]),
    "broken_n": np.array([*CHINCHILLA_THETA, 0.25, math.log(1e9), math.log(0.5)]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_recovers_parameters_from_noise_free_data(name: str) -> None:
    theta = CASES[name]
    N, D = _design()
    L = FORMS[name].predict(theta, N, D)
    fit = fit_form(name, N, D, L)
    assert fit.objective < 1e-12 and fit.rmse < 1e-6
    np.testing.assert_allclose(fit.params, theta, rtol=2e-3, atol=2e-4)
    np.testing.assert_allclose(fit.predict(N, D), L, rtol=1e-6)
    assert set(fit.param_dict) == set(FORMS[name].param_names)
    assert FORMS[name].title in str(fit)


def test_curvature_and_broken_reduce_to_chinchilla() -> None:
    N, D = _design(4, 3)
    ref = BESIROGLU_2024.loss(N, D)
    np.testing.assert_allclose(FORMS["curvature"].predict([*CHINCHILLA_THETA, 0.0, 0.0], N, D), ref, rtol=1e-12)
    np.testing.assert_allclose(FORMS["broken_n"].predict([*CHINCHILLA_THETA, 0.0, 20.0, 0.0], N, D), ref,
                               rtol=1e-12)


def test_broken_n_exponent_changes_across_the_break() -> None:
    """Far below d1 the N term falls like N^-alpha, far above like N^-(alpha + c1)."""
    theta = np.array([6.0, -50.0, -50.0, 0.3, 0.3, 0.2, math.log(1e9), math.log(0.2)])  # D term and E negligible
    n = np.array([1e5, 1e6, 1e12, 1e13])
    logl = FORMS["broken_n"].log_predict(theta, n, np.full(4, 1e30))
    assert -(logl[1] - logl[0]) / math.log(10) == pytest.approx(0.3, abs=1e-4)
    assert -(logl[3] - logl[2]) / math.log(10) == pytest.approx(0.5, abs=1e-4)


def test_fit_matches_the_grid_optimum_on_real_data() -> None:
    """From a few starts the Huber least-squares fit reaches the 4500-start optimum (Epoch: objective 1.01827e-3)."""
    from scaling_helpers.chinchilla import load_chinchilla_points

    pts = load_chinchilla_points(download=False)
    fit = fit_form("chinchilla", pts.N, pts.D, pts.loss)
    assert fit.objective == pytest.approx(1.01827e-3, rel=1e-4)
    assert fit.params[3] == pytest.approx(0.3473, abs=5e-4) and fit.params[4] == pytest.approx(0.3672, abs=5e-4)
    # nested forms start from this optimum, so they can only fit the training runs better
    for name in ("curvature", "broken_n"):
        assert fit_form(name, pts.N, pts.D, pts.loss).objective <= fit.objective * (1 + 1e-9)


def test_huber_sum() -> None:
    assert huber_sum([0.0005, -0.002], delta=1e-3) == pytest.approx(0.5 * 0.0005**2 + 1e-3 * (0.002 - 0.0005))
    with pytest.raises(ValueError, match="delta"):
        huber_sum([0.1], delta=0)


def test_heldout_comparison_prefers_the_true_form() -> None:
    rng = np.random.default_rng(7)
    N, D = _design(10, 8)
    L = BESIROGLU_2024.loss(N, D) * np.exp(0.003 * rng.standard_normal(N.size))
    cmp_ = heldout_comparison(N, D, L, split_C=1e21, forms=("chinchilla", "kaplan", "curvature"))
    C = 6 * N * D
    assert cmp_.n_train == int((C < 1e21).sum()) and cmp_.n_train + cmp_.n_test == N.size
    rows = {r.name: r for r in cmp_.rows}
    assert [r.name for r in cmp_.rows] == ["chinchilla", "kaplan", "curvature"]
    assert rows["chinchilla"].test_rmse < rows["kaplan"].test_rmse
    assert rows["chinchilla"].test_rmse < 0.01
    assert rows["curvature"].objective <= rows["chinchilla"].objective * (1 + 1e-9)
    assert cmp_.best() in rows
    text = cmp_.table()
    assert "held-out RMSE" in text and "kaplan" in text and str(cmp_.n_test) in text
    assert set(cmp_.fits) == set(rows)


def test_bnsl_reduces_to_a_power_law_without_a_break() -> None:
    x = np.logspace(0, 8, 9)
    np.testing.assert_allclose(bnsl(x, 1.0, 2.0, 0.3, 0.0, 1e4, 0.5), 1.0 + 2.0 * x**-0.3, rtol=1e-12)


def test_bnsl_fit_recovers_a_break() -> None:
    x = np.logspace(0, 7, 40)
    truth = dict(a=0.5, b=3.0, c0=0.15, c1=0.45, d1=1e3, f1=0.3)
    y = bnsl(x, **truth)
    fit = fit_bnsl(x, y)
    assert fit.rmse < 1e-6
    for k, v in truth.items():
        assert getattr(fit, k) == pytest.approx(v, rel=2e-3), k
    np.testing.assert_allclose(fit.predict(x), y, rtol=1e-6)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: fit_form("chinchila", [1e8] * 9, [1e9] * 9, [3.0] * 9), "unknown form"),
        (lambda: fit_form("kaplan", [1e8, -1, 1e9, 1e9, 1e9], [1e9] * 5, [3.0] * 5), "positive"),
        (lambda: fit_form("kaplan", [1e8] * 6, [1e9] * 5, [3.0] * 6), "same length"),
        (lambda: fit_form("broken_n", [1e8] * 8, [1e9] * 8, [3.0] * 8), "more runs than parameters"),
        (lambda: fit_form("kaplan", [1e8] * 9, [1e9] * 9, [3.0] * 9, starts=[[1.0, 2.0]]), "starts"),
        (lambda: fit_form("kaplan", [1e8] * 9, [1e9] * 9, [3.0] * 9, delta=0.0), "delta"),
        (lambda: fit_form("kaplan", [1e8] * 9, [1e9] * 9, [np.nan] * 9), "NaN"),
        (lambda: heldout_comparison([1e8] * 9, [1e9] * 9, [3.0] * 9, split_C=1e30), "split_C"),
        (lambda: heldout_comparison([1e8] * 9, [1e9] * 9, [3.0] * 9, split_C=-1.0), "split_C"),
        (lambda: heldout_comparison([1e8] * 9, [1e9] * 9, [3.0] * 9, split_C=1e18, forms=()), "empty"),
        (lambda: FORMS["kaplan"].predict([1.0, 2.0, 3.0], [1e9], [1e10]), "4 finite parameters"),
        (lambda: bnsl([1.0, 2.0], -1.0, 1.0, 0.1, 0.1, 1.0, 1.0), "a \\(the limit\\)"),
        (lambda: bnsl([1.0, 2.0], 0.0, 1.0, 0.1, 0.1, 1.0, 0.0), "f1"),
        (lambda: bnsl([0.0, 2.0], 0.0, 1.0, 0.1, 0.1, 1.0, 1.0), "positive"),
        (lambda: fit_bnsl([1.0, 2.0, 3.0], [1.0, 0.9, 0.8]), "at least 7"),
        (lambda: fit_bnsl(np.arange(1.0, 9.0), np.ones(8), n_breaks_grid=0), "n_breaks_grid"),
    ],
)
def test_bad_inputs(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()

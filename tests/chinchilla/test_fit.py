"""Tests of Approach 3 (scaling_helpers.chinchilla: fit, objective, reference, bootstrap, diagnostics): Hoffmann's
fit and Epoch's replication.

Reference numbers: Hoffmann et al. 2022 (arXiv:2203.15556, Eq. 10) and Besiroglu et al. 2024
(arXiv:2404.10102, Table 1 and the authors' data_analysis.ipynb).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_helpers.chinchilla import (
    EPOCH_GRID_FIT,
    EPOCH_TABLE1,
    HOFFMANN_2022_UNROUNDED,
    HOFFMANN_GRID_AXES,
    PARAM_NAMES,
    ParametricLaw,
    bootstrap_parametric,
    fit_from,
    fit_parametric,
    fit_parametric_reference,
    hoffmann_grid,
    huber_lse_objective,
    load_chinchilla_points,
)
from scaling_helpers.chinchilla.objective import _fg_block, _fg_shifted, _prepare


@pytest.fixture(scope="module")
def points():
    return load_chinchilla_points(download=False)


@pytest.fixture(scope="module")
def full_fit(points):
    return fit_parametric(points.N, points.D, points.loss)


# ------------------------------------------------------------------------------------------- grid & objective


def test_hoffmann_grid() -> None:
    g = hoffmann_grid()
    assert g.shape == (4500, 5)
    assert np.unique(g, axis=0).shape[0] == 4500
    for j, name in enumerate(PARAM_NAMES):
        assert tuple(np.unique(g[:, j])) == HOFFMANN_GRID_AXES[name]


def _numeric_grad(f, p, h=1e-7):
    g = np.zeros(5)
    for j in range(5):
        e = np.zeros(5)
        e[j] = h
        g[j] = (f(p + e) - f(p - e)) / (2 * h)
    return g


@settings(max_examples=40, deadline=None)
@given(p=st.tuples(st.floats(0, 25), st.floats(0, 25), st.floats(-1, 1), st.floats(0, 2), st.floats(0, 2)))
def test_gradient_matches_finite_differences(p) -> None:
    pts = load_chinchilla_points(download=False)
    p = np.array(p)
    f, g = huber_lse_objective(p, pts.N, pts.D, pts.loss)
    num = _numeric_grad(lambda q: huber_lse_objective(q, pts.N, pts.D, pts.loss)[0], p)
    # Huber kinks make finite differences slightly noisy at residuals exactly at +-delta
    np.testing.assert_allclose(g, num, rtol=1e-4, atol=1e-6 * max(1.0, abs(f)))


def test_shifted_and_fast_forms_agree(points) -> None:
    data = _prepare(points.N, points.D, points.loss)
    rng = np.random.default_rng(1)
    P = np.column_stack([rng.uniform(0, 25, 200), rng.uniform(0, 25, 200), rng.uniform(-1, 1, 200),
                         rng.uniform(0, 2, 200), rng.uniform(0, 2, 200)])
    f1, g1 = _fg_block(P, data, 1e-3)
    f2, g2 = _fg_shifted(P, data, 1e-3)
    np.testing.assert_allclose(f1, f2, rtol=1e-12)
    np.testing.assert_allclose(g1, g2, rtol=1e-9, atol=1e-15)
    # a row that would overflow exp() in the fast form still evaluates
    f, g = _fg_block(np.array([[800.0, 5.0, 0.5, 0.0, 0.3]]), data, 1e-3)
    assert np.isfinite(f).all() and np.isfinite(g).all()


def test_mean_is_sum_over_n(points) -> None:
    p = HOFFMANN_2022_UNROUNDED.log_params
    fs, gs = huber_lse_objective(p, points.N, points.D, points.loss, reduction="sum")
    fm, gm = huber_lse_objective(p, points.N, points.D, points.loss, reduction="mean")
    assert fm == pytest.approx(fs / 240, rel=1e-12)
    np.testing.assert_allclose(gm, gs / 240, rtol=1e-12)


# ------------------------------------------------------------------------------------------- real data


def test_real_data_fit_matches_epoch(full_fit) -> None:
    """Epoch's "Replicate exactly" grid fit: A 477.84, B 2143.86, E 1.81724, alpha 0.34731, beta 0.36718."""
    fit = full_fit
    assert fit.n_starts == 4500 and fit.n_points == 240
    assert fit.E == pytest.approx(EPOCH_GRID_FIT["E"], abs=1e-3)
    assert fit.alpha == pytest.approx(EPOCH_GRID_FIT["alpha"], abs=2e-3)
    assert fit.beta == pytest.approx(EPOCH_GRID_FIT["beta"], abs=2e-3)
    assert fit.A == pytest.approx(EPOCH_GRID_FIT["A"], rel=0.02)
    assert fit.B == pytest.approx(EPOCH_GRID_FIT["B"], rel=0.02)
    assert fit.objective == pytest.approx(EPOCH_GRID_FIT["objective"], rel=1e-5)
    # and Besiroglu et al. Table 1 (their headline numbers), within the paper's rounding and fit variant
    assert fit.E == pytest.approx(EPOCH_TABLE1["E"], abs=1e-3)
    assert fit.alpha == pytest.approx(EPOCH_TABLE1["alpha"], abs=2e-3)
    assert fit.beta == pytest.approx(EPOCH_TABLE1["beta"], abs=2e-3)
    assert fit.a == pytest.approx(0.5139, abs=5e-4)
    assert not fit.on_boundary and fit.boundary_params == ()
    assert fit.n_converged > 4400
    assert fit.n_near_best(1e-6) > 100  # many starts reach the same optimum
    assert fit.best_k(3).shape == (3, 6)
    assert "E=1.8172" in fit.summary()


def test_fast_fitter_matches_reference_loop(points) -> None:
    """On 100 random starts of the grid, the batched fitter's optimum is at least as good as the best of the
    per-start scipy L-BFGS-B runs, and the two optima agree in parameters (to the ~1e-4 scatter with which
    default-tolerance L-BFGS-B runs stop on this flat optimum)."""
    idx = np.random.default_rng(0).choice(4500, 100, replace=False)
    grid = hoffmann_grid()[idx]
    ref = fit_parametric_reference(points.N, points.D, points.loss, grid=grid, blas_threads=1)
    fast = fit_parametric(points.N, points.D, points.loss, grid=grid)
    assert ref.n_starts == fast.n_starts == 100
    assert fast.objective <= ref.objective * (1 + 1e-9)
    assert fast.objective >= ref.objective * (1 - 1e-7)
    np.testing.assert_allclose(fast.params, ref.params, atol=5e-4)
    # both find the same basin from many starts
    assert ref.n_near_best(1e-4) >= 3 and fast.n_near_best(1e-4) >= 3


def test_mean_reduction_stops_early(points, full_fit) -> None:
    """Besiroglu et al. 2024: averaging the Huber terms makes L-BFGS-B stop next to its start."""
    init = HOFFMANN_2022_UNROUNDED
    mean = fit_from(init, points.N, points.D, points.loss, reduction="mean")
    assert mean.n_starts == 1 and mean.nit <= 3
    np.testing.assert_allclose(mean.params, init.log_params, atol=2e-3)
    assert mean.objective * 240 > 1.1 * EPOCH_GRID_FIT["objective"]
    # the summed objective with BFGS (Epoch's refits) goes all the way to the optimum from the same start
    summed = fit_from(init, points.N, points.D, points.loss, reduction="sum", method="BFGS")
    assert summed.nit > 10
    assert summed.objective == pytest.approx(full_fit.objective, rel=1e-8)
    assert summed.E == pytest.approx(EPOCH_GRID_FIT["E"], abs=1e-3)


def test_mean_reduction_grid_fit_is_worse(points, full_fit) -> None:
    idx = np.random.default_rng(3).choice(4500, 300, replace=False)
    fit = fit_parametric(points.N, points.D, points.loss, reduction="mean", grid=hoffmann_grid()[idx])
    assert fit.reduction == "mean"
    assert fit.objective * 240 > full_fit.objective * 1.02
    assert np.median(fit.n_iter) < np.median(full_fit.n_iter)


def test_fit_from_accepts_vectors(points) -> None:
    fit = fit_from(list(HOFFMANN_2022_UNROUNDED.log_params), points.N, points.D, points.loss, method="BFGS")
    assert fit.n_starts == 1 and not fit.on_boundary
    with pytest.raises(ValueError, match="single vector"):
        fit_from(hoffmann_grid()[:2], points.N, points.D, points.loss)


def test_boundary_is_flagged(points) -> None:
    """A grid whose alpha range does not contain the optimum (alpha = 0.347) has it on the boundary."""
    g = hoffmann_grid()
    g = g[(g[:, 4] == 0.5) & (g[:, 2] == 0.5) & (g[:, 0] == 5.0)]  # a small slice of starts
    g[:, 3] = np.linspace(0.5, 1.0, g.shape[0])
    fit = fit_parametric(points.N, points.D, points.loss, grid=g)
    assert fit.on_boundary and "alpha" in fit.boundary_params


# ------------------------------------------------------------------------------------------- synthetic


def test_recovers_known_parameters_from_noise_free_data() -> None:
    true = ParametricLaw(E=1.8, A=400.0, B=1500.0, alpha=0.34, beta=0.37)
    N = np.repeat(np.logspace(7.5, 10.5, 8), 6)
    D = np.tile(np.logspace(9, 11.5, 6), 8)
    fit = fit_parametric(N, D, true.loss(N, D))
    assert fit.objective < 1e-10
    assert fit.E == pytest.approx(true.E, rel=1e-3)
    assert fit.A == pytest.approx(true.A, rel=1e-2)
    assert fit.B == pytest.approx(true.B, rel=1e-2)
    assert fit.alpha == pytest.approx(true.alpha, abs=1e-3)
    assert fit.beta == pytest.approx(true.beta, abs=1e-3)


# ------------------------------------------------------------------------------------------- validation


@pytest.mark.parametrize("case", ["nonpositive", "nan", "mismatch", "few"])
def test_bad_inputs(points, case) -> None:
    N, D, L = points.N.copy(), points.D.copy(), points.loss.copy()
    if case == "nonpositive":
        N[3] = 0.0
        match = "positive"
    elif case == "nan":
        L[7] = np.nan
        match = "NaN"
    elif case == "mismatch":
        D = D[:-1]
        match = "same length"
    else:
        N, D, L = N[:4], D[:4], L[:4]
        match = "at least 5"
    for fn in (fit_parametric, fit_parametric_reference):
        with pytest.raises(ValueError, match=match):
            fn(N, D, L, grid=hoffmann_grid()[:2])
    with pytest.raises(ValueError, match=match):
        fit_from(HOFFMANN_2022_UNROUNDED, N, D, L)


def test_bad_options(points) -> None:
    args = (points.N, points.D, points.loss)
    with pytest.raises(ValueError, match="reduction"):
        fit_parametric(*args, reduction="avg", grid=hoffmann_grid()[:2])
    with pytest.raises(ValueError, match="grid"):
        fit_parametric(*args, grid=np.zeros((3, 4)))
    with pytest.raises(ValueError, match="grid"):
        fit_parametric(*args, grid="chinchilla")
    with pytest.raises(ValueError, match="method"):
        fit_parametric(*args, method="adam")
    with pytest.raises(ValueError, match="delta"):
        fit_parametric(*args, delta=-1.0)
    with pytest.raises(ValueError, match="jac"):
        fit_parametric_reference(*args, grid=hoffmann_grid()[:2], jac="exact")
    with pytest.raises(ValueError, match="blas_threads"):
        fit_parametric_reference(*args, grid=hoffmann_grid()[:2], blas_threads=0)
    with pytest.raises(ValueError, match="ftol"):
        fit_parametric(*args, grid=hoffmann_grid()[:2], polish_tol=(0.0, 1e-6))
    with pytest.raises(ValueError, match="polish"):
        fit_parametric(*args, grid=hoffmann_grid()[:2], polish=-1)


def test_reference_loop_is_independent_of_blas_threads(points) -> None:
    grid = hoffmann_grid()[::450]
    a = fit_parametric_reference(points.N, points.D, points.loss, grid=grid)
    b = fit_parametric_reference(points.N, points.D, points.loss, grid=grid, blas_threads=1, progress=True)
    np.testing.assert_array_equal(a.objectives, b.objectives)
    assert a.n_starts == 10 and a.n_converged == 10


# ------------------------------------------------------------------------------------------- bootstrap


def test_bootstrap(points, full_fit) -> None:
    bs = bootstrap_parametric(points.N, points.D, points.loss, n_boot=200, seed=42, init=full_fit,
                              progress=False)
    again = bootstrap_parametric(points.N, points.D, points.loss, n_boot=200, seed=42, init=full_fit,
                                 progress=False)
    np.testing.assert_array_equal(bs.params, again.params)
    assert bs.n_boot == 200 and bs.converged.all()
    se = bs.standard_errors()
    # Epoch's bootstrap SEs (4000 resamples): E 0.026, alpha 0.015, beta 0.021, A 124.5
    assert 0.5 * 0.0257 < se["E"] < 2 * 0.0257
    assert 0.5 * 0.0154 < se["alpha"] < 2 * 0.0154
    assert 0.5 * 0.0206 < se["beta"] < 2 * 0.0206
    assert 0.5 * 124.5 < se["A"] < 2 * 124.5
    lo, hi = bs.percentiles()["a"]
    assert lo < full_fit.a < hi
    assert len(bs.laws()) == 200


def test_bootstrap_progress_bar(points, full_fit, capsys) -> None:
    bs = bootstrap_parametric(points.N, points.D, points.loss, n_boot=5, seed=0, init=full_fit.law,
                              progress=True)
    assert bs.n_boot == 5
    assert "bootstrap refits" in capsys.readouterr().err


# ------------------------------------------------------------------------------------------- diagnostics


def test_huber_log_likelihood_reproduces_epoch(points) -> None:
    """Log-likelihoods 562.25 (rounded), 837.78 (unrounded), 879.77 (Epoch's likelihood fit)."""
    from scaling_helpers.chinchilla import HOFFMANN_2022, huber_log_likelihood

    epoch_mle = [6.17795598, 7.64273236, 0.59711196, 0.34781303, 0.36585412]
    for law, ref in ((HOFFMANN_2022, 562.25), (HOFFMANN_2022_UNROUNDED, 837.78), (epoch_mle, 879.77)):
        ll, sigma = huber_log_likelihood(law, points.N, points.D, points.loss)
        assert ll == pytest.approx(ref, abs=0.01)
        assert 1e-6 < sigma < 1e-4
    with pytest.raises(ValueError, match="a, b, e, alpha, beta"):
        huber_log_likelihood([1.0, 2.0], points.N, points.D, points.loss)


def test_trace_from_records_the_mean_vs_sum_lesson(points) -> None:
    from scaling_helpers.chinchilla import trace_from

    mean = trace_from(HOFFMANN_2022_UNROUNDED, points.N, points.D, points.loss, reduction="mean")
    bfgs = trace_from(HOFFMANN_2022_UNROUNDED, points.N, points.D, points.loss, reduction="sum", method="BFGS")
    assert mean.n_iter <= 3 and mean.params.shape == (mean.n_iter + 1, 5)
    np.testing.assert_allclose(mean.params[0], HOFFMANN_2022_UNROUNDED.log_params)
    assert bfgs.summed[-1] == pytest.approx(EPOCH_GRID_FIT["objective"], rel=1e-4)
    assert mean.summed[-1] > 1.1 * bfgs.summed[-1]
    assert np.all(np.diff(bfgs.summed) <= 1e-12)  # a descent method
    assert bfgs.law.E == pytest.approx(EPOCH_GRID_FIT["E"], rel=1e-3)
    with pytest.raises(ValueError, match="method"):
        trace_from(HOFFMANN_2022_UNROUNDED, points.N, points.D, points.loss, method="Nelder-Mead")

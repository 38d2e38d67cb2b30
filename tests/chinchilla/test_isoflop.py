"""Tests of scaling_helpers.chinchilla.isoflop: Chinchilla Approach 2 (isoFLOP parabolas)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_helpers.chinchilla import (
    HOFFMANN_2022_UNROUNDED,
    TABLE2_EXPONENTS,
    ParametricLaw,
    fit_isoflop_minima,
    group_by_budget,
    isoflop_minimum,
    load_chinchilla_points,
)


def test_exact_parabola() -> None:
    n = np.logspace(8, 10, 7)
    loss = 2.0 + 0.1 * (np.log(n) - np.log(1e9)) ** 2
    m = isoflop_minimum(n, loss)
    assert m.N_opt == pytest.approx(1e9, rel=1e-9)
    assert m.loss_opt == pytest.approx(2.0, rel=1e-12)
    assert m.inside and m.n_points == 7 and not m.log_loss
    assert m.coeffs[0] == pytest.approx(0.1, rel=1e-9)


def test_log_loss_option() -> None:
    n = np.logspace(8, 10, 7)
    loss = np.exp(0.7 + 0.05 * (np.log(n) - np.log(3e8)) ** 2)
    m = isoflop_minimum(n, loss, log_loss=True)
    assert m.log_loss
    assert m.N_opt == pytest.approx(3e8, rel=1e-9)
    assert m.loss_opt == pytest.approx(np.exp(0.7), rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(log_n_opt=st.floats(7.0, 11.0), curv=st.floats(0.01, 1.0), floor=st.floats(1.5, 4.0),
       offset=st.floats(-0.8, 0.8))
def test_parabola_vertex_recovered(log_n_opt: float, curv: float, floor: float, offset: float) -> None:
    """Any exact parabola in ln N, sampled off-centre, gives back its vertex."""
    n = 10 ** (log_n_opt + offset + np.linspace(-1, 1, 9))
    loss = floor + curv * (np.log(n) - log_n_opt * np.log(10)) ** 2
    m = isoflop_minimum(n, loss)
    assert np.log10(m.N_opt) == pytest.approx(log_n_opt, abs=1e-6)
    assert m.loss_opt == pytest.approx(floor, rel=1e-8)


def test_minimum_outside_the_sampled_sizes_is_flagged() -> None:
    n = np.logspace(8, 9, 5)
    loss = 2.0 + 0.1 * (np.log(n) - np.log(1e10)) ** 2
    assert not isoflop_minimum(n, loss).inside


def test_errors() -> None:
    n = np.logspace(8, 10, 5)
    with pytest.raises(ValueError, match="opens downwards"):
        isoflop_minimum(n, 3.0 - 0.1 * (np.log(n) - 20) ** 2)
    with pytest.raises(ValueError, match="3 distinct"):
        isoflop_minimum([1e8, 1e8, 1e9], [2.0, 2.1, 2.2])
    with pytest.raises(ValueError, match="same length"):
        isoflop_minimum(n, [2.0, 2.1])
    with pytest.raises(ValueError, match="positive"):
        isoflop_minimum([-1e8, 1e9, 1e10], [2.0, 2.1, 2.2])
    with pytest.raises(ValueError, match="min_points"):
        fit_isoflop_minima([1e19] * 3, n[:3], [2.0, 2.1, 2.2], min_points=2)
    with pytest.raises(ValueError, match="usable parabola"):
        fit_isoflop_minima([1e19] * 5, n, 2.0 + 0.1 * (np.log(n) - 20) ** 2)


def test_group_by_budget() -> None:
    keys, labels = group_by_budget([6e18, 6.1e18, 1e19, 9.9e18, 3e21])
    np.testing.assert_allclose(keys, [18.8, 19.0, 21.5])
    np.testing.assert_array_equal(labels, [0, 0, 1, 1, 2])


def _synthetic_isoflops(law: ParametricLaw, budgets: np.ndarray, width: float = 0.5, k: int = 9):
    C, N, L = [], [], []
    for c in budgets:
        n_opt, _ = law.compute_optimal(c)
        n = n_opt * np.logspace(-width, width, k)
        C += [c] * k
        N += list(n)
        L += list(law.loss_at_compute(n, c))
    return np.array(C), np.array(N), np.array(L)


def test_recovers_exponent_of_a_known_law() -> None:
    """On noise-free isoFLOP profiles centred on the optimum, Approach 2 recovers a = beta/(alpha+beta)."""
    law = HOFFMANN_2022_UNROUNDED
    C, N, L = _synthetic_isoflops(law, np.array([6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21]))
    fit = fit_isoflop_minima(C, N, L)
    assert fit.a == pytest.approx(law.a, abs=1e-4)
    assert fit.a + fit.b == pytest.approx(1.0, abs=1e-12)
    assert len(fit.budgets) == 9 and fit.skipped == ()
    # the parabola's vertex is slightly off (a parabola is only a local model of the profile): < 2%
    np.testing.assert_allclose(fit.N_opt, law.compute_optimal(fit.budgets)[0], rtol=0.02)
    np.testing.assert_allclose(fit.predict_N(fit.budgets), fit.N_opt, rtol=0.01)


def test_off_centre_grids_bias_the_exponent() -> None:
    """Off-centre sampling biases Approach 2 even on noise-free data (here by > 0.01)."""
    law = HOFFMANN_2022_UNROUNDED
    budgets = np.logspace(19, 22, 7)
    C, N, L = [], [], []
    for i, c in enumerate(budgets):  # ±0.5-dex grid drifting from 0.6 dex below to 0.6 dex above the optimum
        n = law.compute_optimal(c)[0] * 10 ** (np.linspace(-0.5, 0.5, 9) + np.linspace(-0.6, 0.6, 7)[i])
        C += [c] * 9
        N += list(n)
        L += list(law.loss_at_compute(n, c))
    fit = fit_isoflop_minima(C, N, L, require_inside=False)
    assert fit.a - law.a > 0.01
    with pytest.raises(ValueError, match="usable"):  # the extreme grids do not bracket their minimum
        fit_isoflop_minima(C[:18], N[:18], L[:18])


def test_real_data_exponent_is_in_table2_range() -> None:
    """On the 240 extracted runs, per-0.1-dex budget groups give a ≈ 0.51, inside Hoffmann's Approach-2
    10-90% interval (0.462, 0.534) of Table 2."""
    pts = load_chinchilla_points(download=False)
    fit = fit_isoflop_minima(pts.C, pts.N, pts.loss)
    lo, hi = TABLE2_EXPONENTS["approach_2"].a_interval
    assert lo < fit.a < hi
    assert len(fit.budgets) >= 9
    assert np.all(np.diff(fit.budgets) > 0)
    assert np.all(fit.N_opt > 5e7) and np.all(fit.N_opt < 2e10)


def test_assign_budgets() -> None:
    from scaling_helpers.chinchilla import assign_budgets

    labels = assign_budgets([6.2e18, 1.05e19, 2e19, 3e21, 1e23], (6e18, 1e19, 3e19, 3e21), tol_dex=0.05)
    np.testing.assert_array_equal(labels, [0, 1, -1, 3, -1])
    with pytest.raises(ValueError, match="tol_dex"):
        assign_budgets([1e19], (1e19,), tol_dex=0)


def test_real_data_grouped_by_hoffmann_budgets() -> None:
    """Snapping the runs to Hoffmann's nine budgets (±0.05 dex) gives nine profiles and a ≈ 0.514."""
    from scaling_helpers.chinchilla import HOFFMANN_BUDGETS

    pts = load_chinchilla_points(download=False)
    fit = fit_isoflop_minima(pts.C, pts.N, pts.loss, budgets=HOFFMANN_BUDGETS)
    np.testing.assert_allclose(fit.budgets, HOFFMANN_BUDGETS)
    assert fit.a == pytest.approx(0.514, abs=0.002)
    lo, hi = TABLE2_EXPONENTS["approach_2"].a_interval
    assert lo < fit.a < hi
    assert sum(m.n_points for m in fit.minima) == 134


def test_simulated_isoflop_runs() -> None:
    from scaling_helpers.chinchilla import HOFFMANN_BUDGETS, simulate_isoflop_runs

    law = HOFFMANN_2022_UNROUNDED
    C, N, L = simulate_isoflop_runs(law, n_sizes=7, width_dex=0.8)
    assert C.shape == N.shape == L.shape == (63,)
    np.testing.assert_allclose(L, law.loss_at_compute(N, C))
    fit = fit_isoflop_minima(C, N, L, budgets=HOFFMANN_BUDGETS)
    assert fit.a == pytest.approx(law.a, abs=0.005)
    C2, N2, L2 = simulate_isoflop_runs(law, noise=0.01, seed=1)
    assert not np.allclose(L2, law.loss_at_compute(N2, C2))
    for kwargs, match in (({"n_sizes": 2}, "n_sizes"), ({"width_dex": 0}, "width_dex"), ({"noise": -1}, "noise")):
        with pytest.raises(ValueError, match=match):
            simulate_isoflop_runs(law, **kwargs)
    with pytest.raises(ValueError, match="ParametricLaw"):
        simulate_isoflop_runs("hoffmann")
    # one offset per budget: grids drifting 0.3 dex away from the optimum still bracket it
    offsets = np.linspace(-0.3, 0.3, len(HOFFMANN_BUDGETS))
    C3, N3, L3 = simulate_isoflop_runs(law, offset_dex=offsets, n_sizes=5, width_dex=0.5)
    centres = np.exp(np.log(N3).reshape(-1, 5).mean(axis=1))
    np.testing.assert_allclose(np.log10(centres / law.compute_optimal(np.array(HOFFMANN_BUDGETS))[0]), offsets,
                               atol=1e-9)
    with pytest.raises(ValueError, match="one per budget"):
        simulate_isoflop_runs(law, offset_dex=[0.1, 0.2])

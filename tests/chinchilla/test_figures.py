"""Smoke tests of the Chapter 3 figures: each returns a Figure with the expected panels and data."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from scaling_helpers.chinchilla import (
    BESIROGLU_2024,
    HOFFMANN_2022,
    HOFFMANN_2022_UNROUNDED,
    HOFFMANN_BUDGETS,
    bootstrap_parametric,
    fit_envelope,
    fit_isoflop_minima,
    simulate_isoflop_runs,
    simulate_training_curves,
    trace_from,
)
from scaling_helpers.chinchilla import figures as cf

LAWS = [HOFFMANN_2022, HOFFMANN_2022_UNROUNDED, BESIROGLU_2024]


@pytest.fixture(scope="module")
def runs():
    rng = np.random.default_rng(0)
    C, N, L = simulate_isoflop_runs(BESIROGLU_2024, noise=0.003, seed=1)
    extra = rng.uniform(0.5, 2.0, size=C.size)  # some runs off the budgets
    return np.concatenate([C, C * extra]), np.concatenate([N, N]), np.concatenate([L, L * 1.01])


def test_isoflop_profiles(runs) -> None:
    C, N, L = runs
    fit = fit_isoflop_minima(C, N, L, budgets=HOFFMANN_BUDGETS)
    fig = cf.plot_isoflop_profiles(C, N, L, fit, law=BESIROGLU_2024)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert len(fig.axes[0].collections) >= len(HOFFMANN_BUDGETS)  # one scatter per budget (+ other runs)


def test_envelope_figure() -> None:
    curves = simulate_training_curves(BESIROGLU_2024, np.logspace(8, 10, 8))
    fig = cf.plot_envelope(curves, fit_envelope(curves), law=BESIROGLU_2024)
    assert len(fig.axes) == 3  # two panels and a colour bar
    assert len(fig.axes[0].lines) == 8 + 1


def test_residuals_frontiers_and_law(runs) -> None:
    C, N, L = runs
    D = C / (6 * N)
    fig = cf.plot_law_residuals(N, D, L, LAWS)
    assert len(fig.axes) == 3
    fig = cf.plot_frontiers(LAWS)
    assert len(fig.axes[0].lines) == 3 and len(fig.axes[1].lines) >= 3
    fig = cf.plot_isoflop_law(HOFFMANN_2022, 1e21)
    star = fig.axes[0].lines[2]
    assert star.get_xdata()[0] == pytest.approx(HOFFMANN_2022.compute_optimal(1e21)[0])
    with pytest.raises(ValueError, match="C_max"):
        cf.plot_frontiers(LAWS, C_min=1e20, C_max=1e19)
    with pytest.raises(ValueError, match="must be > 0"):
        cf.plot_isoflop_law(HOFFMANN_2022, -1.0)


def test_bootstrap_and_loss_scale(runs) -> None:
    C, N, L = runs
    D = C / (6 * N)
    boot = bootstrap_parametric(N, D, L, n_boot=20, init=BESIROGLU_2024, progress=False)
    fig = cf.plot_bootstrap(boot, LAWS)
    assert len(fig.axes) == 4
    traces = {"mean": trace_from(HOFFMANN_2022_UNROUNDED, N, D, L, reduction="mean"),
              "sum": trace_from(HOFFMANN_2022_UNROUNDED, N, D, L, method="BFGS")}
    fig = cf.plot_loss_scale(traces)
    assert len(fig.axes) == 2 and len(fig.axes[0].lines) == 3


def test_heldout_figure(runs) -> None:
    from scaling_helpers.chinchilla import heldout_comparison

    C, N, L = runs
    D = C / (6 * N)
    cmp_ = heldout_comparison(N, D, L, split_C=3e20, forms=("chinchilla", "kaplan", "curvature"))
    fig = cf.plot_heldout(cmp_, N, D, L)
    assert sum(ax.get_visible() for ax in fig.axes) == 3


def test_law_colours_are_fixed() -> None:
    assert cf.law_colour(HOFFMANN_2022.name) == cf.LAW_COLOURS[HOFFMANN_2022.name]
    assert cf.law_colour("something else") not in cf.LAW_COLOURS.values()

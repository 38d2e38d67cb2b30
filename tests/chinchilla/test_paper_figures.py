"""The famous figures of Chapter 3 (Hoffmann Fig. 1 and 4, the bootstrap band, Llama 3's law): their data."""

from __future__ import annotations

import numpy as np
import pytest

from scaling_helpers.chinchilla import (
    BESIROGLU_2024,
    CHINCHILLA_BUDGET_FLOPS,
    FIGURE1_MODELS,
    HOFFMANN_2022_UNROUNDED,
    LLAMA3_FLAGSHIP,
    LLAMA3_TOKENS_LAW,
    TABLE2_EXPONENTS,
    bootstrap_parametric,
    simulate_isoflop_runs,
)
from scaling_helpers.chinchilla import paper_figures as cf
from scaling_helpers.kaplan import optimal_params


def _line(ax, gid):
    (line,) = [ln for ln in ax.get_lines() if ln.get_gid() == gid]
    return np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)


def test_figure1_models_are_table1() -> None:
    got = {m.name: (m.params, m.tokens) for m in FIGURE1_MODELS}
    assert got == {"Chinchilla": (70e9, 1.4e12), "Gopher": (280e9, 300e9), "GPT-3": (175e9, 300e9),
                   "Megatron-Turing NLG": (530e9, 270e9)}
    flops = {m.name: m.flops for m in FIGURE1_MODELS}
    assert flops["Chinchilla"] == flops["Gopher"] == CHINCHILLA_BUDGET_FLOPS == 5.76e23
    assert flops["GPT-3"] == pytest.approx(3.15e23) and flops["Megatron-Turing NLG"] == pytest.approx(8.586e23)


def test_figure1_lines_have_table2_exponents() -> None:
    c = np.array([1e18, 1e26])
    lines = cf.figure1_lines(c, HOFFMANN_2022_UNROUNDED)
    slopes = {k: np.log(v[1] / v[0]) / np.log(c[1] / c[0]) for k, v in lines.items()}
    assert slopes["Approach 1"] == pytest.approx(TABLE2_EXPONENTS["approach_1"].a, abs=0.005)
    assert slopes["Approach 2"] == pytest.approx(TABLE2_EXPONENTS["approach_2"].a, abs=0.005)
    assert slopes["Approach 3"] == pytest.approx(TABLE2_EXPONENTS["approach_3"].a, abs=0.005)
    assert slopes["Kaplan et al. (2020)"] == pytest.approx(0.73, abs=1e-9)


def test_hoffmann_figure1_draws_the_laws_and_places_the_models() -> None:
    fig = cf.plot_hoffmann_figure1(HOFFMANN_2022_UNROUNDED)
    ax = fig.axes[0]
    x, y = _line(ax, "Approach 3")
    n_opt = np.asarray(HOFFMANN_2022_UNROUNDED.compute_optimal(x[[0, -1]])[0])
    np.testing.assert_allclose(y[[0, -1]], n_opt, rtol=1e-12)
    x, y = _line(ax, "Kaplan et al. (2020)")
    np.testing.assert_allclose(y[[0, -1]], optimal_params(x[[0, -1]], unit="flops"), rtol=1e-12)
    for m in FIGURE1_MODELS:
        (coll,) = [c for c in ax.collections if c.get_gid() == f"model:{m.name}"]
        np.testing.assert_allclose(coll.get_offsets()[0], [m.flops, m.params])


def test_iso_loss_frontier_is_the_closed_form() -> None:
    law = BESIROGLU_2024
    c = np.logspace(19, 23, 9)
    n = np.logspace(7, 12, 2001)
    grid = cf.iso_loss_grid(law, c, n)
    n_grid_opt = n[np.argmin(grid, axis=0)]
    np.testing.assert_allclose(n_grid_opt, law.compute_optimal(c)[0], rtol=0.01)
    C, N, L = simulate_isoflop_runs(law, noise=0.003, seed=1)
    fig = cf.plot_iso_loss_contours(law, C, N, L)
    x, y = _line(fig.axes[0], "frontier")
    np.testing.assert_allclose(y, law.compute_optimal(x)[0], rtol=1e-12)
    (runs,) = [c for c in fig.axes[0].collections if c.get_gid() == "runs"]
    assert len(runs.get_offsets()) == len(C)


@pytest.fixture(scope="module")
def boot():
    C, N, L = simulate_isoflop_runs(BESIROGLU_2024, noise=0.01, seed=3)
    return bootstrap_parametric(N, C / (6 * N), L, n_boot=40, seed=0, init=BESIROGLU_2024, progress=False)


def test_tokens_per_param_band(boot) -> None:
    c = np.logspace(18, 26, 5)
    lo, hi = boot.tokens_per_param_band(c)
    ratios = np.array([law.tokens_per_param(c) for law in boot.laws()])
    np.testing.assert_allclose(lo, np.percentile(ratios, 10, axis=0))
    np.testing.assert_allclose(hi, np.percentile(ratios, 90, axis=0))
    assert np.all(lo < hi)
    fig = cf.plot_tokens_per_param_band(boot, BESIROGLU_2024, [HOFFMANN_2022_UNROUNDED])
    x, y = _line(fig.axes[0], "fit")
    np.testing.assert_allclose(y, BESIROGLU_2024.tokens_per_param(x), rtol=1e-12)


def test_llama3_law_constants_and_extrapolation() -> None:
    assert (LLAMA3_TOKENS_LAW.alpha, LLAMA3_TOKENS_LAW.A) == (0.53, 0.29)
    assert LLAMA3_TOKENS_LAW.fit_range == (6e18, 1e22)
    assert LLAMA3_FLAGSHIP == {"flops": 3.8e25, "params": 402e9, "tokens": 16.55e12}
    # the two-digit constants do not reproduce the paper's 16.55T tokens at 3.8e25 FLOPs
    assert LLAMA3_TOKENS_LAW.tokens(3.8e25)[0] == pytest.approx(1.05e13, rel=0.01)
    c = np.array([1e20, 1e22])
    np.testing.assert_allclose(6 * LLAMA3_TOKENS_LAW.params(c) * LLAMA3_TOKENS_LAW.tokens(c), c)


def test_llama3_figure_draws_the_law() -> None:
    fig = cf.plot_llama3_isoflops(BESIROGLU_2024)
    right = fig.axes[1]
    x, y = _line(right, "llama3-fitted")
    assert x[0] == pytest.approx(6e18) and x[-1] <= 1e22
    np.testing.assert_allclose(y[[0, -1]], 0.29 * x[[0, -1]] ** 0.53)
    x, y = _line(right, "llama3-extrapolated")
    assert x[0] > 1e22 and x[-1] > LLAMA3_FLAGSHIP["flops"]
    x, y = _line(right, "llama3-stated")
    assert (x[0], y[0]) == (3.8e25, 16.55e12)

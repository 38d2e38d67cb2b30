"""Figures of chapter 9's data-quality sections: filtering under repetition (Goyal et al. 2024), data-mixing
laws (Ye et al. 2024) and training on generated data (Gerstgrasser et al. 2024). Formulas come from
:mod:`.filtering`, :mod:`.mixing` and :mod:`.synthetic`; nothing is computed twice."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from ..common.plotting import PALETTE, lighten_log_axes, new_figure
from .filtering import DEMO_POOLS, FilterPool, crossover_samples, pool_error, utility_exponent
from .mixing import DEMO_LAWS, MixingLaw, best_mixture, fit_mixing_law, synthetic_mixture_runs
from .synthetic import collapse_error, ols_error, simulate_collapse

__all__ = ["plot_filtering", "plot_mixing", "plot_collapse"]


def plot_filtering(pools: Sequence[FilterPool] = DEMO_POOLS, n_min: float = 3e6, n_max: float = 3e9) -> Figure:
    """Error against samples seen for a strict and a permissive filter (left, with their crossover) and the
    utility exponent ``|b_k|`` against passes over each pool (right)."""
    strict, permissive = pools[0], pools[1]
    n = np.geomspace(n_min, n_max, 300)
    fig, (left, right) = new_figure(2, width=4.9, height=3.9)
    for j, p in enumerate(pools):
        left.plot(n, np.asarray(pool_error(p, n)), color=PALETTE[1 + j], label=p.name)
    x = crossover_samples(strict, permissive)
    left.axvline(x, color="0.5", ls=":", lw=1.2)
    left.annotate(f"crossover: {x / 1e6:.0f}M samples\n= {x / strict.size:.1f} passes over the strict pool",
                  (x, float(pool_error(strict, x))), textcoords="offset points", xytext=(8, 22), fontsize=9)
    left.set_xscale("log")
    left.set_xlabel("samples seen (∝ training compute)")
    left.set_ylabel("predicted error (1 − accuracy)")
    left.set_title("strict filter wins small budgets only")
    left.legend(fontsize=8.5, loc="lower left")
    k = np.arange(0, 11)
    for j, p in enumerate(pools):
        right.plot(k, -np.asarray(utility_exponent(p.b, p.tau, k)), "o-", color=PALETTE[1 + j], ms=4,
                   label=f"{p.name.split(' (')[0]}: b = {p.b}, τ = {p.tau:g}")
    right.set_xlabel("passes already made over the pool, k")
    right.set_ylabel("utility |b_k| = |b|·2^(−k/τ)")
    right.set_title("repeats lose utility")
    right.legend(fontsize=8.5, loc="upper right")
    return lighten_log_axes(fig)


def plot_mixing(laws: Sequence[MixingLaw] = DEMO_LAWS, weights: Sequence[float] = (0.7, 0.3),
                names: Sequence[str] = ("web", "code"), seed: int = 0) -> Figure:
    """Left: synthetic small-run losses on each validation domain (dots) against the share of the second
    training domain, the fitted mixing law (lines) and the true law (dotted). Right: the weighted total, with
    the mixture the fit predicts and the true optimum."""
    r, losses = synthetic_mixture_runs(tuple(laws), seed=seed)
    fits = [fit_mixing_law(r, losses[:, i]) for i in range(len(laws))]
    share = np.linspace(0.0, 1.0, 201)
    grid = np.column_stack([1 - share, share])
    fig, (left, right) = new_figure(2, width=4.9, height=3.9)
    for i, (law, fit) in enumerate(zip(laws, fits, strict=True)):
        colour = PALETTE[1 + i]
        left.plot(r[:, 1], losses[:, i], "o", color=colour, mec="black", label=f"{names[i]} loss: runs")
        left.plot(share, np.asarray(fit.loss(grid)), color=colour, label=f"{names[i]}: fitted law")
        left.plot(share, np.asarray(law.loss(grid)), color=colour, ls=":", lw=1.3)
    left.set_xlabel(f"share of {names[1]} in the training mixture, r₂")
    left.set_ylabel("validation loss (nats/token)")
    left.set_title("L_i = c_i + k_i·exp(t_i·r)")
    left.legend(fontsize=8.5, loc="center right")
    w = np.asarray(weights, dtype=float)
    total_fit = sum(wi * np.asarray(f.loss(grid)) for wi, f in zip(w, fits, strict=True))
    total_true = sum(wi * np.asarray(law.loss(grid)) for wi, law in zip(w, laws, strict=True))
    right.plot(share, total_fit, color=PALETTE[3], label="fitted laws")
    right.plot(share, total_true, color=PALETTE[0], ls=":", lw=1.3, label="true law")
    r_fit, l_fit = best_mixture(fits, w)
    r_true, l_true = best_mixture(list(laws), w)
    right.plot(r_fit[1], l_fit, "o", color=PALETTE[3], mec="black", ms=8, label=f"predicted best r₂ = {r_fit[1]:.2f}")
    right.plot(r_true[1], l_true, "x", color=PALETTE[0], ms=9, mew=2, label=f"true best r₂ = {r_true[1]:.2f}")
    right.set_xlabel(f"share of {names[1]} in the training mixture, r₂")
    right.set_ylabel(f"{w[0]:g}·L_{names[0]} + {w[1]:g}·L_{names[1]}")
    right.set_title("choosing the mixture")
    right.legend(fontsize=8.5, loc="upper center")
    return fig


def plot_collapse(generations: int = 20, d: int = 10, T: int = 100, trials: int = 200) -> Figure:
    """Excess test error of linear regression refitted on its own labels, replacing or accumulating the data:
    expectations (lines) and a Monte-Carlo simulation (dots)."""
    gens = np.arange(1, generations + 1)
    fig, ax = new_figure(width=6.6, height=4.2)
    for j, mode in enumerate(("replace", "accumulate")):
        colour = PALETTE[2 if mode == "replace" else 3]
        ax.plot(gens, [collapse_error(int(g), mode, d=d, T=T) for g in gens], color=colour,
                label=f"{mode}: expectation")
        ax.plot(gens, simulate_collapse(generations, mode, d=d, T=T, trials=trials, seed=j), "o", color=colour,
                mec="black", ms=5, label=f"{mode}: simulation ({trials} designs)")
    ax.axhline(np.pi**2 / 6 * ols_error(d, T), color="0.4", ls="--", lw=1.2, label="bound (π²/6)·V")
    ax.set_xlabel("generation n (model n learns from model n−1's labels)")
    ax.set_ylabel("excess test error ‖w_n − w*‖²")
    ax.set_title(f"linear regression, d = {d}, T = {T}, σ = 1")
    ax.legend(fontsize=8.5, loc="upper left")
    return fig

"""Figures of chapter 11 (the scaling lab). Nothing is fitted here: pass in runs and fits.

Compute is in sample x parameter units (``C = N·D``), losses are half mean squared errors (chapter 11, Sec. 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from ..chinchilla.isoflop import IsoFLOPFit, isoflop_minimum
from ..chinchilla.result import ParametricFit
from ..common.plotting import PALETTE, lighten_log_axes, new_figure
from .analysis import approach3_optimum
from .config import DEFAULT, LabConfig
from .loss import theory_loss
from .quanta import QuantaCurves
from .sweep import LabRuns
from .theory import LabOptimum, theory_exponents, theory_optimum
from .train import TrainedModel

__all__ = ["plot_training_curves", "plot_lab_isoflops", "plot_lab_optima", "plot_parabola_bias", "plot_quanta",
           "TheoryProfiles", "theory_profiles", "plot_theory_profiles"]

_VIRIDIS_90 = ListedColormap(colormaps["viridis"](np.linspace(0.0, 0.9, 256)), name="viridis90_lab")


_lighten = lighten_log_axes


def _colours(n: int) -> list[tuple[float, float, float, float]]:
    return [_VIRIDIS_90(x) for x in np.linspace(0.0, 1.0, max(n, 1))]


def _budget_label(c: float) -> str:
    k = np.log(c) / np.log(4.0)
    if abs(k - round(k)) < 1e-9:
        return f"C = 4^{int(round(k))} = {c:.2g}"
    return f"C = {c:.2g}"


def plot_training_curves(models: Sequence[TrainedModel]) -> Figure:
    """Exact loss during training for a few models (each needs ``curve_points > 0``), with ``E`` and each
    model's capacity floor ``E + T(N)/2`` dashed."""
    fig, ax = new_figure(width=6.4, height=4.2)
    for j, m in enumerate(models):
        if m.curve_steps.size == 0:
            raise ValueError("train the models with curve_points > 0 to record their training curves.")
        colour = PALETTE[1 + j % (len(PALETTE) - 1)]
        ax.plot(m.curve_steps * m.config.batch, m.curve_loss, color=colour, label=f"N = {m.N}")
        ax.axhline(m.config.E + m.capacity_error, color=colour, ls="--", lw=1)
    cfg = models[0].config
    ax.axhline(cfg.E, color=PALETTE[0], ls=":", lw=1.2, label=f"irreducible E = σ²/2 = {cfg.E:g}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("training samples seen (B × steps)")
    ax.set_ylabel("population loss (½ MSE)")
    ax.set_title("one-pass SGD; dashed: each model's capacity floor")
    ax.legend(fontsize=9)
    return _lighten(fig)


def plot_lab_isoflops(runs: LabRuns, fit: IsoFLOPFit, optima: Sequence[LabOptimum] = ()) -> Figure:
    """IsoFLOP profiles of lab runs with the Approach-2 parabolas (fitted to ``L``) and their minima ★; the true
    optima (minimum of the expected loss) as ✕ when given."""
    fig, ax = new_figure(width=8.4, height=4.6)
    budgets = runs.budgets
    colours = _colours(budgets.size)
    for j, c in enumerate(budgets):
        prof = runs.profile(c)
        ax.scatter(prof.N, prof.loss, s=18, color=colours[j], zorder=2, label=_budget_label(c))
        k = int(np.argmin(np.abs(np.log(fit.budgets / c))))
        if abs(np.log(fit.budgets[k] / c)) < 1e-9:
            m = fit.minima[k]
            u = np.linspace(np.log(prof.N.min()), np.log(prof.N.max()), 80)
            c2, c1, c0 = m.coeffs
            y = c2 * u * u + c1 * u + c0
            ax.plot(np.exp(u), np.exp(y) if m.log_loss else y, color=colours[j], lw=1.3)
            ax.plot(m.N_opt, m.loss_opt, marker="*", ms=13, color=colours[j], mec="black", mew=0.8, zorder=4)
    for o in optima:
        j = int(np.argmin(np.abs(np.log(budgets / o.C))))
        ax.plot(o.N, o.loss, marker="X", ms=9, color=colours[j], mec="black", mew=0.8, zorder=5)
    ax.axhline(runs.config.E, color=PALETTE[0], ls=":", lw=1.2, label="irreducible E")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("model size N (parameters)")
    ax.set_ylabel("final loss (½ MSE)")
    ax.set_title("isoFLOP profiles: parabola minima ★, true optima ✕")
    # outside the axes: every corner inside holds runs of some budget
    ax.legend(fontsize=8.5, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    return _lighten(fig)


def plot_lab_optima(fit2: IsoFLOPFit, fit3: ParametricFit | None, optima: Sequence[LabOptimum], *,
                    C_max: float | None = None, config: LabConfig = DEFAULT) -> Figure:
    """Compute-optimal size against compute: Approach-2 minima and fit, the Approach-3 frontier, the true
    optima and a line of the theory slope ``1/(1+a)`` through them."""
    fig, ax = new_figure(width=6.6, height=4.4)
    cs = np.array([o.C for o in optima]) if optima else fit2.budgets
    hi = max(float(np.max(cs)), float(np.max(fit2.budgets)), C_max or 0.0)
    grid = np.geomspace(min(float(np.min(cs)), float(np.min(fit2.budgets))) / 1.5, hi * 1.5, 60)
    ax.scatter(fit2.budgets, fit2.N_opt, marker="*", s=130, color=PALETTE[1], edgecolors="black", linewidths=0.7,
               zorder=3, label="Approach 2: parabola minima")
    ax.plot(grid, fit2.predict_N(grid), color=PALETTE[1], label=f"Approach 2 fit: N* ∝ C^{fit2.a:.3f}")
    if fit3 is not None:
        ax.plot(grid, [approach3_optimum(fit3, c)[0] for c in grid], color=PALETTE[2], ls="-.",
                label=f"Approach 3 law: N* ∝ C^{fit3.a:.3f}")
    if optima:
        xi = theory_exponents(config.a, config.kappa).xi_N
        n = np.array([o.N for o in optima], dtype=float)
        k = float(np.exp(np.mean(np.log(n) - xi * np.log(cs))))
        ax.plot(grid, k * grid**xi, color=PALETTE[0], ls="--", lw=1.3, label=f"theory slope 1/(1+a) = {xi:.3f}")
        ax.scatter(cs, n, marker="X", s=70, color=PALETTE[0], zorder=4, label="true optima (expected loss)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("compute C = N·D (sample × parameter)")
    ax.set_ylabel("compute-optimal size N*")
    ax.set_title("compute-optimal model size")
    ax.legend(fontsize=8.5, loc="upper left")
    return _lighten(fig)


def plot_parabola_bias(runs: LabRuns, budget: float) -> Figure:
    """One noise-free isoFLOP profile with parabolas fitted to ``L`` and to ``log L`` and the true argmin."""
    prof = runs.profile(budget)
    cfg = runs.config
    fig, ax = new_figure(width=8.2, height=4.2)
    ax.scatter(prof.N, prof.loss, color=PALETTE[0], zorder=3, label="noise-free loss of the runs")
    fine = np.geomspace(prof.N.min(), prof.N.max(), 200)
    ax.plot(fine, np.asarray(theory_loss(fine, budget / fine, cfg)), color="0.6", lw=1, label="noise-free loss")
    u = np.log(fine)
    for log_loss, colour, name in ((False, PALETTE[1], "parabola on L"), (True, PALETTE[2], "parabola on log L")):
        m = isoflop_minimum(prof.N, prof.loss, log_loss=log_loss)
        c2, c1, c0 = m.coeffs
        y = c2 * u * u + c1 * u + c0
        ax.plot(fine, np.exp(y) if log_loss else y, color=colour, ls="--", label=f"{name}: N* = {m.N_opt:.3g}")
        ax.axvline(m.N_opt, color=colour, lw=1)
    n_true = theory_optimum(budget, cfg)[0]
    ax.axvline(n_true, color=PALETTE[0], lw=1.5, ls=":", label=f"true argmin: N* = {n_true}")
    ax.axhline(cfg.E, color=PALETTE[0], ls=":", lw=0.8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("model size N (parameters)")
    ax.set_ylabel("loss (½ MSE)")
    ax.set_title(f"one noise-free isoFLOP profile, {_budget_label(budget)}")
    # outside the axes: inside, the two parabolas span the whole width
    ax.legend(fontsize=8.5, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    return _lighten(fig)


def plot_quanta(q: QuantaCurves, expected: np.ndarray | None = None) -> Figure:
    """The Zipf memoriser: loss against data (left) and against model size (right), with fitted slopes."""
    fig, (left, right) = new_figure(2, width=4.9, height=3.8)
    left.plot(q.D, q.loss_D, "o", color=PALETTE[1], label=f"simulated: slope −{q.slope_D:.3f}")
    if expected is not None:
        left.plot(q.D, expected, color=PALETTE[0], lw=1.2, label="exact expectation Σ p(1−p)^D")
    left.set_title(f"data-limited (theory −α/(α+1) = −{q.theory_D:.3f})")
    left.set_xlabel("draws D")
    right.plot(q.N, q.loss_N, "s", color=PALETTE[2], label=f"L(N) = Σ_(k>N) p_k: slope −{q.slope_N:.3f}")
    right.set_title(f"capacity-limited (theory −α = −{q.theory_N:.3f})")
    right.set_xlabel("quanta known N")
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_ylabel("loss (frequency of unlearned quanta)")
        ax.legend(fontsize=8.5, loc="lower left")
    return _lighten(fig)


@dataclass(frozen=True, eq=False)  # holds arrays
class TheoryProfiles:
    """Noise-free isoFLOP profiles of the lab and their argmins (the data of :func:`plot_theory_profiles`)."""

    budgets: tuple[float, ...]
    sizes: tuple[np.ndarray, ...]
    losses: tuple[np.ndarray, ...]
    n_opt: np.ndarray
    loss_opt: np.ndarray
    slope: float
    config: LabConfig


def theory_profiles(config: LabConfig = DEFAULT,
                    budgets: Sequence[float] = (4**9, 4**11, 4**13, 4**15)) -> TheoryProfiles:
    """Noise-free loss (:func:`~scaling_helpers.lab.loss.theory_loss`) along each isoFLOP profile, the argmins
    (:func:`~scaling_helpers.lab.theory.theory_optimum`) and the slope of ``log N*`` on ``log C``."""
    sizes, losses, n_opt, l_opt = [], [], [], []
    for c in budgets:
        n_star, l_star = theory_optimum(c, config, points=120)
        n = np.geomspace(max(1.0, n_star / 10.0), min(n_star * 30.0, c / config.batch, config.V), 60)
        sizes.append(n)
        losses.append(np.asarray(theory_loss(n, c / n, config), dtype=float))
        n_opt.append(n_star)
        l_opt.append(l_star)
    cs = np.asarray(budgets, dtype=float)
    slope = float(np.polyfit(np.log(cs), np.log(n_opt), 1)[0])
    return TheoryProfiles(tuple(float(c) for c in cs), tuple(sizes), tuple(losses), np.array(n_opt, dtype=float),
                          np.array(l_opt), slope, config)


def plot_theory_profiles(config: LabConfig = DEFAULT, budgets: Sequence[float] = (4**9, 4**11, 4**13, 4**15),
                         fig: Figure | None = None) -> Figure:
    """Noise-free isoFLOP profiles of the lab for ``config`` (left) and their argmins with slope ``1/(1+a)``
    (right). The pure function behind the chapter's theory explorer."""
    if fig is None:
        fig, (left, right) = new_figure(2, width=4.8, height=3.7)
    else:
        fig.clear()
        left, right = fig.subplots(1, 2)
    data = theory_profiles(config, budgets)
    colours = _colours(len(budgets))
    for j, c in enumerate(data.budgets):
        left.plot(data.sizes[j], data.losses[j], color=colours[j], label=_budget_label(c))
        left.plot(data.n_opt[j], data.loss_opt[j], marker="*", ms=11, color=colours[j], mec="black", mew=0.7)
    left.axhline(config.E, color=PALETTE[0], ls=":", lw=1)
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("model size N")
    left.set_ylabel("noise-free loss (½ MSE)")
    left.set_title(f"a = {config.a:.2f}, κ = {config.kappa:.2f}")
    # below the axes: the profiles fill the upper corners
    left.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    cs = np.asarray(data.budgets)
    ex = theory_exponents(config.a, config.kappa)
    right.plot(cs, data.n_opt, "*", ms=12, color=PALETTE[1], mec="black", mew=0.7,
               label=f"argmins: slope {data.slope:.3f}")
    right.plot(cs, data.n_opt[0] * (cs / cs[0]) ** ex.xi_N, color=PALETTE[0], ls="--", lw=1.2,
               label=f"1/(1+a) = {ex.xi_N:.3f}")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("compute C = N·D")
    right.set_ylabel("compute-optimal N*")
    right.set_title(f"loss exponent (κ−1)/(1+a) = {ex.loss:.3f}")
    right.legend(fontsize=8.5, loc="upper left")
    return _lighten(fig)

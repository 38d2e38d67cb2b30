"""Figures of chapter 2: Kaplan et al. (2020) and why their allocation over-sized models.

Every function returns a :class:`matplotlib.figure.Figure` built with
:func:`scaling_helpers.common.plotting.new_figure` (course style, Okabe-Ito colours, no pyplot state). Solid lines mark
the range a law was measured on, dashed lines extrapolation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter
from numpy.typing import ArrayLike, NDArray

from .. import kaplan as K
from ..chinchilla.laws import BESIROGLU_2024, HOFFMANN_2022_UNROUNDED, ParametricLaw
from ..common.plotting import PALETTE, new_figure
from ..common.units import PF_DAY
from ..common.validate import positive_array, positive_scalar

__all__ = [
    "plot_single_variable_laws",
    "plot_kaplan_figure1",
    "FIG1_RANGES",
    "plot_joint_law",
    "plot_batch_and_steps",
    "plot_allocation_rules",
    "plot_pearce_song",
    "plot_porian_steps",
    "KAPLAN_D_RANGE",
    "KAPLAN_C_RANGE_PF_DAYS",
]

#: Kaplan's data-set sizes, tokens: 22M to 23B (Sec. 2 / Sec. 3.2).
KAPLAN_D_RANGE = (2.2e7, 2.3e10)
#: Range of C_min covered by Kaplan et al. (2020) Figure 1 (right), PF-days (approximate: read off
#: the figure's axis).
KAPLAN_C_RANGE_PF_DAYS = (1e-8, 1e1)


_LOSS_TICKS = (1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 15)


def _loss_ticks(ax: Axes) -> None:
    """Plain-number ticks (2, 3, 4 ... nats) on a logarithmic loss axis instead of 4x10^0."""
    ax.yaxis.set_major_locator(FixedLocator(_LOSS_TICKS))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())


def _measured_and_extrapolated(ax: Axes, x: NDArray[np.float64], y: ArrayLike, lo: float, hi: float, colour: str,
                               label: str) -> None:
    """Draw ``y(x)`` solid inside ``[lo, hi]`` (measured) and dashed outside (extrapolated)."""
    inside = (x >= lo) & (x <= hi)
    ax.plot(x, np.where(inside, y, np.nan), color=colour, label=label)
    ax.plot(x, np.where(inside, np.nan, y), color=colour, ls="--", lw=1.4)


def plot_single_variable_laws() -> Figure:
    """Kaplan's three single-variable laws L(N), L(D), L(C_min) (Eq. 1.1-1.3, Table 5) on log-log axes.

    Solid: the range Kaplan measured; dashed: extrapolation. The compute panel also draws Figure 1's legend
    constant (2.3e8 PF-days, dotted) next to the Table-5 value 3.1e8, and a FLOPs axis on top.
    """
    fig, (a_n, a_d, a_c) = new_figure(3, width=4.3, height=3.7)
    t = K.TABLE5
    n = np.logspace(2.5, 12, 300)
    _measured_and_extrapolated(a_n, n, K.loss_vs_params(n), *K.KAPLAN_N_RANGE, PALETTE[1],
                               f"(N/{t.N_c:.2g})^-{t.alpha_N}")
    a_n.set_xlabel("non-embedding parameters N")
    a_n.set_title("L(N), Eq. 1.1")
    d = np.logspace(6, 13, 300)
    _measured_and_extrapolated(a_d, d, K.loss_vs_tokens(d), *KAPLAN_D_RANGE, PALETTE[2],
                               f"(D/{t.D_c:.2g})^-{t.alpha_D}")
    a_d.set_xlabel("training tokens D")
    a_d.set_title("L(D), Eq. 1.2")
    c = np.logspace(-10, 5, 300)
    _measured_and_extrapolated(a_c, c, K.loss_vs_compute(c, unit="pf_days"), *KAPLAN_C_RANGE_PF_DAYS, PALETTE[3],
                               f"(C_min/{t.C_c_min:.2g})^-{t.alpha_C_min}")
    a_c.plot(c, K.loss_vs_compute(c, unit="pf_days", C_c_min=K.FIG1_LEGEND_C_C_MIN), color=PALETTE[0], ls=":",
             lw=1.4, label="Fig. 1 legend: 2.3e8")
    a_c.set_xlabel("compute C_min (PF-days)")
    a_c.set_title("L(C_min), Eq. 1.3")
    top = a_c.secondary_xaxis("top", functions=(lambda x: x * PF_DAY, lambda x: x / PF_DAY))
    top.set_xscale("log")
    top.set_xlabel("FLOPs", fontsize=10)
    for ax in (a_n, a_d, a_c):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_ylabel("test loss (nats/token)")
        ax.legend(loc="lower left", fontsize=9)
        _loss_ticks(ax)
    return fig


#: The x ranges of the three panels of Kaplan et al. (2020) Figure 1, in its units: compute C_min in PF-days
#: (non-embedding; axis 1e-9 to 1e1), dataset size in tokens (the measured 22M to 23B, Sec. 2), parameters
#: (non-embedding; the measured 768 to 1.5e9, Sec. 2).
FIG1_RANGES: dict[str, tuple[float, float]] = {
    "compute": (1e-9, 1e1),
    "data": KAPLAN_D_RANGE,
    "params": K.KAPLAN_N_RANGE,
}


def plot_kaplan_figure1() -> Figure:
    """Kaplan et al. (2020) Figure 1: L(C_min), L(D), L(N) side by side, in the paper's order, ranges and units.

    Every line is a fitted law (Eq. 1.1-1.3, Table 5); Kaplan's runs are not public, so there are no data
    points. Each panel prints its law as the paper's legend does. The compute panel draws Figure 1's legend
    constant (C_c = 2.3e8 PF-days, solid) and the Eq. 1.3 / Table 5 value (3.1e8, dashed).
    """
    fig, (a_c, a_d, a_n) = new_figure(3, width=4.4, height=4.0)
    t = K.TABLE5
    c = np.logspace(*np.log10(FIG1_RANGES["compute"]), 200)
    a_c.plot(c, K.loss_vs_compute(c, unit="pf_days", C_c_min=K.FIG1_LEGEND_C_C_MIN), color=PALETTE[5],
             gid="fig1-legend", label=f"L = (C_min/2.3·10⁸)^−{t.alpha_C_min:.3f}  (Fig. 1 legend)")
    a_c.plot(c, K.loss_vs_compute(c, unit="pf_days"), color=PALETTE[0], ls="--", lw=1.4, gid="table5",
             label="C_c = 3.1·10⁸  (Eq. 1.3, Table 5)")
    a_c.set_xlabel("compute C_min (PF-days, non-embedding)")
    d = np.logspace(*np.log10(FIG1_RANGES["data"]), 200)
    a_d.plot(d, K.loss_vs_tokens(d), color=PALETTE[1], gid="law",
             label=f"L = (D/5.4·10¹³)^−{t.alpha_D:.3f}")
    a_d.set_xlabel("dataset size D (tokens)")
    n = np.logspace(*np.log10(FIG1_RANGES["params"]), 200)
    a_n.plot(n, K.loss_vs_params(n), color=PALETTE[3], gid="law", label=f"L = (N/8.8·10¹³)^−{t.alpha_N:.3f}")
    a_n.set_xlabel("parameters N (non-embedding)")
    for ax, title in ((a_c, "Compute"), (a_d, "Dataset size"), (a_n, "Parameters")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(title)
        ax.legend(loc="upper right", fontsize=9, title="fitted law (no data)", title_fontsize=9)
        _loss_ticks(ax)
    a_c.set_ylabel("test loss (nats/token)")
    fig.suptitle("Kaplan et al. 2020, Figure 1: the three single-variable laws (Eq. 1.1–1.3, Table 5)",
                 fontsize=12)
    return fig


def plot_joint_law(sizes: Sequence[float] = (1e6, 1e7, 1e8, 1e9)) -> Figure:
    """Kaplan's joint law L(N, D) with its Table-2 constants (Eq. 1.5) and the overfitting penalty (Eq. 4.3).

    Left: loss against tokens for several model sizes, each approaching its infinite-data limit (dotted); a
    grey line shows the largest size with the single-variable constants (0.095, 5.4e13) plugged in by mistake.
    Right: the penalty δL = L(N, D)/L(N, ∞) - 1 with the 2% seed-noise level and Eq. 4.4's D = 5e3 N^0.74.
    """
    ns = positive_array(sizes, "sizes")
    fig, (left, right) = new_figure(2, width=5.2, height=3.9)
    d = np.logspace(6, 12, 300)
    for i, n in enumerate(ns):
        colour = PALETTE[1 + i % (len(PALETTE) - 1)]
        left.plot(d, K.loss_params_tokens(n, d), color=colour, label=f"N = {n:.0e}")
        left.axhline(K.loss_params_tokens(n, np.inf), color=colour, ls=":", lw=1.2)
        right.plot(d, 100 * np.asarray(K.overfitting_penalty(n, d)), color=colour, label=f"N = {n:.0e}")
        d_need = K.tokens_to_avoid_overfitting(n)
        right.plot([d_need], [100 * K.overfitting_penalty(n, d_need)], "o", color=colour, ms=7)
    wrong = K.JointLawConstants(alpha_N=0.076, alpha_D=0.095, N_c=8.8e13, D_c=5.4e13)
    left.plot(d, K.loss_params_tokens(ns[-1], d, wrong), color="#999999", ls="--", lw=1.4,
              label=f"N = {ns[-1]:.0e}, wrong constants")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("training tokens D")
    left.set_ylabel("test loss (nats/token)")
    left.set_title("L(N, D), Table 2 (dotted: D = ∞)")
    _loss_ticks(left)
    left.legend(fontsize=9)
    right.axhline(2.0, color=PALETTE[0], ls="--", lw=1)
    right.text(d[0] * 1.5, 2.3, "2%: seed noise", fontsize=9)
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_ylim(1e-2, 1e2)
    right.set_xlabel("training tokens D")
    right.set_ylabel("overfitting penalty δL (%)")
    right.set_title("Eq. 4.3; dots: D = 5e3·N^0.74")
    right.legend(fontsize=9, loc="upper right")
    return fig


def plot_batch_and_steps(sizes: Sequence[float] = (1e6, 1e7, 1e8, 1e9)) -> Figure:
    """Critical batch size B_crit(L) (Eq. 1.4 / 5.3) and the steps law L(N, S_min) (Eq. 1.6, Table 3)."""
    ns = positive_array(sizes, "sizes")
    fig, (left, right) = new_figure(2, width=5.0, height=3.7)
    loss = np.linspace(1.8, 6.0, 200)
    left.plot(loss, K.critical_batch_size(loss), color=PALETTE[1], label="B* = 2.1e8 (Table 5)")
    left.plot(loss, K.critical_batch_size(loss, B_star=K.B_STAR_TEXT), color=PALETTE[2], ls="--",
              label="B* = 2e8 (text)")
    left.set_yscale("log")
    left.set_xlabel("loss L (nats/token)")
    left.set_ylabel("critical batch size (tokens)")
    left.set_title("B_crit = B*/L^(1/0.21)")
    left.legend()
    s = np.logspace(2, 7, 200)
    for i, n in enumerate(ns):
        colour = PALETTE[1 + i % (len(PALETTE) - 1)]
        right.plot(s, K.loss_params_steps(n, s), color=colour, label=f"N = {n:.0e}")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("minimum optimiser steps S_min")
    right.set_ylabel("test loss (nats/token)")
    right.set_title("L(N, S_min), Table 3")
    _loss_ticks(right)
    right.legend(fontsize=9)
    return fig


def plot_allocation_rules(c_min: float = 1e18, c_max: float = 1e26, *, highlight: float | None = None,
                          law: ParametricLaw = HOFFMANN_2022_UNROUNDED) -> Figure:
    """The two allocation rules diverging with compute: N_opt(C) and tokens per parameter, 1e18 to 1e26 FLOPs.

    Kaplan (Table 6): N = 1.3e9 C_min^0.73, D = 2e10 C_min^0.27 (C_min in PF-days; C used as C_min).
    Chinchilla: Approach 3, N = G (C/6)^a (Hoffmann et al. 2022, Eq. 4, via
    :meth:`scaling_helpers.chinchilla.ParametricLaw.compute_optimal`), and 20 tokens per parameter, N = sqrt(C/120).
    The shaded band is the compute Kaplan measured (C_min up to about 10 PF-days).

    Parameters
    ----------
    c_min, c_max
        Budget range, FLOPs.
    highlight
        A budget (FLOPs) to mark with a vertical line and points (used by the allocation explorer).
    law
        Chinchilla-form law for Approach 3.
    """
    lo = positive_scalar(c_min, "c_min", unit="FLOPs")
    hi = positive_scalar(c_max, "c_max", unit="FLOPs")
    if not hi > lo:
        raise ValueError(f"c_max must exceed c_min; got {lo:g} and {hi:g}.")
    c = np.logspace(np.log10(lo), np.log10(hi), 200)
    k_n = np.asarray(K.optimal_params(c, unit="flops"))
    k_d = np.asarray(K.optimal_tokens(c, unit="flops"))
    h_n, h_d = (np.asarray(v) for v in law.compute_optimal(c))
    r_n = np.sqrt(c / 120.0)
    fig, (left, right) = new_figure(2, width=5.2, height=4.0)
    rules = ((k_n, k_d, PALETTE[2], "-", "Kaplan: N ∝ C^0.73 (Table 6)"),
             (h_n, h_d, PALETTE[1], "-", f"Chinchilla Approach 3: N ∝ C^{law.a:.2f}"),
             (r_n, 20.0 * r_n, PALETTE[3], "--", "20 tokens/param: N = √(C/120)"))
    for n, d, colour, ls, label in rules:
        left.plot(c, n, color=colour, ls=ls, label=label)
        right.plot(c, d / n, color=colour, ls=ls, label=label)
    kap_hi = KAPLAN_C_RANGE_PF_DAYS[1] * PF_DAY
    for ax in (left, right):
        ax.axvspan(lo, kap_hi, color=PALETTE[5], alpha=0.12, lw=0)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("training compute C (FLOPs)")
    left.text(lo * 1.6, k_n.max(), "Kaplan's\nmeasured\nrange", fontsize=9, va="top")
    left.set_ylabel("compute-optimal parameters N")
    left.set_title("model size")
    left.legend(loc="lower right", fontsize=9)
    right.set_ylabel("tokens per parameter D/N")
    right.set_title("tokens per parameter")
    right.axhline(1.0, color=PALETTE[0], lw=0.8)
    if highlight is not None:
        h = positive_scalar(highlight, "highlight", unit="FLOPs")
        cmp = K.compare_allocations(h, unit="flops", law=law)
        for ax in (left, right):
            ax.axvline(h, color=PALETTE[0], ls=":", lw=1.2, gid="highlight")
        left.plot([h, h, h], [cmp.kaplan_n, cmp.chinchilla_n, cmp.rule20_n], "o", color=PALETTE[0], ms=6,
                  gid="highlight-points")
        right.plot([h, h, h], [cmp.kaplan_d / cmp.kaplan_n, cmp.chinchilla_d / cmp.chinchilla_n, 20.0], "o",
                   color=PALETTE[0], ms=6, gid="highlight-points")
    return fig


def plot_pearce_song(laws: Sequence[ParametricLaw] = (BESIROGLU_2024, HOFFMANN_2022_UNROUNDED)) -> Figure:
    """Pearce & Song (2024): a Chinchilla-form law looks like Kaplan's when counted Kaplan's way at small scale.

    Left: compute-optimal model among Kaplan-sized models (10^2.9 to 10^9.2 non-embedding parameters) for the
    first law, counted as non-embedding (N_E vs C_E = 6 N_E D) and as total (N_T vs C_T = 6 N_T D), with the
    fitted local exponents. Right: the local exponent d log N*_E / d log C_E of the continuous frontier for each
    law, against Kaplan's 0.73 and each law's true exponent.
    """
    if not laws:
        raise ValueError("pass at least one law.")
    fig, (left, right) = new_figure(2, width=5.2, height=4.0)
    first = laws[0]
    for counting, colour, marker, name in (("non_embedding", PALETTE[2], "o", "non-embedding N_E vs C_E"),
                                           ("total", PALETTE[1], "s", "total N_T vs C_T")):
        sim = K.simulate_kaplan_regime(first, counting=counting)
        left.plot(sim.compute, sim.n_opt, marker, color=colour, ms=3.5, alpha=0.7)
        left.plot(sim.compute, sim.prefactor * sim.compute**sim.exponent, color=colour,
                  label=f"{name}: slope {sim.exponent:.2f}")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("compute (FLOPs, same counting as N)")
    left.set_ylabel("compute-optimal parameters")
    left.set_title(f"simulated optima, {first.name.split(' (')[0]}", fontsize=11)
    left.legend(fontsize=9, loc="upper left")
    n = np.logspace(1, 12, 400)
    styles = ("-", "--", ":")
    for i, law in enumerate(laws):
        c, local = K.frontier_local_exponent(law, n)
        colour = (PALETTE[1], PALETTE[4], PALETTE[3])[i % 3]
        right.plot(c, local, color=colour, ls=styles[i % 3], label=law.name)
        right.axhline(law.a, color=colour, lw=0.8, ls=styles[i % 3])
    right.axhline(0.73, color=PALETTE[0], lw=1.5, label="Kaplan: 0.73")
    right.axvspan(10**12.95, 10**20.7, color=PALETTE[5], alpha=0.12, lw=0)
    right.text(10**13.2, 0.36, "budgets of\nKaplan-sized models", fontsize=9)
    right.set_xscale("log")
    right.set_xlim(1e10, 1e26)
    right.set_ylim(0.3, 1.05)
    right.set_xlabel("non-embedding compute C_E (FLOPs)")
    right.set_ylabel("local exponent of N*_E vs C_E")
    right.set_title("local exponent (thin lines: true a)", fontsize=11)
    right.legend(fontsize=8, loc="upper right")
    return fig


def plot_porian_steps(steps: Sequence[K.PorianStep] = K.PORIAN_STEPS_REFINEDWEB,
                      other: Sequence[K.PorianStep] | None = K.PORIAN_STEPS_OWT2) -> Figure:
    """Porian et al. (2024): the exponent a of N* ∝ C^a as Kaplan's set-up is corrected step by step.

    Bars: RefinedWeb with 95% bootstrap intervals; diamonds: OpenWebText2. Reference lines: Kaplan's 0.73 and
    Chinchilla's 0.5.
    """
    if not steps:
        raise ValueError("pass at least one step.")
    fig, ax = new_figure(1, width=9.0, height=3.6)
    y = np.arange(len(steps))[::-1]
    a = np.array([s.a for s in steps])
    err = np.array([[s.a - s.ci[0], s.ci[1] - s.a] if s.ci else [0.0, 0.0] for s in steps]).T
    ax.barh(y, a, color=PALETTE[6], height=0.6, xerr=err, capsize=3, label="RefinedWeb (95% CI)")
    for yi, ai in zip(y, a, strict=True):
        ax.text(ai + 0.015, yi + 0.18, f"{ai:.3f}", fontsize=9, va="center")
    if other:
        ax.plot([s.a for s in other], y[: len(other)], "D", color=PALETTE[4], ms=6, label="OpenWebText2")
    ax.axvline(0.73, color=PALETTE[2], ls="--", lw=1.5, label="Kaplan Table 6: 0.73")
    ax.axvline(0.5, color=PALETTE[1], ls="--", lw=1.5, label="Chinchilla: 0.5")
    ax.set_yticks(y, [s.step for s in steps], fontsize=9)
    ax.set_xlim(0.0, 1.3)
    ax.set_xticks(np.round(np.arange(0.0, 1.01, 0.2), 1))
    ax.set_xlabel("exponent a of N* ∝ C^a")
    fig.suptitle("Porian et al. 2024: Kaplan's set-up corrected step by step", fontsize=12)
    ax.legend(fontsize=9, loc="lower right")
    ax.grid(axis="y", visible=False)
    return fig

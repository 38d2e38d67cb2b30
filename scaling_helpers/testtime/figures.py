"""Figures of chapter 8 (test-time compute). Every function returns a matplotlib ``Figure``.

All numbers come from :mod:`scaling_helpers.testtime`; nothing is re-derived here. Colours are the
course's Okabe-Ito :data:`~scaling_helpers.common.plotting.PALETTE`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter
from scipy.stats import beta as beta_dist

from ..common.plotting import PALETTE, new_figure
from .coverage import CoverageLawFit, beta_coverage
from .datasets import CoverageSweep
from .folklore import folk_reasoning_quality
from .matched import ComputeMatched
from .passk import estimator_means, pass_at_k, pass_at_k_plugin
from .simulate import StrategyCurves, log_ks

__all__ = [
    "plot_estimator_bias",
    "plot_coverage_law",
    "plot_strategies",
    "plot_compute_matched",
    "plot_folk_formula",
    "plot_difficulty",
]

_PCT = PercentFormatter(xmax=1.0, decimals=0)
_K_FMT = FuncFormatter(lambda v, _: f"{v:,.0f}" if v >= 1 else f"{v:g}")


def plot_estimator_bias(p: float = 0.05, n: int = 20, sweep: CoverageSweep | None = None,
                        n_benchmark: int = 50) -> Figure:
    """Unbiased pass@k vs the plug-in ``1 - (1 - c/n)^k``.

    Left: one problem with success probability ``p`` and ``n`` samples; the *mean* of each estimator over
    all outcomes ``c ~ Binomial(n, p)`` (exact), against the truth ``1 - (1 - p)^k``.
    Right: a benchmark (``sweep``'s problems) re-sampled with only ``n_benchmark`` samples per problem;
    the benchmark-average of each estimator against the population coverage.
    """
    fig, (left, right) = new_figure(2, width=4.8, height=3.7)
    ks = np.arange(1, n + 1)
    m = estimator_means(p, n, ks)
    left.plot(ks, m.truth, color=PALETTE[0], lw=3, alpha=0.35, label="truth 1 − (1 − p)^k")
    left.plot(ks, m.unbiased, color=PALETTE[1], ls="--", label="mean of unbiased estimator")
    left.plot(ks, m.plugin, color=PALETTE[2], label="mean of plug-in 1 − (1 − c/n)^k")
    left.set_xlabel("k (samples)")
    left.set_ylabel("pass@k")
    left.set_title(f"one problem: p = {p:g}, n = {n}")
    left.yaxis.set_major_formatter(_PCT)
    left.legend(loc="lower right", fontsize=9)

    if sweep is None:
        from .datasets import coverage_sweep

        sweep = coverage_sweep()
    rng = np.random.default_rng(1)
    c = rng.binomial(n_benchmark, sweep.p_true)
    kb = np.arange(1, n_benchmark + 1)
    unb = np.array([np.mean(pass_at_k(n_benchmark, c, int(k))) for k in kb])
    plug = np.array([np.mean(pass_at_k_plugin(n_benchmark, c, int(k))) for k in kb])
    right.plot(kb, sweep.true_coverage(kb), color=PALETTE[0], lw=3, alpha=0.35, label="population coverage")
    right.plot(kb, unb, color=PALETTE[1], ls="--", label="unbiased estimator")
    right.plot(kb, plug, color=PALETTE[2], label="plug-in")
    right.set_xlabel("k (samples)")
    right.set_ylabel("coverage (mean over problems)")
    right.set_title(f"{sweep.p_true.size} problems, n = {n_benchmark} each")
    right.yaxis.set_major_formatter(_PCT)
    right.legend(loc="lower right", fontsize=9)
    return fig


def plot_coverage_law(sweep: CoverageSweep, fit: CoverageLawFit, *, target: float | None = 0.8) -> Figure:
    """Coverage against k (log axis) with the fitted ``exp(a·k^b)`` and its extrapolation.

    Left: coverage (points used in the fit filled, later points open), the fit (solid where fitted,
    dashed where extrapolated) and the population truth. Right: ``-log c`` on log-log axes, where the
    law is a straight line of slope ``b``.
    """
    fig, (left, right) = new_figure(2, width=4.9, height=3.8)
    used = sweep.k <= fit.k_max
    grid = np.logspace(0, np.log10(sweep.k.max()), 200)
    inside = grid <= fit.k_max
    truth = sweep.true_coverage(grid)
    for ax, tf in ((left, lambda c: c), (right, lambda c: -np.log(c))):
        ax.plot(grid, tf(truth), color=PALETTE[0], lw=3, alpha=0.25, label="population truth (Beta)")
        ax.plot(grid[inside], tf(fit.predict(grid[inside])), color=PALETTE[1],
                label=f"fit exp(a·k^b): a = {fit.a:.3f}, b = {fit.b:.3f}")
        ax.plot(grid[~inside], tf(fit.predict(grid[~inside])), color=PALETTE[1], ls="--", label="extrapolation")
        ax.scatter(sweep.k[used], tf(sweep.coverage[used]), color=PALETTE[2], zorder=3, label="fitted points")
        ax.scatter(sweep.k[~used], tf(sweep.coverage[~used]), facecolors="white", edgecolors=PALETTE[2],
                   zorder=3, label="held-out estimates")
        ax.set_xscale("log")
        ax.set_xlabel("k (samples per problem)")
        ax.xaxis.set_major_formatter(_K_FMT)
    if target is not None:
        k_t = float(fit.samples_for(target))
        left.axhline(target, color=PALETTE[0], lw=1, ls=":")
        left.annotate(f"law: {target:.0%} at k ≈ {k_t:,.0f}", xy=(k_t, target), xytext=(1.3, target + 0.06),
                      fontsize=9, arrowprops={"arrowstyle": "->", "color": PALETTE[0], "lw": 0.8})
    left.set_ylabel("coverage (pass@k)")
    left.yaxis.set_major_formatter(_PCT)
    left.set_ylim(0, 1)
    left.set_title("coverage vs samples")
    left.legend(loc="lower right", fontsize=8)
    right.set_yscale("log")
    right.set_ylabel("−log coverage")
    right.set_title("log-log axes: the law is a straight line")
    return fig


def plot_strategies(curves: StrategyCurves, k_points: int = 31) -> Figure:
    """Accuracy of oracle verifier (coverage), majority vote and best-of-N against k.

    The dashed line is the majority-vote limit: the fraction of problems whose most likely answer is
    correct. Majority vote converges to it; coverage keeps rising towards 1.
    """
    ks = log_ks(int(curves.k[-1]), k_points)
    fig, ax = new_figure(1, width=9.6, height=4.2)
    ax.plot(curves.k, curves.expected_coverage, color=PALETTE[1], lw=3, alpha=0.3)
    ax.plot(ks, curves.accuracy("coverage", ks), "o-", ms=4, color=PALETTE[1],
            label="oracle verifier = coverage (pass@k)")
    ax.plot(ks, curves.accuracy("best_of_n", ks), "s-", ms=4, color=PALETTE[3], label="best-of-N, noisy reward model")
    ax.plot(ks, curves.accuracy("majority", ks), "^-", ms=4, color=PALETTE[2], label="majority vote")
    ax.axhline(curves.majority_limit, color=PALETTE[2], ls="--", lw=1.2,
               label=f"majority-vote limit {curves.majority_limit:.0%} (modal answer correct)")
    ax.axhline(float(np.mean(curves.p_correct)), color=PALETTE[0], ls=":", lw=1,
               label=f"one sample: mean p = {np.mean(curves.p_correct):.0%}")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(_K_FMT)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(_PCT)
    ax.set_xlabel("k (samples per problem)")
    ax.set_ylabel("accuracy (share of problems)")
    ax.set_title(f"{curves.p_correct.size} simulated problems")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9)  # beside the axes: hides no marker
    return fig


def plot_compute_matched(cm: ComputeMatched, *, small_label: str = "small", large_label: str = "large",
                         edges: tuple[float, ...] = (0.0, 0.01, 0.1, 0.5, 1.0)) -> Figure:
    """Accuracy against inference FLOPs per problem (left) and, at matched FLOPs, per difficulty (right)."""
    fig, (left, right) = new_figure(2, width=5.2, height=4.0)
    ks = log_ks(int(cm.small.k[-1]), 25)
    for curves, per, colour, name, mk in ((cm.small, cm.flops_small, PALETTE[1], small_label, "o"),
                                          (cm.large, cm.flops_large, PALETTE[2], large_label, "s")):
        x = per * ks
        left.plot(x, curves.accuracy("coverage", ks), "-", marker=mk, ms=3, color=colour,
                  label=f"{name}: oracle verifier")
        left.plot(x, curves.accuracy("majority", ks), "--", marker=mk, ms=3, color=colour,
                  label=f"{name}: majority vote")
    k = cm.k_matched
    left.axvline(cm.flops_large, color=PALETTE[0], lw=1, ls=":")
    left.scatter([cm.flops_large], cm.large.accuracy("coverage", 1), s=80, color=PALETTE[2], zorder=4,
                 edgecolors="black")
    left.text(cm.flops_large * 1.15, 0.03, f"1 {large_label} sample\n= {k} {small_label} samples", fontsize=9)
    left.set_xscale("log")
    left.set_xlabel("inference FLOPs per problem (2·N·tokens·k)")
    left.set_ylabel("accuracy")
    left.set_ylim(0, 1)
    left.yaxis.set_major_formatter(_PCT)
    left.legend(loc="lower right", fontsize=8)
    left.set_title("same problems, two model sizes")

    rows = cm.by_difficulty(edges)
    x = np.arange(len(rows))
    w = 0.27
    bars = ((f"{small_label} ×{k}: oracle verifier", [r.small_coverage for r in rows], PALETTE[1], ""),
            (f"{small_label} ×{k}: majority vote", [r.small_majority for r in rows], PALETTE[5], ""),
            (f"{large_label} ×1", [r.large_single for r in rows], PALETTE[2], ""))
    for i, (label, vals, colour, hatch) in enumerate(bars):
        right.bar(x + (i - 1) * w, np.nan_to_num(vals), width=w, color=colour, label=label, hatch=hatch)
    right.set_xticks(x, [f"{r.low:g}–{r.high:g}\n({r.n_problems})" for r in rows])
    right.set_xlabel(f"{small_label} model's single-sample success p (problems)")
    right.set_ylabel("accuracy at matched FLOPs")
    right.set_ylim(0, 1.05)
    right.yaxis.set_major_formatter(_PCT)
    right.grid(axis="x", visible=False)
    right.legend(loc="upper left", fontsize=8)
    right.set_title("who wins depends on difficulty")
    return fig


def plot_folk_formula(max_tokens: float = 1e14) -> Figure:
    """The widespread made-up ``0.4 + 0.05·log10(tokens + 1)`` against the ceiling of any accuracy, 1."""
    t = np.logspace(0, np.log10(max_tokens), 300)
    fig, ax = new_figure(1, width=6.4, height=3.6)
    ax.plot(t, folk_reasoning_quality(t), color=PALETTE[2], label="folk formula: 0.4 + 0.05·log10(tokens + 1) (made up)")
    ax.axhline(1.0, color=PALETTE[0], ls="--", lw=1.2, label="100% accuracy: no accuracy can exceed it")
    ax.axvline(1e12, color=PALETTE[0], ls=":", lw=1)
    ax.text(1.4e12, 0.45, "passes 100%\nat 10¹² tokens", fontsize=9)
    ax.set_xscale("log")
    ax.set_xlabel("thinking tokens")
    ax.set_ylabel("'reasoning quality'")
    ax.yaxis.set_major_formatter(_PCT)
    ax.legend(loc="upper left", fontsize=9)
    ax.set_title("an unbounded 'law' with no source")
    return fig


def plot_difficulty(alpha: float, beta: float, k: int, curves: StrategyCurves | None = None,
                    fig: Figure | None = None) -> Figure:
    """The explorer's picture: the difficulty distribution (left); coverage and majority vote vs k (right).

    Coverage is exact for ``Beta(alpha, beta)`` (:func:`~scaling_helpers.testtime.coverage.beta_coverage`);
    majority vote comes from ``curves`` (a simulation of the same distribution) when given.
    """
    if fig is None:
        fig, (left, right) = new_figure(2, width=4.4, height=3.3)
    else:
        fig.clear()
        left, right = fig.subplots(1, 2)
    p = np.linspace(0.0005, 0.9995, 400)
    left.fill_between(p, beta_dist.pdf(p, alpha, beta), color=PALETTE[1], alpha=0.35)
    left.plot(p, beta_dist.pdf(p, alpha, beta), color=PALETTE[1])
    mean = alpha / (alpha + beta)
    left.axvline(mean, color=PALETTE[0], ls=":", lw=1)
    left.set_ylim(0, min(8.0, float(np.nanmax(beta_dist.pdf(p, alpha, beta))) * 1.1))
    left.set_xlabel("single-sample success p")
    left.set_ylabel("density of problems")
    left.set_title(f"Beta({alpha:.2g}, {beta:.2g}), mean {mean:.2f}")
    k_top = int(curves.k[-1]) if curves is not None else 1024
    ks = log_ks(k_top, 25)
    right.plot(ks, beta_coverage(ks, alpha, beta), color=PALETTE[1], label="coverage (oracle verifier)")
    if curves is not None:
        right.plot(ks, curves.accuracy("majority", ks), color=PALETTE[2], label="majority vote (simulated)")
        right.axhline(curves.majority_limit, color=PALETTE[2], ls="--", lw=1)
    right.axvline(k, color=PALETTE[0], ls=":", lw=1)
    right.set_xscale("log")
    right.xaxis.set_major_formatter(_K_FMT)
    right.set_ylim(0, 1)
    right.yaxis.set_major_formatter(_PCT)
    right.set_xlabel("k (samples)")
    right.set_ylabel("accuracy")
    right.set_title(f"k = {k}")
    right.legend(loc="lower right", fontsize=8)
    return fig

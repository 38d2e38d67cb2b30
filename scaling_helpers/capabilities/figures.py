"""Figures of chapter 10 (from loss to capabilities). Formulas come from :mod:`.emergence`, :mod:`.downstream` and
:mod:`.observational`; data from :mod:`.data`; nothing is computed twice."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter

from ..common.plotting import PALETTE, lighten_log_axes, new_figure
from .data import BENCHMARK_TABLE, BENCHMARKS, GADRE_RUNS, BenchmarkRow, GadreRun
from .downstream import (
    GADRE_2024_RPJ_ERROR,
    DownstreamErrorLaw,
    fit_power_law_with_floor,
    fit_sigmoid_accuracy,
    power_law_with_floor,
    sigmoid_accuracy,
)
from .emergence import emergence_size, exact_match, token_edit_distance
from .observational import capability_pca, line_fit, score_matrix

__all__ = ["plot_emergence", "EMERGENCE_SIZES", "plot_error_law", "plot_two_step", "plot_capability_pca"]

_TASK_NAMES = {"arc_easy": "ARC-Easy", "arc_challenge": "ARC-Challenge", "hellaswag": "HellaSwag", "mmlu": "MMLU"}

#: Model sizes drawn by :func:`plot_emergence` (parameters).
EMERGENCE_SIZES = np.logspace(6, 13, 200)


def plot_emergence(lengths: Sequence[float] = (1, 5, 20, 50), sizes: np.ndarray = EMERGENCE_SIZES,
                   fig: Figure | None = None) -> Figure:
    """Exact match ``p**L`` (left, linear axis: sharp) and expected wrong tokens ``L(1-p)`` (right, log axes:
    straight lines) against model size, for several answer lengths ``L``; dots mark where exact match is 50%."""
    if fig is None:
        fig, (left, right) = new_figure(2, width=4.9, height=3.9)
    else:
        fig.clear()
        left, right = fig.subplots(1, 2)
    for j, L in enumerate(lengths):
        colour = PALETTE[1 + j % (len(PALETTE) - 1)]
        em = np.asarray(exact_match(sizes, L))
        left.plot(sizes, em, color=colour, label=f"L = {L:g} tokens")
        n_half = float(emergence_size(L))
        if sizes.min() <= n_half <= sizes.max():
            left.plot(n_half, 0.5, "o", color=colour, mec="black", ms=6)
        right.plot(sizes, np.asarray(token_edit_distance(sizes, L)), color=colour, label=f"L = {L:g}")
    left.set_xscale("log")
    left.set_ylim(-0.02, 1.02)
    left.set_xlabel("parameters N")
    left.set_ylabel("exact match = p^L")
    left.set_title("nonlinear metric: 'emergent'")
    left.legend(fontsize=8.5, loc="upper left")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("parameters N")
    right.set_ylabel("expected wrong tokens L(1 − p)")
    right.set_title("continuous metric: smooth")
    right.legend(fontsize=8.5, loc="lower left")
    return lighten_log_axes(fig)


def _is_fit_run(r: GadreRun) -> bool:
    """Gadre et al.'s default fitting set for the error law (see :data:`GADRE_2024_RPJ_ERROR`)."""
    return (r.multiplier == 20 and r.params < 5e9) or (r.params < 2e7 and r.multiplier == 320)


def plot_error_law(law: DownstreamErrorLaw = GADRE_2024_RPJ_ERROR, runs: Sequence[GadreRun] = GADRE_RUNS) -> Figure:
    """Average 17-task error against C4 loss: all runs (dots; filled = used in the fit) and the fitted law (line)."""
    fig, ax = new_figure(1, width=6.2, height=4.2)
    loss = np.array([r.c4_loss for r in runs])
    err = np.array([r.err_17 for r in runs])
    fit = np.array([_is_fit_run(r) for r in runs])
    ax.plot(loss[~fit], err[~fit], "o", mfc="white", color=PALETTE[1], label="runs (data, not fitted)")
    ax.plot(loss[fit], err[fit], "o", color=PALETTE[1], label="runs used in the fit (data)")
    grid = np.linspace(2.3, 6.3, 200)
    ax.plot(grid, np.asarray(law.error(grid)), color=PALETTE[2], label="Err = ε − k·exp(−γL) (fit)")
    ax.axhline(law.epsilon, color="0.5", ls=":", lw=1.2)
    ax.set_xlabel("C4 validation loss L (nats/token)")
    ax.set_ylabel("average top-1 error, 17 tasks")
    ax.invert_xaxis()
    ax.legend(fontsize=9, loc="lower left")
    return fig


def plot_two_step(task: str = "arc_easy", runs: Sequence[GadreRun] = GADRE_RUNS, max_fit_params: float = 5e8,
                  floor: float = 0.25) -> Figure:
    """The two-step forecast on Gadre et al.'s runs. Left: C4 loss against compute for the M = 20 runs (dots) and
    the fitted power law (line, fitted without the 6.9B run). Right: task accuracy against loss (dots) and the
    sigmoid fitted on runs up to ``max_fit_params`` (line); open dots were not used in the fit."""
    fig, (left, right) = new_figure(2, width=5.0, height=4.0)
    m20 = [r for r in runs if r.multiplier == 20]
    fit20 = [r for r in m20 if r.params < 5e9]
    E, A, alpha = fit_power_law_with_floor([r.compute for r in fit20], [r.c4_loss for r in fit20])
    c = np.array([r.compute for r in m20])
    held = [r for r in m20 if r.params >= 5e9]
    left.plot([r.compute for r in fit20], [r.c4_loss for r in fit20], "o", color=PALETTE[1],
              label="M = 20 runs (data, fitted)")
    left.plot([r.compute for r in held], [r.c4_loss for r in held], "o", mfc="white", color=PALETTE[1],
              label="6.9B run (data, held out)")
    grid = np.logspace(np.log10(c.min()) - 0.3, np.log10(c.max()) + 0.5, 100)
    left.plot(grid, np.asarray(power_law_with_floor(grid, E, A, alpha)), color=PALETTE[2],
              label="E + A·C^−α (fit)")
    left.set_xscale("log")
    left.set_xlabel("training compute C = 6ND (FLOPs)")
    left.set_ylabel("C4 validation loss")
    left.legend(fontsize=9)
    loss = np.array([r.c4_loss for r in runs])
    acc = np.array([getattr(r, task) for r in runs])
    used = np.array([r.params <= max_fit_params for r in runs])
    mid, slope = fit_sigmoid_accuracy(loss[used], acc[used], floor=floor)
    right.plot(loss[used], acc[used], "o", color=PALETTE[3], label=f"runs ≤ {max_fit_params / 1e6:.0f}M (data, fitted)")
    right.plot(loss[~used], acc[~used], "o", mfc="white", color=PALETTE[3], label="larger runs (data, held out)")
    lg = np.linspace(2.2, 6.3, 200)
    right.plot(lg, np.asarray(sigmoid_accuracy(lg, mid, slope, floor=floor)), color=PALETTE[2], label="sigmoid (fit)")
    right.axhline(floor, color="0.5", ls=":", lw=1.2)
    right.set_xlabel("C4 validation loss")
    right.set_ylabel(f"{_TASK_NAMES.get(task, task)} accuracy")
    right.invert_xaxis()
    right.legend(fontsize=9, loc="upper left")
    return lighten_log_axes(fig)


def plot_capability_pca(rows: Sequence[BenchmarkRow] = BENCHMARK_TABLE) -> Figure:
    """Left: fraction of variance per principal component of the score table (data). Right: PC1 against training
    compute per family (dots, data) with a least-squares line per family (fit)."""
    rows = tuple(rows)
    pca = capability_pca(score_matrix(rows))
    fig, (left, right) = new_figure(2, width=4.8, height=4.0)
    k = np.arange(1, len(BENCHMARKS) + 1)
    left.bar(k, pca.explained, color=PALETTE[1])
    left.set_xlabel("principal component")
    left.set_ylabel("fraction of variance")
    left.set_xticks(k)
    for j, fam in enumerate(dict.fromkeys(r.family for r in rows)):
        idx = [i for i, r in enumerate(rows) if r.family == fam]
        lc = np.log10([rows[i].compute for i in idx])
        colour = PALETTE[1 + j % (len(PALETTE) - 1)]
        right.plot(10**lc, pca.scores[idx, 0], "o", color=colour, label=fam)
        slope, icpt = line_fit(lc, pca.scores[idx, 0])
        g = np.linspace(lc.min(), lc.max(), 20)
        right.plot(10**g, icpt + slope * g, color=colour, lw=1.5)
    right.set_xscale("log")
    right.xaxis.set_minor_formatter(NullFormatter())
    right.set_xlabel("training compute 6ND (FLOPs)")
    right.set_ylabel("PC1 (general capability)")
    right.legend(fontsize=9, loc="upper left")
    return lighten_log_axes(fig)

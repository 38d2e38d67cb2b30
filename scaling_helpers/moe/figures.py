"""Figures of chapter 7 (Mixture-of-Experts). Each function returns a matplotlib ``Figure``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter, NullLocator

from ..common.plotting import PALETTE, new_figure
from ..compute import (
    LLAMA3_8B,
    LLAMA3_70B,
    LLAMA3_405B,
    TransformerConfig,
    count_parameters,
    inference_flops_per_token,
    weights_memory_bytes,
)
from .accounting import MoESummary, moe_summary
from .config import MOE_CONFIGS, PUBLISHED_MOE, MoEConfig, PublishedMoE, count_moe_parameters
from .laws import (
    CLARK_2022,
    ClarkLaw,
    dense_compute_for_loss,
    dense_compute_optimal,
    geometric_mean_params,
    krajewski_compute_optimal,
    routed_total_params,
)
from .routing import RoutingOutcome

__all__ = [
    "plot_total_vs_active",
    "plot_flops_vs_memory",
    "plot_routed_laws",
    "plot_geometric_mean_vs_law",
    "plot_router_loads",
    "plot_moe_design",
    "DENSE_REFERENCES",
]

#: Dense models drawn for comparison (shapes from scaling_helpers.compute.config).
DENSE_REFERENCES: tuple[TransformerConfig, ...] = (LLAMA3_8B, LLAMA3_70B, LLAMA3_405B)

_MOE_COLOURS = [PALETTE[1], PALETTE[2], PALETTE[3], PALETTE[4], PALETTE[5], PALETTE[6]]


def _dense_point(cfg: TransformerConfig) -> tuple[float, float]:
    """(forward GFLOPs per token, bf16 weight GB) of a dense model; the input embedding does no FLOPs."""
    b = count_parameters(cfg)
    n_compute = b.total - (0 if cfg.tied_embeddings else b.embedding)
    return float(inference_flops_per_token(n_compute)) / 1e9, float(weights_memory_bytes(b.total)) / 1e9


def plot_total_vs_active(configs: Mapping[str, MoEConfig] = MOE_CONFIGS,
                         published: Mapping[str, PublishedMoE] = PUBLISHED_MOE) -> Figure:
    """Total vs active parameters: counted from each configuration (dots) and as announced (crosses).

    Dotted lines mark constant active fractions; a dense model sits on the 100% line.
    """
    fig, ax = new_figure(width=7.2, height=5.0)
    grid = np.logspace(9, 12.4, 10)
    for frac, ls in ((1.0, "-"), (0.25, "--"), (0.1, ":"), (0.05, "-.")):
        ax.plot(grid, frac * grid, color="0.6", lw=1, ls=ls, zorder=1)
        x_lab = min(2.2e12, 1.2e12 / frac)
        ax.text(x_lab, frac * x_lab * 0.8, "dense: 100% active" if frac == 1 else f"{frac:.0%} active",
                color="0.35", fontsize=9, ha="right", va="top")
    offsets = {"mixtral-8x22b": (8, 4, "left"), "dbrx": (-8, -4, "right"),
               "deepseek-v2": (8, -14, "left")}
    for i, (key, cfg) in enumerate(configs.items()):
        b = count_moe_parameters(cfg)
        col = _MOE_COLOURS[i % len(_MOE_COLOURS)]
        ax.scatter([b.total], [b.active], s=70, color=col, zorder=3, label=f"{cfg.name}: counted from config")
        if key in published:
            p = published[key]
            ax.scatter([p.total], [p.active], s=90, marker="x", color=col, zorder=4)
        dx, dy, ha = offsets.get(key, (8, -12, "left"))
        ax.annotate(cfg.name, (b.total, b.active), xytext=(dx, dy), textcoords="offset points", fontsize=9,
                    color=col, ha=ha)
    for key, p in published.items():
        if key not in configs:
            dx, dy, ha = offsets.get(key, (8, -12, "left"))
            ax.scatter([p.total], [p.active], s=90, marker="x", color=PALETTE[0], zorder=4)
            ax.annotate(f"{p.name} (announced only)", (p.total, p.active), xytext=(dx, dy),
                        textcoords="offset points", fontsize=9, ha=ha)
    ax.scatter([], [], s=90, marker="x", color="0.3", label="as announced (rounded)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(3e9, 2.5e12)
    ax.set_ylim(5e8, 1e12)
    ax.set_xlabel("total parameters (all experts: memory)")
    ax.set_ylabel("active parameters per token (compute)")
    ax.set_title("Mixture-of-Experts: what is stored vs what each token uses")
    ax.legend(loc="upper left", fontsize=8.5)
    return fig


def plot_flops_vs_memory(moe: Mapping[str, MoEConfig] = MOE_CONFIGS,
                         dense: Sequence[TransformerConfig] = DENSE_REFERENCES) -> Figure:
    """Forward FLOPs per token (2·N_active) against bf16 weight memory (all parameters).

    For a dense model both are ``2 x N`` (GFLOPs and GB), so dense models lie on the diagonal; an MoE sits
    above it by the factor total/active: more memory for the same compute.
    """
    fig, ax = new_figure(width=7.2, height=5.0)
    grid = np.logspace(0, 3.3, 10)
    ax.plot(grid, grid, color="0.5", lw=1, ls="--", zorder=1, label="dense: memory (GB) = GFLOPs/token")
    for cfg in dense:
        x, y = _dense_point(cfg)
        ax.scatter([x], [y], s=55, color=PALETTE[0], marker="s", zorder=3)
        ax.annotate(cfg.name, (x, y), xytext=(6, -12), textcoords="offset points", fontsize=9)
    for i, (key, cfg) in enumerate(moe.items()):
        s = moe_summary(cfg)
        col = _MOE_COLOURS[i % len(_MOE_COLOURS)]
        x, y = s.forward_flops_per_token / 1e9, s.weight_bytes / 1e9
        ax.scatter([x], [y], s=70, color=col, zorder=3)
        dx, dy, ha = (-8, 2, "right") if key == "dbrx" else (6, 4, "left")
        ax.annotate(f"{cfg.name} (x{s.memory_per_flop_ratio:.1f})", (x, y), xytext=(dx, dy),
                    textcoords="offset points", fontsize=9, color=col, ha=ha)
    ax.scatter([], [], s=55, color=PALETTE[0], marker="s", label="dense models")
    ax.scatter([], [], s=70, color=PALETTE[1], label="MoE models (x memory per unit of compute)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1, 2e3)
    ax.set_ylim(5, 3e3)
    ax.set_xlabel("forward GFLOPs per token (2 x active parameters)")
    ax.set_ylabel("weights in memory, bf16 (GB)")
    ax.set_title("Compute follows active parameters, memory follows total")
    ax.legend(loc="upper left", fontsize=9)
    return fig


def plot_routed_laws(*, clark: ClarkLaw = CLARK_2022["s-base"], experts: Sequence[int] = (1, 8, 64, 512),
                     clark_tokens: float = 130e9) -> Figure:
    """Loss vs training compute, dense vs MoE, under Clark et al. (left) and Krajewski et al. (right).

    Left: Clark's law at its fixed 130B tokens, ``C = 6·N·D`` with N the base (active) size; the curves
    meet at the cutoff ``N = 10^(−b/c)``. Right: compute-optimal loss (best N, D and granularity ≤ 16 at
    each budget) for dense and MoE models. Loss units differ between the panels (different data and
    tokenizers): compare shapes, not values. Constants: see :mod:`scaling_helpers.moe.laws`.
    """
    fig, (left, right) = new_figure(2, width=5.4, height=4.4)
    n = np.logspace(7, 12.5, 200)
    c = 6.0 * n * clark_tokens
    cut = clark.cutoff_params()
    for i, e in enumerate(experts):
        lab = "dense (E = 1)" if e == 1 else f"E = {e} experts"
        left.plot(c, clark.loss(n, e), color=PALETTE[i] if i else PALETTE[0], label=lab)
    left.axvline(6.0 * cut * clark_tokens, color="0.5", ls=":", lw=1)
    left.text(6.0 * cut * clark_tokens * 0.8, 3.0,
              f"routing stops helping\nN ≈ {cut:.2g}", ha="right", fontsize=9, color="0.3")
    left.axvspan(6.0 * 1.3e9 * clark_tokens, c[-1], color="0.92", zorder=0)
    left.text(6.0 * 2e9 * clark_tokens, 1.27, "beyond the largest\nfitted base (1.3B)", fontsize=9,
              color="0.4")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_ylim(1.2, 3.6)
    left.set_xlabel(f"training FLOPs (6·N·D, D = {clark_tokens:.3g} tokens)")
    left.set_ylabel("validation loss (Clark et al.'s units)")
    left.set_title(f"Clark et al. 2022 ({clark.name}), fixed tokens")
    left.legend(loc="lower left", fontsize=9)

    budgets = np.logspace(18, 25, 15)
    dense = np.array([dense_compute_optimal(b).loss for b in budgets])
    g1 = np.array([krajewski_compute_optimal(b, granularities=(1,)).loss for b in budgets])
    best = [krajewski_compute_optimal(b) for b in budgets]
    right.plot(budgets, dense, color=PALETTE[0], label="dense, compute-optimal")
    right.plot(budgets, g1, color=PALETTE[1], label="MoE, G = 1 (experts = FFN size)")
    right.plot(budgets, [o.loss for o in best], color=PALETTE[2], label="MoE, best granularity G ≤ 16")
    marks = (1e20, 1e23)
    opt = [krajewski_compute_optimal(budget) for budget in marks]
    factors = " / ".join(f"{dense_compute_for_loss(o.loss) / b:.0f}x" for o, b in zip(opt, marks, strict=True))
    # The equivalences go into the legend, not next to the points, so no label is drawn over a curve.
    right.scatter(marks, [o.loss for o in opt], s=30, color=PALETTE[2], edgecolor="black", lw=0.6, zorder=3,
                  label=f"at 1e20 / 1e23 FLOPs: = dense with\n{factors} the compute")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("training FLOPs")
    right.set_ylabel("C4 validation loss (Krajewski et al.'s units)")
    right.set_title("Krajewski et al. 2024, compute-optimal")
    right.legend(loc="upper right", fontsize=9)
    for ax in (left, right):
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_yticks([1.25, 1.5, 2, 2.5, 3, 3.5] if ax is left else [1.5, 2, 2.5, 3, 3.5, 4])
        ax.set_yticklabels([f"{t:g}" for t in ax.get_yticks()])
    return fig


def plot_geometric_mean_vs_law(*, clark: ClarkLaw = CLARK_2022["s-base"], experts: Sequence[int] = (8, 64, 256),
                               expert_fraction: float = 2.0 / 3.0) -> Figure:
    """Effective-size multiplier ``N̄/N``: Clark's law (solid) vs the geometric-mean heuristic (dashed).

    The heuristic's multiplier ``sqrt(total/active)`` uses ``total = N·(1 − f + f·E)`` (every FFN routed,
    f = 2/3, top-1: an assumption). The law's multiplier shrinks with the base size N and reaches 1 at the
    cutoff; the heuristic's does not depend on N at all. DeepSeek-V3 is marked with its real total and
    active counts — far outside Clark's fitted range, so the law's value there is an extrapolation.
    """
    fig, ax = new_figure(width=7.6, height=5.2)
    n = np.logspace(7, 12.5, 200)
    for i, e in enumerate(experts):
        col = PALETTE[1 + i]
        ax.plot(n, np.asarray(clark.effective_params(n, e)) / n, color=col, label=f"Clark et al. law, E = {e}")
        heur = float(geometric_mean_params(routed_total_params(1.0, e, expert_fraction=expert_fraction), 1.0))
        ax.plot(n, np.full_like(n, heur), color=col, ls="--", lw=1.5,
                label=f"sqrt(total x active), E = {e}")
    n_ds, total_ds = 37e9, 671e9
    gm = float(geometric_mean_params(total_ds, n_ds)) / n_ds
    law = float(clark.effective_params(n_ds, 256)) / n_ds
    ax.scatter([n_ds], [gm], marker="*", s=160, color=PALETTE[0], zorder=4)
    ax.scatter([n_ds], [law], marker="o", s=60, color=PALETTE[0], zorder=4)
    arrow = {"arrowstyle": "->", "color": "0.3", "lw": 1}
    ax.annotate(f"DeepSeek-V3, heuristic: x{gm:.1f}", (n_ds, gm), xytext=(1.5e11, 4.6), fontsize=9,
                arrowprops=arrow, va="center")
    ax.annotate(f"DeepSeek-V3, Clark's law\n(extrapolated, E = 256): x{law:.1f}", (n_ds, law),
                xytext=(1.5e11, 2.9), fontsize=9, arrowprops=arrow, va="center")
    ax.axhline(1.0, color="0.5", lw=1)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(0.8, 16)
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_yticks([1, 2, 5, 10])
    ax.set_yticklabels(["1", "2", "5", "10"])
    ax.set_xlabel("base (active) parameters N")
    ax.set_ylabel("effective size / active size")
    ax.set_title("'Effective parameters': a fitted law vs the geometric-mean rule of thumb")
    fig.legend(loc="outside lower center", fontsize=8.5, ncol=3, frameon=False)
    return fig


def plot_router_loads(outcome: RoutingOutcome, *, mean_load: float | None = None) -> Figure:
    """Assignments per expert (bars), the capacity (line) and the dropped excess (orange)."""
    fig, ax = new_figure(width=7.0, height=3.6)
    idx = np.arange(outcome.loads.size)
    ax.bar(idx, outcome.processed, color=PALETTE[1], label="processed")
    ax.bar(idx, outcome.loads - outcome.processed, bottom=outcome.processed, color=PALETTE[2],
           label=f"dropped ({outcome.dropped:.0f} = {outcome.dropped_fraction:.1%})")
    ax.axhline(outcome.capacity, color=PALETTE[0], ls="--", lw=1.5, label=f"capacity {outcome.capacity:.0f}")
    if mean_load is not None:
        ax.axhline(mean_load, color="0.5", ls=":", lw=1.5, label=f"balanced load {mean_load:.0f}")
    ax.set_xticks(idx)
    ax.set_xticklabels([str(i) for i in idx])
    ax.set_xlabel("expert")
    ax.set_ylabel("token assignments")
    ax.set_title("One MoE layer, one batch: loads vs capacity")
    ax.legend(loc="upper right", fontsize=9)
    ax.set_ylim(0, max(outcome.loads.max(), outcome.capacity) * 1.35)
    return fig


def plot_moe_design(summary: MoESummary, *, reference: MoESummary | None = None, fig: Figure | None = None
                    ) -> Figure:
    """The MoE explorer's picture: parameters (left) and the compute/memory plane (right)."""
    if fig is None:
        fig, (left, right) = new_figure(2, width=4.4, height=3.3)
    else:
        fig.clear()
        left, right = fig.subplots(1, 2)
    vals = [summary.total / 1e9, summary.active / 1e9]
    left.bar([0, 1], vals, color=[PALETTE[2], PALETTE[1]])
    for x, v in zip((0, 1), vals, strict=True):
        left.text(x, v, f"{v:.3g}B", ha="center", va="bottom", fontsize=10)
    left.set_xticks([0, 1])
    left.set_xticklabels(["total\n(memory)", "active\n(compute)"])
    left.set_ylabel("parameters (billions)")
    left.set_xlabel("parameter count")
    left.set_ylim(0, max(vals) * 1.2)
    left.set_title(summary.name, fontsize=11)
    grid = np.array([0.1, 1e4])
    right.plot(grid, grid, color="0.5", ls="--", lw=1, label="dense models")
    if reference is not None:
        right.scatter([reference.forward_flops_per_token / 1e9], [reference.weight_bytes / 1e9], s=50,
                      color="0.6", label=f"backbone: {reference.name}")
    right.scatter([summary.forward_flops_per_token / 1e9], [summary.weight_bytes / 1e9], s=80, color=PALETTE[2],
                  label="this design", zorder=3)
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlim(1, 2e3)
    right.set_ylim(1, 4e3)
    right.set_xticks([1, 10, 100, 1000])
    right.set_yticks([1, 10, 100, 1000])
    right.set_xlabel("GFLOPs per token")
    right.set_ylabel(f"weights, {summary.precision} (GB)")
    right.legend(loc="upper left", fontsize=8)
    for ax in (right,):
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_minor_locator(NullLocator())
            axis.set_minor_formatter(NullFormatter())
    return fig

"""Figures of chapter 4: μP's learning-rate sweeps and coordinate check, DeepSeek's laws, the batch trade-off,
schedules and the cost of a token sweep, and Porian et al.'s exponents step by step."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from ..common.plotting import PALETTE, new_figure
from ..kaplan import PORIAN_STEPS_REFINEDWEB, PorianStep
from .lr_batch import (
    DEEPSEEK_TABLE2,
    deepseek_compute,
    deepseek_flops_per_token,
    examples_factor,
    optimal_batch_size,
    optimal_learning_rate,
    steps_factor,
)
from .mup import CoordCheck, LRSweep
from .schedules import cosine_schedule, sweep_cost, wsd_schedule

__all__ = ["plot_lr_sweeps", "plot_coord_check", "plot_deepseek_laws", "plot_batch_tradeoff", "plot_schedules",
           "plot_cosine_cycle", "plot_sweep_saving", "plot_porian_steps"]


def _width_colours(n: int) -> list[str]:
    return [PALETTE[1 + i % (len(PALETTE) - 1)] for i in range(n)]


def plot_lr_sweeps(sp: LRSweep, mup: LRSweep) -> Figure:
    """Loss after training vs log2 learning rate, one curve per width; SP left, μP right (our runs)."""
    fig, axes = new_figure(2, width=5.2, height=4.0)
    finite = np.concatenate([s.losses[np.isfinite(s.losses)] for s in (sp, mup)])
    top = float(min(np.max(finite), 4 * np.max(sp.losses[:, 0]))) if finite.size else 1.0
    for ax, sweep, title in zip(axes, (sp, mup), ("Standard parameterisation", "μP (Yang et al. 2022, Table 3)"), strict=True):
        for colour, width, row, best in zip(_width_colours(len(sweep.widths)), sweep.widths, sweep.losses,
                                            sweep.best_log2_lr, strict=True):
            ax.plot(sweep.log2_lrs, np.minimum(row, top * 1.5), "o-", color=colour, ms=4, label=f"width {width}")
            ax.plot([best], [row[sweep.log2_lrs == best][0]], "*", color=colour, ms=14, mec="black", mew=0.6)
        ax.set_yscale("log")
        ax.set_ylim(top=top * 1.6)
        ax.set_xlabel("log2 learning rate (Adam)")
        ax.set_title(title)
    axes[0].set_ylabel("training loss after training")
    axes[1].legend(loc="upper left", fontsize=9)
    return fig


def plot_coord_check(sp: CoordCheck, mup: CoordCheck) -> Figure:
    """RMS activation of the last hidden layer vs width after each step: grows under SP, flat under μP."""
    fig, axes = new_figure(2, width=5.0, height=3.8)
    for ax, cc, title in zip(axes, (sp, mup), ("Standard parameterisation", "μP"), strict=True):
        for t in range(cc.sizes.shape[1]):
            ax.plot(cc.widths, cc.sizes[:, t], "o-", color=PALETTE[1 + t % 7], label=f"step {t}")
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xlabel("width")
        ax.set_title(title)
    lo = min(float(np.min(c.sizes)) for c in (sp, mup))
    hi = max(float(np.max(c.sizes)) for c in (sp, mup))
    for ax in axes:
        ax.set_ylim(lo / 1.5, hi * 1.5)
    axes[0].set_ylabel("RMS activation (last hidden layer)")
    axes[1].legend(fontsize=9)
    return fig


def plot_deepseek_laws(c_range: tuple[float, float] = (1e17, 1e25)) -> Figure:
    """DeepSeek's η_opt(C) and B_opt(C) (Eq. 1; solid over the fitted 1e17-2e19 FLOPs, dashed beyond) with the
    hyper-parameters the 7B and 67B models were trained with (Table 2, points)."""
    fig, axes = new_figure(2, width=5.0, height=3.8)
    c = np.logspace(np.log10(c_range[0]), np.log10(c_range[1]), 200)
    fitted = c <= 2e19
    for ax, law, ylabel in ((axes[0], optimal_learning_rate, "peak learning rate"),
                            (axes[1], optimal_batch_size, "batch size (tokens)")):
        y = law(c)
        ax.plot(c[fitted], y[fitted], color=PALETTE[1], label="Eq. 1, fitted range")
        ax.plot(c[~fitted], y[~fitted], "--", color=PALETTE[1], label="Eq. 1, extrapolated")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("compute C = M·D (FLOPs)")
        ax.set_ylabel(ylabel)
    for model, colour in zip(DEEPSEEK_TABLE2, (PALETTE[2], PALETTE[3]), strict=True):
        C = deepseek_compute(deepseek_flops_per_token(model.n_layer, model.d_model, model.seq_len), model.tokens)
        axes[0].plot([C], [model.learning_rate], "o", color=colour, ms=8, label=f"{model.name} (Table 2)")
        axes[1].plot([C], [model.batch_tokens], "o", color=colour, ms=8, label=f"{model.name} (Table 2)")
    axes[0].legend(fontsize=8)
    return fig


def plot_batch_tradeoff(b_over_bnoise: tuple[float, float] = (1 / 32, 32)) -> Figure:
    """Steps and examples needed relative to their minima as the batch grows (McCandlish et al. 2018)."""
    fig, ax = new_figure(width=5.6, height=4.0)
    r = np.logspace(np.log10(b_over_bnoise[0]), np.log10(b_over_bnoise[1]), 200)
    ax.plot(r, steps_factor(r, 1.0), label="steps S / S_min = 1 + B_noise/B")
    ax.plot(r, examples_factor(r, 1.0), label="examples E / E_min = 1 + B/B_noise")
    ax.axvline(1.0, color="grey", lw=1, ls=":")
    ax.annotate("B = B_noise: twice the minimum\nsteps and twice the minimum data", (1.0, 2.0), (1.6, 8.0),
                fontsize=9, arrowprops={"arrowstyle": "->", "color": "grey"})
    ax.set_xscale("log", base=2)
    ax.set_yscale("log", base=2)
    ax.set_xlabel("batch size B / B_noise")
    ax.set_ylabel("cost relative to its minimum")
    ax.legend(fontsize=9)
    return fig


def plot_schedules(total: float = 1000.0, warmup: float = 50.0, cooldown_fraction: float = 0.2) -> Figure:
    """Cosine (to 10% of the peak) vs WSD with linear and 1-sqrt cooldowns, and WSD branches for shorter budgets."""
    fig, axes = new_figure(2, width=5.0, height=3.6)
    t = np.linspace(0, total, 600)
    axes[0].plot(t, cosine_schedule(t, total, warmup=warmup), label="cosine (to 0.1 x peak)")
    axes[0].plot(t, wsd_schedule(t, total, warmup=warmup, cooldown_fraction=cooldown_fraction, shape="linear"),
                 label="WSD, linear cooldown")
    axes[0].plot(t, wsd_schedule(t, total, warmup=warmup, cooldown_fraction=cooldown_fraction, shape="1-sqrt"),
                 label="WSD, 1-sqrt cooldown")
    axes[0].set_title("One run")
    for i, frac in enumerate((0.25, 0.5, 1.0)):
        T = total * frac
        tt = np.linspace(T * (1 - cooldown_fraction), T, 100)
        axes[1].plot(tt, wsd_schedule(tt, T, warmup=warmup, cooldown_fraction=cooldown_fraction),
                     color=PALETTE[2 + i], label=f"cooldown for {frac:g} x the tokens")
    stable = np.linspace(0, total * (1 - cooldown_fraction), 300)
    axes[1].plot(stable, wsd_schedule(stable, total, warmup=warmup, cooldown_fraction=cooldown_fraction),
                 color=PALETTE[1], label="shared stable phase")
    axes[1].set_title("A token sweep from one WSD run")
    for ax in axes:
        ax.set_xlabel("training progress (steps)")
        ax.legend(fontsize=8, loc="lower left")
    axes[0].set_ylabel("learning rate / peak")
    return fig


def plot_cosine_cycle(ratios: Sequence[float] = (1.0, 1.25, 1.5, 2.0), total: float = 1000.0) -> Figure:
    """Cosine schedules whose cycle is 1x-2x the run: the longer the cycle, the less the run decays
    (Hoffmann et al. 2022, Figure A1: more than 25% too long clearly hurts)."""
    fig, ax = new_figure(width=5.6, height=3.8)
    t = np.linspace(0, total, 400)
    for i, r in enumerate(ratios):
        lr = cosine_schedule(t, total, cycle=r * total)
        ax.plot(t, lr, color=PALETTE[1 + i], label=f"cycle = {r:g} x run (ends at {lr[-1]:.2f} x peak)")
    ax.set_xlabel("training progress (steps)")
    ax.set_ylabel("learning rate / peak")
    ax.legend(fontsize=9)
    return fig


def plot_sweep_saving(max_budgets: int = 8, cooldown_fractions: Sequence[float] = (0.1, 0.2, 0.3)) -> Figure:
    """Share of a cosine token sweep's cost saved by one WSD run plus cooldowns; budgets double each time."""
    fig, ax = new_figure(width=5.6, height=3.8)
    k = np.arange(1, max_budgets + 1)
    for i, c in enumerate(cooldown_fractions):
        saving = [sweep_cost(2.0 ** np.arange(n), c).saving for n in k]
        ax.plot(k, saving, "o-", color=PALETTE[1 + i], label=f"cooldown {c:.0%} of each budget")
    ax.set_xlabel("number of token budgets k (each twice the last)")
    ax.set_ylabel("compute saved vs k cosine runs")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=9)
    return fig


def plot_porian_steps(steps: Sequence[PorianStep] = PORIAN_STEPS_REFINEDWEB) -> Figure:
    """Porian et al.'s exponent a (N* ∝ C^a) as Kaplan's set-up is corrected one step at a time (RefinedWeb)."""
    fig, ax = new_figure(width=9.5, height=4.2)
    y = np.arange(len(steps))[::-1]
    for yi, s in zip(y, steps, strict=True):
        if s.ci is not None:
            ax.plot(s.ci, [yi, yi], color=PALETTE[1], lw=3, alpha=0.5)
        ax.plot([s.a], [yi], "o", color=PALETTE[1])
        ax.annotate(f"{s.a:.3f}", (s.a, yi), (6, 6), textcoords="offset points", fontsize=9)
    ax.axvline(0.5, color=PALETTE[2], ls="--", lw=1.2, label="Chinchilla (Hoffmann et al.): a ≈ 0.5")
    ax.axvline(0.73, color=PALETTE[3], ls=":", lw=1.2, label="Kaplan Table 6: a = 0.73")
    ax.set_yticks(y, [s.step for s in steps], fontsize=9)
    ax.set_xlabel("exponent a of N* ∝ C^a")
    ax.set_xlim(0.45, 0.9)
    ax.legend(fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    return fig

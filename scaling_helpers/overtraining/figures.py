"""Figures of chapter 6 (over-training economics). Each returns a matplotlib ``Figure``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter
from numpy.typing import ArrayLike

from ..chinchilla.laws import ParametricLaw
from ..common.plotting import PALETTE, new_figure
from ..common.validate import positive_array, positive_scalar
from .gadre import OvertrainingLaw
from .lifetime import chinchilla_point, lifetime_flops, min_params_for_loss
from .optimum import compare_with_chinchilla
from .released_models import CHINCHILLA_TOKENS_PER_PARAM, RELEASED_MODELS, ReleasedModel

__all__ = [
    "lifetime_cost_curve",
    "plot_lifetime_cost",
    "plot_optimal_tokens_per_param",
    "plot_released_models",
    "plot_overtraining_law",
    "format_demand",
]


def format_demand(tokens: float) -> str:
    """``2e12 -> '2T'``, ``5e11 -> '500B'``, ``0 -> '0'`` (short labels for legends)."""
    if tokens == 0:
        return "0"
    for scale, suffix in ((1e15, "P"), (1e12, "T"), (1e9, "B"), (1e6, "M")):
        if tokens >= scale:
            return f"{tokens / scale:.3g}{suffix}"
    return f"{tokens:.3g}"


def _params_axis(ax: Axes, lo: float, hi: float) -> None:
    """Log x axis of parameter counts with readable labels (1B, 2B, 5B, 10B, ...)."""
    ticks = [m * 10.0**e for e in range(6, 14) for m in (1, 2, 5) if lo <= m * 10.0**e <= hi]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_demand(x)))
    ax.xaxis.set_minor_formatter(NullFormatter())


def lifetime_cost_curve(law: ParametricLaw, target: float, inference_tokens: float,
                        n_params: ArrayLike) -> np.ndarray:
    """Lifetime FLOPs ``6 N D_tr(N) + 2 N D_inf`` of models of size ``n_params`` that all reach ``target``.

    Sizes that cannot reach the target (at or below :func:`~scaling_helpers.overtraining.min_params_for_loss`)
    get NaN, so they are simply not drawn.
    """
    n = positive_array(n_params, "n_params (parameters)")
    n_min = min_params_for_loss(law, target)
    out = np.full(n.shape, np.nan)
    ok = n > n_min * (1 + 1e-9)
    if ok.any():
        d = np.asarray(law.tokens_for_loss(n[ok], target), dtype=float)
        out[ok] = np.asarray(lifetime_flops(n[ok], d, inference_tokens), dtype=float)
    return out


def plot_lifetime_cost(law: ParametricLaw, n_chinchilla: float = 13e9,
                       demands: Sequence[float] = (0.0, 2e12, 1e13, 1e14), *,
                       fig: Figure | None = None) -> Figure:
    """Lifetime compute against model size at a fixed quality, one curve per inference demand.

    Every model on a curve reaches the loss of the Chinchilla-optimal ``n_chinchilla`` model (smaller ones
    train on more tokens). The circle marks each curve's minimum (Sardana et al. 2024's optimum), the square
    the Chinchilla-optimal model; the dotted line the smallest model that can reach the target at all.
    """
    ref = chinchilla_point(law, n_chinchilla)
    n_min = min_params_for_loss(law, ref.loss)
    n = np.logspace(np.log10(n_min * 1.02), np.log10(ref.n_params * 4), 400)
    if fig is None:
        fig, ax = new_figure(width=7.2, height=4.6)
    else:
        ax = fig.axes[0] if fig.axes else fig.add_subplot()
    y_top = 0.0
    y_bottom = np.inf
    for i, d_inf in enumerate(demands):
        colour = PALETTE[1 + i % (len(PALETTE) - 1)]
        y = lifetime_cost_curve(law, ref.loss, d_inf, n)
        cmp = compare_with_chinchilla(law, n_chinchilla, d_inf)
        o = cmp.optimum
        ax.plot(n, y, color=colour,
                label=f"D_inf = {format_demand(d_inf)} tokens: N* = {o.n_params / 1e9:.2g}B, "
                      f"saves {cmp.saving_fraction:.0%}")
        ax.plot([o.n_params], [o.total_flops], "o", color=colour, markersize=8, markeredgecolor="black")
        ax.plot([ref.n_params], [cmp.chinchilla_total_flops], "s", color=colour, markersize=7,
                markeredgecolor="black")
        y_top = max(y_top, cmp.chinchilla_total_flops)
        y_bottom = min(y_bottom, o.total_flops)
    ax.axvline(n_min, color=PALETTE[0], linestyle=":", linewidth=1.2)
    ax.text(n_min * 1.04, y_top * 3, f"smallest model that\ncan reach L = {ref.loss:.3f}",
            fontsize=9, va="top", ha="left")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(y_bottom * 0.45, y_top * 4)
    _params_axis(ax, n[0], n[-1])
    ax.set_xlabel("model size N (parameters)")
    ax.set_ylabel("lifetime compute 6ND + 2N·D_inf (FLOPs)")
    ax.set_title(f"{law.name}: every model reaches L = {ref.loss:.3f}\n"
                 f"(the Chinchilla-optimal {n_chinchilla / 1e9:.3g}B; ■ Chinchilla, ● optimum)", fontsize=11)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=9, frameon=False)
    return fig


def plot_optimal_tokens_per_param(laws: Sequence[ParametricLaw], n_chinchilla: float = 13e9,
                                  demands: ArrayLike | None = None,
                                  marks: Sequence[float] = (2e12, 1e13, 1e14)) -> Figure:
    """Inference-aware optimal tokens per parameter (left) and compute saving (right) against demand.

    One line per constant set; dashed horizontal lines show each set's Chinchilla-optimal tokens/param for
    the ``n_chinchilla`` model (the zero-demand limit); dots mark the demands in ``marks``.
    """
    d = np.logspace(9, 15, 61) if demands is None else positive_array(demands, "demands (tokens)")
    fig, (ax1, ax2) = new_figure(2, width=5.4, height=4.2)
    for i, law in enumerate(laws):
        colour = PALETTE[1 + i % (len(PALETTE) - 1)]
        comps = [compare_with_chinchilla(law, n_chinchilla, x) for x in d]
        tpp = np.array([c.optimum.tokens_per_param for c in comps])
        save = np.array([c.saving_fraction for c in comps])
        ref = comps[0].chinchilla
        ax1.plot(d, tpp, color=colour, label=law.name)
        ax1.axhline(ref.tokens_per_param, color=colour, linestyle="--", linewidth=1.2)
        ax1.text(d[0], ref.tokens_per_param * 1.3, f"Chinchilla-optimal: {ref.tokens_per_param:.0f}",
                 color=colour, fontsize=9)
        ax2.plot(d, 100 * save, color=colour, label=law.name)
        for x in marks:
            c = compare_with_chinchilla(law, n_chinchilla, x)
            ax1.plot([x], [c.optimum.tokens_per_param], "o", color=colour, markeredgecolor="black")
            ax2.plot([x], [100 * c.saving_fraction], "o", color=colour, markeredgecolor="black")
    ax1.set_xscale("log")
    ax1.set_yscale("log")
    ax1.set_xlabel("lifetime inference demand D_inf (tokens)")
    ax1.set_ylabel("optimal training tokens per parameter")
    ax1.set_title(f"Same loss as the Chinchilla-optimal {n_chinchilla / 1e9:.3g}B", fontsize=11)
    # upper left is empty (the curves rise to the right); lower right would cover the dashed lines
    ax1.legend(loc="upper left", fontsize=9)
    ax2.set_xscale("log")
    ax2.set_ylim(0, 100)
    ax2.set_xlabel("lifetime inference demand D_inf (tokens)")
    ax2.set_ylabel("lifetime compute saved vs Chinchilla (%)")
    ax2.set_title("Saving of the inference-aware model", fontsize=11)
    ax2.legend(loc="upper left", fontsize=9)
    return fig


#: Text offsets (points) for labels in :func:`plot_released_models`, to keep them apart.
_LABEL_OFFSETS: dict[str, tuple[float, float]] = {
    "GPT-3 175B": (8, -4),
    "Chinchilla 70B": (8, -12),
    "LLaMA 7B": (-54, 4),
    "LLaMA 65B": (8, -12),
    "Llama 2 7B": (-64, 4),
    "Llama 2 70B": (8, -4),
    "Gemma 2B": (-58, 2),
    "Gemma 7B": (-58, -6),
    "Llama 3 8B": (-64, 4),
    "Llama 3 70B": (-40, -15),
    "Gemma 2 9B": (-20, 9),
    "Gemma 2 27B": (-72, -4),
    "Llama 3.1 405B": (-30, 8),
    "Gemma 2 2B": (8, -3),
    "Qwen2.5 0.5B": (8, -3),
    "Qwen2.5 7B": (8, -3),
    "Qwen2.5 72B": (-20, -15),
    "DeepSeek-V3": (8, -13),
    "Gemma 3 1B": (8, -3),
    "Gemma 3 27B": (8, -2),
}


def plot_released_models(models: Sequence[ReleasedModel] = RELEASED_MODELS, *,
                         reference: float = CHINCHILLA_TOKENS_PER_PARAM) -> Figure:
    """Training tokens per parameter of released models against release date (log y).

    Hollow markers are approximate entries (lower bounds or whole-corpus sizes); the dashed line is
    Chinchilla's ~20 tokens per parameter. For a mixture of experts the active parameters are used.
    """
    ref = positive_scalar(reference, "reference (tokens per parameter)")
    fig, ax = new_figure(width=8.4, height=5.0)
    families = list(dict.fromkeys(m.family for m in models))
    colours = {f: PALETTE[1 + i % (len(PALETTE) - 1)] for i, f in enumerate(families)}
    for fam in families:
        ax.plot([], [], "o", color=colours[fam], label=fam)
    for m in models:
        c = colours[m.family]
        ax.plot([m.year], [m.tokens_per_param], "o", markersize=8, color=c,
                markerfacecolor="white" if m.approximate else c, markeredgewidth=2)
        dx, dy = _LABEL_OFFSETS.get(m.name, (6, -3))
        ax.annotate(m.name, (m.year, m.tokens_per_param), textcoords="offset points", xytext=(dx, dy),
                    fontsize=8, color="#333333")
    ax.axhline(ref, color=PALETTE[0], linestyle="--", linewidth=1.2)
    ax.text(2020.1, ref * 0.8, f"Chinchilla rule of thumb: {ref:g} tokens/param", fontsize=9, va="top")
    ax.plot([], [], "o", color="grey", markerfacecolor="white", markeredgewidth=2,
            label="approximate / lower bound")
    ax.set_yscale("log")
    ax.set_xlim(2020, 2025.7)
    ax.set_ylim(1, 1e5)
    ax.set_xlabel("release date (year)")
    ax.set_ylabel("training tokens per parameter")
    ax.set_title("Released models are trained far past Chinchilla-optimal", fontsize=12)
    ax.legend(loc="upper left", fontsize=9, ncol=2)
    return fig


def plot_overtraining_law(law: OvertrainingLaw, multipliers: Sequence[float] = (5, 20, 80, 320, 640), *,
                          compute_range: tuple[float, float] = (1e17, 1e23)) -> Figure:
    """Gadre et al.'s ``L(C, M)``: reducible loss against compute for several multipliers (left, log-log:
    parallel lines of slope ``-eta``; dashed below the compute-optimal ``M*``) and the compute penalty of
    training at multiplier ``M`` (right)."""
    m = positive_array(multipliers, "multipliers (M = D/N)")
    c_lo, c_hi = (positive_scalar(x, "compute_range") for x in compute_range)
    c = np.logspace(np.log10(c_lo), np.log10(c_hi), 100)
    fig, (ax1, ax2) = new_figure(2, width=5.2, height=4.2)
    m_star = law.compute_optimal_multiplier
    for i, mult in enumerate(m):
        # below M* (under-trained) dashed, so it stays visible next to a curve it nearly overlaps
        ax1.plot(c, np.asarray(law.loss(c, mult)) - law.E, color=PALETTE[1 + i % (len(PALETTE) - 1)],
                 linestyle="--" if mult < m_star else "-", zorder=3 if mult < m_star else 2,
                 label=f"M = {mult:g}")
    ax1.set_xscale("log")
    ax1.set_yscale("log")
    ax1.yaxis.set_major_locator(FixedLocator([0.2, 0.3, 0.5, 1, 2, 3, 5]))
    ax1.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:g}"))
    ax1.yaxis.set_minor_formatter(NullFormatter())
    ax1.set_xlabel("training compute C = 6ND (FLOPs)")
    ax1.set_ylabel("reducible loss L − E (C4 validation, nats)")
    ax1.set_title(f"Same slope −η = −{law.eta:.3f} for every M", fontsize=11)
    ax1.legend(fontsize=9)
    grid = np.logspace(0, np.log10(2000), 200)
    ax2.plot(grid, law.compute_penalty(grid), color=PALETTE[1])
    ax2.axvline(m_star, color=PALETTE[0], linestyle=":", linewidth=1.2)
    ax2.text(m_star * 1.1, 6, f"M* = {m_star:.1f}", fontsize=9)
    for mult in (20, 320, 640):
        pen = float(law.compute_penalty(mult))
        ax2.plot([mult], [pen], "o", color=PALETTE[2])
        ax2.annotate(f"M = {mult}: ×{pen:.2f}", (mult, pen), textcoords="offset points",
                     xytext=(6, 10) if mult < 100 else (-78, 6), fontsize=9)
    ax2.set_xscale("log")
    ax2.set_ylim(0.9, 8)
    ax2.set_xlabel("token multiplier M = D/N")
    ax2.set_ylabel("compute for the same loss, relative to M*")
    ax2.set_title("The price of over-training", fontsize=11)
    return fig


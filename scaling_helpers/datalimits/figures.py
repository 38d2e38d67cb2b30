"""Figures of chapter 9's repetition and data-stock sections (Muennighoff et al. 2023; Villalobos et al. 2024).
Formulas come from :mod:`.repetition`; nothing is computed twice. The data-quality figures are in
:mod:`.quality_figures`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from ..chinchilla.laws import ParametricLaw
from ..common.plotting import PALETTE, lighten_log_axes, new_figure
from ..overtraining.released_models import CHINCHILLA_TOKENS_PER_PARAM, RELEASED_MODELS, ReleasedModel
from .repetition import (
    DATA_STOCK_INTERVAL,
    DATA_STOCK_TOKENS,
    MUENNIGHOFF_2023,
    R_D_STAR,
    data_constrained_loss,
    data_constrained_optimum,
    effective_data_multiple,
    repeated_token_value,
)

__all__ = ["plot_effective_data", "plot_repetition_loss", "plot_data_stock"]

_lighten = lighten_log_axes


def plot_effective_data(max_epochs: float = 100.0) -> Figure:
    """Effective data ``D'/U`` against epochs (left) and the worth of repeated tokens (right)."""
    epochs = np.geomspace(1.0, max_epochs, 200)
    mult = np.asarray(effective_data_multiple(epochs))
    fig, (left, right) = new_figure(2, width=4.9, height=3.9)
    left.plot(epochs, epochs, color=PALETTE[0], ls=":", lw=1.2, label="if repeats were fresh data")
    left.plot(epochs, mult, color=PALETTE[1], label="effective data D′/U (Muennighoff)")
    left.axhline(1 + R_D_STAR, color=PALETTE[2], ls="--", lw=1.2, label=f"cap 1 + R*_D = {1 + R_D_STAR:.2f}")
    for e in (4, 16):
        m = float(effective_data_multiple(e))
        left.plot(e, m, "o", color=PALETTE[1], mec="black")
        left.annotate(f"{e} epochs: {m:.2f} U", (e, m), textcoords="offset points", xytext=(6, -14), fontsize=9)
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("epochs over the unique data")
    left.set_ylabel("tokens, in units of unique data U")
    left.set_title("effective data under repetition")
    left.legend(fontsize=8.5, loc="upper left")
    right.plot(epochs, mult / epochs, color=PALETTE[1], label="average: D′/D")
    right.plot(epochs, np.asarray(repeated_token_value(epochs)), color=PALETTE[3], ls="--",
               label="next repeated token: e^(−R/R*)")
    right.axhline(0.5, color="0.6", lw=0.8)
    right.set_xscale("log")
    right.set_ylim(0, 1.05)
    right.set_xlabel("epochs over the unique data")
    right.set_ylabel("worth relative to a fresh token")
    right.set_title("value of a trained token")
    right.legend(fontsize=8.5, loc="lower left")
    return _lighten(fig)


def plot_repetition_loss(unique_tokens: float = 25e9, law: ParametricLaw = MUENNIGHOFF_2023,
                         marks: Sequence[tuple[float, float]] = ((6.34e9, 242e9), (8.67e9, 178e9)),
                         c_min: float = 1e20, c_max: float = 1e24) -> Figure:
    """Loss of the best model per budget with unlimited data and with only ``unique_tokens`` (left), and how the
    data-constrained optimum spends the compute: epochs and size relative to the unconstrained one (right)."""
    cs = np.geomspace(c_min, c_max, 40)
    free = np.asarray(law.optimal_loss(cs), dtype=float)
    opts = [data_constrained_optimum(c, unique_tokens, law=law) for c in cs]
    fig, (left, right) = new_figure(2, width=4.9, height=3.9)
    left.plot(cs, free, color=PALETTE[0], ls=":", label="unlimited unique data")
    left.plot(cs, [o.loss for o in opts], color=PALETTE[1], label=f"only {unique_tokens / 1e9:.3g}B unique tokens")
    for j, (n, d) in enumerate(marks):
        loss = float(data_constrained_loss(n, d, unique_tokens, law=law))
        left.plot(6 * n * d, loss, "os"[j % 2], color=PALETTE[2 + j], mec="black", ms=9 - 3 * (j % 2),
                  label=f"{n / 1e9:.3g}B params, {d / 1e9:.0f}B tokens: {loss:.4f}")
    left.set_xscale("log")
    left.set_xlabel("training compute C = 6ND (FLOPs)")
    left.set_ylabel("predicted loss (nats/token)")
    left.set_title("loss of the best model")
    left.legend(fontsize=8, loc="upper right")
    right.plot(cs, [o.epochs for o in opts], color=PALETTE[1], label="epochs of the best model")
    n_free = np.asarray(law.compute_optimal(cs)[0], dtype=float)
    right.plot(cs, [o.params / n for o, n in zip(opts, n_free, strict=True)], color=PALETTE[2], ls="--",
               label="its size / unconstrained size")
    right.axhline(1.0, color="0.6", lw=0.8)
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("training compute C = 6ND (FLOPs)")
    right.set_title("how the best model spends it")
    right.legend(fontsize=8.5, loc="upper left")
    return _lighten(fig)


def plot_data_stock(models: Sequence[ReleasedModel] = RELEASED_MODELS) -> Figure:
    """Training tokens of released models against the estimated stock of public human text (Villalobos et al.),
    with the tokens a Chinchilla-optimal model of each size would need (20 per parameter)."""
    fig, ax = new_figure(width=7.0, height=4.8)
    lo, hi = DATA_STOCK_INTERVAL
    years = np.array([m.year for m in models])
    ax.axhspan(lo, hi, color=PALETTE[5], alpha=0.2, label="stock of public text, 90% interval (approx.)")
    ax.axhline(DATA_STOCK_TOKENS, color=PALETTE[5], lw=2, label=f"stock ≈ {DATA_STOCK_TOKENS / 1e12:.0f}T tokens")
    ax.scatter(years, [m.tokens for m in models], color=PALETTE[1], zorder=3, label="tokens trained on")
    ax.scatter(years, [CHINCHILLA_TOKENS_PER_PARAM * m.params for m in models], marker="_", s=120,
               color=PALETTE[2], zorder=3, label="20 tokens/param (Chinchilla) for the same size")
    offsets = {"GPT-3 175B": (5, -3), "Chinchilla 70B": (5, 5), "Llama 3.1 405B": (-95, 6)}
    for m in models:
        if m.name in offsets:
            ax.annotate(m.name, (m.year, m.tokens), textcoords="offset points", xytext=offsets[m.name], fontsize=8)
    ax.set_yscale("log")
    ax.set_ylim(3e10, 3e15)
    ax.set_xlabel("release date")
    ax.set_ylabel("tokens")
    ax.set_title("training data of released models vs the stock of human text")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
    return _lighten(fig)

"""The figures people remember from the papers, rebuilt from the course's fits and data.

Hoffmann et al. 2022 (arXiv:2203.15556) Figure 1 (the three approaches' and Kaplan's N_opt against compute,
with Chinchilla, Gopher, GPT-3 and MT-NLG) and Figure 4 (iso-loss contours and the efficient frontier),
Besiroglu et al. 2024's tokens per parameter against compute with its bootstrap band, and an isoFLOP figure
in the style of the Llama 3 report (arXiv:2407.21783, §3.2.1). The chapter's other figures are in
:mod:`.figures`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter, ScalarFormatter
from numpy.typing import ArrayLike

from ..common.plotting import PALETTE, new_figure
from ..common.validate import positive_array, positive_scalar, same_length
from .bootstrap import BootstrapResult
from .figures import _VIRIDIS_90, _budget_cmap, _fmt_flops, _lighten, law_colour
from .laws import ParametricLaw
from .published import (
    FIGURE1_MODELS,
    LLAMA3_FLAGSHIP,
    LLAMA3_TOKENS_LAW,
    TABLE3_APPROACH1,
    TABLE_A3_APPROACH2,
    PublishedModel,
    TokensLaw,
)

__all__ = [
    "figure1_lines",
    "plot_hoffmann_figure1",
    "iso_loss_grid",
    "plot_iso_loss_contours",
    "plot_tokens_per_param_band",
    "plot_llama3_isoflops",
]


def figure1_lines(C: ArrayLike, law: ParametricLaw) -> dict[str, np.ndarray]:
    """``N_opt(C)`` of each line of Hoffmann et al. (2022) Figure 1, at budgets ``C`` (FLOPs).

    - Approach 1 and 2: the power law through the projections of Table 3 and Table A3 (each row is a point
      of the approach's fitted line, so the line through them is that fit: exponents 0.50 and 0.49, Table 2);
    - Approach 3: ``law``'s closed-form frontier (Eq. 4);
    - Kaplan et al. (2020): Table 6, ``N = 1.3e9 C^0.73`` with C in PF-days (C used as C_min).
    """
    from ..kaplan import optimal_params  # the kaplan topic imports this one: import at call time
    from ..powerlaws.fit import fit_power_law

    c = positive_array(np.atleast_1d(C), "C (FLOPs)")
    out: dict[str, np.ndarray] = {}
    for key, rows in (("Approach 1", TABLE3_APPROACH1), ("Approach 2", TABLE_A3_APPROACH2)):
        fit = fit_power_law([r.flops for r in rows], [r.params for r in rows])
        out[key] = fit.predict(c)
    out["Approach 3"] = np.asarray(law.compute_optimal(c)[0], dtype=float)
    out["Kaplan et al. (2020)"] = np.asarray(optimal_params(c, unit="flops"), dtype=float)
    return out


def plot_hoffmann_figure1(law: ParametricLaw, models: Sequence[PublishedModel] = FIGURE1_MODELS, *,
                          C_min: float = 1e17, C_max: float = 1e26) -> Figure:
    """Hoffmann et al. (2022) Figure 1: each approach's and Kaplan's ``N_opt(C)``, with the large models placed.

    Lines are fitted laws (:func:`figure1_lines`); stars are trained models at their published size and training
    compute (:data:`~scaling_helpers.chinchilla.FIGURE1_MODELS`, Table 1).
    """
    lo, hi = positive_scalar(C_min, "C_min"), positive_scalar(C_max, "C_max")
    if hi <= lo:
        raise ValueError("C_max must exceed C_min.")
    c = np.logspace(np.log10(lo), np.log10(hi), 100)
    lines = figure1_lines(c, law)
    styles = {"Approach 1": (PALETTE[1], "-"), "Approach 2": (PALETTE[3], "-"),
              "Approach 3": (law_colour(law.name), "-"), "Kaplan et al. (2020)": (PALETTE[0], "--")}
    fig, ax = new_figure(1, width=7.8, height=5.2)
    for key, n in lines.items():
        col, ls = styles[key]
        slope = np.log(n[-1] / n[0]) / np.log(c[-1] / c[0])
        ax.plot(c, n, color=col, ls=ls, gid=key, label=f"{key}: N ∝ C^{slope:.2f} (fitted)")
    for i, m in enumerate(models):
        ax.scatter([m.flops], [m.params], marker="*", s=260, color=PALETTE[5] if m.name == "Chinchilla"
                   else PALETTE[2], edgecolors="black", zorder=4, gid=f"model:{m.name}",
                   label="trained models (Table 1)" if i == 0 else None)
        ax.annotate(m.name, (m.flops, m.params), xytext=(-12, -10 if m.name == "GPT-3" else 4),
                    textcoords="offset points", ha="right", va="center", fontsize=11)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(lo, hi)
    ax.set_ylim(1e8, 1e12)
    ax.set_xlabel("training FLOPs")
    ax.set_ylabel("parameters N_opt")
    ax.set_title("Hoffmann et al. 2022, Figure 1: predicted compute-optimal model size", fontsize=12)
    ax.legend(loc="upper left", fontsize=10)
    return _lighten(fig)


def iso_loss_grid(law: ParametricLaw, C: ArrayLike, N: ArrayLike) -> np.ndarray:
    """Loss of ``law`` on a grid of budgets ``C`` (columns) and model sizes ``N`` (rows), ``D = C / 6N``."""
    c = positive_array(np.atleast_1d(C), "C (FLOPs)")
    n = positive_array(np.atleast_1d(N), "N")
    return np.asarray(law.loss_at_compute(n[:, None], c[None, :]), dtype=float)


def plot_iso_loss_contours(law: ParametricLaw, C: ArrayLike, N: ArrayLike, L: ArrayLike, *,
                           C_range: tuple[float, float] = (1e18, 1e23),
                           N_range: tuple[float, float] = (3e7, 3e10)) -> Figure:
    """Hoffmann et al. (2022) Figure 4 (left): iso-loss contours of a parametric law and its efficient frontier.

    Filled contours and the frontier ``N_opt(C)`` (Eq. 4) are the fitted law; the dots are the runs it was
    fitted on (``C``, ``N``, ``L``), coloured on the same loss scale.
    """
    c_run, n_run, l_run = (positive_array(v, k) for k, v in (("C", C), ("N", N), ("L", L)))
    same_length(("C", c_run), ("N", n_run), ("L", l_run))
    c = np.logspace(*np.log10(C_range), 160)
    n = np.logspace(*np.log10(N_range), 160)
    grid = iso_loss_grid(law, c, n)
    levels = np.unique(np.round(np.quantile(l_run, np.linspace(0.0, 1.0, 13)), 3))
    fig, ax = new_figure(1, width=7.4, height=5.2)
    cs = ax.contourf(c, n, grid, levels=levels, cmap=_VIRIDIS_90, extend="both")
    ax.contour(c, n, grid, levels=levels, colors="white", linewidths=0.5, alpha=0.6)
    n_opt = np.asarray(law.compute_optimal(c)[0])
    ax.plot(c, n_opt, color=PALETTE[2], lw=3, gid="frontier", label=f"efficient frontier N_opt ∝ C^{law.a:.2f}")
    ax.scatter(c_run, n_run, c=l_run, cmap=_VIRIDIS_90, norm=cs.norm, s=26, edgecolors="black",
               linewidths=0.6, zorder=3, gid="runs", label=f"runs (data, {len(l_run)})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*C_range)
    ax.set_ylim(*N_range)
    ax.set_xlabel("training FLOPs C")
    ax.set_ylabel("parameters N")
    ax.set_title(f"iso-loss contours of {law.name}", fontsize=12)
    fig.colorbar(cs, ax=ax, label="loss (nats/token), fitted law")
    ax.legend(loc="upper left", fontsize=10)
    return _lighten(fig)


def plot_tokens_per_param_band(boot: BootstrapResult, law: ParametricLaw, refs: Sequence[ParametricLaw] = (), *,
                               C_min: float = 1e18, C_max: float = 1e26, q: tuple[float, float] = (10.0, 90.0)
                               ) -> Figure:
    """Compute-optimal tokens per parameter against compute, with the bootstrap band of the refits.

    The line is ``law`` (the fit on all runs), the shaded band the ``q`` percentiles of the bootstrap refits
    (:meth:`BootstrapResult.tokens_per_param_band`); ``refs`` are other constant sets; the star is Chinchilla's
    own ratio (1.4T tokens / 70B parameters at 5.76e23 FLOPs, Hoffmann et al. 2022 Table 1, Sec. 4.1).
    """
    lo_c, hi_c = positive_scalar(C_min, "C_min"), positive_scalar(C_max, "C_max")
    c = np.logspace(np.log10(lo_c), np.log10(hi_c), 80)
    lo, hi = boot.tokens_per_param_band(c, q)
    fig, ax = new_figure(1, width=7.6, height=4.8)
    ax.fill_between(c, lo, hi, color=PALETTE[6], alpha=0.35, lw=0, gid="band",
                    label=f"{q[1] - q[0]:.0f}% bootstrap interval ({boot.n_boot} refits)")
    ax.plot(c, law.tokens_per_param(c), color=law_colour(law.name), gid="fit", label=f"{law.name} (fitted)")
    for i, ref in enumerate(refs):
        ax.plot(c, ref.tokens_per_param(c), color=law_colour(ref.name, i + 1), ls="--", lw=1.6,
                label=f"{ref.name} (published fit)")
    chin = FIGURE1_MODELS[0]
    ax.scatter([chin.flops], [chin.tokens / chin.params], marker="*", s=260, color=PALETTE[5],
               edgecolors="black", zorder=4, label="Chinchilla as trained (1.4T / 70B)")
    ax.axhline(20.0, color=PALETTE[0], ls=":", lw=1.2)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_yticks([5, 10, 20, 50, 100, 200])
    ax.yaxis.set_major_formatter(ScalarFormatter())
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("training FLOPs C")
    ax.set_ylabel("optimal tokens per parameter D/N")
    ax.set_title("compute-optimal tokens per parameter, with bootstrap band", fontsize=12)
    ax.legend(loc="upper left", fontsize=9)
    return _lighten(fig)


def plot_llama3_isoflops(law: ParametricLaw, tokens_law: TokensLaw = LLAMA3_TOKENS_LAW, *,
                         budgets: Sequence[float] = (6e18, 3e19, 1e20, 3e20, 1e21, 3e21, 1e22)) -> Figure:
    """IsoFLOP curves and the optimal-tokens law in the style of Llama 3 Figures 2 and 3 (arXiv:2407.21783).

    Left: loss against training tokens at fixed budgets under ``law`` (a fitted parametric law; Llama 3's runs are
    not public), its minimum marked (circles), and Llama 3's ``D*(C)`` at the same budget (triangles).
    Right: ``D*(C) = A C^alpha`` (Sec. 3.2.1), solid over the budgets it was fitted on and dashed beyond, with the
    paper's stated extrapolation to 3.8e25 FLOPs (16.55T tokens) and ``law``'s own ``D_opt(C)``.
    """
    bs = positive_array(budgets, "budgets")
    colours = _budget_cmap(len(bs))
    fig, (left, right) = new_figure(2, width=5.6, height=4.4)
    for col, c in zip(colours, bs, strict=True):
        d_opt = float(law.compute_optimal(c)[1])
        d = d_opt * np.logspace(-1.2, 1.2, 120)
        left.plot(d, law.loss_at_compute(c / (6.0 * d), c), color=col, label=_fmt_flops(c))
        left.plot([d_opt], [law.loss_at_compute(c / (6.0 * d_opt), c)], "o", color=col, mec="black", ms=7)
        d_llama = float(tokens_law.tokens(c)[0])
        left.plot([d_llama], [law.loss_at_compute(c / (6.0 * d_llama), c)], "^", color=col, mec="black", ms=8)
    left.plot([], [], "o", color="0.6", mec="black", label="minimum of the fit")
    left.plot([], [], "^", color="0.6", mec="black", label="Llama 3 D*(C)")
    left.set_xscale("log")
    left.set_xlabel("training tokens D")
    left.set_ylabel("loss (nats/token), fitted law")
    left.set_title(f"isoFLOP curves of {law.name.split(' (')[0]}", fontsize=11)
    left.legend(fontsize=8, ncol=2, loc="upper right")
    f_lo, f_hi = tokens_law.fit_range
    flag = LLAMA3_FLAGSHIP["flops"]
    c_all = np.logspace(np.log10(f_lo), np.log10(flag * 2), 120)
    inside = c_all <= f_hi
    d_all = tokens_law.tokens(c_all)
    right.plot(c_all[inside], d_all[inside], color=PALETTE[2], gid="llama3-fitted",
               label=f"Llama 3 law D* = {tokens_law.A} C^{tokens_law.alpha} (fitted range)")
    right.plot(c_all[~inside], d_all[~inside], color=PALETTE[2], ls="--", gid="llama3-extrapolated",
               label="same law, extrapolated")
    right.plot(c_all, law.compute_optimal(c_all)[1], color=law_colour(law.name), lw=1.6, ls=":",
               label=f"{law.name.split(' (')[0]} D_opt")
    right.plot([flag], [LLAMA3_FLAGSHIP["tokens"]], marker="*", ms=16, color=PALETTE[5], mec="black", ls="none",
               gid="llama3-stated", label="paper's extrapolation: 16.55T tokens at 3.8e25")
    right.axvspan(f_lo, f_hi, color=PALETTE[5], alpha=0.12, lw=0)
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("compute budget C (FLOPs)")
    right.set_ylabel("compute-optimal training tokens")
    right.set_title("Llama 3 §3.2.1: D*(C) = A C^α", fontsize=11)
    right.legend(fontsize=8, loc="upper left")
    return _lighten(fig)

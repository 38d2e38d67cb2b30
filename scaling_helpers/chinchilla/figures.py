"""The figures of Chapter 3 (Chinchilla and its replication).

Every function takes data or fitted objects and returns a :class:`matplotlib.figure.Figure` in the course style
(:func:`scaling_helpers.common.plotting.new_figure`, Okabe-Ito colours, labelled log axes). Nothing is fitted here:
the notebook fits with :mod:`scaling_helpers.chinchilla.fit`, :mod:`scaling_helpers.chinchilla.isoflop`,
:mod:`scaling_helpers.chinchilla.envelope` and :mod:`scaling_helpers.chinchilla.forms` and passes the results in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import ListedColormap, LogNorm
from matplotlib.figure import Figure
from matplotlib.ticker import (
    FixedFormatter,
    FixedLocator,
    LogFormatterSciNotation,
    MaxNLocator,
    NullFormatter,
    NullLocator,
    ScalarFormatter,
)
from numpy.typing import ArrayLike

from ..common.plotting import PALETTE, new_figure
from ..common.validate import positive_array, positive_scalar, same_length
from .bootstrap import BootstrapResult
from .diagnostics import OptimisationTrace
from .envelope import EnvelopeFit, TrainingCurves
from .heldout import HeldOutComparison
from .isoflop import IsoFLOPFit, assign_budgets
from .laws import ParametricLaw
from .published import (
    CHINCHILLA_BUDGET_FLOPS,
    TABLE3_APPROACH1,
    TABLE_A3_APPROACH2,
)

__all__ = [
    "LAW_COLOURS",
    "law_colour",
    "plot_isoflop_profiles",
    "plot_envelope",
    "plot_law_residuals",
    "plot_frontiers",
    "plot_bootstrap",
    "plot_loss_scale",
    "plot_heldout",
    "plot_isoflop_law",
    "isoflop_title",
]

#: Colours of the constant sets, by law name (the same in every figure of the chapter).
LAW_COLOURS: dict[str, str] = {
    "Hoffmann et al. 2022 (rounded)": PALETTE[2],
    "Hoffmann et al. 2022 (unrounded)": PALETTE[4],
    "Besiroglu et al. 2024 (Epoch AI)": PALETTE[1],
}


def law_colour(name: str, i: int = 0) -> str:
    """Colour of a law in this chapter: fixed for the published sets, else from the palette."""
    return LAW_COLOURS.get(name, PALETTE[(3 + 2 * i) % len(PALETTE)])


#: viridis without its palest 10% (yellow lines are unreadable on white).
_VIRIDIS_90 = ListedColormap(colormaps["viridis"](np.linspace(0.0, 0.9, 256)), name="viridis90")


def _budget_cmap(n: int) -> list[tuple[float, float, float, float]]:
    return [_VIRIDIS_90(x) for x in np.linspace(0.0, 1.0, n)]


class _PlainLogFormatter(LogFormatterSciNotation):
    """matplotlib's log-axis labels (same choice of labelled ticks) as plain text, ``2×10⁸``, not mathtext:
    parsing mathtext dominates the rendering time of these figures."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return _plain_mathtext(super().__call__(x, pos))


def _plain_mathtext(label: str) -> str:
    m = re.fullmatch(r"\$\\mathdefault\{(.*)\}\$", label)
    if not m:
        return label
    inner = m.group(1).replace("\\times", "×").replace("\\cdot", "·")
    return re.sub(r"\^\{([-−0-9]+)\}", lambda g: g.group(1).replace("−", "-").translate(_SUPERSCRIPT), inner)


def _lighten(fig: Figure, max_decades: float = 4.0) -> Figure:
    """Cheaper log axes: plain-text labels (:class:`_PlainLogFormatter`) everywhere, and no minor ticks on axes
    spanning more than ``max_decades`` decades (there they are unlabelled and cost more than they help)."""
    for ax in fig.axes:
        for axis, lim in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            if axis.get_scale() != "log" or min(lim) <= 0:
                continue
            for getter, setter in ((axis.get_major_formatter, axis.set_major_formatter),
                                   (axis.get_minor_formatter, axis.set_minor_formatter)):
                old = getter()
                if type(old) is LogFormatterSciNotation:
                    setter(_PlainLogFormatter(base=old._base, labelOnlyBase=old.labelOnlyBase,
                                              minor_thresholds=old.minor_thresholds))
            if np.log10(max(lim) / min(lim)) > max_decades:
                axis.set_minor_locator(NullLocator())
    return fig


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _pow10(k: int) -> str:
    """``10`` with the exponent ``k`` in Unicode superscripts (no mathtext)."""
    return "10" + str(k).translate(_SUPERSCRIPT)


def _fmt_flops(c: float) -> str:
    m, e = f"{c:.0e}".split("e")
    return f"{m}e{int(e)}"


# ----------------------------------------------------------------------------------------- Approach 2


def plot_isoflop_profiles(C: ArrayLike, N: ArrayLike, L: ArrayLike, fit: IsoFLOPFit, *,
                          budgets: Sequence[float] | None = None, tol_dex: float = 0.05,
                          law: ParametricLaw | None = None) -> Figure:
    """Approach 2 on runs: isoFLOP profiles with their parabolas and minima (left), and ``N_opt(C)`` (right).

    Parameters
    ----------
    C, N, L
        Compute, size and loss of every run.
    fit
        :func:`scaling_helpers.chinchilla.fit_isoflop_minima` on these runs, called with ``budgets``.
    budgets, tol_dex
        The nominal budgets and grouping tolerance used by the fit (default: ``fit.budgets``).
    law
        Optional law whose frontier ``N_opt(C)`` is drawn on the right for comparison.
    """
    c, n, loss = positive_array(C, "C"), positive_array(N, "N"), positive_array(L, "L")
    same_length(("C", c), ("N", n), ("L", loss))
    nominal = np.asarray(fit.budgets if budgets is None else budgets, dtype=float)
    labels = assign_budgets(c, nominal, tol_dex=tol_dex)
    colours = _budget_cmap(nominal.size)
    fig, (left, right) = new_figure(2, width=5.6, height=4.2)
    left.scatter(n[labels < 0], loss[labels < 0], s=10, color="0.75", label="other runs", zorder=1)
    for j, b in enumerate(nominal):
        sel = labels == j
        if not sel.any():
            continue
        left.scatter(n[sel], loss[sel], s=16, color=colours[j], zorder=2, label=f"{_fmt_flops(b)} FLOPs")
        k = int(np.argmin(np.abs(fit.budgets - b)))
        if abs(np.log10(fit.budgets[k] / b)) < 1e-6:
            m = fit.minima[k]
            u = np.linspace(np.log(n[sel].min()), np.log(n[sel].max()), 60)
            c2, c1, c0 = m.coeffs
            y = c2 * u * u + c1 * u + c0
            left.plot(np.exp(u), np.exp(y) if m.log_loss else y, color=colours[j], lw=1.5)
            left.plot(m.N_opt, m.loss_opt, marker="*", ms=13, color=colours[j], mec="black", mew=0.8, zorder=4)
    left.set_xscale("log")
    left.set_xlabel("parameters N")
    left.set_ylabel("final loss (nats/token)")
    left.set_title("isoFLOP profiles, parabola minima ★")
    left.legend(fontsize=7.5, ncol=2, loc="upper right")
    grid = np.logspace(np.log10(nominal.min()) - 0.3, np.log10(nominal.max()) + 0.3, 50)
    right.scatter(fit.budgets, fit.N_opt, marker="*", s=120, c=[colours[int(np.argmin(np.abs(nominal - b)))]
                                                                  for b in fit.budgets],
                  edgecolors="black", linewidths=0.8, zorder=3, label="parabola minima")
    right.plot(grid, fit.predict_N(grid), color=PALETTE[0], label=f"power law fit: N_opt ∝ C^{fit.a:.3f}")
    if law is not None:
        right.plot(grid, law.compute_optimal(grid)[0], color=law_colour(law.name), ls="--",
                   label=f"{law.name}: a = {law.a:.3f}")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("training compute C (FLOPs)")
    right.set_ylabel("compute-optimal parameters N_opt")
    right.set_title("Approach 2: N_opt(C)")
    right.legend(fontsize=9, loc="upper left")
    return _lighten(fig)


# ----------------------------------------------------------------------------------------- Approach 1


def plot_envelope(curves: TrainingCurves, env: EnvelopeFit, *, law: ParametricLaw | None = None) -> Figure:
    """Approach 1: training curves and their lower envelope (left), and the envelope's minimisers (right).

    Parameters
    ----------
    curves
        The training curves.
    env
        :func:`scaling_helpers.chinchilla.fit_envelope` of ``curves``.
    law
        The law that generated the curves, to draw its true frontier.
    """
    fig, (left, right) = new_figure(2, width=5.6, height=4.2)
    norm = LogNorm(curves.sizes.min(), curves.sizes.max())
    cmap = _VIRIDIS_90
    flops = curves.flops
    for i, size in enumerate(curves.sizes):
        left.plot(flops[i], curves.loss[i], color=cmap(norm(size)), lw=1.0, alpha=0.9)
    ok = np.isfinite(env.loss_min)
    left.plot(env.C[ok], env.loss_min[ok], color=PALETTE[0], lw=2.5, ls="--", label="lower envelope")
    left.set_xscale("log")
    left.set_xlabel("training compute C = 6ND (FLOPs)")
    left.set_ylabel("loss (nats/token)")
    left.set_title(f"{curves.sizes.size} training curves")
    bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=left, fraction=0.05, pad=0.02)
    bar.set_label("parameters N")
    left.legend(loc="lower left")
    used = env.used
    right.scatter(env.C[used][::25], env.N_opt[used][::25], s=14, color=PALETTE[1], label="envelope minimiser")
    grid = env.C[used]
    right.plot(grid, env.predict_N(grid), color=PALETTE[0], label=f"fit: N_opt ∝ C^{env.a:.3f}")
    if law is not None:
        right.plot(grid, law.compute_optimal(grid)[0], color=PALETTE[2], ls="--",
                   label=f"true frontier: a = {law.a:.3f}")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("training compute C (FLOPs)")
    right.set_ylabel("N of the lowest-loss run")
    right.set_title("Approach 1: N_opt(C)")
    right.legend(loc="upper left")
    return _lighten(fig)


# ----------------------------------------------------------------------------------------- Approach 3


def plot_law_residuals(N: ArrayLike, D: ArrayLike, L: ArrayLike, laws: Sequence[ParametricLaw]) -> Figure:
    """Log residuals ``ln L - ln L_hat(N, D)`` of each law on the runs, against compute (one panel per law).

    A good fit leaves residuals scattered around zero at every compute; a biased constant set leaves a trend.
    """
    n, d, loss = positive_array(N, "N"), positive_array(D, "D"), positive_array(L, "L")
    same_length(("N", n), ("D", d), ("L", loss))
    c = 6.0 * n * d
    fig, axes = new_figure(len(laws), width=4.0, height=3.6)
    axes = np.atleast_1d(axes)
    res_all = [np.log(loss) - np.log(np.asarray(law.loss(n, d))) for law in laws]
    lim = max(0.02, float(np.max(np.abs(np.concatenate(res_all)))) * 1.08)
    for i, (ax, law, res) in enumerate(zip(axes, laws, res_all, strict=True)):
        ax.scatter(c, res, s=10, color=law_colour(law.name), alpha=0.8)
        ax.axhline(0.0, color=PALETTE[0], lw=1)
        ax.set_xscale("log")
        ax.set_ylim(-lim, lim)
        ax.set_xlabel("training compute C (FLOPs)")
        ax.set_title(law.name.replace(" (", "\n("), fontsize=11)
        rmse = float(np.sqrt(np.mean(res**2)))
        ax.text(0.03, 0.04, f"RMSE {rmse:.4f}\nmedian {np.median(res):+.4f}", transform=ax.transAxes, fontsize=9,
                va="bottom", bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
        if i == 0:
            ax.set_ylabel("log residual ln L − ln L̂")
        else:
            ax.tick_params(labelleft=False)
    return _lighten(fig)


def plot_frontiers(laws: Sequence[ParametricLaw], *, C_min: float = 1e18, C_max: float = 3e28) -> Figure:
    """``N_opt(C)`` (left) and compute-optimal tokens per parameter (right) for each constant set.

    The left panel adds Hoffmann's Table 3 (Approach 1) and Table A3 (Approach 2) rows and the Chinchilla and
    Gopher models at their shared budget (5.76e23 FLOPs); the right panel marks the 20 tokens/parameter rule.
    """
    lo, hi = positive_scalar(C_min, "C_min"), positive_scalar(C_max, "C_max")
    if hi <= lo:
        raise ValueError("C_max must exceed C_min.")
    grid = np.logspace(np.log10(lo), np.log10(hi), 120)
    fig, (left, right) = new_figure(2, width=5.4, height=4.0)
    for i, law in enumerate(laws):
        col = law_colour(law.name, i)
        n_opt, d_opt = law.compute_optimal(grid)
        left.plot(grid, n_opt, color=col, label=f"{law.name} (a = {law.a:.3f})")
        right.plot(grid, np.asarray(d_opt) / np.asarray(n_opt), color=col, label=law.name)
    t3 = np.array([(r.flops, r.params) for r in TABLE3_APPROACH1])
    a2 = np.array([(r.flops, r.params) for r in TABLE_A3_APPROACH2])
    left.scatter(t3[:, 0], t3[:, 1], marker="o", s=28, facecolors="none", edgecolors=PALETTE[0],
                 label="Table 3 (Approach 1)", zorder=3)
    left.scatter(a2[:, 0], a2[:, 1], marker="s", s=22, facecolors="none", edgecolors=PALETTE[3],
                 label="Table A3 (Approach 2)", zorder=3)
    for name, size, mk in (("Chinchilla 70B", 70e9, "*"), ("Gopher 280B", 280e9, "X")):
        left.scatter([CHINCHILLA_BUDGET_FLOPS], [size], marker=mk, s=140, color=PALETTE[5], edgecolors="black",
                     zorder=4)
        left.annotate(name, (CHINCHILLA_BUDGET_FLOPS, size), xytext=(-10, 0), textcoords="offset points",
                      fontsize=9, ha="right", va="center")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("training compute C (FLOPs)")
    left.set_ylabel("compute-optimal parameters N_opt")
    left.set_title("N_opt(C) = G (C/6)^a")
    left.legend(fontsize=8, loc="lower right")
    right.axhline(20.0, color=PALETTE[0], ls=":", lw=1.5, label="20 tokens/param (Table 3)")
    right.axvline(CHINCHILLA_BUDGET_FLOPS, color="0.6", lw=1)
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("training compute C (FLOPs)")
    right.set_ylabel("D_opt / N_opt (tokens per param)")
    right.set_yticks([5, 10, 20, 50, 100, 200, 500])
    right.yaxis.set_major_formatter(ScalarFormatter())
    right.yaxis.set_minor_formatter(NullFormatter())
    right.set_title("tokens per parameter")
    right.legend(fontsize=8, loc="upper left")
    return _lighten(fig)


def plot_bootstrap(boot: BootstrapResult, refs: Sequence[ParametricLaw] = ()) -> Figure:
    """Bootstrap distributions of ``E``, ``alpha``, ``beta`` and ``a = beta/(alpha+beta)``, with the values of
    the reference constant sets as vertical lines and the 95% percentile interval shaded."""
    samples = boot.samples
    keys = ("E", "alpha", "beta", "a")
    labels = {"E": "E (nats)", "alpha": "α", "beta": "β", "a": "a = β/(α+β)"}
    fig, axes = new_figure(4, width=3.2, height=3.1)
    for ax, key in zip(axes, keys, strict=True):
        v = samples[key]
        lo, hi = np.percentile(v, (2.5, 97.5))
        ax.axvspan(lo, hi, color=PALETTE[6], alpha=0.25, lw=0)
        ax.hist(v, bins=30, color=PALETTE[6], edgecolor="white")
        for i, law in enumerate(refs):
            ref = {"E": law.E, "alpha": law.alpha, "beta": law.beta, "a": law.a}[key]
            ax.axvline(ref, color=law_colour(law.name, i), lw=2, ls="--" if i else "-",
                       label=law.name if key == "E" else None)
        ax.set_xlabel(labels[key])
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.set_yticks([])
    axes[0].set_ylabel(f"{boot.n_boot} resamples")
    if refs:
        fig.legend(loc="outside lower center", ncol=len(refs), fontsize=9)
    return fig


def plot_loss_scale(traces: Mapping[str, OptimisationTrace], *, optimum: float | None = None) -> Figure:
    """The averaged-vs-summed Huber lesson: the summed objective (left) and ``a = beta/(alpha+beta)`` (right)
    after every iteration of each optimisation, all started from the same point."""
    fig, (left, right) = new_figure(2, width=5.0, height=3.8)
    best = optimum if optimum is not None else min(float(t.summed.min()) for t in traces.values())
    items = list(traces.items())
    for i in reversed(range(len(items))):  # the first trace (short) is drawn last, on top
        label, tr = items[i]
        col = PALETTE[[2, 5, 1, 3][i % 4]]
        style = {"marker": "sD^v"[i % 4], "ms": 7 - 1.5 * min(i, 2), "lw": 2.5 - 0.5 * min(i, 2), "zorder": 5 - i}
        it = np.arange(tr.summed.size)
        left.plot(it, tr.summed * 1e3, color=col, label=f"{label}: {tr.n_iter} iterations", **style)
        p = tr.params
        right.plot(it, p[:, 4] / (p[:, 3] + p[:, 4]), color=col, label=label, **style)
    handles, labels = left.get_legend_handles_labels()
    best_line = left.axhline(best * 1e3, color=PALETTE[0], ls=":", lw=1.5, label="best optimum (4500 starts)")
    left.set_xlabel("iteration")
    left.set_ylabel("summed Huber objective (×10⁻³)")
    left.set_title("objective along the path")
    left.legend(handles[::-1] + [best_line], labels[::-1] + [best_line.get_label()], fontsize=8)
    right.set_xlabel("iteration")
    right.set_ylabel("a = β/(α+β)")
    right.set_title("where the parameters go")
    return _lighten(fig)


def plot_heldout(cmp_: HeldOutComparison, N: ArrayLike, D: ArrayLike, L: ArrayLike) -> Figure:
    """Log residuals of each fitted form against compute; runs right of the dashed line were held out."""
    n, d, loss = positive_array(N, "N"), positive_array(D, "D"), positive_array(L, "L")
    same_length(("N", n), ("D", d), ("L", loss))
    c = 6.0 * n * d
    names = [r.name for r in cmp_.rows]
    ncols = min(len(names), 2)
    nrows = int(np.ceil(len(names) / ncols))
    fig, axes = new_figure(ncols, nrows, width=4.6, height=2.8)
    axes = np.atleast_1d(axes).ravel()
    res = {k: cmp_.fits[k].log_residuals(n, d, loss) for k in names}
    lim = max(0.02, max(float(np.max(np.abs(r))) for r in res.values()) * 1.08)
    test = c >= cmp_.split_C
    for i, (ax, row) in enumerate(zip(axes, cmp_.rows, strict=False)):
        r = res[row.name]
        col = PALETTE[1 + i]
        ax.axvspan(cmp_.split_C, c.max() * 1.5, color="0.9", lw=0)
        ax.scatter(c[~test], r[~test], s=8, color=col, alpha=0.6)
        ax.scatter(c[test], r[test], s=16, color=col, edgecolors="black", linewidths=0.5)
        ax.axhline(0, color=PALETTE[0], lw=1)
        ax.axvline(cmp_.split_C, color=PALETTE[0], ls="--", lw=1)
        ax.text(cmp_.split_C * 1.3, 0.92 * lim, "held out", fontsize=8, va="top")
        ax.set_xscale("log")
        ax.set_ylim(-lim, lim)
        ax.set_title(f"{cmp_.fits[row.name].form.title} ({row.n_params} params)", fontsize=9)
        ax.text(0.03, 0.05, f"held-out RMSE {row.test_rmse:.4f}", transform=ax.transAxes, fontsize=9,
                bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
        if i % ncols == 0:
            ax.set_ylabel("ln L − ln L̂")
        if i >= len(names) - ncols:
            ax.set_xlabel("training compute C (FLOPs)")
    for ax in axes[len(names):]:
        ax.set_visible(False)
    return _lighten(fig)


# ----------------------------------------------------------------------------------------- the widget's figure


def isoflop_title(C: float, n_opt: float, d_opt: float) -> str:
    """Title of the isoFLOP explorer: the budget and its optimum."""
    return f"C = {C:.3g} FLOPs:  N_opt = {n_opt:.3g},  D_opt = {d_opt:.3g},  D/N = {d_opt / n_opt:.1f}"


def plot_isoflop_law(law: ParametricLaw, C: float, *, n_min: float = 1e7, n_max: float = 1e13,
                     fig: Figure | None = None) -> Figure:
    """Loss against model size at a fixed budget ``C`` under ``law`` (an isoFLOP profile), optimum marked.

    This is the static version of :func:`scaling_helpers.chinchilla.widgets.isoflop_explorer`.

    Parameters
    ----------
    law
        The constant set.
    C
        Training compute in FLOPs.
    n_min, n_max
        Range of model sizes drawn.
    fig
        Draw into this figure (cleared) instead of a new one.
    """
    c = positive_scalar(C, "C (FLOPs)")
    n = np.logspace(np.log10(positive_scalar(n_min, "n_min")), np.log10(positive_scalar(n_max, "n_max")), 300)
    loss = np.asarray(law.loss_at_compute(n, c))
    n_opt, d_opt = law.compute_optimal(c)
    l_opt = float(law.loss_at_compute(n_opt, c))
    if fig is None:
        fig, ax = new_figure(1, width=6.4, height=4.0)
    else:
        fig.clear()
        ax = fig.subplots()
    col = law_colour(law.name)
    ax.plot(n, loss, color=col, label=law.name)
    ax.axvline(n_opt, color=col, ls=":", lw=1.5)
    ax.plot([n_opt], [l_opt], marker="*", ms=16, color=col, mec="black", mew=0.8, ls="none",
            label="optimum")
    ax.axhline(law.E, color=PALETTE[0], ls="--", lw=1, label=f"E = {law.E:.3f}")
    ax.set_xscale("log")
    # Fixed decade ticks with plain-text labels: mathtext labels ("$10^{9}$") dominate the explorer's redraw.
    decades = np.arange(np.ceil(np.log10(n[0])), np.floor(np.log10(n[-1])) + 1)
    ax.xaxis.set_major_locator(FixedLocator(10.0**decades))
    ax.xaxis.set_major_formatter(FixedFormatter([_pow10(int(k)) for k in decades]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xlabel("parameters N  (tokens D = C / 6N)")
    ax.set_ylabel("loss (nats/token)")
    ax.set_ylim(law.E - 0.05, l_opt + 1.2 * (l_opt - law.E) + 0.05)
    ax.set_title(isoflop_title(c, n_opt, d_opt), fontsize=11)
    ax.legend(loc="upper right", fontsize=9)
    return fig


# ------------------------------------------------------------------------------- the famous figures

"""One figure style for the whole course, and the figures of chapter 1.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies); every
axis carries a label with its unit; power laws are drawn on log-log axes. Fonts are sized
for a projector.
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from ._validate import positive_array
from .powerlaw import huber, huber_influence, saturating_power_law

__all__ = ["PALETTE", "use_course_style", "new_figure", "plot_law_views", "plot_fits_with_residuals", "plot_huber", "lighten_log_axes"]

#: Okabe & Ito (2008) colour-blind-safe palette, black first.
PALETTE = ["#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]

_STYLE: dict[str, Any] = {
    "axes.prop_cycle": mpl.cycler(color=PALETTE[1:] + PALETTE[:1]),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "legend.fontsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
    "lines.markersize": 6,
}


def use_course_style() -> None:
    """Apply the course style to matplotlib's global settings (call once per notebook).

    In IPython it also registers the PNG formatter for figures, so that a cell ending in
    ``fig`` shows the picture even though the course never touches pyplot's global state.
    """
    mpl.rcParams.update(_STYLE)
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        if get_ipython() is not None:
            set_matplotlib_formats("png")
    except ImportError:  # pragma: no cover - plain Python without IPython
        pass


def new_figure(ncols: int = 1, nrows: int = 1, *, width: float = 5.0, height: float = 3.8,
               layout: str | None = "constrained") -> tuple[Figure, Any]:
    """A new figure in the course style, not attached to pyplot (no global state, no leaks).

    Returns ``(fig, axes)``; ``axes`` is a single Axes for 1x1, else an array.
    """
    with mpl.rc_context(_STYLE):
        fig = Figure(figsize=(width * ncols, height * nrows), layout=layout)
        axes = fig.subplots(nrows, ncols, squeeze=True)
    return fig, axes


def lighten_log_axes(fig: Figure, max_decades: float = 2.5) -> Figure:
    """Cheaper log axes: drop minor ticks on axes spanning more than ``max_decades`` decades, and
    minor tick labels wherever two or more decades are labelled (their layout dominates the
    rendering time of a slider redraw). Returns ``fig``."""
    from matplotlib.ticker import NullFormatter, NullLocator

    for ax in fig.axes:
        for axis, lim in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            if axis.get_scale() != "log" or min(lim) <= 0:
                continue
            lo, hi = np.log10(min(lim)), np.log10(max(lim))
            if hi - lo > max_decades:
                axis.set_minor_locator(NullLocator())
            elif np.floor(hi) - np.ceil(lo) >= 1:
                axis.set_minor_formatter(NullFormatter())
    return fig


def plot_law_views(E: float, A: float, alpha: float, *, x_min: float = 1e6, x_max: float = 1e12,
                   x_label: str = "parameters N", fig: Figure | None = None) -> Figure:
    """The same law ``L = E + A x^-alpha`` on linear and on log-log axes, side by side.

    On log-log axes a pure power law (``E = 0``) is a straight line of slope ``-alpha``;
    with a floor ``E > 0`` the curve bends and flattens towards ``E`` (dashed line).
    """
    x = np.logspace(np.log10(x_min), np.log10(x_max), 200)
    y = saturating_power_law(x, E, A, alpha)
    pure = A * x**-alpha
    if fig is None:
        fig, (ax_lin, ax_log) = new_figure(2)
    else:
        fig.clear()
        ax_lin, ax_log = fig.subplots(1, 2)
    for ax, log in ((ax_lin, False), (ax_log, True)):
        ax.plot(x, y, color=PALETTE[1], label=f"E + A·x^-α  (E={E:.2f}, A={A:.3g}, α={alpha:.3f})")
        if E > 0:
            ax.plot(x, pure, color=PALETTE[2], ls=":", label="A·x^-α (no floor)")
            ax.axhline(E, color=PALETTE[0], ls="--", lw=1, label="floor E")
        if log:
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_title("log-log axes")
        else:
            ax.set_title("linear axes")
        ax.set_xlabel(x_label)
        ax.set_ylabel("loss (nats/token)")
        ax.set_ylim(max(min(y.min(), pure.min()) * 0.8, 1e-3), y.max() * 1.1)
    ax_log.legend(loc="lower left")
    return fig


def plot_fits_with_residuals(x: ArrayLike, y: ArrayLike, fits: dict[str, Any], *,
                             x_label: str = "parameters N") -> Figure:
    """Data and fitted curves (top, log-log) with each fit's log residuals (bottom).

    ``fits`` maps a label to any object with ``predict(x)``. A straight-looking log-log
    plot can hide a systematic misfit that the residual panel shows at once.
    """
    xs, ys = positive_array(x, "x"), positive_array(y, "y")
    fig, (top, bottom) = new_figure(1, 2, width=6.5, height=3.0)
    grid = np.logspace(np.log10(xs.min()), np.log10(xs.max()), 200)
    top.scatter(xs, ys, color=PALETTE[0], zorder=3, label="data")
    for i, (label, fit) in enumerate(fits.items()):
        colour = PALETTE[1 + i]
        top.plot(grid, fit.predict(grid), color=colour, label=label)
        bottom.plot(xs, np.log(ys) - np.log(fit.predict(xs)), "o-", color=colour, label=label)
    top.set_xscale("log")
    top.set_yscale("log")
    top.set_ylabel("loss (nats/token)")
    top.legend()
    bottom.axhline(0, color=PALETTE[0], lw=1)
    bottom.set_xscale("log")
    bottom.set_xlabel(x_label)
    bottom.set_ylabel("log residual")
    return fig


def plot_huber(delta: float = 1.0, r_max: float = 4.0) -> Figure:
    """The squared loss and the Huber loss (left) and their derivatives, the influence of a
    residual on the fit (right): the Huber influence is capped at ``delta``."""
    r = np.linspace(-r_max, r_max, 401)
    fig, (left, right) = new_figure(2, width=4.8, height=3.4)
    left.plot(r, 0.5 * r**2, color=PALETTE[2], label="squared: r²/2")
    left.plot(r, huber(r, delta), color=PALETTE[1], label=f"Huber, δ = {delta:g}")
    left.set_xlabel("residual r")
    left.set_ylabel("loss ρ(r)")
    left.set_title("loss")
    left.legend()
    right.plot(r, r, color=PALETTE[2], label="squared: ψ(r) = r")
    right.plot(r, huber_influence(r, delta), color=PALETTE[1], label="Huber: ψ(r) = clip(r, -δ, δ)")
    right.axhline(delta, color=PALETTE[0], ls="--", lw=1)
    right.axhline(-delta, color=PALETTE[0], ls="--", lw=1)
    right.set_xlabel("residual r")
    right.set_ylabel("influence ψ(r) = ρ′(r)")
    right.set_title("pull of one point on the fit")
    right.legend(loc="upper left")
    return fig

"""The figures of chapter 1: one law on linear and log-log axes, fits with their residuals, and the Huber loss."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from ..common.plotting import PALETTE, new_figure, plain_log_ticks
from ..common.validate import positive_array
from .fit import huber, huber_influence, saturating_power_law

__all__ = ["plot_law_views", "plot_fits_with_residuals", "plot_huber"]


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
    plain_log_ticks(ax_log, "y")  # "2, 3, 4" rather than "2×10⁰" on a loss axis spanning less than two decades
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

"""One figure style for the whole course: palette, fonts, figure factory and log-axis tidying.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies); every
axis carries a label with its unit; power laws are drawn on log-log axes. Fonts are sized
for a projector.
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

__all__ = ["PALETTE", "use_course_style", "new_figure", "lighten_log_axes", "plain_log_ticks"]


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


def _plain_number(v: float) -> str:
    """``v`` as a plain number with up to three significant digits: 0.02, 0.5, 2, 30, 400, 5000."""
    if v == 0 or not np.isfinite(v):
        return "0"
    text = f"{v:.3g}"
    if "e" in text:  # %g switches to exponents below 1e-4 or from 1e3 with three digits
        text = f"{v:.6f}".rstrip("0").rstrip(".") if v < 1 else f"{v:.0f}"
    return text


def plain_log_ticks(ax: Any, axis: str = "both", max_decades: float = 2.0) -> Any:
    """Plain-number tick labels ("2", "3", "0.5") on the log axes of ``ax`` that span fewer than
    ``max_decades`` decades, instead of matplotlib's "2×10⁰" minor labels. Returns ``ax``.

    Major and minor ticks at 1, 2 and 5 times powers of ten get labels; other minor ticks stay unlabelled.
    Axes spanning more decades keep the usual ``10^k`` labels, which read better there.
    """
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    if axis not in ("x", "y", "both"):
        raise ValueError(f"axis must be 'x', 'y' or 'both'; got {axis!r}.")
    chosen = [ax.xaxis, ax.yaxis] if axis == "both" else [ax.xaxis if axis == "x" else ax.yaxis]
    lims = {id(ax.xaxis): ax.get_xlim(), id(ax.yaxis): ax.get_ylim()}
    for ax_ in chosen:
        lo, hi = sorted(lims[id(ax_)])
        if ax_.get_scale() != "log" or lo <= 0 or np.log10(hi / lo) >= max_decades:
            continue
        ax_.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax_.set_major_formatter(FuncFormatter(lambda v, _: _plain_number(v)))
        ax_.set_minor_locator(LogLocator(base=10, subs=tuple(float(k) for k in range(2, 10) if k not in (2, 5))))
        ax_.set_minor_formatter(NullFormatter())
    return ax

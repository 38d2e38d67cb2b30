"""IsoFLOP explorer: loss against model size at a chosen compute budget, under a chosen Chinchilla constant set.

The static figure is :func:`scaling_helpers.chinchilla.figures.plot_isoflop_law`; the widget redraws the same
picture by updating line data in place (no new artists), which keeps a slider move well under 100 ms.
"""

from __future__ import annotations

import math

import ipywidgets as w
import numpy as np
from matplotlib.ticker import NullFormatter, NullLocator

from ..common.display import Labelled
from ..common.plotting import new_figure
from ..common.validate import positive_scalar
from ..common.widget_figure import WidgetFigure, sticky_limits
from .figures import isoflop_title, law_colour, plot_isoflop_law
from .laws import CONSTANT_SETS, ParametricLaw

__all__ = ["isoflop_explorer", "render_isoflop_png", "LOG10_C_RANGE"]

#: Resolution of the explorer's old PNG path (the figure is 6.4 x 3.9 inches); the new path renders at 200 dpi.
DPI = 80
#: Range of the budget slider, log10 FLOPs: from Hoffmann's smallest isoFLOP budget to beyond Llama 3.
LOG10_C_RANGE: tuple[float, float] = (18.0, 26.0)


def _law(law: str | ParametricLaw) -> ParametricLaw:
    if isinstance(law, ParametricLaw):
        return law
    if law not in CONSTANT_SETS:
        raise ValueError(f"unknown constant set {law!r}; choose one of {', '.join(CONSTANT_SETS)}.")
    return CONSTANT_SETS[law]


class _IsoFLOPFigure(WidgetFigure):
    """One isoFLOP profile whose curve, optimum, floor and title are redrawn over a saved background; the
    axes are re-drawn only when the loss range leaves the current limits or the constant set changes."""

    def __init__(self, law: ParametricLaw, C: float) -> None:
        fig, _ = new_figure(1, width=6.4, height=3.9, layout=None)
        plot_isoflop_law(law, C, fig=fig)
        fig.subplots_adjust(left=0.11, right=0.97, bottom=0.14, top=0.9)
        self.ax = fig.axes[0]
        for axis in (self.ax.xaxis, self.ax.yaxis):  # minor ticks dominate the draw time on log axes
            axis.set_minor_locator(NullLocator())
            axis.set_minor_formatter(NullFormatter())
        self.curve, self.vline, self.star = self.ax.lines[0], self.ax.lines[1], self.ax.lines[2]
        self.floor = self.ax.lines[3]
        self.n = np.asarray(self.curve.get_xdata(), dtype=float)
        super().__init__(fig, [self.curve, self.vline, self.star, self.floor, self.ax.title], legacy_dpi=DPI)

    def render(self, law: ParametricLaw, C: float) -> bytes:
        c = positive_scalar(C, "C (FLOPs)")
        loss = np.asarray(law.loss_at_compute(self.n, c))
        n_opt, d_opt = law.compute_optimal(c)
        l_opt = float(law.loss_at_compute(n_opt, c))
        col = law_colour(law.name)
        self.curve.set_ydata(loss)
        self.vline.set_xdata([n_opt, n_opt])
        self.star.set_data([n_opt], [l_opt])
        self.floor.set_ydata([law.E, law.E])
        for line in (self.curve, self.vline, self.star):
            line.set_color(col)
        self.star.set_markeredgecolor("black")
        lo, hi = law.E - 0.05, l_opt + 1.2 * (l_opt - law.E) + 0.05
        if self.legacy:
            self.ax.set_ylim(lo, hi)
        else:  # the floor stays at the bottom; the top moves only when the optimum leaves the view
            self.ax.set_ylim(lo, sticky_limits((lo, self.ax.get_ylim()[1]), lo, hi, log=False, pad=0.0)[1])
        self.ax.set_title(isoflop_title(c, n_opt, d_opt), fontsize=11)
        legend = self.ax.get_legend()
        legend.texts[0].set_text(law.name)
        legend.texts[2].set_text(f"E = {law.E:.3f}")
        legend.legend_handles[0].set_color(col)
        legend.legend_handles[1].set_markerfacecolor(col)
        return self.png()


def render_isoflop_png(law: str | ParametricLaw, C: float) -> bytes:
    """PNG bytes of the explorer's picture for one constant set and budget (what the widget shows)."""
    lw = _law(law)
    return _IsoFLOPFigure(lw, C).render(lw, C)


def isoflop_explorer(C: float = 5.76e23, law: str = "besiroglu_2024") -> Labelled:
    """A budget slider (log10 FLOPs) and a constant-set menu; the isoFLOP profile redraws on every change.

    Parameters
    ----------
    C
        Initial budget in FLOPs (default: Chinchilla's and Gopher's 5.76e23, Hoffmann et al. 2022, Table 3).
    law
        Initial constant set, a key of :data:`scaling_helpers.chinchilla.CONSTANT_SETS`.

    Returns
    -------
    Labelled
        The widget, shown in plain-text front-ends as one fixed line.
    """
    if not isinstance(law, str) or law not in CONSTANT_SETS:
        raise ValueError(f"law must name a constant set, one of {', '.join(CONSTANT_SETS)}; got {law!r}.")
    lw = CONSTANT_SETS[law]
    c0 = positive_scalar(C, "C (FLOPs)")
    lo, hi = LOG10_C_RANGE
    slider = w.FloatSlider(value=min(max(math.log10(c0), lo), hi), min=lo, max=hi, step=0.05,
                           description="log10 C", continuous_update=False, readout_format=".2f")
    menu = w.Dropdown(options=[(v.name, k) for k, v in CONSTANT_SETS.items()], value=law,
                      description="constants", layout=w.Layout(width="380px"))
    figure = _IsoFLOPFigure(lw, c0)
    figure.render(lw, c0)
    img = figure.image()

    def redraw(_: object = None) -> None:
        img.value = figure.render(CONSTANT_SETS[menu.value], 10.0**slider.value)

    slider.observe(redraw, names="value")
    menu.observe(redraw, names="value")
    box = w.VBox([w.HBox([slider, menu]), img])
    box.add_class("isoflop-explorer")
    return Labelled(box, "IsoFLOP explorer: loss vs N at a budget C (slider log10 C, menu of constant sets)")

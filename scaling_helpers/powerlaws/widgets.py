"""Slider explorer for ``L = E + A x^-alpha`` on linear and log-log axes."""

from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.ticker import NullFormatter, NullLocator

from ..common.display import Labelled
from ..common.plotting import new_figure
from ..common.widget_figure import WidgetFigure, sticky_limits
from .figures import plot_law_views

__all__ = ["law_explorer", "render_law_png"]


class _LawFigure(WidgetFigure):
    """A two-panel figure whose lines and log-panel title (it carries the parameters; the legend names the
    curves) are redrawn over a saved background on a slider move; axis limits change only when the curve
    leaves them."""

    def __init__(self, E: float, A: float, alpha: float) -> None:
        fig, _ = new_figure(2, width=4.6, height=3.2, layout=None)
        plot_law_views(E, A, alpha, fig=fig)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.16, top=0.9, wspace=0.25)
        # Minor ticks and their labels dominate the draw time on log axes: drop them here.
        for ax in fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_minor_locator(NullLocator())
                axis.set_minor_formatter(NullFormatter())
        moving = [ln for ax in fig.axes for ln in ax.lines[:3]]
        super().__init__(fig, moving, legacy_dpi=72)
        if not self.legacy:  # a title is cheaper to redraw than the legend
            fig.axes[1].get_legend().texts[0].set_text("E + A·x^-α")
            self.animate(fig.axes[1].title)

    def render(self, E: float, A: float, alpha: float) -> bytes:
        for i, ax in enumerate(self.fig.axes):
            curve, pure = ax.lines[0], ax.lines[1]
            x = np.asarray(curve.get_xdata())
            y = E + A * x**-alpha
            curve.set_ydata(y)
            pure.set_ydata(A * x**-alpha)
            ax.lines[2].set_ydata([E, E])
            lo, hi = max(min(y.min(), (A * x**-alpha).min()) * 0.8, 1e-3), y.max() * 1.1
            if self.legacy:
                ax.set_ylim(lo, hi)
            else:
                ax.set_ylim(sticky_limits(ax.get_ylim(), lo, hi, log=i == 1, floor=None if i else 0.0))
        values = f"E={E:.2f}, A={A:.3g}, α={alpha:.3f}"
        if self.legacy:
            self.fig.axes[1].get_legend().texts[0].set_text(f"E + A·x^-α  ({values})")
        else:
            self.fig.axes[1].set_title(f"log-log axes: {values}")
        return self.png()


def render_law_png(E: float, A: float, alpha: float) -> bytes:
    """PNG bytes of :func:`scaling_helpers.powerlaws.figures.plot_law_views` as the explorer draws it."""
    return _LawFigure(E, A, alpha).render(E, A, alpha)


def law_explorer(E: float = 1.69, A: float = 406.4, alpha: float = 0.34) -> Labelled:
    """Sliders for E, log10 A and alpha; the figure redraws on every change.

    The defaults are Chinchilla's printed parameter term (Hoffmann et al. 2022, Eq. 10).
    """
    import math

    e = w.FloatSlider(value=E, min=0.0, max=3.0, step=0.01, description="E", continuous_update=False)
    a = w.FloatSlider(value=math.log10(A), min=0.0, max=5.0, step=0.05, description="log10 A",
                      continuous_update=False)
    al = w.FloatSlider(value=alpha, min=0.02, max=1.0, step=0.01, description="α", continuous_update=False)
    # E starts > 0 so that the floor and no-floor lines exist; E = 0 later just hides nothing.
    figure = _LawFigure(max(E, 1e-6), A, alpha)
    figure.render(E, A, alpha)
    img = figure.image()

    def redraw(_: object = None) -> None:
        img.value = figure.render(e.value, 10**a.value, al.value)

    for s in (e, a, al):
        s.observe(redraw, names="value")
    box = w.VBox([w.HBox([e, a, al]), img])
    box.add_class("law-explorer")
    return Labelled(box, "Explorer: L = E + A·x^-α (sliders E, log10 A, α)")

"""Slider explorer for ``L = E + A x^-alpha`` on linear and log-log axes."""

from __future__ import annotations

import io

import ipywidgets as w
import numpy as np
from matplotlib.ticker import NullFormatter, NullLocator

from ..common.display import Labelled
from ..common.plotting import new_figure
from .figures import plot_law_views

__all__ = ["law_explorer", "render_law_png"]


class _LawFigure:
    """A two-panel figure whose lines are updated in place: a slider move changes data, not
    artists, which keeps a redraw well under 100 ms."""

    def __init__(self, E: float, A: float, alpha: float) -> None:
        self.fig, _ = new_figure(2, width=4.6, height=3.2, layout=None)
        plot_law_views(E, A, alpha, fig=self.fig)
        self.fig.subplots_adjust(left=0.08, right=0.98, bottom=0.16, top=0.9, wspace=0.25)
        # Minor ticks and their labels dominate the draw time on log axes: drop them here.
        for ax in self.fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_minor_locator(NullLocator())
                axis.set_minor_formatter(NullFormatter())

    def png(self, E: float, A: float, alpha: float) -> bytes:
        for ax in self.fig.axes:
            curve, pure = ax.lines[0], ax.lines[1]
            x = np.asarray(curve.get_xdata())
            y = E + A * x**-alpha
            curve.set_ydata(y)
            pure.set_ydata(A * x**-alpha)
            ax.lines[2].set_ydata([E, E])
            ax.set_ylim(max(min(y.min(), (A * x**-alpha).min()) * 0.8, 1e-3), y.max() * 1.1)
        legend = self.fig.axes[1].get_legend()
        legend.texts[0].set_text(f"E + A·x^-α  (E={E:.2f}, A={A:.3g}, α={alpha:.3f})")
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=72)
        return buf.getvalue()


def render_law_png(E: float, A: float, alpha: float) -> bytes:
    """PNG bytes of :func:`scaling_helpers.powerlaws.figures.plot_law_views` as the explorer draws it."""
    return _LawFigure(E, A, alpha).png(E, A, alpha)


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
    img = w.Image(value=figure.png(E, A, alpha), format="png")

    def redraw(_: object = None) -> None:
        img.value = figure.png(e.value, 10**a.value, al.value)

    for s in (e, a, al):
        s.observe(redraw, names="value")
    box = w.VBox([w.HBox([e, a, al]), img])
    box.add_class("law-explorer")
    return Labelled(box, "Explorer: L = E + A·x^-α (sliders E, log10 A, α)")

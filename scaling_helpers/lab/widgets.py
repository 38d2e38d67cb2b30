"""The chapter-9 theory explorer: sliders for the spectrum decay ``a`` and the signal decay ``kappa``.

It wraps :func:`scaling_helpers.lab.figures.plot_theory_profiles`, which the lecture also calls once without the
widget. The picture is an ``ipywidgets.Image`` updated by slider observers (nothing is printed).
"""

from __future__ import annotations

import io

import ipywidgets as w
import numpy as np
from matplotlib.ticker import NullFormatter, NullLocator

from ..common.display import Labelled
from ..common.plotting import new_figure
from .config import LabConfig
from .figures import plot_theory_profiles, theory_profiles
from .theory import theory_exponents

__all__ = ["theory_explorer", "render_theory_png"]


class _TheoryFigure:
    """One figure drawn once and then updated in place (new data, same artists): a redraw stays cheap."""

    def __init__(self, a: float, kappa: float) -> None:
        # no layout engine: constrained layout would dominate the redraw time
        self.fig, _ = new_figure(2, width=4.6, height=3.5, layout=None)
        plot_theory_profiles(LabConfig(a=a, kappa=kappa), fig=self.fig)
        self.fig.subplots_adjust(left=0.1, right=0.98, bottom=0.14, top=0.91, wspace=0.3)
        self.drawn = (a, kappa)  # what the artists show now
        for ax in self.fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_minor_locator(NullLocator())
                axis.set_minor_formatter(NullFormatter())

    def png(self, a: float, kappa: float) -> bytes:
        if (a, kappa) != self.drawn:
            self._update(a, kappa)
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=72)
        return buf.getvalue()

    def _update(self, a: float, kappa: float) -> None:
        cfg = LabConfig(a=a, kappa=kappa)
        data = theory_profiles(cfg)
        left, right = self.fig.axes
        lines = left.get_lines()  # per budget: curve, star; then the E line
        for j in range(len(data.budgets)):
            lines[2 * j].set_data(data.sizes[j], data.losses[j])
            lines[2 * j + 1].set_data([data.n_opt[j]], [data.loss_opt[j]])
        lines[-1].set_ydata([cfg.E, cfg.E])
        xs = np.concatenate(data.sizes)
        ys = np.concatenate(data.losses)
        left.set_xlim(xs.min() / 1.3, xs.max() * 1.3)
        left.set_ylim(cfg.E * 0.8, ys.max() * 1.3)
        left.set_title(f"a = {a:.2f}, κ = {kappa:.2f}")
        ex = theory_exponents(a, kappa)
        cs = np.asarray(data.budgets)
        stars, line = right.get_lines()
        stars.set_ydata(data.n_opt)
        line.set_ydata(data.n_opt[0] * (cs / cs[0]) ** ex.xi_N)
        right.set_ylim(data.n_opt.min() / 1.5, data.n_opt.max() * 1.5)
        right.set_title(f"loss exponent (κ−1)/(1+a) = {ex.loss:.3f}")
        texts = right.get_legend().get_texts()
        texts[0].set_text(f"argmins: slope {data.slope:.3f}")
        texts[1].set_text(f"1/(1+a) = {ex.xi_N:.3f}")
        self.drawn = (a, kappa)


def render_theory_png(a: float = 1.5, kappa: float = 2.5) -> bytes:
    """PNG bytes of the explorer's picture for ``(a, kappa)``."""
    return _TheoryFigure(a, kappa).png(a, kappa)


def theory_explorer(a: float = 1.5, kappa: float = 2.5) -> Labelled:
    """Sliders ``a`` (1.0-3.0) and ``kappa`` (1.5-3.5); the noise-free isoFLOP profiles and argmins redraw.

    Watch the argmin slope follow ``1/(1+a)`` while ``kappa`` only changes how fast the loss falls.
    """
    sa = w.FloatSlider(value=a, min=1.0, max=3.0, step=0.05, description="a", continuous_update=False)
    sk = w.FloatSlider(value=kappa, min=1.5, max=3.5, step=0.05, description="κ", continuous_update=False)
    figure = _TheoryFigure(a, kappa)
    img = w.Image(value=figure.png(a, kappa), format="png")

    def redraw(_: object = None) -> None:
        img.value = figure.png(sa.value, sk.value)

    sa.observe(redraw, names="value")
    sk.observe(redraw, names="value")
    box = w.VBox([w.HBox([sa, sk]), img])
    box.add_class("lab-theory-explorer")
    return Labelled(box, "Explorer: noise-free lab isoFLOP profiles (sliders a, κ)")

"""The chapter-9 theory explorer: sliders for the spectrum decay ``a`` and the signal decay ``kappa``.

It wraps :func:`scaling_helpers.lab.figures.plot_theory_profiles`, which the lecture also calls once without the
widget. The picture is an ``ipywidgets.Image`` updated by slider observers (nothing is printed).
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.ticker import NullFormatter, NullLocator

from ..common.display import Labelled
from ..common.plotting import new_figure, plain_log_ticks
from ..common.widget_figure import WidgetFigure, sticky_limits
from .config import LabConfig
from .figures import plot_theory_profiles, theory_profiles
from .theory import theory_exponents

__all__ = ["theory_explorer", "render_theory_png"]


class _TheoryFigure(WidgetFigure):
    """One figure drawn once and then updated in place (new data, same artists): the curves, stars and titles
    are redrawn over a saved background; the axes only when the data leave their limits."""

    def __init__(self, a: float, kappa: float) -> None:
        # no layout engine: constrained layout would dominate the redraw time
        fig, _ = new_figure(2, width=4.6, height=4.1, layout=None)
        plot_theory_profiles(LabConfig(a=a, kappa=kappa), fig=fig)
        fig.subplots_adjust(left=0.1, right=0.98, bottom=0.3, top=0.92, wspace=0.3)  # legend below
        self.drawn = (a, kappa)  # what the artists show now
        for ax in fig.axes:
            plain_log_ticks(ax, "y")  # loss and N* span under two decades: "0.02", "50", not "2×10⁻²"
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_minor_locator(NullLocator())
                axis.set_minor_formatter(NullFormatter())
        moving = [art for ax in fig.axes for art in (*ax.get_lines(), ax.title)]
        moving.append(fig.axes[1].get_legend())  # its texts give the slopes: they change on every move
        super().__init__(fig, moving, legacy_dpi=72)

    def render(self, a: float, kappa: float) -> bytes:
        if (a, kappa) != self.drawn:
            self._update(a, kappa)
        return self.png()

    def _limits(self, ax, which: str, lo: float, hi: float) -> None:
        set_lim, get_lim = (ax.set_xlim, ax.get_xlim) if which == "x" else (ax.set_ylim, ax.get_ylim)
        set_lim((lo, hi) if self.legacy else sticky_limits(get_lim(), lo, hi, log=True, pad=0.0, headroom=0.2))

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
        self._limits(left, "x", xs.min() / 1.3, xs.max() * 1.3)
        self._limits(left, "y", cfg.E * 0.8, ys.max() * 1.3)
        left.set_title(f"a = {a:.2f}, κ = {kappa:.2f}")
        ex = theory_exponents(a, kappa)
        cs = np.asarray(data.budgets)
        stars, line = right.get_lines()
        stars.set_ydata(data.n_opt)
        line.set_ydata(data.n_opt[0] * (cs / cs[0]) ** ex.xi_N)
        self._limits(right, "y", data.n_opt.min() / 1.5, data.n_opt.max() * 1.5)
        right.set_title(f"loss exponent (κ−1)/(1+a) = {ex.loss:.3f}")
        texts = right.get_legend().get_texts()
        texts[0].set_text(f"argmins: slope {data.slope:.3f}")
        texts[1].set_text(f"1/(1+a) = {ex.xi_N:.3f}")
        self.drawn = (a, kappa)


def render_theory_png(a: float = 1.5, kappa: float = 2.5) -> bytes:
    """PNG bytes of the explorer's picture for ``(a, kappa)``."""
    return _TheoryFigure(a, kappa).render(a, kappa)


def theory_explorer(a: float = 1.5, kappa: float = 2.5) -> Labelled:
    """Sliders ``a`` (1.0-3.0) and ``kappa`` (1.5-3.5); the noise-free isoFLOP profiles and argmins redraw.

    Watch the argmin slope follow ``1/(1+a)`` while ``kappa`` only changes how fast the loss falls.
    """
    sa = w.FloatSlider(value=a, min=1.0, max=3.0, step=0.05, description="a", continuous_update=False)
    sk = w.FloatSlider(value=kappa, min=1.5, max=3.5, step=0.05, description="κ", continuous_update=False)
    figure = _TheoryFigure(a, kappa)
    figure.render(a, kappa)
    img = figure.image()

    def redraw(_: object = None) -> None:
        img.value = figure.render(sa.value, sk.value)

    sa.observe(redraw, names="value")
    sk.observe(redraw, names="value")
    box = w.VBox([w.HBox([sa, sk]), img])
    box.add_class("lab-theory-explorer")
    return Labelled(box, "Explorer: noise-free lab isoFLOP profiles (sliders a, κ)")

"""Chapter-5 widget: the inference-aware optimum as the lifetime inference demand changes.

Wraps :func:`scaling_helpers.overtraining.compare_with_chinchilla` (the pure function the lecture also calls
once without the widget) and draws the same lifetime-cost curve as
:func:`scaling_helpers.overtraining.figures.plot_lifetime_cost`, for one demand. The figure goes into an
``ipywidgets.Image`` and the numbers into an ``ipywidgets.HTML``, both updated by observers; nothing is
printed, so nbval sees only the one-line :class:`Labelled` text.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter, NullLocator

from ..chinchilla.laws import CONSTANT_SETS, ParametricLaw
from ..common.display import Labelled
from ..common.plotting import PALETTE, new_figure
from ..common.widget_figure import WidgetFigure, sticky_limits
from ..overtraining import OvertrainingComparison, compare_with_chinchilla, min_params_for_loss
from .figures import format_demand, lifetime_cost_curve

__all__ = ["overtraining_explorer", "render_overtraining_png"]


class _CostFigure(WidgetFigure):
    """Lifetime compute against N for one demand, plus the zero-demand curve. The curves, points and title are
    redrawn over a saved background; the axes change only with the constant set or the reference size."""

    def __init__(self) -> None:
        fig, self.ax = new_figure(width=6.4, height=4.0, layout=None)
        self.fig = fig
        self.fig.subplots_adjust(left=0.13, right=0.97, bottom=0.14, top=0.88)
        ax = self.ax
        (self.base,) = ax.plot([], [], color=PALETTE[0], linewidth=1.2, linestyle="--",
                               label="no inference (training only)")
        (self.curve,) = ax.plot([], [], color=PALETTE[2], label="training + inference")
        (self.opt,) = ax.plot([], [], "o", color=PALETTE[2], markersize=9, markeredgecolor="black",
                              label="inference-aware optimum")
        (self.chin,) = ax.plot([], [], "s", color=PALETTE[1], markersize=8, markeredgecolor="black",
                               label="Chinchilla-optimal model")
        self.vline = ax.axvline(1.0, color=PALETTE[0], linestyle=":", linewidth=1.2)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("model size N (parameters)")
        ax.set_ylabel("lifetime compute (FLOPs)")
        ax.legend(loc="upper right", fontsize=8)
        ax.yaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_minor_formatter(NullFormatter())
        # Plain "1e23" labels: mathtext (10^23) parsing dominates the redraw time.
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:.0e}".replace("e+", "e")))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_demand(x)))
        self.title = ax.set_title("", fontsize=10)
        super().__init__(fig, [self.base, self.curve, self.opt, self.chin, self.vline, self.title], legacy_dpi=72)

    def render(self, law: ParametricLaw, cmp: OvertrainingComparison) -> bytes:
        ref, o = cmp.chinchilla, cmp.optimum
        n_min = min_params_for_loss(law, ref.loss)
        n = np.logspace(np.log10(n_min * 1.02), np.log10(ref.n_params * 4), 160)
        y = lifetime_cost_curve(law, ref.loss, o.inference_tokens, n)
        y0 = lifetime_cost_curve(law, ref.loss, 0.0, n)
        self.curve.set_data(n, y)
        self.base.set_data(n, y0)
        self.opt.set_data([o.n_params], [o.total_flops])
        self.chin.set_data([ref.n_params], [cmp.chinchilla_total_flops])
        self.vline.set_xdata([n_min, n_min])
        self.ax.set_xlim(n[0] * 0.9, n[-1])
        lo, hi = float(np.nanmin(y0)) * 0.5, cmp.chinchilla_total_flops * 6
        self.ax.set_ylim((lo, hi) if self.legacy else sticky_limits(self.ax.get_ylim(), lo, hi, log=True, pad=0.0,
                                                                      headroom=0.15))
        ticks = [m * 10.0**e for e in range(6, 14) for m in (1, 2, 5) if n[0] * 0.9 <= m * 10.0**e <= n[-1]]
        self.ax.xaxis.set_major_locator(FixedLocator(ticks))
        self.title.set_text(f"{law.name}: all models reach L = {ref.loss:.3f}\n"
                            f"D_inf = {format_demand(o.inference_tokens)} tokens -> N* = "
                            f"{o.n_params / 1e9:.3g}B, saving {cmp.saving_fraction:.0%}")
        return self.png()


def render_overtraining_png(law: ParametricLaw, n_chinchilla: float, inference_tokens: float) -> bytes:
    """PNG bytes of the explorer's figure (for tests and static exports)."""
    return _CostFigure().render(law, compare_with_chinchilla(law, n_chinchilla, inference_tokens))


def overtraining_explorer(law: str = "besiroglu_2024", n_chinchilla: float = 13e9,
                          inference_tokens: float = 2e12) -> Labelled:
    """Slider for the lifetime inference demand, slider for the Chinchilla-optimal reference size and a
    dropdown for the constant set; shows the optimal N*, D* and the saving against the Chinchilla-optimal model.

    Parameters
    ----------
    law
        Key of :data:`scaling_helpers.chinchilla.CONSTANT_SETS` to start with.
    n_chinchilla
        Reference model size: its Chinchilla-optimal loss is the target.
    inference_tokens
        Starting lifetime inference demand in tokens.
    """
    if law not in CONSTANT_SETS:
        raise ValueError(f"unknown constant set {law!r}; use one of {sorted(CONSTANT_SETS)}.")
    first = compare_with_chinchilla(CONSTANT_SETS[law], n_chinchilla, inference_tokens)
    style = {"description_width": "190px"}
    layout = w.Layout(width="520px")
    laws = w.Dropdown(options=[(v.name, k) for k, v in CONSTANT_SETS.items()], value=law,
                      description="constants", style=style, layout=layout)
    demand = w.FloatLogSlider(value=max(first.optimum.inference_tokens, 1e9), base=10, min=9, max=15, step=0.1,
                              description="inference demand D_inf (tokens)", readout_format=".2g", style=style,
                              layout=layout, continuous_update=False)
    size = w.FloatLogSlider(value=first.chinchilla.n_params, base=10, min=9, max=11.5, step=0.05,
                            description="Chinchilla-optimal reference N", readout_format=".3g", style=style,
                            layout=layout, continuous_update=False)
    figure = _CostFigure()
    figure.render(CONSTANT_SETS[law], first)
    img = figure.image()
    summary = w.HTML(value=first.html())
    summary.add_class("overtraining-result")

    def update(_: object = None) -> None:
        try:
            chosen = CONSTANT_SETS[laws.value]
            cmp = compare_with_chinchilla(chosen, size.value, demand.value)
            img.value = figure.render(chosen, cmp)
            summary.value = cmp.html()
        except ValueError as exc:
            summary.value = f"<span style='color:#D55E00'>{html.escape(str(exc))}</span>"

    for control in (laws, demand, size):
        control.observe(update, names="value")
    box = w.VBox([laws, demand, size, w.HBox([img, summary])])
    box.add_class("overtraining-explorer")
    return Labelled(box, "Explorer: inference-aware optimum (constant set, inference demand, reference size)")

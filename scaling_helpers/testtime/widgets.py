"""Chapter-7 widget: how the difficulty distribution and k set coverage and majority-vote accuracy.

Wraps :func:`scaling_helpers.testtime.explore.difficulty_summary` and
:func:`scaling_helpers.testtime.figures.plot_difficulty`, which the lecture also calls once without the
widget. Results go into an ``ipywidgets.HTML`` and an ``ipywidgets.Image`` updated by observers; nothing
is printed, so nbval sees only the one-line :class:`~scaling_helpers.common.Labelled` text.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
from scipy.stats import beta as beta_dist

from ..common.display import Labelled
from ..common.plotting import new_figure
from ..common.widget_figure import WidgetFigure, legacy_active, sticky_limits
from .coverage import beta_coverage
from .explore import K_MAX, difficulty_summary, simulated_curves
from .figures import plot_difficulty

__all__ = ["difficulty_explorer", "render_difficulty_png", "DIFFICULTY_PRESETS"]

#: Named difficulty distributions (Beta shape parameters), all illustrative.
DIFFICULTY_PRESETS: dict[str, tuple[float, float]] = {
    "custom": (0.4, 1.2),
    "hard benchmark, heavy tail near p = 0: Beta(0.4, 1.2)": (0.4, 1.2),
    "very hard: Beta(0.2, 3)": (0.2, 3.0),
    "mostly easy: Beta(3, 1)": (3.0, 1.0),
    "all-or-nothing (U-shaped): Beta(0.3, 0.3)": (0.3, 0.3),
    "uniform: Beta(1, 1)": (1.0, 1.0),
}


class _DifficultyFigure(WidgetFigure):
    """The explorer's figure, drawn once by :func:`plot_difficulty`; a move replaces the curves, the shaded
    density and the titles over a saved background. The density axis changes only when the curve leaves it."""

    def __init__(self, alpha: float, beta: float, k: int) -> None:
        legacy = legacy_active()
        fig, _ = new_figure(2, width=4.4, height=3.3, layout="constrained" if legacy else None)
        plot_difficulty(alpha, beta, k, simulated_curves(alpha, beta), fig=fig)
        if not legacy:
            fig.subplots_adjust(left=0.1, right=0.98, bottom=0.16, top=0.9, wspace=0.32)
        self.left, self.right = fig.axes
        self.p = np.asarray(self.left.lines[0].get_xdata(), dtype=float)
        self.ks = np.asarray(self.right.lines[0].get_xdata()).astype(np.int64)
        self.fill = self.left.collections[0]
        super().__init__(fig, [self.fill, *self.left.lines, *self.right.lines, self.left.title, self.right.title],
                         legacy_dpi=72)

    def render(self, alpha: float, beta: float, k: int) -> bytes:
        curves = simulated_curves(alpha, beta)
        if self.legacy:  # the old path: rebuild the whole figure
            plot_difficulty(alpha, beta, k, curves, fig=self.fig)
            return self.png()
        density = beta_dist.pdf(self.p, alpha, beta)
        pdf_line, mean_line = self.left.lines
        pdf_line.set_ydata(density)
        mean = alpha / (alpha + beta)
        mean_line.set_xdata([mean, mean])
        self.fill.set_data(self.p, density, 0.0)
        top = min(8.0, float(np.nanmax(density)) * 1.1)
        self.left.set_ylim(0, sticky_limits(self.left.get_ylim(), 0.0, top, log=False, pad=0.0)[1])
        self.left.set_title(f"Beta({alpha:.2g}, {beta:.2g}), mean {mean:.2f}")
        cover, major, limit, kline = self.right.lines
        cover.set_ydata(beta_coverage(self.ks, alpha, beta))
        major.set_ydata(curves.accuracy("majority", self.ks))
        limit.set_ydata([curves.majority_limit, curves.majority_limit])
        kline.set_xdata([k, k])
        self.right.set_title(f"k = {k}")
        return self.png()


def render_difficulty_png(alpha: float, beta: float, k: int) -> bytes:
    """PNG bytes of :func:`plot_difficulty` as the explorer draws it."""
    return _DifficultyFigure(alpha, beta, k).render(alpha, beta, k)


def _summary_html(alpha: float, beta: float, k: int) -> str:
    try:
        return f"<b>{html.escape(difficulty_summary(alpha, beta, k).text())}</b>"
    except ValueError as exc:
        return f"<span style='color:#D55E00'>{html.escape(str(exc))}</span>"


def difficulty_explorer(alpha: float = 0.4, beta: float = 1.2, k: int = 16) -> Labelled:
    """Sliders for the difficulty distribution ``Beta(alpha, beta)`` and the number of samples ``k``.

    Shows the distribution, exact coverage and simulated majority-vote accuracy against ``k``, and one
    line with the numbers at the chosen ``k``.
    """
    ks = [2**i for i in range(11)]
    style = {"description_width": "110px"}
    preset = w.Dropdown(options=list(DIFFICULTY_PRESETS), value="custom", description="distribution",
                        style=style, layout=w.Layout(width="520px"))
    a = w.FloatLogSlider(value=alpha, base=10, min=-1, max=1, step=0.02, description="α (Beta)",
                         readout_format=".2f", style=style, continuous_update=False)
    b = w.FloatLogSlider(value=beta, base=10, min=-1, max=1, step=0.02, description="β (Beta)",
                         readout_format=".2f", style=style, continuous_update=False)
    kk = w.SelectionSlider(options=ks, value=min(ks, key=lambda v: abs(v - k)), description="k (samples)",
                           style=style, continuous_update=False)
    figure = _DifficultyFigure(a.value, b.value, kk.value)
    figure.render(a.value, b.value, kk.value)
    img = figure.image()
    text = w.HTML(value=_summary_html(a.value, b.value, kk.value))
    busy = {"preset": False}

    def refresh() -> None:
        img.value = figure.render(a.value, b.value, kk.value)
        text.value = _summary_html(a.value, b.value, kk.value)

    def redraw(_: object = None) -> None:
        if busy["preset"]:
            return  # a preset is setting both sliders: draw once, afterwards
        if preset.value != "custom":
            preset.value = "custom"  # the user moved alpha or beta away from the preset
        refresh()

    def on_preset(change: dict) -> None:
        if change["new"] == "custom":
            return
        busy["preset"] = True
        try:
            a.value, b.value = DIFFICULTY_PRESETS[change["new"]]
        finally:
            busy["preset"] = False
        refresh()

    preset.observe(on_preset, names="value")
    for s in (a, b):
        s.observe(redraw, names="value")
    kk.observe(lambda _: refresh(), names="value")
    box = w.VBox([preset, w.HBox([a, b, kk]), text, img])
    box.add_class("difficulty-explorer")
    return Labelled(box, f"Explorer: difficulty Beta(α, β) and k (1-{K_MAX}) -> coverage and majority-vote accuracy")

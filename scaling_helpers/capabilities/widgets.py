"""Chapter-12 widget: an answer-length slider that redraws the emergence curves.

It wraps :func:`scaling_helpers.capabilities.figures.plot_emergence` (called once by the lecture without the
widget) for the lengths ``(1, L)``; a slider move updates the ``L`` curves in place and an ``ipywidgets.HTML``
line reports where exact match crosses 50% (:func:`scaling_helpers.capabilities.emergence_size`). Nothing is printed.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..common.display import Labelled
from ..common.plotting import new_figure
from ..common.widget_figure import WidgetFigure
from .emergence import emergence_size, exact_match, token_edit_distance
from .figures import EMERGENCE_SIZES, plot_emergence

__all__ = ["emergence_explorer", "render_emergence_png", "emergence_summary"]


def emergence_summary(L: int) -> str:
    """One line: where exact match on ``L`` tokens reaches 10%, 50% and 90% (illustrative constants)."""
    pts = [f"{int(level * 100)}% at N ≈ {float(emergence_size(L, level)):.2g}" for level in (0.1, 0.5, 0.9)]
    return f"L = {L} tokens: exact match reaches " + ", ".join(pts)


class _EmergenceFigure:
    """The two-panel figure for lengths (1, L), drawn once and then updated in place."""

    def __init__(self, L: int) -> None:
        self.fig, _ = new_figure(2, width=4.6, height=3.5, layout=None)
        plot_emergence((1, L), fig=self.fig)
        self.fig.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.91, wspace=0.3)
        self.L = L
        left, right = self.fig.axes
        # the moving curves and marker are blitted over a static background (shared course display: sharp
        # at 2x, shown at the static figures' size)
        self.view = WidgetFigure(self.fig, [left.get_lines()[2], left.get_lines()[3], right.get_lines()[1]])

    def png(self, L: int) -> bytes:
        if L != self.L:
            left, right = self.fig.axes
            em_line, dot = left.get_lines()[2], left.get_lines()[3]
            em_line.set_ydata(np.asarray(exact_match(EMERGENCE_SIZES, L)))
            n_half = float(emergence_size(L))
            dot.set_data([n_half], [0.5])
            dot.set_visible(EMERGENCE_SIZES.min() <= n_half <= EMERGENCE_SIZES.max())
            wrong = np.asarray(token_edit_distance(EMERGENCE_SIZES, L))
            right.get_lines()[1].set_ydata(wrong)
            low = float(np.asarray(right.get_lines()[0].get_ydata()).min())
            right.set_ylim(low / 1.5, float(wrong.max()) * 1.5)
            left.get_legend().get_texts()[1].set_text(f"L = {L:g} tokens")
            right.get_legend().get_texts()[1].set_text(f"L = {L:g}")
            self.L = L
        return self.view.png()


def render_emergence_png(L: int = 20) -> bytes:
    """PNG bytes of the explorer's picture for answer length ``L``."""
    return _EmergenceFigure(L).png(L)


def emergence_explorer(L: int = 20) -> Labelled:
    """Slider for the answer length ``L`` (1-100 tokens): exact match steepens and moves to larger models while
    the per-token metric stays the same smooth power law."""
    if not 1 <= int(L) <= 100:
        raise ValueError(f"L must be between 1 and 100 tokens; got {L}.")
    slider = w.IntSlider(value=int(L), min=1, max=100, step=1, description="L (tokens)", continuous_update=False)
    figure = _EmergenceFigure(int(L))
    figure.png(int(L))
    img = figure.view.image()
    line = w.HTML(value=emergence_summary(int(L)))

    def redraw(_: object = None) -> None:
        img.value = figure.png(int(slider.value))
        line.value = emergence_summary(int(slider.value))

    slider.observe(redraw, names="value")
    box = w.VBox([slider, line, img])
    box.add_class("emergence-explorer")
    return Labelled(box, "Explorer: exact match vs per-token metric (slider L)")

"""Compute slider comparing Kaplan's and Chinchilla's compute-optimal allocations (chapter 2).

The pure functions behind it are :func:`scaling_helpers.kaplan.compare_allocations` (the numbers) and
:func:`scaling_helpers.kaplan.figures.plot_allocation_rules` (the figure), which the notebook also calls once.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np

from ..chinchilla.laws import HOFFMANN_2022_UNROUNDED, ParametricLaw
from ..common.display import Labelled
from ..common.widget_figure import WidgetFigure
from ..kaplan import compare_allocations
from .figures import plot_allocation_rules

__all__ = ["allocation_explorer", "render_allocation_png", "allocation_html"]


class _AllocationFigure(WidgetFigure):
    """The allocation figure, drawn once; a slider move only redraws the highlight artists over a saved
    background (blitting), which keeps a move well under 100 ms."""

    def __init__(self, c: float, law: ParametricLaw) -> None:
        self.law = law
        fig = plot_allocation_rules(highlight=c, law=law)
        moving = [ln for ax in fig.axes for ln in ax.lines if ln.get_gid() in ("highlight", "highlight-points")]
        super().__init__(fig, moving, legacy_dpi=72, legacy_blit=True)  # it blitted before, too

    def render(self, c: float) -> bytes:
        cmp = compare_allocations(c, unit="flops", law=self.law)
        points = [ln for ln in self.animated if ln.get_gid() == "highlight-points"]
        for ln in self.animated:
            if ln.get_gid() == "highlight":
                ln.set_xdata([c, c])
        points[0].set_data([c] * 3, [cmp.kaplan_n, cmp.chinchilla_n, cmp.rule20_n])
        points[1].set_data([c] * 3, [cmp.kaplan_d / cmp.kaplan_n, cmp.chinchilla_d / cmp.chinchilla_n, 20.0])
        return self.png()


def render_allocation_png(c_flops: float, law: ParametricLaw = HOFFMANN_2022_UNROUNDED) -> bytes:
    """PNG bytes of the allocation figure with budget ``c_flops`` (FLOPs) highlighted, as the explorer draws it."""
    return _AllocationFigure(c_flops, law).render(c_flops)


def allocation_html(c_flops: float, law: ParametricLaw = HOFFMANN_2022_UNROUNDED) -> str:
    """The explorer's read-out: both allocations and their ratio at ``c_flops`` (FLOPs), as a small HTML table."""
    cmp = compare_allocations(c_flops, unit="flops", law=law)
    rows = [("Kaplan (Table 6)", cmp.kaplan_n, cmp.kaplan_d),
            (f"Chinchilla Approach 3 ({law.name})", cmp.chinchilla_n, cmp.chinchilla_d),
            ("20 tokens per parameter", cmp.rule20_n, cmp.rule20_d)]
    cell = "<td style='padding:2px 12px; text-align:right'>"
    body = "".join(f"<tr><td style='padding:2px 12px 2px 0'>{html.escape(name)}</td>{cell}{n:.3g}</td>"
                   f"{cell}{d:.3g}</td>{cell}{d / n:.3g}</td></tr>" for name, n, d in rows)
    head = "".join(f"<th style='padding:2px 12px; text-align:{al}'>{t}</th>" for t, al in
                   (("rule", "left"), ("parameters N", "right"), ("tokens D", "right"), ("D/N", "right")))
    return (f"<b>C = {cmp.c_flops:.3g} FLOPs</b> ({cmp.c_flops / 8.64e19:.3g} PF-days): Kaplan's model is "
            f"<b>{cmp.ratio:.3g}&times;</b> Chinchilla's (Approach 3) and {cmp.ratio_rule20:.3g}&times; the 20:1 model."
            f"<table style='border-collapse:separate; border-spacing:0; margin-top:4px'><tr>{head}</tr>"
            f"{body}</table>")


def allocation_explorer(c_flops: float = 1e22, law: ParametricLaw = HOFFMANN_2022_UNROUNDED) -> Labelled:
    """A log10-compute slider (1e18 to 1e26 FLOPs) showing Kaplan's and Chinchilla's allocations and their ratio.

    Parameters
    ----------
    c_flops
        Initial budget in FLOPs.
    law
        Chinchilla-form law for Approach 3 (unrounded Hoffmann et al. 2022 constants by default).

    Returns
    -------
    Labelled
        The widget in JupyterLab; one fixed line in plain text.
    """
    start = float(np.clip(np.log10(c_flops), 18.0, 26.0))
    slider = w.FloatSlider(value=start, min=18.0, max=26.0, step=0.25, description="log10 C",
                           continuous_update=False, readout_format=".2f")
    figure = _AllocationFigure(10**start, law)
    figure.render(10**start)
    img = figure.image()
    readout = w.HTML(value=allocation_html(10**start, law))

    def redraw(_: object = None) -> None:
        c = 10**slider.value
        img.value = figure.render(c)
        readout.value = allocation_html(c, law)

    slider.observe(redraw, names="value")
    box = w.VBox([slider, readout, img])
    box.add_class("allocation-explorer")
    return Labelled(box, "Explorer: Kaplan vs Chinchilla allocation (slider log10 C, 1e18 to 1e26 FLOPs)")

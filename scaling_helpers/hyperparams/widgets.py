"""Schedule explorer (chapter 4): cosine vs WSD for a token sweep, with the compute a WSD sweep saves.

The numbers come from :func:`scaling_helpers.hyperparams.sweep_cost`, the curves from
:func:`scaling_helpers.hyperparams.cosine_schedule` and :func:`scaling_helpers.hyperparams.wsd_schedule`.
"""

from __future__ import annotations

import io

import ipywidgets as w
import numpy as np

from ..common.display import Labelled
from ..common.plotting import PALETTE, new_figure
from ..common.widget_figure import DISPLAY_DPI, SCALE, image_widget
from .schedules import cosine_schedule, sweep_cost, wsd_schedule

__all__ = ["schedule_explorer", "render_schedule_png", "schedule_html"]


def render_schedule_png(k: int, cooldown_fraction: float, shape: str = "1-sqrt") -> bytes:
    """PNG of the k cosine runs (left) and the one WSD run with its k - 1 branches (right); budgets double."""
    budgets = 2.0 ** np.arange(k)
    fig, axes = new_figure(2, width=4.2, height=3.0)
    for i, d in enumerate(budgets):
        t = np.linspace(0, d, 200)
        colour = PALETTE[1 + i % 7]
        axes[0].plot(t, cosine_schedule(t, d), color=colour, lw=1.5)
        start = d * (1 - cooldown_fraction)
        tt = np.linspace(start, d, 50)
        axes[1].plot(tt, wsd_schedule(tt, d, cooldown_fraction=cooldown_fraction, shape=shape), color=colour, lw=1.5)
    axes[1].plot([0, budgets[-1] * (1 - cooldown_fraction)], [1, 1], color="black", lw=1.5)
    axes[0].set_title(f"{k} cosine runs")
    axes[1].set_title("1 WSD run + branches")
    for ax in axes:
        ax.set_xscale("symlog", linthresh=1.0)
        ax.set_xlabel("tokens (units of the smallest budget)")
    axes[0].set_ylabel("learning rate / peak")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DISPLAY_DPI * SCALE)  # sharp on a 2x screen
    return buf.getvalue()


#: Display width of the explorer's image: two 4.2-inch panels at the static figures' 100 px per inch.
DISPLAY_WIDTH = int(2 * 4.2 * DISPLAY_DPI)


def schedule_html(k: int, cooldown_fraction: float) -> str:
    """The explorer's read-out: cost of both sweeps (in units of the smallest budget) and the saving."""
    r = sweep_cost(2.0 ** np.arange(k), cooldown_fraction)
    return (f"<b>{k} budgets, each twice the last; cooldown {cooldown_fraction:.0%}</b>: cosine sweep costs "
            f"{r.cosine:.4g}, WSD sweep {r.wsd:.4g} (units of the smallest budget): <b>{r.saving:.0%} saved</b>.")


def schedule_explorer(k: int = 5, cooldown_fraction: float = 0.2) -> Labelled:
    """Sliders for the number of token budgets and the cooldown fraction, plus the cooldown shape."""
    k_slider = w.IntSlider(value=k, min=1, max=10, description="budgets k", continuous_update=False)
    c_slider = w.FloatSlider(value=cooldown_fraction, min=0.05, max=1.0, step=0.05, description="cooldown",
                             continuous_update=False, readout_format=".2f")
    shape = w.Dropdown(options=["1-sqrt", "linear"], value="1-sqrt", description="shape")
    img = image_widget(render_schedule_png(k, cooldown_fraction), DISPLAY_WIDTH)
    readout = w.HTML(value=schedule_html(k, cooldown_fraction))

    def redraw(_: object = None) -> None:
        img.value = render_schedule_png(k_slider.value, c_slider.value, shape.value)
        readout.value = schedule_html(k_slider.value, c_slider.value)

    for control in (k_slider, c_slider, shape):
        control.observe(redraw, names="value")
    box = w.VBox([w.HBox([k_slider, c_slider, shape]), readout, img])
    box.add_class("schedule-explorer")
    return Labelled(box, "Explorer: cosine vs WSD token sweep (sliders: number of budgets, cooldown fraction)")

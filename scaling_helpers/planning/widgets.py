"""Chapter-10 widget: goal, training budget and inference demand -> the recommended plan.

Wraps :func:`scaling_helpers.planning.decide` (the pure function the lecture also calls once without the
widget) and draws :class:`scaling_helpers.planning.figures.DecisionFigure`, updated in place. The figure goes
into an ``ipywidgets.Image`` and the plan into an ``ipywidgets.HTML``; nothing is printed, so nbval sees only
the one-line :class:`Labelled` text.
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..common.display import Labelled
from ..common.widget_figure import WidgetFigure, sticky_limits
from ..planning import EXAMPLE_EDGE_DEVICE, GOALS, Decision, decide
from .figures import DecisionFigure

__all__ = ["planner_explorer", "render_planner_png", "memory_limit"]


def memory_limit(decision: Decision) -> tuple[float | None, str]:
    """The memory line of the figure: the device for the edge goal, one accelerator otherwise."""
    if decision.goal.key == "edge":
        return EXAMPLE_EDGE_DEVICE.memory_bytes, "device memory"
    return None, ""


class _PlannerFigure(WidgetFigure):
    """:class:`DecisionFigure` in a widget: bars, value labels, the memory line and the titles are redrawn over
    a saved background; the axes only when the bars outgrow their limits."""

    def __init__(self) -> None:
        self.figure = DecisionFigure()
        f = self.figure
        moving = [*f.train, *f.infer, *f.labels1, *f.mem, *f.labels2, f.limit, f.ax2.title, f.title]
        self._tops: dict[int, tuple[float, float]] = {}  # the limits shown, per axes (update() resets them)
        super().__init__(f.fig, moving, legacy_dpi=72)

    def render(self, decision: Decision, memory_limit_bytes: float | None = None, memory_label: str = "") -> bytes:
        self.figure.update(decision, memory_limit_bytes, memory_label)
        if not self.legacy:  # bars start at 0: only the tops are sticky
            for ax in (self.figure.ax1, self.figure.ax2):
                hi = ax.get_ylim()[1]
                top = sticky_limits(self._tops.get(id(ax), (0.0, hi)), 0.0, hi, log=False, pad=0.0)[1]
                self._tops[id(ax)] = (0.0, top)
                ax.set_ylim(0, top)
        return self.png()


def render_planner_png(goal: str = "chat", dollars: float = 1e6, inference_tokens: float = 1e14,
                       verifier: bool = True) -> bytes:
    """PNG bytes of the explorer's figure (for tests and static exports)."""
    d = decide(goal, dollars=dollars, inference_tokens=inference_tokens, verifier=verifier)
    return _PlannerFigure().render(d, *memory_limit(d))


def planner_explorer(goal: str = "chat", dollars: float = 1e6, inference_tokens: float | None = None,
                     verifier: bool = True) -> Labelled:
    """A goal dropdown, a budget slider (dollars), a demand slider (tokens) and a verifier switch.

    Shows the recommendation of :func:`~scaling_helpers.planning.decide` with the compute-optimal and the
    recommended plan side by side. Defaults: Epoch's constants, 1,024 H100 at 40% MFU, $2 per GPU-hour.
    """
    if goal not in GOALS:
        raise ValueError(f"unknown goal {goal!r}; use one of {sorted(GOALS)}.")
    demand0 = GOALS[goal].inference_tokens if inference_tokens is None else inference_tokens
    first = decide(goal, dollars=dollars, inference_tokens=demand0, verifier=verifier)
    style = {"description_width": "190px"}
    layout = w.Layout(width="520px")
    goals = w.Dropdown(options=[(g.title, k) for k, g in GOALS.items()], value=goal, description="goal",
                       style=style, layout=layout)
    budget = w.FloatLogSlider(value=dollars, base=10, min=4, max=8, step=0.1, description="training budget ($)",
                              readout_format=".2g", style=style, layout=layout, continuous_update=False)
    demand = w.FloatLogSlider(value=max(demand0, 1e9), base=10, min=9, max=16, step=0.1,
                              description="lifetime demand D_inf (tokens)", readout_format=".2g", style=style,
                              layout=layout, continuous_update=False)
    check = w.Checkbox(value=verifier, description="answers can be verified (reasoning)", indent=False)
    figure = _PlannerFigure()
    figure.render(first, *memory_limit(first))
    img = figure.image()
    summary = w.HTML(value=first.html())
    summary.add_class("planner-result")

    def update(_: object = None) -> None:
        try:
            d = decide(goals.value, dollars=budget.value, inference_tokens=demand.value, verifier=check.value)
            img.value = figure.render(d, *memory_limit(d))
            summary.value = d.html()
        except ValueError as exc:
            summary.value = f"<span style='color:#D55E00'>{html.escape(str(exc))}</span>"

    def new_goal(change: dict) -> None:
        target = max(GOALS[change["new"]].inference_tokens, 1e9)
        if demand.value != target:
            demand.value = target  # its observer calls update()
        else:
            update()

    goals.observe(new_goal, names="value")
    for control in (budget, demand, check):
        control.observe(update, names="value")
    box = w.VBox([goals, budget, demand, check, w.HBox([img, summary])])
    box.add_class("planner-explorer")
    return Labelled(box, "Explorer: goal, training budget and inference demand -> recommended plan")

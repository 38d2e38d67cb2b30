"""The chapter-6 widget: an MoE design explorer (experts, top-k, expert width, shared experts).

It wraps :func:`moe_design`, a pure function the lecture also calls once without the widget. Results go
into an ``ipywidgets.HTML`` table and an ``ipywidgets.Image`` (PNG bytes), both updated by observers;
nothing is printed, so nbval sees only the one-line :class:`~scaling_helpers.common.Labelled` text.
"""

from __future__ import annotations

import html

import ipywidgets as w
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter, NullLocator

from ..common.display import Labelled
from ..common.plotting import new_figure
from ..common.widget_figure import WidgetFigure, sticky_limits
from .accounting import MoESummary, moe_summary
from .config import MOE_CONFIGS, MoEConfig, with_experts
from .figures import plot_moe_design

__all__ = ["moe_design", "render_design_png", "moe_explorer"]


def moe_design(base: MoEConfig | str = "mixtral-8x7b", *, n_experts: int | None = None, top_k: int | None = None,
               d_expert: int | None = None, n_shared_experts: int | None = None,
               precision: str = "bf16") -> tuple[MoEConfig, MoESummary]:
    """``base`` with a new expert layout, and what it costs (parameters, FLOPs per token, memory).

    Parameters
    ----------
    base
        An :class:`MoEConfig` or a key of :data:`~scaling_helpers.moe.MOE_CONFIGS`; attention, embeddings,
        dense layers and the widths of dense FFNs and shared experts are kept.
    n_experts, top_k, d_expert, n_shared_experts
        The new layout (``None`` keeps the base's value).
    precision
        Weight precision for the memory figure.
    """
    if isinstance(base, str):
        if base not in MOE_CONFIGS:
            raise ValueError(f"base must be an MoEConfig or one of {sorted(MOE_CONFIGS)}; got {base!r}.")
        base = MOE_CONFIGS[base]
    cfg = with_experts(base, n_experts=n_experts, top_k=top_k, d_expert=d_expert,
                       n_shared_experts=n_shared_experts)
    return cfg, moe_summary(cfg, precision=precision)


class _DesignFigure(WidgetFigure):
    """The explorer's figure: drawn once; the bars, their labels, the points and the title are redrawn over a
    saved background, and the axes only when the parameter range leaves the bar panel's limits."""

    def __init__(self, summary: MoESummary, reference: MoESummary | None) -> None:
        fig: Figure = new_figure(2, width=4.4, height=3.3, layout=None)[0]
        plot_moe_design(summary, reference=reference, fig=fig)
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.2, top=0.9, wspace=0.32)
        for ax in fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                axis.set_minor_locator(NullLocator())
                axis.set_minor_formatter(NullFormatter())
        self.left, self.right = fig.axes
        self.bars = list(self.left.patches)
        self.labels = list(self.left.texts)
        # the scatter collections: [reference?, this design]
        self.points = list(self.right.collections)
        super().__init__(fig, [*self.bars, *self.labels, *self.points, self.left.title], legacy_dpi=72)

    def render(self, summary: MoESummary, reference: MoESummary | None) -> bytes:
        vals = [summary.total / 1e9, summary.active / 1e9]
        for bar, label, v in zip(self.bars, self.labels, vals, strict=True):
            bar.set_height(v)
            label.set_y(v)
            label.set_text(f"{v:.3g}B")
        if self.legacy:
            self.left.set_ylim(0, max(vals) * 1.2)
        else:  # the bars start at 0: only the top is sticky
            self.left.set_ylim(0, sticky_limits(self.left.get_ylim(), 0.0, max(vals) * 1.2, log=False, pad=0.0)[1])
        self.left.set_title(summary.name, fontsize=11)
        self.points[-1].set_offsets([[summary.forward_flops_per_token / 1e9, summary.weight_bytes / 1e9]])
        if reference is not None and len(self.points) > 1:
            self.points[0].set_offsets([[reference.forward_flops_per_token / 1e9, reference.weight_bytes / 1e9]])
            self.right.get_legend().texts[1].set_text(f"backbone: {reference.name}")
        return self.png()


def render_design_png(summary: MoESummary, reference: MoESummary | None = None) -> bytes:
    """PNG bytes of :func:`~scaling_helpers.moe.figures.plot_moe_design` as the explorer draws it."""
    return _DesignFigure(summary, reference).render(summary, reference)


def moe_explorer(base: str = "mixtral-8x7b") -> Labelled:
    """Sliders for the number of experts, top-k, expert width and shared experts of an MoE backbone.

    Shows total and active parameters, forward FLOPs per token (2·N_active) and the weight memory (all
    experts resident), next to the unmodified backbone.
    """
    if base not in MOE_CONFIGS:
        raise ValueError(f"base must be one of {sorted(MOE_CONFIGS)}; got {base!r}.")
    style = {"description_width": "150px"}
    layout = w.Layout(width="470px")
    backbone = w.Dropdown(options=list(MOE_CONFIGS), value=base, description="backbone", style=style,
                          layout=layout)
    b0 = MOE_CONFIGS[base]
    experts = w.IntSlider(value=b0.n_experts, min=1, max=256, description="experts per layer", style=style,
                          layout=layout, continuous_update=False)
    topk = w.IntSlider(value=b0.top_k, min=1, max=16, description="experts per token (top-k)", style=style,
                       layout=layout, continuous_update=False)
    width = w.IntSlider(value=b0.d_expert, min=256, max=20480, step=256, description="expert width d_expert",
                        style=style, layout=layout, continuous_update=False)
    shared = w.IntSlider(value=b0.n_shared_experts, min=0, max=4, description="shared experts", style=style,
                         layout=layout, continuous_update=False)
    first_ref = moe_summary(b0)
    figure = {"fig": _DesignFigure(first_ref, first_ref)}
    out = w.HTML()
    out.add_class("moe-explorer-result")
    img = figure["fig"].image()
    busy = {"reset": False}

    def update(_: object = None) -> None:
        if busy["reset"]:
            return
        ref = moe_summary(MOE_CONFIGS[backbone.value])
        try:
            _, s = moe_design(backbone.value, n_experts=experts.value, top_k=topk.value, d_expert=width.value,
                              n_shared_experts=shared.value)
        except ValueError as exc:
            out.value = f"<span style='color:#D55E00'>{html.escape(str(exc))}</span>"
            return
        out.value = s.html()
        img.value = figure["fig"].render(s, ref)

    def reset(change: dict) -> None:
        cfg = MOE_CONFIGS[change["new"]]
        busy["reset"] = True
        try:
            experts.value, topk.value, width.value, shared.value = (cfg.n_experts, cfg.top_k, cfg.d_expert,
                                                                    cfg.n_shared_experts)
        finally:
            busy["reset"] = False
        update()

    backbone.observe(reset, names="value")
    for s in (experts, topk, width, shared):
        s.observe(update, names="value")
    update()
    box = w.VBox([backbone, experts, topk, width, shared, out, img])
    box.add_class("moe-explorer")
    return Labelled(box, "Explorer: MoE design (experts, top-k, expert width, shared experts) -> parameters, "
                         "FLOPs per token, memory")

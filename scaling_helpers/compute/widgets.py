"""Chapter-4 widgets: a training-cost calculator and a memory calculator.

Each wraps a pure function of :mod:`scaling_helpers.compute.calculators` that the lecture also calls once
without the widget. Results go into ``ipywidgets.HTML`` (and an ``ipywidgets.Image`` for the memory bar),
updated by observers; nothing is printed, so nbval sees only the one-line :class:`Labelled` text.
"""

from __future__ import annotations

import html

import ipywidgets as w
from matplotlib.ticker import NullFormatter, NullLocator

from ..common.display import Labelled
from ..common.plotting import PALETTE
from ..common.widget_figure import WidgetFigure, image_widget, sticky_limits
from .calculators import OPTIMIZERS, _sig, estimate_memory, estimate_training_cost
from .config import NAMED_CONFIGS
from .figures import _count_label, plot_memory_breakdown
from .hardware import ACCELERATORS
from .inference import GB

__all__ = ["training_cost_calculator", "memory_calculator", "render_memory_png", "COST_PRESETS"]

#: Presets of the cost calculator: label -> (N, D, accelerator, n_gpus, MFU). Sources: :data:`~scaling_helpers.compute.REFERENCE_RUNS`.
COST_PRESETS: dict[str, tuple[float, float, str, int, float]] = {
    "custom": (70e9, 1.4e12, "A100", 2048, 0.4),
    "70B x 1.4T tokens (Chinchilla-size) on 2,048 A100": (70e9, 1.4e12, "A100", 2048, 0.4),
    "Llama 2 70B: 2T tokens at 43.5% MFU (GPU count illustrative)": (70e9, 2.0e12, "A100", 2048, 0.435),
    "Llama 3 405B: 15.6T tokens on 16,384 H100": (405e9, 15.6e12, "H100-SXM", 16384, 0.4),
    "GPT-2 small (nanoGPT): 300B tokens on 8 A100 at 30%": (124_337_664, 300e9, "A100", 8, 0.3),
}


def _error_html(exc: Exception) -> str:
    return f"<span style='color:#D55E00'>{html.escape(str(exc))}</span>"


def training_cost_calculator(
    n_params: float = 70e9,
    n_tokens: float = 1.4e12,
    *,
    gpu: str = "A100",
    n_gpus: int = 2048,
    mfu: float = 0.4,
    price_per_gpu_hour: float = 2.0,
) -> Labelled:
    """Sliders for N, D, accelerator, GPU count, MFU and price; shows days, GPU-hours and cost.

    Wraps :func:`~scaling_helpers.compute.calculators.estimate_training_cost` (6ND at ``mfu`` of the dense
    peak). The price is an assumption you set, not a market quote.
    """
    first = estimate_training_cost(n_params, n_tokens, gpu=gpu, n_gpus=n_gpus, mfu=mfu,
                                   price_per_gpu_hour=price_per_gpu_hour)
    style = {"description_width": "150px"}
    layout = w.Layout(width="480px")
    preset = w.Dropdown(options=list(COST_PRESETS), value="custom", description="preset", style=style,
                        layout=layout)
    n = w.FloatLogSlider(value=first.n_params, base=10, min=7, max=12.5, step=0.05, description="parameters N",
                         readout_format=".3g", style=style, layout=layout, continuous_update=False)
    d = w.FloatLogSlider(value=first.n_tokens, base=10, min=9, max=14, step=0.05, description="tokens D",
                         readout_format=".3g", style=style, layout=layout, continuous_update=False)
    acc = w.Dropdown(options=list(ACCELERATORS), value=first.gpu, description="accelerator", style=style,
                     layout=layout)
    count = w.BoundedIntText(value=first.n_gpus, min=1, max=1_000_000, description="number of GPUs",
                             style=style, layout=layout)
    util = w.FloatSlider(value=first.mfu, min=0.05, max=0.8, step=0.005, description="MFU (fraction)",
                         readout_format=".3f", style=style, layout=layout, continuous_update=False)
    price = w.FloatSlider(value=first.price_per_gpu_hour, min=0.25, max=10.0, step=0.05,
                          description="$ per GPU-hour", readout_format=".2f", style=style, layout=layout,
                          continuous_update=False)
    out = w.HTML(value=first.html())
    out.add_class("cost-calculator-result")
    busy = {"preset": False}

    def update(_: object = None) -> None:
        if not busy["preset"] and preset.value != "custom":
            preset.value = "custom"
        try:
            est = estimate_training_cost(n.value, d.value, gpu=acc.value, n_gpus=count.value, mfu=util.value,
                                         price_per_gpu_hour=price.value)
            out.value = est.html()
        except ValueError as exc:
            out.value = _error_html(exc)

    def apply_preset(change: dict) -> None:
        if change["new"] == "custom":
            return
        pn, pd, pg, pc, pu = COST_PRESETS[change["new"]]
        busy["preset"] = True
        try:
            n.value, d.value, acc.value, count.value, util.value = pn, pd, pg, pc, pu
            update()
        finally:
            busy["preset"] = False

    preset.observe(apply_preset, names="value")
    for c in (n, d, acc, count, util, price):
        c.observe(update, names="value")
    box = w.VBox([preset, n, d, acc, count, util, price, out])
    box.add_class("cost-calculator")
    return Labelled(box, "Calculator: training time and cost (N, D, accelerator, GPUs, MFU, $ per GPU-hour)")


class _MemoryFigure:
    """The memory bar in a :class:`~scaling_helpers.common.widget_figure.WidgetFigure` (sharp, fixed display
    size, fast encoding). While the components stay the same, a change moves the bar segments, the legend
    values and the title over a saved background; the axis grows or shrinks only when the bar needs it. A new
    set of components (e.g. an optimizer chosen) rebuilds the figure with :func:`plot_memory_breakdown`."""

    GPU_GB = 80.0  # the dotted lines of plot_memory_breakdown: one GPU's memory

    def __init__(self) -> None:
        self.current: WidgetFigure | None = None
        self.names: tuple[str, ...] = ()

    def _build(self, est) -> None:
        fig = plot_memory_breakdown(est, gpu_memory_gb=self.GPU_GB)
        for ax in fig.axes:
            ax.xaxis.set_minor_locator(NullLocator())
            ax.xaxis.set_minor_formatter(NullFormatter())
        ax = fig.axes[0]
        # the dotted GPU lines move too: drawn after the bars, as in the static figure
        self.current = WidgetFigure(fig, [*ax.patches, *ax.lines, ax.title, *fig.legends], legacy_dpi=90)
        self.names = tuple(est.components())

    def render(self, est) -> bytes:
        comps = est.components()
        if self.current is None or self.current.legacy or tuple(comps) != self.names:
            self._build(est)
            assert self.current is not None
            return self.current.png()
        fig = self.current.fig
        ax = fig.axes[0]
        left = 0.0
        for bar, text, (name, b) in zip(ax.patches, fig.legends[0].texts, comps.items(), strict=True):
            bar.set_x(left)
            bar.set_width(b / GB)
            text.set_text(f"{name} {b / GB:.3g} GB")
            left += b / GB
        hi = sticky_limits(ax.get_xlim(), 0.0, max(left * 1.15, self.GPU_GB * 1.05), log=False, pad=0.0,
                           floor=0.0)[1]
        ax.set_xlim(0.0, hi)
        for k in range(len(ax.lines) + 1, 64):  # dotted lines every GPU up to the axis end
            if k * self.GPU_GB >= hi:
                break
            self.current.animate(ax.axvline(k * self.GPU_GB, color=PALETTE[0], ls=":", lw=1), new=True)
        ax.set_title(f"{est.name or _count_label(est.n_params) + ' params'}: {_sig(left)} GB "
                     f"({est.precision}, optimizer {est.optimizer})", fontsize=11)
        return self.current.png()

    def image(self, est) -> w.Image:
        png = self.render(est)
        assert self.current is not None
        return image_widget(png, None if self.current.legacy else self.current.display_width)


def render_memory_png(model: str = "llama2-70b", **kwargs: object) -> bytes:
    """PNG bytes of the memory calculator's bar chart for ``estimate_memory(model, **kwargs)``."""
    return _MemoryFigure().render(estimate_memory(model, **kwargs))  # type: ignore[arg-type]


def memory_calculator(model: str = "llama2-70b", *, precision: str = "bf16", optimizer: str = "none",
                      context_tokens: int = 4096, batch_size: int = 1) -> Labelled:
    """Dropdowns for the model, weight precision and optimizer, and the KV-cache size; shows the memory.

    Wraps :func:`~scaling_helpers.compute.calculators.estimate_memory`. The KV cache is an inference cost,
    so it is left out when an optimizer (training) is selected.
    """
    if model not in NAMED_CONFIGS:
        raise ValueError(f"model must be one of {sorted(NAMED_CONFIGS)}; got {model!r}.")

    def compute(m: str, p: str, o: str, ctx: int, b: int):
        return estimate_memory(m, precision=p, optimizer=o, context_tokens=0 if o != "none" else ctx,
                               batch_size=b)

    first = compute(model, precision, optimizer, context_tokens, batch_size)
    style = {"description_width": "150px"}
    layout = w.Layout(width="480px")
    mdl = w.Dropdown(options=list(NAMED_CONFIGS), value=model, description="model", style=style, layout=layout)
    prec = w.Dropdown(options=["fp32", "bf16", "int8", "int4"], value=first.precision,
                      description="weight precision", style=style, layout=layout)
    opt = w.Dropdown(options=list(OPTIMIZERS), value=optimizer, description="optimizer (training)",
                     style=style, layout=layout)
    ctx = w.IntSlider(value=context_tokens, min=0, max=131072, step=1024, description="KV cache: tokens",
                      style=style, layout=layout, continuous_update=False)
    batch = w.IntSlider(value=batch_size, min=1, max=64, description="KV cache: sequences", style=style,
                        layout=layout, continuous_update=False)
    figure = _MemoryFigure()
    out = w.HTML(value=first.html())
    out.add_class("memory-calculator-result")
    img = figure.image(first)

    def update(_: object = None) -> None:
        try:
            est = compute(mdl.value, prec.value, opt.value, ctx.value, batch.value)
        except ValueError as exc:
            out.value = _error_html(exc)
            return
        note = ("<br><i>KV cache not counted while training (it is an inference cost).</i>"
                if opt.value != "none" and ctx.value else "")
        out.value = est.html() + note
        img.value = figure.render(est)

    for c in (mdl, prec, opt, ctx, batch):
        c.observe(update, names="value")
    box = w.VBox([mdl, prec, opt, ctx, batch, out, img])
    box.add_class("memory-calculator")
    return Labelled(box, "Calculator: memory for weights, gradients, optimizer states and KV cache")

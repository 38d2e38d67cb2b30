"""Chapter-4 widgets: a training-cost calculator and a memory calculator.

Each wraps a pure function of :mod:`scaling_helpers.compute.calculators` that the lecture also calls once
without the widget. Results go into ``ipywidgets.HTML`` (and an ``ipywidgets.Image`` for the memory bar),
updated by observers; nothing is printed, so nbval sees only the one-line :class:`Labelled` text.
"""

from __future__ import annotations

import html
import io

import ipywidgets as w
from matplotlib.ticker import NullFormatter, NullLocator

from ..common.display import Labelled
from .calculators import OPTIMIZERS, estimate_memory, estimate_training_cost
from .config import NAMED_CONFIGS
from .figures import plot_memory_breakdown
from .hardware import ACCELERATORS

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
    """The memory bar, re-drawn into PNG bytes at a small resolution (fast enough for a dropdown change)."""

    def png(self, est) -> bytes:
        fig = plot_memory_breakdown(est)
        for ax in fig.axes:
            ax.xaxis.set_minor_locator(NullLocator())
            ax.xaxis.set_minor_formatter(NullFormatter())
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=90)
        return buf.getvalue()


def render_memory_png(model: str = "llama2-70b", **kwargs: object) -> bytes:
    """PNG bytes of the memory calculator's bar chart for ``estimate_memory(model, **kwargs)``."""
    return _MemoryFigure().png(estimate_memory(model, **kwargs))  # type: ignore[arg-type]


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
    img = w.Image(value=figure.png(first), format="png")

    def update(_: object = None) -> None:
        try:
            est = compute(mdl.value, prec.value, opt.value, ctx.value, batch.value)
        except ValueError as exc:
            out.value = _error_html(exc)
            return
        note = ("<br><i>KV cache not counted while training (it is an inference cost).</i>"
                if opt.value != "none" and ctx.value else "")
        out.value = est.html() + note
        img.value = figure.png(est)

    for c in (mdl, prec, opt, ctx, batch):
        c.observe(update, names="value")
    box = w.VBox([mdl, prec, opt, ctx, batch, out, img])
    box.add_class("memory-calculator")
    return Labelled(box, "Calculator: memory for weights, gradients, optimizer states and KV cache")

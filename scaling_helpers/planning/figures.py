"""Figures of chapter 12 (the decision guide). Each returns a matplotlib ``Figure``.

All numbers come from :mod:`scaling_helpers.planning` and the helpers it composes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator
from numpy.typing import ArrayLike, NDArray

from ..chinchilla.laws import BESIROGLU_2024, ParametricLaw
from ..common.plotting import PALETTE, new_figure
from ..common.validate import positive_array, positive_scalar
from ..compute import GB
from ..compute.calculators import CostEstimate
from ..overtraining.figures import format_demand
from ..overtraining.lifetime import lifetime_flops
from ..overtraining.optimum import inference_aware_optimum
from .cluster import Cluster
from .decide import Decision
from .devices import EdgeDevice, decode_tokens_per_second_bound, max_params_for_memory, max_params_for_speed

__all__ = [
    "RegimeGrid",
    "regime_grid",
    "plot_regime_map",
    "DecisionFigure",
    "plot_decision",
    "plot_device_fit",
    "plot_build_options",
    "format_dollars",
]


def format_dollars(x: float) -> str:
    """``1e6 -> '$1M'``, ``2.5e4 -> '$25k'`` (axis labels)."""
    for scale, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if x >= scale:
            return f"${x / scale:.3g}{suffix}"
    return f"${x:.3g}"


# ---------------------------------------------------------------------------------------------- regime map
@dataclass(frozen=True)
class RegimeGrid:
    """Inference-aware optimum over a grid of training budgets (rows) and lifetime demands (columns)."""

    dollars: NDArray[np.float64]
    """Training budgets in dollars (rows)."""
    demands: NDArray[np.float64]
    """Lifetime inference demands in tokens (columns)."""
    chinchilla_tokens: NDArray[np.float64]
    """Training tokens of each budget's compute-optimal model."""
    tokens_per_param: NDArray[np.float64]
    """Tokens per parameter of the inference-aware model of the same loss, shape (budgets, demands)."""
    saving: NDArray[np.float64]
    """Its lifetime-compute saving against the compute-optimal model (fraction)."""
    law_name: str
    cluster: Cluster


#: Default grids of :func:`regime_grid`: $10k to $100M, and 1B to 10P tokens of lifetime demand.
DEFAULT_DOLLARS = tuple(np.logspace(4, 8, 25))
DEFAULT_DEMANDS = tuple(np.logspace(9, 16, 43))
#: Default model sizes of :func:`plot_device_fit`.
DEFAULT_DEVICE_SIZES = tuple(np.logspace(8.5, 11, 60))


def regime_grid(law: ParametricLaw = BESIROGLU_2024, cluster: Cluster | None = None,
                dollars: ArrayLike = DEFAULT_DOLLARS, demands: ArrayLike = DEFAULT_DEMANDS) -> RegimeGrid:
    """For every budget (compute-optimal model and its loss) and demand, the inference-aware optimum.

    Uses :meth:`Cluster.flops_for_dollars`, :meth:`~scaling_helpers.chinchilla.ParametricLaw.compute_optimal`,
    :func:`~scaling_helpers.overtraining.inference_aware_optimum` and
    :func:`~scaling_helpers.overtraining.lifetime_flops` (the same steps as
    :func:`~scaling_helpers.planning.plan_training`, without the cost bookkeeping).
    """
    cl = Cluster() if cluster is None else cluster
    usd = positive_array(dollars, "dollars")
    dem = positive_array(demands, "demands (tokens)")
    tpp = np.empty((usd.size, dem.size))
    save = np.empty_like(tpp)
    chin = np.empty(usd.size)
    for i, budget in enumerate(usd):
        n, d = law.compute_optimal(cl.flops_for_dollars(budget))
        chin[i] = d
        loss = float(law.loss(n, d))
        for j, x in enumerate(dem):
            o = inference_aware_optimum(law, loss, x)
            life = float(lifetime_flops(n, d, x))
            tpp[i, j] = o.tokens_per_param
            save[i, j] = max(0.0, 1.0 - o.total_flops / life)
    return RegimeGrid(usd, dem, chin, tpp, save, law.name, cl)


def plot_regime_map(grid: RegimeGrid | None = None, *, marks: Mapping[str, tuple[float, float]] | None = None,
                    threshold: float = 0.05) -> Figure:
    """Where over-training pays: the optimal tokens per parameter (colour) and lifetime saving (contours).

    x: lifetime inference demand; y: training budget in dollars. The dashed line is the demand at which
    inference equals training compute for the compute-optimal model (``D_inf = 3 D_opt``); below the
    ``threshold`` contour the compute-optimal model is within ``threshold`` of the best.

    Parameters
    ----------
    grid
        From :func:`regime_grid` (default: Epoch's constants on the default cluster).
    marks
        Labelled points ``{label: (dollars, demand)}``, e.g. the chapter's worked examples.
    threshold
        Saving below which the compute-optimal model is kept (shaded).
    """
    g = regime_grid() if grid is None else grid
    fig, ax = new_figure(width=7.4, height=4.9)
    x, y = np.meshgrid(g.demands, g.dollars)
    mesh = ax.pcolormesh(x, y, g.tokens_per_param, norm=LogNorm(vmin=10, vmax=1e5), cmap="viridis",
                         shading="gouraud")
    cbar = fig.colorbar(mesh, ax=ax, pad=0.02)
    cbar.set_label("optimal training tokens per parameter")
    levels = sorted({threshold, 0.25, 0.5, 0.7})
    cs = ax.contour(x, y, g.saving, levels=levels, colors="white", linewidths=1.3)
    del cs
    top = g.dollars.size - 1
    for level in levels:  # label each contour where it leaves the top edge (saving rises with demand)
        row = g.saving[top]
        if row.max() > level > row.min():
            x_at = float(np.exp(np.interp(level, row, np.log(g.demands))))
            ax.text(x_at, g.dollars[top] * 1.12, f"{level:.0%}", color="black", fontsize=9, ha="center",
                    va="bottom", clip_on=False)
    ax.contourf(x, y, g.saving, levels=[-1.0, threshold], colors=["white"], alpha=0.35)
    ax.plot(3 * g.chinchilla_tokens, g.dollars, "--", color="white", linewidth=1.5)
    ax.text(g.demands[0] * 1.5, g.dollars[-1] / 1.6, f"compute-optimal\n(saving < {threshold:.0%})", color="black",
            fontsize=9, va="top")
    ax.text(g.demands[-1] / 1.5, g.dollars[-1] / 1.6, "white lines: lifetime\nsaving of the inference-\naware "
            "model (% on top)\ndashed: inference = training\n(D_inf = 3 D_opt)", color="white", fontsize=8, va="top", ha="right")
    ax.text(g.demands[-1] / 1.5, g.dollars[0] * 1.3, "over-train", color="white", fontsize=11, ha="right",
            fontweight="bold")
    for i, (label, (usd, demand)) in enumerate((marks or {}).items()):
        ax.plot([demand], [usd], "o", color=PALETTE[5 + i % 3], markersize=9, markeredgecolor="black")
        ax.annotate(label, (demand, usd), xytext=(6, 6), textcoords="offset points", fontsize=9, color="white",
                    fontweight="bold")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(g.demands[0], g.demands[-1])
    ax.set_ylim(g.dollars[0], g.dollars[-1])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_demand(v)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_dollars(v)))
    ax.grid(False)
    ax.set_xlabel("lifetime inference demand D_inf (tokens)")
    ax.set_ylabel("training budget (dollars)")
    ax.set_title(f"{g.law_name}; {g.cluster.label()}", fontsize=10, pad=18)
    return fig


# ---------------------------------------------------------------------------------------------- one decision
class DecisionFigure:
    """Lifetime compute (training vs inference) and serving memory of the compute-optimal and the recommended
    model. Drawn once and updated in place (fast enough for a widget)."""

    def __init__(self) -> None:
        self.fig, (self.ax1, self.ax2) = new_figure(2, width=3.6, height=3.4, layout=None)
        self.fig.subplots_adjust(left=0.1, right=0.97, bottom=0.2, top=0.74, wspace=0.4)
        x = np.arange(2)
        self.train = self.ax1.bar(x, [1, 1], color=PALETTE[1], label="training 6ND")
        self.infer = self.ax1.bar(x, [0, 0], bottom=[1, 1], color=PALETTE[2], label="inference 2N·D_inf")
        self.ax1.set_xticks(x, ["compute-\noptimal", "recom-\nmended"])
        self.ax1.set_ylabel("lifetime FLOPs (relative)")
        self.ax1.set_title("compute-optimal = 1", fontsize=10)
        self.ax1.legend(loc="upper right", fontsize=8)
        self.labels1 = [self.ax1.text(i, 0, "", ha="center", va="bottom", fontsize=9) for i in x]
        self.mem = self.ax2.bar(x, [1, 1], color=[PALETTE[1], PALETTE[3]])
        self.ax2.set_xticks(x, ["compute-\noptimal", "recom-\nmended"])
        self.ax2.set_ylabel("weights to serve (GB)")
        self.limit = self.ax2.axhline(80, color=PALETTE[0], linestyle=":", linewidth=1.2)
        self.labels2 = [self.ax2.text(i, 1, "", ha="center", va="bottom", fontsize=9) for i in x]
        self.title = self.fig.suptitle("", fontsize=10)

    def update(self, decision: Decision, memory_limit_bytes: float | None = None,
               memory_label: str = "") -> Figure:
        """Redraw for ``decision``; the dotted line marks ``memory_limit_bytes`` (default: one accelerator)."""
        b, r = decision.baseline, decision.recommended
        ref = b.lifetime_flops
        ymax = 0.0
        for i, p in enumerate((b, r)):
            tr, inf = p.training_flops / ref, p.inference_flops / ref
            self.train[i].set_height(tr)
            self.infer[i].set_y(tr)
            self.infer[i].set_height(inf)
            self.labels1[i].set_position((i, tr + inf))
            self.labels1[i].set_text(f"{tr + inf:.2f}")
            ymax = max(ymax, tr + inf)
        self.ax1.set_ylim(0, ymax * 1.3)
        lim = b.cluster.memory_bytes if memory_limit_bytes is None else positive_scalar(memory_limit_bytes,
                                                                                        "memory_limit_bytes")
        gbs = [b.weights_bytes / GB, r.weights_bytes / GB]
        top = max(max(gbs), lim / GB) * 1.25
        for i, v in enumerate(gbs):
            self.mem[i].set_height(v)
            # a value label whose text would touch the memory line goes just above the line instead
            near = v <= lim / GB <= v + 0.1 * top
            self.labels2[i].set_position((i, lim / GB + 0.01 * top if near else v))
            self.labels2[i].set_text(f"{v:.3g}")
        self.limit.set_ydata([lim / GB, lim / GB])
        self.ax2.set_ylim(0, top)
        # the memory line is named in the title, so no text sits on the line or the bars
        self.ax2.set_title(f"{r.serving_precision} weights\n(dotted: {memory_label or f'one {b.cluster.gpu}'}, "
                           f"{lim / GB:g} GB)", fontsize=9)
        self.title.set_text(f"{decision.goal.title}: {decision.regime}\n"
                            f"{format_dollars(b.training_dollars)} budget, D_inf = "
                            f"{format_demand(b.inference_tokens)} tokens")
        return self.fig

    def png(self, decision: Decision, memory_limit_bytes: float | None = None, memory_label: str = "",
            dpi: int = 72) -> bytes:
        """PNG bytes of :meth:`update` (for an ``ipywidgets.Image``)."""
        self.update(decision, memory_limit_bytes, memory_label)
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=dpi)
        return buf.getvalue()


def plot_decision(decision: Decision, memory_limit_bytes: float | None = None, memory_label: str = "") -> Figure:
    """Static version of the widget's figure for one :class:`~scaling_helpers.planning.Decision`."""
    return DecisionFigure().update(decision, memory_limit_bytes, memory_label)


# ---------------------------------------------------------------------------------------------- devices
def plot_device_fit(device: EdgeDevice, min_tokens_per_s: float = 20.0,
                    precisions: Sequence[str] = ("bf16", "int8", "int4"),
                    n_params: ArrayLike = DEFAULT_DEVICE_SIZES) -> Figure:
    """Decoding-speed bound against model size on a device, one line per weight precision.

    The horizontal line is the required speed; each line stops where the weights no longer fit the device's
    memory, and the dot marks the largest model that meets both limits at that precision.
    """
    n = positive_array(n_params, "n_params")
    need = positive_scalar(min_tokens_per_s, "min_tokens_per_s")
    fig, ax = new_figure(width=6.4, height=4.2)
    for i, prec in enumerate(precisions):
        colour = PALETTE[1 + i]
        fits = n <= max_params_for_memory(device.memory_bytes, prec)
        speed = np.array([decode_tokens_per_second_bound(x, prec, device.bandwidth_bytes_per_s) for x in n[fits]])
        ax.plot(n[fits], speed, color=colour, label=f"{prec}")
        cap = min(max_params_for_memory(device.memory_bytes, prec),
                  max_params_for_speed(device.bandwidth_bytes_per_s, need, prec))
        ax.plot([cap], [decode_tokens_per_second_bound(cap, prec, device.bandwidth_bytes_per_s)], "o", color=colour,
                markersize=9, markeredgecolor="black")
        ax.annotate(f"{format_demand(cap)}", (cap, decode_tokens_per_second_bound(cap, prec,
                                                                                   device.bandwidth_bytes_per_s)),
                    xytext=(5, 6), textcoords="offset points", fontsize=9, color=colour)
    ax.axhline(need, color=PALETTE[0], linestyle="--", linewidth=1.2)
    ax.text(n[0] * 1.1, need * 1.08, f"required: {need:g} tokens/s", fontsize=9)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_demand(v)))
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, _: format_demand(v) if f"{v:.0e}"[0] in "25" else ""))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: f"{v:g}" if f"{v:.0e}"[0] in "25" else ""))
    ax.set_xlabel("model size N (parameters)")
    ax.set_ylabel("decoding bound (tokens/s, batch 1)")
    ax.legend(title="weights", loc="upper right", fontsize=9)
    ax.set_title(f"{device.name}\nlines end where the weights fill the memory; ● largest usable model",
                 fontsize=10)
    return fig


# ---------------------------------------------------------------------------------------------- build options
def plot_build_options(options: Mapping[str, CostEstimate]) -> Figure:
    """Training dollars (log scale) of ways to obtain a model: fine-tune, pre-train compute-optimally, over-train.

    Each value is a :class:`~scaling_helpers.compute.calculators.CostEstimate` (6ND at an MFU and a price).
    """
    if not options:
        raise ValueError("options is empty: pass {label: estimate_training_cost(...)}.")
    labels = list(options)
    cost = np.array([options[k].cost for k in labels])
    fig, ax = new_figure(width=8.4, height=0.55 * len(labels) + 1.4)
    y = np.arange(len(labels))[::-1]
    ax.barh(y, cost, color=[PALETTE[1 + i % 7] for i in range(len(labels))])
    for yi, c, k in zip(y, cost, labels, strict=True):
        e = options[k]
        when = f"{e.days:,.3g} days" if e.days >= 1 else f"{e.seconds / 3600:.2g} hours"
        ax.text(c * 1.15, yi, f"{format_dollars(c)}  ({e.flops:.2g} FLOPs, {when})", va="center", fontsize=9)
    ax.set_yticks(y, labels)
    ax.set_xscale("log")
    lo, hi = cost.min() / 3, cost.max() * 1000
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(FixedLocator([10.0**e for e in range(0, 13, 2) if lo <= 10.0**e <= hi]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_dollars(v)))
    ax.set_xlabel("training cost (6ND at the stated MFU and price)")
    ax.grid(axis="y", visible=False)
    first = options[labels[0]]
    ax.set_title(f"{first.n_gpus} x {first.gpu} at {first.mfu:.0%} MFU, ${first.price_per_gpu_hour:.2f}/GPU-hour",
                 fontsize=10)
    return fig

"""Figures of chapter 5 (compute accounting). Every function returns a matplotlib ``Figure``.

All numbers come from the formulas of :mod:`scaling_helpers.compute`; nothing is re-derived here.
Colours are the course's Okabe-Ito :data:`~scaling_helpers.common.plotting.PALETTE`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from ..common.plotting import PALETTE, new_figure
from .calculators import MemoryEstimate, _sig, peak_is_approximate
from .config import (
    CHINCHILLA_70B,
    GPT2_SMALL,
    GPT3_175B,
    LLAMA2_70B,
    LLAMA3_8B,
    LLAMA3_405B,
    TransformerConfig,
    chinchilla_table_a9_configs,
)
from .flops import (
    attention_mlp_flop_share,
    chinchilla_forward_flops,
    chinchilla_table_a4,
    config_attention_mlp_share,
)
from .hardware import get_accelerator, training_time
from .inference import (
    GB,
    PRECISION_BITS,
    activation_memory_bytes,
    kv_cache_bytes,
    training_memory,
    weights_memory_bytes,
)
from .params import count_parameters, kaplan_non_embedding
from .roofline import (
    OperationIntensity,
    attainable_flops,
    attention_prefill_intensity,
    decode_intensity,
    hbm_bandwidth,
    matmul_intensity,
    ridge_point,
)
from .runs import REFERENCE_RUNS

__all__ = [
    "DEFAULT_MODELS",
    "plot_parameter_breakdown",
    "plot_table_a9_check",
    "plot_flop_breakdown",
    "plot_table_a4",
    "plot_attention_vs_mlp",
    "plot_kv_cache",
    "plot_memory_per_parameter",
    "plot_memory_breakdown",
    "plot_cost_vs_mfu",
    "plot_reference_runs",
    "plot_roofline",
    "plot_activation_memory",
]

#: The named models most figures show, smallest first.
DEFAULT_MODELS: tuple[TransformerConfig, ...] = (GPT2_SMALL, LLAMA3_8B, LLAMA2_70B, CHINCHILLA_70B, GPT3_175B,
                                                 LLAMA3_405B)


def _count_label(n: float) -> str:
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if n >= scale:
            return f"{n / scale:.3g}{suffix}"
    return f"{n:.3g}"


def _stacked_barh(ax, labels: Sequence[str], parts: dict[str, np.ndarray], colours: Sequence[str]) -> None:
    y = np.arange(len(labels))
    left = np.zeros(len(labels))
    for (name, values), colour in zip(parts.items(), colours, strict=True):
        ax.barh(y, values, left=left, color=colour, label=name, edgecolor="white", linewidth=0.5)
        left = left + values
    ax.set_yticks(y, labels)
    ax.invert_yaxis()


# --------------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------------


def plot_parameter_breakdown(configs: Sequence[TransformerConfig] = DEFAULT_MODELS) -> Figure:
    """Where the parameters are: each model's exact count split into embeddings, attention, MLP, ...

    Bars are shares of the exact total (:func:`~scaling_helpers.compute.count_parameters`); the text at the
    right gives the total and Kaplan's non-embedding ``12 n_layer d_model^2``. Small models spend a large
    share on the vocabulary matrix (GPT-2 small: 31%); large ones almost none.
    """
    if not configs:
        raise ValueError("configs is empty: pass at least one TransformerConfig.")
    counts = [count_parameters(c) for c in configs]
    totals = np.array([b.total for b in counts], dtype=float)
    parts = {
        "token embedding": np.array([b.embedding for b in counts], dtype=float),
        "output matrix (untied)": np.array([b.lm_head for b in counts], dtype=float),
        "positions": np.array([b.positional for b in counts], dtype=float),
        "attention": np.array([b.attention for b in counts], dtype=float),
        "MLP": np.array([b.mlp for b in counts], dtype=float),
        "norms + biases": np.array([b.norms + b.biases for b in counts], dtype=float),
    }
    shares = {k: 100 * v / totals for k, v in parts.items()}
    colours = [PALETTE[5], PALETTE[7], PALETTE[4], PALETTE[1], PALETTE[2], PALETTE[0]]
    fig, ax = new_figure(width=9.0, height=0.55 * len(configs) + 1.9)
    _stacked_barh(ax, [c.name for c in configs], shares, colours)
    for i, (c, total) in enumerate(zip(configs, totals, strict=True)):
        ax.text(101.5, i, f"total {_count_label(total)}\n12·L·d² = {_count_label(kaplan_non_embedding(c))}",
                va="center", fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of all parameters (%)")
    ax.set_title("Where the parameters are (exact counts)")
    ax.grid(axis="y", visible=False)
    fig.legend(loc="outside lower center", ncol=3, frameon=False)
    return fig


def plot_table_a9_check() -> Figure:
    """Chinchilla Table A9: our count (nanoGPT's convention) against the printed size for all 50 models.

    Every row agrees within 0.7%; the count includes the (tied) token embedding, as Chinchilla's N does.
    """
    rows = chinchilla_table_a9_configs()
    printed = np.array([p * 1e6 for p, _ in rows])
    ours = np.array([count_parameters(c).total for _, c in rows], dtype=float)
    fig, (left, right) = new_figure(2, width=4.8, height=3.6)
    left.loglog(printed, ours, "o", color=PALETTE[1], ms=4)
    lim = [printed.min() * 0.8, printed.max() * 1.25]
    left.plot(lim, lim, color=PALETTE[0], lw=1, ls="--", label="y = x")
    left.set_xlabel("printed in Table A9 (parameters)")
    left.set_ylabel("counted from the shape (parameters)")
    left.set_title("50 Chinchilla models")
    left.legend(loc="upper left")
    right.semilogx(printed, 100 * (ours / printed - 1), "o", color=PALETTE[1], ms=4)
    right.axhline(0, color=PALETTE[0], lw=1)
    right.set_ylim(-1, 1)
    right.set_xlabel("printed in Table A9 (parameters)")
    right.set_ylabel("count / printed − 1 (%)")
    right.set_title("relative difference")
    return fig


# --------------------------------------------------------------------------------------------
# FLOPs
# --------------------------------------------------------------------------------------------


def plot_flop_breakdown(cases: Sequence[tuple[str, TransformerConfig, int]] | None = None) -> Figure:
    """Where the forward FLOPs go, term by term of Chinchilla's Appendix F, for a few models and contexts.

    ``cases`` are ``(label, config, seq_len)``. Attention's n_ctx-dependent part (score and value products
    and the softmax) is separated from its projections. Embedding and logits terms are counted as App. F's
    text does (they matter for small models).
    """
    if cases is None:
        cases = (
            ("GPT-2 small, 1K context", GPT2_SMALL, 1024),
            ("GPT-3 175B, 2K", GPT3_175B, 2048),
            ("Llama 3 8B, 8K", LLAMA3_8B, 8192),
            ("Llama 3 405B, 8K", LLAMA3_405B, 8192),
            ("Llama 3 405B, 128K", LLAMA3_405B, 131072),
        )
    if not cases:
        raise ValueError("cases is empty: pass (label, config, seq_len) tuples.")
    terms = [chinchilla_forward_flops(cfg, seq_len=s) for _, cfg, s in cases]
    fwd = np.array([t.forward for t in terms])
    parts = {
        "embeddings": np.array([t.embeddings for t in terms]),
        "attention projections (Q, K, V, out)": np.array([t.attention_qkv + t.attention_output for t in terms]),
        "attention over the context (n_ctx² terms)": np.array(
            [t.attention_logits + t.attention_softmax + t.attention_values for t in terms]),
        "MLP": np.array([t.dense for t in terms]),
        "output logits": np.array([t.logits for t in terms]),
    }
    shares = {k: 100 * v / fwd for k, v in parts.items()}
    colours = [PALETTE[5], PALETTE[6], PALETTE[4], PALETTE[2], PALETTE[7]]
    fig, ax = new_figure(width=9.0, height=0.55 * len(cases) + 1.9)
    _stacked_barh(ax, [c[0] for c in cases], shares, colours)
    for i, (k, v) in enumerate(zip(parts["attention over the context (n_ctx² terms)"], fwd, strict=True)):
        ax.text(101.5, i, f"{100 * k / v:.0f}% in n_ctx² terms", va="center", fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of forward FLOPs per sequence (%), Chinchilla App. F")
    ax.set_title("Where the FLOPs go")
    ax.grid(axis="y", visible=False)
    fig.legend(loc="outside lower center", ncol=2, frameon=False)
    return fig


def plot_table_a4() -> Figure:
    """Chinchilla Table A4: App. F FLOPs over 6ND, printed and reproduced with two conventions.

    Only seq_len 2048, vocabulary 32,000 and *no* embedding or logits terms reproduce the printed ratios
    (as nanoGPT's ``scaling_laws.ipynb`` found); with those terms the small models' ratios grow to 1.3-1.6.
    """
    plain = chinchilla_table_a4()
    full = chinchilla_table_a4(embeddings=True, logits=True)
    x = np.arange(len(plain))
    w = 0.27
    fig, ax = new_figure(width=7.5, height=3.9)
    ax.bar(x - w, [r.printed_ratio for r in plain], w, color=PALETTE[0], label="printed in Table A4")
    ax.bar(x, [r.ratio for r in plain], w, color=PALETTE[1], label="App. F without embeddings and logits")
    ax.bar(x + w, [r.ratio for r in full], w, color=PALETTE[2], label="App. F with embeddings and logits")
    ax.axhline(1.0, color=PALETTE[0], lw=1, ls="--")
    ax.set_xticks(x, [f"{r.label}" for r in plain])
    ax.set_xlabel("model (Table A4; seq_len 2048, vocabulary 32,000)")
    ax.set_ylabel("App. F FLOPs / 6ND")
    ax.set_ylim(0.9, 1.7)
    ax.set_title("Reproducing Chinchilla's Table A4")
    ax.legend(loc="upper right")
    return fig


def plot_attention_vs_mlp(d_models: Sequence[int] = (768, 4096, 12288), *,
                          models: Sequence[tuple] | None = None) -> Figure:
    """Does the MLP or attention's n_ctx² part dominate the FLOPs?

    Left: per layer and token, the forward FLOPs of the score and value products (``4 n_ctx d_attn``,
    full count as in Chinchilla App. F and PaLM) divided by the MLP's (``16 d_model^2`` for d_ff = 4 d_model),
    against context length, for a few widths; a dot marks the crossover ``n_ctx = 4 d_model``.
    Right: the (d_model, n_ctx) plane split by the crossover line, with real models at their own ratio
    (their own d_ff, GQA and gated MLPs). The causal count of Kaplan's Table 1 (``2 n_ctx d_attn``) moves the
    line to ``8 d_model`` (dashed).

    ``models`` holds ``(label, config, n_ctx)`` or ``(label, config, n_ctx, (dx, dy))`` tuples, the last
    element being the label's offset in points.
    """
    if not d_models:
        raise ValueError("d_models is empty: pass at least one width.")
    if models is None:
        models = (
            ("GPT-2 small", GPT2_SMALL, 1024, (6, -3)),
            ("GPT-3", GPT3_175B, 2048, (-10, -14)),
            ("Chinchilla", CHINCHILLA_70B, 2048, (-100, -4)),
            ("Llama 2 70B", LLAMA2_70B, 4096, (-36, 7)),
            ("Llama 3 8B", LLAMA3_8B, 8192, (-30, 7)),
            ("Llama 3 405B", LLAMA3_405B, 8192, (-40, 7)),
            ("Llama 3 405B, 128K", LLAMA3_405B, 131072, (-110, 7)),
        )
    fig, (left, right) = new_figure(2, width=5.2, height=4.3)
    ctx = np.logspace(np.log10(128), np.log10(1_048_576), 200)
    for i, d in enumerate(d_models):
        s = attention_mlp_flop_share(d, ctx)
        colour = PALETTE[1 + i % (len(PALETTE) - 1)]
        left.loglog(ctx, s.context_to_mlp, color=colour,
                    label=f"d_model = {d:,}: crossover at {s.crossover_vs_mlp:,.0f}")
        left.plot([s.crossover_vs_mlp], [1.0], "o", color=colour, ms=8, zorder=4)
    left.axhline(1.0, color=PALETTE[0], lw=1, ls="--")
    left.text(150, 1.4, "attention n_ctx² part = MLP", fontsize=9)
    left.set_xlabel("context length n_ctx (tokens)")
    left.set_ylabel("attention n_ctx² FLOPs / MLP FLOPs")
    left.set_title("crossover at n_ctx = 4·d_model")
    left.legend(loc="lower right", fontsize=9)

    d = np.logspace(np.log10(500), np.log10(30000), 50)
    top = 2e6
    right.fill_between(d, 4 * d, top, color=PALETTE[4], alpha=0.15, lw=0)
    right.fill_between(d, 100, 4 * d, color=PALETTE[2], alpha=0.12, lw=0)
    right.loglog(d, 4 * d, color=PALETTE[0], lw=1.5, label="n_ctx = 4·d_model (full count)")
    right.loglog(d, 8 * d, color=PALETTE[0], lw=1, ls="--", label="n_ctx = 8·d_model (causal count)")
    right.text(600, 6e5, "attention's n_ctx² part dominates", fontsize=10, color=PALETTE[4])
    right.text(600, 150, "MLP dominates", fontsize=10, color=PALETTE[2])
    for item in models:
        label, cfg, n_ctx = item[:3]
        offset = item[3] if len(item) > 3 else (5, 3)
        share = config_attention_mlp_share(cfg, n_ctx)
        above = share.context_to_mlp > 1
        right.plot([cfg.d_model], [n_ctx], "o", color=PALETTE[4] if above else PALETTE[1], ms=6, zorder=4)
        right.annotate(f"{label} ({share.context_to_mlp:.2g}×)", (cfg.d_model, n_ctx), textcoords="offset points",
                       xytext=offset, fontsize=8)
    right.set_xlim(d[0], d[-1])
    right.set_ylim(100, top)
    right.set_xlabel("d_model")
    right.set_ylabel("context length n_ctx (tokens)")
    right.set_title("real models (n_ctx² part / MLP in brackets)", fontsize=11)
    right.legend(loc="lower right", fontsize=8)
    return fig


# --------------------------------------------------------------------------------------------
# Memory
# --------------------------------------------------------------------------------------------


def plot_kv_cache(cfg: TransformerConfig = LLAMA2_70B, *, max_context: int = 131072,
                  batch_size: int = 1) -> Figure:
    """KV-cache size against context length, with grouped-query attention (GQA) and without.

    The multi-head variant is the same config with ``n_kv_heads = n_heads``; the weights at bf16 are shown
    for scale. GQA divides the cache by ``n_heads / n_kv_heads`` (8 for Llama 2 70B).
    """
    from dataclasses import replace

    mha = replace(cfg, n_kv_heads=cfg.n_heads, name=f"{cfg.name} with MHA")
    ctx = np.logspace(np.log10(256), np.log10(max_context), 100)
    fig, ax = new_figure(width=6.5, height=4.0)
    gqa = np.array([kv_cache_bytes(cfg, t, batch_size=batch_size) for t in ctx]) / GB
    full = np.array([kv_cache_bytes(mha, t, batch_size=batch_size) for t in ctx]) / GB
    ax.loglog(ctx, full, color=PALETTE[2], label=f"all {cfg.n_heads} heads cached (multi-head)")
    ax.loglog(ctx, gqa, color=PALETTE[1], label=f"{cfg.n_kv_heads} key/value heads (GQA)")
    w = weights_memory_bytes(count_parameters(cfg).total, "bf16") / GB
    ax.axhline(w, color=PALETTE[0], ls="--", lw=1, label=f"the weights in bf16 ({w:.0f} GB)")
    ax.axhline(80, color=PALETTE[0], ls=":", lw=1, label="one 80 GB GPU")
    ax.set_xlabel(f"context length (tokens), batch {batch_size}")
    ax.set_ylabel("KV cache in bf16 (GB)")
    ax.set_title(f"{cfg.name}: KV cache per sequence")
    ax.legend(loc="lower right", fontsize=9)
    return fig


def plot_memory_per_parameter() -> Figure:
    """Bytes per parameter: weights at fp32/bf16/int8/int4 for inference, and mixed-precision Adam training.

    Left: bytes per parameter by component. Right: memory against model size, with one 80 GB GPU and one
    8-GPU node for scale. Activations and the KV cache are not included.
    """
    fig, (left, right) = new_figure(2, width=5.0, height=3.9)
    labels = ["fp32", "bf16", "int8", "int4", "train: mixed-\nprecision Adam"]
    w = [PRECISION_BITS[p] / 8 for p in ("fp32", "bf16", "int8", "int4")] + [2.0]
    comps = {
        "weights": np.array(w),
        "gradients (bf16)": np.array([0, 0, 0, 0, 2.0]),
        "fp32 master weights": np.array([0, 0, 0, 0, 4.0]),
        "Adam moments (fp32 m, v)": np.array([0, 0, 0, 0, 8.0]),
    }
    bottom = np.zeros(len(labels))
    x = np.arange(len(labels))
    for (name, vals), colour in zip(comps.items(), [PALETTE[1], PALETTE[2], PALETTE[5], PALETTE[4]],
                                    strict=True):
        left.bar(x, vals, bottom=bottom, color=colour, label=name, edgecolor="white", linewidth=0.5)
        bottom += vals
    for xi, total in zip(x, bottom, strict=True):
        left.text(xi, total + 0.3, f"{total:g}", ha="center", fontsize=10)
    left.set_xticks(x, labels, fontsize=9)
    left.set_xlabel("format of the weights (inference) or training recipe")
    left.set_ylabel("bytes per parameter")
    left.set_ylim(0, 18.5)
    left.set_title("inference weights vs training")
    left.legend(loc="upper left", fontsize=8)
    left.grid(axis="x", visible=False)

    n = np.logspace(9, 12, 50)
    for p, colour in zip(("fp32", "bf16", "int8", "int4"), [PALETTE[0], PALETTE[1], PALETTE[3], PALETTE[6]],
                         strict=True):
        right.loglog(n, weights_memory_bytes(n, p) / GB, color=colour, label=f"weights, {p}")
    right.loglog(n, 16 * n / GB, color=PALETTE[4], lw=2.5, label="training, 16 B/param")
    right.axhline(80, color=PALETTE[0], ls=":", lw=1)
    right.axhline(640, color=PALETTE[0], ls="--", lw=1)
    right.text(1.1e9, 92, "one 80 GB GPU", fontsize=9)
    right.text(1.1e9, 740, "8 GPUs (640 GB)", fontsize=9)
    right.set_xlabel("parameters N")
    right.set_ylabel("memory (GB)")
    right.set_title("memory vs model size")
    right.legend(loc="lower right", fontsize=8)
    return fig


def plot_memory_breakdown(est: MemoryEstimate, *, gpu_memory_gb: float = 80.0) -> Figure:
    """One horizontal stacked bar of a :class:`~scaling_helpers.compute.calculators.MemoryEstimate`.

    Dotted lines mark multiples of one GPU's memory (default 80 GB), so the bar reads as "how many GPUs
    just to hold this".
    """
    fig, ax = new_figure(width=7.5, height=2.6)
    comps = est.components()
    colours = {"weights": PALETTE[1], "gradients": PALETTE[2], "fp32 master weights": PALETTE[5],
               "optimizer states": PALETTE[4], "KV cache": PALETTE[3]}
    left = 0.0
    for name, b in comps.items():
        ax.barh([0], [b / GB], left=left, color=colours[name], label=f"{name} {b / GB:.3g} GB",
                edgecolor="white")
        left += b / GB
    k = 1
    while k * gpu_memory_gb < left * 1.15 and k < 64:
        ax.axvline(k * gpu_memory_gb, color=PALETTE[0], ls=":", lw=1)
        k += 1
    ax.set_xlim(0, max(left * 1.15, gpu_memory_gb * 1.05))
    ax.set_yticks([])
    ax.set_xlabel(f"memory (GB); dotted lines every {gpu_memory_gb:g} GB (one GPU)")
    ax.set_title(f"{est.name or _count_label(est.n_params) + ' params'}: {_sig(left)} GB "
                 f"({est.precision}, optimizer {est.optimizer})", fontsize=11)
    fig.legend(loc="outside lower center", ncol=min(len(comps), 3), fontsize=8, frameon=False)
    ax.grid(axis="y", visible=False)
    return fig


# --------------------------------------------------------------------------------------------
# Time, money and cross-checks
# --------------------------------------------------------------------------------------------


def plot_cost_vs_mfu(flops: float, n_gpus: int, *, gpus: Sequence[str] = ("A100", "H100-SXM"),
                     price_per_gpu_hour: Mapping[str, float] | float = 2.0,
                     mfu_band: tuple[float, float] = (0.35, 0.45)) -> Figure:
    """Wall-clock days and cost of ``flops`` against MFU, for each accelerator in ``gpus``.

    ``price_per_gpu_hour`` is an assumed price per accelerator-hour (one number for all, or a mapping by
    accelerator name). The shaded band is the MFU large runs reach (35-45%; Llama 3 405B: 38-43%, arXiv:2407.21783, Table 4).
    """
    if not gpus:
        raise ValueError("gpus is empty: pass accelerator names such as 'A100'.")
    u = np.linspace(0.1, 0.7, 61)
    fig, (left, right) = new_figure(2, width=4.8, height=3.7)
    for i, g in enumerate(gpus):
        acc = get_accelerator(g)
        price = price_per_gpu_hour[g] if isinstance(price_per_gpu_hour, Mapping) else price_per_gpu_hour
        days = np.array([training_time(flops, n_gpus, acc, x).days for x in u])
        hours = np.array([training_time(flops, n_gpus, acc, x).gpu_hours for x in u])
        colour = PALETTE[1 + i]
        approx = "≈ " if peak_is_approximate(acc) else ""
        left.plot(100 * u, days, color=colour, label=f"{acc.name} ({approx}{acc.peak_tflops:.0f} TFLOP/s dense)")
        right.plot(100 * u, hours * price / 1e6, color=colour, label=f"{acc.name} at ${price:g}/GPU-hour")
    for ax in (left, right):
        ax.axvspan(100 * mfu_band[0], 100 * mfu_band[1], color=PALETTE[0], alpha=0.08, lw=0)
        ax.set_xlabel("MFU (%)")
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.legend(loc="upper right", fontsize=8)
    left.text(100 * sum(mfu_band) / 2, left.get_ylim()[0] * 1.1, "typical", ha="center", fontsize=9)
    left.set_ylabel(f"days on {n_gpus:,} GPUs")
    left.set_title(f"{flops:.3g} FLOPs: time")
    right.set_ylabel("cost (million $)")
    right.set_title("cost (assumed prices)")
    return fig


def plot_reference_runs(claim: tuple[float, int, str, float] | None = (5.88e23, 2048, "A100", 21.0)) -> Figure:
    """Cross-checks against published runs.

    Left: reported training FLOPs over 6ND (GPT-3, Chinchilla, Gopher, Llama 3 405B). Right: the MFU implied
    by reported GPU-hours (Llama 2 70B, Llama 3 405B, DeepSeek-V3), nanoGPT's measured 37%, and optionally a
    claim ``(flops, n_gpus, gpu, days)`` such as the often-quoted "~21 days on 2048 A100", against the
    38-43% Llama 3 reports (Table 4).
    """
    fig, (left, right) = new_figure(2, width=4.9, height=3.9)
    names = ["gpt3-175b", "chinchilla-70b", "gopher-280b", "llama3-405b"]
    runs = [REFERENCE_RUNS[k] for k in names]
    ratios = [r.reported_flops / r.flops_6nd for r in runs]
    y = np.arange(len(runs))
    left.barh(y, ratios, color=PALETTE[1])
    for yi, r, run in zip(y, ratios, runs, strict=True):
        left.text(max(r, 1.0) + 0.005, yi, f"{r:.3f}  ({run.reported_flops:.3g} vs {run.flops_6nd:.3g})", va="center",
                  fontsize=8)
    left.axvline(1.0, color=PALETTE[0], lw=1, ls="--")
    left.set_yticks(y, [r.name for r in runs])
    left.invert_yaxis()
    left.set_xlim(0.9, 1.35)
    left.set_xlabel("reported FLOPs / 6ND")
    left.set_title("6ND vs reported budgets")
    left.grid(axis="y", visible=False)

    labels = {
        "llama2-70b": "Llama 2 70B\n(6ND / reported A100-hours)",
        "llama3-405b": "Llama 3 405B\n(6ND / model-card H100-hours)",
        "deepseek-v3": "DeepSeek-V3, 37B active\n(H800 peak assumed, approx.)",
    }
    bars: list[tuple[str, float, str]] = []
    for k, text in labels.items():
        run = REFERENCE_RUNS[k]
        bars.append((text, float(run.implied_mfu(run.flops_6nd)), PALETTE[1]))
    bars.append(("nanoGPT GPT-2 small\n(measured)", 0.3714, PALETTE[3]))
    if claim is not None:
        flops, n, g, days = claim
        implied = flops / (n * get_accelerator(g).peak_flops * days * 86400.0)
        bars.append((f"claimed: {days:g} days\non {n:,} {g}", implied, PALETTE[2]))
    y2 = np.arange(len(bars))
    right.axvspan(38, 43, color=PALETTE[0], alpha=0.12, lw=0, zorder=0)
    right.barh(y2, [100 * b[1] for b in bars], color=[b[2] for b in bars], zorder=2)
    for yi, b in zip(y2, bars, strict=True):
        right.text(100 * b[1] + 0.8, yi, f"{100 * b[1]:.1f}%", va="center", fontsize=9)
    right.set_yticks(y2, [b[0] for b in bars], fontsize=8)
    right.invert_yaxis()
    right.set_xlim(0, 62)
    right.xaxis.set_major_formatter(PercentFormatter())
    right.set_xlabel("implied MFU (dense bf16 peak)\ngrey: Llama 3 405B's reported 38-43%", fontsize=10)
    right.set_title("implied utilisation")
    right.grid(axis="y", visible=False)
    return fig


def plot_roofline(operations: Sequence[OperationIntensity] | None = None,
                  gpus: Sequence[str] = ("A100", "H100-SXM")) -> Figure:
    """Log-log roofline (attainable FLOP/s against arithmetic intensity) of ``gpus``, with ``operations`` on it.

    Each GPU's roof is ``min(dense bf16 peak, HBM bandwidth x intensity)``
    (:func:`~scaling_helpers.compute.roofline.attainable_flops`); its ridge point is marked. Each operation is
    drawn at its intensity on the lowest roof (the one it is most likely to hit). The default operations are
    decoding Llama 2 70B at batch 1, 8 and 256, a 4096-cubed matmul and fused attention over 2,048 tokens.
    """
    if operations is None:
        operations = (
            decode_intensity(LLAMA2_70B, 1),
            decode_intensity(LLAMA2_70B, 8),
            decode_intensity(LLAMA2_70B, 256),
            attention_prefill_intensity(2048, 128),
            matmul_intensity(4096, 4096, 4096),
        )
    accs = [get_accelerator(g) for g in gpus]
    intens = np.logspace(-0.5, 4, 300)
    fig, ax = new_figure(width=6.8, height=4.4)
    for acc, colour in zip(accs, (PALETTE[0], PALETTE[2], PALETTE[5], PALETTE[6]), strict=False):
        roof = np.asarray(attainable_flops(intens, acc)) / 1e12
        ridge = ridge_point(acc)
        ax.loglog(intens, roof, color=colour, lw=2,
                  label=f"{acc.name}: {acc.peak_tflops:.0f} TFLOP/s, {hbm_bandwidth(acc) / 1e12:.3g} TB/s, "
                        f"ridge {ridge:.0f} FLOP/byte")
        ax.axvline(ridge, color=colour, ls=":", lw=1)
    lowest = min(accs, key=lambda a: a.peak_flops)
    markers = ("o", "s", "D", "^", "v", "P", "X")
    for op, marker, colour in zip(operations, markers * 3, PALETTE[1:] * 3, strict=False):
        y = op.attainable(lowest) / 1e12
        ax.plot(op.intensity, y, marker, color=colour, ms=8, mec="black", mew=0.5,
                label=f"{op.name}: {op.intensity:.3g} FLOP/byte")
    ax.set_xlabel("arithmetic intensity (FLOPs per byte moved from HBM)")
    ax.set_ylabel("attainable (TFLOP/s, dense bf16)")
    ax.set_title("Roofline: memory-bound left of the ridge, compute-bound right of it")
    ax.legend(loc="lower right", fontsize=7.5)
    return fig


def plot_activation_memory(cfg: TransformerConfig = GPT3_175B, *, micro_batch: int = 1,
                           max_seq: int = 16384) -> Figure:
    """Activation memory of all layers against sequence length, without, selective and full recomputation.

    Per-layer formulas of Korthikanti et al. 2022 (arXiv:2205.05198, Sec. 4.1, Eq. 1 and Sec. 5) via
    :func:`~scaling_helpers.compute.activation_memory_bytes`; the bf16 weights and the 16 bytes per parameter
    of mixed-precision Adam are drawn for scale.
    """
    seqs = np.unique(np.logspace(np.log10(256), np.log10(max_seq), 60).astype(int))
    fig, ax = new_figure(width=6.5, height=4.0)
    styles = (("none", "no recomputation: s·b·h·(34 + 5as/h) per layer", PALETTE[5]),
              ("selective", "selective: 34·s·b·h per layer", PALETTE[1]),
              ("full", "full: 2·s·b·h per layer (layer inputs only)", PALETTE[2]))
    for mode, label, colour in styles:
        mem = np.array([activation_memory_bytes(cfg, int(s), micro_batch, recompute=mode) for s in seqs]) / GB
        ax.loglog(seqs, mem, color=colour, lw=2, label=label)
    n = count_parameters(cfg).total
    ax.axhline(weights_memory_bytes(n, "bf16") / GB, color=PALETTE[0], ls="--", lw=1,
               label=f"bf16 weights ({weights_memory_bytes(n, 'bf16') / GB:,.0f} GB)")
    ax.axhline(training_memory(n).total / GB, color=PALETTE[0], ls=":", lw=1,
               label=f"weights + gradients + Adam states, 16 B/param ({training_memory(n).total / GB:,.0f} GB)")
    ax.set_xlabel(f"sequence length (tokens), micro-batch {micro_batch}")
    ax.set_ylabel("activation memory, all layers (GB)")
    ax.set_title(f"{cfg.name}: activations kept for the backward pass")
    ax.legend(loc="lower right", fontsize=8)
    return fig

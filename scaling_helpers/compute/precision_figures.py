"""Figures for precision: the roofline speed-up of quantised weights, and the shapes of Kumar et al.'s laws."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from ..common.plotting import PALETTE, new_figure
from .config import LLAMA2_70B, TransformerConfig
from .hardware import get_accelerator
from .precision import (
    prefill_speedup,
    ptq_degradation,
    tokens_where_more_data_hurts,
    weight_only_decode_speedup,
)
from .roofline import decode_batch_at_ridge

__all__ = ["plot_quantisation_speedup", "plot_effective_parameter_factor", "plot_ptq_loss_vs_tokens"]


def plot_quantisation_speedup(cfg: TransformerConfig = LLAMA2_70B, gpu: str = "H100", *,
                              context: float = 4096, prompt_tokens: int = 2048) -> Figure:
    """Roofline speed-up over bf16 of int8 and int4 weights, decoding against batch size, with prefill marked.

    Lines: :func:`~scaling_helpers.compute.precision.weight_only_decode_speedup` (bf16 math, no KV cache,
    and int4 with a ``context``-token bf16 KV cache per sequence). Markers at the right: the prefill of a
    ``prompt_tokens``-token prompt with int4 weights (bf16 math) and with int8 weights *and* int8 math
    (:func:`~scaling_helpers.compute.precision.prefill_speedup`). Everything is computed from the datasheet
    peaks and bandwidths of :mod:`~scaling_helpers.compute.hardware`; nothing is measured.
    """
    acc = get_accelerator(gpu)
    batches = np.unique(np.logspace(0, 10, 80, base=2).astype(int))
    fig, ax = new_figure(width=7.0, height=4.3)
    lines = (("int8", 0.0, PALETTE[1], "-", "int8 weights (W8A16), no KV cache"),
             ("int4", 0.0, PALETTE[2], "-", "int4 weights (W4A16), no KV cache"),
             ("int4", context, PALETTE[2], "--", f"int4 weights, {context:,.0f}-token bf16 KV cache"))
    for prec, ctx, colour, ls, label in lines:
        s = [weight_only_decode_speedup(cfg, int(b), acc, prec, context=ctx) for b in batches]
        ax.semilogx(batches, s, color=colour, ls=ls, lw=2, label=label)
    for bits, colour in ((8, PALETTE[1]), (4, PALETTE[2])):
        ax.axhline(16 / bits, color=colour, ls=":", lw=1)
        ax.text(1.1, 16 / bits + 0.08, f"bytes ratio 16/{bits} = {16 // bits}x", color=colour, fontsize=9)
    ridge_b = decode_batch_at_ridge(acc)
    ax.axvline(ridge_b, color=PALETTE[0], ls=":", lw=1)
    ax.text(ridge_b * 1.05, 3.0, f"bf16 decoding\nreaches the ridge\nat batch {ridge_b}", fontsize=8.5)
    x_pre = batches[-1] * 1.6
    w4 = prefill_speedup(cfg, prompt_tokens, acc, "int4")
    w8a8 = prefill_speedup(cfg, prompt_tokens, acc, "int8", math="int8")
    ax.plot(x_pre, w4, "o", color=PALETTE[2], mec="black", ms=8,
            label=f"prefill {prompt_tokens:,} tokens, int4 weights, bf16 math: {w4:.2f}x")
    ax.plot(x_pre, w8a8, "s", color=PALETTE[3], mec="black", ms=8,
            label=f"prefill {prompt_tokens:,} tokens, int8 weights and int8 math: {w8a8:.2f}x")
    ax.set_xlim(0.9, x_pre * 1.6)
    ax.set_ylim(0.8, 4.4)
    ax.set_xlabel("decoding batch size (sequences per step)")
    ax.set_ylabel("speed-up over bf16 (roofline bound)")
    ax.set_title(f"{cfg.name} on one {acc.name}: quantised weights help only while memory-bound", fontsize=11)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 0.0), fontsize=7.5)
    return fig


def plot_effective_parameter_factor(gammas: Sequence[float] = (1.0, 2.0, 3.0), *, max_bits: float = 16) -> Figure:
    """The factor ``1 - exp(-P / gamma)`` by which one quantised part scales ``N_eff``, against its bits ``P``.

    The curves show the *form* of Kumar et al.'s Eq. 4 (arXiv:2411.04330) for a few values of ``gamma``
    chosen to show the shape. Their fitted gammas (App. K, Table 2) come with offset terms the form leaves
    out, so they are not drawn here.
    """
    bits = np.linspace(1, max_bits, 200)
    fig, ax = new_figure(width=5.6, height=3.8)
    for g, colour in zip(gammas, PALETTE[1:], strict=False):
        ax.plot(bits, 1 - np.exp(-bits / g), color=colour, label=rf"$\gamma$ = {g:g} bits")
    for b in (4, 8, 16):
        ax.axvline(b, color=PALETTE[0], ls=":", lw=1)
    ax.set_xlabel("bits of the part trained in low precision, P")
    ax.set_ylabel(r"$N_\mathrm{eff}/N$ from that part")
    ax.set_ylim(0, 1.05)
    ax.set_title(r"$N_\mathrm{eff}$ saturates: bits beyond a few $\gamma$ buy little", fontsize=11)
    ax.legend(loc="lower right")
    return fig


#: Constants of :func:`plot_ptq_loss_vs_tokens`: Chinchilla's data term (Hoffmann et al. 2022, arXiv:2203.15556,
#: Eq. 10: B = 410.7, beta = 0.28) and made-up PTQ constants of the size that shows the shape.
ILLUSTRATIVE_PTQ: dict[str, float] = {"b": 410.7, "beta": 0.28, "c_t": 0.05, "gamma_d": 0.5, "gamma_n": 0.4,
                                      "gamma_post": 0.6}


def plot_ptq_loss_vs_tokens(n_params: float = 1e9, bits: Sequence[float] = (3, 4), *,
                            constants: dict[str, float] | None = None) -> Figure:
    """Data term of the loss before and after post-training quantisation, against training tokens.

    Lines: ``B D^-beta`` (no quantisation) and ``B D^-beta + delta_PTQ(N, D, P_post)`` (Kumar et al.'s
    Eq. 2) for each ``P_post`` in ``bits``, with the minimum ``D*`` of
    :func:`~scaling_helpers.compute.precision.tokens_where_more_data_hurts` marked. ``constants`` defaults to
    :data:`ILLUSTRATIVE_PTQ`; the curves are the formula, not data.
    """
    k = dict(ILLUSTRATIVE_PTQ if constants is None else constants)
    ptq = {name: k[name] for name in ("c_t", "gamma_d", "gamma_n", "gamma_post")}
    d = np.logspace(10, 14, 200)
    base = k["b"] * d ** -k["beta"]
    fig, ax = new_figure(width=6.2, height=4.0)
    ax.loglog(d, base, color=PALETTE[0], lw=2, label="no quantisation: $B D^{-\\beta}$")
    for p, colour in zip(bits, PALETTE[1:], strict=False):
        ax.loglog(d, base + ptq_degradation(n_params, d, p, **ptq), color=colour, lw=2,
                  label=f"after PTQ to {p:g} bits")
        d_star = tokens_where_more_data_hurts(n_params, p, b=k["b"], beta=k["beta"], **ptq)
        if d[0] <= d_star <= d[-1]:
            y = k["b"] * d_star ** -k["beta"] + float(ptq_degradation(n_params, d_star, p, **ptq))
            ax.plot(d_star, y, "o", color=colour, mec="black", ms=7)
            ax.annotate(f"$D^*$ = {d_star:.1e}", (d_star, y), textcoords="offset points", xytext=(-20, 10),
                        fontsize=9, color=colour)
    ax.set_xlabel("training tokens D")
    ax.set_ylabel("data term of the loss (nats)")
    ax.set_title(f"N = {n_params / 1e9:g}B parameters: past $D^*$ more tokens make the quantised model worse", fontsize=10.5)
    ax.legend(loc="lower left", fontsize=8.5)
    return fig

"""Training FLOPs: 6ND, Kaplan's Table 1, Chinchilla's Appendix F, PaLM's formula, and MLP vs attention.

A FLOP here is one floating-point addition or multiplication; a multiply-accumulate counts as
2 FLOPs (Chinchilla App. F; Kaplan's Table 1 counts the same way). A matrix-vector product with
an ``m x n`` matrix therefore costs ``2 m n`` FLOPs, which is why the forward pass costs about
``2N`` per token. The backward pass costs about twice the forward pass (gradients with respect
to activations and to weights), so training costs about ``6N`` per token: **C ≈ 6ND**
(Kaplan et al. 2020, arXiv:2001.08361, Sec. 2.1, Table 1).

Conventions:

* Kaplan's N is *non-embedding*; Chinchilla's N and FLOPs include embeddings (App. F).
* Chinchilla's Table A4 is reproduced only with seq_len 2048, vocabulary 32,000 and **without**
  the embedding and logits terms (an App. F typo per author correspondence, via nanoGPT's
  ``scaling_laws.ipynb``): :func:`chinchilla_table_a4` uses exactly that.
* Attention-score FLOPs: Kaplan's Table 1 counts ``2 n_ctx d_attn`` per token and layer; Chinchilla
  App. F and PaLM count the full ``n_ctx x n_ctx`` score and value products, ``4 n_ctx d_attn``
  (Kaplan's figure equals the full count averaged under a causal mask).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import Number, positive, positive_int
from .config import TransformerConfig, chinchilla_config
from .params import count_parameters

__all__ = [
    "training_flops_6nd",
    "kaplan_forward_flops_per_token",
    "kaplan_training_flops_per_token",
    "AppendixFFlops",
    "chinchilla_forward_flops",
    "chinchilla_training_flops",
    "CHINCHILLA_TABLE_A4",
    "TableA4Row",
    "chinchilla_table_a4",
    "palm_training_flops_per_token",
    "AttentionMlpShare",
    "AttentionConvention",
    "attention_mlp_flop_share",
    "config_attention_mlp_share",
    "attention_crossover_context",
]

AttentionConvention = Literal["kaplan", "full"]


def _scalar_or_array(x: np.ndarray | float) -> Number:
    return float(x) if np.ndim(x) == 0 else np.asarray(x, dtype=float)


def training_flops_6nd(n_params: ArrayLike, n_tokens: ArrayLike) -> Number:
    """Training compute ``C = 6 N D`` in FLOPs (Kaplan et al. 2020, Sec. 2.1).

    Parameters
    ----------
    n_params
        Parameters N (> 0). Say which convention you use: Kaplan's non-embedding N, or the total
        (Chinchilla). Scalars or arrays (broadcast against ``n_tokens``).
    n_tokens
        Training tokens D (> 0).

    Returns
    -------
    float or numpy.ndarray
        FLOPs; a float when both inputs are scalars.

    Examples
    --------
    >>> training_flops_6nd(175e9, 300e9)   # GPT-3: 3.15e23 (Table D.1: 3.14e23 with N = 174.6B)
    3.15e+23
    >>> training_flops_6nd(70e9, 1.4e12)   # Chinchilla: 5.88e23 vs the paper's 5.76e23
    5.88e+23
    """
    n = positive(n_params, "n_params", unit="parameters")
    d = positive(n_tokens, "n_tokens", unit="tokens")
    return _scalar_or_array(6.0 * np.multiply(n, d))


def kaplan_forward_flops_per_token(
    n_params: ArrayLike, n_layers: int, n_ctx: ArrayLike, d_attn: int
) -> Number:
    """Kaplan et al. (2020) Table 1 / Eq. 2.2: ``C_forward = 2N + 2 n_layer n_ctx d_attn`` per token.

    Parameters
    ----------
    n_params
        Kaplan's non-embedding N (e.g. :func:`~scaling_helpers.compute.kaplan_non_embedding`).
    n_layers, n_ctx, d_attn
        Layers, context length and attention width. The body's Eq. 2.2 prints ``d_model`` where
        Table 1 has ``d_attn``; they are equal when d_attn = d_model.

    Notes
    -----
    The context term is small next to 2N when ``d_model > n_ctx / 12`` (Kaplan Sec. 2.1): with
    N = 12 n_layer d_model^2 the ratio is ``n_ctx / (12 d_model)``. The de-embedding (logits)
    term ``2 d_model n_vocab`` of Table 1 is not part of this non-embedding count.
    """
    n = positive(n_params, "n_params", unit="parameters")
    layers = positive_int(n_layers, "n_layers")
    ctx = positive(n_ctx, "n_ctx", unit="tokens")
    da = positive_int(d_attn, "d_attn")
    return _scalar_or_array(2.0 * np.asarray(n) + 2.0 * layers * np.asarray(ctx) * da)


def kaplan_training_flops_per_token(
    n_params: ArrayLike, n_layers: int, n_ctx: ArrayLike, d_attn: int
) -> Number:
    """Training FLOPs per token with Kaplan's counting: 3 x forward = ``6N + 6 n_layer n_ctx d_attn``.

    Backward ≈ 2 x forward (Kaplan Sec. 2.1). Dropping the context term gives 6N per token.
    """
    return _scalar_or_array(
        3.0 * np.asarray(kaplan_forward_flops_per_token(n_params, n_layers, n_ctx, d_attn))
    )


# --------------------------------------------------------------------------------------------
# Chinchilla Appendix F
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AppendixFFlops:
    """FLOPs of one sequence, following Hoffmann et al. (2022) Appendix F.

    Layer terms are already multiplied by ``n_layers``. Terms that were switched off are 0.

    Attributes
    ----------
    seq_len
        Sequence length the counts are for.
    embeddings
        ``2 seq_len vocab d_model`` (the embedding lookup counted as a one-hot matmul).
    attention_qkv
        Key, query and value projections: ``2 seq_len d_model (d_attn + 2 d_kv)`` per layer
        (App. F's ``2 x 3 x seq_len x d_model x (key_size x num_heads)`` without GQA).
    attention_logits
        Key @ query logits, ``2 seq_len^2 d_attn`` per layer.
    attention_softmax
        Softmax, ``3 num_heads seq_len^2`` per layer.
    attention_values
        Softmax @ value reductions, ``2 seq_len^2 d_attn`` per layer.
    attention_output
        Final attention linear, ``2 seq_len d_attn d_model`` per layer.
    dense
        MLP, ``2 seq_len (d_model d_ff + d_model d_ff)`` per layer (three matrices if gated).
    logits
        Final logits, ``2 seq_len d_model vocab``.
    forward
        Sum of the above.
    backward
        ``2 x forward`` (as Kaplan).
    training
        ``forward + backward = 3 x forward``.
    """

    seq_len: int
    embeddings: float
    attention_qkv: float
    attention_logits: float
    attention_softmax: float
    attention_values: float
    attention_output: float
    dense: float
    logits: float
    forward: float
    backward: float
    training: float

    @property
    def attention(self) -> float:
        """All attention terms (all layers)."""
        return (
            self.attention_qkv
            + self.attention_logits
            + self.attention_softmax
            + self.attention_values
            + self.attention_output
        )

    @property
    def training_per_token(self) -> float:
        """Training FLOPs per token (``training / seq_len``)."""
        return self.training / self.seq_len


def chinchilla_forward_flops(
    cfg: TransformerConfig,
    *,
    seq_len: int | None = None,
    embeddings: bool = True,
    logits: bool = True,
    softmax: bool = True,
) -> AppendixFFlops:
    """Per-sequence FLOPs of ``cfg`` by Hoffmann et al. (2022), Appendix F.

    Parameters
    ----------
    cfg
        Model shape.
    seq_len
        Sequence length; defaults to ``cfg.context_length``.
    embeddings, logits
        Include the embedding and final-logits terms. App. F's text includes them (the default);
        Table A4 is reproduced only *without* them (pitfall 5; :func:`chinchilla_table_a4`).
    softmax
        Include the ``3 num_heads seq_len^2`` softmax term. nanoGPT's ``transformer_sizing.ipynb``
        leaves it out (and the embeddings), keeping the logits.

    Notes
    -----
    App. F counts matmuls only (no biases, norms or relative-position terms). Two extensions,
    identical to App. F for its own models: with GQA the K and V projections use ``d_kv``;
    a gated MLP has three ``d_model x d_ff`` matrices instead of two.
    """
    if not isinstance(cfg, TransformerConfig):
        raise ValueError(f"cfg must be a TransformerConfig; got {type(cfg).__name__}.")
    s = cfg.context_length if seq_len is None else positive_int(seq_len, "seq_len")
    d, L, V = cfg.d_model, cfg.n_layers, cfg.vocab_size
    d_attn, d_kv = cfg.d_attn, cfg.d_kv
    n_mats = 3 if cfg.gated_mlp else 2

    emb = 2.0 * s * V * d if embeddings else 0.0
    qkv = L * 2.0 * s * d * (d_attn + 2 * d_kv)
    att_logits = L * 2.0 * s * s * d_attn
    att_softmax = L * 3.0 * cfg.n_heads * s * s if softmax else 0.0
    att_values = L * 2.0 * s * s * d_attn
    att_out = L * 2.0 * s * d_attn * d
    dense = L * 2.0 * s * n_mats * d * cfg.ffw_size
    lg = 2.0 * s * d * V if logits else 0.0
    forward = emb + qkv + att_logits + att_softmax + att_values + att_out + dense + lg
    return AppendixFFlops(
        seq_len=s,
        embeddings=emb,
        attention_qkv=qkv,
        attention_logits=att_logits,
        attention_softmax=att_softmax,
        attention_values=att_values,
        attention_output=att_out,
        dense=dense,
        logits=lg,
        forward=forward,
        backward=2.0 * forward,
        training=3.0 * forward,
    )


def chinchilla_training_flops(
    cfg: TransformerConfig,
    n_tokens: float,
    *,
    seq_len: int | None = None,
    embeddings: bool = True,
    logits: bool = True,
) -> float:
    """Training FLOPs for ``n_tokens`` tokens by Appendix F (3 x forward, per token x tokens).

    Compare with :func:`training_flops_6nd` on ``count_parameters(cfg).total``.
    """
    d = positive(n_tokens, "n_tokens", unit="tokens")
    f = chinchilla_forward_flops(cfg, seq_len=seq_len, embeddings=embeddings, logits=logits)
    return _scalar_or_array(np.asarray(d) * f.training_per_token)


#: Hoffmann et al. 2022, Table A4: (label, n_layers, d_model, ffw_size, n_heads, kv_size, printed ratio of
#: the App. F count to 6ND).
CHINCHILLA_TABLE_A4: tuple[tuple[str, int, int, int, int, int, float], ...] = (
    ("73M", 10, 640, 2560, 10, 64, 1.03),
    ("305M", 20, 1024, 4096, 16, 64, 1.10),
    ("552M", 24, 1280, 5120, 10, 128, 1.08),
    ("1.1B", 26, 1792, 7168, 14, 128, 1.04),
    ("1.6B", 28, 2048, 8192, 16, 128, 1.03),
    ("6.8B", 40, 3584, 14336, 28, 128, 0.99),
)


@dataclass(frozen=True)
class TableA4Row:
    """One reproduced row of Chinchilla's Table A4.

    ``n_params`` is counted with :func:`~scaling_helpers.compute.chinchilla_config`'s convention;
    ``ratio`` is the App. F training count per sequence over ``6 * n_params * seq_len``.
    """

    label: str
    config: TransformerConfig
    printed_ratio: float
    n_params: int
    flops_per_sequence: float
    ratio: float


def chinchilla_table_a4(
    *, seq_len: int = 2048, vocab_size: int = 32000, embeddings: bool = False, logits: bool = False
) -> list[TableA4Row]:
    """Reproduce Table A4 of Hoffmann et al. (2022): App. F FLOPs over 6ND for six models.

    The defaults are the only settings known to reproduce the printed ratios 1.03, 1.10, 1.08,
    1.04, 1.03, 0.99 (as nanoGPT's ``scaling_laws.ipynb`` found): seq_len 2048, vocabulary 32,000, and **no**
    embedding or logits terms in the FLOPs (while N still counts one vocabulary matrix). Switch
    ``embeddings``/``logits`` on to see how much the printed ratios depend on that choice.
    """
    rows = []
    for label, nl, d, f, h, kv, printed in CHINCHILLA_TABLE_A4:
        cfg = chinchilla_config(
            n_layers=nl,
            d_model=d,
            d_ff=f,
            n_heads=h,
            head_dim=kv,
            vocab_size=vocab_size,
            context_length=seq_len,
            name=f"Chinchilla {label}",
        )
        n = count_parameters(cfg).total
        fl = chinchilla_forward_flops(cfg, seq_len=seq_len, embeddings=embeddings, logits=logits).training
        rows.append(
            TableA4Row(
                label=label,
                config=cfg,
                printed_ratio=printed,
                n_params=n,
                flops_per_sequence=fl,
                ratio=fl / (6.0 * n * seq_len),
            )
        )
    return rows


def palm_training_flops_per_token(
    n_params: ArrayLike, n_layers: int, n_heads: int, head_dim: int, seq_len: ArrayLike
) -> Number:
    """PaLM's training FLOPs per token, ``6N + 12 L H Q T``.

    From PaLM (Chowdhery et al. 2022, arXiv:2204.02311, Appendix B, where MFU is defined) as implemented
    in nanoGPT's ``estimate_mfu`` and ``transformer_sizing.ipynb``.

    ``N`` is the total minus the learned position table (``parameter_count(cfg, "palm")``), ``L``
    layers, ``H`` heads, ``Q`` head dimension, ``T`` sequence length. The attention term is 3 x the
    full (non-causal) ``4 L H Q T`` forward count. This is the numerator of PaLM-style MFU.
    """
    n = positive(n_params, "n_params", unit="parameters")
    t = positive(seq_len, "seq_len", unit="tokens")
    L = positive_int(n_layers, "n_layers")
    H = positive_int(n_heads, "n_heads")
    Q = positive_int(head_dim, "head_dim")
    return _scalar_or_array(6.0 * np.asarray(n) + 12.0 * L * H * Q * np.asarray(t))


# --------------------------------------------------------------------------------------------
# MLP vs attention: which one dominates the FLOPs?
# --------------------------------------------------------------------------------------------

_CONTEXT_COEF = {"kaplan": 2.0, "full": 4.0}


@dataclass(frozen=True)
class AttentionMlpShare:
    """Forward FLOPs per token *per layer*, split into MLP, attention projections and attention context.

    Attributes
    ----------
    n_ctx
        Context length(s) the shares are for.
    attention_context
        Score and value products: ``c n_ctx d_attn`` with c = 2 (Kaplan) or 4 (full).
    attention_projections
        Q, K, V and output projections, ``2 d_model (2 d_attn + 2 d_kv)``.
    mlp
        ``2 k d_model d_ff`` with k = 2 matrices (3 if gated).
    context_to_mlp
        ``attention_context / mlp``; above 1 the n_ctx-dependent attention costs more than the MLP.
    context_share
        ``attention_context`` over the layer total.
    attention_share
        Projections plus context over the layer total.
    crossover_vs_mlp
        The ``n_ctx`` at which ``attention_context == mlp``.
    crossover_vs_dense
        The ``n_ctx`` at which ``attention_context == attention_projections + mlp``.
    convention
        ``"kaplan"`` or ``"full"``.
    """

    n_ctx: Number
    attention_context: Number
    attention_projections: float
    mlp: float
    context_to_mlp: Number
    context_share: Number
    attention_share: Number
    crossover_vs_mlp: float
    crossover_vs_dense: float
    convention: str


def _layer_terms(
    d_model: int, d_ff: int | None, d_attn: int | None, d_kv: int | None, gated_mlp: bool, convention: str
) -> tuple[int, int, int, int, float, float, float]:
    d = positive_int(d_model, "d_model")
    ff = 4 * d if d_ff is None else positive_int(d_ff, "d_ff")
    da = d if d_attn is None else positive_int(d_attn, "d_attn")
    dkv = da if d_kv is None else positive_int(d_kv, "d_kv")
    if convention not in _CONTEXT_COEF:
        raise ValueError(
            f"convention must be 'kaplan' (2 n_ctx d_attn) or 'full' (4 n_ctx d_attn); got {convention!r}."
        )
    proj = 2.0 * d * (2 * da + 2 * dkv)
    mlp = 2.0 * (3 if gated_mlp else 2) * d * ff
    return d, ff, da, dkv, proj, mlp, _CONTEXT_COEF[convention]


def attention_crossover_context(
    d_model: int,
    *,
    d_ff: int | None = None,
    d_attn: int | None = None,
    d_kv: int | None = None,
    gated_mlp: bool = False,
    convention: AttentionConvention = "full",
    against: Literal["mlp", "dense"] = "mlp",
) -> float:
    """Context length at which the n_ctx-dependent attention FLOPs equal the MLP (or all dense) FLOPs.

    Per token and layer, the score and value products cost ``c n_ctx d_attn`` (c = 2 Kaplan, 4 full)
    while the MLP costs ``2 k d_model d_ff``, so the crossover is
    ``n_ctx* = 2 k d_model d_ff / (c d_attn)``. With d_ff = 4 d_model, d_attn = d_kv = d_model and
    a two-matrix MLP:

    =============  ===================  ==================================
    convention     vs MLP (16 d^2)      vs MLP + projections (24 d^2)
    =============  ===================  ==================================
    ``"full"``     ``4 d_model``        ``6 d_model``
    ``"kaplan"``   ``8 d_model``        ``12 d_model`` (Kaplan's "d_model > n_ctx/12")
    =============  ===================  ==================================

    Below the crossover the MLP dominates; above it attention's n_ctx^2 term does.
    """
    _, _, da, _, proj, mlp, c = _layer_terms(d_model, d_ff, d_attn, d_kv, gated_mlp, convention)
    if against not in ("mlp", "dense"):
        raise ValueError(f"against must be 'mlp' or 'dense' (MLP + attention projections); got {against!r}.")
    target = mlp if against == "mlp" else mlp + proj
    return target / (c * da)


def attention_mlp_flop_share(
    d_model: int,
    n_ctx: ArrayLike,
    *,
    d_ff: int | None = None,
    d_attn: int | None = None,
    d_kv: int | None = None,
    gated_mlp: bool = False,
    convention: AttentionConvention = "full",
) -> AttentionMlpShare:
    """Does the MLP or the n_ctx^2 attention dominate? Per-layer, per-token forward FLOPs.

    Parameters
    ----------
    d_model
        Residual width.
    n_ctx
        Context length(s) (scalar or array, e.g. for a plot against n_ctx / d_model).
    d_ff, d_attn, d_kv
        MLP width (default 4 d_model), query width (default d_model), key/value width (default d_attn).
    gated_mlp
        Three MLP matrices (SwiGLU) instead of two.
    convention
        ``"full"``: score and value products over the whole context, ``4 n_ctx d_attn`` (Chinchilla
        App. F, PaLM); ``"kaplan"``: ``2 n_ctx d_attn`` (Kaplan Table 1; the causal average).

    Returns
    -------
    AttentionMlpShare
        Terms, shares and the two crossover context lengths (see :func:`attention_crossover_context`).

    Notes
    -----
    Embedding/logits FLOPs and App. F's softmax term (``3 n_heads n_ctx`` per token, i.e. a
    fraction ``3 / (4 head_dim)`` of the full context term, < 1.2% for head_dim >= 64) are left out.

    Examples
    --------
    >>> s = attention_mlp_flop_share(768, 1024)            # GPT-2 small: the MLP dominates
    >>> round(s.context_to_mlp, 3), s.crossover_vs_mlp
    (0.333, 3072.0)
    """
    _, _, da, _, proj, mlp, c = _layer_terms(d_model, d_ff, d_attn, d_kv, gated_mlp, convention)
    ctx = positive(n_ctx, "n_ctx", unit="tokens")
    context = c * np.asarray(ctx) * da
    total = context + proj + mlp
    return AttentionMlpShare(
        n_ctx=ctx,
        attention_context=_scalar_or_array(context),
        attention_projections=proj,
        mlp=mlp,
        context_to_mlp=_scalar_or_array(context / mlp),
        context_share=_scalar_or_array(context / total),
        attention_share=_scalar_or_array((context + proj) / total),
        crossover_vs_mlp=mlp / (c * da),
        crossover_vs_dense=(mlp + proj) / (c * da),
        convention=convention,
    )


def config_attention_mlp_share(
    cfg: TransformerConfig, n_ctx: ArrayLike | None = None, *, convention: AttentionConvention = "full"
) -> AttentionMlpShare:
    """:func:`attention_mlp_flop_share` for a config; ``n_ctx`` defaults to ``cfg.context_length``."""
    if not isinstance(cfg, TransformerConfig):
        raise ValueError(f"cfg must be a TransformerConfig; got {type(cfg).__name__}.")
    return attention_mlp_flop_share(
        cfg.d_model,
        cfg.context_length if n_ctx is None else n_ctx,
        d_ff=cfg.ffw_size,
        d_attn=cfg.d_attn,
        d_kv=cfg.d_kv,
        gated_mlp=cfg.gated_mlp,
        convention=convention,
    )

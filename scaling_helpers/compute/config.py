"""Decoder-only transformer configurations: one frozen dataclass and the named models of the course.

Every named configuration cites where its numbers come from: the paper's architecture table and, for
released weights, the ``config.json`` published with them. Each one reproduces the published parameter
count (``tests/test_compute_params.py``).

Examples
--------
>>> from scaling_helpers.compute import GPT2_SMALL, count_parameters
>>> count_parameters(GPT2_SMALL).total
124439808
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..common.validate import positive_int

__all__ = [
    "TransformerConfig",
    "Positional",
    "Norm",
    "GPT2_SMALL",
    "GPT2_SMALL_NO_BIAS",
    "GPT3_175B",
    "CHINCHILLA_70B",
    "GOPHER_280B",
    "LLAMA2_70B",
    "LLAMA3_8B",
    "LLAMA3_70B",
    "LLAMA3_405B",
    "NAMED_CONFIGS",
    "CHINCHILLA_TABLE_A9",
    "chinchilla_config",
    "chinchilla_table_a9_configs",
]

Positional = Literal["learned", "rotary", "relative", "none"]
Norm = Literal["layernorm", "rmsnorm"]

_POSITIONAL = ("learned", "rotary", "relative", "none")
_NORMS = ("layernorm", "rmsnorm")


def _divisors_near(n: int, target: int, k: int = 4) -> list[int]:
    """The ``k`` divisors of ``n`` closest to ``target`` (for helpful error messages)."""
    divs = [d for d in range(1, n + 1) if n % d == 0]
    return sorted(sorted(divs, key=lambda d: (abs(d - target), d))[:k])


@dataclass(frozen=True, kw_only=True)
class TransformerConfig:
    """Shape of a decoder-only transformer, enough to count its parameters, FLOPs and KV cache.

    All arguments are keyword-only. ``n_kv_heads``, ``d_ff`` and ``head_dim`` default to
    ``None`` and are resolved in ``__post_init__`` (so ``cfg.d_ff`` is always an ``int``).
    Note that :func:`dataclasses.replace` copies the *resolved* values: when you change
    ``d_model`` or ``n_heads`` of a config whose ``d_ff``, ``head_dim`` or ``n_kv_heads`` were
    derived, pass them as ``None`` again so they are re-derived.

    Attributes
    ----------
    n_layers
        Number of transformer blocks (Kaplan's n_layer, Chinchilla's num_layers).
    d_model
        Width of the residual stream (embedding size).
    n_heads
        Number of query heads.
    vocab_size
        Vocabulary size: rows of the token-embedding matrix (and of the output matrix).
    context_length
        Maximum sequence length the model is trained with (Kaplan's n_ctx); it sizes the learned
        position table and is the default ``seq_len`` in FLOP counts.
    n_kv_heads
        Number of key/value heads. ``None`` means ``n_heads`` (multi-head attention); a smaller
        divisor of ``n_heads`` is grouped-query attention (GQA); 1 is multi-query attention.
    d_ff
        Hidden width of the MLP. ``None`` means ``4 * d_model`` (GPT, Chinchilla Table A9).
    head_dim
        Dimension of each head (Chinchilla's "kv_size"). ``None`` means ``d_model // n_heads``,
        which requires ``n_heads`` to divide ``d_model``. A few Chinchilla models have
        ``n_heads * head_dim != d_model`` (Table A9), so it can be set explicitly.
    tied_embeddings
        ``True`` if the output (logits) matrix is the token-embedding matrix (GPT-2, GPT-3);
        ``False`` if there is a separate ``lm_head`` (Llama).
    gated_mlp
        ``True`` for a gated MLP (SwiGLU in Llama: three ``d_model x d_ff`` matrices);
        ``False`` for the classic two-matrix MLP.
    positional
        ``"learned"``: a ``context_length x d_model`` position table (GPT-2/3);
        ``"rotary"``: RoPE, no parameters (Llama); ``"relative"``: Transformer-XL relative
        encodings as in Gopher/Chinchilla, counted as ``d_model * d_attn + 2 * d_attn`` per layer
        (the relative-key projection and two bias vectors, as nanoGPT's ``chinchilla_params``
        does); ``"none"``: no position parameters.
    biases
        ``True`` if linear layers *and* LayerNorms carry bias vectors (GPT-2); ``False`` for
        bias-free models (Llama; nanoGPT with ``bias=False``).
    norm
        ``"layernorm"`` (gain, plus a bias when ``biases``) or ``"rmsnorm"`` (gain only).
    name
        Human-readable name, used in ``repr`` and plots.
    source
        Where the numbers come from (paper, table, repository), with a provenance tag.
    """

    n_layers: int
    d_model: int
    n_heads: int
    vocab_size: int
    context_length: int
    n_kv_heads: int | None = None
    d_ff: int | None = None
    head_dim: int | None = None
    tied_embeddings: bool = True
    gated_mlp: bool = False
    positional: Positional = "learned"
    biases: bool = True
    norm: Norm = "layernorm"
    name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        for field_name in ("n_layers", "d_model", "n_heads", "vocab_size", "context_length"):
            object.__setattr__(self, field_name, positive_int(getattr(self, field_name), field_name))
        d_model, n_heads = self.d_model, self.n_heads

        if self.head_dim is None:
            if d_model % n_heads:
                raise ValueError(
                    f"n_heads ({n_heads}) must divide d_model ({d_model}) so every head gets "
                    f"d_model / n_heads dimensions; divisors of {d_model} near {n_heads}: "
                    f"{_divisors_near(d_model, n_heads)}. Or pass head_dim explicitly."
                )
            object.__setattr__(self, "head_dim", d_model // n_heads)
        else:
            object.__setattr__(self, "head_dim", positive_int(self.head_dim, "head_dim"))

        if self.n_kv_heads is None:
            object.__setattr__(self, "n_kv_heads", n_heads)
        else:
            n_kv = positive_int(self.n_kv_heads, "n_kv_heads")
            if n_kv > n_heads or n_heads % n_kv:
                raise ValueError(
                    f"n_kv_heads ({n_kv}) must divide n_heads ({n_heads}): each key/value head is shared "
                    f"by n_heads / n_kv_heads query heads (GQA). Use one of "
                    f"{[d for d in range(1, n_heads + 1) if n_heads % d == 0]}."
                )
            object.__setattr__(self, "n_kv_heads", n_kv)

        if self.d_ff is None:
            object.__setattr__(self, "d_ff", 4 * d_model)
        else:
            object.__setattr__(self, "d_ff", positive_int(self.d_ff, "d_ff"))

        for flag in ("tied_embeddings", "gated_mlp", "biases"):
            if not isinstance(getattr(self, flag), bool):
                raise ValueError(f"{flag} must be True or False; got {getattr(self, flag)!r}.")
        if self.positional not in _POSITIONAL:
            raise ValueError(f"positional must be one of {_POSITIONAL}; got {self.positional!r}.")
        if self.norm not in _NORMS:
            raise ValueError(f"norm must be one of {_NORMS}; got {self.norm!r}.")

    # Resolved values are always ints after __post_init__; these properties are typed accordingly.
    @property
    def d_attn(self) -> int:
        """Total query/output width ``n_heads * head_dim`` (Kaplan's d_attn)."""
        return self.n_heads * int(self.head_dim)  # type: ignore[arg-type]

    @property
    def d_kv(self) -> int:
        """Total key (or value) width ``n_kv_heads * head_dim``; equals ``d_attn`` without GQA."""
        return int(self.n_kv_heads) * int(self.head_dim)  # type: ignore[arg-type]

    @property
    def ffw_size(self) -> int:
        """``d_ff`` as an ``int`` (Chinchilla's name for it)."""
        return int(self.d_ff)  # type: ignore[arg-type]

    def __str__(self) -> str:
        label = self.name or "TransformerConfig"
        gqa = f", kv_heads={self.n_kv_heads}" if self.n_kv_heads != self.n_heads else ""
        return (
            f"{label}: {self.n_layers} layers, d_model={self.d_model}, heads={self.n_heads}{gqa}, "
            f"d_ff={self.d_ff}, vocab={self.vocab_size}, ctx={self.context_length}"
        )


# --------------------------------------------------------------------------------------------
# Named configurations
# --------------------------------------------------------------------------------------------

#: GPT-2 small as released by OpenAI (Radford et al. 2019; 12 layers, d_model 768, 12 heads, vocab 50257,
#: context 1024): tied embeddings, learned positions, biases everywhere, LayerNorm. Counts 124,439,808
#: parameters: nanoGPT's ``gpt_params`` gives 123,653,376 without the 1024 x 768 = 786,432 position
#: table and says this matches ``model.parameters()`` of the OpenAI weights (karpathy/nanoGPT ``scaling_laws.ipynb``).
GPT2_SMALL = TransformerConfig(
    name="GPT-2 small",
    n_layers=12,
    d_model=768,
    n_heads=12,
    vocab_size=50257,
    context_length=1024,
    tied_embeddings=True,
    positional="learned",
    biases=True,
    norm="layernorm",
    source="Radford et al. 2019 (GPT-2); shape as in nanoGPT transformer_sizing.ipynb",
)

#: GPT-2 small with ``bias=False`` as in nanoGPT's ``transformer_sizing.ipynb``: no biases in linear layers
#: or LayerNorms. Counts exactly 124,337,664 parameters, as that notebook prints.
GPT2_SMALL_NO_BIAS = TransformerConfig(
    name="GPT-2 small (bias=False)",
    n_layers=12,
    d_model=768,
    n_heads=12,
    vocab_size=50257,
    context_length=1024,
    tied_embeddings=True,
    positional="learned",
    biases=False,
    norm="layernorm",
    source="karpathy/nanoGPT transformer_sizing.ipynb (bias=False)",
)

#: GPT-3 175B: 96 layers, d_model 12288, 96 heads of 128, context 2048, GPT-2 vocabulary 50257
#: (Brown et al. 2020, arXiv:2005.14165, Table 2.1 and Sec. 2.1). The exact count,
#: 174.6B, agrees with the 174.6B of GPT-3's Table D.1. GPT-3 alternates dense and
#: locally banded sparse attention, which changes FLOPs slightly but not the parameter count.
GPT3_175B = TransformerConfig(
    name="GPT-3 175B",
    n_layers=96,
    d_model=12288,
    n_heads=96,
    vocab_size=50257,
    context_length=2048,
    tied_embeddings=True,
    positional="learned",
    biases=True,
    norm="layernorm",
    source="Brown et al. 2020, Table 2.1; total 174.6B as in Table D.1",
)

#: Chinchilla 70B (Hoffmann et al. 2022, arXiv:2203.15556, Table 4): 80 layers, d_model 8192, 64 heads,
#: key/value size 128, FFN 4 x d_model; vocabulary 32,000 and context 2048 as in its Table A4 reproduction
#: (:func:`chinchilla_table_a4`). RMSNorm and relative positions as in Gopher (Rae et al. 2021,
#: arXiv:2112.11446, Sec. 3). Neither paper states whether embeddings are tied or linear layers have
#: biases; this configuration ties them and keeps biases, a choice that moves the total by < 0.5%.
CHINCHILLA_70B = TransformerConfig(
    name="Chinchilla 70B",
    n_layers=80,
    d_model=8192,
    n_heads=64,
    head_dim=128,
    vocab_size=32000,
    context_length=2048,
    tied_embeddings=True,
    positional="relative",
    biases=True,
    norm="rmsnorm",
    source="Hoffmann et al. 2022, Table 4; norm/positions as Gopher (Rae et al. 2021); tying and biases assumed",
)

#: Gopher 280B (Rae et al. 2021, arXiv:2112.11446, Table 1; Hoffmann et al. 2022, Table 4): 80 layers,
#: d_model 16384, 128 heads, key/value size 128, FFN 4 x d_model, vocabulary 32,000. Same caveats as
#: :data:`CHINCHILLA_70B` for norms, positions, tying and biases.
GOPHER_280B = TransformerConfig(
    name="Gopher 280B",
    n_layers=80,
    d_model=16384,
    n_heads=128,
    head_dim=128,
    vocab_size=32000,
    context_length=2048,
    tied_embeddings=True,
    positional="relative",
    biases=True,
    norm="rmsnorm",
    source="Rae et al. 2021; Hoffmann et al. 2022, Table 4; tying and biases assumed",
)

#: Llama 2 70B: 80 layers, d_model 8192, 64 heads, 8 KV heads (GQA), SwiGLU FFN 28,672, vocabulary 32,000,
#: context 4096, RMSNorm, RoPE, no biases, untied output matrix. Counts 68,976,648,192 parameters.
#: Source: Touvron et al. 2023 (Llama 2, arXiv:2307.09288, Sec. 2.2 and Table 1: GQA for 34B/70B, 4k context,
#: 32k vocabulary); exact shapes from the ``config.json`` released with the weights (meta-llama/Llama-2-70b-hf).
LLAMA2_70B = TransformerConfig(
    name="Llama 2 70B",
    n_layers=80,
    d_model=8192,
    n_heads=64,
    n_kv_heads=8,
    d_ff=28672,
    vocab_size=32000,
    context_length=4096,
    tied_embeddings=False,
    gated_mlp=True,
    positional="rotary",
    biases=False,
    norm="rmsnorm",
    source="Touvron et al. 2023 (Llama 2), Table 1; config.json of the released weights",
)

#: Llama 3 8B: 32 layers, d_model 4096, 32 heads, 8 KV heads, FFN 14,336, vocabulary 128,256, context 8192
#: (Llama 3 paper, arXiv:2407.21783, Table 3, which rounds the vocabulary to 128,000; the exact 128,256
#: and the shapes are in the ``config.json`` released with the weights).
LLAMA3_8B = TransformerConfig(
    name="Llama 3 8B",
    n_layers=32,
    d_model=4096,
    n_heads=32,
    n_kv_heads=8,
    d_ff=14336,
    vocab_size=128256,
    context_length=8192,
    tied_embeddings=False,
    gated_mlp=True,
    positional="rotary",
    biases=False,
    norm="rmsnorm",
    source="Llama 3 paper (arXiv:2407.21783), Table 3; config.json of the released weights",
)

#: Llama 3 70B: 80 layers, d_model 8192, 64 heads, 8 KV heads, FFN 28,672, vocabulary 128,256, context 8192
#: (same sources as :data:`LLAMA3_8B`).
LLAMA3_70B = TransformerConfig(
    name="Llama 3 70B",
    n_layers=80,
    d_model=8192,
    n_heads=64,
    n_kv_heads=8,
    d_ff=28672,
    vocab_size=128256,
    context_length=8192,
    tied_embeddings=False,
    gated_mlp=True,
    positional="rotary",
    biases=False,
    norm="rmsnorm",
    source="Llama 3 paper (arXiv:2407.21783), Table 3; config.json of the released weights",
)

#: Llama 3 405B: 126 layers, d_model 16,384, FFN 53,248, 128 heads, 8 KV heads, RoPE, pre-training context
#: 8192 (arXiv:2407.21783, Table 3). The paper says "128K" tokens of vocabulary; the exact 128,256 is from the
#: ``config.json`` released with the weights.
LLAMA3_405B = TransformerConfig(
    name="Llama 3 405B",
    n_layers=126,
    d_model=16384,
    n_heads=128,
    n_kv_heads=8,
    d_ff=53248,
    vocab_size=128256,
    context_length=8192,
    tied_embeddings=False,
    gated_mlp=True,
    positional="rotary",
    biases=False,
    norm="rmsnorm",
    source="Llama 3 paper (arXiv:2407.21783), Table 3; vocabulary 128,256 from config.json",
)

#: All named configurations by short key.
NAMED_CONFIGS: dict[str, TransformerConfig] = {
    "gpt2-small": GPT2_SMALL,
    "gpt2-small-no-bias": GPT2_SMALL_NO_BIAS,
    "gpt3-175b": GPT3_175B,
    "chinchilla-70b": CHINCHILLA_70B,
    "gopher-280b": GOPHER_280B,
    "llama2-70b": LLAMA2_70B,
    "llama3-8b": LLAMA3_8B,
    "llama3-70b": LLAMA3_70B,
    "llama3-405b": LLAMA3_405B,
}

# --------------------------------------------------------------------------------------------
# Chinchilla Table A9: the 50 model shapes of Hoffmann et al. (2022)
# --------------------------------------------------------------------------------------------

#: Hoffmann et al. 2022, Table A9 (identical to the list in nanoGPT's ``scaling_laws.ipynb``):
#: rows of (printed params in millions, d_model, ffw_size, kv_size, n_heads, n_layers).
CHINCHILLA_TABLE_A9: tuple[tuple[int, int, int, int, int, int], ...] = (
    (44, 512, 2048, 64, 8, 8),
    (57, 576, 2304, 64, 9, 9),
    (74, 640, 2560, 64, 10, 10),
    (90, 640, 2560, 64, 10, 13),
    (106, 640, 2560, 64, 10, 16),
    (117, 768, 3072, 64, 12, 12),
    (140, 768, 3072, 64, 12, 15),
    (163, 768, 3072, 64, 12, 18),
    (175, 896, 3584, 64, 14, 14),
    (196, 896, 3584, 64, 14, 16),
    (217, 896, 3584, 64, 14, 18),
    (251, 1024, 4096, 64, 16, 16),
    (278, 1024, 4096, 64, 16, 18),
    (306, 1024, 4096, 64, 16, 20),
    (425, 1280, 5120, 128, 10, 18),
    (489, 1280, 5120, 128, 10, 21),
    (509, 1408, 5632, 128, 11, 18),
    (552, 1280, 5120, 128, 10, 24),
    (587, 1408, 5632, 128, 11, 21),
    (632, 1536, 6144, 128, 12, 19),
    (664, 1408, 5632, 128, 11, 24),
    (724, 1536, 6144, 128, 12, 22),
    (816, 1536, 6144, 128, 12, 25),
    (893, 1792, 7168, 128, 14, 20),
    (1018, 1792, 7168, 128, 14, 23),
    (1143, 1792, 7168, 128, 14, 26),
    (1266, 2048, 8192, 128, 16, 22),
    (1424, 2176, 8704, 128, 17, 22),
    (1429, 2048, 8192, 128, 16, 25),
    (1593, 2048, 8192, 128, 16, 28),
    (1609, 2176, 8704, 128, 17, 25),
    (1731, 2304, 9216, 128, 18, 24),
    (1794, 2176, 8704, 128, 17, 28),
    (2007, 2304, 9216, 128, 18, 28),
    (2283, 2304, 9216, 128, 18, 32),
    (2298, 2560, 10240, 128, 20, 26),
    (2639, 2560, 10240, 128, 20, 30),
    (2980, 2560, 10240, 128, 20, 34),
    (3530, 2688, 10752, 128, 22, 36),
    (3802, 2816, 11264, 128, 22, 36),
    (4084, 2944, 11776, 128, 22, 36),
    (4516, 3072, 12288, 128, 24, 36),
    (6796, 3584, 14336, 128, 28, 40),
    (9293, 4096, 16384, 128, 32, 42),
    (11452, 4352, 17408, 128, 32, 47),
    (12295, 4608, 18432, 128, 36, 44),
    (12569, 4608, 18432, 128, 32, 47),
    (13735, 4864, 19456, 128, 32, 47),
    (14940, 4992, 19968, 128, 32, 49),
    (16183, 5120, 20480, 128, 40, 47),
)


def chinchilla_config(
    *,
    n_layers: int,
    d_model: int,
    d_ff: int,
    n_heads: int,
    head_dim: int,
    vocab_size: int = 32000,
    context_length: int = 2048,
    name: str = "",
) -> TransformerConfig:
    """A Chinchilla-family shape with the counting convention that reproduces Tables A4 and A9.

    The convention is nanoGPT's ``chinchilla_params`` (``scaling_laws.ipynb``): one (tied) vocabulary
    matrix, relative positions (``d_model * d_attn + 2 * d_attn`` per layer), biases and
    two-parameter LayerNorms. Vocabulary 32,000 and sequence length 2048 are the values that
    reproduce Table A4 (as nanoGPT's ``scaling_laws.ipynb`` found).

    Unlike nanoGPT this keeps ``head_dim`` (Table A9's kv_size) even when
    ``n_heads * head_dim != d_model`` (four of the 50 rows), which brings every row of
    Table A9 within 0.7% of the printed size.
    """
    return TransformerConfig(
        name=name or f"Chinchilla-family {n_layers}L d{d_model}",
        n_layers=n_layers,
        d_model=d_model,
        d_ff=d_ff,
        n_heads=n_heads,
        head_dim=head_dim,
        vocab_size=vocab_size,
        context_length=context_length,
        tied_embeddings=True,
        positional="relative",
        biases=True,
        norm="layernorm",
        source="Hoffmann et al. 2022 Table A9; counting convention of nanoGPT scaling_laws.ipynb",
    )


def chinchilla_table_a9_configs() -> list[tuple[int, TransformerConfig]]:
    """All 50 Table A9 models as ``(printed_params_in_millions, config)`` pairs, smallest first."""
    return [
        (
            p,
            chinchilla_config(
                n_layers=nl, d_model=d, d_ff=f, n_heads=h, head_dim=kv, name=f"Chinchilla {p}M"
            ),
        )
        for p, d, f, kv, h, nl in CHINCHILLA_TABLE_A9
    ]

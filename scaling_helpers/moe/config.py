"""Mixture-of-Experts configurations and their total vs active parameter counts.

A Mixture-of-Experts (MoE) transformer replaces the feed-forward block (FFN) of some layers by
``n_experts`` parallel FFNs ("experts") and a small **router** that sends each token to ``top_k`` of
them. Everything else (attention, embeddings, norms) is shared by all tokens. Hence two counts:

* **total** parameters: everything stored, all experts included. It sets the *memory* (all experts
  must be resident: any token may pick any expert).
* **active** parameters: the ones a single token actually uses: shared parts + router + ``top_k``
  routed experts (+ shared experts). It sets the *FLOPs* per token (≈ 2 per active parameter forward).

This is why Mixtral 8x7B has about 47B parameters, not 8 x 7B = 56B: the 8 "7B" experts share one set of
attention layers and embeddings (Jiang et al. 2024, arXiv:2401.04088, abstract: "47B" total, "13B" active;
Mistral AI's announcement of 11 December 2023, "Mixtral of experts": 46.7B and 12.9B).

Counting conventions (all exact, RMSNorm gains counted, no biases):

* attention, grouped-query (``"gqa"``): ``W_q`` and ``W_o`` are ``d_model x n_heads·head_dim``, ``W_k``
  and ``W_v`` are ``d_model x n_kv_heads·head_dim``;
* attention, multi-head latent (``"mla"``, DeepSeek-V2/V3): low-rank query and key/value projections,
  see :meth:`MoEConfig.attention_params_per_layer`;
* an FFN or expert of hidden width ``w`` has ``3·d_model·w`` parameters when gated (SwiGLU), else
  ``2·d_model·w``;
* the router of an MoE layer is one ``d_model x n_experts`` matrix (plus ``n_experts`` biases when
  ``router_bias``, as DeepSeek-V3's load-balancing bias);
* **active** counts everything one token uses, the input embedding and the output head included. Both
  Mistral and DeepSeek state this convention: our count reproduces Mistral's 12.9B with the embedding, and
  DeepSeek-V3's ``README_WEIGHTS.md`` (github.com/deepseek-ai/DeepSeek-V3, commit 4c2fdb8, 26 Dec 2024)
  says "Activation parameters: 36.7B (including 0.9B for Embedding and 0.9B for the output Head)".
  Counted from DeepSeek-V3's released configuration, that convention gives 37.55B (35.70B in the 61
  layers + 0.93B embedding + 0.93B head); the printed 36.7B is one embedding table (0.9B) lower, and is
  close to the count *without* the input embedding, 36.63B. The abstract's "37B" rounds either.
* FLOPs use :attr:`MoEParameterBreakdown.active_excluding_embedding` whatever a model card counts: an
  embedding lookup is not a matrix multiplication.

Examples
--------
>>> b = count_moe_parameters(MIXTRAL_8X7B)
>>> f"{b.total / 1e9:.1f}B total, {b.active / 1e9:.1f}B active"
'46.7B total, 12.9B active'
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from typing import Literal

from ..common.validate import positive_int

__all__ = [
    "MoEConfig",
    "MoEParameterBreakdown",
    "count_moe_parameters",
    "total_params",
    "active_params",
    "MIXTRAL_8X7B",
    "MIXTRAL_8X22B",
    "DBRX",
    "OLMOE_1B_7B",
    "DEEPSEEK_V3",
    "MOE_CONFIGS",
    "PublishedMoE",
    "PUBLISHED_MOE",
    "DEEPSEEK_V3_STATED_ACTIVE",
    "MIXTRAL_PAPER_ROUNDED",
]

Attention = Literal["gqa", "mla"]
_MLA_FIELDS = ("q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim")


def _non_negative_int(value: object, name: str) -> int:
    if value == 0 and not isinstance(value, bool):
        return 0
    return positive_int(value, name)


@dataclass(frozen=True, kw_only=True)
class MoEConfig:
    """Shape of a decoder-only Mixture-of-Experts transformer (enough to count parameters and FLOPs).

    Attributes
    ----------
    n_layers
        Number of transformer blocks.
    d_model
        Width of the residual stream.
    n_heads
        Number of query heads.
    vocab_size
        Rows of the token-embedding matrix (and of the output matrix).
    n_experts
        Routed experts in each MoE layer (Mixtral: 8; DeepSeek-V3: 256).
    top_k
        Routed experts each token is sent to (Mixtral: 2; DeepSeek-V3: 8). Must be <= ``n_experts``.
    d_expert
        Hidden width of one routed expert (Mixtral: 14,336, the full FFN of Mistral 7B; DeepSeek-V3:
        2,048, a "fine-grained" expert).
    d_ff
        Hidden width of the dense FFN of the non-MoE layers (DeepSeek-V3's first three layers:
        18,432). ``None`` means ``d_expert``. Unused when every layer is an MoE layer.
    n_shared_experts
        Experts that process *every* token, in addition to the routed ones (DeepSeek-V3: 1).
    d_shared
        Hidden width of one shared expert; ``None`` means ``d_expert``.
    first_dense_layers
        The first this-many layers have a dense FFN instead of experts (DeepSeek-V3: 3).
    moe_every
        After those, every ``moe_every``-th layer is an MoE layer (1: all of them; 2: every other
        layer, as in GShard and Switch Transformer); the others are dense.
    gated
        ``True`` for gated FFNs/experts (SwiGLU, three matrices), ``False`` for two matrices.
    tied_embeddings
        ``True`` if the output matrix is the token-embedding matrix.
    router_bias
        ``True`` if the router has one bias per expert (DeepSeek-V3's load-balancing bias).
    attention
        ``"gqa"`` (multi-head or grouped-query attention) or ``"mla"`` (multi-head latent attention).
    n_kv_heads, head_dim
        GQA only: key/value heads (``None``: ``n_heads``) and head size (``None``: ``d_model // n_heads``).
    q_lora_rank, kv_lora_rank, qk_nope_head_dim, qk_rope_head_dim, v_head_dim
        MLA only (DeepSeek-V2/V3): rank of the query compression (0: no compression), rank of the
        joint key/value compression, per-head query/key sizes without and with rotary embedding, and
        the per-head value size.
    name, source
        Label and provenance (paper, table, configuration file).
    """

    n_layers: int
    d_model: int
    n_heads: int
    vocab_size: int
    n_experts: int
    top_k: int
    d_expert: int
    d_ff: int | None = None
    n_shared_experts: int = 0
    d_shared: int | None = None
    first_dense_layers: int = 0
    moe_every: int = 1
    gated: bool = True
    tied_embeddings: bool = False
    router_bias: bool = False
    attention: Attention = "gqa"
    n_kv_heads: int | None = None
    head_dim: int | None = None
    q_lora_rank: int | None = None
    kv_lora_rank: int | None = None
    qk_nope_head_dim: int | None = None
    qk_rope_head_dim: int | None = None
    v_head_dim: int | None = None
    name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        for f in ("n_layers", "d_model", "n_heads", "vocab_size", "n_experts", "top_k", "d_expert",
                  "moe_every"):
            object.__setattr__(self, f, positive_int(getattr(self, f), f))
        for f in ("n_shared_experts", "first_dense_layers"):
            object.__setattr__(self, f, _non_negative_int(getattr(self, f), f))
        if self.top_k > self.n_experts:
            raise ValueError(
                f"top_k ({self.top_k}) cannot exceed n_experts ({self.n_experts}): a token is sent to "
                f"top_k of the n_experts routed experts. Lower top_k or add experts."
            )
        if self.first_dense_layers >= self.n_layers:
            raise ValueError(
                f"first_dense_layers ({self.first_dense_layers}) must be < n_layers ({self.n_layers}) so that "
                "at least one layer has experts; for a dense model use scaling_helpers.compute.TransformerConfig."
            )
        for f in ("d_ff", "d_shared"):
            v = getattr(self, f)
            object.__setattr__(self, f, self.d_expert if v is None else positive_int(v, f))
        for flag in ("gated", "tied_embeddings", "router_bias"):
            if not isinstance(getattr(self, flag), bool):
                raise ValueError(f"{flag} must be True or False; got {getattr(self, flag)!r}.")
        if self.attention == "gqa":
            set_mla = [f for f in _MLA_FIELDS if getattr(self, f) is not None]
            if set_mla:
                raise ValueError(f"{set_mla} are multi-head latent attention settings: pass attention='mla' "
                                 "to use them, or drop them for grouped-query attention.")
            if self.head_dim is None:
                if self.d_model % self.n_heads:
                    raise ValueError(f"n_heads ({self.n_heads}) must divide d_model ({self.d_model}), or pass "
                                     "head_dim explicitly.")
                object.__setattr__(self, "head_dim", self.d_model // self.n_heads)
            else:
                object.__setattr__(self, "head_dim", positive_int(self.head_dim, "head_dim"))
            n_kv = self.n_heads if self.n_kv_heads is None else positive_int(self.n_kv_heads, "n_kv_heads")
            if self.n_heads % n_kv:
                raise ValueError(f"n_kv_heads ({n_kv}) must divide n_heads ({self.n_heads}) (grouped-query "
                                 "attention shares each key/value head among n_heads / n_kv_heads queries).")
            object.__setattr__(self, "n_kv_heads", n_kv)
        elif self.attention == "mla":
            if self.n_kv_heads is not None or self.head_dim is not None:
                raise ValueError("n_kv_heads and head_dim are grouped-query settings; multi-head latent "
                                 "attention uses kv_lora_rank, qk_nope_head_dim, qk_rope_head_dim, v_head_dim.")
            missing = [f for f in _MLA_FIELDS[1:] if getattr(self, f) is None]
            if missing:
                raise ValueError(f"attention='mla' needs {missing} (see DeepSeek-V3's config.json).")
            object.__setattr__(self, "q_lora_rank", _non_negative_int(self.q_lora_rank or 0, "q_lora_rank"))
            for f in _MLA_FIELDS[1:]:
                object.__setattr__(self, f, positive_int(getattr(self, f), f))
        else:
            raise ValueError(f"attention must be 'gqa' or 'mla'; got {self.attention!r}.")

    # ---- layer layout ------------------------------------------------------------------------
    def is_moe_layer(self, i: int) -> bool:
        """Whether layer ``i`` (0-based) has experts."""
        if not 0 <= i < self.n_layers:
            raise ValueError(f"layer index must be in 0..{self.n_layers - 1}; got {i}.")
        return i >= self.first_dense_layers and (i - self.first_dense_layers) % self.moe_every == 0

    @property
    def n_moe_layers(self) -> int:
        """Number of layers with experts."""
        return math.ceil((self.n_layers - self.first_dense_layers) / self.moe_every)

    @property
    def n_dense_layers(self) -> int:
        """Number of layers with a dense FFN."""
        return self.n_layers - self.n_moe_layers

    # ---- per-layer counts --------------------------------------------------------------------
    def ffn_params(self, width: int) -> int:
        """Parameters of one FFN (or expert) of hidden width ``width``."""
        return (3 if self.gated else 2) * self.d_model * width

    def attention_params_per_layer(self) -> int:
        """Attention weights of one layer (plus MLA's two internal norm gains).

        GQA: ``2·d·n_heads·head_dim + 2·d·n_kv_heads·head_dim``. MLA (DeepSeek-V2 §2.1, V3 §2.1.1):
        query down/up projections ``d·r_q + r_q·h·(d_nope + d_rope)`` (or ``d·h·(d_nope + d_rope)`` without
        query compression), key/value down-projection with the shared rotary key ``d·(r_kv + d_rope)``,
        key/value up-projection ``r_kv·h·(d_nope + d_v)``, output ``h·d_v·d``, norms ``r_q + r_kv``.
        """
        d, h = self.d_model, self.n_heads
        if self.attention == "gqa":
            hd, kv = int(self.head_dim), int(self.n_kv_heads)  # type: ignore[arg-type]
            return 2 * d * h * hd + 2 * d * kv * hd
        rq, rkv = int(self.q_lora_rank), int(self.kv_lora_rank)  # type: ignore[arg-type]
        nope, rope, dv = int(self.qk_nope_head_dim), int(self.qk_rope_head_dim), int(self.v_head_dim)  # type: ignore[arg-type]
        q = (d * rq + rq + rq * h * (nope + rope)) if rq else d * h * (nope + rope)
        kv_down = d * (rkv + rope) + rkv
        kv_up = rkv * h * (nope + dv)
        return q + kv_down + kv_up + h * dv * d

    def attention_context_width(self) -> tuple[int, int]:
        """Per-layer widths of the query·key scores and of the weighted sum of values (for FLOPs)."""
        if self.attention == "gqa":
            w = self.n_heads * int(self.head_dim)  # type: ignore[arg-type]
            return w, w
        h = self.n_heads
        return h * (int(self.qk_nope_head_dim) + int(self.qk_rope_head_dim)), h * int(self.v_head_dim)  # type: ignore[arg-type]

    def __str__(self) -> str:
        shared = f" + {self.n_shared_experts} shared" if self.n_shared_experts else ""
        return (f"{self.name or 'MoEConfig'}: {self.n_layers} layers ({self.n_moe_layers} MoE), "
                f"d_model={self.d_model}, {self.n_experts} experts (top-{self.top_k}){shared}, "
                f"d_expert={self.d_expert}, attention={self.attention}")


@dataclass(frozen=True)
class MoEParameterBreakdown:
    """Parameter counts of an :class:`MoEConfig`, by component.

    Attributes
    ----------
    embedding, lm_head
        Token-embedding matrix; separate output matrix (0 when tied).
    attention
        Attention weights of all layers (shared by every token).
    dense_ffn
        FFNs of the non-MoE layers.
    routed_experts
        All routed experts of all MoE layers (what sits in memory).
    routed_active
        The ``top_k`` routed experts a token uses in every MoE layer.
    shared_experts
        Shared (always-on) experts of all MoE layers.
    router
        Router matrices (and biases).
    norms
        Normalisation gains.
    total
        Everything stored.
    active
        Everything one token uses, input embedding and output head included (the convention Mistral
        and DeepSeek state).
    """

    embedding: int
    lm_head: int
    attention: int
    dense_ffn: int
    routed_experts: int
    routed_active: int
    shared_experts: int
    router: int
    norms: int
    total: int
    active: int

    @property
    def active_excluding_embedding(self) -> int:
        """Active parameters without the input-embedding table (the basis of FLOPs: a lookup is no matmul)."""
        return self.active - self.embedding

    @property
    def active_fraction(self) -> float:
        """``active / total``."""
        return self.active / self.total

    @property
    def shared_params(self) -> int:
        """Parameters every token uses whatever the router decides (all but the routed experts)."""
        return self.total - self.routed_experts

    def as_dict(self) -> dict[str, int]:
        """The breakdown as a plain ``dict``."""
        return asdict(self)


def _check(cfg: object) -> MoEConfig:
    if not isinstance(cfg, MoEConfig):
        raise ValueError(f"cfg must be an MoEConfig (e.g. scaling_helpers.moe.MIXTRAL_8X7B); got {type(cfg).__name__}. "
                         "For a dense model use scaling_helpers.compute.count_parameters.")
    return cfg


def count_moe_parameters(cfg: MoEConfig) -> MoEParameterBreakdown:
    """Count total and active parameters of an MoE transformer exactly (conventions: module docstring).

    Examples
    --------
    >>> b = count_moe_parameters(DEEPSEEK_V3)
    >>> f"{b.total / 1e9:.0f}B total; {b.active_excluding_embedding / 1e9:.1f}B active without the embedding"
    '671B total; 36.6B active without the embedding'
    """
    cfg = _check(cfg)
    d, L = cfg.d_model, cfg.n_layers
    n_moe, n_dense = cfg.n_moe_layers, cfg.n_dense_layers
    expert = cfg.ffn_params(cfg.d_expert)
    embedding = cfg.vocab_size * d
    lm_head = 0 if cfg.tied_embeddings else embedding
    attention = L * cfg.attention_params_per_layer()
    dense_ffn = n_dense * cfg.ffn_params(int(cfg.d_ff))  # type: ignore[arg-type]
    routed = n_moe * cfg.n_experts * expert
    routed_active = n_moe * cfg.top_k * expert
    shared = n_moe * cfg.n_shared_experts * cfg.ffn_params(int(cfg.d_shared))  # type: ignore[arg-type]
    router = n_moe * (d * cfg.n_experts + (cfg.n_experts if cfg.router_bias else 0))
    norms = (2 * L + 1) * d
    common = embedding + lm_head + attention + dense_ffn + shared + router + norms
    return MoEParameterBreakdown(
        embedding=embedding, lm_head=lm_head, attention=attention, dense_ffn=dense_ffn,
        routed_experts=routed, routed_active=routed_active, shared_experts=shared, router=router,
        norms=norms, total=common + routed, active=common + routed_active,
    )


def total_params(cfg: MoEConfig) -> int:
    """All stored parameters of ``cfg`` (sets the memory)."""
    return count_moe_parameters(cfg).total


def active_params(cfg: MoEConfig, *, include_embedding: bool = True) -> int:
    """Parameters one token uses. ``include_embedding=False`` leaves out the input-embedding lookup (the FLOPs basis)."""
    b = count_moe_parameters(cfg)
    return b.active if include_embedding else b.active_excluding_embedding


# --------------------------------------------------------------------------------------------
# Named configurations. Shapes from the models' released config.json files; each one reproduces
# the announced total/active counts (tests/test_moe_config.py).
# --------------------------------------------------------------------------------------------

#: Mixtral 8x7B (Jiang et al. 2024, arXiv:2401.04088: "47B" / "13B" in the abstract; Mistral AI's
#: announcement: "46.7B total parameters", "12.9B parameters per token"). Shape from
#: ``mistralai/Mixtral-8x7B-v0.1`` config.json (also Table 1 of the paper): 32 layers, d_model 4096, 32 query
#: heads / 8 KV heads of 128, 8 SwiGLU experts of width 14,336, top-2, vocab 32,000, untied embeddings.
MIXTRAL_8X7B = MoEConfig(
    name="Mixtral 8x7B", n_layers=32, d_model=4096, n_heads=32, n_kv_heads=8, vocab_size=32000,
    n_experts=8, top_k=2, d_expert=14336,
    source="Jiang et al. 2024, arXiv:2401.04088 (47B / 13B, abstract); Mistral AI announcement "
           "(46.7B / 12.9B); shape: config.json of the released weights",
)

#: Mixtral 8x22B (Mistral AI, "Cheaper, Better, Faster, Stronger", April 2024: 141B total, 39B active).
#: Shape from ``mistralai/Mixtral-8x22B-v0.1`` config.json: 56 layers, d_model 6144, 48 / 8 heads, width
#: 16,384, vocabulary 32,768.
MIXTRAL_8X22B = MoEConfig(
    name="Mixtral 8x22B", n_layers=56, d_model=6144, n_heads=48, n_kv_heads=8, vocab_size=32768,
    n_experts=8, top_k=2, d_expert=16384,
    source="Mistral AI announcement, April 2024 (141B / 39B); shape: config.json of the released weights",
)

#: DBRX (Databricks, March 2024: "132B total parameters of which 36B parameters are active").
#: Shape from ``databricks/dbrx-base`` config.json: 40 layers, d_model 6144, 48 / 8 heads, 16 experts of width 10,752, top-4,
#: vocab 100,352. LayerNorm gains are counted like RMSNorm gains (no biases).
DBRX = MoEConfig(
    name="DBRX", n_layers=40, d_model=6144, n_heads=48, n_kv_heads=8, vocab_size=100352,
    n_experts=16, top_k=4, d_expert=10752,
    source="Databricks 2024 model card (132B / 36B); shape: config.json of the released weights",
)

#: OLMoE-1B-7B (Muennighoff et al. 2024, arXiv:2409.02060, abstract: 1B active of 7B; Table 1: 1.3B
#: active, 6.9B total). Shape from ``allenai/OLMoE-1B-7B-0924`` config.json: 16 layers, d_model 2048, 16 heads, 64 experts of width 1,024, top-8,
#: vocab 50,304. Its QK-norm gains (≈ 65k parameters) are not counted.
OLMOE_1B_7B = MoEConfig(
    name="OLMoE-1B-7B", n_layers=16, d_model=2048, n_heads=16, vocab_size=50304,
    n_experts=64, top_k=8, d_expert=1024,
    source="Muennighoff et al. 2024, arXiv:2409.02060 (6.9B / 1.3B); shape: config.json of the released weights",
)

#: DeepSeek-V3 (DeepSeek-AI 2024, arXiv:2412.19437, abstract: "671B total parameters with 37B activated for
#: each token"). Shape from ``inference/configs/config_671B.json`` of github.com/deepseek-ai/DeepSeek-V3: 61 layers,
#: d_model 7168, the first 3 with a dense FFN of 18,432, the other 58 with 256 routed experts of width
#: 2,048 (top-8) plus 1 shared expert and a router bias; MLA with 128 heads, q rank 1,536, kv rank 512,
#: head sizes 128 (no rope) + 64 (rope), value 128; vocab 129,280, untied. The 14B multi-token-prediction
#: module is not part of the 671B (README.md of that repository). For the active count and its convention
#: see the module docstring.
DEEPSEEK_V3 = MoEConfig(
    name="DeepSeek-V3", n_layers=61, d_model=7168, n_heads=128, vocab_size=129280,
    n_experts=256, top_k=8, d_expert=2048, d_ff=18432, n_shared_experts=1, first_dense_layers=3,
    router_bias=True, attention="mla", q_lora_rank=1536, kv_lora_rank=512, qk_nope_head_dim=128,
    qk_rope_head_dim=64, v_head_dim=128,
    source="DeepSeek-AI 2024, arXiv:2412.19437 (671B / 37B, abstract); shape: config_671B.json; "
           "README_WEIGHTS.md: 36.7B active including 0.9B embedding and 0.9B head",
)

#: The named MoE configurations, by short key.
MOE_CONFIGS: dict[str, MoEConfig] = {
    "mixtral-8x7b": MIXTRAL_8X7B,
    "mixtral-8x22b": MIXTRAL_8X22B,
    "dbrx": DBRX,
    "olmoe-1b-7b": OLMOE_1B_7B,
    "deepseek-v3": DEEPSEEK_V3,
}


@dataclass(frozen=True)
class PublishedMoE:
    """Total and active parameters as a model's authors announced them (rounded)."""

    name: str
    total: float
    active: float
    source: str


#: Announced (rounded) counts, each with the document that announces it.
PUBLISHED_MOE: dict[str, PublishedMoE] = {
    "mixtral-8x7b": PublishedMoE("Mixtral 8x7B", 46.7e9, 12.9e9,
                                 "Mistral AI announcement, 11 Dec 2023 (the paper's abstract, arXiv:2401.04088, "
                                 "rounds them to 47B / 13B)"),
    "mixtral-8x22b": PublishedMoE("Mixtral 8x22B", 141e9, 39e9, "Mistral AI announcement, April 2024"),
    "dbrx": PublishedMoE("DBRX", 132e9, 36e9, "Databricks DBRX model card, March 2024"),
    "olmoe-1b-7b": PublishedMoE("OLMoE-1B-7B", 6.9e9, 1.3e9, "Muennighoff et al. 2024, arXiv:2409.02060, Table 1"),
    "deepseek-v2": PublishedMoE("DeepSeek-V2", 236e9, 21e9, "DeepSeek-AI 2024, arXiv:2405.04434, abstract"),
    "deepseek-v3": PublishedMoE("DeepSeek-V3", 671e9, 37e9, "DeepSeek-AI 2024, arXiv:2412.19437, abstract"),
}


#: DeepSeek-V3's activated parameters as its ``README_WEIGHTS.md`` states them (github.com/deepseek-ai/DeepSeek-V3,
#: commit 4c2fdb8, 26 Dec 2024): "36.7B (including 0.9B for Embedding and 0.9B for the output Head)".
#: Counted from the released configuration, "including both" gives 37.55B; 36.7B is 0.85B lower, close to the
#: count without the input embedding (36.63B). The abstract's "37B" rounds either.
DEEPSEEK_V3_STATED_ACTIVE: dict[str, float] = {"active": 36.7e9, "embedding": 0.9e9, "output_head": 0.9e9}

#: Mixtral 8x7B as the paper's abstract rounds it (Jiang et al. 2024, arXiv:2401.04088: "each token has access to
#: 47B parameters, but only uses 13B active parameters"); :data:`PUBLISHED_MOE` keeps the announcement's 46.7B / 12.9B.
MIXTRAL_PAPER_ROUNDED: tuple[float, float] = (47e9, 13e9)


def with_experts(cfg: MoEConfig, *, n_experts: int | None = None, top_k: int | None = None,
                 d_expert: int | None = None, n_shared_experts: int | None = None) -> MoEConfig:
    """A copy of ``cfg`` with a different expert layout (the widget's design knobs).

    ``None`` keeps a value. Dense-FFN and shared-expert widths keep their (resolved) values when
    ``d_expert`` changes. The name gets " (modified)" when anything changed.
    """
    changes: dict[str, object] = {}
    for k, v in (("n_experts", n_experts), ("top_k", top_k), ("d_expert", d_expert),
                 ("n_shared_experts", n_shared_experts)):
        if v is not None and v != getattr(cfg, k):
            changes[k] = v
    name = cfg.name if not changes else f"{cfg.name} (modified)"
    return replace(cfg, name=name, **changes)  # type: ignore[arg-type]


__all__ += ["with_experts"]

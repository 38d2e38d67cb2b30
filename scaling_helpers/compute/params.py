"""Parameter counting, with every convention explicit.

Conventions (mixing them up is the most common counting error):

* **Kaplan et al. 2020** (arXiv:2001.08361, Eq. 2.1): N = 12 * n_layer * d_model**2, the
  *non-embedding* weights of attention (4 d^2) and MLP (8 d^2) per layer with
  d_attn = d_ff / 4 = d_model; biases, norms, token and position embeddings excluded
  (:func:`kaplan_non_embedding`).
* **Exact non-embedding**: every parameter except the token embedding, a separate output
  matrix (``lm_head``) and a learned position table; includes biases, norms and relative-position
  weights (:func:`non_embedding_parameters`).
* **Chinchilla** (Hoffmann et al. 2022, App. F): N is the *total*, including embeddings
  (``count_parameters(cfg).total``). Chinchilla's Tables A4/A9 follow nanoGPT's counting, which
  counts one vocabulary matrix (:func:`scaling_helpers.compute.chinchilla_config`).
* **PaLM (MFU formula)**: total minus the learned position table; tied token embeddings are kept
  because they are used as the output layer (as in karpathy/nanoGPT ``transformer_sizing.ipynb``).

Use :func:`parameter_count` to pick a convention by name.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from .config import TransformerConfig

__all__ = [
    "ParameterBreakdown",
    "count_parameters",
    "kaplan_non_embedding",
    "kaplan_table1_non_embedding",
    "non_embedding_parameters",
    "parameter_count",
    "ParamConvention",
]

ParamConvention = Literal["total", "chinchilla", "non_embedding", "kaplan", "palm"]


@dataclass(frozen=True)
class ParameterBreakdown:
    """Exact parameter counts of a :class:`TransformerConfig`, by component.

    Attributes
    ----------
    embedding
        Token-embedding matrix, ``vocab_size * d_model``.
    positional
        Learned position table (``context_length * d_model``) or, for relative positions, the
        per-layer relative-key projections and bias vectors; 0 for rotary/none.
    attention
        Query, key, value and output projection *weights*, all layers.
    mlp
        MLP weights (two matrices, or three when gated), all layers.
    norms
        Normalisation gains (and LayerNorm biases when ``biases``): two per layer plus the final one.
    biases
        Biases of the linear layers (attention and MLP), all layers.
    lm_head
        Separate output matrix ``vocab_size * d_model``; 0 when embeddings are tied.
    total
        Sum of all of the above (Chinchilla's convention: total including embeddings).
    non_embedding
        ``total - embedding - lm_head - learned position table``.
    """

    embedding: int
    positional: int
    attention: int
    mlp: int
    norms: int
    biases: int
    lm_head: int
    total: int
    non_embedding: int

    def as_dict(self) -> dict[str, int]:
        """The breakdown as a plain ``dict`` (for tables)."""
        return asdict(self)

    def shares(self) -> dict[str, float]:
        """Each component as a fraction of ``total`` (components only, not ``total``/``non_embedding``)."""
        parts = {k: v for k, v in asdict(self).items() if k not in ("total", "non_embedding")}
        return {k: v / self.total for k, v in parts.items()}


def _check_cfg(cfg: object) -> TransformerConfig:
    if not isinstance(cfg, TransformerConfig):
        raise ValueError(
            "cfg must be a TransformerConfig (e.g. scaling_helpers.compute.GPT2_SMALL); "
            f"got {type(cfg).__name__}."
        )
    return cfg


def count_parameters(cfg: TransformerConfig) -> ParameterBreakdown:
    """Count the parameters of a decoder-only transformer exactly.

    Parameters
    ----------
    cfg
        The model shape.

    Returns
    -------
    ParameterBreakdown
        Counts by component, the total and the exact non-embedding count.

    Examples
    --------
    >>> from scaling_helpers.compute import GPT2_SMALL_NO_BIAS
    >>> count_parameters(GPT2_SMALL_NO_BIAS).total   # nanoGPT transformer_sizing.ipynb
    124337664
    """
    cfg = _check_cfg(cfg)
    d, L, d_ff = cfg.d_model, cfg.n_layers, cfg.ffw_size
    d_attn, d_kv = cfg.d_attn, cfg.d_kv

    embedding = cfg.vocab_size * d
    if cfg.positional == "learned":
        positional = cfg.context_length * d
    elif cfg.positional == "relative":
        positional = L * (d * d_attn + 2 * d_attn)
    else:
        positional = 0

    attention = L * (2 * d * d_attn + 2 * d * d_kv)  # W_q, W_o: d x d_attn; W_k, W_v: d x d_kv
    n_mlp_mats = 3 if cfg.gated_mlp else 2
    mlp = L * n_mlp_mats * d * d_ff

    biases = 0
    if cfg.biases:
        attn_b = d_attn + 2 * d_kv + d
        mlp_b = (2 * d_ff if cfg.gated_mlp else d_ff) + d
        biases = L * (attn_b + mlp_b)

    per_norm = 2 * d if (cfg.norm == "layernorm" and cfg.biases) else d
    norms = (2 * L + 1) * per_norm
    lm_head = 0 if cfg.tied_embeddings else cfg.vocab_size * d

    total = embedding + positional + attention + mlp + norms + biases + lm_head
    learned_table = positional if cfg.positional == "learned" else 0
    non_embedding = total - embedding - lm_head - learned_table
    return ParameterBreakdown(
        embedding=embedding,
        positional=positional,
        attention=attention,
        mlp=mlp,
        norms=norms,
        biases=biases,
        lm_head=lm_head,
        total=total,
        non_embedding=non_embedding,
    )


def kaplan_non_embedding(cfg: TransformerConfig) -> int:
    """Kaplan et al. (2020) Eq. 2.1: ``N = 12 * n_layer * d_model**2``.

    Assumes d_attn = d_model and d_ff = 4 d_model and ignores biases, norms and embeddings,
    whatever ``cfg`` says. For GPT-2 small this is 84,934,656 (12 x 12 x 768²).
    """
    cfg = _check_cfg(cfg)
    return 12 * cfg.n_layers * cfg.d_model**2


def kaplan_table1_non_embedding(cfg: TransformerConfig) -> int:
    """Kaplan et al. (2020) Table 1 total: ``N = 2 * d_model * n_layer * (2 d_attn + d_ff)``.

    Uses the config's own d_attn and d_ff (still multi-head, two-matrix MLP, no biases or norms);
    equals :func:`kaplan_non_embedding` when d_attn = d_model and d_ff = 4 d_model.
    """
    cfg = _check_cfg(cfg)
    return 2 * cfg.d_model * cfg.n_layers * (2 * cfg.d_attn + cfg.ffw_size)


def non_embedding_parameters(cfg: TransformerConfig) -> int:
    """Exact non-embedding count: total minus token embedding, ``lm_head`` and learned position table."""
    return count_parameters(cfg).non_embedding


def parameter_count(cfg: TransformerConfig, convention: ParamConvention = "total") -> int:
    """Parameter count of ``cfg`` under a named convention.

    Parameters
    ----------
    cfg
        The model shape.
    convention
        ``"total"`` or ``"chinchilla"`` (all parameters, Hoffmann et al. 2022 App. F);
        ``"non_embedding"`` (exact, without token/position embeddings and ``lm_head``);
        ``"kaplan"`` (12 n_layer d_model^2, Kaplan Eq. 2.1);
        ``"palm"`` (total minus the learned position table, as in PaLM's MFU formula).
    """
    b = count_parameters(cfg)
    if convention in ("total", "chinchilla"):
        return b.total
    if convention == "non_embedding":
        return b.non_embedding
    if convention == "kaplan":
        return kaplan_non_embedding(cfg)
    if convention == "palm":
        return b.total - (b.positional if cfg.positional == "learned" else 0)
    raise ValueError(
        "convention must be one of 'total', 'chinchilla', 'non_embedding', 'kaplan', 'palm'; "
        f"got {convention!r}."
    )

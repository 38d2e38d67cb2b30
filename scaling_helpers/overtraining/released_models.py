"""Tokens per parameter of released language models, with release dates.

Chinchilla's rule of thumb is about 20 training tokens per parameter (Hoffmann et al. 2022, arXiv:2203.15556,
Table 3, Approach 1). Models released since 2023 are trained far beyond it, because a smaller model trained
longer is cheaper to serve (chapter 6). Every entry names its source (paper and table, or announcement);
``approximate=True`` marks numbers that are lower bounds ("over 15T tokens") or the size of a whole training
corpus rather than a per-model count, with the reason in the entry's source.

Parameter counts are the nominal sizes in the model names unless stated (Gemma reports larger actual
counts, which are used). Release dates are those of the first public announcement or the arXiv
submission; the figure only needs the month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..common.validate import positive_scalar

__all__ = ["ReleasedModel", "RELEASED_MODELS", "CHINCHILLA_TOKENS_PER_PARAM", "released_models_table"]

#: Chinchilla's rule of thumb: ~20 tokens per parameter (Hoffmann et al. 2022, Table 3, Approach 1; 70B x 1.4T).
CHINCHILLA_TOKENS_PER_PARAM: float = 20.0


@dataclass(frozen=True)
class ReleasedModel:
    """One released model and its training-token count."""

    name: str
    """Model name as released."""
    family: str
    """Model family (used for colours)."""
    params: float
    """Parameters used for tokens/param; for a mixture of experts the *active* parameters per token."""
    tokens: float
    """Pre-training tokens."""
    released: date
    """First public release (about a week's accuracy)."""
    source: str
    """Where the numbers come from (paper and table, or announcement)."""
    approximate: bool = False
    """True when a number is a lower bound or a corpus size rather than a per-model count."""
    total_params: float | None = None
    """Total parameters of a mixture of experts (None for dense models)."""

    def __post_init__(self) -> None:
        positive_scalar(self.params, "params")
        positive_scalar(self.tokens, "tokens")
        if self.total_params is not None:
            positive_scalar(self.total_params, "total_params")

    @property
    def tokens_per_param(self) -> float:
        """Training tokens per (active) parameter, Gadre et al.'s multiplier M = D/N."""
        return self.tokens / self.params

    def over_training_factor(self, reference: float = CHINCHILLA_TOKENS_PER_PARAM) -> float:
        """Tokens per parameter relative to ``reference`` (default: Chinchilla's 20)."""
        return self.tokens_per_param / positive_scalar(reference, "reference (tokens per parameter)")

    @property
    def year(self) -> float:
        """Release date as a fractional year (for plotting)."""
        start = date(self.released.year, 1, 1)
        days = (date(self.released.year + 1, 1, 1) - start).days
        return self.released.year + (self.released - start).days / days


_LLAMA2 = "Touvron et al. 2023, Llama 2, arXiv:2307.09288, Table 1: 2.0T tokens for every size"
_LLAMA3 = ("Meta, 'Introducing Meta Llama 3' (2024-04-18): 'pretrained on over 15T tokens'; 15T used, so "
           "tokens/param is a lower bound")
_GEMMA2 = ("Gemma Team 2024, Gemma 2, arXiv:2408.00118: 27B on 13T, 9B on 8T, 2B (2.6B) on 2T tokens (Sec. 3.1)")
_GEMMA3 = ("Gemma Team 2025, Gemma 3, arXiv:2503.19786, Sec. 2.2 and the Gemma 3 model card: 1B on 2T, "
           "27B on 14T tokens")
_QWEN = ("Qwen Team 2024, Qwen2.5 technical report, arXiv:2412.15115: pre-training data grown from 7T to 18T "
         "tokens (abstract); 18T is the corpus size: the report gives no per-size token counts, so the entry "
         "is marked approximate")

#: Released models, oldest first.
RELEASED_MODELS: tuple[ReleasedModel, ...] = (
    ReleasedModel("GPT-3 175B", "GPT-3", 175e9, 300e9, date(2020, 5, 28),
                  "Brown et al. 2020, arXiv:2005.14165, Sec. 2.2 and Table D.1: 300B training tokens "
                  ""),
    ReleasedModel("Chinchilla 70B", "Chinchilla", 70e9, 1.4e12, date(2022, 3, 29),
                  "Hoffmann et al. 2022, arXiv:2203.15556, Table 1"),
    ReleasedModel("LLaMA 7B", "Llama", 7e9, 1.0e12, date(2023, 2, 24),
                  "Touvron et al. 2023, LLaMA, arXiv:2302.13971, Fig. 1 and Table 2: 7B and 13B on 1.0T "
                  "tokens"),
    ReleasedModel("LLaMA 65B", "Llama", 65e9, 1.4e12, date(2023, 2, 24),
                  "Touvron et al. 2023, LLaMA, arXiv:2302.13971, Table 2: 33B and 65B on 1.4T tokens"),
    ReleasedModel("Llama 2 7B", "Llama", 7e9, 2.0e12, date(2023, 7, 18), _LLAMA2),
    ReleasedModel("Llama 2 70B", "Llama", 70e9, 2.0e12, date(2023, 7, 18), _LLAMA2),
    ReleasedModel("Gemma 2B", "Gemma", 2.5e9, 3e12, date(2024, 2, 21),
                  "Gemma Team 2024, arXiv:2403.08295: 'Gemma 2B and 7B are trained on 3T and 6T tokens' (Sec. 3); "
                  "2.5B actual parameters with embeddings (Table 2)"),
    ReleasedModel("Gemma 7B", "Gemma", 8.5e9, 6e12, date(2024, 2, 21),
                  "Gemma Team 2024, arXiv:2403.08295, Sec. 3: 6T tokens; 8.5B actual parameters with embeddings"),
    ReleasedModel("Llama 3 8B", "Llama", 8e9, 15e12, date(2024, 4, 18), _LLAMA3, approximate=True),
    ReleasedModel("Llama 3 70B", "Llama", 70e9, 15e12, date(2024, 4, 18), _LLAMA3, approximate=True),
    ReleasedModel("Gemma 2 9B", "Gemma", 9e9, 8e12, date(2024, 6, 27), _GEMMA2),
    ReleasedModel("Gemma 2 27B", "Gemma", 27e9, 13e12, date(2024, 6, 27), _GEMMA2),
    ReleasedModel("Llama 3.1 405B", "Llama", 405e9, 15.6e12, date(2024, 7, 23),
                  "Llama Team 2024, The Llama 3 Herd of Models, arXiv:2407.21783, Sec. 3.3: 405B on 15.6T tokens"),
    ReleasedModel("Gemma 2 2B", "Gemma", 2.6e9, 2e12, date(2024, 7, 31), _GEMMA2),
    ReleasedModel("Qwen2.5 0.5B", "Qwen", 0.5e9, 18e12, date(2024, 9, 19), _QWEN, approximate=True),
    ReleasedModel("Qwen2.5 7B", "Qwen", 7e9, 18e12, date(2024, 9, 19), _QWEN, approximate=True),
    ReleasedModel("Qwen2.5 72B", "Qwen", 72e9, 18e12, date(2024, 9, 19), _QWEN, approximate=True),
    ReleasedModel("DeepSeek-V3", "DeepSeek", 37e9, 14.8e12, date(2024, 12, 26),
                  "DeepSeek-AI 2024, arXiv:2412.19437, abstract: 671B total / 37B activated parameters, "
                  "14.8T tokens; 400 tokens per active parameter, 22 per total parameter (derived)",
                  total_params=671e9),
    ReleasedModel("Gemma 3 1B", "Gemma", 1e9, 2e12, date(2025, 3, 12), _GEMMA3),
    ReleasedModel("Gemma 3 27B", "Gemma", 27e9, 14e12, date(2025, 3, 12), _GEMMA3),
)


def _fmt(x: float) -> str:
    """Round for the table: 1.7, 21.4 -> 21, 1,875."""
    return f"{x:,.0f}" if x >= 10 else f"{x:.2g}"


def released_models_table(models: tuple[ReleasedModel, ...] = RELEASED_MODELS) -> str:
    """A plain-text table (rounded, deterministic): name, release month, params, tokens, tokens/param.

    Approximate entries are marked with ``~``; for a mixture of experts (``*``) params are the active ones.
    """
    lines = [f"{'model':<26}{'released':>9}{'params':>9}{'tokens':>9}{'tokens/param':>14}{'x Chinchilla':>14}"]
    for m in models:
        mark = "~" if m.approximate else " "
        lines.append(
            f"{m.name + ('*' if m.total_params else ''):<26}{m.released.strftime('%Y-%m'):>9}{m.params / 1e9:>8.3g}B{m.tokens / 1e12:>8.3g}T"
            f"{mark:>2}{_fmt(m.tokens_per_param):>12}{_fmt(m.over_training_factor()):>14}"
        )
    return "\n".join(lines)

"""Learning-rate and batch-size laws: DeepSeek LLM's η_opt(C) and B_opt(C), McCandlish's steps/examples trade-off.

Sources
-------
* DeepSeek-AI (2024), "DeepSeek LLM: Scaling Open-Source Language Models with Longtermism", arXiv:2401.02954,
  Sec. 3.1, Eq. 1: ``η_opt = 0.3118 · C^(-0.1250)`` and ``B_opt = 0.2920 · C^(0.3271)`` with ``C`` in FLOPs and
  ``B`` in tokens, fitted on runs from 1e17 to 2e19 FLOPs. Their compute is ``C = M · D`` (Sec. 3.2, Eq. 2-3) with
  ``M = 72 n_layer d_model² + 12 n_layer d_model l_seq`` the non-embedding FLOPs per token (attention included,
  no factor 6 on top). Table 2 lists the hyper-parameters the 7B and 67B models were trained with
  (:data:`DEEPSEEK_TABLE2`).
* McCandlish, Kaplan, Amodei et al. (2018), "An Empirical Model of Large-Batch Training", arXiv:1812.06162:
  reaching a given loss with batch ``B`` takes ``S = S_min (1 + B_noise/B)`` steps and ``E = E_min (1 + B/B_noise)``
  examples, so that ``(S/S_min - 1)(E/E_min - 1) = 1`` (their Sec. 2; Kaplan et al. 2020, Eq. 5.1, write it with
  ``B_crit = E_min/S_min``). Kaplan's loss-dependent ``B_crit(L)`` lives in :mod:`scaling_helpers.kaplan.batch`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import positive, positive_int, positive_scalar
from ..kaplan import critical_batch_size, loss_vs_compute

__all__ = ["PowerLaw", "DEEPSEEK_LR", "DEEPSEEK_BATCH", "DeepSeekModel", "DEEPSEEK_TABLE2",
           "deepseek_flops_per_token", "deepseek_compute", "optimal_learning_rate", "optimal_batch_size",
           "steps_factor", "examples_factor", "HyperparameterPlan", "plan_hyperparameters"]

Number = float | np.ndarray


@dataclass(frozen=True)
class PowerLaw:
    """``y = coefficient · C^exponent`` with ``C`` in FLOPs."""

    coefficient: float
    exponent: float
    unit: str
    source: str

    def __call__(self, C: ArrayLike) -> Number:
        c = positive(C, "C (compute)", unit="FLOPs")
        if np.any(np.asarray(c) < 1e6):
            raise ValueError("C is in FLOPs (e.g. 1e20); a value below 1e6 looks like PF-days or a model size.")
        return self.coefficient * c**self.exponent


#: DeepSeek LLM (arXiv:2401.02954), Sec. 3.1, Eq. 1: optimal peak learning rate (AdamW) vs compute C = M·D in FLOPs.
DEEPSEEK_LR = PowerLaw(0.3118, -0.1250, "learning rate", "DeepSeek LLM (arXiv:2401.02954), Eq. 1")
#: DeepSeek LLM (arXiv:2401.02954), Sec. 3.1, Eq. 1: optimal batch size in tokens vs compute C = M·D in FLOPs.
DEEPSEEK_BATCH = PowerLaw(0.2920, 0.3271, "tokens", "DeepSeek LLM (arXiv:2401.02954), Eq. 1")


@dataclass(frozen=True)
class DeepSeekModel:
    """One row of DeepSeek LLM's Table 2 (arXiv:2401.02954): shape and the hyper-parameters it was trained with."""

    name: str
    n_layer: int
    d_model: int
    seq_len: int
    batch_sequences: int
    learning_rate: float
    tokens: float

    @property
    def batch_tokens(self) -> float:
        """Batch size in tokens: sequences times the context length."""
        return float(self.batch_sequences * self.seq_len)


#: DeepSeek LLM, Table 2 (also the README of deepseek-ai/DeepSeek-LLM): 7B and 67B, context 4096, 2.0T tokens.
DEEPSEEK_TABLE2: tuple[DeepSeekModel, ...] = (
    DeepSeekModel("DeepSeek LLM 7B", 30, 4096, 4096, 2304, 4.2e-4, 2.0e12),
    DeepSeekModel("DeepSeek LLM 67B", 95, 8192, 4096, 4608, 3.2e-4, 2.0e12),
)


def deepseek_flops_per_token(n_layer: int, d_model: int, seq_len: int) -> float:
    """DeepSeek's model scale ``M = 72 n_layer d_model² + 12 n_layer d_model l_seq`` (non-embedding FLOPs per token).

    DeepSeek LLM (arXiv:2401.02954), Sec. 3.2, Eq. 2. It counts forward and backward passes of the non-embedding
    weights and the attention computation; it is *not* a parameter count (``6 N`` would leave out attention).

    Examples
    --------
    >>> f"{deepseek_flops_per_token(8, 512, 4096):.4g}"
    '3.523e+08'
    """
    n = positive_int(n_layer, "n_layer")
    d = positive_int(d_model, "d_model")
    seq = positive_int(seq_len, "seq_len")
    return 72.0 * n * d * d + 12.0 * n * d * seq


def deepseek_compute(M: ArrayLike, D: ArrayLike) -> Number:
    """Training compute ``C = M · D`` in FLOPs (DeepSeek LLM, Eq. 3): FLOPs per token times tokens, no factor 6."""
    return positive(M, "M (FLOPs per token)") * positive(D, "D (tokens)")


def optimal_learning_rate(C: ArrayLike) -> Number:
    """DeepSeek's near-optimal peak learning rate ``η_opt = 0.3118 · C^-0.1250`` (arXiv:2401.02954, Eq. 1).

    Examples
    --------
    >>> f"{optimal_learning_rate(1e20):.3g}"
    '0.000986'
    """
    return DEEPSEEK_LR(C)


def optimal_batch_size(C: ArrayLike) -> Number:
    """DeepSeek's near-optimal batch size ``B_opt = 0.2920 · C^0.3271`` in tokens (arXiv:2401.02954, Eq. 1)."""
    return DEEPSEEK_BATCH(C)


def steps_factor(B: ArrayLike, B_noise: ArrayLike) -> Number:
    """``S / S_min = 1 + B_noise / B``: how many more steps than the minimum a batch of ``B`` needs (McCandlish et al. 2018; Kaplan Eq. 5.1)."""
    return 1.0 + positive(B_noise, "B_noise") / positive(B, "B (batch size)")


def examples_factor(B: ArrayLike, B_noise: ArrayLike) -> Number:
    """``E / E_min = 1 + B / B_noise``: how many more examples than the minimum a batch of ``B`` uses (Kaplan Eq. 5.1)."""
    return 1.0 + positive(B, "B (batch size)") / positive(B_noise, "B_noise")


@dataclass(frozen=True)
class HyperparameterPlan:
    """Learning rate and batch sizes for one budget, each with the paper it comes from."""

    C: float
    """Budget in FLOPs."""
    eta_opt: float
    """DeepSeek LLM Eq. 1 (C = M·D, AdamW peak learning rate)."""
    B_opt: float
    """DeepSeek LLM Eq. 1, tokens per batch."""
    loss: float
    """The loss B_crit is evaluated at (nats per token): given, or Kaplan's L(C_min) (Eq. 1.3) at C."""
    B_crit: float
    """Kaplan et al. 2020, Eq. 5.3 at that loss, tokens per batch."""

    loss_given: bool = False
    """True if the caller gave the loss, False if it is Kaplan's L(C_min)."""

    def sources(self) -> dict[str, str]:
        """Which paper each number comes from."""
        return {"eta_opt": DEEPSEEK_LR.source, "B_opt": DEEPSEEK_BATCH.source,
                "loss": "given" if self.loss_given else "Kaplan et al. 2020 (arXiv:2001.08361), Eq. 1.3, L(C_min)",
                "B_crit": "Kaplan et al. 2020 (arXiv:2001.08361), Eq. 5.3, B* = 2.1e8 tokens, alpha_B = 0.21"}

    def __str__(self) -> str:
        return (f"C = {self.C:.3g} FLOPs: eta_opt = {self.eta_opt:.3g}, B_opt = {self.B_opt:.3g} tokens "
                f"(DeepSeek LLM Eq. 1); B_crit = {self.B_crit:.3g} tokens at L = {self.loss:.3g} nats/token "
                f"(Kaplan Eq. 5.3)")


def plan_hyperparameters(C: float, loss: float | None = None) -> HyperparameterPlan:
    """Plan the peak learning rate and batch size for a budget ``C`` in FLOPs.

    ``eta_opt`` and ``B_opt`` come from DeepSeek LLM (Eq. 1); ``B_crit`` from Kaplan et al. (2020, Eq. 5.3) at
    ``loss`` (nats per token), by default Kaplan's own compute-frontier loss L(C_min) at ``C`` (Eq. 1.3; WebText2,
    GPT-2 tokeniser). The laws come from different data, tokenisers and compute conventions: read the three numbers
    as a range to test around, not as one consistent prescription.
    """
    c = positive_scalar(C, "C", unit="FLOPs")
    if c < 1e6:
        raise ValueError("C is in FLOPs (e.g. 1e21); a value below 1e6 looks like PF-days.")
    given = loss is not None
    L = positive_scalar(loss, "loss", unit="nats per token") if given else float(loss_vs_compute(c, unit="flops"))
    return HyperparameterPlan(c, float(optimal_learning_rate(c)), float(optimal_batch_size(c)), L,
                              float(critical_batch_size(L)), given)

"""Published training runs used as cross-checks: parameters, tokens, reported FLOPs and GPU-hours.

Every number cites its source (paper and table, model card or repository); "derived" marks arithmetic
from the cited numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from .flops import training_flops_6nd
from .hardware import implied_mfu

__all__ = ["TrainingRun", "REFERENCE_RUNS"]


@dataclass(frozen=True)
class TrainingRun:
    """A published training run.

    Attributes
    ----------
    name
        Model name.
    n_params
        Parameters used for 6ND (total; for a mixture of experts the *active* parameters).
    n_tokens
        Training tokens.
    reported_flops
        Compute as printed by the source, or ``None``.
    gpu
        Accelerator name in :data:`~scaling_helpers.compute.ACCELERATORS`, or ``None``.
    gpu_hours
        Reported accelerator-hours, or ``None``.
    source
        Citations with provenance tags.
    """

    name: str
    n_params: float
    n_tokens: float
    reported_flops: float | None
    gpu: str | None
    gpu_hours: float | None
    source: str

    @property
    def flops_6nd(self) -> float:
        """``6 * n_params * n_tokens``."""
        return float(training_flops_6nd(self.n_params, self.n_tokens))

    @property
    def tokens_per_param(self) -> float:
        """``n_tokens / n_params``."""
        return self.n_tokens / self.n_params

    def implied_mfu(self, flops: float | None = None) -> float | None:
        """MFU implied by the GPU-hours for ``flops`` (default: reported FLOPs, else 6ND); None if unknown."""
        if self.gpu is None or self.gpu_hours is None:
            return None
        if flops is None:
            flops = self.reported_flops if self.reported_flops is not None else self.flops_6nd
        return implied_mfu(flops, self.gpu_hours, self.gpu)


REFERENCE_RUNS: dict[str, TrainingRun] = {
    "gpt3-175b": TrainingRun(
        "GPT-3 175B",
        174.6e9,
        300e9,
        3.14e23,
        None,
        None,
        "Brown et al. 2020, arXiv:2005.14165, Table D.1: 174.6B params, 300B tokens, 3.14e23 FLOPs = 3.64e3 PF-days",
    ),
    "chinchilla-70b": TrainingRun(
        "Chinchilla 70B",
        70e9,
        1.4e12,
        5.76e23,
        None,
        None,
        "Hoffmann et al. 2022, arXiv:2203.15556, Tables 1 and 3: 70B, 1.4T tokens, budget 5.76e23 FLOPs; "
        "6ND = 5.88e23 (derived)",
    ),
    "gopher-280b": TrainingRun(
        "Gopher 280B",
        280e9,
        300e9,
        5.76e23,
        None,
        None,
        "Hoffmann et al. 2022, arXiv:2203.15556, Sec. 4.1: same 5.76e23 budget as Chinchilla; "
        "6ND = 5.04e23 (derived)",
    ),
    "llama2-70b": TrainingRun(
        "Llama 2 70B",
        70e9,
        2.0e12,
        None,
        "A100",
        1_720_320,
        "Touvron et al. 2023 (Llama 2, arXiv:2307.09288), Table 1 (2.0T tokens) and Table 2 "
        "(1,720,320 A100-80GB hours)",
    ),
    "llama3-405b": TrainingRun(
        "Llama 3 405B",
        405e9,
        15.6e12,
        3.8e25,
        "H100-SXM",
        30.84e6,
        "Llama 3 paper (arXiv:2407.21783), Sec. 3.3: 405B, 15.6T tokens, 3.8e25 FLOPs; "
        "30.84M H100-hours from the Llama 3.1 405B model card (training energy use)",
    ),
    "deepseek-v3": TrainingRun(
        "DeepSeek-V3 (37B active of 671B)",
        37e9,
        14.8e12,
        None,
        "H800",
        2.664e6,
        "DeepSeek-AI 2024, arXiv:2412.19437: 37B activated params, 14.8T tokens (abstract); 2,664K "
        "pre-training H800-hours (Table 1; also in the deepseek-ai/DeepSeek-V3 README)",
    ),
    "nanogpt-gpt2-small": TrainingRun(
        "nanoGPT GPT-2 small",
        124_337_664,
        300e9,
        None,
        "A100",
        None,
        "karpathy/nanoGPT transformer_sizing.ipynb: 124,337,664 params, 300B tokens, 8 x A100",
    ),
}

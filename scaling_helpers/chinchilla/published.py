"""Published tables of the Chinchilla paper and its replication, transcribed once for notebooks and tests.

Sources
-------
- Hoffmann et al. (2022), "Training Compute-Optimal Large Language Models", arXiv:2203.15556:
  Table 2 (exponents of the three approaches), Table 3 (Approach 1 projections), Table A3 (Approach 2 and 3
  projections), Eq. 10 (Approach 3 constants; see :mod:`scaling_helpers.chinchilla.laws`).
- Hoffmann et al. (2022), Table 1: the sizes and training tokens of the large models placed on Figure 1
  (:data:`FIGURE1_MODELS`).
- Llama Team, AI @ Meta (2024), "The Llama 3 Herd of Models", arXiv:2407.21783, Sec. 3.2.1: the power law for
  the compute-optimal number of training tokens (:data:`LLAMA3_TOKENS_LAW`).
- Besiroglu, Erdil, Barnett & You (2024), "Chinchilla Scaling: A replication attempt", arXiv:2404.10102,
  Table 1, and the "Replicate exactly" grid fit of the authors' ``data_analysis.ipynb``
  (repository epoch-research/analyzing-chinchilla, commit 92258837425e1b5f2851d624287f0120583a3d0e).

Values are copied as printed (including the typo in Table A3, see :data:`TABLE_A3_APPROACH3`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.validate import positive_array

__all__ = [
    "ExponentRow",
    "ProjectionRow",
    "TABLE2_EXPONENTS",
    "TABLE3_APPROACH1",
    "TABLE_A3_APPROACH2",
    "TABLE_A3_APPROACH3",
    "TABLE_A3_TYPO",
    "CHINCHILLA_BUDGET_FLOPS",
    "EPOCH_GRID_FIT",
    "EPOCH_TABLE1",
    "PublishedModel",
    "FIGURE1_MODELS",
    "TokensLaw",
    "LLAMA3_TOKENS_LAW",
    "LLAMA3_FLAGSHIP",
]


@dataclass(frozen=True)
class ExponentRow:
    """One row of Hoffmann et al. (2022) Table 2: ``N_opt ∝ C**a`` and ``D_opt ∝ C**b``."""

    approach: str
    """Name of the estimation approach."""
    a: float
    """Exponent of the compute-optimal model size."""
    b: float
    """Exponent of the compute-optimal token count."""
    a_interval: tuple[float, float] | None = None
    """10th and 90th bootstrap percentiles of ``a`` (80% of the data, 100 resamples), if printed."""
    b_interval: tuple[float, float] | None = None
    """10th and 90th bootstrap percentiles of ``b``, if printed."""


@dataclass(frozen=True)
class ProjectionRow:
    """One row of a projection table: a model size and the compute and tokens it is optimal for."""

    params: float
    """Model size in parameters."""
    flops: float
    """Training compute in FLOPs, as printed."""
    tokens: float
    """Training tokens, as printed (rounded to 3-5 significant figures)."""


#: Hoffmann et al. (2022), arXiv:2203.15556, Table 2. Parentheses in the paper = 10th/90th percentiles.
#: Note: the Approach-3 interval (0.454, 0.455) does not contain its own point estimate 0.46; with the
#: rounded Eq. 10 constants a = 0.28/0.62 = 0.4516, with the unrounded ones a = 0.4565.
TABLE2_EXPONENTS: dict[str, ExponentRow] = {
    "approach_1": ExponentRow("1. Minimum over training curves", 0.50, 0.50, (0.488, 0.502), (0.501, 0.512)),
    "approach_2": ExponentRow("2. IsoFLOP profiles", 0.49, 0.51, (0.462, 0.534), (0.483, 0.529)),
    "approach_3": ExponentRow("3. Parametric modelling of the loss", 0.46, 0.54,
                              (0.454, 0.455), (0.542, 0.543)),
    "kaplan_2020": ExponentRow("Kaplan et al. (2020)", 0.73, 0.27),
}

#: Hoffmann et al. (2022), arXiv:2203.15556, Table 3: Approach-1 projections (≈ 20 tokens per parameter;
#: the origin of the "20 tokens/param" rule). 6·N·D reproduces the FLOPs column within 1% except the 67B
#: row (6 · 67e9 · 1.5e12 = 6.03e23 vs 5.76e23: the 1.5T tokens are rounded). The "FLOPs (in Gopher
#: units)" column is omitted.
TABLE3_APPROACH1: tuple[ProjectionRow, ...] = (
    ProjectionRow(400e6, 1.92e19, 8.0e9),
    ProjectionRow(1e9, 1.21e20, 20.2e9),
    ProjectionRow(10e9, 1.23e22, 205.1e9),
    ProjectionRow(67e9, 5.76e23, 1.5e12),
    ProjectionRow(175e9, 3.85e24, 3.7e12),
    ProjectionRow(280e9, 9.90e24, 5.9e12),
    ProjectionRow(520e9, 3.43e25, 11.0e12),
    ProjectionRow(1e12, 1.27e26, 21.2e12),
    ProjectionRow(10e12, 1.30e28, 216.2e12),
)

#: Hoffmann et al. (2022), arXiv:2203.15556, Table A3, Approach-2 (IsoFLOP profiles) columns.
TABLE_A3_APPROACH2: tuple[ProjectionRow, ...] = (
    ProjectionRow(400e6, 1.84e19, 7.7e9),
    ProjectionRow(1e9, 1.20e20, 20.0e9),
    ProjectionRow(10e9, 1.32e22, 219.5e9),
    ProjectionRow(67e9, 6.88e23, 1.7e12),
    ProjectionRow(175e9, 4.54e24, 4.3e12),
    ProjectionRow(280e9, 1.18e25, 7.1e12),
    ProjectionRow(520e9, 4.19e25, 13.4e12),
    ProjectionRow(1e12, 1.59e26, 26.5e12),
    ProjectionRow(10e12, 1.75e28, 292.0e12),
)

#: Hoffmann et al. (2022), arXiv:2203.15556, Table A3, Approach-3 (parametric fit) columns, **as printed**.
#: The 175B FLOPs entry "1.26e+24" is a typo for 1.26e25 (6 · 175e9 · 12.0e12 = 1.26e25); see
#: :data:`TABLE_A3_TYPO`.
TABLE_A3_APPROACH3: tuple[ProjectionRow, ...] = (
    ProjectionRow(400e6, 2.21e19, 9.2e9),
    ProjectionRow(1e9, 1.62e20, 27.1e9),
    ProjectionRow(10e9, 2.46e22, 410.1e9),
    ProjectionRow(67e9, 1.71e24, 4.1e12),
    ProjectionRow(175e9, 1.26e24, 12.0e12),  # sic: should be 1.26e25
    ProjectionRow(280e9, 3.52e25, 20.1e12),
    ProjectionRow(520e9, 1.36e26, 43.5e12),
    ProjectionRow(1e12, 5.65e26, 94.1e12),
    ProjectionRow(10e12, 8.55e28, 1425.5e12),
)

#: The known typo in Table A3 (Approach 3, 175B row): printed and corrected FLOPs.
TABLE_A3_TYPO: dict[str, float] = {"params": 175e9, "printed_flops": 1.26e24, "corrected_flops": 1.26e25}

#: Compute budget of Chinchilla and Gopher as stated by Hoffmann et al. (2022), Sec. 4.1 / Table 3
#: (6·N·D gives 5.88e23 for Chinchilla's 70B params x 1.4T tokens and 5.04e23 for Gopher's 280B x 300B).
CHINCHILLA_BUDGET_FLOPS: float = 5.76e23

#: Besiroglu et al. (2024), arXiv:2404.10102, Table 1 (bootstrap standard errors in ``*_se``); fitted on
#: the 240 points of Hoffmann Fig. 4 (left) extracted from the SVG.
EPOCH_TABLE1: dict[str, float] = {
    "A": 482.01, "A_se": 124.58,
    "B": 2085.43, "B_se": 1293.23,
    "E": 1.8172, "E_se": 0.03,
    "alpha": 0.3478, "alpha_se": 0.02,
    "beta": 0.3658, "beta_se": 0.02,
    "n_points": 240,
}

#: The "Replicate exactly" fit of epoch-research/analyzing-chinchilla ``data_analysis.ipynb`` (last
#: committed run): scipy L-BFGS-B from Hoffmann's 4500-start grid, summed Huber (delta = 1e-3) on
#: log-loss, 240 points. ``objective`` is the summed Huber loss at the optimum.
EPOCH_GRID_FIT: dict[str, float] = {
    "A": 477.84, "B": 2143.86, "E": 1.81724, "alpha": 0.34731, "beta": 0.36718, "objective": 1.01827e-3,
}


@dataclass(frozen=True)
class PublishedModel:
    """A trained model as placed on Hoffmann et al. (2022) Figure 1: its size, tokens and training compute."""

    name: str
    """Model name."""
    params: float
    """Parameters, Hoffmann et al. (2022) Table 1."""
    tokens: float
    """Training tokens, Hoffmann et al. (2022) Table 1."""
    flops: float
    """Training compute in FLOPs (see :attr:`flops_source`)."""
    flops_source: str
    """Where :attr:`flops` comes from."""


#: The four models of Hoffmann et al. (2022) Figure 1, sizes and tokens from Table 1 (GPT-3 175B / 300B tokens,
#: Gopher 280B / 300B, Megatron-Turing NLG 530B / 270B, Chinchilla 70B / 1.4T). Chinchilla and Gopher sit at the
#: budget the paper states for both, 5.76e23 FLOPs (:data:`CHINCHILLA_BUDGET_FLOPS`); GPT-3 and MT-NLG at
#: C = 6·N·D from their Table-1 size and tokens.
FIGURE1_MODELS: tuple[PublishedModel, ...] = (
    PublishedModel("Chinchilla", 70e9, 1.4e12, CHINCHILLA_BUDGET_FLOPS, "Hoffmann et al. 2022, Sec. 4.1"),
    PublishedModel("Gopher", 280e9, 300e9, CHINCHILLA_BUDGET_FLOPS, "Hoffmann et al. 2022, Sec. 4.1"),
    PublishedModel("GPT-3", 175e9, 300e9, 6 * 175e9 * 300e9, "6·N·D from Hoffmann et al. 2022, Table 1"),
    PublishedModel("Megatron-Turing NLG", 530e9, 270e9, 6 * 530e9 * 270e9,
                   "6·N·D from Hoffmann et al. 2022, Table 1"),
)


@dataclass(frozen=True)
class TokensLaw:
    """A published power law for the compute-optimal number of training tokens, ``D*(C) = A C**alpha``.

    The compute-optimal model size follows from ``C = 6 N D``: ``N*(C) = C / (6 D*(C))``.
    """

    A: float
    """Prefactor (tokens at C = 1 FLOP)."""
    alpha: float
    """Exponent of the compute budget."""
    fit_range: tuple[float, float]
    """Budgets (FLOPs) of the runs the law was fitted on."""
    source: str
    """Citation."""

    def tokens(self, C: ArrayLike) -> NDArray[np.float64]:
        """Compute-optimal training tokens ``A C**alpha`` at budgets ``C`` (FLOPs, > 0)."""
        c = positive_array(np.atleast_1d(C), "C (FLOPs)")
        return self.A * c**self.alpha

    def params(self, C: ArrayLike) -> NDArray[np.float64]:
        """Compute-optimal parameters ``C / (6 D*(C))`` at budgets ``C`` (FLOPs, > 0)."""
        c = positive_array(np.atleast_1d(C), "C (FLOPs)")
        return c / (6.0 * self.tokens(c))


#: Llama 3's law for the compute-optimal number of training tokens, arXiv:2407.21783, Sec. 3.2.1: "we assume a
#: power-law relation between compute budget, C, and the optimal number of training tokens, N*(C)" with
#: (alpha, A) = (0.53, 0.29), fitted on isoFLOP minima of runs between 6e18 and 1e22 FLOPs (Figures 2 and 3).
#: The paper calls the tokens N*; the course writes D*. The paper extrapolates it to 3.8e25 FLOPs: "a 402B
#: parameter model on 16.55T tokens" (:data:`LLAMA3_FLAGSHIP`). With the two-digit constants the law gives
#: 1.05e13 tokens there: the printed constants are rounded.
LLAMA3_TOKENS_LAW = TokensLaw(A=0.29, alpha=0.53, fit_range=(6e18, 1e22),
                              source="Llama Team 2024, arXiv:2407.21783, Sec. 3.2.1")

#: The extrapolation stated in Llama 3 Sec. 3.2.1: budget (FLOPs), parameters and tokens.
LLAMA3_FLAGSHIP: dict[str, float] = {"flops": 3.8e25, "params": 402e9, "tokens": 16.55e12}

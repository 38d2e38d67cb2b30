"""Scaling laws for routed (Mixture-of-Experts) language models, and the geometric-mean heuristic.

Clark et al. 2022 — "Unified Scaling Laws for Routed Language Models" (ICML 2022, arXiv:2202.01169)
    ``log10 L(N, E) = a·log10 N + b·log10 Ê + c·log10 N·log10 Ê + d`` (their Eq. 1), where ``N`` is the
    parameter count of the *dense base model* (so it also fixes the FLOPs per token), ``E`` the number of
    experts and ``Ê`` a saturating transform of ``E``:
    ``1/Ê = 1/(E − 1 + (1/E_start − 1/E_max)^−1) + 1/E_max`` (so ``Ê(1) = E_start`` and ``Ê → E_max``).
    Every model was trained on the same 130B tokens: the law says nothing about other token budgets.
    Constants: Table 3 (S-BASE, RL-R and Hash routing), printed to three decimals. With these rounded
    constants routing stops helping at ``N = 10^(−b/c)`` = 1.0e12 (S-BASE); the paper's 937B
    comes from its unrounded fit, and ``b/c`` is sensitive to the third decimal of ``c``.

Krajewski, Ludziejewski et al. 2024 — "Scaling Laws for Fine-Grained Mixture of Experts" (ICML 2024,
arXiv:2402.07871)
    ``L(N, D, G) = c + (g/G^γ + a)/N^α + b/D^β`` (their Eq. 9) with granularity ``G = d_ff / d_expert``
    (each token goes to ``G`` experts ``G`` times smaller, so active parameters do not change) at a fixed
    expansion rate ``E = 64`` (total FFN parameters / dense FFN parameters). Constants of Table 1 (MoE:
    a = 18.1, α = 0.115, b = 30.8, β = 0.147, g = 2.1, γ = 0.58, c = 0.47; dense: a = 16.3, α = 0.126,
    b = 26.7, β = 0.127, c = 0.47) are printed to two or three significant digits. The authors' code holds
    the same values (repository llm-random/llm-random, branch ``scaling_laws_paper``, file
    ``scaling_laws/scaling_config.yaml``, with ``c = 0.472``). ``N`` is the *total* number of non-embedding
    parameters: that code fits with ``use_active_params: false`` and counts ``4·d_model²·(2E + 1)`` per
    block; with ``N`` = active parameters the MoE law would lose to the dense law at every budget,
    contradicting the paper's main result. To find compute-optimal configurations the course
    uses its own simple compute model (:func:`krajewski_flops_per_token`): an illustration with the
    paper's FLOP constants but an assumed model shape, not the paper's exact accounting.

The geometric-mean heuristic
    ``effective parameters = sqrt(total x active)`` (:func:`geometric_mean_params`) is a widespread rule
    of thumb that no paper derives. It is **a rule of thumb, not a law**: it has no fitted constant, ignores the base size,
    the routing algorithm and the token budget, and grows without bound with the number of experts, while
    both laws above say the gain from experts saturates and (Clark) shrinks as the base model grows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.validate import finite_scalar, positive_scalar
from ..common.validate import positive as _positive


def _out(x: object) -> float | NDArray[np.float64]:
    """A Python float for 0-d results, else an ndarray."""
    arr = np.asarray(x, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


__all__ = [
    "ClarkLaw",
    "CLARK_2022",
    "KrajewskiLaw",
    "KRAJEWSKI_2024_MOE",
    "KRAJEWSKI_2024_DENSE",
    "KRAJEWSKI_EXPANSION_RATE",
    "krajewski_flops_per_token",
    "dense_flops_per_token",
    "ComputeOptimum",
    "krajewski_compute_optimal",
    "GRANULARITIES",
    "dense_compute_optimal",
    "dense_compute_for_loss",
    "geometric_mean_params",
    "routed_total_params",
]


# ---------------------------------------------------------------------------------------------
# Clark et al. 2022
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClarkLaw:
    """Clark et al. (2022) bilinear law ``log10 L = a log10 N + b log10 Ê + c log10 N log10 Ê + d`` (Eq. 1).

    Parameters
    ----------
    a, b, c, d
        Fitted coefficients (a < 0: loss falls with N; b < 0: loss falls with experts; c > 0: that
        benefit shrinks as N grows).
    e_start, e_max
        Constants of the saturating transform Ê of the expert count.
    name, source
        Routing technique and citation.

    Examples
    --------
    >>> law = CLARK_2022["s-base"]
    >>> f"{law.cutoff_params():.3g}"          # routing stops helping: N = 10^(-b/c)
    '1e+12'
    >>> f"{law.effective_params(5e6, 128):.3g}"  # the paper's example: ≈ 55M ("5M with 128 experts")
    '5.18e+07'
    """

    a: float
    b: float
    c: float
    d: float
    e_start: float
    e_max: float
    name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        for f in ("a", "b", "c", "d"):
            object.__setattr__(self, f, finite_scalar(getattr(self, f), f))
        for f in ("e_start", "e_max"):
            object.__setattr__(self, f, positive_scalar(getattr(self, f), f))
        if not self.e_start < self.e_max:
            raise ValueError(f"e_start ({self.e_start}) must be below e_max ({self.e_max}).")

    def e_hat(self, n_experts: ArrayLike) -> float | NDArray[np.float64]:
        """Saturating transform: ``1/Ê = 1/(E − 1 + (1/E_start − 1/E_max)^−1) + 1/E_max``; Ê(1) = E_start."""
        e = _experts(n_experts)
        shift = 1.0 / (1.0 / self.e_start - 1.0 / self.e_max)
        return _out(1.0 / (1.0 / (e - 1.0 + shift) + 1.0 / self.e_max))

    def log10_loss(self, n_params: ArrayLike, n_experts: ArrayLike = 1) -> float | NDArray[np.float64]:
        """``log10 L(N, E)`` (Eq. 1); ``N`` = dense base-model parameters, ``E`` = experts (1 = dense)."""
        ln = np.log10(_positive(n_params, "n_params", unit="parameters"))
        le = np.log10(self.e_hat(n_experts))
        return _out(self.a * ln + self.b * le + self.c * ln * le + self.d)

    def loss(self, n_params: ArrayLike, n_experts: ArrayLike = 1) -> float | NDArray[np.float64]:
        """Validation loss ``L(N, E)`` at Clark's fixed 130B training tokens (their data and tokenizer)."""
        return _out(10.0 ** np.asarray(self.log10_loss(n_params, n_experts)))

    def slope_n(self, n_experts: ArrayLike = 1) -> float | NDArray[np.float64]:
        """``α(E) = a + c·log10 Ê``: the log-log slope of L in N at fixed E (less negative with more experts)."""
        return _out(self.a + self.c * np.log10(self.e_hat(n_experts)))

    def effective_params(self, n_params: ArrayLike, n_experts: ArrayLike) -> float | NDArray[np.float64]:
        """Effective parameter count N̄: the dense size with the same loss, ``L(N̄, 1) = L(N, E)``.

        Solving the bilinear form with ``Ê(1) = E_start``:
        ``log10 N̄ = [α(Ê)·log10 N + b·log10(Ê/E_start)] / α(E_start)`` with ``α(x) = a + c log10 x``
        (derived from Eq. 1; the paper's Eq. 11 defines the same quantity).
        """
        ln = np.log10(_positive(n_params, "n_params", unit="parameters"))
        eh = np.asarray(self.e_hat(n_experts), dtype=float)
        a_e = self.a + self.c * np.log10(eh)
        a_1 = self.a + self.c * math.log10(self.e_start)
        return _out(10.0 ** ((a_e * ln + self.b * np.log10(eh / self.e_start)) / a_1))

    def cutoff_params(self) -> float:
        """Base size above which more experts *raise* the loss: ``∂log L/∂log Ê = b + c log10 N = 0``."""
        return 10.0 ** (-self.b / self.c)


def _experts(n_experts: ArrayLike) -> float | NDArray[np.float64]:
    e = _positive(n_experts, "n_experts")
    if np.any(np.asarray(e) < 1):
        raise ValueError("n_experts must be >= 1 (1 means a dense model).")
    return e


_CLARK_SRC = "Clark et al. 2022, arXiv:2202.01169, Table 3 (constants printed to three decimals)"

#: Clark et al. (2022) Table 3 constants, by routing technique (see the module docstring).
CLARK_2022: dict[str, ClarkLaw] = {
    "s-base": ClarkLaw(a=-0.082, b=-0.108, c=0.009, d=1.104, e_start=1.847, e_max=314.478,
                       name="S-BASE", source=_CLARK_SRC),
    "rl-r": ClarkLaw(a=-0.083, b=-0.126, c=0.012, d=1.111, e_start=1.880, e_max=469.982,
                     name="RL-R", source=_CLARK_SRC),
    "hash": ClarkLaw(a=-0.087, b=-0.136, c=0.012, d=1.157, e_start=4.175, e_max=477.741,
                     name="Hash", source=_CLARK_SRC),
}


# ---------------------------------------------------------------------------------------------
# Krajewski et al. 2024
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class KrajewskiLaw:
    """``L(N, D, G) = c + (g/G^γ + a)/N^α + b/D^β`` (Krajewski et al. 2024, Eq. 9; g = 0 for dense models).

    ``N``: non-embedding parameters (total, all experts, for MoE at expansion rate 64); ``D``: training
    tokens; ``G``: granularity (1 = experts as large as the dense FFN).

    Examples
    --------
    >>> round(KRAJEWSKI_2024_MOE.loss(1e9, 2e10, 1), 3), round(KRAJEWSKI_2024_MOE.loss(1e9, 2e10, 16), 3)
    (3.276, 3.121)
    """

    a: float
    alpha: float
    b: float
    beta: float
    c: float
    g: float = 0.0
    gamma: float = 0.0
    name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        for f in ("a", "alpha", "b", "beta"):
            object.__setattr__(self, f, positive_scalar(getattr(self, f), f))
        for f in ("c", "g", "gamma"):
            v = finite_scalar(getattr(self, f), f)
            if v < 0:
                raise ValueError(f"{f} must be >= 0; got {v}.")
            object.__setattr__(self, f, v)

    def loss(self, n_params: ArrayLike, n_tokens: ArrayLike, granularity: ArrayLike = 1.0
             ) -> float | NDArray[np.float64]:
        """Final loss (C4 validation, the paper's setup) for ``N`` parameters, ``D`` tokens, granularity ``G``."""
        n = _positive(n_params, "n_params", unit="parameters")
        d = _positive(n_tokens, "n_tokens", unit="tokens")
        gr = _positive(granularity, "granularity")
        return _out(self.c + (self.g / np.asarray(gr) ** self.gamma + self.a) / np.asarray(n) ** self.alpha
                    + self.b / np.asarray(d) ** self.beta)


_KRAJ_SRC = ("Krajewski et al. 2024, arXiv:2402.07871, Table 1 (same values in the authors' code, "
             "llm-random scaling_laws_paper branch, scaling_laws/scaling_config.yaml)")

#: Krajewski et al. (2024) MoE fit (expansion rate 64), Table 1.
KRAJEWSKI_2024_MOE = KrajewskiLaw(a=18.1, alpha=0.115, b=30.8, beta=0.147, c=0.47, g=2.1, gamma=0.58,
                                  name="MoE (Krajewski et al. 2024)", source=_KRAJ_SRC)
#: Krajewski et al. (2024) dense baseline fit, Table 1.
KRAJEWSKI_2024_DENSE = KrajewskiLaw(a=16.3, alpha=0.126, b=26.7, beta=0.127, c=0.47,
                                    name="dense (Krajewski et al. 2024)", source=_KRAJ_SRC)
#: Expansion rate used for the fit: total expert parameters / dense FFN parameters.
KRAJEWSKI_EXPANSION_RATE: int = 64

#: FLOPs per parameter per token of a dense matmul (forward + backward) and per router weight, as in
#: Krajewski et al.'s compute model (the paper's FLOP constants c_f = 6 and c_r = 14).
C_F, C_R = 6.0, 14.0
#: Width-to-depth ratio of the course's illustrative compute model: d_model = 64 x n_blocks (an assumption).
ASPECT = 64.0


def _width_blocks(n_total: NDArray[np.float64], expansion: float) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """d_model and n_blocks of a model whose non-embedding total is ``n_total`` (4d² attention + 8E·d² FFN)."""
    d = (ASPECT * n_total / (4.0 + 8.0 * expansion)) ** (1.0 / 3.0)
    return d, d / ASPECT


def krajewski_flops_per_token(n_total: ArrayLike, granularity: ArrayLike = 1.0, *,
                              expansion: float = KRAJEWSKI_EXPANSION_RATE) -> float | NDArray[np.float64]:
    """Training FLOPs per token of a fine-grained MoE with ``n_total`` non-embedding parameters (illustrative).

    The course's simplified compute model: per block, attention ``4d²`` and experts ``8E·d²``
    parameters, of which ``12d²`` are active; ``c_f = 6`` FLOPs per active parameter and
    ``c_r = 14`` per router weight (``d·E·G`` per block); ``d_model = 64·n_blocks``. The aspect ratio and
    the absence of attention's context term are assumptions of this illustration.
    """
    n = np.asarray(_positive(n_total, "n_total", unit="parameters"), dtype=float)
    g = np.asarray(_positive(granularity, "granularity"), dtype=float)
    e = positive_scalar(expansion, "expansion")
    d, blocks = _width_blocks(n, e)
    active = 12.0 * d**2 * blocks
    return _out(C_F * active + C_R * d * e * g * blocks)


def dense_flops_per_token(n_params: ArrayLike) -> float | NDArray[np.float64]:
    """``6 N`` training FLOPs per token of a dense model (Kaplan et al. 2020, Sec. 2.1)."""
    return _out(C_F * np.asarray(_positive(n_params, "n_params", unit="parameters"), dtype=float))


@dataclass(frozen=True)
class ComputeOptimum:
    """The best configuration found at one compute budget."""

    compute: float
    n_params: float
    n_tokens: float
    granularity: float
    loss: float

    @property
    def tokens_per_param(self) -> float:
        """``n_tokens / n_params`` (total parameters for MoE)."""
        return self.n_tokens / self.n_params


_LOG_N = np.linspace(6.0, 14.0, 801)
#: Granularities searched by default: the range the law was fitted on (G = 1 ... 16).
GRANULARITIES: tuple[float, ...] = (1, 2, 4, 8, 16)


def krajewski_compute_optimal(compute: float, *, granularities: tuple[float, ...] = GRANULARITIES,
                              law: KrajewskiLaw = KRAJEWSKI_2024_MOE) -> ComputeOptimum:
    """Lowest MoE loss at a training budget (FLOPs): grid over total size and granularity (illustrative).

    ``D = C / flops_per_token(N, G)``. The default searches G = 1 ... 16, the range the law was fitted
    on; larger granularities would extrapolate. With these constants and this compute model, the MoE
    optimum at 1e20 FLOPs matches a compute-optimal dense model trained with ≈ 21x the compute, and the
    factor grows with the budget.
    """
    c = positive_scalar(compute, "compute", unit="FLOPs")
    best: ComputeOptimum | None = None
    n = 10.0**_LOG_N
    for gr in granularities:
        d = c / np.asarray(krajewski_flops_per_token(n, gr))
        loss = np.asarray(law.loss(n, d, gr))
        i = int(np.argmin(loss))
        if best is None or loss[i] < best.loss:
            best = ComputeOptimum(c, float(n[i]), float(d[i]), float(gr), float(loss[i]))
    assert best is not None
    return best


def dense_compute_optimal(compute: float, *, law: KrajewskiLaw = KRAJEWSKI_2024_DENSE) -> ComputeOptimum:
    """Lowest dense loss at a budget under ``C = 6ND`` (grid over N)."""
    c = positive_scalar(compute, "compute", unit="FLOPs")
    n = 10.0**_LOG_N
    loss = np.asarray(law.loss(n, c / (C_F * n)))
    i = int(np.argmin(loss))
    return ComputeOptimum(c, float(n[i]), float(c / (C_F * n[i])), 1.0, float(loss[i]))


def dense_compute_for_loss(target_loss: float, *, law: KrajewskiLaw = KRAJEWSKI_2024_DENSE) -> float:
    """Compute a compute-optimal dense model needs to reach ``target_loss`` (bisection in log C)."""
    t = positive_scalar(target_loss, "target_loss")
    if t <= law.c:
        raise ValueError(f"target_loss must exceed the irreducible c = {law.c}; got {t}.")
    lo, hi = 10.0, 40.0
    if dense_compute_optimal(10.0**hi, law=law).loss > t:
        raise ValueError("target_loss is below what a dense model reaches with 1e40 FLOPs under this law.")
    for _ in range(45):
        mid = 0.5 * (lo + hi)
        if dense_compute_optimal(10.0**mid, law=law).loss > t:
            lo = mid
        else:
            hi = mid
    return 10.0**hi


# ---------------------------------------------------------------------------------------------
# The geometric-mean heuristic
# ---------------------------------------------------------------------------------------------
def geometric_mean_params(total: ArrayLike, active: ArrayLike) -> float | NDArray[np.float64]:
    """``sqrt(total x active)``: a **heuristic** "effective size" of an MoE — not a scaling law.

    This widespread rule of thumb turns 671B total, 37B active into 158B for DeepSeek-V3. No
    routed scaling law has this form: it has no fitted constant, it ignores the base-model size, the routing
    algorithm, the granularity and the number of training tokens, and it grows like ``sqrt(E)`` forever. In
    Clark et al. (2022) the effective size depends on N and E, saturates in E and tends to N itself as N
    approaches ≈ 1e12 (:meth:`ClarkLaw.effective_params`). Use it, if at all, as a rough interpolation
    between two bounds (an MoE is better than its active size and worse than a dense model of its total
    size), never as a prediction.
    """
    t = np.asarray(_positive(total, "total", unit="parameters"), dtype=float)
    a = np.asarray(_positive(active, "active", unit="parameters"), dtype=float)
    if np.any(a > t):
        raise ValueError("active parameters cannot exceed total parameters: check the argument order "
                         "geometric_mean_params(total, active).")
    return _out(np.sqrt(t * a))


def routed_total_params(n_params: ArrayLike, n_experts: ArrayLike, *, expert_fraction: float = 2.0 / 3.0
                        ) -> float | NDArray[np.float64]:
    """Total parameters of a routed model built from a dense base of ``N`` parameters (an assumption).

    The fraction ``expert_fraction`` of the base (its FFNs: 8d² of 12d² per layer, i.e. 2/3, when every
    FFN is routed) is replicated ``E`` times: ``total = N·(1 − f + f·E)``; with top-1 routing, as in
    Clark's S-BASE, the active count stays ``N``. Used only to put Clark's ``(N, E)`` on the
    geometric-mean heuristic's ``(total, active)`` axes.
    """
    n = np.asarray(_positive(n_params, "n_params", unit="parameters"), dtype=float)
    e = np.asarray(_experts(n_experts), dtype=float)
    f = finite_scalar(expert_fraction, "expert_fraction")
    if not 0 < f <= 1:
        raise ValueError(f"expert_fraction must be in (0, 1]; got {f}.")
    return _out(n * (1.0 - f + f * e))

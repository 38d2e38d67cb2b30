"""The Chinchilla parametric loss law L(N, D) = E + A/N^alpha + B/D^beta and its compute-optimal frontier.

Hoffmann et al. (2022), "Training Compute-Optimal Large Language Models" (arXiv:2203.15556), model the final
training loss of a language model with ``N`` parameters (total, including embeddings) trained on ``D`` tokens
as (Eq. 2)

.. math:: \\hat L(N, D) = E + \\frac{A}{N^\\alpha} + \\frac{B}{D^\\beta}.

Minimising it under the compute constraint ``C = 6 N D`` gives the efficient frontier (Eq. 4)

.. math:: N_{opt}(C) = G (C/6)^a, \\quad D_{opt}(C) = G^{-1} (C/6)^b, \\quad
          G = \\left(\\frac{\\alpha A}{\\beta B}\\right)^{1/(\\alpha+\\beta)},
          \\quad a = \\frac{\\beta}{\\alpha+\\beta}, \\quad b = \\frac{\\alpha}{\\alpha+\\beta}.

Constants
---------
HOFFMANN_2022
    The rounded values printed in Hoffmann et al. (2022), Eq. 10.
HOFFMANN_2022_UNROUNDED
    The unrounded values from the paper's LaTeX source (as used in Epoch AI's ``data_analysis.ipynb``).
BESIROGLU_2024
    The refit of Besiroglu, Erdil, Barnett & You (2024), arXiv:2404.10102, Table 1.
CONSTANT_SETS
    All of the above, keyed by a short lower-case name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.validate import finite_scalar, positive_array, positive_scalar

__all__ = [
    "ParametricLaw",
    "HOFFMANN_2022",
    "HOFFMANN_2022_UNROUNDED",
    "BESIROGLU_2024",
    "CONSTANT_SETS",
]


#: Return type of the vectorised methods: a float for scalar input, else an array.
_Result = float | NDArray[np.float64]


def _positive(values: ArrayLike, name: str) -> float | NDArray[np.float64]:
    """Validate strictly positive numbers of any shape; return a float for a scalar, else an array."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        positive_array(values, name)  # raises a ValueError that says what is wrong
        raise
    flat = positive_array(np.ravel(arr), name)
    if arr.ndim == 0:
        return float(flat[0])
    return flat.reshape(arr.shape)


def _out(x: Any) -> float | NDArray[np.float64]:
    """Return a Python float for 0-d results and an ndarray otherwise."""
    arr = np.asarray(x, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


@dataclass(frozen=True)
class ParametricLaw:
    """Chinchilla's parametric loss law ``L(N, D) = E + A / N**alpha + B / D**beta``.

    Hoffmann et al. (2022), arXiv:2203.15556, Eq. 2; compute-optimal frontier from Eq. 4 under ``C = 6 N D``.
    Losses are in nats per token; ``N`` counts all parameters (embeddings included), ``D`` training tokens.

    Parameters
    ----------
    E, A, B, alpha, beta
        The law's constants (all > 0).
    name
        A short label, e.g. ``"Hoffmann et al. 2022 (rounded)"``.
    source
        Where the constants come from (paper, table or equation).

    Examples
    --------
    >>> law = ParametricLaw(E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28)
    >>> round(law.a, 4)
    0.4516
    >>> n_opt, d_opt = law.compute_optimal(5.76e23)
    >>> f"{n_opt:.3g}"
    '3.22e+10'
    """

    E: float
    """Irreducible loss (nats per token): the loss of an infinitely large model trained on infinite data."""
    A: float
    """Coefficient of the model-size term ``A / N**alpha``."""
    B: float
    """Coefficient of the data term ``B / D**beta``."""
    alpha: float
    """Exponent of the model-size term (larger: loss falls faster with parameters)."""
    beta: float
    """Exponent of the data term (larger: loss falls faster with tokens)."""
    name: str = ""
    """Short human-readable label used in plots and printouts."""
    source: str = ""
    """Citation of the constants: paper, arXiv id, table or equation."""

    def __post_init__(self) -> None:
        E = finite_scalar(self.E, "E")
        if E < 0:
            raise ValueError(f"E (irreducible loss) must be >= 0; got {E}.")
        object.__setattr__(self, "E", E)
        for field in ("A", "B", "alpha", "beta"):
            object.__setattr__(self, field, positive_scalar(getattr(self, field), field))
        if not isinstance(self.name, str) or not isinstance(self.source, str):
            raise ValueError("name and source must be strings.")

    # ------------------------------------------------------------------ constructors and views
    @classmethod
    def from_log_params(cls, a: float, b: float, e: float, alpha: float, beta: float,
                        name: str = "", source: str = "") -> ParametricLaw:
        """Build a law from Hoffmann's log-space parameters ``A = exp(a)``, ``B = exp(b)``, ``E = exp(e)``.

        Parameters
        ----------
        a, b, e
            Natural logarithms of ``A``, ``B`` and ``E``.
        alpha, beta
            The exponents.
        name, source
            Label and citation.
        """
        return cls(E=math.exp(finite_scalar(e, "e")), A=math.exp(finite_scalar(a, "a")),
                   B=math.exp(finite_scalar(b, "b")), alpha=alpha, beta=beta, name=name, source=source)

    @property
    def log_params(self) -> NDArray[np.float64]:
        """The log-space vector ``(a, b, e, alpha, beta) = (log A, log B, log E, alpha, beta)``."""
        return np.array([math.log(self.A), math.log(self.B), math.log(self.E) if self.E > 0 else -np.inf,
                         self.alpha, self.beta])

    def with_name(self, name: str, source: str | None = None) -> ParametricLaw:
        """Return a copy with a new ``name`` (and optionally ``source``)."""
        return replace(self, name=name, source=self.source if source is None else source)

    def __str__(self) -> str:
        label = f"{self.name}: " if self.name else ""
        return (f"{label}L(N, D) = {self.E:.4g} + {self.A:.4g}/N^{self.alpha:.4g} "
                f"+ {self.B:.4g}/D^{self.beta:.4g}")

    # ------------------------------------------------------------------ the law itself
    def loss(self, N: ArrayLike, D: ArrayLike) -> float | NDArray[np.float64]:
        """Predicted loss ``E + A / N**alpha + B / D**beta`` (vectorised, broadcasting ``N`` against ``D``).

        Parameters
        ----------
        N
            Parameters (> 0).
        D
            Training tokens (> 0).

        Returns
        -------
        float or numpy.ndarray
            Loss in nats per token; a float when both inputs are scalars.
        """
        n = _positive(N, "N (parameters)")
        d = _positive(D, "D (tokens)")
        return _out(self.E + self.A * np.power(n, -self.alpha) + self.B * np.power(d, -self.beta))

    # ------------------------------------------------------------------ compute-optimal frontier (Eq. 4)
    @property
    def G(self) -> float:
        """``G = (alpha A / (beta B))**(1 / (alpha + beta))`` (Hoffmann et al. 2022, Eq. 4)."""
        return (self.alpha * self.A / (self.beta * self.B)) ** (1.0 / (self.alpha + self.beta))

    @property
    def a(self) -> float:
        """Exponent of ``N_opt ∝ C**a``: ``beta / (alpha + beta)`` (Eq. 4; Table 2 reports 0.46)."""
        return self.beta / (self.alpha + self.beta)

    @property
    def b(self) -> float:
        """Exponent of ``D_opt ∝ C**b``: ``alpha / (alpha + beta)`` (Eq. 4; Table 2 reports 0.54)."""
        return self.alpha / (self.alpha + self.beta)

    def compute_optimal(self, C: ArrayLike) -> tuple[_Result, _Result]:
        """Compute-optimal model size and token count for a budget of ``C`` FLOPs (Eq. 4, ``C = 6 N D``).

        Parameters
        ----------
        C
            Training compute in FLOPs (> 0).

        Returns
        -------
        (N_opt, D_opt)
            ``N_opt = G (C/6)**a`` and ``D_opt = (C/6)**b / G``; note ``6 N_opt D_opt = C``.
        """
        c = np.asarray(_positive(C, "C (FLOPs)")) / 6.0
        return _out(self.G * c**self.a), _out(c**self.b / self.G)

    def tokens_per_param(self, C: ArrayLike) -> float | NDArray[np.float64]:
        """Compute-optimal tokens per parameter ``D_opt / N_opt`` at budget ``C`` FLOPs."""
        n, d = self.compute_optimal(C)
        return _out(np.asarray(d) / np.asarray(n))

    def optimal_loss(self, C: ArrayLike) -> float | NDArray[np.float64]:
        """Loss of the compute-optimal model at budget ``C`` FLOPs: ``L(N_opt(C), D_opt(C))``."""
        n, d = self.compute_optimal(C)
        return self.loss(n, d)

    def budget_for_size(self, N: ArrayLike) -> tuple[_Result, _Result]:
        """Invert the frontier: the budget ``C`` for which ``N`` is compute-optimal, and its ``D_opt``.

        This is how Table A3 of Hoffmann et al. (2022) is laid out (a model size per row, then FLOPs and
        tokens): ``C = 6 (N / G)**(1/a)`` and ``D = C / (6 N)``.

        Parameters
        ----------
        N
            Model size in parameters (> 0).

        Returns
        -------
        (C, D_opt)
            FLOPs and tokens.
        """
        n = np.asarray(_positive(N, "N (parameters)"))
        c = 6.0 * (n / self.G) ** (1.0 / self.a)
        return _out(c), _out(c / (6.0 * n))

    def loss_at_compute(self, N: ArrayLike, C: ArrayLike) -> float | NDArray[np.float64]:
        """Loss of a model of size ``N`` trained with ``C`` FLOPs, i.e. on ``D = C / (6 N)`` tokens.

        Plotting this against ``N`` at fixed ``C`` gives an isoFLOP profile (Hoffmann et al. 2022, Fig. 3).

        Parameters
        ----------
        N
            Parameters (> 0); broadcast against ``C``.
        C
            Training compute in FLOPs (> 0).
        """
        n = np.asarray(_positive(N, "N (parameters)"))
        c = np.asarray(_positive(C, "C (FLOPs)"))
        return self.loss(n, c / (6.0 * n))

    def tokens_for_loss(self, N: ArrayLike, target: float) -> float | NDArray[np.float64]:
        """Tokens a model of size ``N`` needs to reach the loss ``target``.

        Solves ``E + A/N**alpha + B/D**beta = target`` for ``D``:
        ``D = (B / (target - E - A/N**alpha))**(1/beta)``.

        Parameters
        ----------
        N
            Parameters (> 0).
        target
            Target loss in nats per token.

        Raises
        ------
        ValueError
            If the target is unreachable at that size, i.e. ``E + A/N**alpha >= target`` (even with
            infinite data).
        """
        n = np.asarray(_positive(N, "N (parameters)"))
        t = positive_scalar(target, "target (loss)")
        floor = self.E + self.A * np.power(n, -self.alpha)
        gap = t - floor
        if np.any(gap <= 0):
            worst = float(np.max(np.atleast_1d(floor)))
            raise ValueError(
                f"target loss {t:.4g} is unreachable: a model with N = {float(np.min(n)):.3g} parameters "
                f"cannot go below E + A/N^alpha = {worst:.4g} even with infinite data. "
                "Choose a larger model or a higher target."
            )
        return _out((self.B / gap) ** (1.0 / self.beta))


# ---------------------------------------------------------------------------- published constant sets

#: Hoffmann et al. (2022), arXiv:2203.15556, Eq. 10 (Sec. 3.3, App. D.2): the values printed in the paper,
#: rounded to 2 decimals / 4 significant figures. Implies a = 0.4516 (Table 2 prints 0.46).
HOFFMANN_2022 = ParametricLaw(
    E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28,
    name="Hoffmann et al. 2022 (rounded)",
    source="Hoffmann et al. 2022, arXiv:2203.15556, Eq. 10 (printed, rounded values)",
)

#: Hoffmann et al. (2022), arXiv:2203.15556, Eq. 10 as written in the paper's LaTeX source (unrounded), in
#: log space: a = log A = 6.0073404, b = log B = 6.0179186, e = log E = 0.5267228, alpha = 0.33917084,
#: beta = 0.2849083 (the "true_params" of Epoch AI's analyzing-chinchilla ``data_analysis.ipynb``).
#: Gives A = 406.401, B = 410.723, E = 1.69337 and a = 0.4565.
HOFFMANN_2022_UNROUNDED = ParametricLaw.from_log_params(
    a=6.0073404, b=6.0179186, e=0.5267228, alpha=0.33917084, beta=0.2849083,
    name="Hoffmann et al. 2022 (unrounded)",
    source="Hoffmann et al. 2022, arXiv:2203.15556, Eq. 10, unrounded LaTeX-source values "
           "(via epoch-research/analyzing-chinchilla data_analysis.ipynb)",
)

#: Besiroglu, Erdil, Barnett & You (2024), "Chinchilla Scaling: A replication attempt", arXiv:2404.10102,
#: Table 1: refit of Hoffmann's Approach 3 on 240 points extracted from Hoffmann et al. Fig. 4. a = 0.5126.
BESIROGLU_2024 = ParametricLaw(
    E=1.8172, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658,
    name="Besiroglu et al. 2024 (Epoch AI)",
    source="Besiroglu et al. 2024, arXiv:2404.10102, Table 1",
)

#: All published constant sets, by short name.
CONSTANT_SETS: dict[str, ParametricLaw] = {
    "hoffmann_2022": HOFFMANN_2022,
    "hoffmann_2022_unrounded": HOFFMANN_2022_UNROUNDED,
    "besiroglu_2024": BESIROGLU_2024,
}

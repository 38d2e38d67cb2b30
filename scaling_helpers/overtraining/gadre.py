"""Gadre et al.'s (2024) token-multiplier law: loss as a function of compute and tokens per parameter.

Token multiplier (Gadre et al. 2024)
------------------------------------
Gadre et al., "Language models scale reliably with over-training and on downstream tasks",
arXiv:2403.08540 (ICLR 2025), describe a run by its compute ``C = 6 N D`` and its token multiplier
``M = D / N`` (Chinchilla's rule of thumb is ``M ≈ 20``). With Chinchilla's form and one shared exponent
``alpha = beta = 2 eta``, substituting ``N = sqrt(C / (6M))`` and ``D = sqrt(C M / 6)`` gives

.. math:: L(C, M) = E + (a M^{\\eta} + b M^{-\\eta}) C^{-\\eta},

so for every ``M`` the reducible loss ``L - E`` is a power law in ``C`` with the *same* exponent; the
multiplier only shifts it. See :class:`OvertrainingLaw`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import finite_scalar, positive_scalar
from .lifetime import (
    _out,
    _positive_any,
    _Result,
)

__all__ = ["token_multiplier", "size_and_tokens", "OvertrainingLaw", "GADRE_2024_RPJ"]


def token_multiplier(n_params: ArrayLike, train_tokens: ArrayLike) -> _Result:
    """Gadre et al.'s token multiplier ``M = D / N`` (tokens per parameter; Chinchilla's rule of thumb is 20).

    Note the direction: ``D/N``, not ``N/D`` (Gadre et al. 2024, arXiv:2403.08540, define M as tokens per parameter).
    """
    n = np.asarray(_positive_any(n_params, "n_params (parameters)"))
    d = np.asarray(_positive_any(train_tokens, "train_tokens (tokens)"))
    return _out(d / n)


def size_and_tokens(compute: ArrayLike, multiplier: ArrayLike) -> tuple[_Result, _Result]:
    """Model size and tokens for a budget ``C = 6 N D`` and token multiplier ``M = D/N``.

    ``N = sqrt(C / (6 M))`` and ``D = M N = sqrt(C M / 6)``.

    Examples
    --------
    >>> n, d = size_and_tokens(6 * 1e9 * 20e9, 20)
    >>> f"{n:.3g} {d:.3g}"
    '1e+09 2e+10'
    """
    c = np.asarray(_positive_any(compute, "compute (FLOPs)"))
    m = np.asarray(_positive_any(multiplier, "multiplier (tokens per parameter, M = D/N)"))
    n = np.sqrt(c / (6.0 * m))
    return _out(n), _out(m * n)


@dataclass(frozen=True)
class OvertrainingLaw:
    """Gadre et al. (2024)'s loss law ``L(C, M) = E + (a M^eta + b M^-eta) C^-eta``.

    arXiv:2403.08540 (their scaling law in compute and token multiplier). It is Chinchilla's form
    ``E + A N^-2eta + B D^-2eta`` with one shared exponent, rewritten with ``N = sqrt(C/(6M))`` and
    ``D = sqrt(C M/6)``: ``a = A 6^eta`` and ``b = B 6^eta`` (see :meth:`from_chinchilla_form`).

    Parameters
    ----------
    E, a, b, eta
        Irreducible loss, the two coefficients and the compute exponent (all > 0 except E >= 0).
    name, source
        Label and citation.
    """

    E: float
    a: float
    b: float
    eta: float
    name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        E = finite_scalar(self.E, "E")
        if E < 0:
            raise ValueError(f"E (irreducible loss) must be >= 0; got {E}.")
        object.__setattr__(self, "E", E)
        for field in ("a", "b", "eta"):
            object.__setattr__(self, field, positive_scalar(getattr(self, field), field))

    @classmethod
    def from_chinchilla_form(cls, E: float, A: float, B: float, exponent: float, name: str = "",
                             source: str = "") -> OvertrainingLaw:
        """From ``L(N, D) = E + A N^-e + B D^-e`` (one exponent ``e`` for N and D): ``eta = e/2``,
        ``a = A 6^eta``, ``b = B 6^eta``."""
        eta = positive_scalar(exponent, "exponent") / 2.0
        return cls(E=E, a=positive_scalar(A, "A") * 6.0**eta, b=positive_scalar(B, "B") * 6.0**eta, eta=eta,
                   name=name, source=source)

    def multiplier_factor(self, multiplier: ArrayLike) -> _Result:
        """``a M^eta + b M^-eta``: how far the curve for multiplier ``M`` sits above the best one."""
        m = np.asarray(_positive_any(multiplier, "multiplier (M = D/N)"))
        return _out(self.a * m**self.eta + self.b * m ** (-self.eta))

    def loss(self, compute: ArrayLike, multiplier: ArrayLike) -> _Result:
        """``L(C, M)`` in the loss units of the fit (Gadre et al.: C4 validation loss)."""
        c = np.asarray(_positive_any(compute, "compute (FLOPs)"))
        return _out(self.E + np.asarray(self.multiplier_factor(multiplier)) * c ** (-self.eta))

    def loss_of_run(self, n_params: ArrayLike, train_tokens: ArrayLike) -> _Result:
        """``L`` for a run of ``N`` parameters and ``D`` tokens (``C = 6ND``, ``M = D/N``)."""
        n = np.asarray(_positive_any(n_params, "n_params (parameters)"))
        d = np.asarray(_positive_any(train_tokens, "train_tokens (tokens)"))
        return self.loss(6.0 * n * d, d / n)

    @property
    def compute_optimal_multiplier(self) -> float:
        """The ``M`` that minimises the loss at fixed compute: ``M* = (b/a)^(1/(2 eta))``."""
        return (self.b / self.a) ** (1.0 / (2.0 * self.eta))

    def compute_penalty(self, multiplier: ArrayLike) -> _Result:
        """Compute factor needed at multiplier ``M`` to match the loss reached at ``M*`` with compute ``C``.

        ``(f(M) / f(M*))^(1/eta)`` with ``f(M) = a M^eta + b M^-eta``: independent of ``C``.
        """
        f = np.asarray(self.multiplier_factor(multiplier))
        f_best = float(self.multiplier_factor(self.compute_optimal_multiplier))
        return _out((f / f_best) ** (1.0 / self.eta))


#: Gadre et al. (2024), arXiv:2403.08540: loss law refitted by the course with the authors' code and data
#: (repository mlfoundations/scaling, ``scaling/laws.py`` ``curve_fit_powlaw_ours`` with its grid of starts;
#: ``exp_data/models/*.json`` at commit 041eb2f1b60fa6d985ac30d335c6b4d56d273ec0). Default configuration:
#: trained on RedPajama; four runs at M = 20 (N = 10.6M, 78.9M, 153.7M, 411.6M) plus the 10.6M run at
#: M = 320; loss = C4 validation loss. The fit gives the N/D exponent e = 0.27285 (eta = e/2) and
#: E = 1.8366; a and b are this refit's (not printed in the paper). It predicts
#: 2.520 for the 1.44B run at M = 640 (actual 2.502) and 2.443 for the 6.89B run at M = 20 (actual 2.425).
GADRE_2024_RPJ = OvertrainingLaw(
    E=1.836648, a=212.2361, b=366.6872, eta=0.13642535,
    name="Gadre et al. 2024 (RedPajama, C4 loss; refit)",
    source="Gadre et al. 2024, arXiv:2403.08540; constants refitted with the authors' code and released data "
           "(mlfoundations/scaling, default 5-run configuration)",
)

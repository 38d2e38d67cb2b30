"""The inference-aware optimum: the model that reaches a target loss at the least lifetime compute (Sardana et al. 2024).

Inference-aware optimum (Sardana et al. 2024)
---------------------------------------------
Sardana, Portes, Doubov & Frankle, "Beyond Chinchilla-Optimal: Accounting for Inference in Language Model
Scaling Laws", arXiv:2401.00448 (ICML 2024), "computational optimality": for a target loss ``l`` and a lifetime inference demand
``D_inf``, choose ``N`` and ``D_tr`` to minimise ``6 N D_tr + 2 N D_inf`` subject to ``L(N, D_tr) = l``.
With Chinchilla's law (Hoffmann et al. 2022, arXiv:2203.15556, Eq. 2) the constraint gives
``D_tr(N) = (B / (l - E - A N^-alpha))^(1/beta)`` for ``N > N_min = (A / (l - E))^(1/alpha)``, so the
problem is one-dimensional. There is no closed form; we solve ``f'(N) = 0`` with Brent's method
(:func:`scipy.optimize.brentq`) on a bracket that provably contains exactly one root (see
:func:`inference_aware_optimum`).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq

from ..chinchilla.laws import ParametricLaw
from ..common.validate import positive_scalar
from .lifetime import (
    ChinchillaPoint,
    _law,
    _non_negative,
    _target,
    chinchilla_point,
    compute_optimal_params_for_loss,
    lifetime_flops,
    min_params_for_loss,
)

__all__ = [
    "InferenceOptimum",
    "inference_aware_optimum",
    "optimal_tokens_per_param",
    "OvertrainingComparison",
    "compare_with_chinchilla",
    "break_even_demand",
]


@dataclass(frozen=True)
class InferenceOptimum:
    """The model that reaches a target loss with the least lifetime compute (Sardana et al. 2024, arXiv:2401.00448)."""

    law_name: str
    """Name of the constant set used."""
    target: float
    """Target loss in nats per token."""
    inference_tokens: float
    """Lifetime inference demand D_inf in tokens."""
    n_params: float
    """Optimal parameters N*."""
    train_tokens: float
    """Optimal training tokens D_tr* = D_tr(N*)."""

    @property
    def tokens_per_param(self) -> float:
        """D_tr* / N*."""
        return self.train_tokens / self.n_params

    @property
    def training_flops(self) -> float:
        """6 N* D_tr*."""
        return 6.0 * self.n_params * self.train_tokens

    @property
    def inference_flops(self) -> float:
        """2 N* D_inf."""
        return 2.0 * self.n_params * self.inference_tokens

    @property
    def total_flops(self) -> float:
        """Lifetime compute 6 N* D_tr* + 2 N* D_inf."""
        return self.training_flops + self.inference_flops


def _cost_slope(law: ParametricLaw, target: float, d_inf: float, log_n: float) -> float:
    """``N f'(N)`` divided by a positive scale, as a function of ``log N``; increasing, one root.

    ``f(N) = 6 N D(N) + 2 N D_inf`` with ``D(N) = (B/g)^(1/beta)``, ``g = target - E - x``, ``x = A N^-alpha``.
    ``f'(N) = 6 D (1 - alpha x / (beta g)) + 2 D_inf``. Where the bracket in ``(...)`` is negative (the only
    place a root can be) both factors of the first term grow with ``N``, so ``f'`` is increasing there; it is
    ``2 D_inf >= 0`` at the compute-optimal size, where the bracket vanishes.
    """
    n = math.exp(log_n)
    x = law.A * n ** (-law.alpha)
    g = (target - law.E) - x
    d = (law.B / g) ** (1.0 / law.beta)
    slope = 6.0 * d * (1.0 - law.alpha * x / (law.beta * g)) + 2.0 * d_inf
    return slope / (6.0 * d + 2.0 * d_inf)  # same sign, O(1) magnitude: keeps brentq well scaled


def inference_aware_optimum(law: ParametricLaw, target: float, inference_tokens: float) -> InferenceOptimum:
    """Minimise lifetime compute ``6 N D_tr + 2 N D_inf`` subject to ``L(N, D_tr) = target``.

    Sardana et al. (2024), arXiv:2401.00448 ("computational optimality"). The optimum lies between
    the smallest model that can reach the target, :func:`min_params_for_loss`, and the compute-optimal model
    for the target, :func:`compute_optimal_params_for_loss` (the answer for ``D_inf = 0``). On that bracket
    ``f'(N)`` rises monotonically from ``-inf`` to ``2 D_inf >= 0``, so Brent's root finder
    (:func:`scipy.optimize.brentq`, in ``log N``) finds the unique optimum to machine precision.

    Parameters
    ----------
    law
        A :class:`~scaling_helpers.chinchilla.ParametricLaw` (e.g. ``HOFFMANN_2022`` or ``BESIROGLU_2024``).
    target
        Target loss in nats per token (must exceed ``law.E``).
    inference_tokens
        Lifetime inference demand ``D_inf`` in tokens (>= 0).

    Returns
    -------
    InferenceOptimum

    Raises
    ------
    ValueError
        For a target at or below ``E`` (unreachable), a negative or non-finite demand, or a non-law.

    Examples
    --------
    >>> from scaling_helpers.chinchilla.laws import BESIROGLU_2024
    >>> opt = inference_aware_optimum(BESIROGLU_2024, chinchilla_point(BESIROGLU_2024, 13e9).loss, 2e12)
    >>> f"{opt.n_params:.3g} params, {opt.train_tokens:.3g} tokens"
    '6.1e+09 params, 7.37e+11 tokens'
    """
    law = _law(law)
    t = _target(law, target)
    d_inf = _non_negative(inference_tokens, "inference_tokens")
    n_hi = compute_optimal_params_for_loss(law, t)
    if d_inf > 0:
        n_min = min_params_for_loss(law, t)
        lo, hi = math.log(n_min), math.log(n_hi)
        eps = 1e-6
        while _cost_slope(law, t, d_inf, lo + eps * (hi - lo)) >= 0:  # optimum extremely close to N_min
            eps /= 1e3
            if eps < 1e-15:
                break
        a = lo + eps * (hi - lo)
        if _cost_slope(law, t, d_inf, hi) <= 0:  # only when D_inf underflows against D: treat as 0
            n_opt = n_hi
        else:
            n_opt = math.exp(brentq(lambda u: _cost_slope(law, t, d_inf, u), a, hi, xtol=1e-13, maxiter=200))
    else:
        n_opt = n_hi
    d_tr = float(law.tokens_for_loss(n_opt, t))
    return InferenceOptimum(law.name, t, d_inf, n_opt, d_tr)


def optimal_tokens_per_param(law: ParametricLaw, target: float, inference_tokens: ArrayLike) -> NDArray[np.float64]:
    """Tokens per parameter ``D_tr*/N*`` of the inference-aware optimum for each demand in ``inference_tokens``."""
    demands = np.atleast_1d(np.asarray(inference_tokens, dtype=float))
    return np.array([inference_aware_optimum(law, target, d).tokens_per_param for d in demands])


@dataclass(frozen=True)
class OvertrainingComparison:
    """A Chinchilla-optimal model versus the inference-aware model of the same loss."""

    chinchilla: ChinchillaPoint
    """The compute-optimal reference model (it sets the target loss)."""
    optimum: InferenceOptimum
    """The inference-aware optimum for the same loss and demand."""

    @property
    def chinchilla_total_flops(self) -> float:
        """Lifetime compute of the reference model: ``6 N D_opt + 2 N D_inf``."""
        return float(lifetime_flops(self.chinchilla.n_params, self.chinchilla.train_tokens,
                                    self.optimum.inference_tokens))

    @property
    def saving_flops(self) -> float:
        """FLOPs saved by the inference-aware model (>= 0; a rounding-level negative is reported as 0)."""
        return max(0.0, self.chinchilla_total_flops - self.optimum.total_flops)

    @property
    def saving_fraction(self) -> float:
        """Saving as a fraction of the reference model's lifetime compute."""
        return self.saving_flops / self.chinchilla_total_flops

    def text(self) -> str:
        """One line, rounded (deterministic output for notebooks)."""
        o, c = self.optimum, self.chinchilla
        return (f"{o.law_name}: D_inf = {o.inference_tokens:.3g} tokens -> N* = {o.n_params / 1e9:.3g}B, "
                f"D* = {o.train_tokens / 1e12:.3g}T ({o.tokens_per_param:.0f} tokens/param) vs Chinchilla "
                f"{c.n_params / 1e9:.3g}B x {c.train_tokens / 1e12:.3g}T; saving {self.saving_fraction:.0%} "
                f"({self.saving_flops:.2g} FLOPs)")

    def html(self) -> str:
        """A small HTML table for widgets."""
        o, c = self.optimum, self.chinchilla
        rows = [
            ("constants", html.escape(o.law_name), ""),
            ("target loss (nats/token)", f"{o.target:.4f}", f"loss of the Chinchilla-optimal {c.n_params / 1e9:.3g}B"),
            ("inference demand D_inf", f"{o.inference_tokens:.3g} tokens", ""),
            ("inference-aware N*", f"{o.n_params / 1e9:.3g}B params", f"Chinchilla: {c.n_params / 1e9:.3g}B"),
            ("training tokens D*", f"{o.train_tokens / 1e12:.3g}T", f"Chinchilla: {c.train_tokens / 1e12:.3g}T"),
            ("tokens per parameter", f"{o.tokens_per_param:,.0f}", f"Chinchilla: {c.tokens_per_param:.0f}"),
            ("lifetime compute", f"{o.total_flops:.3g} FLOPs", f"Chinchilla: {self.chinchilla_total_flops:.3g}"),
            ("saving", f"<b>{self.saving_fraction:.1%}</b>", f"{self.saving_flops:.3g} FLOPs"),
        ]
        body = "".join(f"<tr><td style='padding:1px 10px 1px 0'>{a}</td><td style='padding:1px 10px'>{b}</td>"
                       f"<td style='color:#555'>{c_}</td></tr>" for a, b, c_ in rows)
        return f"<table class='overtraining-summary'>{body}</table>"


#: The Chinchilla-law constants in Sardana et al.'s own code (repository nikhilsardana/beyond-chinchilla,
#: ``utils.py``, class ``ChinchillaConstants``): E = 1.69, A = 406.4, B = 410.7, α = 0.336, β = 0.283.
#: With them :func:`compare_with_chinchilla` reproduces the paper's Figure 1 example (Sardana et al. 2024,
#: arXiv:2401.00448): a Chinchilla-optimal 13B model and 2T tokens of demand -> a 7.0B model, 17% less
#: lifetime compute (1.7e22 FLOPs).
SARDANA_2024_CONSTANTS = ParametricLaw(
    E=1.69, A=406.4, B=410.7, alpha=0.336, beta=0.283,
    name="Sardana et al. 2024 (authors' code)",
    source="nikhilsardana/beyond-chinchilla, utils.py, ChinchillaConstants (Sardana et al. 2024, arXiv:2401.00448)",
)


def compare_with_chinchilla(law: ParametricLaw, n_chinchilla: float, inference_tokens: float) -> OvertrainingComparison:
    """Inference-aware optimum for the loss of the Chinchilla-optimal ``n_chinchilla`` model.

    This is the comparison of Sardana et al. (2024), Fig. 1: a developer who would train a Chinchilla-optimal
    model of ``n_chinchilla`` parameters and expects ``inference_tokens`` of lifetime demand.

    Examples
    --------
    >>> from scaling_helpers.chinchilla.laws import HOFFMANN_2022
    >>> cmp = compare_with_chinchilla(HOFFMANN_2022, 13e9, 2e12)
    >>> f"{cmp.optimum.n_params:.2g}, {cmp.saving_fraction:.2f}"
    '8e+09, 0.10'
    """
    law = _law(law)
    ref = chinchilla_point(law, n_chinchilla)
    return OvertrainingComparison(ref, inference_aware_optimum(law, ref.loss, inference_tokens))


def break_even_demand(law: ParametricLaw, target: float, n_small: float, n_large: float) -> float:
    """Inference demand above which a smaller model, trained longer to the same loss, costs less in total.

    Both models reach ``target``: ``D_s = D_tr(n_small)`` and ``D_l = D_tr(n_large)``. Equating lifetime
    compute ``6 N_s D_s + 2 N_s X = 6 N_l D_l + 2 N_l X`` gives

    .. math:: X = \\frac{3 (N_s D_s - N_l D_l)}{N_l - N_s}.

    Returns 0.0 when the smaller model is also cheaper to train (it wins at any demand).

    Raises
    ------
    ValueError
        If ``n_small >= n_large`` or either model cannot reach the target.
    """
    law = _law(law)
    t = _target(law, target)
    ns = positive_scalar(n_small, "n_small (parameters)")
    nl = positive_scalar(n_large, "n_large (parameters)")
    if ns >= nl:
        raise ValueError(f"n_small ({ns:.3g}) must be smaller than n_large ({nl:.3g}); swap the arguments.")
    ds = float(law.tokens_for_loss(ns, t))
    dl = float(law.tokens_for_loss(nl, t))
    return max(0.0, 3.0 * (ns * ds - nl * dl) / (nl - ns))

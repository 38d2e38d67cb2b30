"""Over-training economics: lifetime compute, the inference-aware optimum, break-even demand, and
Gadre et al.'s token-multiplier law.

Lifetime compute
----------------
A model with ``N`` parameters trained on ``D`` tokens and then used to process ``D_inf`` tokens over its
lifetime costs about

.. math:: C_{life} = 6 N D + 2 N D_{inf} \\quad\\text{FLOPs}

(6 FLOPs per parameter per training token, Kaplan et al. 2020, arXiv:2001.08361, Sec. 2.1; 2 per
parameter per inference token, the forward pass only; attention terms ignored).

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

import html
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq

from ._validate import finite_scalar, positive_array, positive_scalar
from .laws import ParametricLaw

__all__ = [
    "lifetime_flops",
    "training_tokens_for_loss",
    "min_params_for_loss",
    "compute_optimal_params_for_loss",
    "ChinchillaPoint",
    "chinchilla_point",
    "InferenceOptimum",
    "inference_aware_optimum",
    "optimal_tokens_per_param",
    "OvertrainingComparison",
    "compare_with_chinchilla",
    "break_even_demand",
    "token_multiplier",
    "size_and_tokens",
    "OvertrainingLaw",
    "GADRE_2024_RPJ",
]

_Result = float | NDArray[np.float64]


# ---------------------------------------------------------------------------------------------- input checks
def _law(law: object) -> ParametricLaw:
    if not isinstance(law, ParametricLaw):
        raise ValueError(
            f"law must be a ParametricLaw such as HOFFMANN_2022 or BESIROGLU_2024 (from scaling_helpers.laws); "
            f"got {type(law).__name__}."
        )
    return law


def _target(law: ParametricLaw, target: object) -> float:
    t = finite_scalar(target, "target (loss in nats per token)")
    if t > 20:
        raise ValueError(
            f"target = {t:g} is not a plausible loss in nats per token: it looks like a perplexity. "
            "Pass log(perplexity) instead."
        )
    if t <= law.E:
        raise ValueError(
            f"target loss {t:.4g} is unreachable: it is at or below the irreducible loss E = {law.E:.4g} of "
            f"{law.name or 'this law'}, which no model reaches even with infinite parameters and data. "
            "Choose a higher target, e.g. chinchilla_point(law, 13e9).loss."
        )
    return t


def _non_negative(value: object, name: str) -> float:
    x = finite_scalar(value, name)
    if x < 0:
        raise ValueError(f"{name} must be >= 0 (a number of tokens); got {x:g}.")
    return x


def _out(x: object) -> _Result:
    arr = np.asarray(x, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


def _positive_any(values: ArrayLike, name: str) -> _Result:
    if np.ndim(values) == 0:
        return positive_scalar(values, name)
    shape = np.shape(values)
    return positive_array(np.ravel(values), name).reshape(shape)


# ---------------------------------------------------------------------------------------------- lifetime cost
def lifetime_flops(n_params: ArrayLike, train_tokens: ArrayLike, inference_tokens: ArrayLike) -> _Result:
    """Training plus inference compute over a model's lifetime: ``6 N D + 2 N D_inf`` FLOPs.

    Parameters
    ----------
    n_params
        Parameters ``N`` (> 0; for a mixture of experts, the *active* parameters).
    train_tokens
        Training tokens ``D`` (> 0).
    inference_tokens
        Tokens processed at inference over the model's lifetime, ``D_inf`` (>= 0): prompt plus
        generated tokens of every request.

    Returns
    -------
    float or numpy.ndarray
        FLOPs (broadcast over array inputs).

    Examples
    --------
    >>> f"{lifetime_flops(70e9, 1.4e12, 0):.3g}"      # Chinchilla's training alone: 6ND
    '5.88e+23'
    >>> f"{lifetime_flops(70e9, 1.4e12, 1.4e12):.3g}"  # serving as many tokens as it was trained on
    '7.84e+23'
    """
    n = np.asarray(_positive_any(n_params, "n_params (parameters)"))
    d = np.asarray(_positive_any(train_tokens, "train_tokens (training tokens)"))
    if np.ndim(inference_tokens) == 0:
        d_inf = np.asarray(_non_negative(inference_tokens, "inference_tokens"))
    else:
        arr = np.asarray(inference_tokens, dtype=float)
        if not np.all(np.isfinite(arr)) or np.any(arr < 0):
            raise ValueError("inference_tokens must be finite and >= 0 (numbers of tokens).")
        d_inf = arr
    return _out(6.0 * n * d + 2.0 * n * d_inf)


def training_tokens_for_loss(law: ParametricLaw, n_params: ArrayLike, target: float) -> _Result:
    """Training tokens a model of ``n_params`` parameters needs to reach ``target`` under ``law``.

    ``D_tr(N) = (B / (target - E - A N^-alpha))^(1/beta)`` (Chinchilla's Eq. 2 solved for ``D``; this is
    :meth:`ParametricLaw.tokens_for_loss`, with the target checked against ``E`` first).

    Raises
    ------
    ValueError
        If the target is at or below ``E`` (no model reaches it) or ``n_params`` is too small to reach it
        (at or below :func:`min_params_for_loss`).
    """
    law = _law(law)
    return law.tokens_for_loss(n_params, _target(law, target))


def min_params_for_loss(law: ParametricLaw, target: float) -> float:
    """Smallest model that can reach ``target`` with infinite data: ``N_min = (A / (target - E))^(1/alpha)``."""
    law = _law(law)
    t = _target(law, target)
    return (law.A / (t - law.E)) ** (1.0 / law.alpha)


def compute_optimal_params_for_loss(law: ParametricLaw, target: float) -> float:
    """Size of the compute-optimal (Chinchilla-optimal) model whose loss is ``target``.

    On the compute-optimal frontier ``alpha A N^-alpha = beta B D^-beta`` (Hoffmann et al. 2022, Eq. 4 with
    ``C = 6ND``), so ``A N^-alpha = beta (target - E) / (alpha + beta)``, i.e.
    ``N = (A (alpha + beta) / (beta (target - E)))^(1/alpha)``. This is also the inference-aware optimum for
    zero inference demand.
    """
    law = _law(law)
    t = _target(law, target)
    return (law.A * (law.alpha + law.beta) / (law.beta * (t - law.E))) ** (1.0 / law.alpha)


@dataclass(frozen=True)
class ChinchillaPoint:
    """The compute-optimal model of a given size under a law (Hoffmann et al. 2022, Eq. 4 inverted)."""

    law_name: str
    """Name of the constant set."""
    n_params: float
    """Parameters N."""
    train_tokens: float
    """Compute-optimal training tokens D_opt for this N."""
    training_flops: float
    """Budget C = 6 N D_opt."""
    loss: float
    """Its loss L(N, D_opt) in nats per token: the natural quality target for an over-trained rival."""

    @property
    def tokens_per_param(self) -> float:
        """D_opt / N."""
        return self.train_tokens / self.n_params


def chinchilla_point(law: ParametricLaw, n_params: float) -> ChinchillaPoint:
    """The compute-optimal (Chinchilla-optimal) run for a model of ``n_params`` parameters under ``law``.

    Uses :meth:`ParametricLaw.budget_for_size` (closed-form Approach-3 frontier). With Hoffmann's rounded
    constants a 13B model gets 0.99T tokens (76 tokens/param); with Epoch's refit 0.26T (20 tokens/param)
    (derived from the two constant sets).

    Examples
    --------
    >>> from scaling_helpers.laws import BESIROGLU_2024
    >>> p = chinchilla_point(BESIROGLU_2024, 13e9)
    >>> f"{p.tokens_per_param:.1f}, {p.loss:.3f}"
    '20.0, 2.103'
    """
    law = _law(law)
    n = positive_scalar(n_params, "n_params (parameters)")
    c, d = law.budget_for_size(n)
    return ChinchillaPoint(law.name, n, float(d), float(c), float(law.loss(n, d)))


# ---------------------------------------------------------------------------------------------- the optimum
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
        A :class:`~scaling_helpers.laws.ParametricLaw` (e.g. ``HOFFMANN_2022`` or ``BESIROGLU_2024``).
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
    >>> from scaling_helpers.laws import BESIROGLU_2024
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


def compare_with_chinchilla(law: ParametricLaw, n_chinchilla: float, inference_tokens: float) -> OvertrainingComparison:
    """Inference-aware optimum for the loss of the Chinchilla-optimal ``n_chinchilla`` model.

    This is the comparison of Sardana et al. (2024), Fig. 1: a developer who would train a Chinchilla-optimal
    model of ``n_chinchilla`` parameters and expects ``inference_tokens`` of lifetime demand.

    Examples
    --------
    >>> from scaling_helpers.laws import HOFFMANN_2022
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


# ---------------------------------------------------------------------------------------------- Gadre et al.
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

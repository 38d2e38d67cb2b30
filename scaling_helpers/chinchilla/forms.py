"""Alternative functional forms for ``L(N, D)``, fitted the Chinchilla way (held-out comparison in :mod:`.heldout`).

Chinchilla's Approach 3 assumes an additive law, ``L = E + A/N^alpha + B/D^beta`` (Hoffmann et al. 2022,
arXiv:2203.15556, Eq. 2). Is that the right shape? This module fits three alternatives to the same runs with the
same loss (Huber, ``delta = 1e-3``, on log-loss residuals, summed) and compares them on runs they did not see:

``chinchilla``
    ``log L = LSE(a - alpha ln N, b - beta ln D, e)``: Hoffmann et al. (2022), Eq. 2-3 (5 parameters).
``kaplan``
    ``L = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D``: Kaplan et al. (2020), arXiv:2001.08361, Eq. 1.5
    (4 parameters, no irreducible loss; Kaplan's own constants used non-embedding parameters and another data
    set, so only the *shape* is tested here).
``curvature``
    The Chinchilla form with a log-quadratic term in each reducible part,
    ``log L = LSE(a - alpha u + gamma_N u^2, b - beta v + gamma_D v^2, e)`` with ``u = ln(N / 1e9)`` and
    ``v = ln(D / 1e10)`` (7 parameters): the local exponent ``alpha - 2 gamma_N u`` drifts with scale instead of
    being constant (``gamma = 0`` gives back the Chinchilla form).
``broken_n``
    The Chinchilla form whose parameter term is a one-break *broken neural scaling law* (Caballero, Gupta, Rish &
    Krueger 2022, arXiv:2210.14891, Eq. 1 with n = 1): ``A N^-alpha (1 + (N/d_1)^(1/f_1))^(-c_1 f_1)``, i.e. the
    exponent changes from ``alpha`` below ``N ≈ d_1`` to ``alpha + c_1`` above it, over a transition of
    sharpness ``f_1`` (8 parameters).

:func:`~.bnsl.bnsl` and :func:`~.bnsl.fit_bnsl` (in :mod:`.bnsl`) give the one-break BNSL for a single variable ``y(x)`` (e.g. loss against
compute), as in Caballero et al.

Fitting uses :func:`scipy.optimize.least_squares` (trust-region reflective) with ``loss="huber"`` and
``f_scale = delta``, whose cost ``1/2 sum rho((r/delta)^2) delta^2`` is exactly ``sum_i Huber_delta(r_i)``; this
Gauss-Newton-type method converges on the near-non-smooth ``delta = 1e-3`` objective from a handful of starts (it
reaches the 4500-start grid optimum of :func:`scaling_helpers.chinchilla.fit_parametric` from Hoffmann's own
constants). The nested forms (``curvature``, ``broken_n``) start from the fitted Chinchilla law, so their
training objective can only be lower: a better *training* fit is therefore no evidence; held-out error is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import least_squares

from ..common.validate import positive_array, positive_scalar, same_length

__all__ = ["Form", "FORMS", "FormFit", "fit_form", "huber_sum", "N_REF", "D_REF"]


Float64Array = NDArray[np.float64]

#: Reference size and token count of the ``curvature`` form: ``alpha`` and ``beta`` are the local exponents there.
N_REF = 1e9
D_REF = 1e10
_X0, _Y0 = math.log(N_REF), math.log(D_REF)


def huber_sum(r: ArrayLike, delta: float = 1e-3) -> float:
    """``sum_i Huber_delta(r_i)``: ``r^2/2`` for ``|r| <= delta``, ``delta (|r| - delta/2)`` beyond (Huber 1964)."""
    res = np.asarray(r, dtype=float)
    d = positive_scalar(delta, "delta (Huber threshold)")
    a = np.abs(res)
    return float(np.sum(np.where(a <= d, 0.5 * res * res, d * (a - 0.5 * d))))


# ----------------------------------------------------------------------------------------------- the forms


def _softplus(z: Float64Array) -> Float64Array:
    """``log(1 + exp(z))`` without overflow."""
    return np.logaddexp(0.0, z)


def _chinchilla(t: Float64Array, x: Float64Array, y: Float64Array) -> Float64Array:
    a, b, e, al, be = t
    return np.logaddexp(np.logaddexp(a - al * x, b - be * y), e)


def _kaplan(t: Float64Array, x: Float64Array, y: Float64Array) -> Float64Array:
    lnc, ldc, an, ad = t
    return ad * np.logaddexp((an / ad) * (lnc - x), ldc - y)


def _curvature(t: Float64Array, x: Float64Array, y: Float64Array) -> Float64Array:
    a, b, e, al, be, gn, gd = t
    return np.logaddexp(np.logaddexp(a - al * x + gn * (x - _X0) ** 2, b - be * y + gd * (y - _Y0) ** 2), e)


def _broken_n(t: Float64Array, x: Float64Array, y: Float64Array) -> Float64Array:
    a, b, e, al, be, c1, ld1, lf1 = t
    f1 = math.exp(lf1)
    n_term = a - al * x - c1 * f1 * _softplus((x - ld1) / f1)
    return np.logaddexp(np.logaddexp(n_term, b - be * y), e)


@dataclass(frozen=True)
class Form:
    """A functional form ``log L = f(theta; ln N, ln D)`` that :func:`fit_form` can fit.

    Attributes
    ----------
    name
        Registry key (``"chinchilla"``, ``"kaplan"``, ``"curvature"``, ``"broken_n"``).
    title
        Human-readable label with the formula.
    param_names
        Names of the entries of ``theta``.
    source
        Where the form comes from.
    log_predict_fn
        ``(theta, ln N, ln D) -> ln L``.
    lower, upper
        Bounds of ``theta`` used in the fit (``-inf``/``inf`` for none).
    """

    name: str
    title: str
    param_names: tuple[str, ...]
    source: str
    log_predict_fn: Callable[[Float64Array, Float64Array, Float64Array], Float64Array] = field(repr=False)
    lower: tuple[float, ...] = ()
    upper: tuple[float, ...] = ()

    @property
    def n_params(self) -> int:
        """Number of fitted parameters."""
        return len(self.param_names)

    def log_predict(self, theta: ArrayLike, N: ArrayLike, D: ArrayLike) -> Float64Array:
        """Predicted ``ln L`` at sizes ``N`` and tokens ``D`` (1-D arrays of equal length)."""
        n = positive_array(N, "N (parameters)")
        d = positive_array(D, "D (tokens)")
        same_length(("N", n), ("D", d))
        return self.log_predict_fn(self._theta(theta), np.log(n), np.log(d))

    def predict(self, theta: ArrayLike, N: ArrayLike, D: ArrayLike) -> Float64Array:
        """Predicted loss (nats per token)."""
        return np.exp(self.log_predict(theta, N, D))

    def _theta(self, theta: ArrayLike) -> Float64Array:
        t = np.asarray(theta, dtype=float).reshape(-1)
        if t.size != self.n_params or not np.all(np.isfinite(t)):
            raise ValueError(f"the {self.name} form needs {self.n_params} finite parameters {self.param_names}; "
                             f"got {t.size}.")
        return t


_INF = math.inf
#: The forms compared in Chapter 3, by name.
FORMS: dict[str, Form] = {
    "chinchilla": Form(
        "chinchilla", "Chinchilla: E + A/N^α + B/D^β", ("a", "b", "e", "alpha", "beta"),
        "Hoffmann et al. 2022, arXiv:2203.15556, Eq. 2-3 (A, B, E = exp(a), exp(b), exp(e))", _chinchilla,
        (-_INF, -_INF, -_INF, 0.0, 0.0), (_INF, _INF, _INF, 5.0, 5.0)),
    "kaplan": Form(
        "kaplan", "Kaplan: [(N_c/N)^(α_N/α_D) + D_c/D]^α_D", ("ln_Nc", "ln_Dc", "alpha_N", "alpha_D"),
        "Kaplan et al. 2020, arXiv:2001.08361, Eq. 1.5 (shape only; refitted)", _kaplan,
        (-_INF, -_INF, 1e-3, 1e-3), (_INF, _INF, 5.0, 5.0)),
    "curvature": Form(
        "curvature", "Chinchilla + log-quadratic curvature", ("a", "b", "e", "alpha", "beta", "gamma_N", "gamma_D"),
        "Chinchilla's form with gamma_N ln(N/1e9)^2 and gamma_D ln(D/1e10)^2 added to the log reducible terms",
        _curvature, (-_INF, -_INF, -_INF, 0.0, 0.0, -1.0, -1.0), (_INF, _INF, _INF, 5.0, 5.0, 1.0, 1.0)),
    "broken_n": Form(
        "broken_n", "Chinchilla with a broken (BNSL) N term",
        ("a", "b", "e", "alpha", "beta", "c1", "ln_d1", "ln_f1"),
        "Chinchilla's D term and E + a one-break BNSL in N (Caballero et al. 2022, arXiv:2210.14891, Eq. 1)",
        _broken_n, (-_INF, -_INF, -_INF, 0.0, 0.0, -2.0, -_INF, math.log(0.05)),
        (_INF, _INF, _INF, 5.0, 5.0, 2.0, _INF, math.log(5.0))),
}


# ----------------------------------------------------------------------------------------------- fitting


@dataclass(frozen=True, eq=False)  # holds arrays
class FormFit:
    """A fitted :class:`Form`.

    Attributes
    ----------
    form
        The form.
    params
        Best ``theta``.
    objective
        ``sum_i Huber_delta(ln L_i - ln L_hat_i)`` at ``params`` on the fitted runs.
    rmse
        Root-mean-square log residual on the fitted runs.
    n_points
        Runs fitted.
    delta
        Huber threshold.
    n_starts
        Starts tried.
    """

    form: Form
    params: Float64Array
    objective: float
    rmse: float
    n_points: int
    delta: float
    n_starts: int

    @property
    def name(self) -> str:
        """The form's name."""
        return self.form.name

    @property
    def param_dict(self) -> dict[str, float]:
        """``theta`` by parameter name."""
        return {k: float(v) for k, v in zip(self.form.param_names, self.params, strict=True)}

    def predict(self, N: ArrayLike, D: ArrayLike) -> Float64Array:
        """Predicted loss at ``(N, D)``."""
        return self.form.predict(self.params, N, D)

    def log_residuals(self, N: ArrayLike, D: ArrayLike, L: ArrayLike) -> Float64Array:
        """``ln L - ln L_hat`` for the given runs."""
        loss = positive_array(L, "L (loss)")
        pred = self.form.log_predict(self.params, N, D)
        same_length(("L", loss), ("prediction", pred))
        return np.log(loss) - pred

    def __str__(self) -> str:
        ps = ", ".join(f"{k}={v:.4g}" for k, v in self.param_dict.items())
        return f"{self.form.title}: {ps} (objective {self.objective:.4g}, rmse {self.rmse:.4g}, {self.n_points} runs)"


def _prepare(N: ArrayLike, D: ArrayLike, L: ArrayLike, n_params: int) -> tuple[Float64Array, ...]:
    n = positive_array(N, "N (parameters)")
    d = positive_array(D, "D (tokens)")
    loss = positive_array(L, "L (loss)")
    same_length(("N", n), ("D", d), ("L", loss))
    if n.size <= n_params:
        raise ValueError(f"need more runs than parameters to fit ({n_params}); got {n.size}.")
    return np.log(n), np.log(d), np.log(loss)


def _form(form: str | Form) -> Form:
    if isinstance(form, Form):
        return form
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}; choose one of {', '.join(FORMS)}.")
    return FORMS[form]


def _chinchilla_starts() -> Float64Array:
    """Hoffmann's unrounded constants, Epoch's fit and a coarse version of Hoffmann's grid (App. D.2)."""
    rows = [(6.0073404, 6.0179186, 0.5267228, 0.33917084, 0.2849083),
            (6.1779560, 7.6427324, 0.5971120, 0.34781303, 0.36585412)]
    rows += [(a, b, e, al, be) for a, b, e, al, be in product((5.0, 10.0), (5.0, 10.0), (0.0, 0.5), (0.5,), (0.5,))]
    return np.array(rows)


def _kaplan_starts() -> Float64Array:
    """Kaplan's Table-2 constants (alpha_N = 0.076, alpha_D = 0.103, N_c = 6.4e13, D_c = 1.8e13) and a grid."""
    rows = [(math.log(6.4e13), math.log(1.8e13), 0.076, 0.103)]
    rows += [(lnc, ldc, an, ad) for lnc, ldc, an, ad in
             product((math.log(1e12), math.log(1e15)), (math.log(1e12), math.log(1e15)), (0.1, 0.3), (0.1, 0.3))]
    return np.array(rows)


def _nested_starts(form: Form, base: Float64Array, x: Float64Array) -> Float64Array:
    if form.name == "curvature":
        return np.array([[*base, gn, gd] for gn, gd in ((0.0, 0.0), (0.005, 0.005), (-0.005, -0.005))])
    qs = np.quantile(x, [0.2, 0.4, 0.6, 0.8])
    return np.array([[*base, c1, ld1, math.log(0.5)] for c1, ld1 in product((-0.2, 0.2), qs)])


def _run(form: Form, starts: Float64Array, x: Float64Array, y: Float64Array, l: Float64Array,  # noqa: E741
         delta: float, lower: Float64Array, upper: Float64Array) -> tuple[Float64Array, float]:
    best_t, best_f = None, math.inf
    for t0 in starts:
        t0 = np.clip(t0, lower + 1e-9 * (np.isfinite(lower)), upper - 1e-9 * (np.isfinite(upper)))
        with np.errstate(all="ignore"):
            try:
                res = least_squares(lambda t: form.log_predict_fn(t, x, y) - l, t0, loss="huber", f_scale=delta,
                                    bounds=(lower, upper), method="trf", x_scale="jac", max_nfev=2000,
                                    ftol=1e-12, xtol=1e-12, gtol=1e-12)
            except ValueError:  # non-finite residuals at a start
                continue
        f = huber_sum(res.fun, delta) if np.all(np.isfinite(res.fun)) else math.inf
        if f < best_f:
            best_t, best_f = res.x.copy(), f
    if best_t is None:
        raise RuntimeError(f"the {form.name} fit failed from every start (non-finite residuals).")
    return best_t, best_f


def fit_form(form: str | Form, N: ArrayLike, D: ArrayLike, L: ArrayLike, *, delta: float = 1e-3,
             starts: ArrayLike | None = None) -> FormFit:
    """Fit a functional form to runs by minimising ``sum_i Huber_delta(ln L_i - ln L_hat_i)`` (multi-start).

    Parameters
    ----------
    form
        A name in :data:`FORMS` or a :class:`Form`.
    N, D, L
        Parameters, tokens and final losses of the runs (positive, same length, more runs than parameters).
    delta
        Huber threshold on log-loss residuals (Hoffmann et al. 2022: 1e-3).
    starts
        Initial ``theta`` vectors, shape ``(k, n_params)``. Default: published constants plus a small grid for
        ``chinchilla`` and ``kaplan``; for ``curvature`` and ``broken_n``, the fitted Chinchilla law extended by
        a few values of the extra parameters.

    Returns
    -------
    FormFit

    Raises
    ------
    ValueError
        For an unknown form, bad runs, too few runs or malformed starts.
    """
    fm = _form(form)
    x, y, l = _prepare(N, D, L, fm.n_params)  # noqa: E741
    d = positive_scalar(delta, "delta (Huber threshold)")
    lower, upper = np.array(fm.lower, dtype=float), np.array(fm.upper, dtype=float)
    if fm.name == "broken_n":  # keep the break inside the sampled sizes, where it is identifiable
        lower[6], upper[6] = x.min(), x.max()
    if starts is not None:
        s0 = np.atleast_2d(np.asarray(starts, dtype=float))
        if s0.ndim != 2 or s0.shape[1] != fm.n_params or not np.all(np.isfinite(s0)):
            raise ValueError(f"starts must be finite with shape (k, {fm.n_params}) for the {fm.name} form; got "
                             f"shape {s0.shape}.")
    elif fm.name == "chinchilla":
        s0 = _chinchilla_starts()
    elif fm.name == "kaplan":
        s0 = _kaplan_starts()
    else:
        base, _ = _run(FORMS["chinchilla"], _chinchilla_starts(), x, y, l, d,
                       np.array(FORMS["chinchilla"].lower), np.array(FORMS["chinchilla"].upper))
        s0 = _nested_starts(fm, base, x)
    theta, obj = _run(fm, s0, x, y, l, d, lower, upper)
    r = fm.log_predict_fn(theta, x, y) - l
    return FormFit(form=fm, params=theta, objective=obj, rmse=float(np.sqrt(np.mean(r * r))), n_points=int(x.size),
                   delta=d, n_starts=int(s0.shape[0]))



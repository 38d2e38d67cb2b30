"""Alternative functional forms for ``L(N, D)``, fitted the Chinchilla way, and a held-out comparison.

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

:func:`bnsl` and :func:`fit_bnsl` give the one-break BNSL for a single variable ``y(x)`` (e.g. loss against
compute), as in Caballero et al.

Fitting uses :func:`scipy.optimize.least_squares` (trust-region reflective) with ``loss="huber"`` and
``f_scale = delta``, whose cost ``1/2 sum rho((r/delta)^2) delta^2`` is exactly ``sum_i Huber_delta(r_i)``; this
Gauss-Newton-type method converges on the near-non-smooth ``delta = 1e-3`` objective from a handful of starts (it
reaches the 4500-start grid optimum of :func:`scaling_helpers.parametric.fit_parametric` from Hoffmann's own
constants). The nested forms (``curvature``, ``broken_n``) start from the fitted Chinchilla law, so their
training objective can only be lower: a better *training* fit is therefore no evidence; held-out error is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import product

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import least_squares

from ._validate import finite_scalar, positive_array, positive_scalar, same_length

__all__ = [
    "Form",
    "FORMS",
    "FormFit",
    "HeldOutRow",
    "HeldOutComparison",
    "fit_form",
    "heldout_comparison",
    "huber_sum",
    "bnsl",
    "BNSLFit",
    "fit_bnsl",
    "N_REF",
    "D_REF",
]

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


# ----------------------------------------------------------------------------------------------- held-out test


@dataclass(frozen=True)
class HeldOutRow:
    """One form's result in a held-out comparison (errors are in ``ln L``; 0.01 ≈ 1% of the loss)."""

    name: str
    """Form name."""
    n_params: int
    """Fitted parameters."""
    train_rmse: float
    """RMS log residual on the training runs."""
    test_rmse: float
    """RMS log residual on the held-out runs."""
    test_bias: float
    """Mean log residual (observed minus predicted) on the held-out runs: > 0 means the form predicts too low."""
    objective: float
    """Summed Huber objective on the training runs."""


@dataclass(frozen=True, eq=False)  # holds fits
class HeldOutComparison:
    """Forms fitted on the runs with ``C < split_C`` and evaluated on the runs with ``C >= split_C``."""

    split_C: float
    """Compute threshold (FLOPs) between training and held-out runs."""
    n_train: int
    """Training runs."""
    n_test: int
    """Held-out runs."""
    rows: tuple[HeldOutRow, ...]
    """One row per form, in the order requested."""
    fits: dict[str, FormFit]
    """The fitted forms (on the training runs), by name."""

    def best(self) -> str:
        """Name of the form with the lowest held-out RMSE."""
        return min(self.rows, key=lambda r: r.test_rmse).name

    def table(self) -> str:
        """A fixed-width text table, rounded so that it prints identically on every machine."""
        lines = [f"fit on {self.n_train} runs with C < {self.split_C:.2g} FLOPs, tested on {self.n_test} runs above",
                 f"{'form':<12}{'params':>7}{'train RMSE':>12}{'held-out RMSE':>15}{'held-out bias':>15}"]
        for r in self.rows:
            lines.append(f"{r.name:<12}{r.n_params:>7}{r.train_rmse:>12.4f}{r.test_rmse:>15.4f}{r.test_bias:>+15.4f}")
        return "\n".join(lines)


def heldout_comparison(N: ArrayLike, D: ArrayLike, L: ArrayLike, *, split_C: float = 8e20,
                       C: ArrayLike | None = None, forms: Sequence[str] = tuple(FORMS),
                       delta: float = 1e-3) -> HeldOutComparison:
    """Fit each form on the small-compute runs and measure its error on the largest budgets.

    Extrapolation to larger compute is what a scaling law is for, so the held-out runs are the ones with the
    largest budgets, not a random subset.

    Parameters
    ----------
    N, D, L
        Parameters, tokens and losses of all runs.
    split_C
        Runs with ``C < split_C`` are fitted; the others are held out.
    C
        Compute of every run; default ``6 N D``.
    forms
        Names in :data:`FORMS`.
    delta
        Huber threshold.

    Returns
    -------
    HeldOutComparison
    """
    n = positive_array(N, "N (parameters)")
    d = positive_array(D, "D (tokens)")
    loss = positive_array(L, "L (loss)")
    same_length(("N", n), ("D", d), ("L", loss))
    c = 6.0 * n * d if C is None else positive_array(C, "C (FLOPs)")
    same_length(("N", n), ("C", c))
    if isinstance(forms, str):
        forms = (forms,)
    names = [_form(f).name for f in forms]
    if not names:
        raise ValueError("forms is empty: name at least one form.")
    split = positive_scalar(split_C, "split_C", unit="FLOPs")
    train = c < split
    if train.sum() == 0 or (~train).sum() == 0:
        raise ValueError(f"split_C = {split:.3g} leaves {int(train.sum())} training and {int((~train).sum())} "
                         f"held-out runs; choose a value between {c.min():.3g} and {c.max():.3g}.")
    rows, fits = [], {}
    base: FormFit | None = None
    for name in sorted(names, key=lambda k: k != "chinchilla"):  # the nested forms start from this fit
        starts = None
        if name in ("curvature", "broken_n"):
            if base is None:
                base = fit_form("chinchilla", n[train], d[train], loss[train], delta=delta)
            starts = _nested_starts(FORMS[name], base.params, np.log(n[train]))
        fit = fit_form(name, n[train], d[train], loss[train], delta=delta, starts=starts)
        if name == "chinchilla":
            base = fit
        fits[name] = fit
    for name in names:
        fit = fits[name]
        res = fit.log_residuals(n[~train], d[~train], loss[~train])
        rows.append(HeldOutRow(name=name, n_params=fit.form.n_params, train_rmse=fit.rmse,
                               test_rmse=float(np.sqrt(np.mean(res * res))), test_bias=float(np.mean(res)),
                               objective=fit.objective))
    return HeldOutComparison(split_C=split, n_train=int(train.sum()), n_test=int((~train).sum()), rows=tuple(rows),
                             fits=fits)


# ----------------------------------------------------------------------------------------------- 1-D BNSL


def bnsl(x: ArrayLike, a: float, b: float, c0: float, c1: float, d1: float, f1: float) -> Float64Array:
    """One-break broken neural scaling law ``y = a + b x^-c0 (1 + (x/d1)^(1/f1))^(-c1 f1)``.

    Caballero, Gupta, Rish & Krueger (2022), arXiv:2210.14891, Eq. 1 with one break: a power law of exponent
    ``c0`` for ``x << d1`` that bends to exponent ``c0 + c1`` for ``x >> d1``; ``f1`` sets how sharp the bend is,
    ``a`` is the limit as ``x -> inf`` (when ``c0 + c1 > 0``).

    Parameters
    ----------
    x
        The scale variable (> 0): compute, parameters, data...
    a, b, c0, c1, d1, f1
        ``b, d1, f1 > 0``; ``a >= 0``.
    """
    xs = positive_array(x, "x")
    if finite_scalar(a, "a") < 0:
        raise ValueError(f"a (the limit) must be >= 0; got {a}.")
    b_, d_, f_ = (positive_scalar(v, k) for v, k in ((b, "b"), (d1, "d1"), (f1, "f1")))
    c0_, c1_ = finite_scalar(c0, "c0"), finite_scalar(c1, "c1")
    return a + b_ * xs ** (-c0_) * np.exp(-c1_ * f_ * _softplus((np.log(xs) - math.log(d_)) / f_))


def _bnsl_log(t: Float64Array, lx: Float64Array) -> Float64Array:
    la, lb, c0, c1, ld1, lf1 = t
    f1 = math.exp(lf1)
    return np.logaddexp(la, lb - c0 * lx - c1 * f1 * _softplus((lx - ld1) / f1))


@dataclass(frozen=True)
class BNSLFit:
    """A fitted one-break BNSL (see :func:`bnsl`)."""

    a: float
    b: float
    c0: float
    c1: float
    d1: float
    f1: float
    objective: float
    """Summed Huber loss of the log residuals."""
    rmse: float
    """RMS log residual."""

    def predict(self, x: ArrayLike) -> Float64Array:
        """``bnsl(x, a, b, c0, c1, d1, f1)``."""
        return bnsl(x, self.a, self.b, self.c0, self.c1, self.d1, self.f1)


def fit_bnsl(x: ArrayLike, y: ArrayLike, *, delta: float = 1e-3, n_breaks_grid: int = 5) -> BNSLFit:
    """Fit the one-break BNSL to ``y(x)`` by Huber regression on ``ln y`` from a grid of starts.

    Caballero et al. (2022) search a brute-force grid and then run a local optimiser on ``log(y + 1)``; here
    the local fits are :func:`scipy.optimize.least_squares` Huber fits of ``ln y`` (``a = exp(ln a) > 0``), started
    with the break ``d1`` at ``n_breaks_grid`` quantiles of ``x``, ``f1`` in {0.3, 1}, ``c1`` in {-0.3, 0.3} and
    ``a`` at 0.9 and 0.5 times ``min(y)``.

    Parameters
    ----------
    x, y
        Positive, equal length, at least 7 points (6 parameters).
    delta
        Huber threshold on log residuals.
    n_breaks_grid
        Number of break locations tried.

    Returns
    -------
    BNSLFit
    """
    xs = positive_array(x, "x")
    ys = positive_array(y, "y")
    same_length(("x", xs), ("y", ys))
    if xs.size < 7:
        raise ValueError(f"a one-break BNSL has 6 parameters: give at least 7 points; got {xs.size}.")
    dl = positive_scalar(delta, "delta (Huber threshold)")
    k = int(finite_scalar(n_breaks_grid, "n_breaks_grid"))
    if k < 1:
        raise ValueError(f"n_breaks_grid must be >= 1; got {n_breaks_grid}.")
    lx, ly = np.log(xs), np.log(ys)
    slope = -np.polyfit(lx, ly, 1)[0]
    starts = []
    for frac, ld1, lf1, c1 in product((0.9, 0.5), np.quantile(lx, np.linspace(0.2, 0.8, k)),
                                      (math.log(0.3), 0.0), (-0.3, 0.3)):
        la = math.log(frac * ys.min())
        rest = np.log(np.clip(ys - frac * ys.min(), 1e-12, None))
        c0 = max(-np.polyfit(lx, rest, 1)[0], 0.05) if frac else slope
        lb = float(np.mean(rest + c0 * lx))
        starts.append((la, lb, c0, c1, ld1, lf1))
    form = Form("bnsl", "one-break BNSL", ("ln_a", "ln_b", "c0", "c1", "ln_d1", "ln_f1"), "Caballero et al. 2022",
                lambda t, u, _v: _bnsl_log(t, u),
                (-_INF, -_INF, -5.0, -5.0, lx.min() - 2.0, math.log(0.02)),
                (_INF, _INF, 5.0, 5.0, lx.max() + 2.0, math.log(10.0)))
    theta, obj = _run(form, np.array(starts), lx, lx, ly, dl, np.array(form.lower), np.array(form.upper))
    r = _bnsl_log(theta, lx) - ly
    la, lb, c0, c1, ld1, lf1 = theta
    return BNSLFit(a=math.exp(la), b=math.exp(lb), c0=float(c0), c1=float(c1), d1=math.exp(ld1), f1=math.exp(lf1),
                   objective=obj, rmse=float(np.sqrt(np.mean(r * r))))

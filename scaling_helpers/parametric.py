"""Chinchilla Approach 3: fit ``L(N, D) = E + A/N^alpha + B/D^beta`` by Huber regression on log-loss.

Hoffmann et al. (2022), arXiv:2203.15556, Sec. 3.3 and App. D.2 (Eq. 3): minimise over
``theta = (a, b, e, alpha, beta)``

.. math:: \\sum_i \\mathrm{Huber}_\\delta\\big(\\mathrm{LSE}(a - \\alpha \\log N_i,\\
          b - \\beta \\log D_i,\\ e) - \\log L_i\\big)

with ``A, B, E = exp(a), exp(b), exp(e)``, ``delta = 1e-3``, L-BFGS, from every point of the
initialisation grid ``alpha, beta in {0, 0.5, ..., 2}``, ``e in {-1, -0.5, ..., 1}``,
``a, b in {0, 5, ..., 25}`` (4500 starts), keeping the best optimum. Besiroglu et al. (2024),
arXiv:2404.10102, showed that the Huber terms must be **summed**: averaging them (``reduction="mean"``)
shrinks the objective and its gradient by the number of points, and L-BFGS-B's default tolerances then
stop it after about two iterations next to its initialisation.

Public functions
----------------
fit_parametric
    The full multi-start fit, fast (batched L-BFGS over all starts in numpy, then a tight polish).
fit_parametric_reference
    The plain loop: one :func:`scipy.optimize.minimize` (L-BFGS-B) per start. Slow; for benchmarks and tests.
fit_from
    One L-BFGS-B run from a given start (e.g. Hoffmann's own parameters, for the mean-vs-sum lesson).
bootstrap_parametric
    Refit on bootstrap resamples of the runs.
huber_lse_objective
    The objective and its analytic gradient.
trace_from
    The summed objective after every iteration of one local optimisation (for the mean-vs-sum figure).
huber_log_likelihood
    Epoch's goodness-of-fit measure: the log-likelihood of the log residuals under a Huber-shaped density.
"""

from __future__ import annotations

import ctypes
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import product
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize

from ._validate import finite_scalar, positive_array, positive_scalar, same_length
from .laws import ParametricLaw

__all__ = [
    "PARAM_NAMES",
    "HOFFMANN_GRID_AXES",
    "ParametricFit",
    "BootstrapResult",
    "hoffmann_grid",
    "huber_lse_objective",
    "fit_parametric",
    "fit_parametric_reference",
    "fit_from",
    "bootstrap_parametric",
    "OptimisationTrace",
    "trace_from",
    "huber_log_likelihood",
]

#: Order of the log-space parameter vector used throughout (Hoffmann et al. 2022, Eq. 3).
PARAM_NAMES: tuple[str, ...] = ("a", "b", "e", "alpha", "beta")

#: Hoffmann et al. (2022), arXiv:2203.15556, App. D.2: the initialisation grid, per parameter.
HOFFMANN_GRID_AXES: dict[str, tuple[float, ...]] = {
    "a": (0.0, 5.0, 10.0, 15.0, 20.0, 25.0),
    "b": (0.0, 5.0, 10.0, 15.0, 20.0, 25.0),
    "e": (-1.0, -0.5, 0.0, 0.5, 1.0),
    "alpha": (0.0, 0.5, 1.0, 1.5, 2.0),
    "beta": (0.0, 0.5, 1.0, 1.5, 2.0),
}

#: Minimum number of runs for a 5-parameter fit.
MIN_POINTS = 5

Reduction = Literal["sum", "mean"]
Float64Array = NDArray[np.float64]


def hoffmann_grid() -> Float64Array:
    """Hoffmann's 4500 initialisations as an array of shape ``(4500, 5)`` in :data:`PARAM_NAMES` order.

    Returns
    -------
    numpy.ndarray
        Rows ``(a, b, e, alpha, beta)``; 6 x 6 x 5 x 5 x 5 = 4500 rows (Hoffmann et al. 2022, App. D.2).
    """
    ax = HOFFMANN_GRID_AXES
    rows = [(a, b, e, al, be) for al, be, e, a, b in
            product(ax["alpha"], ax["beta"], ax["e"], ax["a"], ax["b"])]
    return np.array(rows, dtype=float)


# ----------------------------------------------------------------------------------------- validation


@dataclass(frozen=True, eq=False)  # holds arrays
class _Data:
    """Log features of the runs: ``x = log N``, ``y = log D``, ``l = log L``."""

    x: Float64Array
    y: Float64Array
    l: Float64Array  # noqa: E741

    @property
    def n(self) -> int:
        return int(self.x.size)


def _prepare(N: ArrayLike, D: ArrayLike, L: ArrayLike) -> _Data:
    n = positive_array(N, "N (parameters)")
    d = positive_array(D, "D (tokens)")
    loss = positive_array(L, "L (loss)")
    same_length(("N", n), ("D", d), ("L", loss))
    if n.size < MIN_POINTS:
        raise ValueError(f"need at least {MIN_POINTS} runs to fit the 5 parameters (a, b, e, alpha, beta); "
                         f"got {n.size}.")
    return _Data(np.log(n), np.log(d), np.log(loss))


def _scale(reduction: str, n: int) -> float:
    """Weight of each Huber term: 1 for ``"sum"``, ``1/n`` for ``"mean"``."""
    if reduction not in ("sum", "mean"):
        raise ValueError(f"reduction must be 'sum' (Besiroglu et al.'s fix) or 'mean'; got {reduction!r}.")
    return 1.0 if reduction == "sum" else 1.0 / n


def _check_delta(delta: float) -> float:
    return positive_scalar(delta, "delta (Huber threshold)")


def _as_starts(grid: str | ArrayLike) -> Float64Array:
    if isinstance(grid, str):
        if grid != "hoffmann":
            raise ValueError(f"grid must be 'hoffmann' or an array of starts of shape (k, 5); got {grid!r}.")
        return hoffmann_grid()
    try:
        starts = np.array(grid, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError("grid must be 'hoffmann' or a numeric array of shape (k, 5).") from exc
    if starts.ndim == 1 and starts.size == 5:
        starts = starts[None, :]
    if starts.ndim != 2 or starts.shape[1] != 5 or starts.shape[0] == 0:
        raise ValueError(f"grid must have shape (k, 5) with columns {PARAM_NAMES}; got shape {starts.shape}.")
    if not np.isfinite(starts).all():
        raise ValueError("grid holds NaN or infinite starting values.")
    return starts


# ----------------------------------------------------------------------------------------- objective


def huber_lse_objective(params: ArrayLike, N: ArrayLike, D: ArrayLike, L: ArrayLike, *, delta: float = 1e-3,
                        reduction: Reduction = "sum") -> tuple[float, Float64Array]:
    """Hoffmann's Approach-3 objective and its analytic gradient at one parameter vector.

    ``f(theta) = s * sum_i Huber_delta(r_i)`` with
    ``r_i = LSE(a - alpha log N_i, b - beta log D_i, e) - log L_i`` and ``s = 1`` (``reduction="sum"``)
    or ``1/n`` (``"mean"``). With the softmax weights ``w_ik`` of the three LSE terms and
    ``psi = clip(r, -delta, delta)``: ``df/da = s sum psi_i w_i1``, ``df/dalpha = -s sum psi_i w_i1 log N_i``
    (the same for ``b``, ``beta`` with ``w_i2`` and ``log D_i``) and ``df/de = s sum psi_i w_i3``.

    Parameters
    ----------
    params
        ``(a, b, e, alpha, beta)``.
    N, D, L
        Parameters, tokens and losses of the runs.
    delta
        Huber threshold (Hoffmann: 1e-3).
    reduction
        ``"sum"`` or ``"mean"`` of the Huber terms.

    Returns
    -------
    (value, gradient)
    """
    data = _prepare(N, D, L)
    p = np.asarray(params, dtype=float).reshape(1, 5)
    f, g = _fg_block(p, data, _check_delta(delta), _scale(reduction, data.n))
    return float(f[0]), g[0]


def _fg_block(P: Float64Array, data: _Data, delta: float,
              weights: float | Float64Array = 1.0) -> tuple[Float64Array, Float64Array]:
    """Objective and gradient for a block of parameter vectors ``P`` of shape ``(k, 5)``.

    ``weights`` multiplies each run's Huber term: a scalar (``1`` for ``"sum"``, ``1/n`` for ``"mean"``) or an
    array of shape ``(k, n)`` (one weight vector per row, e.g. bootstrap multiplicities).

    Uses ``LSE(z1, z2, e) = e + log(1 + exp(z1 - e) + exp(z2 - e))`` (two exponentials per run) and falls
    back to the max-shifted form for rows whose exponents could overflow.
    """
    a, b, e, al, be = P.T
    x, y = data.x, data.y
    # Largest exponent per row, to decide whether the cheap unshifted form is safe.
    with np.errstate(invalid="ignore", over="ignore"):
        zmax = np.maximum((a - e) - np.minimum(al * x.min(), al * x.max()),
                          (b - e) - np.minimum(be * y.min(), be * y.max()))
    risky = ~(zmax < 600.0)
    w_arr = isinstance(weights, np.ndarray)
    if risky.any():
        f = np.empty(P.shape[0])
        g = np.empty(P.shape)
        safe = ~risky
        if safe.any():
            f[safe], g[safe] = _fg_block(P[safe], data, delta, weights[safe] if w_arr else weights)
        f[risky], g[risky] = _fg_shifted(P[risky], data, delta, weights[risky] if w_arr else weights)
        return f, g
    u1 = np.multiply.outer(al, x)
    np.subtract((a - e)[:, None], u1, out=u1)
    np.exp(u1, out=u1)
    u2 = np.multiply.outer(be, y)
    np.subtract((b - e)[:, None], u2, out=u2)
    np.exp(u2, out=u2)
    s = u1 + u2
    s += 1.0
    r = np.log(s)
    r += e[:, None] - data.l
    c = np.clip(r, -delta, delta)
    # Huber: c * (r - c/2) equals r^2/2 inside [-delta, delta] and delta (|r| - delta/2) outside.
    r -= 0.5 * c
    r *= c
    np.divide(c, s, out=c)  # psi / s: the chain rule through log(s)
    if w_arr or weights != 1.0:
        r *= weights
        c *= weights
    f = r.sum(axis=1)
    u1 *= c
    u2 *= c
    g = np.empty(P.shape)
    g[:, 0] = u1.sum(axis=1)
    g[:, 1] = u2.sum(axis=1)
    g[:, 2] = c.sum(axis=1)
    g[:, 3] = -(u1 @ x)
    g[:, 4] = -(u2 @ y)
    return f, g


def _fg_shifted(P: Float64Array, data: _Data, delta: float,
                weights: float | Float64Array = 1.0) -> tuple[Float64Array, Float64Array]:
    """Overflow-safe (max-shifted) version of :func:`_fg_block`."""
    a, b, e, al, be = P.T
    with np.errstate(all="ignore"):
        z1 = a[:, None] - np.multiply.outer(al, data.x)
        z2 = b[:, None] - np.multiply.outer(be, data.y)
        z3 = np.broadcast_to(e[:, None], z1.shape)
        m = np.maximum(np.maximum(z1, z2), z3)
        e1, e2, e3 = np.exp(z1 - m), np.exp(z2 - m), np.exp(z3 - m)
        s = e1 + e2 + e3
        r = m + np.log(s) - data.l
        c = np.clip(r, -delta, delta)
        f = (weights * c * (r - 0.5 * c)).sum(axis=1)
        psi = weights * c / s
        g1, g2, g3 = psi * e1, psi * e2, psi * e3
        g = np.stack([g1.sum(1), g2.sum(1), g3.sum(1), -(g1 @ data.x), -(g2 @ data.y)], axis=1)
    bad = ~(np.isfinite(f) & np.isfinite(g).all(axis=1))
    if bad.any():  # parameters that went to +-inf in a wild line-search trial
        f[bad] = np.inf
        g[bad] = 0.0
    return f, g


# Rows x runs per block in _Evaluator: each temporary array then stays below 128 KiB, glibc's default mmap
# threshold, so blocks reuse heap memory instead of being mmapped and page-faulted on every call, and stay
# in cache (measured ~3x faster than 256-row blocks, and ~6x faster than one sweep over all 4500 starts).
_BLOCK_ELEMENTS = 15_360


class _Evaluator:
    """Batched objective and gradient; row ``j`` of a call belongs to start ``rows[j]`` (for weights)."""

    def __init__(self, data: _Data, delta: float, weights: float | Float64Array = 1.0) -> None:
        self.data, self.delta, self.weights = data, delta, weights
        self.n_evals = 0

    def __call__(self, P: Float64Array, rows: NDArray[np.intp]) -> tuple[Float64Array, Float64Array]:
        k = P.shape[0]
        self.n_evals += k
        w = self.weights[rows] if isinstance(self.weights, np.ndarray) else self.weights
        step = max(1, _BLOCK_ELEMENTS // self.data.n)
        if k <= 1.5 * step:
            return _fg_block(P, self.data, self.delta, w)
        f = np.empty(k)
        g = np.empty((k, 5))
        for i in range(0, k, step):
            sl = slice(i, i + step)
            f[sl], g[sl] = _fg_block(P[sl], self.data, self.delta, w[sl] if isinstance(w, np.ndarray) else w)
        return f, g

    def single(self, p: Float64Array, row: int = 0) -> tuple[float, Float64Array]:
        """Value and gradient at one vector (for scipy)."""
        f, g = self(np.asarray(p, dtype=float).reshape(1, 5), np.array([row]))
        return float(f[0]), g[0]


# ----------------------------------------------------------------------------------------- batched L-BFGS

# Status codes of each start in the batched optimiser.
_RUNNING, _CONV_F, _CONV_G, _LS_FAIL, _MAXITER = range(5)
_STATUS_TEXT = {
    _RUNNING: "running",
    _CONV_F: "converged: relative reduction of f <= ftol",
    _CONV_G: "converged: max |gradient| <= gtol",
    _LS_FAIL: "stopped: line search could not decrease f",
    _MAXITER: "stopped: iteration limit",
}

# scipy L-BFGS-B defaults (scipy.optimize.minimize, method="L-BFGS-B"): ftol = factr * eps with factr = 1e7.
_SCIPY_FTOL = 2.220446049250313e-09
_SCIPY_GTOL = 1e-5
_SCIPY_MAXITER = 15000
# (ftol, gtol) of the polish step of fit_parametric for the summed objective.
_TIGHT_POLISH: tuple[float, float] = (1e-15, 1e-10)


class _BatchedLBFGS:
    """L-BFGS run simultaneously from many starts, vectorised over starts.

    Every start keeps its own limited-memory history (``m`` pairs), takes a two-loop-recursion direction and a
    backtracking (Armijo) line search with quadratic interpolation; the first step has length 1 along the
    steepest-descent direction, as in L-BFGS-B. By default a start stops with scipy L-BFGS-B's criteria:
    ``(f_k - f_{k+1}) <= ftol * max(|f_k|, |f_{k+1}|, fscale)`` with ``fscale = 1``, or ``max|grad| <= gtol``.
    Finished starts leave the working set, so later iterations only cost what is still running.
    """

    def __init__(self, evaluate: _Evaluator, X0: Float64Array, *, m: int = 10, ftol: float = _SCIPY_FTOL,
                 gtol: float = _SCIPY_GTOL, fscale: float = 1.0, max_ls: int = 30) -> None:
        self.evaluate, self.m, self.ftol, self.gtol, self.max_ls = evaluate, m, ftol, gtol, max_ls
        self.fscale = fscale
        k, d = X0.shape
        self.X = X0.astype(float).copy()
        self.F, self.G = evaluate(self.X, np.arange(k))
        self.status = np.zeros(k, dtype=int)
        self.nit = np.zeros(k, dtype=int)
        self.nfev = np.ones(k, dtype=int)
        # working set (compact arrays over the running starts)
        self.idx = np.arange(k)
        self.S = np.zeros((k, m, d))
        self.Y = np.zeros((k, m, d))
        self.R = np.zeros((k, m))
        self.gamma = np.ones(k)
        self.it = 0  # iterations done by the running starts (all running starts share it)
        bad = ~np.isfinite(self.F)
        if bad.any():
            raise ValueError("the objective is not finite at some starting points; check the grid.")
        self._finish(np.abs(self.G).max(axis=1) <= gtol, _CONV_G)

    @property
    def n_running(self) -> int:
        return int(self.idx.size)

    def _finish(self, done: NDArray[np.bool_], code: int) -> None:
        """Give status ``code`` to the working-set starts flagged in ``done`` and drop them from the set."""
        if not done.any():
            return
        self.status[self.idx[done]] = code
        keep = ~done
        self.idx = self.idx[keep]
        self.S, self.Y, self.R, self.gamma = self.S[keep], self.Y[keep], self.R[keep], self.gamma[keep]

    def _direction(self, g: Float64Array) -> Float64Array:
        m, it = self.m, self.it
        q = g.copy()
        n_pairs = min(it, m)
        order = [(it - 1 - t) % m for t in range(n_pairs)]  # newest first
        alphas = []
        for pos in order:
            a_t = self.R[:, pos] * np.einsum("ij,ij->i", self.S[:, pos], q)
            q -= a_t[:, None] * self.Y[:, pos]
            alphas.append(a_t)
        q *= self.gamma[:, None]
        for pos, a_t in zip(reversed(order), reversed(alphas), strict=True):
            b_t = self.R[:, pos] * np.einsum("ij,ij->i", self.Y[:, pos], q)
            q += (a_t - b_t)[:, None] * self.S[:, pos]
        return -q

    def run(self, max_iter: int) -> None:
        """Advance every running start by up to ``max_iter`` iterations (or until it stops)."""
        for _ in range(max_iter):
            if self.idx.size == 0:
                return
            idx = self.idx
            x0, f0, g = self.X[idx], self.F[idx], self.G[idx]
            p = self._direction(g)
            dg = np.einsum("ij,ij->i", p, g)
            uphill = ~(dg < 0)
            if uphill.any():  # reset to steepest descent (cannot happen with a positive-definite update)
                p[uphill] = -g[uphill]
                dg[uphill] = -np.einsum("ij,ij->i", g[uphill], g[uphill])
            t = np.ones(idx.size)
            if self.it == 0:
                t = 1.0 / np.maximum(np.linalg.norm(p, axis=1), 1e-300)
            f_new = np.empty(idx.size)
            g_new = np.empty_like(g)
            todo = np.arange(idx.size)
            for _ls in range(self.max_ls):
                ft, gt = self.evaluate(x0[todo] + t[todo, None] * p[todo], idx[todo])
                self.nfev[idx[todo]] += 1
                ok = ft <= f0[todo] + 1e-4 * t[todo] * dg[todo]
                f_new[todo[ok]] = ft[ok]
                g_new[todo[ok]] = gt[ok]
                todo, ft = todo[~ok], ft[~ok]
                if todo.size == 0:
                    break
                # Backtrack: minimiser of the quadratic through f0, dg and f(t), kept within [0.1 t, 0.5 t].
                tt, d0 = t[todo], dg[todo]
                with np.errstate(all="ignore"):
                    tq = -d0 * tt * tt / (2.0 * (ft - f0[todo] - d0 * tt))
                tq = np.where(np.isfinite(tq), tq, 0.5 * tt)
                t[todo] = np.clip(tq, 0.1 * tt, 0.5 * tt)
            failed = np.zeros(idx.size, dtype=bool)
            failed[todo] = True
            t[failed] = 0.0
            f_new[failed] = f0[failed]
            g_new[failed] = g[failed]
            s = t[:, None] * p
            yv = g_new - g
            sy = np.einsum("ij,ij->i", s, yv)
            yy = np.einsum("ij,ij->i", yv, yv)
            good = sy > 2.2e-16 * yy  # curvature test used by L-BFGS-B before accepting a pair
            pos = self.it % self.m
            self.S[:, pos] = np.where(good[:, None], s, 0.0)
            self.Y[:, pos] = np.where(good[:, None], yv, 0.0)
            with np.errstate(divide="ignore"):
                self.R[:, pos] = np.where(good, 1.0 / np.where(good, sy, 1.0), 0.0)
            self.gamma = np.where(good, sy / np.where(good, yy, 1.0), self.gamma)
            self.X[idx] = x0 + s
            self.F[idx], self.G[idx] = f_new, g_new
            self.nit[idx] += 1
            self.it += 1
            f_ref = np.maximum(np.maximum(np.abs(f0), np.abs(f_new)), self.fscale)
            conv_f = (f0 - f_new) <= self.ftol * f_ref
            conv_g = np.abs(g_new).max(axis=1) <= self.gtol
            self._finish(failed, _LS_FAIL)
            conv_g, conv_f = conv_g[~failed], conv_f[~failed]
            self._finish(conv_g, _CONV_G)
            self._finish(conv_f[~conv_g], _CONV_F)


# ----------------------------------------------------------------------------------------- results


@dataclass(frozen=True, eq=False)  # holds arrays
class ParametricFit:
    """Result of an Approach-3 fit (one or many starts).

    Attributes
    ----------
    law
        The best fit as a :class:`~scaling_helpers.laws.ParametricLaw`.
    params
        The best log-space vector ``(a, b, e, alpha, beta)``.
    objective
        Objective value at ``params`` (summed or averaged Huber loss, see ``reduction``).
    reduction
        ``"sum"`` or ``"mean"``.
    delta
        Huber threshold.
    n_points
        Number of runs fitted.
    n_starts
        Number of initialisations.
    n_converged
        Starts whose optimiser reported convergence.
    on_boundary
        ``True`` if some fitted parameter lies on (within 1% of the range of) or outside the edge of the
        initialisation grid; Hoffmann et al. report that their best fit does not.
    boundary_params
        Names of the parameters that triggered ``on_boundary``.
    starts, optima
        Per-start initial and final vectors, shape ``(n_starts, 5)``.
    objectives
        Per-start final objective values.
    n_iter
        Per-start L-BFGS iterations.
    converged
        Per-start convergence flags.
    best_start
        Index (into ``starts``) of the start that produced the best optimum.
    method
        How the fit was computed.
    elapsed
        Wall-clock seconds.
    messages
        Per-start optimiser messages.
    """

    law: ParametricLaw
    params: Float64Array
    objective: float
    reduction: str
    delta: float
    n_points: int
    n_starts: int
    n_converged: int
    on_boundary: bool
    boundary_params: tuple[str, ...]
    starts: Float64Array
    optima: Float64Array
    objectives: Float64Array
    n_iter: NDArray[np.int_]
    converged: NDArray[np.bool_]
    best_start: int
    method: str
    elapsed: float
    messages: tuple[str, ...] = ()

    # convenient views ---------------------------------------------------------------------------
    @property
    def E(self) -> float:
        """Fitted irreducible loss."""
        return self.law.E

    @property
    def A(self) -> float:
        """Fitted model-size coefficient."""
        return self.law.A

    @property
    def B(self) -> float:
        """Fitted data coefficient."""
        return self.law.B

    @property
    def alpha(self) -> float:
        """Fitted model-size exponent."""
        return self.law.alpha

    @property
    def beta(self) -> float:
        """Fitted data exponent."""
        return self.law.beta

    @property
    def a(self) -> float:
        """Compute-optimal size exponent ``beta / (alpha + beta)``."""
        return self.law.a

    @property
    def nit(self) -> int:
        """Iterations of the start that produced the best optimum."""
        return int(self.n_iter[self.best_start])

    def best_k(self, k: int = 10) -> Float64Array:
        """The ``k`` best per-start optima as rows ``(objective, a, b, e, alpha, beta)``, best first."""
        order = np.argsort(self.objectives, kind="stable")[: max(int(k), 0)]
        return np.column_stack([self.objectives[order], self.optima[order]])

    def n_near_best(self, rtol: float = 1e-6) -> int:
        """Number of starts whose optimum is within ``rtol`` (relative) of the best objective."""
        return int(np.sum(self.objectives <= self.objective * (1.0 + rtol) + 1e-300))

    def summary(self) -> str:
        """A short multi-line report."""
        lw = self.law
        lines = [
            f"Approach-3 fit ({self.method}), {self.n_points} runs, Huber delta={self.delta:g}, "
            f"reduction={self.reduction!r}",
            f"  E={lw.E:.5g}  A={lw.A:.5g}  B={lw.B:.5g}  alpha={lw.alpha:.5g}  beta={lw.beta:.5g}"
            f"  (a = beta/(alpha+beta) = {lw.a:.4f})",
            f"  objective {self.objective:.10g}; {self.n_converged}/{self.n_starts} starts converged, "
            f"{self.n_near_best()} within 1e-6 of the best; {self.elapsed:.2f} s",
            "  best optimum on the grid boundary: "
            + (", ".join(self.boundary_params) if self.on_boundary else "no"),
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _boundary(params: Float64Array, starts: Float64Array, tol: float = 0.01) -> tuple[str, ...]:
    """Parameters lying within ``tol`` x (grid range) of the grid's edge, or outside it."""
    if starts.shape[0] < 2:
        return ()
    lo, hi = starts.min(axis=0), starts.max(axis=0)
    width = hi - lo
    out = []
    for j, name in enumerate(PARAM_NAMES):
        if width[j] <= 0:
            continue
        if params[j] <= lo[j] + tol * width[j] or params[j] >= hi[j] - tol * width[j]:
            out.append(name)
    return tuple(out)


def _make_fit(*, starts: Float64Array, optima: Float64Array, objectives: Float64Array, n_iter: ArrayLike,
              converged: ArrayLike, messages: tuple[str, ...], reduction: str, delta: float, n_points: int,
              method: str, elapsed: float, name: str) -> ParametricFit:
    objectives = np.asarray(objectives, dtype=float)
    finite = np.where(np.isfinite(objectives), objectives, np.inf)
    best = int(np.argmin(finite))
    params = optima[best].copy()
    if not np.all(np.isfinite(params)) or not np.isfinite(finite[best]):
        raise RuntimeError("the fit failed from every start (non-finite objective); check the data.")
    if not (params[3] > 0 and params[4] > 0):
        raise ValueError(
            f"the best fit has a non-positive exponent (alpha = {params[3]:.3g}, beta = {params[4]:.3g}): "
            "the losses do not decrease with N and D, so L = E + A/N^alpha + B/D^beta does not describe "
            "these runs."
        )
    law = ParametricLaw.from_log_params(*params, name=name,
                                        source=f"Approach-3 Huber fit ({method}) on {n_points} runs")
    boundary = _boundary(params, starts)
    conv = np.asarray(converged, dtype=bool)
    return ParametricFit(
        law=law, params=params, objective=float(objectives[best]), reduction=reduction, delta=delta,
        n_points=n_points, n_starts=int(starts.shape[0]), n_converged=int(conv.sum()),
        on_boundary=bool(boundary), boundary_params=boundary, starts=starts, optima=optima,
        objectives=objectives, n_iter=np.asarray(n_iter, dtype=int), converged=conv, best_start=best,
        method=method, elapsed=elapsed, messages=messages,
    )


# ----------------------------------------------------------------------------------------- public fits


def _jac_flag(jac: str) -> bool:
    if jac not in ("analytic", "2-point"):
        raise ValueError(f"jac must be 'analytic' (exact gradient) or '2-point' (finite differences, as in "
                         f"Epoch's notebook); got {jac!r}.")
    return jac == "analytic"


def fit_from(init_params: ArrayLike | ParametricLaw, N: ArrayLike, D: ArrayLike, L: ArrayLike, *,
             delta: float = 1e-3, reduction: Reduction = "sum", method: str = "L-BFGS-B",
             jac: str = "analytic", options: dict[str, Any] | None = None) -> ParametricFit:
    """Run one local optimisation of the Approach-3 objective from ``init_params``.

    Used to show the loss-scale lesson of Besiroglu et al. (2024): from Hoffmann's unrounded parameters,
    ``reduction="mean"`` with L-BFGS-B stops after about two iterations next to the start, because the
    averaged objective (~5e-6) and its gradient fall under L-BFGS-B's absolute tolerances. Epoch refitted the
    summed objective with BFGS (``method="BFGS"``), which reaches their optimum from that start; note that on
    the 240 runs the summed objective with L-BFGS-B also stalls from that start (about 20 iterations,
    objective 1.163e-3 instead of 1.018e-3): the objective is nearly non-smooth with delta = 1e-3, which is
    why Hoffmann's recipe uses many starts.

    Parameters
    ----------
    init_params
        ``(a, b, e, alpha, beta)`` or a :class:`~scaling_helpers.laws.ParametricLaw` (its ``log_params``).
    N, D, L
        Parameters, tokens and losses of the runs.
    delta
        Huber threshold (Hoffmann: 1e-3).
    reduction
        ``"sum"`` (correct) or ``"mean"`` of the Huber terms.
    method
        :func:`scipy.optimize.minimize` method: ``"L-BFGS-B"`` (Hoffmann) or ``"BFGS"`` (Epoch's refits).
    jac
        ``"analytic"`` gradient or scipy's ``"2-point"`` finite differences.
    options
        Passed to :func:`scipy.optimize.minimize`.

    Returns
    -------
    ParametricFit
        With ``n_starts == 1``; ``nit`` gives the number of iterations.
    """
    if isinstance(init_params, ParametricLaw):
        x0 = init_params.log_params
    else:
        x0 = _as_starts(init_params)
        if x0.shape[0] != 1:
            raise ValueError("init_params must be a single vector (a, b, e, alpha, beta).")
        x0 = x0[0]
    if not np.all(np.isfinite(x0)):
        raise ValueError("init_params must be finite (E = 0 has no logarithm).")
    data = _prepare(N, D, L)
    delta = _check_delta(delta)
    ev = _Evaluator(data, delta, _scale(reduction, data.n))
    use_jac = _jac_flag(jac)
    fun = ev.single if use_jac else (lambda p: ev.single(p)[0])
    t0 = time.perf_counter()
    res = minimize(fun, x0, jac=use_jac, method=method, options=options)
    elapsed = time.perf_counter() - t0
    return _make_fit(starts=x0[None, :], optima=np.asarray(res.x, dtype=float)[None, :],
                     objectives=np.array([res.fun]), n_iter=[res.nit], converged=[res.success],
                     messages=(str(res.message),), reduction=reduction, delta=delta, n_points=data.n,
                     method=f"scipy {method} from one start", elapsed=elapsed,
                     name="Approach-3 fit (1 start)")


@contextmanager
def _openblas_threads(n: int | None) -> Iterator[None]:
    """Temporarily set the thread count of every loaded OpenBLAS (what ``threadpoolctl`` does), if ``n``."""
    if n is None:
        yield
        return
    n = int(n)
    if n < 1:
        raise ValueError(f"blas_threads must be >= 1; got {n}.")
    handles = []
    try:
        with open("/proc/self/maps") as fh:
            paths = sorted({line.split()[-1] for line in fh if "openblas" in line.lower() and "/" in line})
    except OSError:
        paths = []
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("openblas", "scipy_openblas"):
            for suffix in ("", "64_"):
                get = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
                put = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
                if get is not None and put is not None:
                    handles.append((put, int(get())))
    for put, _ in handles:
        put(n)
    try:
        yield
    finally:
        for put, old in handles:
            put(old)


def fit_parametric_reference(N: ArrayLike, D: ArrayLike, L: ArrayLike, *, delta: float = 1e-3,
                             reduction: Reduction = "sum", grid: str | ArrayLike = "hoffmann",
                             jac: str = "analytic", options: dict[str, Any] | None = None,
                             progress: bool = False, blas_threads: int | None = None) -> ParametricFit:
    """Hoffmann's Approach-3 recipe done the plain way: one scipy L-BFGS-B run per start.

    This is what Epoch AI's "Replicate exactly" cell does (there with finite-difference gradients,
    ``jac="2-point"``). With the 4500-start grid it takes ~20 s with the analytic gradient on an idle
    2-core machine, and many minutes with finite differences; :func:`fit_parametric` reaches the same
    optimum in about a second.

    scipy's L-BFGS-B makes many tiny BLAS/LAPACK calls. With a multi-threaded OpenBLAS these get slow and
    erratic when the other cores are busy (we measured up to ~20-70x slower on a loaded 2-core machine);
    ``blas_threads=1`` pins OpenBLAS to one thread for the duration of the call.

    Parameters
    ----------
    N, D, L
        Parameters, tokens and losses of the runs (positive, same length, at least 5).
    delta
        Huber threshold.
    reduction
        ``"sum"`` or ``"mean"``.
    grid
        ``"hoffmann"`` (:func:`hoffmann_grid`) or an array of starts, shape ``(k, 5)``.
    jac
        ``"analytic"`` or ``"2-point"``.
    options
        Passed to :func:`scipy.optimize.minimize` (default: scipy's L-BFGS-B defaults).
    progress
        Show a tqdm progress bar.
    blas_threads
        If given, limit the OpenBLAS libraries loaded by numpy and scipy to this many threads while the
        loop runs (Linux only; silently ignored elsewhere or if no OpenBLAS is found).

    Returns
    -------
    ParametricFit
    """
    data = _prepare(N, D, L)
    delta = _check_delta(delta)
    starts = _as_starts(grid)
    ev = _Evaluator(data, delta, _scale(reduction, data.n))
    use_jac = _jac_flag(jac)
    fun = ev.single if use_jac else (lambda p: ev.single(p)[0])
    k = starts.shape[0]
    optima, objs = np.empty((k, 5)), np.empty(k)
    nit, ok, msgs = np.empty(k, dtype=int), np.empty(k, dtype=bool), []
    iterator: Any = range(k)
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(iterator, desc="L-BFGS-B starts", unit="start")
    t0 = time.perf_counter()
    with _openblas_threads(blas_threads), np.errstate(all="ignore"):
        for i in iterator:
            res = minimize(fun, starts[i], jac=use_jac, method="L-BFGS-B", options=options)
            optima[i], objs[i], nit[i], ok[i] = res.x, res.fun, res.nit, res.success
            msgs.append(str(res.message))
    elapsed = time.perf_counter() - t0
    return _make_fit(starts=starts, optima=optima, objectives=objs, n_iter=nit, converged=ok,
                     messages=tuple(msgs), reduction=reduction, delta=delta, n_points=data.n,
                     method=f"scipy L-BFGS-B loop ({jac} gradient)", elapsed=elapsed,
                     name="Approach-3 fit (reference loop)")


def fit_parametric(N: ArrayLike, D: ArrayLike, L: ArrayLike, *, delta: float = 1e-3,
                   reduction: Reduction = "sum", grid: str | ArrayLike = "hoffmann",
                   method: Literal["batched", "reference"] = "batched", polish: int = 8,
                   polish_tol: tuple[float, float] | None = None,
                   options: dict[str, Any] | None = None) -> ParametricFit:
    """Fit Chinchilla's parametric law by Hoffmann et al.'s Approach 3 (multi-start Huber regression).

    Minimises ``sum_i Huber_delta(LSE(a - alpha log N_i, b - beta log D_i, e) - log L_i)`` over
    ``(a, b, e, alpha, beta)`` from every start of ``grid`` and keeps the best optimum
    (Hoffmann et al. 2022, arXiv:2203.15556, Sec. 3.3 and App. D.2; delta = 1e-3, 4500 starts).

    Method (``method="batched"``):

    1. **Batched L-BFGS.** All starts are optimised simultaneously: the objective and its analytic gradient
       are evaluated for a whole block of parameter vectors with numpy (cache-sized blocks of runs x starts);
       each start keeps its own L-BFGS memory (10 pairs), two-loop-recursion direction and backtracking
       Armijo line search. Each start stops with scipy L-BFGS-B's default criteria (reduction of f
       ``<= 2.2e-9 * max(|f|, 1)`` or ``max|grad| <= 1e-5``) and then leaves the working set. No start is
       pruned: every one runs to convergence, so the per-start optima are comparable with the reference
       loop's.
    2. **Polish.** The ``polish`` best distinct optima (differing by more than 1e-3 in some log-space
       parameter) are restarted, with a fresh L-BFGS memory and the tolerances ``polish_tol``; the best of
       everything is reported. For the summed objective the default ``(ftol, gtol) = (1e-15, 1e-10)`` makes
       the result at least as good as the best of the 4500 default-tolerance scipy runs of
       :func:`fit_parametric_reference` (those stop up to ~1e-8 relative above the optimum, scattered by
       ~1e-4 in the log-space parameters, because the objective is very flat there). For
       ``reduction="mean"`` the default keeps scipy's tolerances, so the averaged objective stalls just as
       it does in the reference loop (that is the lesson of the option).

    No scipy optimiser runs in this path: scipy's L-BFGS-B spends most of its time in tiny BLAS calls, which
    become erratic (up to ~20x slower) when OpenBLAS threads compete with other processes for the CPU.
    On the 240 Chinchilla runs the fit takes about a second (one thread), versus ~20 s for the scipy loop
    with the analytic gradient (:func:`fit_parametric_reference`) and many minutes with finite differences,
    and reaches the same optimum (Besiroglu et al. 2024: A = 477.8, B = 2143, E = 1.8172, alpha = 0.3473,
    beta = 0.3672, summed objective 1.01827e-3).

    Parameters
    ----------
    N, D, L
        Parameters (total incl. embeddings), training tokens and final losses (nats) of the runs:
        positive, finite, equal length, at least 5 runs.
    delta
        Huber threshold on log-loss residuals (Hoffmann: 1e-3).
    reduction
        ``"sum"`` of the Huber terms (correct) or ``"mean"`` (Hoffmann's apparent choice: the optimiser
        stops early; see Besiroglu et al. 2024).
    grid
        ``"hoffmann"`` for the 4500-start grid, or an array of starts of shape ``(k, 5)`` in
        :data:`PARAM_NAMES` order.
    method
        ``"batched"`` (fast, default) or ``"reference"`` (delegates to :func:`fit_parametric_reference`).
    polish
        Number of distinct best optima restarted in step 2 (0 disables the step).
    polish_tol
        ``(ftol, gtol)`` of step 2: stop when the reduction of f is ``<= ftol * max(|f|, 1)`` or
        ``max|grad| <= gtol``. Default: see step 2.
    options
        :func:`scipy.optimize.minimize` options, used only with ``method="reference"``.

    Returns
    -------
    ParametricFit
        The best law, its objective, convergence counts, per-start optima and the boundary check.

    Raises
    ------
    ValueError
        For non-positive, NaN or infinite inputs, mismatched lengths, fewer than 5 runs, or a bad grid.

    Examples
    --------
    >>> from scaling_helpers.data import load_chinchilla_points  # doctest: +SKIP
    >>> pts = load_chinchilla_points()  # doctest: +SKIP
    >>> fit = fit_parametric(pts.N, pts.D, pts.loss)  # doctest: +SKIP
    >>> round(fit.E, 3), round(fit.alpha, 3), round(fit.beta, 3)  # doctest: +SKIP
    (1.817, 0.347, 0.367)
    """
    if method == "reference":
        return fit_parametric_reference(N, D, L, delta=delta, reduction=reduction, grid=grid, options=options)
    if method != "batched":
        raise ValueError(f"method must be 'batched' or 'reference'; got {method!r}.")
    data = _prepare(N, D, L)
    delta = _check_delta(delta)
    scale = _scale(reduction, data.n)
    starts = _as_starts(grid)
    n_polish = int(finite_scalar(polish, "polish"))
    if n_polish < 0:
        raise ValueError(f"polish must be >= 0; got {polish}.")
    if polish_tol is None:
        polish_tol = _TIGHT_POLISH if reduction == "sum" else (_SCIPY_FTOL, _SCIPY_GTOL)
    p_ftol, p_gtol = (positive_scalar(v, name) for v, name in zip(polish_tol, ("ftol", "gtol"), strict=True))
    t0 = time.perf_counter()
    ev = _Evaluator(data, delta, scale)
    with np.errstate(all="ignore"):
        opt = _BatchedLBFGS(ev, starts)
        opt.run(_SCIPY_MAXITER)
    optima, objs, nit = opt.X.copy(), opt.F.copy(), opt.nit.copy()
    status = opt.status.copy()
    status[status == _RUNNING] = _MAXITER
    converged = (status == _CONV_F) | (status == _CONV_G)
    msgs = [_STATUS_TEXT[int(c)] for c in status]
    # Step 2: restart the best distinct optima with tighter tolerances.
    chosen: list[int] = []
    for i in np.argsort(np.where(np.isfinite(objs), objs, np.inf), kind="stable"):
        if len(chosen) >= n_polish or not np.isfinite(objs[i]):
            break
        if all(np.max(np.abs(optima[i] - optima[j])) > 1e-3 for j in chosen):
            chosen.append(int(i))
    if chosen:
        idx = np.array(chosen)
        with np.errstate(all="ignore"):
            pol = _BatchedLBFGS(ev, optima[idx], ftol=p_ftol, gtol=p_gtol)
            pol.run(_SCIPY_MAXITER)
        for k, i in enumerate(idx):
            nit[i] += pol.nit[k]
            if pol.F[k] <= objs[i]:
                optima[i], objs[i] = pol.X[k], pol.F[k]
                converged[i] = converged[i] or pol.status[k] in (_CONV_F, _CONV_G)
                msgs[i] = f"{msgs[i]}; polished ({pol.nit[k]} iterations): {_STATUS_TEXT[int(pol.status[k])]}"
    elapsed = time.perf_counter() - t0
    return _make_fit(starts=starts, optima=optima, objectives=objs, n_iter=nit, converged=converged,
                     messages=tuple(msgs), reduction=reduction, delta=delta, n_points=data.n,
                     method=f"batched L-BFGS over {starts.shape[0]} starts, {len(chosen)} polished",
                     elapsed=elapsed, name="Approach-3 fit")


# ----------------------------------------------------------------------------------------- bootstrap


@dataclass(frozen=True, eq=False)  # holds arrays
class BootstrapResult:
    """Approach-3 refits on bootstrap resamples of the runs.

    Attributes
    ----------
    params
        Log-space optima, shape ``(n_boot, 5)`` in :data:`PARAM_NAMES` order.
    objectives
        Objective of each refit on its own resample.
    converged
        Whether each refit met the convergence criteria.
    init
        The start used for every refit.
    seed
        Seed of :func:`numpy.random.default_rng` that drew the resamples.
    elapsed
        Wall-clock seconds.
    """

    params: Float64Array
    objectives: Float64Array
    converged: NDArray[np.bool_]
    init: Float64Array
    seed: int | None
    elapsed: float

    @property
    def n_boot(self) -> int:
        """Number of resamples."""
        return int(self.params.shape[0])

    @property
    def samples(self) -> dict[str, Float64Array]:
        """Samples of ``E, A, B, alpha, beta`` and ``a = beta / (alpha + beta)`` (linear scale)."""
        a_, b_, e_, al, be = self.params.T
        return {"E": np.exp(e_), "A": np.exp(a_), "B": np.exp(b_), "alpha": al, "beta": be,
                "a": be / (al + be)}

    def standard_errors(self) -> dict[str, float]:
        """Bootstrap standard deviation of each quantity in :attr:`samples`."""
        return {k: float(np.std(v, ddof=1)) for k, v in self.samples.items()}

    def percentiles(self, q: tuple[float, float] = (2.5, 97.5)) -> dict[str, tuple[float, float]]:
        """Percentile interval of each quantity in :attr:`samples` (default: 95%)."""
        out = {}
        for k, v in self.samples.items():
            lo, hi = np.percentile(v, q)
            out[k] = (float(lo), float(hi))
        return out

    def laws(self) -> list[ParametricLaw]:
        """Each refit as a :class:`~scaling_helpers.laws.ParametricLaw`."""
        return [ParametricLaw.from_log_params(*p, name=f"bootstrap {i}") for i, p in enumerate(self.params)]


def bootstrap_parametric(N: ArrayLike, D: ArrayLike, L: ArrayLike, n_boot: int = 200, seed: int | None = 0, *,
                         init: ArrayLike | ParametricLaw | ParametricFit | None = None, delta: float = 1e-3,
                         reduction: Reduction = "sum", progress: bool = True) -> BootstrapResult:
    """Refit Approach 3 on ``n_boot`` bootstrap resamples of the runs (sampled with replacement).

    Every resample is refitted from one start (``init``, by default the best fit on all the data) rather than
    from the 4500-point grid. A resample is a weight vector (how often each run was drawn), so all refits
    run together in the batched L-BFGS of :func:`fit_parametric`, with tight, scale-free stopping rules
    (relative reduction of f below 1e-12, or max|gradient| below 1e-12 x n).

    Parameters
    ----------
    N, D, L
        Parameters, tokens and losses of the runs.
    n_boot
        Number of resamples.
    seed
        Seed for :func:`numpy.random.default_rng`.
    init
        Start of every refit: a ``ParametricFit``, a ``ParametricLaw`` or ``(a, b, e, alpha, beta)``; default
        :func:`fit_parametric` on all runs.
    delta, reduction
        As in :func:`fit_parametric`.
    progress
        Show a tqdm progress bar (``tqdm.auto``) counting finished refits.

    Returns
    -------
    BootstrapResult
    """
    data = _prepare(N, D, L)
    delta = _check_delta(delta)
    scale = _scale(reduction, data.n)
    b = int(finite_scalar(n_boot, "n_boot"))
    if b < 1 or b != n_boot:
        raise ValueError(f"n_boot must be a positive integer; got {n_boot}.")
    t0 = time.perf_counter()
    if init is None:
        x0 = fit_parametric(N, D, L, delta=delta, reduction=reduction).params
    elif isinstance(init, ParametricFit):
        x0 = init.params
    elif isinstance(init, ParametricLaw):
        x0 = init.log_params
    else:
        x0 = _as_starts(init)[0]
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, data.n, size=(b, data.n))
    weights = np.zeros((b, data.n))
    np.add.at(weights, (np.repeat(np.arange(b), data.n), draws.ravel()), 1.0)
    ev = _Evaluator(data, delta, weights * scale)
    bar: Any = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=b, desc="bootstrap refits", unit="fit")
    with np.errstate(all="ignore"):
        opt = _BatchedLBFGS(ev, np.tile(x0, (b, 1)), ftol=1e-12, fscale=0.0, gtol=1e-12 * data.n * scale)
        done = b - opt.n_running
        while opt.n_running and int(opt.nit.max()) < 2000:
            opt.run(10)
            if bar is not None:
                bar.update(b - opt.n_running - done)
            done = b - opt.n_running
    if bar is not None:
        bar.update(b - done)
        bar.close()
    converged = (opt.status == _CONV_F) | (opt.status == _CONV_G) | (opt.status == _LS_FAIL)
    return BootstrapResult(params=opt.X.copy(), objectives=opt.F.copy(), converged=converged, init=x0,
                           seed=seed, elapsed=time.perf_counter() - t0)


# ----------------------------------------------------------------------------------------- diagnostics


@dataclass(frozen=True, eq=False)  # holds arrays
class OptimisationTrace:
    """The path of one local optimisation of the Approach-3 objective.

    Attributes
    ----------
    params
        Log-space parameters ``(a, b, e, alpha, beta)`` at the start and after every iteration, shape ``(k+1, 5)``.
    summed
        The **summed** Huber objective at each of those points (whatever ``reduction`` was optimised), so that
        traces of the summed and the averaged objective can be compared on one axis.
    reduction, method
        What was optimised, and with which :func:`scipy.optimize.minimize` method.
    message
        The optimiser's final message.
    """

    params: Float64Array
    summed: Float64Array
    reduction: str
    method: str
    message: str

    @property
    def n_iter(self) -> int:
        """Iterations performed."""
        return int(self.params.shape[0] - 1)

    @property
    def law(self) -> ParametricLaw:
        """The final parameters as a law."""
        return ParametricLaw.from_log_params(*self.params[-1], name=f"{self.method}, {self.reduction}")


def trace_from(init_params: ArrayLike | ParametricLaw, N: ArrayLike, D: ArrayLike, L: ArrayLike, *,
               delta: float = 1e-3, reduction: Reduction = "sum", method: str = "L-BFGS-B",
               options: dict[str, Any] | None = None) -> OptimisationTrace:
    """Like :func:`fit_from`, recording the parameters and the summed objective after every iteration.

    Parameters
    ----------
    init_params
        ``(a, b, e, alpha, beta)`` or a :class:`~scaling_helpers.laws.ParametricLaw`.
    N, D, L
        Parameters, tokens and losses of the runs.
    delta
        Huber threshold.
    reduction
        Objective optimised: ``"sum"`` or ``"mean"`` of the Huber terms.
    method
        ``"L-BFGS-B"`` or ``"BFGS"`` (analytic gradient in both cases).
    options
        Passed to :func:`scipy.optimize.minimize`.

    Returns
    -------
    OptimisationTrace
    """
    if isinstance(init_params, ParametricLaw):
        x0 = init_params.log_params
    else:
        x0 = _as_starts(init_params)
        if x0.shape[0] != 1:
            raise ValueError("init_params must be a single vector (a, b, e, alpha, beta).")
        x0 = x0[0]
    if not np.all(np.isfinite(x0)):
        raise ValueError("init_params must be finite (E = 0 has no logarithm).")
    if method not in ("L-BFGS-B", "BFGS"):
        raise ValueError(f"method must be 'L-BFGS-B' or 'BFGS'; got {method!r}.")
    data = _prepare(N, D, L)
    delta = _check_delta(delta)
    ev = _Evaluator(data, delta, _scale(reduction, data.n))
    path = [np.array(x0, dtype=float)]

    def record(xk: Float64Array) -> None:
        path.append(np.array(xk, dtype=float))

    with np.errstate(all="ignore"):
        res = minimize(ev.single, x0, jac=True, method=method, callback=record, options=options)
    P = np.array(path)
    summed, _ = _fg_block(P, data, delta, 1.0)
    return OptimisationTrace(params=P, summed=summed, reduction=reduction, method=method, message=str(res.message))


def huber_log_likelihood(law: ParametricLaw | ArrayLike, N: ArrayLike, D: ArrayLike, L: ArrayLike, *,
                         delta: float = 1e-3) -> tuple[float, float]:
    """Log-likelihood of the log residuals under a Huber-shaped error density, maximised over its scale.

    Besiroglu et al. (2024), arXiv:2404.10102 (``data_analysis.ipynb`` of epoch-research/analyzing-chinchilla) model the
    residual ``r_i = log L_i - log L_hat_i`` as ``r = sigma u`` with density
    ``p(u) = exp(-Huber_delta(u)) / Z``, ``Z = sqrt(2 pi) (2 Phi(delta) - 1) + 2 exp(-delta^2/2) / delta``, so that
    ``log lik = -sum_i Huber_delta(r_i / sigma) - n log(sigma Z)``. Here the law is fixed and ``sigma`` is chosen
    to maximise it. On the 240 runs this gives 562.25 for Hoffmann's rounded constants, 837.78 for the unrounded
    ones and 879.77 for Epoch's likelihood fit, as in Epoch's notebook.

    Parameters
    ----------
    law
        A :class:`~scaling_helpers.laws.ParametricLaw`, or ``(a, b, e, alpha, beta)``.
    N, D, L
        Parameters, tokens and losses of the runs.
    delta
        Huber threshold of the density (Epoch: 1e-3).

    Returns
    -------
    (log_likelihood, sigma)
    """
    from scipy.optimize import minimize_scalar
    from scipy.stats import norm

    theta = law.log_params if isinstance(law, ParametricLaw) else np.asarray(law, dtype=float).reshape(-1)
    if theta.size != 5 or not np.all(np.isfinite(theta)):
        raise ValueError("law must be a ParametricLaw with E > 0 or a finite vector (a, b, e, alpha, beta).")
    data = _prepare(N, D, L)
    d = _check_delta(delta)
    a, b, e, al, be = theta
    r = np.logaddexp(np.logaddexp(a - al * data.x, b - be * data.y), e) - data.l
    log_z = float(np.log(np.sqrt(2.0 * np.pi) * (2.0 * norm.cdf(d) - 1.0) + 2.0 * np.exp(-d * d / 2.0) / d))

    def negll(log_sigma: float) -> float:
        u = np.abs(r) / np.exp(log_sigma)
        hub = np.where(u <= d, 0.5 * u * u, d * (u - 0.5 * d))
        return float(hub.sum() + data.n * (log_sigma + log_z))

    spread = float(np.log(np.median(np.abs(r)) + 1e-300))
    res = minimize_scalar(negll, bounds=(spread - 25.0, spread + 10.0), method="bounded",
                          options={"xatol": 1e-10})
    return -float(res.fun), float(np.exp(res.x))

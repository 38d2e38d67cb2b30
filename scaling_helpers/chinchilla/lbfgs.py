"""The batched L-BFGS engine behind :func:`~scaling_helpers.chinchilla.fit_parametric`: every start of the grid
optimised at once, vectorised in numpy, with scipy L-BFGS-B's stopping rules (private to the topic).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .objective import Float64Array, _Evaluator

__all__: list[str] = []


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

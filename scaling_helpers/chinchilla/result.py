"""The result of an Approach-3 fit (:class:`ParametricFit`), built the same way by every fitting routine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .laws import ParametricLaw
from .objective import PARAM_NAMES, Float64Array

__all__ = ["ParametricFit"]


@dataclass(frozen=True, eq=False)  # holds arrays
class ParametricFit:
    """Result of an Approach-3 fit (one or many starts).

    Attributes
    ----------
    law
        The best fit as a :class:`~scaling_helpers.chinchilla.ParametricLaw`.
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

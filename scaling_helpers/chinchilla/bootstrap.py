"""Bootstrap refits of Approach 3: every resample refitted from one start, all together in the batched L-BFGS.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.validate import finite_scalar
from .fit import fit_parametric
from .laws import ParametricLaw
from .lbfgs import _CONV_F, _CONV_G, _LS_FAIL, _BatchedLBFGS
from .objective import (
    Float64Array,
    Reduction,
    _as_starts,
    _check_delta,
    _Evaluator,
    _prepare,
    _scale,
)
from .result import ParametricFit

__all__ = ["BootstrapResult", "bootstrap_parametric"]


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

    def tokens_per_param_band(self, C: ArrayLike, q: tuple[float, float] = (10.0, 90.0)
                              ) -> tuple[Float64Array, Float64Array]:
        """Percentile band of the compute-optimal ``D_opt / N_opt`` over the refits, at each budget ``C``.

        Each refit's ratio comes from :meth:`ParametricLaw.tokens_per_param` (Eq. 4, ``C = 6 N D``).

        Parameters
        ----------
        C
            Budgets in FLOPs (> 0).
        q
            Lower and upper percentiles (default 10 and 90: an 80% interval).

        Returns
        -------
        (lower, upper)
            Arrays of tokens per parameter, one value per budget.
        """
        c = np.atleast_1d(np.asarray(C, dtype=float))
        ratios = np.empty((self.n_boot, c.size))
        for i, law in enumerate(self.laws()):
            ratios[i] = law.tokens_per_param(c)
        lo, hi = np.percentile(ratios, q, axis=0)
        return lo, hi

    def laws(self) -> list[ParametricLaw]:
        """Each refit as a :class:`~scaling_helpers.chinchilla.ParametricLaw`."""
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

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

Where each piece lives (all exported by :mod:`scaling_helpers.chinchilla`)
-------------------------------------------------------------------------
fit_parametric (this module)
    The full multi-start fit, fast (batched L-BFGS over all starts in numpy, then a tight polish).
fit_parametric_reference, fit_from (:mod:`.reference`)
    The plain loop: one :func:`scipy.optimize.minimize` (L-BFGS-B) per start, slow, for benchmarks and tests;
    and one L-BFGS-B run from a given start (e.g. Hoffmann's own parameters, for the mean-vs-sum lesson).
bootstrap_parametric (:mod:`.bootstrap`)
    Refit on bootstrap resamples of the runs.
huber_lse_objective, hoffmann_grid (:mod:`.objective`)
    The objective and its analytic gradient; the grid of starts.
trace_from, huber_log_likelihood (:mod:`.diagnostics`)
    The summed objective after every iteration of one local optimisation (for the mean-vs-sum figure);
    Epoch's goodness-of-fit measure: the log-likelihood of the log residuals under a Huber-shaped density.
ParametricFit (:mod:`.result`)
    What every fit returns.
"""

from __future__ import annotations

import time
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import finite_scalar, positive_scalar
from .lbfgs import (
    _CONV_F,
    _CONV_G,
    _MAXITER,
    _RUNNING,
    _SCIPY_FTOL,
    _SCIPY_GTOL,
    _SCIPY_MAXITER,
    _STATUS_TEXT,
    _TIGHT_POLISH,
    _BatchedLBFGS,
)
from .objective import Reduction, _as_starts, _check_delta, _Evaluator, _prepare, _scale
from .reference import fit_parametric_reference
from .result import ParametricFit, _make_fit

__all__ = ["fit_parametric"]


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
    >>> from scaling_helpers.chinchilla.data import load_chinchilla_points  # doctest: +SKIP
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



"""Approach 3 the plain way: one scipy L-BFGS-B run per start (:func:`fit_parametric_reference`, Epoch AI's
"Replicate exactly" recipe) or from one given start (:func:`fit_from`, for the mean-vs-sum lesson).
"""

from __future__ import annotations

import ctypes
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import minimize

from .laws import ParametricLaw
from .objective import Reduction, _as_starts, _check_delta, _Evaluator, _prepare, _scale
from .result import ParametricFit, _make_fit

__all__ = ["fit_from", "fit_parametric_reference"]


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
        ``(a, b, e, alpha, beta)`` or a :class:`~scaling_helpers.chinchilla.ParametricLaw` (its ``log_params``).
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

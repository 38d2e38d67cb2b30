"""Chinchilla Approach 2: isoFLOP profiles, their parabola minima, and the exponent of ``N_opt ∝ C^a``.

Hoffmann et al. (2022), arXiv:2203.15556, Sec. 3.2: for each of 9 compute budgets (6e18 ... 3e21 FLOPs) train
models of several sizes, fit a parabola to loss against ``log N``, take its minimum as ``N_opt(C)``, then fit
the power law ``N_opt ∝ C^a`` across budgets (Table 2: a = 0.49, b = 0.51).

Pitfall ("Problems with Chinchilla Approach 2", arXiv:2603.22339): when the irreducible loss ``E > 0``, parabolas fitted to ``log L`` are
biased; fit them to ``L`` (the default here, ``log_loss=False``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.validate import finite_scalar, positive_array, same_length
from .laws import ParametricLaw

__all__ = [
    "HOFFMANN_BUDGETS",
    "IsoFLOPMinimum",
    "IsoFLOPFit",
    "isoflop_minimum",
    "fit_isoflop_minima",
    "group_by_budget",
    "assign_budgets",
    "simulate_isoflop_runs",
]

Float64Array = NDArray[np.float64]

#: The nine isoFLOP budgets of Hoffmann et al. (2022), arXiv:2203.15556, Sec. 3.2 / Fig. 3 ("9 FLOP budgets from
#: 6e18 to 3e21"; the individual values are read off Fig. 3). On the 240 extracted runs the
#: densest clusters of ``log10 C`` sit within ±0.05 dex of these values.
HOFFMANN_BUDGETS: tuple[float, ...] = (6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21)


@dataclass(frozen=True)
class IsoFLOPMinimum:
    """Minimum of a parabola fitted to one isoFLOP profile.

    Attributes
    ----------
    N_opt
        Model size at the parabola's minimum.
    loss_opt
        Loss at the minimum (in nats, even when the parabola was fitted to ``log L``).
    coeffs
        Parabola coefficients ``(c2, c1, c0)`` in ``u = ln N``: ``y = c2 u^2 + c1 u + c0``, with ``y = L``
        or ``log L``.
    log_loss
        Whether the parabola was fitted to ``log L``.
    inside
        Whether ``N_opt`` lies within the sampled model sizes (an extrapolated minimum is unreliable).
    n_points
        Number of runs in the profile.
    """

    N_opt: float
    loss_opt: float
    coeffs: tuple[float, float, float]
    log_loss: bool
    inside: bool
    n_points: int


def isoflop_minimum(N: ArrayLike, L: ArrayLike, *, log_loss: bool = False) -> IsoFLOPMinimum:
    """Fit a parabola in ``ln N`` to one isoFLOP profile and return its minimum.

    Parameters
    ----------
    N
        Model sizes (parameters) trained with the same compute budget; at least 3 distinct values.
    L
        Their final losses (nats).
    log_loss
        Fit the parabola to ``log L`` instead of ``L`` (biased when ``E > 0``; offered to show the bias).

    Returns
    -------
    IsoFLOPMinimum

    Raises
    ------
    ValueError
        For bad inputs, fewer than 3 distinct sizes, or a parabola that opens downwards (no minimum: the
        sizes do not bracket the optimum).
    """
    n = positive_array(N, "N (parameters)")
    loss = positive_array(L, "L (loss)")
    same_length(("N", n), ("L", loss))
    if np.unique(n).size < 3:
        raise ValueError(
            f"an isoFLOP parabola needs at least 3 distinct model sizes; got {np.unique(n).size}."
        )
    u = np.log(n)
    target = np.log(loss) if log_loss else loss
    c2, c1, c0 = np.polyfit(u, target, 2)
    if not c2 > 0:
        raise ValueError(
            "the fitted parabola opens downwards (no minimum): the model sizes do not bracket the compute-"
            "optimal size. Add smaller and larger models to this budget."
        )
    u_opt = -c1 / (2.0 * c2)
    y_opt = c0 - c1 * c1 / (4.0 * c2)
    return IsoFLOPMinimum(
        N_opt=float(math.exp(u_opt)),
        loss_opt=float(math.exp(y_opt) if log_loss else y_opt),
        coeffs=(float(c2), float(c1), float(c0)),
        log_loss=bool(log_loss),
        inside=bool(u.min() <= u_opt <= u.max()),
        n_points=int(n.size),
    )


@dataclass(frozen=True, eq=False)  # holds arrays
class IsoFLOPFit:
    """Per-budget isoFLOP minima and the fitted exponent of ``N_opt ∝ C^a``.

    Attributes
    ----------
    budgets
        Representative budget of each group (geometric mean of its FLOPs), increasing.
    N_opt, D_opt, loss_opt
        Per-budget minima; ``D_opt = C / (6 N_opt)``.
    minima
        The full :class:`IsoFLOPMinimum` of each budget.
    a, log10_k
        Least-squares fit ``log10 N_opt = a log10 C + log10_k``.
    b, log10_kd
        The same for ``D_opt`` (``a + b = 1`` up to rounding when ``C = 6 N D``).
    skipped
        Group keys (rounded ``log10 C``) left out because they had too few sizes or no minimum.
    """

    budgets: Float64Array
    N_opt: Float64Array
    D_opt: Float64Array
    loss_opt: Float64Array
    minima: tuple[IsoFLOPMinimum, ...]
    a: float
    log10_k: float
    b: float
    log10_kd: float
    skipped: tuple[float, ...]

    def predict_N(self, C: ArrayLike) -> Float64Array:
        """Compute-optimal model size ``10**log10_k * C**a`` from the fitted power law."""
        c = positive_array(C, "C (FLOPs)")
        return 10.0 ** (self.log10_k + self.a * np.log10(c))


def group_by_budget(C: ArrayLike, *, decimals: int = 1) -> tuple[Float64Array, NDArray[np.intp]]:
    """Group runs by compute budget: the key is ``log10 C`` rounded to ``decimals`` decimals.

    Returns
    -------
    (keys, labels)
        Sorted unique keys and, for each run, the index of its key.
    """
    c = positive_array(C, "C (FLOPs)")
    keys, labels = np.unique(np.round(np.log10(c), int(decimals)), return_inverse=True)
    return keys, labels


def assign_budgets(C: ArrayLike, budgets: ArrayLike = HOFFMANN_BUDGETS, *,
                   tol_dex: float = 0.05) -> NDArray[np.intp]:
    """Index of the nominal budget each run belongs to, or ``-1`` if it is farther than ``tol_dex`` from all.

    Runs extracted from a figure (Hoffmann et al. 2022, Fig. 4) carry pixel noise in ``C``, so the runs of one
    isoFLOP profile are spread around their nominal budget: a run joins the closest budget in ``log10 C`` if it
    lies within ``tol_dex`` decades of it.

    Parameters
    ----------
    C
        Compute of every run (FLOPs).
    budgets
        Nominal budgets (FLOPs), e.g. :data:`HOFFMANN_BUDGETS`.
    tol_dex
        Largest distance ``|log10 C - log10 budget|`` accepted (> 0).

    Returns
    -------
    numpy.ndarray
        One integer per run: an index into ``budgets``, or ``-1``.
    """
    c = positive_array(C, "C (FLOPs)")
    b = positive_array(budgets, "budgets (FLOPs)")
    tol = finite_scalar(tol_dex, "tol_dex")
    if tol <= 0:
        raise ValueError(f"tol_dex must be > 0 (decades); got {tol_dex}.")
    dist = np.abs(np.log10(c)[:, None] - np.log10(b)[None, :])
    idx = np.argmin(dist, axis=1)
    return np.where(dist[np.arange(c.size), idx] <= tol, idx, -1).astype(np.intp)


def simulate_isoflop_runs(law: ParametricLaw, budgets: ArrayLike = HOFFMANN_BUDGETS, *, n_sizes: int = 9,
                          width_dex: float = 0.6, offset_dex: float | ArrayLike = 0.0, noise: float = 0.0,
                          seed: int | None = 0) -> tuple[Float64Array, Float64Array, Float64Array]:
    """Synthetic isoFLOP sweeps generated from a known law (for exercises and for studying Approach 2's biases).

    For each budget ``C``, ``n_sizes`` model sizes are log-spaced over ``N_opt(C) * 10**(offset_dex ± width_dex)``
    and trained on ``D = C / (6 N)`` tokens; their loss is ``law.loss_at_compute(N, C)`` times log-normal noise
    ``exp(noise * z)``.

    Parameters
    ----------
    law
        The true law (e.g. :data:`~scaling_helpers.chinchilla.BESIROGLU_2024`).
    budgets
        Compute budgets in FLOPs.
    n_sizes
        Model sizes per budget (>= 3).
    width_dex
        Half-width of the grid of sizes in decades.
    offset_dex
        Shift of the grid's centre from the true optimum, in decades: one number for every budget, or one per
        budget (0: centred). A shift that grows with the budget, e.g. grids centred on a prior guess of the
        exponent, biases the fitted exponent (arXiv:2603.22339).
    noise
        Relative (log-normal) noise on the loss (>= 0).
    seed
        Seed of :func:`numpy.random.default_rng`.

    Returns
    -------
    (C, N, L)
        Flat arrays, one entry per run.
    """
    if not isinstance(law, ParametricLaw):
        raise ValueError(f"law must be a ParametricLaw; got {type(law).__name__}.")
    b = positive_array(budgets, "budgets (FLOPs)")
    k = int(finite_scalar(n_sizes, "n_sizes"))
    if k < 3:
        raise ValueError(f"n_sizes must be >= 3 (a parabola has 3 coefficients); got {n_sizes}.")
    width = finite_scalar(width_dex, "width_dex")
    if width <= 0:
        raise ValueError(f"width_dex must be > 0; got {width_dex}.")
    shift = np.asarray(offset_dex, dtype=float)
    if shift.ndim > 1 or (shift.ndim == 1 and shift.size != b.size) or not np.all(np.isfinite(shift)):
        raise ValueError(f"offset_dex must be a finite number or one per budget ({b.size}); got {offset_dex!r}.")
    sigma = finite_scalar(noise, "noise")
    if sigma < 0:
        raise ValueError(f"noise must be >= 0; got {noise}.")
    n_opt = np.asarray(law.compute_optimal(b)[0], dtype=float).reshape(-1)
    grid = 10.0 ** (np.reshape(shift, (-1, 1)) + np.linspace(-width, width, k)[None, :])
    N = (n_opt[:, None] * grid).ravel()
    C = np.repeat(b, k)
    rng = np.random.default_rng(seed)
    L = np.asarray(law.loss_at_compute(N, C), dtype=float) * np.exp(sigma * rng.standard_normal(N.size))
    return C, N, L


def fit_isoflop_minima(C: ArrayLike, N: ArrayLike, L: ArrayLike, *, log_loss: bool = False, decimals: int = 1,
                       min_points: int = 3, require_inside: bool = True, budgets: ArrayLike | None = None,
                       tol_dex: float = 0.05) -> IsoFLOPFit:
    """Chinchilla Approach 2: parabola minimum per budget, then ``N_opt ∝ C^a`` by least squares in log space.

    Parameters
    ----------
    C, N, L
        Compute (FLOPs), model size (parameters) and final loss of every run.
    log_loss
        Fit the parabolas to ``log L`` (biased when ``E > 0``) instead of ``L``.
    decimals
        Runs whose ``log10 C`` agree after rounding to this many decimals form one isoFLOP profile (used when
        ``budgets`` is not given).
    min_points
        Minimum number of distinct sizes per profile (at least 3); smaller groups are skipped.
    require_inside
        Skip budgets whose parabola minimum lies outside the sampled sizes (extrapolation).
    budgets
        Nominal budgets (e.g. :data:`HOFFMANN_BUDGETS`): if given, runs are grouped with :func:`assign_budgets`
        (runs farther than ``tol_dex`` from every budget are ignored) and each profile is placed at its nominal
        budget instead of the geometric mean of its runs' FLOPs.
    tol_dex
        Grouping tolerance in decades, used with ``budgets``.

    Returns
    -------
    IsoFLOPFit

    Raises
    ------
    ValueError
        For bad inputs, or if fewer than 2 budgets yield a usable minimum.
    """
    c = positive_array(C, "C (FLOPs)")
    n = positive_array(N, "N (parameters)")
    loss = positive_array(L, "L (loss)")
    same_length(("C", c), ("N", n), ("L", loss))
    k = int(finite_scalar(min_points, "min_points"))
    if k < 3:
        raise ValueError(f"min_points must be >= 3 (a parabola has 3 coefficients); got {min_points}.")
    if budgets is None:
        keys, labels = group_by_budget(c, decimals=decimals)
        nominal = None
    else:
        nominal = positive_array(budgets, "budgets (FLOPs)")
        labels = assign_budgets(c, nominal, tol_dex=tol_dex)
        keys = np.round(np.log10(nominal), 3)
    found, minima, skipped = [], [], []
    for j, key in enumerate(keys):
        sel = labels == j
        if np.unique(n[sel]).size < k:
            skipped.append(float(key))
            continue
        try:
            m = isoflop_minimum(n[sel], loss[sel], log_loss=log_loss)
        except ValueError:
            skipped.append(float(key))
            continue
        if require_inside and not m.inside:
            skipped.append(float(key))
            continue
        found.append(float(nominal[j]) if nominal is not None else float(np.exp(np.mean(np.log(c[sel])))))
        minima.append(m)
    if len(minima) < 2:
        raise ValueError(
            f"only {len(minima)} budget(s) gave a usable parabola minimum (need 2 for a power law); "
            f"{len(keys)} group(s) found with decimals={decimals}. Check that the runs share compute "
            "budgets, or lower min_points / change decimals."
        )
    order = np.argsort(found, kind="stable")
    cb = np.array(found)[order]
    minima = [minima[i] for i in order]
    n_opt = np.array([m.N_opt for m in minima])
    d_opt = cb / (6.0 * n_opt)
    a, log10_k = np.polyfit(np.log10(cb), np.log10(n_opt), 1)
    b, log10_kd = np.polyfit(np.log10(cb), np.log10(d_opt), 1)
    return IsoFLOPFit(
        budgets=cb, N_opt=n_opt, D_opt=d_opt, loss_opt=np.array([m.loss_opt for m in minima]),
        minima=tuple(minima), a=float(a), log10_k=float(log10_k), b=float(b), log10_kd=float(log10_kd),
        skipped=tuple(skipped),
    )

"""Inputs of Kaplan's laws: compute in FLOPs or PF-days, always stated (:func:`to_pf_days`), with plausibility checks.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..common.units import PF_DAY
from ..common.validate import positive_array

__all__ = ["Unit", "to_pf_days"]


Unit = Literal["flops", "pf_days"]
_Result = float | NDArray[np.float64]

#: Smallest compute, in FLOPs, that any language-model training run could plausibly use (a 1k-parameter model
#: on 1M tokens is 6e9 FLOPs). Anything smaller labelled "flops" is almost surely in PF-days.
_MIN_PLAUSIBLE_FLOPS = 1e9
#: Largest compute, in PF-days, that is plausible (8.64e31 FLOPs). Anything larger labelled "pf_days" is almost
#: surely in FLOPs.
_MAX_PLAUSIBLE_PF_DAYS = 1e12


# ---------------------------------------------------------------------------------------------- helpers
def _out(x: ArrayLike) -> _Result:
    """A Python float for 0-d results, else an ndarray."""
    arr = np.asarray(x, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


def _positive(values: ArrayLike, name: str, *, allow_inf: bool = False) -> NDArray[np.float64]:
    """Strictly positive numbers of any shape (``+inf`` allowed with ``allow_inf``), validated."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        positive_array(values, name)  # raises a ValueError that says what is wrong
        raise
    flat = np.ravel(arr)
    if allow_inf:
        flat = flat[flat != np.inf]  # +inf is allowed; NaN and -inf still fail below
        if flat.size == 0:
            return arr
    positive_array(flat, name)
    return arr


def _unit(unit: str) -> Unit:
    """Normalise a unit name; raise a ValueError naming the accepted values."""
    if not isinstance(unit, str):
        raise ValueError(f"unit must be the string 'flops' or 'pf_days'; got {unit!r}.")
    u = unit.strip().lower().replace("-", "_").replace(" ", "_")
    if u in ("flops", "flop"):
        return "flops"
    if u in ("pf_days", "pf_day", "pfdays", "pfday", "petaflop_days", "petaflop_s_days"):
        return "pf_days"
    raise ValueError(f"unit must be 'flops' or 'pf_days' (1 PF-day = {PF_DAY:.3g} FLOPs); got {unit!r}.")


def to_pf_days(C: ArrayLike, *, unit: str) -> _Result:
    """Convert a compute budget to PF-days, rejecting values implausible in the stated unit.

    Kaplan et al. (2020) state every compute law in PF-days (Sec. 1.3: 1 PF-day = 1e15 x 86400 = 8.64e19 FLOPs).

    Parameters
    ----------
    C
        Compute budget(s), > 0.
    unit
        ``"flops"`` or ``"pf_days"`` (keyword-only, required).

    Returns
    -------
    float or numpy.ndarray
        The budget in PF-days.

    Raises
    ------
    ValueError
        If ``unit`` is unknown, ``C`` is not positive, a value labelled FLOPs is below 1e9 (it is almost surely in
        PF-days) or a value labelled PF-days is above 1e12 (it is almost surely in FLOPs).

    Examples
    --------
    >>> to_pf_days(8.64e19, unit="flops")
    1.0
    """
    u = _unit(unit)
    c = _positive(C, "C (compute)")
    if u == "flops":
        low = float(np.min(c))
        if low < _MIN_PLAUSIBLE_FLOPS:
            raise ValueError(
                f"C = {low:.3g} FLOPs is smaller than any language-model training run (>= {_MIN_PLAUSIBLE_FLOPS:.0e} "
                f"FLOPs). If this number is in PF-days, pass unit='pf_days' (1 PF-day = {PF_DAY:.3g} FLOPs).")
        return _out(c / PF_DAY)
    high = float(np.max(c))
    if high > _MAX_PLAUSIBLE_PF_DAYS:
        raise ValueError(
            f"C = {high:.3g} PF-days ({high * PF_DAY:.3g} FLOPs) is implausibly large: it looks like FLOPs. "
            f"Pass unit='flops', or divide by PF_DAY = {PF_DAY:.3g}.")
    return _out(c)

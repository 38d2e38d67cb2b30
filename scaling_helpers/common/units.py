"""Units and human-readable formatting of sizes, token counts and compute.

Constants
---------
PF_DAY
    One petaflop/s-day in FLOPs: 1e15 FLOP/s x 86,400 s = 8.64e19 FLOPs
    (Kaplan et al. 2020, arXiv:2001.08361, Sec. 1.3).
"""

from __future__ import annotations

import math

from .validate import finite_scalar, positive_scalar

__all__ = ["PF_DAY", "flops_to_pf_days", "pf_days_to_flops", "format_count", "format_tokens",
           "format_params", "format_flops", "format_pf_days"]

#: FLOPs in one petaflop/s-day (Kaplan et al. 2020, Sec. 1.3): 1e15 * 24 * 3600.
PF_DAY: float = 1e15 * 24 * 3600

_SUFFIXES = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]


def flops_to_pf_days(flops: float) -> float:
    """Convert FLOPs to PF-days (divide by 8.64e19)."""
    return positive_scalar(flops, "flops", unit="FLOPs") / PF_DAY


def pf_days_to_flops(pf_days: float) -> float:
    """Convert PF-days to FLOPs (multiply by 8.64e19)."""
    return positive_scalar(pf_days, "pf_days", unit="PF-days") * PF_DAY


def _sig(x: float, digits: int) -> str:
    """Format ``x`` with ``digits`` significant digits, trimming a trailing ``.0``."""
    s = f"{x:.{digits}g}"
    return s


def format_count(n: float, digits: int = 3) -> str:
    """Format a count with a k/M/B/T suffix: ``1.4e12 -> '1.4T'``, ``7e10 -> '70B'``.

    Parameters
    ----------
    n
        A non-negative finite number.
    digits
        Significant digits.

    Examples
    --------
    >>> format_count(1.4e12)
    '1.4T'
    >>> format_count(124_337_664)
    '124M'
    """
    x = finite_scalar(n, "n")
    if x < 0:
        raise ValueError(f"n must be >= 0 for a count; got {x}.")
    if x >= 1e15:
        return f"{x:.{max(digits - 1, 0)}e}"
    for scale, suffix in _SUFFIXES:
        if x >= scale:
            return _sig(x / scale, digits) + suffix
    return _sig(x, digits)


def format_tokens(n: float, digits: int = 3) -> str:
    """Format a token count: ``1.4e12 -> '1.4T tokens'``."""
    return f"{format_count(n, digits)} tokens"


def format_params(n: float, digits: int = 3) -> str:
    """Format a parameter count: ``7e10 -> '70B params'``."""
    return f"{format_count(n, digits)} params"


def format_flops(flops: float, digits: int = 3) -> str:
    """Format compute in scientific notation: ``5.76e23 -> '5.76e23 FLOPs'``.

    Examples
    --------
    >>> format_flops(5.76e23)
    '5.76e23 FLOPs'
    """
    x = finite_scalar(flops, "flops")
    if x < 0:
        raise ValueError(f"flops must be >= 0; got {x}.")
    if x == 0:
        return "0 FLOPs"
    exp = math.floor(math.log10(x))
    mant = x / 10**exp
    if round(mant, digits - 1) >= 10:  # 9.999e23 rounds to 10.0e23
        mant, exp = mant / 10, exp + 1
    m = f"{mant:.{digits - 1}f}".rstrip("0").rstrip(".")
    return f"{m}e{exp} FLOPs"


def format_pf_days(flops: float, digits: int = 2) -> str:
    """Format compute given in FLOPs as PF-days: ``3.14e23 -> '3.6e3 PF-days'``."""
    pfd = flops_to_pf_days(flops)
    exp = math.floor(math.log10(pfd))
    mant = pfd / 10**exp
    if round(mant, digits - 1) >= 10:
        mant, exp = mant / 10, exp + 1
    m = f"{mant:.{digits - 1}f}".rstrip("0").rstrip(".")
    return f"{m}e{exp} PF-days"

"""Input validation shared by every helper.

Every public helper funnels its numeric inputs through these functions so that bad input
(negative sizes, NaN, empty arrays, mismatched lengths, wrong units) fails early with a
``ValueError`` that names the argument and says what to do.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "as_array",
    "positive_array",
    "positive_scalar",
    "fraction",
    "same_length",
    "finite_scalar",
    "positive",
    "positive_int",
    "non_negative",
    "Number",
]

#: A scalar result, or an array of results with the shape of the (array) input.
Number = float | NDArray[np.float64]


def as_array(values: ArrayLike, name: str, *, allow_empty: bool = False) -> NDArray[np.float64]:
    """Convert ``values`` to a 1-D float array and reject NaN, infinities and empty input.

    Parameters
    ----------
    values
        A number, list or array.
    name
        The argument's name, used in error messages.
    allow_empty
        Accept an empty array (default ``False``).

    Returns
    -------
    numpy.ndarray
        A 1-D ``float64`` copy of ``values``.

    Raises
    ------
    ValueError
        If ``values`` is not numeric, empty, or holds NaN or infinite entries.
    """
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numbers (got {type(values).__name__}: {values!r:.60})") from exc
    arr = np.atleast_1d(arr)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional; got shape {arr.shape}. Flatten it first.")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty: pass at least one value.")
    bad = ~np.isfinite(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{name} contains {int(bad.sum())} NaN or infinite value(s) (first at index {i}: {arr[i]}); "
            "drop or fix those entries."
        )
    return arr


def positive_array(values: ArrayLike, name: str, *, min_size: int = 1) -> NDArray[np.float64]:
    """Like :func:`as_array`, and every entry must be strictly positive.

    Parameters
    ----------
    values
        A number, list or array.
    name
        The argument's name, used in error messages.
    min_size
        Minimum number of entries required.

    Raises
    ------
    ValueError
        If any entry is zero or negative, or there are fewer than ``min_size`` entries.
    """
    arr = as_array(values, name)
    if arr.size < min_size:
        raise ValueError(f"{name} needs at least {min_size} values; got {arr.size}.")
    if (arr <= 0).any():
        i = int(np.flatnonzero(arr <= 0)[0])
        raise ValueError(
            f"{name} must be strictly positive (sizes, tokens, FLOPs and losses are > 0); "
            f"entry {i} is {arr[i]}. Power laws are fitted in log space, so remove zero or negative values."
        )
    return arr


def finite_scalar(value: Any, name: str) -> float:
    """Return ``value`` as a finite float or raise ``ValueError`` naming ``name``."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, not a bool.")
    try:
        x = float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a number (got {type(value).__name__}: {value!r:.60}).") from exc
    if not math.isfinite(x):
        raise ValueError(f"{name} must be finite; got {x}.")
    return x


def positive_scalar(value: Any, name: str, *, unit: str = "") -> float:
    """Return ``value`` as a strictly positive finite float.

    Parameters
    ----------
    value
        The number to check.
    name
        The argument's name, used in error messages.
    unit
        Optional unit mentioned in the message (``"FLOPs"``, ``"tokens"``...).
    """
    x = finite_scalar(value, name)
    if x <= 0:
        u = f" {unit}" if unit else ""
        raise ValueError(f"{name} must be > 0{u}; got {x}.")
    return x


def fraction(value: Any, name: str, *, closed_low: bool = False) -> float:
    """Return ``value`` as a float in (0, 1] (or [0, 1] with ``closed_low``).

    Useful for utilisations such as MFU: a value of 45 instead of 0.45 gets a message that
    says to divide by 100.
    """
    x = finite_scalar(value, name)
    low_ok = x >= 0 if closed_low else x > 0
    if not (low_ok and x <= 1):
        hint = " It looks like a percentage: divide by 100." if 1 < x <= 100 else ""
        interval = "[0, 1]" if closed_low else "(0, 1]"
        raise ValueError(f"{name} must be a fraction in {interval}; got {x}.{hint}")
    return x


def same_length(*pairs: tuple[str, NDArray[np.float64]]) -> None:
    """Raise ``ValueError`` unless all named arrays have the same length."""
    sizes = {name: arr.size for name, arr in pairs}
    if len(set(sizes.values())) > 1:
        desc = ", ".join(f"{k} has {v}" for k, v in sizes.items())
        raise ValueError(f"inputs must have the same length: {desc}.")


def positive(values: ArrayLike, name: str, *, unit: str = "") -> Number:
    """Return ``values`` as a positive float, or a positive float array of the same shape.

    Scalars stay scalars (so printed results look like plain numbers); arrays of any shape are
    accepted so that grids (for contour plots) work. Every entry must be finite and > 0.
    """
    if np.ndim(values) == 0:
        return positive_scalar(values, name, unit=unit)
    shape = np.shape(values)
    return positive_array(np.ravel(values), name).reshape(shape)


def non_negative(value: Any, name: str) -> float:
    """Return ``value`` as a finite float >= 0 (zero is allowed, e.g. an empty prompt)."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, not a bool.")
    try:
        x = float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a number (got {type(value).__name__}: {value!r:.60}).") from exc
    if not np.isfinite(x) or x < 0:
        raise ValueError(f"{name} must be a finite number >= 0; got {x}.")
    return x


def positive_int(value: Any, name: str) -> int:
    """Return ``value`` as a Python ``int`` > 0, or raise ``ValueError`` saying what to pass.

    Integral floats such as ``768.0`` are accepted; ``768.5``, ``True``, strings and values <= 0 are not.
    """
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a positive integer, not a bool ({value}).")
    if isinstance(value, numbers.Integral):
        n = int(value)
    elif isinstance(value, numbers.Real) and float(value).is_integer():
        n = int(value)
    else:
        raise ValueError(f"{name} must be a positive integer; got {type(value).__name__} {value!r:.60}.")
    if n <= 0:
        raise ValueError(f"{name} must be a positive integer (a size or a count); got {n}.")
    return n

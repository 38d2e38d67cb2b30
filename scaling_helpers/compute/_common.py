"""Small input helpers shared by the compute-accounting modules (not public API)."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._validate import positive_array, positive_scalar

__all__ = ["positive", "positive_int", "non_negative", "Number"]

#: A scalar result, or an array of results with the shape of the (array) input.
Number = float | NDArray[np.float64]


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

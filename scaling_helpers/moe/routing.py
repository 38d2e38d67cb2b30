"""Router arithmetic: tokens per expert, expert capacity and dropped tokens.

A batch of ``T`` tokens routed top-``k`` over ``E`` experts makes ``T·k`` token-to-expert
*assignments*, so an expert receives ``T·k/E`` of them on average. Hardware wants fixed-size buffers, so
each expert gets a **capacity** of

    capacity = capacity_factor x T·k / E

slots (Switch Transformer, Fedus, Zoph & Shazeer 2022, JMLR, arXiv:2101.03961, Sec. 2.2, with top-1:
expert capacity = (tokens per batch / number of experts) x capacity factor, their Eq. 3;
GShard's top-2 version counts the ``k`` assignments per token the same way). A router that sends more
than ``capacity`` assignments to one expert **drops** the excess (those tokens skip the expert and keep
only their residual connection); a capacity factor above 1 buys headroom for imbalance at the cost of
padding. Implementations round the capacity to an integer; these helpers keep the real number unless
asked to round.

Examples
--------
>>> mean_tokens_per_expert(4096, 8, top_k=2)
1024.0
>>> expert_capacity(4096, 8, top_k=2, capacity_factor=1.25)
1280.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..common.validate import as_array, positive_int, positive_scalar

__all__ = ["mean_tokens_per_expert", "expert_capacity", "RoutingOutcome", "route_with_capacity"]


def _tk(n_tokens: float, n_experts: int, top_k: int) -> tuple[float, int, int]:
    t = positive_scalar(n_tokens, "n_tokens", unit="tokens")
    e = positive_int(n_experts, "n_experts")
    k = positive_int(top_k, "top_k")
    if k > e:
        raise ValueError(f"top_k ({k}) cannot exceed n_experts ({e}).")
    return t, e, k


def mean_tokens_per_expert(n_tokens: float, n_experts: int, top_k: int = 1) -> float:
    """Average assignments per expert, ``n_tokens · top_k / n_experts`` (a perfectly balanced router)."""
    t, e, k = _tk(n_tokens, n_experts, top_k)
    return t * k / e


def expert_capacity(n_tokens: float, n_experts: int, top_k: int = 1, capacity_factor: float = 1.0, *,
                    round_up: bool = False) -> float:
    """Slots per expert: ``capacity_factor x n_tokens · top_k / n_experts`` (Switch Transformer, Sec. 2.2).

    Parameters
    ----------
    n_tokens
        Tokens in the batch (per device group that shares the experts).
    n_experts, top_k
        Routed experts and experts per token.
    capacity_factor
        Headroom over a perfectly balanced load (> 0; Fedus et al. 2022 compare 1.0 to 2.0).
    round_up
        Round the capacity up to an integer, as implementations do.
    """
    t, e, k = _tk(n_tokens, n_experts, top_k)
    cf = positive_scalar(capacity_factor, "capacity_factor")
    cap = cf * t * k / e
    return float(math.ceil(cap - 1e-9)) if round_up else cap


@dataclass(frozen=True)
class RoutingOutcome:
    """What happens to one batch's assignments at a given capacity.

    Attributes
    ----------
    loads
        Assignments each expert received.
    capacity
        Slots per expert.
    processed
        Assignments processed per expert, ``min(load, capacity)``.
    dropped
        Assignments dropped in total.
    dropped_fraction
        ``dropped / total assignments``.
    padding_fraction
        Unused slots / all slots: compute spent on padding.
    """

    loads: np.ndarray
    capacity: float
    processed: np.ndarray
    dropped: float
    dropped_fraction: float
    padding_fraction: float


def route_with_capacity(loads: ArrayLike, capacity: float) -> RoutingOutcome:
    """Apply a per-expert capacity to the router's ``loads`` (assignments per expert).

    Examples
    --------
    >>> out = route_with_capacity([1500, 1100, 1000, 900, 1300, 800, 700, 892], 1280)
    >>> out.dropped, round(out.dropped_fraction, 4)
    (240.0, 0.0293)
    """
    arr = as_array(loads, "loads")
    if (arr < 0).any():
        raise ValueError("loads are counts of token assignments per expert and must be >= 0.")
    cap = positive_scalar(capacity, "capacity", unit="slots per expert")
    processed = np.minimum(arr, cap)
    dropped = float(arr.sum() - processed.sum())
    total = float(arr.sum())
    slots = cap * arr.size
    # Clamp round-off: with every expert at capacity, slots - processed can come out as -1e-16.
    padding = min(max(float((slots - processed.sum()) / slots), 0.0), 1.0)
    return RoutingOutcome(loads=arr, capacity=cap, processed=processed, dropped=max(dropped, 0.0),
                          dropped_fraction=min(max(dropped / total, 0.0), 1.0) if total else 0.0,
                          padding_fraction=padding)

"""On-device limits: the largest model whose weights fit a memory, and the memory-bandwidth bound on decoding
speed at batch size 1 (the memory-bound regime analysed by Pope et al. 2022, arXiv:2211.05102).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..common.validate import non_negative, positive_scalar
from ..compute import (
    GB,
    weights_memory_bytes,
)

__all__ = [
    "EdgeDevice",
    "EXAMPLE_EDGE_DEVICE",
    "max_params_for_memory",
    "max_params_for_speed",
    "max_params_for_device",
    "decode_tokens_per_second_bound",
    "decode_speedup_bound",
]


@dataclass(frozen=True)
class EdgeDevice:
    """A device a model must run on: memory available to the model and memory bandwidth.

    Parameters
    ----------
    name
        Label.
    memory_bytes
        Memory available for the weights and the KV cache (after the operating system and the app).
    bandwidth_bytes_per_s
        Memory bandwidth in bytes per second.
    source
        Where the numbers come from.
    """

    name: str
    memory_bytes: float
    bandwidth_bytes_per_s: float
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "memory_bytes", positive_scalar(self.memory_bytes, "memory_bytes", unit="bytes"))
        object.__setattr__(self, "bandwidth_bytes_per_s",
                           positive_scalar(self.bandwidth_bytes_per_s, "bandwidth_bytes_per_s", unit="bytes/s"))


#: An illustrative on-device budget: 8 GB for the model and 100 GB/s of memory bandwidth. Not a specific
#: product; chosen to be of the order of recent laptop and phone chips.
EXAMPLE_EDGE_DEVICE = EdgeDevice("illustrative edge device (8 GB for the model, 100 GB/s)", 8e9, 100e9,
                                 "illustrative values, not a specific product")


def _bytes_per_param(precision: str | float) -> float:
    return float(weights_memory_bytes(1.0, precision))


def max_params_for_memory(memory_bytes: float, precision: str | float = "int4", *,
                          kv_cache_bytes: float = 0.0) -> float:
    """Largest model whose weights (plus a KV cache of ``kv_cache_bytes``) fit in ``memory_bytes``.

    ``(memory - KV cache) / bytes per parameter``, bytes per parameter from
    :func:`~scaling_helpers.compute.weights_memory_bytes` (fp32 4, bf16 2, int8 1, int4 0.5; quantisation
    scales not counted).

    Examples
    --------
    >>> max_params_for_memory(8e9, "int4") / 1e9
    16.0
    """
    mem = positive_scalar(memory_bytes, "memory_bytes", unit="bytes")
    kv = non_negative(kv_cache_bytes, "kv_cache_bytes")
    if kv >= mem:
        raise ValueError(f"the KV cache ({kv / GB:.3g} GB) leaves no memory for the weights "
                         f"({mem / GB:.3g} GB available): shorten the context or batch, or quantise the cache.")
    return (mem - kv) / _bytes_per_param(precision)


def decode_tokens_per_second_bound(n_params: float, precision: str | float, bandwidth_bytes_per_s: float, *,
                                   kv_cache_bytes: float = 0.0) -> float:
    """Upper bound on decoding speed at batch size 1: ``bandwidth / (weight bytes + KV-cache bytes)``.

    Each generated token reads every weight and the whole KV cache once, and small-batch decoding is
    limited by that memory traffic, not by arithmetic (Pope et al. 2022, arXiv:2211.05102). Real speeds are
    lower (kernels reach a fraction of the bandwidth).

    Examples
    --------
    >>> decode_tokens_per_second_bound(8e9, "int4", 100e9)      # 4 GB of weights at 100 GB/s
    25.0
    """
    weights = float(weights_memory_bytes(positive_scalar(n_params, "n_params", unit="parameters"), precision))
    bw = positive_scalar(bandwidth_bytes_per_s, "bandwidth_bytes_per_s", unit="bytes/s")
    return bw / (weights + non_negative(kv_cache_bytes, "kv_cache_bytes"))


def decode_speedup_bound(n_params: float, precision: str | float, baseline: str | float = "bf16", *,
                         kv_cache_bytes: float = 0.0) -> float:
    """Most that quantising the weights from ``baseline`` to ``precision`` can speed up memory-bound decoding.

    The ratio of two :func:`decode_tokens_per_second_bound` values (the bandwidth cancels):
    ``(baseline weight bytes + KV cache) / (quantised weight bytes + KV cache)``. Without a KV cache it is the
    ratio of bytes per weight, 2 for bf16 → int8 and 4 for bf16 → int4; a KV cache that stays in 16 bits
    lowers it. This is an upper bound for small-batch decoding (Pope et al. 2022, arXiv:2211.05102):
    dequantisation kernels reach less, and at large batch decoding becomes compute-bound, where weight-only
    quantisation saves memory but little time. It is why fixed rules such as "int8: 1.5x faster, int4: 2x"
    are not laws: the achievable speed-up depends on bytes moved, context length, batch and kernels.

    Examples
    --------
    >>> decode_speedup_bound(8e9, "int8"), decode_speedup_bound(8e9, "int4")
    (2.0, 4.0)
    """
    kv = non_negative(kv_cache_bytes, "kv_cache_bytes")
    n = positive_scalar(n_params, "n_params", unit="parameters")
    slow = float(weights_memory_bytes(n, baseline)) + kv
    fast = float(weights_memory_bytes(n, precision)) + kv
    return slow / fast


def max_params_for_speed(bandwidth_bytes_per_s: float, min_tokens_per_s: float, precision: str | float = "int4",
                         *, kv_cache_bytes: float = 0.0) -> float:
    """Largest model that still decodes at ``min_tokens_per_s`` under the bandwidth bound.

    Inverts :func:`decode_tokens_per_second_bound`: ``(bandwidth / speed - KV cache) / bytes per parameter``.
    """
    bw = positive_scalar(bandwidth_bytes_per_s, "bandwidth_bytes_per_s", unit="bytes/s")
    speed = positive_scalar(min_tokens_per_s, "min_tokens_per_s", unit="tokens/s")
    budget = bw / speed - non_negative(kv_cache_bytes, "kv_cache_bytes")
    if budget <= 0:
        raise ValueError(f"reading the KV cache alone takes longer than 1/{speed:g} s per token at this "
                         "bandwidth: lower min_tokens_per_s or shrink the cache.")
    return budget / _bytes_per_param(precision)


def max_params_for_device(device: EdgeDevice, precision: str | float = "int4", min_tokens_per_s: float = 20.0, *,
                          kv_cache_bytes: float = 0.0) -> float:
    """Largest model that both fits ``device`` and decodes at ``min_tokens_per_s``: the smaller of the two caps.

    Examples
    --------
    >>> f"{max_params_for_device(EXAMPLE_EDGE_DEVICE, 'int4', 20):.3g}"   # speed binds: 5 GB per token
    '1e+10'
    >>> f"{max_params_for_device(EXAMPLE_EDGE_DEVICE, 'int4', 5):.3g}"    # memory binds: 8 GB / 0.5 B
    '1.6e+10'
    """
    if not isinstance(device, EdgeDevice):
        raise ValueError(f"device must be an EdgeDevice(name, memory_bytes, bandwidth_bytes_per_s); got "
                         f"{type(device).__name__}.")
    return min(max_params_for_memory(device.memory_bytes, precision, kv_cache_bytes=kv_cache_bytes),
               max_params_for_speed(device.bandwidth_bytes_per_s, min_tokens_per_s, precision,
                                    kv_cache_bytes=kv_cache_bytes))

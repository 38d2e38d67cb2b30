"""A training cluster: accelerators, their number, utilisation and price, turning dollars into FLOPs and back.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..common.validate import fraction, positive_int, positive_scalar
from ..compute import (
    get_accelerator,
    training_cost,
)

__all__ = ["Cluster"]


@dataclass(frozen=True)
class Cluster:
    """The hardware a run is planned on, and what an accelerator-hour costs.

    Parameters
    ----------
    gpu
        Accelerator name from :data:`~scaling_helpers.compute.ACCELERATORS` (dense 16-bit peaks: A100 312,
        H100-SXM 989.4 TFLOP/s; NVIDIA datasheets). ``"H100"`` means the SXM part.
    n_gpus
        Number of accelerators (sets wall-clock days, not GPU-hours or dollars).
    mfu
        Model FLOPs utilisation of training, a fraction (0.4, not 40). Large runs report 0.38–0.43
        (Llama 3 405B, arXiv:2407.21783, Table 4).
    price_per_gpu_hour
        Assumed price of one accelerator-hour, in dollars. Default $2: DeepSeek-V3's assumption for an H800
        (arXiv:2412.19437).
    """

    gpu: str = "H100-SXM"
    n_gpus: int = 1024
    mfu: float = 0.4
    price_per_gpu_hour: float = 2.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "gpu", get_accelerator(self.gpu).name)
        object.__setattr__(self, "n_gpus", positive_int(self.n_gpus, "n_gpus"))
        object.__setattr__(self, "mfu", fraction(self.mfu, "mfu (model FLOPs utilisation)"))
        object.__setattr__(self, "price_per_gpu_hour",
                           positive_scalar(self.price_per_gpu_hour, "price_per_gpu_hour", unit="dollars"))

    @property
    def memory_bytes(self) -> float:
        """Memory of one accelerator in bytes."""
        return get_accelerator(self.gpu).memory_bytes

    def dollars_for(self, flops: float, mfu: float | None = None) -> float:
        """Dollars to spend ``flops`` at ``mfu`` (default: the cluster's training MFU).

        :func:`~scaling_helpers.compute.training_cost`: GPU-hours at that utilisation times the price.
        """
        return training_cost(flops, self.gpu, self.mfu if mfu is None else mfu, self.price_per_gpu_hour)

    def flops_for_dollars(self, dollars: float) -> float:
        """Training FLOPs a budget of ``dollars`` buys: ``dollars / (dollars per FLOP at the MFU)``.

        Examples
        --------
        >>> f"{Cluster('H100', 1024, 0.4, 2.0).flops_for_dollars(1e6):.3g}"   # $1M -> 500k H100-hours
        '7.12e+23'
        """
        d = positive_scalar(dollars, "dollars (training budget)", unit="dollars")
        return d / self.dollars_for(1.0)

    def label(self) -> str:
        """``'1024 x H100-SXM at 40% MFU, $2.00/GPU-hour'``."""
        return f"{self.n_gpus} x {self.gpu} at {self.mfu:.0%} MFU, ${self.price_per_gpu_hour:.2f}/GPU-hour"

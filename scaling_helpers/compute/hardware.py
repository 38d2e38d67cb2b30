"""Accelerators, training time, GPU-hours, dollars and model FLOPs utilisation (MFU).

``time = FLOPs / (n_gpus x peak x MFU)``. MFU (PaLM's "model FLOPs utilisation") is the fraction
of the accelerator's **dense** peak that the model's FLOPs (e.g. 6ND) achieve; the denominator is
never the 2:4-sparsity figure (FACTS.md §4.6, pitfall 9). Typical large-scale MFU is 35–45%
(Llama 3 405B: 38–43% [P]; PaLM 540B: 46.2% [S]; FACTS.md §4.7).
"""

from __future__ import annotations

from dataclasses import dataclass

from .._validate import fraction, positive_scalar
from ._common import positive_int

__all__ = [
    "Accelerator",
    "ACCELERATORS",
    "get_accelerator",
    "TrainingTime",
    "training_time",
    "gpu_hours_needed",
    "training_cost",
    "mfu",
    "implied_mfu",
    "mfu_from_throughput",
    "SECONDS_PER_DAY",
]

SECONDS_PER_DAY: float = 86_400.0


@dataclass(frozen=True)
class Accelerator:
    """One accelerator chip.

    Attributes
    ----------
    name
        Short name used as the catalogue key.
    peak_flops
        **Dense** 16-bit tensor-core peak in FLOP/s (BF16, or FP16 where BF16 does not exist).
    memory_bytes
        High-bandwidth memory per chip in bytes.
    source
        Where the peak comes from, with a provenance tag ([R] repository, [S] secondary, [M] unverified).
    """

    name: str
    peak_flops: float
    memory_bytes: float
    source: str

    @property
    def peak_tflops(self) -> float:
        """Dense peak in TFLOP/s."""
        return self.peak_flops / 1e12


#: Dense 16-bit peaks (never the sparsity figures). Entries tagged [M] are unverified recollections.
ACCELERATORS: dict[str, Accelerator] = {
    "A100": Accelerator(
        "A100",
        312e12,
        80e9,
        "NVIDIA A100 dense BF16 312 TFLOP/s (624 is the 2:4-sparsity figure): nanoGPT [R], "
        "NVIDIA datasheet [M]; 80 GB variant (Llama 2 used A100-80GB); a 40 GB variant exists",
    ),
    "H100-SXM": Accelerator(
        "H100-SXM",
        989.4e12,
        80e9,
        "NVIDIA H100 SXM dense BF16 989.4 TFLOP/s (1,979 with sparsity) [S]; consistent with Llama 3's "
        "430 TFLOP/s per GPU = 43% MFU [P]; 80 GB HBM3",
    ),
    "H100-PCIe": Accelerator("H100-PCIe", 756e12, 80e9, "NVIDIA H100 PCIe dense BF16 ≈ 756 TFLOP/s [M]"),
    "H800": Accelerator(
        "H800",
        989.4e12,
        80e9,
        "H800 (DeepSeek-V3): BF16 peak not verified; assumed equal to H100 SXM as in FACTS.md §4.7 [M]",
    ),
    "TPUv4": Accelerator("TPUv4", 275e12, 32 * 2.0**30, "Google TPU v4 BF16 275 TFLOP/s, 32 GiB HBM [M]"),
    "V100": Accelerator(
        "V100",
        125e12,
        32e9,
        "NVIDIA V100 SXM2 FP16 tensor-core 125 TFLOP/s (no BF16), 32 GB variant [M]",
    ),
}

_ALIASES = {
    "a100": "A100",
    "a10080gb": "A100",
    "a100sxm": "A100",
    "h100": "H100-SXM",
    "h100sxm": "H100-SXM",
    "h100pcie": "H100-PCIe",
    "h800": "H800",
    "tpuv4": "TPUv4",
    "v4": "TPUv4",
    "v100": "V100",
}


def get_accelerator(gpu: str | Accelerator) -> Accelerator:
    """Look up an accelerator by name (case-insensitive; ``"H100"`` means H100 SXM), or pass one through."""
    if isinstance(gpu, Accelerator):
        return gpu
    if not isinstance(gpu, str):
        raise ValueError(f"gpu must be a name such as 'A100' or an Accelerator; got {type(gpu).__name__}.")
    key = gpu.lower().replace("-", "").replace("_", "").replace(" ", "")
    if key not in _ALIASES:
        raise ValueError(
            f"unknown accelerator {gpu!r}; known: {sorted(ACCELERATORS)} (or build an Accelerator)."
        )
    return ACCELERATORS[_ALIASES[key]]


@dataclass(frozen=True)
class TrainingTime:
    """Wall-clock time and GPU-hours of a training run."""

    seconds: float
    n_gpus: int
    gpu: str
    mfu: float

    @property
    def hours(self) -> float:
        """Wall-clock hours."""
        return self.seconds / 3600.0

    @property
    def days(self) -> float:
        """Wall-clock days."""
        return self.seconds / SECONDS_PER_DAY

    @property
    def gpu_hours(self) -> float:
        """Accelerator-hours: ``n_gpus x hours``."""
        return self.n_gpus * self.hours


def training_time(flops: float, n_gpus: int, gpu: str | Accelerator, mfu: float) -> TrainingTime:
    """Wall-clock time to spend ``flops`` on ``n_gpus`` accelerators running at ``mfu`` of dense peak.

    Parameters
    ----------
    flops
        Training FLOPs (e.g. :func:`~scaling_helpers.compute.training_flops_6nd`).
    n_gpus
        Number of accelerators.
    gpu
        Accelerator name (see :data:`ACCELERATORS`) or an :class:`Accelerator`.
    mfu
        Model FLOPs utilisation as a fraction in (0, 1] (0.4, not 40).

    Examples
    --------
    >>> t = training_time(6 * 124_337_664 * 300e9, 8, "A100", 0.3)   # nanoGPT GPT-2: ≈ 3.46 days
    >>> round(t.days, 2)
    3.46
    """
    f = positive_scalar(flops, "flops", unit="FLOPs")
    n = positive_int(n_gpus, "n_gpus")
    acc = get_accelerator(gpu)
    u = fraction(mfu, "mfu")
    return TrainingTime(seconds=f / (n * acc.peak_flops * u), n_gpus=n, gpu=acc.name, mfu=u)


def gpu_hours_needed(flops: float, gpu: str | Accelerator, mfu: float) -> float:
    """Accelerator-hours to spend ``flops`` at ``mfu`` (independent of how many GPUs share the work)."""
    return training_time(flops, 1, gpu, mfu).gpu_hours


def training_cost(flops: float, gpu: str | Accelerator, mfu: float, price_per_gpu_hour: float) -> float:
    """Dollar (or any currency) cost: GPU-hours x ``price_per_gpu_hour``.

    Example: DeepSeek-V3's 2.788M H800-hours at $2 per GPU-hour is $5.576M (FACTS.md §4.8).
    """
    price = positive_scalar(price_per_gpu_hour, "price_per_gpu_hour", unit="per GPU-hour")
    return gpu_hours_needed(flops, gpu, mfu) * price


def _checked_utilisation(u: float, what: str) -> float:
    """Return ``u``, or raise if it exceeds 1 (beyond floating-point round-off)."""
    if u > 1 + 1e-9:
        raise ValueError(
            f"{what} an MFU of {u:.3g} > 1, which is impossible: check the units (GPU-hours vs "
            "GPU-days, seconds vs hours), the FLOP count and that the peak is the dense one."
        )
    return min(u, 1.0)


def mfu(flops: float, seconds: float, n_gpus: int, gpu: str | Accelerator) -> float:
    """MFU of a run: ``flops / (seconds x n_gpus x dense peak)``.

    Examples
    --------
    >>> round(mfu(875_062_886_400 * 100, 0.755, 1, "A100"), 4)   # nanoGPT GPT-2 iteration: 37.14%
    0.3715
    """
    f = positive_scalar(flops, "flops", unit="FLOPs")
    s = positive_scalar(seconds, "seconds", unit="s")
    n = positive_int(n_gpus, "n_gpus")
    acc = get_accelerator(gpu)
    return _checked_utilisation(f / (s * n * acc.peak_flops), "these inputs imply")


def implied_mfu(flops: float, gpu_hours: float, gpu: str | Accelerator) -> float:
    """MFU implied by a reported number of accelerator-hours: ``flops / (gpu_hours x 3600 x peak)``.

    Examples
    --------
    >>> round(implied_mfu(6 * 70e9 * 2e12, 1_720_320, "A100"), 3)   # Llama 2 70B: 43.5%
    0.435
    """
    h = positive_scalar(gpu_hours, "gpu_hours", unit="GPU-hours")
    f = positive_scalar(flops, "flops", unit="FLOPs")
    acc = get_accelerator(gpu)
    return _checked_utilisation(f / (h * 3600.0 * acc.peak_flops), "these GPU-hours imply")


def mfu_from_throughput(flops_per_second_per_gpu: float, gpu: str | Accelerator) -> float:
    """MFU from achieved FLOP/s per GPU, e.g. Llama 3's 430 TFLOP/s on H100 → 0.435 (FACTS.md §4.7)."""
    x = positive_scalar(flops_per_second_per_gpu, "flops_per_second_per_gpu", unit="FLOP/s")
    return _checked_utilisation(x / get_accelerator(gpu).peak_flops, "this throughput implies")

"""Accelerators, training time, GPU-hours, dollars and model FLOPs utilisation (MFU).

``time = FLOPs / (n_gpus x peak x MFU)``. MFU (PaLM's "model FLOPs utilisation") is the fraction
of the accelerator's **dense** peak that the model's FLOPs (e.g. 6ND) achieve; the denominator is
never the 2:4-sparsity figure NVIDIA's datasheets print first. Typical large-scale MFU is 35–45%
(Llama 3 405B: 38–43%, arXiv:2407.21783, Table 4; PaLM 540B: 46.2%, Chowdhery et al. 2022,
arXiv:2204.02311, Table 3).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..common.validate import fraction, positive_int, positive_scalar

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
        Where the peak comes from (datasheet, paper or repository).
    peak_assumed
        ``True`` when the maker publishes no such peak and the value is an assumption (H800).
    memory_bandwidth
        Peak HBM bandwidth in bytes per second (decimal: 2,039 GB/s is 2.039e12), or ``None`` where the
        course has no sourced figure. Used by the roofline (:mod:`~scaling_helpers.compute.roofline`).
    bandwidth_source
        Where the bandwidth comes from.
    """

    name: str
    peak_flops: float
    memory_bytes: float
    source: str
    peak_assumed: bool = False
    memory_bandwidth: float | None = None
    bandwidth_source: str = ""

    @property
    def peak_tflops(self) -> float:
        """Dense peak in TFLOP/s."""
        return self.peak_flops / 1e12


#: Dense 16-bit peaks (never the sparsity figures). NVIDIA's datasheets print the 2:4-sparsity figure and
#: say the dense one is half of it.
ACCELERATORS: dict[str, Accelerator] = {
    "A100": Accelerator(
        "A100",
        312e12,
        80e9,
        "NVIDIA A100 datasheet: dense BF16 312 TFLOP/s (624 with 2:4 sparsity), also used by "
        "karpathy/nanoGPT transformer_sizing.ipynb; 80 GB variant (Llama 2 used A100-80GB); a 40 GB variant exists",
        memory_bandwidth=2.039e12,
        bandwidth_source="NVIDIA A100 80GB datasheet (a100-80gb-datasheet-update-nvidia-us-1521051-r2-web.pdf), "
        "specifications table, A100 80GB SXM column: GPU memory bandwidth 2,039 GB/s (HBM2e; the PCIe card "
        "has 1,935 GB/s)",
    ),
    "H100-SXM": Accelerator(
        "H100-SXM",
        989.4e12,
        80e9,
        "NVIDIA H100 datasheet: BF16 1,979 TFLOP/s with sparsity, i.e. 989.4 dense (H100 Tensor Core GPU "
        "architecture whitepaper); consistent with Llama 3's 430 TFLOP/s per GPU = 43% MFU "
        "(arXiv:2407.21783, Table 4); 80 GB HBM3",
        memory_bandwidth=3.35e12,
        bandwidth_source="NVIDIA H100 Tensor Core GPU datasheet (resources.nvidia.com/en-us-gpu-resources/"
        "h100-datasheet-24306), specifications table, H100 SXM column: GPU memory bandwidth 3.35 TB/s (HBM3)",
    ),
    "H100-PCIe": Accelerator("H100-PCIe", 756e12, 80e9, "NVIDIA H100 datasheet: PCIe BF16 1,513 TFLOP/s with sparsity, "
                             "756 dense"),
    "H800": Accelerator(
        "H800",
        989.4e12,
        80e9,
        "H800 (DeepSeek-V3's GPU): NVIDIA publishes no dense BF16 peak for this export variant of the H100 "
        "SXM; the course assumes the H100 SXM's 989.4 TFLOP/s",
        peak_assumed=True,
    ),
    "TPUv4": Accelerator("TPUv4", 275e12, 32 * 2.0**30, "Google Cloud TPU v4 documentation: BF16 275 TFLOP/s per chip, "
                        "32 GiB HBM2"),
    "V100": Accelerator(
        "V100",
        125e12,
        32e9,
        "NVIDIA V100 datasheet: SXM2 FP16 tensor-core 125 TFLOP/s (no BF16), 32 GB variant",
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

    Example: DeepSeek-V3's 2.788M H800-hours at $2 per GPU-hour is $5.576M (arXiv:2412.19437, Table 1).
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
    """MFU from achieved FLOP/s per GPU, e.g. Llama 3's 430 TFLOP/s on H100 → 0.435 (arXiv:2407.21783, Table 4)."""
    x = positive_scalar(flops_per_second_per_gpu, "flops_per_second_per_gpu", unit="FLOP/s")
    return _checked_utilisation(x / get_accelerator(gpu).peak_flops, "this throughput implies")

"""Accelerators, training time, cost and MFU (scaling_helpers.compute.hardware, .runs)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaling_helpers.compute import (
    ACCELERATORS,
    GPT2_SMALL_NO_BIAS,
    REFERENCE_RUNS,
    Accelerator,
    count_parameters,
    get_accelerator,
    gpu_hours_needed,
    implied_mfu,
    mfu,
    mfu_from_throughput,
    palm_training_flops_per_token,
    parameter_count,
    training_cost,
    training_flops_6nd,
    training_time,
)


def test_catalogue_uses_dense_peaks():
    assert get_accelerator("A100").peak_flops == 312e12  # not the 624 sparsity figure
    assert get_accelerator("h100").peak_tflops == pytest.approx(989.4)  # "H100" means SXM
    assert get_accelerator("H100-SXM").peak_flops < 1.5e15  # not the 1,979 sparsity figure
    assert get_accelerator("TPU v4").peak_flops == 275e12
    for acc in ACCELERATORS.values():
        assert acc.source and acc.peak_flops > 0 and acc.memory_bytes > 0


def test_bandwidths_have_datasheet_sources():
    a100, h100 = get_accelerator("A100"), get_accelerator("H100")
    assert a100.memory_bandwidth == 2.039e12 and "2,039 GB/s" in a100.bandwidth_source
    assert h100.memory_bandwidth == 3.35e12 and "3.35 TB/s" in h100.bandwidth_source
    for acc in ACCELERATORS.values():
        assert (acc.memory_bandwidth is None) == (acc.bandwidth_source == "")


def test_unknown_accelerator():
    with pytest.raises(ValueError, match="unknown accelerator 'B300'; known:"):
        get_accelerator("B300")
    custom = Accelerator("toy", 1e12, 1e9, "test")
    assert get_accelerator(custom) is custom


def test_llama2_70b_mfu():
    """Llama 2 70B: 6 x 70e9 x 2.0T = 8.4e23 FLOPs in 1,720,320 A100-hours -> 43.5% MFU."""
    run = REFERENCE_RUNS["llama2-70b"]
    assert run.n_tokens == 2.0e12
    assert run.flops_6nd == pytest.approx(8.4e23)
    u = implied_mfu(run.flops_6nd, 1_720_320, "A100")
    assert round(u, 3) == 0.435
    assert run.implied_mfu() == pytest.approx(u)


def test_llama3_405b_throughput_mfu():
    """Llama 3 Table 4: 430 / 400 / 380 TFLOP/s per H100 = 43 / 40 / 38%."""
    assert [round(mfu_from_throughput(x * 1e12, "H100"), 3) for x in (430, 400, 380)] == [0.435, 0.404, 0.384]


def test_llama3_405b_model_card_hours():
    """3.8e25 FLOPs over 30.84M H100-hours (Llama 3.1 model card) imply ≈ 35% — below the 38-43% of steady-state training."""
    assert REFERENCE_RUNS["llama3-405b"].implied_mfu() == pytest.approx(0.346, abs=0.001)


def test_claimed_llama_70b_21_days_on_2048_a100():
    """A widely quoted claim: "LLaMA 70B: 70B x 1.4T = 588e21 FLOPs; ~21 days on 2048 A100 GPUs".

    588e21 is 6ND (the factor 6 is missing from the claim's product). 70B with 1.4T tokens is Chinchilla's
    shape; the LLaMA model trained on 1.4T tokens is LLaMA-1 65B (arXiv:2302.13971, Table 2).
    Taken at face value the claim needs ≈ 51% MFU — above Llama 2 70B's 43.5% and PaLM's 46.2%:
    optimistic but not impossible. It corresponds to ≈ 377 tokens/s per GPU.
    """
    flops = training_flops_6nd(70e9, 1.4e12)
    assert flops == pytest.approx(588e21)
    assert 70e9 * 1.4e12 == pytest.approx(9.8e22)  # without the 6, off by 6x
    gpu_hours = 21 * 24 * 2048
    u = implied_mfu(flops, gpu_hours, "A100")
    assert u == pytest.approx(0.507, abs=0.001)
    assert u > implied_mfu(REFERENCE_RUNS["llama2-70b"].flops_6nd, 1_720_320, "A100")
    assert 1.4e12 / (21 * 86400 * 2048) == pytest.approx(376.7, abs=0.1)
    # and at Llama 2's 43.5% it would take ≈ 24.5 days
    assert training_time(flops, 2048, "A100", 0.435).days == pytest.approx(24.5, abs=0.1)


def test_nanogpt_gpt2_training_time():
    """124M params x 300B tokens on 8 x A100 at 30% MFU -> 3.46 days."""
    n = count_parameters(GPT2_SMALL_NO_BIAS).total
    t = training_time(training_flops_6nd(n, 300e9), 8, "A100", 0.3)
    assert round(t.days, 2) == 3.46
    assert t.gpu_hours == pytest.approx(8 * t.hours)
    assert t.hours == pytest.approx(24 * t.days)


def test_nanogpt_mfu():
    """One iteration of 100 sequences x 875,062,886,400 FLOPs in 0.755 s on one A100: 37.14%."""
    per_seq = (
        palm_training_flops_per_token(parameter_count(GPT2_SMALL_NO_BIAS, "palm"), 12, 12, 64, 1024) * 1024
    )
    assert mfu(per_seq * 100, 0.755, 1, "A100") == pytest.approx(0.3714, abs=5e-4)


def test_cost_and_gpu_hours():
    """DeepSeek-V3: 2.788M H800-hours at $2/GPU-hour = $5.576M."""
    acc = get_accelerator("H800")
    flops = 2.788e6 * 3600 * acc.peak_flops * 0.35
    assert gpu_hours_needed(flops, "H800", 0.35) == pytest.approx(2.788e6)
    assert training_cost(flops, "H800", 0.35, 2.0) == pytest.approx(5.576e6)


def test_mfu_as_percentage_rejected():
    with pytest.raises(
        ValueError, match=r"mfu must be a fraction in \(0, 1\]; got 45.0. It looks like a percentage"
    ):
        training_time(1e23, 1024, "A100", 45)
    with pytest.raises(ValueError, match="mfu must be a fraction"):
        training_cost(1e23, "A100", 0, 2.0)


def test_impossible_mfu_rejected():
    with pytest.raises(ValueError, match="imply an MFU of .* > 1, which is impossible: check the units"):
        implied_mfu(8.4e23, 1_720_320 / 24, "A100")  # GPU-days passed as GPU-hours


def test_other_bad_inputs():
    with pytest.raises(ValueError, match="n_gpus must be a positive integer"):
        training_time(1e23, 0, "A100", 0.4)
    with pytest.raises(ValueError, match="flops must be > 0 FLOPs"):
        training_time(-1e23, 8, "A100", 0.4)
    with pytest.raises(ValueError, match="price_per_gpu_hour must be > 0"):
        training_cost(1e23, "A100", 0.4, -2)


@given(flops=st.floats(1e18, 1e26), n=st.integers(1, 100_000), u=st.floats(0.01, 1.0))
def test_time_mfu_roundtrip(flops, n, u):
    t = training_time(flops, n, "H100", u)
    assert implied_mfu(flops, t.gpu_hours, "H100") == pytest.approx(u, rel=1e-9)
    assert training_time(flops, 2 * n, "H100", u).seconds == pytest.approx(t.seconds / 2, rel=1e-12)
    assert gpu_hours_needed(flops, "H100", u) == pytest.approx(t.gpu_hours, rel=1e-12)

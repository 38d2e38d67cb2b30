"""Rooflines and arithmetic intensity (scaling_helpers.compute.roofline)."""

from __future__ import annotations

import math

import pytest

from scaling_helpers.compute import (
    LLAMA2_70B,
    Accelerator,
    attainable_flops,
    attention_prefill_intensity,
    bound_by,
    count_parameters,
    decode_batch_at_ridge,
    decode_intensity,
    hbm_bandwidth,
    kv_cache_bytes,
    matmul_intensity,
    ridge_point,
)


def test_bandwidths_are_the_datasheet_values():
    # NVIDIA A100 80GB datasheet, SXM column: 2,039 GB/s; NVIDIA H100 datasheet, SXM column: 3.35 TB/s
    assert hbm_bandwidth("A100") == 2.039e12
    assert hbm_bandwidth("H100") == 3.35e12


def test_ridge_points():
    assert ridge_point("A100") == pytest.approx(312e12 / 2.039e12)  # 153.0
    assert ridge_point("H100-SXM") == pytest.approx(989.4e12 / 3.35e12)  # 295.3
    assert round(ridge_point("A100")) == 153 and round(ridge_point("H100")) == 295


def test_missing_bandwidth_is_explained():
    with pytest.raises(ValueError, match="no memory bandwidth in the catalogue; use one of"):
        ridge_point("V100")
    custom = Accelerator("toy", 100e12, 1e9, "test", memory_bandwidth=1e12)
    assert ridge_point(custom) == pytest.approx(100.0)


def test_roofline_is_min_of_the_two_roofs():
    assert attainable_flops(1.0, "H100") == pytest.approx(3.35e12)
    assert attainable_flops(1e4, "H100") == pytest.approx(989.4e12)
    assert bound_by(100, "H100") == "memory" and bound_by(300, "H100") == "compute"
    assert bound_by(200, "A100") == "compute"


def test_matmul_by_hand():
    op = matmul_intensity(2, 3, 4)  # 2*2*3*4 = 48 FLOPs; (6 + 12 + 8) values x 2 bytes = 52 bytes
    assert (op.flops, op.bytes_moved) == (48.0, 52.0)
    square = matmul_intensity(4096, 4096, 4096)  # 2n^3 / (3 n^2 x 2 bytes) = n / 3
    assert square.intensity == pytest.approx(4096 / 3)
    assert square.bound("A100") == "compute"
    assert matmul_intensity(1, 8192, 8192).bound("H100") == "memory"  # a matrix-vector product: I ≈ 1
    assert matmul_intensity(2, 3, 4, bytes_per_value=4).bytes_moved == 104.0


def test_attention_prefill_by_hand():
    op = attention_prefill_intensity(1000, 64)
    assert op.flops == 4 * 1000**2 * 64 and op.bytes_moved == 4 * 1000 * 64 * 2
    assert op.intensity == pytest.approx(500.0)  # s / bytes_per_value


def test_decode_intensity_equals_batch_for_bf16_weights():
    for b in (1, 8, 64):
        assert decode_intensity(LLAMA2_70B, b).intensity == pytest.approx(b)
    assert decode_intensity(LLAMA2_70B, 8, weight_precision="int8").intensity == pytest.approx(16.0)


def test_decode_with_kv_cache_by_hand():
    n = count_parameters(LLAMA2_70B).total
    b, t = 64, 4096
    op = decode_intensity(LLAMA2_70B, b, context=t)
    flops = b * (2 * n + 4 * 80 * t * 8192)
    moved = 2 * n + kv_cache_bytes(LLAMA2_70B, t, batch_size=b)
    assert op.flops == pytest.approx(flops) and op.bytes_moved == pytest.approx(moved)
    # the KV part never gets cheaper with the batch: its own intensity is n_heads / n_kv_heads = 8
    kv_flops = b * 4 * 80 * t * 8192
    assert kv_flops / kv_cache_bytes(LLAMA2_70B, t, batch_size=b) == pytest.approx(8.0)
    assert op.intensity < 64


def test_batch_at_ridge():
    assert decode_batch_at_ridge("H100") == math.ceil(989.4 / 3.35) == 296
    assert decode_batch_at_ridge("A100") == 154
    assert decode_batch_at_ridge("H100", weight_precision="int8") == 148
    assert decode_intensity(LLAMA2_70B, 296).bound("H100") == "compute"
    assert decode_intensity(LLAMA2_70B, 295).bound("H100") == "memory"


def test_max_utilisation_and_time():
    op = decode_intensity(LLAMA2_70B, 8)
    assert op.max_utilisation("H100") == pytest.approx(8 / (989.4 / 3.35))
    # memory-bound: time = bytes / bandwidth
    assert op.seconds("H100") == pytest.approx(op.bytes_moved / 3.35e12)


@pytest.mark.parametrize("bad", [0, -1, float("nan")])
def test_bad_sizes_rejected(bad):
    with pytest.raises(ValueError):
        matmul_intensity(bad, 4, 4)
    with pytest.raises(ValueError):
        attainable_flops(bad, "A100")
    with pytest.raises(ValueError):
        decode_intensity(LLAMA2_70B, bad)


def test_decode_rejects_non_config():
    with pytest.raises(ValueError, match="TransformerConfig"):
        decode_intensity("llama", 8)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        decode_intensity(LLAMA2_70B, 8, context=-1)

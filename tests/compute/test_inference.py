"""Inference FLOPs, KV cache and memory (scaling_helpers.compute.inference)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaling_helpers.compute import (
    GPT2_SMALL,
    GPT2_SMALL_NO_BIAS,
    GPT3_175B,
    LLAMA2_70B,
    LLAMA3_405B,
    PRECISION_BITS,
    TransformerConfig,
    activation_memory_bytes,
    activation_memory_per_layer_bytes,
    count_parameters,
    generation_flops,
    inference_flops_per_token,
    kv_cache_bytes,
    kv_cache_bytes_per_token,
    training_memory,
    weights_memory_bytes,
)


def test_two_n_per_token():
    assert inference_flops_per_token(70e9) == 1.4e11
    np.testing.assert_allclose(inference_flops_per_token([1e9, 7e9]), [2e9, 1.4e10])


def test_attention_term_per_token():
    f = inference_flops_per_token(1e9, context=4096, n_layers=32, d_attn=4096)
    assert f == 2e9 + 4 * 32 * 4096 * 4096
    with pytest.raises(ValueError, match="pass n_layers and d_attn"):
        inference_flops_per_token(1e9, context=4096)


def test_quoted_70b_100_tokens():
    """A widely quoted example, "70B model, 100 tokens: 14 x 10^12 FLOPs" — correct under the 2N rule."""
    assert generation_flops(70e9, 0, 100) == pytest.approx(14e12)


def test_generation_samples_and_attention():
    base = generation_flops(1e9, 500, 100)
    assert generation_flops(1e9, 500, 100, n_samples=4) == 4 * base
    with_attn = generation_flops(1e9, 500, 100, n_layers=24, d_attn=2048)
    assert with_attn - base == pytest.approx(4 * 24 * 2048 * 600 * 601 / 2)
    with pytest.raises(ValueError, match="both n_layers and d_attn"):
        generation_flops(1e9, 1, 1, n_layers=24)
    with pytest.raises(ValueError, match="must be > 0"):
        generation_flops(1e9, 0, 0)
    with pytest.raises(ValueError, match="prompt_tokens must be a finite number >= 0"):
        generation_flops(1e9, -5, 10)


def test_kv_cache_llama2_70b():
    """2 x 80 layers x 8 KV heads x 128 x 2 bytes = 320 KiB per token; GQA saves 8x."""
    assert kv_cache_bytes_per_token(LLAMA2_70B) == 327_680
    assert kv_cache_bytes(LLAMA2_70B, 4096) == 327_680 * 4096  # 1.34 GB for a full 4K context
    mha = TransformerConfig(n_layers=80, d_model=8192, n_heads=64, vocab_size=32000, context_length=4096)
    assert kv_cache_bytes_per_token(mha) == 8 * kv_cache_bytes_per_token(LLAMA2_70B)


def test_kv_cache_other_models():
    assert kv_cache_bytes_per_token(GPT3_175B) == 2 * 96 * 96 * 128 * 2  # 4.5 MiB/token, no GQA
    assert kv_cache_bytes_per_token(LLAMA3_405B) == 2 * 126 * 8 * 128 * 2
    assert kv_cache_bytes_per_token(GPT2_SMALL, bytes_per_value=4) == 2 * 12 * 768 * 4
    assert kv_cache_bytes(GPT2_SMALL, 1024, batch_size=8) == 8 * 1024 * 2 * 12 * 768 * 2


def test_kv_cache_bad_inputs():
    with pytest.raises(ValueError, match="bytes_per_value must be > 0"):
        kv_cache_bytes_per_token(LLAMA2_70B, 0)
    with pytest.raises(ValueError, match="cfg must be a TransformerConfig"):
        kv_cache_bytes_per_token(70e9)  # type: ignore[arg-type]


def test_weights_memory():
    """fp32 / bf16 / int8 / int4 for 70B: int8 halves, int4 quarters the fp16 memory."""
    assert [weights_memory_bytes(70e9, p) / 1e9 for p in ("fp32", "bf16", "int8", "int4")] == [
        280,
        140,
        70,
        35,
    ]
    assert weights_memory_bytes(70e9, "int8") == weights_memory_bytes(70e9, "fp16") / 2
    assert weights_memory_bytes(70e9, 4) == weights_memory_bytes(70e9, "int4")
    n = count_parameters(LLAMA2_70B).total
    assert weights_memory_bytes(n, "bf16") / 1e9 == pytest.approx(137.95, abs=0.01)
    with pytest.raises(ValueError, match="unknown precision 'fp12'"):
        weights_memory_bytes(1e9, "fp12")
    with pytest.raises(ValueError, match="must be > 0"):
        weights_memory_bytes(1e9, -8)


@given(n=st.floats(1e6, 1e12), b1=st.floats(1, 64), b2=st.floats(1, 64))
def test_weights_memory_monotone_in_bits(n, b1, b2):
    lo, hi = sorted((b1, b2))
    assert weights_memory_bytes(n, lo) <= weights_memory_bytes(n, hi)


def test_named_precisions_ordered():
    names = sorted(PRECISION_BITS, key=PRECISION_BITS.get)
    mems = [weights_memory_bytes(1e9, p) for p in names]
    assert mems == sorted(mems)


def test_training_memory_mixed_precision_adam():
    """ZeRO (Rajbhandari et al. 2020): 16 bytes/param; their example, 1.5B params -> 24 GB."""
    m = training_memory(1.5e9)
    assert m.bytes_per_param == 16
    assert m.total_gb == pytest.approx(24.0)
    assert (m.weights, m.gradients, m.master_weights, m.optimizer_states) == (3e9, 3e9, 6e9, 12e9)
    assert sum(v for k, v in m.as_dict().items() if k not in ("total", "bytes_per_param")) == m.total


def test_training_memory_nanogpt_checkpoint():
    """fp32 params + two AdamW buffers = 12 bytes/param: 1.49 GB for GPT-2 small."""
    n = count_parameters(GPT2_SMALL_NO_BIAS).total
    m = training_memory(n, weight_bytes=4, gradient_bytes=0, master_bytes=0)
    assert m.bytes_per_param == 12
    assert round(m.total / 1e9, 2) == 1.49


def test_training_memory_with_activations():
    act = activation_memory_bytes(GPT2_SMALL, 1024, 8)
    m = training_memory(124e6, activation_bytes=act)
    assert m.total == pytest.approx(16 * 124e6 + act)
    assert m.bytes_per_param == 16  # activations not per-parameter


def test_activation_memory_recompute_ordering():
    kw = dict(seq_len=2048, micro_batch=1)
    none = activation_memory_bytes(GPT3_175B, **kw)
    sel = activation_memory_bytes(GPT3_175B, **kw, recompute="selective")
    full = activation_memory_bytes(GPT3_175B, **kw, recompute="full")
    assert none > sel > full
    assert sel == 96 * 34 * 2048 * 12288
    assert none == pytest.approx(96 * 2048 * 12288 * (34 + 5 * 96 * 2048 / 12288))
    with pytest.raises(ValueError, match="recompute must be"):
        activation_memory_bytes(GPT3_175B, **kw, recompute="some")


def test_training_memory_bad_inputs():
    with pytest.raises(ValueError, match="n_params must be > 0"):
        training_memory(0)
    with pytest.raises(ValueError, match="optimizer_bytes must be a finite number >= 0"):
        training_memory(1e9, optimizer_bytes=-8)


@given(n=st.floats(1e6, 1e12), extra=st.floats(0, 8))
def test_training_memory_monotone(n, extra):
    base = training_memory(n)
    more = training_memory(n, optimizer_bytes=8 + extra)
    assert more.total >= base.total
    assert training_memory(2 * n).total == pytest.approx(2 * base.total)


def test_activation_per_layer_korthikanti_eq1_by_hand():
    # GPT-3 175B (h = 12288, a = 96) at s = 2048, b = 1: 5as/h = 80, so s·b·h·(34 + 80) bytes per layer
    sbh = 2048 * 1 * 12288
    assert activation_memory_per_layer_bytes(GPT3_175B, 2048, 1) == sbh * 114
    assert activation_memory_per_layer_bytes(GPT3_175B, 2048, 1, recompute="selective") == 34 * sbh
    assert activation_memory_per_layer_bytes(GPT3_175B, 2048, 1, recompute="full") == 2 * sbh
    # the 34 is the attention block (11), the MLP (19) and the two LayerNorms (4), Sec. 4.1
    assert 11 + 19 + 4 == 34
    assert activation_memory_bytes(GPT3_175B, 2048, 1) == 96 * sbh * 114


def test_activation_memory_scales_with_micro_batch_and_quadratically_in_seq():
    one = activation_memory_per_layer_bytes(GPT3_175B, 2048, 1)
    assert activation_memory_per_layer_bytes(GPT3_175B, 2048, 4) == pytest.approx(4 * one)
    sel = activation_memory_per_layer_bytes(GPT3_175B, 2048, 1, recompute="selective")
    # the score part 5·a·s²·b doubles twice when s doubles; the 34·s·b·h part once
    quad = one - sel
    assert activation_memory_per_layer_bytes(GPT3_175B, 4096, 1) == pytest.approx(2 * sel + 4 * quad)


@pytest.mark.parametrize("bad", [0, -2, 1.5])
def test_activation_per_layer_rejects_bad_sizes(bad):
    with pytest.raises(ValueError):
        activation_memory_per_layer_bytes(GPT3_175B, bad, 1)
    with pytest.raises(ValueError, match="recompute must be"):
        activation_memory_per_layer_bytes(GPT3_175B, 2048, 1, recompute="partial")

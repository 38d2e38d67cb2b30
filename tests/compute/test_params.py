"""Parameter counting (scaling_helpers.compute.params)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaling_helpers.compute import (
    CHINCHILLA_70B,
    GOPHER_280B,
    GPT2_SMALL,
    GPT2_SMALL_NO_BIAS,
    GPT3_175B,
    LLAMA2_70B,
    LLAMA3_8B,
    LLAMA3_70B,
    LLAMA3_405B,
    NAMED_CONFIGS,
    TransformerConfig,
    chinchilla_table_a9_configs,
    count_parameters,
    kaplan_non_embedding,
    kaplan_table1_non_embedding,
    non_embedding_parameters,
    parameter_count,
)


def test_gpt2_small_nanogpt_exact():
    """nanoGPT transformer_sizing.ipynb (bias=False): 124,337,664."""
    b = count_parameters(GPT2_SMALL_NO_BIAS)
    assert b.total == 124_337_664
    assert b.embedding == 38_597_376
    assert b.positional == 786_432
    assert b.embedding + b.positional == 39_383_808
    assert b.lm_head == 0
    # per block: attention 2,360,064 and MLP 4,719,360 including their LayerNorm gains
    per_layer_norm = 768
    assert b.attention // 12 + per_layer_norm == 2_360_064
    assert b.mlp // 12 + per_layer_norm == 4_719_360
    assert b.non_embedding == 84_953_088 + 768  # transformer blocks + final LayerNorm


def test_gpt2_small_with_biases():
    """Released GPT-2 small (with biases) = nanoGPT gpt_params 123,653,376 + the 786,432 position table."""
    b = count_parameters(GPT2_SMALL)
    assert b.total == 124_439_808
    assert b.total - b.positional == 123_653_376
    assert b.total - count_parameters(GPT2_SMALL_NO_BIAS).total == 102_144  # 12 x 8448 + 768


def test_kaplan_eq_2_1_gpt2():
    assert kaplan_non_embedding(GPT2_SMALL) == 84_934_656
    assert kaplan_table1_non_embedding(GPT2_SMALL) == 84_934_656
    assert parameter_count(GPT2_SMALL, "kaplan") == 84_934_656


def test_conventions():
    b = count_parameters(GPT2_SMALL_NO_BIAS)
    assert parameter_count(GPT2_SMALL_NO_BIAS, "total") == b.total
    assert parameter_count(GPT2_SMALL_NO_BIAS, "chinchilla") == b.total
    assert parameter_count(GPT2_SMALL_NO_BIAS, "non_embedding") == non_embedding_parameters(
        GPT2_SMALL_NO_BIAS
    )
    assert parameter_count(GPT2_SMALL_NO_BIAS, "palm") == b.total - 786_432  # tied embeddings kept
    with pytest.raises(ValueError, match="convention must be one of"):
        parameter_count(GPT2_SMALL, "openai")  # type: ignore[arg-type]


def test_gpt3_matches_table_d1():
    """174.6B, the N that GPT-3's Table D.1 uses."""
    assert round(count_parameters(GPT3_175B).total / 1e9, 1) == 174.6


def test_llama_counts():
    assert count_parameters(LLAMA2_70B).total == 68_976_648_192
    assert count_parameters(LLAMA3_8B).total == 8_030_261_248
    assert count_parameters(LLAMA3_70B).total == 70_553_706_496
    assert count_parameters(LLAMA3_405B).total == 405_853_388_800
    b = count_parameters(LLAMA2_70B)
    assert b.biases == 0 and b.positional == 0 and b.lm_head == b.embedding == 32000 * 8192
    assert b.norms == (2 * 80 + 1) * 8192


def test_chinchilla_and_gopher_near_nominal():
    assert count_parameters(CHINCHILLA_70B).total == pytest.approx(70e9, rel=0.01)
    assert count_parameters(GOPHER_280B).total == pytest.approx(280e9, rel=0.01)


def test_table_a9_every_row_within_0p7_percent():
    """With kv_size kept explicit, all 50 Table A9 sizes are reproduced to < 0.7% (nanoGPT's up to 7%)."""
    exact = 0
    for printed_m, cfg in chinchilla_table_a9_configs():
        total = count_parameters(cfg).total
        assert total == pytest.approx(printed_m * 1e6, rel=0.007), cfg.name
        exact += round(total / 1e6) == printed_m
    assert exact >= 35


def test_table_a9_row_that_nanogpt_misses():
    """12569M: d_model 4608 but 32 heads of 128, so d_attn = 4096 (nanoGPT assumes 4608 and gets 13124M)."""
    _, cfg = next(r for r in chinchilla_table_a9_configs() if r[0] == 12569)
    assert round(count_parameters(cfg).total / 1e6) == 12570


def test_breakdown_sums_and_shares():
    for cfg in NAMED_CONFIGS.values():
        b = count_parameters(cfg)
        parts = b.as_dict()
        total = parts.pop("total")
        parts.pop("non_embedding")
        assert sum(parts.values()) == total
        assert sum(b.shares().values()) == pytest.approx(1.0)


def test_not_a_config():
    with pytest.raises(ValueError, match="cfg must be a TransformerConfig"):
        count_parameters({"d_model": 768})  # type: ignore[arg-type]


sizes = st.sampled_from([64, 128, 256, 512])


@given(n_layers=st.integers(1, 48), d_model=sizes, heads=st.sampled_from([1, 2, 4, 8]))
def test_params_linear_in_layers(n_layers, d_model, heads):
    """Non-embedding parameters (minus the final norm) scale exactly with n_layers."""

    def ne(L):
        cfg = TransformerConfig(
            n_layers=L, d_model=d_model, n_heads=heads, vocab_size=1000, context_length=128
        )
        return count_parameters(cfg).non_embedding - count_parameters(cfg).norms // (2 * L + 1)

    assert ne(2 * n_layers) == 2 * ne(n_layers)


@given(n_layers=st.integers(1, 24), d_model=sizes)
def test_kaplan_approximation_close_to_exact(n_layers, d_model):
    """12 L d^2 misses only biases and norms: < 2% for d_model >= 64 with a GPT layout."""
    cfg = TransformerConfig(
        n_layers=n_layers, d_model=d_model, n_heads=4, vocab_size=1000, context_length=128
    )
    exact = count_parameters(cfg).non_embedding
    assert kaplan_non_embedding(cfg) <= exact
    assert exact / kaplan_non_embedding(cfg) - 1 < 0.02


@given(d_model=sizes, kv=st.sampled_from([1, 2, 4, 8]))
def test_gqa_reduces_attention_params(d_model, kv):
    mha = TransformerConfig(n_layers=2, d_model=d_model, n_heads=8, vocab_size=100, context_length=16)
    gqa = TransformerConfig(
        n_layers=2, d_model=d_model, n_heads=8, n_kv_heads=kv, vocab_size=100, context_length=16
    )
    a, g = count_parameters(mha).attention, count_parameters(gqa).attention
    assert g <= a
    assert g == 2 * (2 * d_model * d_model + 2 * d_model * d_model * kv // 8)

"""MoE configurations, parameter counts, FLOPs, memory and router arithmetic (scaling_helpers.moe)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_helpers.compute import TransformerConfig, count_parameters, training_flops_6nd
from scaling_helpers.moe import (
    DBRX,
    DEEPSEEK_V3,
    DEEPSEEK_V3_RUN,
    DEEPSEEK_V3_STATED_ACTIVE,
    MIXTRAL_8X7B,
    MIXTRAL_8X22B,
    MIXTRAL_PAPER_ROUNDED,
    MOE_CONFIGS,
    OLMOE_1B_7B,
    PUBLISHED_MOE,
    MoEConfig,
    active_params,
    count_moe_parameters,
    deepseek_v3_arithmetic,
    expert_capacity,
    forward_flops_per_token,
    mean_tokens_per_expert,
    moe_summary,
    moe_training_flops,
    route_with_capacity,
    total_params,
    with_experts,
)

# --- reproducing published counts --------------------------------------------------------------


def test_mixtral_8x7b_reproduces_46_7b_and_12_9b():
    """Mistral AI's announcement: 46.7B total, 12.9B active (the paper's abstract: 47B / 13B) — not 8 x 7B = 56B."""
    b = count_moe_parameters(MIXTRAL_8X7B)
    assert b.total == 46_702_792_704
    assert b.active == 12_879_925_248
    assert round(b.total / 1e9, 1) == 46.7 and round(b.active / 1e9, 1) == 12.9
    assert b.total < 56e9


def test_mixtral_paper_and_announcement_round_the_same_count():
    """The abstract's 47B / 13B (arXiv:2401.04088) and the announcement's 46.7B / 12.9B are one count, rounded twice."""
    b = count_moe_parameters(MIXTRAL_8X7B)
    assert MIXTRAL_PAPER_ROUNDED == (47e9, 13e9)
    assert (round(b.total / 1e9), round(b.active / 1e9)) == (47, 13)
    announced = PUBLISHED_MOE["mixtral-8x7b"]
    assert (announced.total, announced.active) == (46.7e9, 12.9e9)
    assert "announcement" in announced.source and "2401.04088" in announced.source


def test_mixtral_is_not_eight_mistral_7b():
    mistral = TransformerConfig(n_layers=32, d_model=4096, n_heads=32, n_kv_heads=8, d_ff=14336, vocab_size=32000,
                                context_length=32768, tied_embeddings=False, gated_mlp=True, positional="rotary",
                                biases=False, norm="rmsnorm")
    n7 = count_parameters(mistral).total
    b = count_moe_parameters(MIXTRAL_8X7B)
    assert round(n7 / 1e9, 2) == 7.24
    # the difference between 8 dense copies and Mixtral is 7 copies of everything but the FFN (minus routers)
    shared_dense = n7 - 32 * 3 * 4096 * 14336
    assert 8 * n7 - b.total == 7 * shared_dense - b.router


def test_deepseek_v3_active_count_and_its_stated_convention():
    """README_WEIGHTS.md: 36.7B active *including* 0.9B embedding and 0.9B head; the config gives 37.55B that way."""
    b = count_moe_parameters(DEEPSEEK_V3)
    stated = DEEPSEEK_V3_STATED_ACTIVE
    assert round(b.total / 1e9) == 671
    assert round(b.embedding / 1e9, 1) == stated["embedding"] / 1e9 == 0.9
    assert round(b.lm_head / 1e9, 1) == stated["output_head"] / 1e9 == 0.9
    # the stated convention (everything a token uses, embedding and head included)
    assert round(b.active / 1e9, 2) == 37.55
    layers_only = b.active - b.embedding - b.lm_head
    assert round(layers_only / 1e9, 2) == 35.70
    # the stated 36.7B is one embedding table short of that count, and next to the count without the embedding
    gap = b.active - stated["active"]
    assert abs(gap - b.embedding) < 0.1e9
    assert abs(b.active_excluding_embedding - stated["active"]) < 0.1e9
    assert round(b.active_excluding_embedding / 1e9, 1) == 36.6
    # the abstract's "37B" is consistent with either reading, not with the 671B total
    assert round(stated["active"] / 1e9) == round(b.active_excluding_embedding / 1e9) == 37
    assert DEEPSEEK_V3.n_moe_layers == 58 and DEEPSEEK_V3.n_dense_layers == 3
    assert DEEPSEEK_V3.attention_params_per_layer() == 187_107_328


@pytest.mark.parametrize("key", ["mixtral-8x7b", "mixtral-8x22b", "dbrx", "olmoe-1b-7b", "deepseek-v3"])
def test_every_named_config_matches_its_announced_counts(key):
    b = count_moe_parameters(MOE_CONFIGS[key])
    p = PUBLISHED_MOE[key]
    assert b.total == pytest.approx(p.total, rel=0.01)
    # announced actives are rounded to 2-3 digits and use either convention
    assert min(abs(b.active - p.active), abs(b.active_excluding_embedding - p.active)) < 0.03 * p.active


def test_breakdown_is_consistent():
    for cfg in MOE_CONFIGS.values():
        b = count_moe_parameters(cfg)
        parts = (b.embedding + b.lm_head + b.attention + b.dense_ffn + b.routed_experts + b.shared_experts
                 + b.router + b.norms)
        assert parts == b.total
        assert b.total - b.active == b.routed_experts - b.routed_active
        assert b.routed_active * cfg.n_experts == b.routed_experts * cfg.top_k
        assert total_params(cfg) == b.total and active_params(cfg) == b.active
        assert active_params(cfg, include_embedding=False) == b.active - b.embedding


def test_all_experts_active_means_total_equals_active():
    cfg = with_experts(MIXTRAL_8X7B, top_k=8)
    b = count_moe_parameters(cfg)
    assert b.total == b.active
    assert cfg.name == "Mixtral 8x7B (modified)"
    assert with_experts(MIXTRAL_8X7B, top_k=2).name == "Mixtral 8x7B"


def test_spec_6_2_convention_equals_package():
    """The exercise's plain-arithmetic convention (solutions/07_moe.ipynb) is the package's count."""

    def formula(n_layers, d, d_kv, d_expert, n_experts, top_k, vocab):
        shared = n_layers * (2 * d * d + 2 * d * d_kv + d * n_experts + 2 * d) + 2 * vocab * d + d
        expert = 3 * d * d_expert
        return shared + n_layers * n_experts * expert, shared + n_layers * top_k * expert

    for cfg in (MIXTRAL_8X7B, MIXTRAL_8X22B, DBRX, OLMOE_1B_7B):
        b = count_moe_parameters(cfg)
        d_kv = cfg.n_kv_heads * cfg.head_dim
        assert formula(cfg.n_layers, cfg.d_model, d_kv, cfg.d_expert, cfg.n_experts, cfg.top_k,
                       cfg.vocab_size) == (b.total, b.active)


def test_moe_every_and_dense_layers():
    cfg = dataclasses.replace(MIXTRAL_8X7B, moe_every=2)
    assert cfg.n_moe_layers == 16 and cfg.n_dense_layers == 16
    assert [cfg.is_moe_layer(i) for i in range(4)] == [True, False, True, False]
    b = count_moe_parameters(cfg)
    assert b.dense_ffn == 16 * 3 * 4096 * 14336
    assert count_moe_parameters(DEEPSEEK_V3).dense_ffn == 3 * 3 * 7168 * 18432
    with pytest.raises(ValueError, match="layer index"):
        cfg.is_moe_layer(32)


# --- FLOPs and memory --------------------------------------------------------------------------


def test_flops_follow_active_parameters():
    b = count_moe_parameters(MIXTRAL_8X7B)
    assert forward_flops_per_token(MIXTRAL_8X7B) == 2 * b.active_excluding_embedding
    assert round(forward_flops_per_token(MIXTRAL_8X7B) / 1e9, 1) == 25.5  # 2 x 12.75B, active without the input embedding
    assert round(forward_flops_per_token(DEEPSEEK_V3) / 1e9) == 73  # 2 x 36.6B, active without the input embedding
    assert moe_training_flops(MIXTRAL_8X7B, 1e12) == training_flops_6nd(b.active_excluding_embedding, 1e12)


def test_context_term_matches_dense_formula_for_gqa():
    ctx = 4096
    extra = forward_flops_per_token(MIXTRAL_8X7B, ctx) - forward_flops_per_token(MIXTRAL_8X7B)
    assert extra == pytest.approx(4 * 32 * ctx * 4096)  # compute.inference: 4 n_layers ctx d_attn
    ds = forward_flops_per_token(DEEPSEEK_V3, ctx) - forward_flops_per_token(DEEPSEEK_V3)
    assert ds == pytest.approx(2 * 61 * ctx * 128 * (192 + 128))


def test_memory_uses_total_parameters():
    s = moe_summary(MIXTRAL_8X7B)
    assert s.weight_bytes == pytest.approx(2 * 46_702_792_704)
    assert round(s.weight_bytes / 1e9, 1) == 93.4
    assert round(s.dense_equivalent_weight_bytes / 1e9, 1) == 25.8
    assert s.training_bytes == pytest.approx(16 * s.total)
    assert s.memory_per_flop_ratio == pytest.approx(s.total / s.active)
    assert moe_summary(MIXTRAL_8X7B, precision="int4").weight_bytes == pytest.approx(s.weight_bytes / 4)
    assert "46.7 B" in s.html()


def test_deepseek_v3_mfu():
    """6 x 37B x 14.8T = 3.29e24 FLOPs; over 2.788M H800-hours at 989.4 TFLOP/s: 33%."""
    a = deepseek_v3_arithmetic()
    assert a.flops_active == pytest.approx(3.2856e24)
    assert round(a.mfu_full_training, 3) == 0.331
    assert round(a.mfu_pretraining_only, 3) == 0.346
    assert a.flops_if_dense_total / a.flops_active == pytest.approx(671 / 37)
    assert deepseek_v3_arithmetic(gpu_hours=2.664e6).mfu_full_training == pytest.approx(a.mfu_pretraining_only)
    assert DEEPSEEK_V3_RUN.n_tokens == 14.8e12
    with pytest.raises(ValueError, match="MFU of"):  # the total parameters imply an impossible MFU
        deepseek_v3_arithmetic(dataclasses.replace(DEEPSEEK_V3_RUN, active_params=671e9))


# --- router arithmetic --------------------------------------------------------------------------


def test_router_arithmetic():
    assert mean_tokens_per_expert(4096, 8, top_k=2) == 1024
    assert expert_capacity(4096, 8, top_k=2, capacity_factor=1.25) == 1280
    assert expert_capacity(1000, 3, capacity_factor=1.0) == pytest.approx(333.33, abs=0.01)
    assert expert_capacity(1000, 3, capacity_factor=1.0, round_up=True) == 334
    out = route_with_capacity([1500, 1100, 1000, 900, 1300, 800, 700, 892], 1280)
    assert out.dropped == 240
    assert out.dropped_fraction == pytest.approx(240 / 8192)
    assert out.padding_fraction == pytest.approx((8 * 1280 - (8192 - 240)) / (8 * 1280))
    balanced = route_with_capacity([1024] * 8, 1024)
    assert balanced.dropped == 0 and balanced.padding_fraction == 0


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 5000), min_size=1, max_size=64), st.floats(1, 5000))
def test_routing_conserves_assignments(loads, capacity):
    out = route_with_capacity(loads, capacity)
    assert out.processed.sum() + out.dropped == pytest.approx(sum(loads))
    assert (out.processed <= capacity + 1e-9).all()
    assert 0 <= out.dropped_fraction <= 1 and 0 <= out.padding_fraction <= 1


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"top_k": 9}, "top_k \\(9\\) cannot exceed n_experts \\(8\\)"),
        ({"n_experts": 0}, "n_experts must be a positive integer"),
        ({"d_expert": -14336}, "d_expert must be a positive integer"),
        ({"d_expert": 14336.5}, "d_expert must be a positive integer"),
        ({"first_dense_layers": 32}, "first_dense_layers \\(32\\) must be < n_layers"),
        ({"n_kv_heads": 5}, "n_kv_heads \\(5\\) must divide n_heads"),
        ({"kv_lora_rank": 512}, "attention='mla'"),
        ({"attention": "flash"}, "attention must be 'gqa' or 'mla'"),
        ({"gated": "yes"}, "gated must be True or False"),
    ],
)
def test_bad_configs_raise_helpful_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(MIXTRAL_8X7B, **kwargs)


def test_mla_needs_its_fields():
    with pytest.raises(ValueError, match="needs"):
        MoEConfig(n_layers=2, d_model=64, n_heads=4, vocab_size=10, n_experts=4, top_k=1, d_expert=32,
                  attention="mla", kv_lora_rank=16)


def test_bad_inputs_to_helpers():
    with pytest.raises(ValueError, match="MoEConfig"):
        count_moe_parameters("mixtral")
    with pytest.raises(ValueError, match="context_length must be a finite number >= 0"):
        forward_flops_per_token(MIXTRAL_8X7B, -1)
    with pytest.raises(ValueError, match="n_tokens must be > 0"):
        moe_training_flops(MIXTRAL_8X7B, -1)
    with pytest.raises(ValueError, match="finite"):
        moe_training_flops(MIXTRAL_8X7B, float("nan"))
    with pytest.raises(ValueError, match="top_k \\(3\\) cannot exceed n_experts \\(2\\)"):
        mean_tokens_per_expert(100, 2, top_k=3)
    with pytest.raises(ValueError, match="capacity_factor must be > 0"):
        expert_capacity(100, 8, capacity_factor=0)
    with pytest.raises(ValueError, match="NaN"):
        route_with_capacity([1.0, float("nan")], 10)
    with pytest.raises(ValueError, match=">= 0"):
        route_with_capacity([5, -1], 10)
    with pytest.raises(ValueError, match="gpu_hours must be > 0"):
        deepseek_v3_arithmetic(gpu_hours=-5)
    with pytest.raises(ValueError, match="precision"):
        moe_summary(MIXTRAL_8X7B, precision="int3")


def test_full_capacity_has_no_negative_padding_from_round_off():
    """Every expert over capacity: padding is exactly zero, not -1.9e-16 (a once-flaky property example)."""
    out = route_with_capacity([30] * 10, 29.223575048285937)
    assert out.padding_fraction == 0.0
    assert 0.0 <= out.dropped_fraction <= 1.0

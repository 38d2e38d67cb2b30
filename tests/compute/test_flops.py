"""Training FLOPs: 6ND, Kaplan, Chinchilla App. F / Table A4, PaLM, MLP vs attention (compute.flops)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaling_helpers import flops_to_pf_days
from scaling_helpers.compute import (
    CHINCHILLA_70B,
    CHINCHILLA_TABLE_A4,
    GPT2_SMALL,
    GPT2_SMALL_NO_BIAS,
    LLAMA2_70B,
    LLAMA3_405B,
    REFERENCE_RUNS,
    attention_crossover_context,
    attention_mlp_flop_share,
    chinchilla_forward_flops,
    chinchilla_table_a4,
    chinchilla_training_flops,
    config_attention_mlp_share,
    count_parameters,
    kaplan_forward_flops_per_token,
    kaplan_non_embedding,
    kaplan_training_flops_per_token,
    palm_training_flops_per_token,
    parameter_count,
    training_flops_6nd,
)

# --- 6ND and the reference budgets ---------------------------------------------------------


def test_gpt3_budget():
    """GPT-3: 3.14e23 FLOPs = 3.64e3 PF-days with Table D.1's N = 174.6B; 6 x 175e9 x 300e9 = 3.15e23."""
    assert training_flops_6nd(175e9, 300e9) == pytest.approx(3.15e23)
    assert training_flops_6nd(175e9, 300e9) == pytest.approx(3.14e23, rel=0.005)
    c = training_flops_6nd(174.6e9, 300e9)
    assert f"{c:.2e}" == "3.14e+23"
    assert round(flops_to_pf_days(3.14e23)) == 3634


def test_chinchilla_budget_vs_6nd():
    """The paper's 5.76e23 vs 6ND's 5.88e23: 2.1% apart."""
    run = REFERENCE_RUNS["chinchilla-70b"]
    assert run.flops_6nd == pytest.approx(5.88e23)
    assert run.reported_flops == 5.76e23
    assert run.flops_6nd / run.reported_flops == pytest.approx(1.0208, abs=1e-4)
    assert REFERENCE_RUNS["gopher-280b"].flops_6nd == pytest.approx(5.04e23)


def test_llama3_405b_budget():
    assert training_flops_6nd(405e9, 15.6e12) == pytest.approx(3.8e25, rel=0.005)
    assert f"{REFERENCE_RUNS['llama3-405b'].flops_6nd:.3g}" == "3.79e+25"


def test_appendix_f_vs_6nd_for_chinchilla_70b():
    """App. F (with embeddings and logits) and 6N_total D agree to a few % for Chinchilla 70B."""
    app_f = chinchilla_training_flops(CHINCHILLA_70B, 1.4e12)
    six_nd = training_flops_6nd(count_parameters(CHINCHILLA_70B).total, 1.4e12)
    assert app_f / six_nd == pytest.approx(0.966, abs=0.005)


def test_6nd_arrays_broadcast():
    out = training_flops_6nd(np.array([1e9, 2e9]), 20e9)
    np.testing.assert_allclose(out, [1.2e20, 2.4e20])
    grid = training_flops_6nd(np.array([[1e9], [2e9]]), np.array([1e10, 2e10, 4e10]))
    assert grid.shape == (2, 3)


@pytest.mark.parametrize(
    ("n", "d", "match"),
    [
        (-1, 1e9, "n_params must be > 0"),
        (1e9, 0, "n_tokens must be > 0"),
        (math.nan, 1e9, "n_params must be finite"),
        ([1e9, -2], 1e9, "n_params must be strictly positive"),
        ("70B", 1e9, "n_params must be a number"),
    ],
)
def test_6nd_bad_inputs(n, d, match):
    with pytest.raises(ValueError, match=match):
        training_flops_6nd(n, d)


@given(n=st.floats(1e3, 1e13), d=st.floats(1e3, 1e14), a=st.floats(0.01, 100))
def test_6nd_linear_and_symmetric(n, d, a):
    assert training_flops_6nd(a * n, d) == pytest.approx(a * training_flops_6nd(n, d), rel=1e-12)
    assert training_flops_6nd(n, a * d) == pytest.approx(a * training_flops_6nd(n, d), rel=1e-12)
    assert training_flops_6nd(n, d) == pytest.approx(training_flops_6nd(d, n), rel=1e-12)


# --- Kaplan Table 1 ------------------------------------------------------------------------


def test_kaplan_per_token_gpt2():
    n = kaplan_non_embedding(GPT2_SMALL)
    fwd = kaplan_forward_flops_per_token(n, 12, 1024, 768)
    assert fwd == 2 * n + 2 * 12 * 1024 * 768
    assert kaplan_training_flops_per_token(n, 12, 1024, 768) == pytest.approx(3 * fwd)


@given(layers=st.integers(1, 100), d=st.integers(64, 16384), ctx=st.integers(128, 131072))
def test_kaplan_context_term_ratio(layers, d, ctx):
    """Context term / 2N = n_ctx / (12 d_model): negligible when d_model > n_ctx / 12 (Kaplan Sec. 2.1)."""
    n = 12 * layers * d * d
    fwd = kaplan_forward_flops_per_token(n, layers, ctx, d)
    assert (fwd - 2 * n) / (2 * n) == pytest.approx(ctx / (12 * d), rel=1e-9)


# --- Chinchilla App. F and Table A4 ---------------------------------------------------------


def test_table_a4_reproduced_to_printed_decimals():
    rows = chinchilla_table_a4()
    assert [r.label for r in rows] == [row[0] for row in CHINCHILLA_TABLE_A4]
    assert [round(r.ratio, 2) for r in rows] == [1.03, 1.10, 1.08, 1.04, 1.03, 0.99]
    for r in rows:
        assert round(r.ratio, 2) == r.printed_ratio


def test_table_a4_matches_nanogpt_exactly():
    """nanoGPT's scaling_laws.ipynb N and ratio columns."""
    expected = [
        (73_825_280, 1.025036),
        (305_707_008, 1.100817),
        (552_604_160, 1.082919),
        (1_143_453_696, 1.044094),
        (1_593_126_912, 1.032902),
        (6_796_274_688, 0.994114),
    ]
    rows = chinchilla_table_a4()
    assert [r.n_params for r in rows] == [n for n, _ in expected]
    for r, (_, ratio) in zip(rows, expected, strict=True):
        assert r.ratio == pytest.approx(ratio, abs=5e-7)
    assert rows[0].flops_per_sequence == 929_877_196_800


def test_table_a4_not_reproduced_with_embeddings_and_logits():
    """Counting the embedding and logits terms (App. F's text) breaks the printed ratios: pitfall 5."""
    rows = chinchilla_table_a4(embeddings=True, logits=True)
    assert rows[0].ratio > 1.5
    assert [round(r.ratio, 2) for r in rows] != [1.03, 1.10, 1.08, 1.04, 1.03, 0.99]


def test_appendix_f_gpt2_matches_nanogpt_transformer_sizing():
    """nanoGPT's count = App. F without embeddings and softmax, with the LM head."""
    f = chinchilla_forward_flops(GPT2_SMALL_NO_BIAS, embeddings=False, softmax=False)
    assert f.attention_qkv / 12 == 3_623_878_656
    assert f.attention_logits / 12 == 1_610_612_736
    assert f.attention_values / 12 == 1_610_612_736
    assert f.attention_output / 12 == 1_207_959_552
    assert f.dense / 12 == 9_663_676_416
    assert f.logits == 79_047_426_048
    assert f.forward == 291_648_307_200
    assert f.training == 874_944_921_600
    assert f.logits / f.forward == pytest.approx(0.271, abs=5e-4)


def test_appendix_f_terms_switch_off():
    full = chinchilla_forward_flops(GPT2_SMALL)
    bare = chinchilla_forward_flops(GPT2_SMALL, embeddings=False, logits=False, softmax=False)
    assert full.forward - bare.forward == pytest.approx(
        full.embeddings + full.logits + full.attention_softmax
    )
    assert full.embeddings == full.logits == 2 * 1024 * 50257 * 768
    assert full.training_per_token == pytest.approx(full.training / 1024)


def test_appendix_f_gqa_and_gated_extensions():
    f = chinchilla_forward_flops(LLAMA2_70B, seq_len=1)
    assert f.attention_qkv == 80 * 2 * 8192 * (8192 + 2 * 1024)
    assert f.dense == 80 * 2 * 3 * 8192 * 28672


def test_appendix_f_bad_inputs():
    with pytest.raises(ValueError, match="cfg must be a TransformerConfig"):
        chinchilla_forward_flops("gpt2")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="seq_len must be a positive integer"):
        chinchilla_forward_flops(GPT2_SMALL, seq_len=0)


# --- PaLM formula --------------------------------------------------------------------------


def test_palm_formula_gpt2():
    """6N + 12 L H Q T, N = total minus position table; ratio to the detailed count 1.0001."""
    n = parameter_count(GPT2_SMALL_NO_BIAS, "palm")
    assert n == 123_551_232
    per_seq = palm_training_flops_per_token(n, 12, 12, 64, 1024) * 1024
    assert per_seq == 875_062_886_400
    detailed = chinchilla_forward_flops(GPT2_SMALL_NO_BIAS, embeddings=False, softmax=False).training
    assert per_seq / detailed == pytest.approx(1.0001, abs=5e-5)


# --- MLP vs attention ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("convention", "against", "multiple"),
    [("full", "mlp", 4), ("full", "dense", 6), ("kaplan", "mlp", 8), ("kaplan", "dense", 12)],
)
def test_crossover_constants(convention, against, multiple):
    for d in (512, 768, 4096, 12288):
        assert attention_crossover_context(d, convention=convention, against=against) == multiple * d


def test_crossover_gated_and_gqa():
    # Llama-style: SwiGLU with d_ff = 3.5 d, full counting: 2*3*d*3.5d / (4 d) = 5.25 d
    assert attention_crossover_context(8192, d_ff=28672, gated_mlp=True) == pytest.approx(5.25 * 8192)


def test_share_at_crossover_is_even():
    d = 1024
    s = attention_mlp_flop_share(d, attention_crossover_context(d))
    assert s.context_to_mlp == pytest.approx(1.0)
    s = attention_mlp_flop_share(d, attention_crossover_context(d, against="dense"))
    assert s.context_share == pytest.approx(0.5)


def test_q1_answers():
    """Does the MLP or attention dominate? The MLP at GPT-2/GPT-3 contexts; attention at 128K context."""
    assert config_attention_mlp_share(GPT2_SMALL).context_to_mlp == pytest.approx(1 / 3)
    assert config_attention_mlp_share(LLAMA3_405B).context_to_mlp < 0.2  # 8K pre-training context
    assert config_attention_mlp_share(LLAMA3_405B, 131_072).context_to_mlp > 1.5


def test_share_vectorised_and_validated():
    s = attention_mlp_flop_share(768, [256, 1024, 8192])
    assert isinstance(s.context_share, np.ndarray) and np.all(np.diff(s.context_share) > 0)
    with pytest.raises(ValueError, match="n_ctx must be strictly positive"):
        attention_mlp_flop_share(768, [1024, 0])
    with pytest.raises(ValueError, match="convention must be 'kaplan'"):
        attention_mlp_flop_share(768, 1024, convention="palm")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="d_model must be a positive integer"):
        attention_mlp_flop_share(-768, 1024)


@given(d=st.integers(64, 16384), ctx=st.floats(1, 1e6), factor=st.floats(1.01, 10))
def test_share_monotone_in_context(d, ctx, factor):
    a = attention_mlp_flop_share(d, ctx)
    b = attention_mlp_flop_share(d, ctx * factor)
    assert b.context_share > a.context_share
    assert 0 < a.context_share < a.attention_share < 1
    assert b.context_to_mlp == pytest.approx(factor * a.context_to_mlp, rel=1e-9)

"""DeepSeek LLM's hyper-parameter laws and FLOPs per token, the batch trade-off and the planner."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaling_helpers.hyperparams import (
    DEEPSEEK_TABLE2,
    deepseek_compute,
    deepseek_flops_per_token,
    examples_factor,
    optimal_batch_size,
    optimal_learning_rate,
    plan_hyperparameters,
    steps_factor,
)
from scaling_helpers.kaplan import critical_batch_size


def test_learning_rate_law_by_hand():
    # 0.3118 * (1e20)^-0.125 = 0.3118 * 10^-2.5
    assert optimal_learning_rate(1e20) == pytest.approx(0.3118 * 10**-2.5, rel=1e-12)
    assert optimal_learning_rate(1e20) == pytest.approx(9.86e-4, rel=1e-3)


def test_batch_law_by_hand():
    assert optimal_batch_size(1e20) == pytest.approx(0.2920 * 10 ** (20 * 0.3271), rel=1e-12)
    assert optimal_batch_size(1e20) == pytest.approx(1.02e6, rel=5e-3)


def test_flops_per_token_table3_rows():
    # DeepSeek LLM Table 3 prints M for (n_layer, d_model) = (8, 512) and (80, 8192) with l_seq = 4096.
    assert deepseek_flops_per_token(8, 512, 4096) == 72 * 8 * 512**2 + 12 * 8 * 512 * 4096
    assert deepseek_flops_per_token(8, 512, 4096) == pytest.approx(352e6, rel=2e-3)
    assert deepseek_flops_per_token(80, 8192, 4096) == pytest.approx(419e9, rel=2e-3)


@pytest.mark.parametrize("model", DEEPSEEK_TABLE2, ids=lambda m: m.name)
def test_table2_hyperparameters_follow_eq1(model):
    """The laws at each model's C = M·D reproduce Table 2's learning rate within 4% and batch within 10%."""
    C = deepseek_compute(deepseek_flops_per_token(model.n_layer, model.d_model, model.seq_len), model.tokens)
    assert optimal_learning_rate(C) == pytest.approx(model.learning_rate, rel=0.04)
    assert optimal_batch_size(C) == pytest.approx(model.batch_tokens, rel=0.10)


def test_table2_values():
    seven, sixty_seven = DEEPSEEK_TABLE2
    assert (seven.n_layer, seven.d_model, seven.batch_sequences, seven.learning_rate) == (30, 4096, 2304, 4.2e-4)
    assert (sixty_seven.n_layer, sixty_seven.d_model, sixty_seven.batch_sequences) == (95, 8192, 4608)
    assert sixty_seven.learning_rate == 3.2e-4 and seven.tokens == sixty_seven.tokens == 2.0e12


@given(st.floats(1e15, 1e27), st.floats(1.01, 1e3))
def test_laws_are_monotone(C, k):
    assert optimal_learning_rate(C * k) < optimal_learning_rate(C)
    assert optimal_batch_size(C * k) > optimal_batch_size(C)


@given(st.floats(1e-3, 1e3), st.floats(1e-3, 1e3))
def test_tradeoff_hyperbola(B, B_noise):
    assert (steps_factor(B, B_noise) - 1) * (examples_factor(B, B_noise) - 1) == pytest.approx(1.0, rel=1e-9)


def test_tradeoff_at_b_noise_doubles_both():
    assert steps_factor(3.0, 3.0) == 2.0 and examples_factor(3.0, 3.0) == 2.0


def test_planner_combines_the_laws():
    plan = plan_hyperparameters(1e22, loss=2.5)
    assert plan.eta_opt == optimal_learning_rate(1e22)
    assert plan.B_opt == optimal_batch_size(1e22)
    assert plan.B_crit == pytest.approx(critical_batch_size(2.5))
    assert "Kaplan" in plan.sources()["B_crit"] and "DeepSeek" in plan.sources()["eta_opt"]
    default = plan_hyperparameters(1e22)
    assert not default.loss_given and 1.5 < default.loss < 3.5
    assert "tokens" in str(default)


@pytest.mark.parametrize("bad", [0.0, -1e20, math.nan, 1e3])
def test_bad_compute_is_rejected(bad):
    with pytest.raises(ValueError):
        optimal_learning_rate(bad)
    with pytest.raises(ValueError):
        plan_hyperparameters(bad)


def test_bad_shapes_are_rejected():
    with pytest.raises(ValueError, match="n_layer"):
        deepseek_flops_per_token(0, 512, 4096)
    with pytest.raises(ValueError, match="d_model"):
        deepseek_flops_per_token(8, 512.5, 4096)
    with pytest.raises(ValueError):
        steps_factor(-1.0, 2.0)
    with pytest.raises(ValueError):
        plan_hyperparameters(1e22, loss=-1.0)


def test_arrays():
    c = np.array([1e18, 1e20])
    assert optimal_learning_rate(c).shape == (2,)

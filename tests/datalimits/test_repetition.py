"""Data-constrained scaling (Muennighoff et al. 2023) and the data stock (Villalobos et al., arXiv:2211.04325)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from scaling_helpers.datalimits import (
    DATA_STOCK_TOKENS,
    MUENNIGHOFF_2023,
    R_D_STAR,
    R_N_STAR,
    data_constrained_loss,
    data_constrained_optimum,
    effective_data,
    effective_data_multiple,
    effective_params,
    epochs_for_token_value,
    optimal_params_for_tokens,
    repeated_token_value,
    repetitions,
)
from scaling_helpers.datalimits.figures import plot_data_stock, plot_effective_data, plot_repetition_loss


def test_constants_from_the_datablations_readme():
    law = MUENNIGHOFF_2023
    assert (law.A, law.B, law.E) == pytest.approx((520.8, 1487.7, 1.869), abs=0.05)
    assert law.alpha == law.beta == pytest.approx(0.3526596)
    assert (R_D_STAR, R_N_STAR) == (15.387756, 5.309743)


@pytest.mark.parametrize(
    ("epochs", "multiple", "average", "per_repeat"),
    [  # effective-data table
        (2, 1.97, 0.98, 0.97),
        (4, 3.73, 0.93, 0.91),
        (8, 6.62, 0.83, 0.80),
        (16, 10.58, 0.66, 0.64),
        (32, 14.34, 0.45, 0.43),
        (64, 16.13, 0.25, 0.24),
    ],
)
def test_effective_data_table(epochs, multiple, average, per_repeat):
    m = effective_data_multiple(epochs)
    assert m == pytest.approx(multiple, abs=0.005)
    assert m / epochs == pytest.approx(average, abs=0.005)
    assert (m - 1) / (epochs - 1) == pytest.approx(per_repeat, abs=0.005)


def test_repetition_is_capped_and_nearly_free_up_to_four_epochs():
    assert effective_data_multiple(1e9) == pytest.approx(1 + R_D_STAR, rel=1e-9)  # 16.39 U at most
    assert effective_data_multiple(4) / 4 > 0.9  # "up to 4 epochs ... negligible changes"
    assert effective_data(1.0, 1.0) == 1.0  # one epoch: no repetition
    # R is epochs minus one: plugging the epochs in instead overstates 4 epochs as 4.52 U
    wrong = 1 + R_D_STAR * (1 - np.exp(-4 / R_D_STAR))
    assert wrong == pytest.approx(4.52, abs=0.005) and abs(wrong - effective_data(1.0, 4.0)) > 0.7


def test_fewer_tokens_than_unique_means_no_repetition():
    assert effective_data(10e9, 4e9) == pytest.approx(4e9)
    assert effective_data([1e9, 1e9], [2e9, 5e8]) == pytest.approx([1.97e9, 5e8], rel=2e-3)


def test_token_value_and_half_life():
    assert repeated_token_value(1) == 1.0
    e = epochs_for_token_value(0.5)
    assert e == pytest.approx(1 + R_D_STAR * np.log(2))  # 11.67 epochs, not 10.67
    assert repeated_token_value(e) == pytest.approx(0.5)


def test_readme_worked_example():
    """datablations README: 6.34B params, 242B tokens, 25B unique -> 2.2256; 8.67B, 178B -> 2.2270."""
    assert data_constrained_loss(6.34e9, 242e9, 25e9) == pytest.approx(2.2256, abs=5e-5)
    assert data_constrained_loss(8.67e9, 178e9, 25e9) == pytest.approx(2.2270, abs=5e-5)
    # both use about the same compute; the smaller, longer-trained model wins
    assert 6 * 6.34e9 * 242e9 == pytest.approx(6 * 8.67e9 * 178e9, rel=0.01)


def test_effective_params():
    u = 25e9
    n_opt = optimal_params_for_tokens(u)
    assert u / n_opt == pytest.approx(19.6, abs=0.05)  # G^2 = (A/B)^(1/alpha): about 20 tokens per parameter
    assert effective_params(0.5 * n_opt, u) == pytest.approx(0.5 * n_opt)  # no excess parameters
    big = effective_params(100 * n_opt, u)
    assert big < (1 + R_N_STAR) * n_opt  # excess parameters saturate at (1 + R_N*) U_N
    # without data constraints the law is Chinchilla's
    assert data_constrained_loss(1e9, 2e10, 1e15) == pytest.approx(MUENNIGHOFF_2023.loss(1e9, 2e10))


def test_data_constrained_optimum_prefers_epochs_over_parameters():
    c = 6 * 6.34e9 * 242e9
    free = data_constrained_optimum(c, 1e15)
    n_free, _ = MUENNIGHOFF_2023.compute_optimal(c)
    assert free.params == pytest.approx(n_free, rel=1e-3)
    tight = data_constrained_optimum(c, 25e9)
    assert tight.params < free.params and tight.epochs > 4 and tight.loss > free.loss
    assert tight.loss <= data_constrained_loss(6.34e9, 242e9, 25e9) + 1e-9


def test_stock_of_text_is_far_above_todays_budgets():
    assert DATA_STOCK_TOKENS == 3e14
    assert DATA_STOCK_TOKENS / 20 == pytest.approx(1.5e13)  # Chinchilla-optimal size for the whole stock


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: repetitions(0.5), "epochs must be >= 1"),
        (lambda: effective_data(-1.0, 5.0), "unique_tokens must be positive"),
        (lambda: effective_data(1.0, float("nan")), "total_tokens must be positive"),
        (lambda: epochs_for_token_value(1.5), "fraction in (0, 1]"),
        (lambda: data_constrained_optimum(0.0, 1e9), "compute (FLOPs) must be > 0"),
    ],
)
def test_bad_input_is_rejected(call, words):
    with pytest.raises(ValueError) as err:
        call()
    assert words in str(err.value)


def test_figures_render():
    for fig in (plot_effective_data(), plot_repetition_loss(c_max=1e22), plot_data_stock()):
        assert isinstance(fig, Figure)


def test_law_predicts_the_cost_of_repetition_in_the_authors_8b7_runs():
    """Real runs (huggingface/datablations): the law's absolute losses sit about 6% below the measured ones, but
    the rise from 1 to 7 epochs it predicts is within 0.006 nats of the measured rise at every unique-data size."""
    from scaling_helpers.datalimits import RUNS_8B7_178B

    n, d = 8.67e9, 178e9
    base = RUNS_8B7_178B[d]
    pred_base = data_constrained_loss(n, d, d)
    for u, loss in RUNS_8B7_178B.items():
        pred = data_constrained_loss(n, d, u)
        assert abs((pred - pred_base) - (loss - base)) < 0.006
        assert 0.05 < 1 - pred / loss < 0.07
    # fewer unique tokens, more epochs, higher loss: measured and predicted alike
    us = sorted(RUNS_8B7_178B)
    assert all(RUNS_8B7_178B[a] > RUNS_8B7_178B[b] for a, b in zip(us, us[1:], strict=False))

"""Over-training economics: lifetime compute, Sardana et al.'s inference-aware optimum, break-even demand,
and Gadre et al.'s token-multiplier law (arXiv:2401.00448, arXiv:2403.08540)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from scaling_helpers.chinchilla import BESIROGLU_2024, HOFFMANN_2022, HOFFMANN_2022_UNROUNDED, ParametricLaw
from scaling_helpers.overtraining import (
    GADRE_2024_RPJ,
    OvertrainingLaw,
    break_even_demand,
    chinchilla_point,
    compare_with_chinchilla,
    compute_optimal_params_for_loss,
    inference_aware_optimum,
    lifetime_flops,
    min_params_for_loss,
    optimal_tokens_per_param,
    size_and_tokens,
    token_multiplier,
    training_tokens_for_loss,
)

# ------------------------------------------------------------------------------------------ lifetime compute


def test_lifetime_flops_values_and_broadcasting():
    assert lifetime_flops(70e9, 1.4e12, 0) == pytest.approx(5.88e23)
    assert lifetime_flops(70e9, 1.4e12, 1e13) == pytest.approx(5.88e23 + 1.4e24)
    out = lifetime_flops(np.array([1e9, 2e9]), 1e12, np.array([0.0, 1e12]))
    np.testing.assert_allclose(out, [6e21, 1.2e22 + 4e21])


@pytest.mark.parametrize(
    ("args", "needle"),
    [((-1e9, 1e12, 0), "n_params"), ((1e9, float("nan"), 0), "train_tokens"), ((1e9, 1e12, -5), ">= 0"),
     ((1e9, 1e12, float("inf")), "finite"), ((1e9, 1e12, [1.0, -1.0]), ">= 0")],
)
def test_lifetime_flops_rejects_bad_input(args, needle):
    with pytest.raises(ValueError, match=needle):
        lifetime_flops(*args)


# ------------------------------------------------------------------------------------------ Chinchilla reference


@pytest.mark.parametrize(("law", "tpp", "tokens", "loss"), [(HOFFMANN_2022, 76.3, 0.992e12, 2.018),
                                                            (BESIROGLU_2024, 20.0, 0.26e12, 2.103)])
def test_chinchilla_optimal_13b(law, tpp, tokens, loss):
    """The Chinchilla-optimal 13B model is ≈ 76 tokens/param with Hoffmann's rounded constants
    and 20 with Epoch's refit."""
    p = chinchilla_point(law, 13e9)
    assert p.tokens_per_param == pytest.approx(tpp, rel=0.01)
    assert p.train_tokens == pytest.approx(tokens, rel=0.01)
    assert p.loss == pytest.approx(loss, abs=6e-4)
    assert p.training_flops == pytest.approx(6 * 13e9 * p.train_tokens)


def test_compute_optimal_size_for_loss_inverts_the_frontier():
    for law in (HOFFMANN_2022, BESIROGLU_2024, HOFFMANN_2022_UNROUNDED):
        for n in (1e9, 13e9, 70e9):
            target = chinchilla_point(law, n).loss
            assert compute_optimal_params_for_loss(law, target) == pytest.approx(n, rel=1e-9)


# ------------------------------------------------------------------------------------------ table

#: Derived from the constants: (constants, D_inf, N*, D_tr*, tokens/param, saving fraction). Printed to 2-3 significant
#: figures, so tolerances are 1.5% on N* and D*, 1% on tokens/param, 0.6 percentage points on the saving.
TABLE_5_1 = [
    (HOFFMANN_2022, 2e12, 8.0e9, 1.75e12, 218, 0.10),
    (HOFFMANN_2022, 10e12, 5.2e9, 3.5e12, 675, 0.36),
    (HOFFMANN_2022, 100e12, 3.1e9, 13.8e12, 4496, 0.68),
    (BESIROGLU_2024, 2e12, 6.1e9, 0.74e12, 121, 0.29),
    (BESIROGLU_2024, 10e12, 4.3e9, 1.72e12, 403, 0.54),
    (BESIROGLU_2024, 100e12, 3.0e9, 7.2e12, 2417, 0.72),
]


@pytest.mark.parametrize(("law", "d_inf", "n_star", "d_star", "tpp", "saving"), TABLE_5_1)
def test_reproduces_facts_table_5_1(law, d_inf, n_star, d_star, tpp, saving):
    cmp = compare_with_chinchilla(law, 13e9, d_inf)
    o = cmp.optimum
    assert o.n_params == pytest.approx(n_star, rel=0.015)
    assert o.train_tokens == pytest.approx(d_star, rel=0.015)
    assert o.tokens_per_param == pytest.approx(tpp, rel=0.01)
    assert cmp.saving_fraction == pytest.approx(saving, abs=0.006)


@pytest.mark.parametrize(("law", "flops"), [(HOFFMANN_2022, 1.3e22), (BESIROGLU_2024, 2.1e22)])
def test_absolute_saving_at_2t_tokens(law, flops):
    assert compare_with_chinchilla(law, 13e9, 2e12).saving_flops == pytest.approx(flops, rel=0.04)


def test_paper_example_is_not_reproduced_by_rounded_or_epoch_constants():
    """Sardana et al. Fig. 1: 13B -> 7B saves 1.7e22 FLOPs (17%) at 2T tokens. Neither constant set of §5.1
    gives that; the unrounded Hoffmann constants come close (7.1B, 16%, 1.6e22), derived."""
    for law in (HOFFMANN_2022, BESIROGLU_2024):
        cmp = compare_with_chinchilla(law, 13e9, 2e12)
        assert abs(cmp.optimum.n_params - 7e9) / 7e9 > 0.1 or abs(cmp.saving_fraction - 0.17) > 0.05
    close = compare_with_chinchilla(HOFFMANN_2022_UNROUNDED, 13e9, 2e12)
    assert close.optimum.n_params == pytest.approx(7.1e9, rel=0.01)
    assert close.saving_fraction == pytest.approx(0.163, abs=0.005)
    assert close.saving_flops == pytest.approx(1.63e22, rel=0.02)


# ------------------------------------------------------------------------------------------ the optimiser


@pytest.mark.parametrize("law", [HOFFMANN_2022, BESIROGLU_2024, HOFFMANN_2022_UNROUNDED])
@pytest.mark.parametrize("d_inf", [1e10, 3e12, 5e14])
def test_optimum_matches_an_independent_minimiser(law, d_inf):
    target = chinchilla_point(law, 13e9).loss
    o = inference_aware_optimum(law, target, d_inf)
    n_min = min_params_for_loss(law, target)

    def cost(u):
        n = math.exp(u)
        return math.log(6 * n * float(law.tokens_for_loss(n, target)) + 2 * n * d_inf)

    ref = minimize_scalar(cost, bounds=(math.log(n_min) + 1e-9, math.log(1e12)), method="bounded",
                          options={"xatol": 1e-10})
    assert o.n_params == pytest.approx(math.exp(ref.x), rel=1e-4)
    grid = np.logspace(math.log10(n_min) + 1e-6, 12, 4000)
    costs = [cost(math.log(n)) for n in grid]
    assert math.log(o.total_flops) <= min(costs) + 1e-12


def test_optimum_meets_the_loss_constraint_and_accounting():
    target = chinchilla_point(BESIROGLU_2024, 13e9).loss
    o = inference_aware_optimum(BESIROGLU_2024, target, 1e13)
    assert BESIROGLU_2024.loss(o.n_params, o.train_tokens) == pytest.approx(target, abs=1e-12)
    assert o.total_flops == pytest.approx(float(lifetime_flops(o.n_params, o.train_tokens, 1e13)))
    assert o.training_flops + o.inference_flops == pytest.approx(o.total_flops)


def test_zero_demand_gives_the_chinchilla_optimum():
    cmp = compare_with_chinchilla(HOFFMANN_2022, 13e9, 0)
    assert cmp.optimum.n_params == pytest.approx(13e9, rel=1e-9)
    assert cmp.saving_fraction == pytest.approx(0.0, abs=1e-12)


def test_more_demand_means_smaller_models_trained_longer():
    target = chinchilla_point(HOFFMANN_2022, 13e9).loss
    demands = np.logspace(9, 17, 17)
    sizes = [inference_aware_optimum(HOFFMANN_2022, target, d).n_params for d in demands]
    assert np.all(np.diff(sizes) < 0)
    tpp = optimal_tokens_per_param(HOFFMANN_2022, target, demands)
    assert np.all(np.diff(tpp) > 0)
    n_min = min_params_for_loss(HOFFMANN_2022, target)
    assert sizes[-1] > n_min  # never below the smallest model that can reach the target


def test_extreme_demand_stays_above_the_minimum_size():
    target = chinchilla_point(BESIROGLU_2024, 13e9).loss
    o = inference_aware_optimum(BESIROGLU_2024, target, 1e22)
    n_min = min_params_for_loss(BESIROGLU_2024, target)
    assert n_min < o.n_params < 1.5 * n_min
    assert math.isfinite(o.train_tokens)


@pytest.mark.parametrize(
    ("target", "needle"),
    [(1.69, "unreachable"), (1.5, "irreducible loss E"), (float("nan"), "finite"), (45.0, "perplexity"),
     ("two", "number")],
)
def test_bad_targets_are_rejected_with_advice(target, needle):
    with pytest.raises(ValueError, match=needle):
        inference_aware_optimum(HOFFMANN_2022, target, 1e12)


def test_other_bad_inputs():
    target = chinchilla_point(HOFFMANN_2022, 13e9).loss
    with pytest.raises(ValueError, match=">= 0"):
        inference_aware_optimum(HOFFMANN_2022, target, -1e12)
    with pytest.raises(ValueError, match="ParametricLaw"):
        inference_aware_optimum({"E": 1.69}, target, 1e12)
    with pytest.raises(ValueError, match="unreachable"):
        training_tokens_for_loss(HOFFMANN_2022, 1e9, target)  # 1B is below N_min for this target
    with pytest.raises(ValueError, match="n_params"):
        chinchilla_point(HOFFMANN_2022, -13e9)


# ------------------------------------------------------------------------------------------ break-even demand


def test_break_even_demand_equalises_lifetime_compute():
    law = BESIROGLU_2024
    target = chinchilla_point(law, 13e9).loss
    x = break_even_demand(law, target, 7e9, 13e9)
    d7, d13 = law.tokens_for_loss(7e9, target), law.tokens_for_loss(13e9, target)
    assert lifetime_flops(7e9, d7, x) == pytest.approx(lifetime_flops(13e9, d13, x), rel=1e-12)
    assert x == pytest.approx(3.28e11, rel=0.01)
    # below the break-even the larger model is cheaper, above it the smaller one
    assert lifetime_flops(7e9, d7, 0.5 * x) > lifetime_flops(13e9, d13, 0.5 * x)
    assert lifetime_flops(7e9, d7, 2 * x) < lifetime_flops(13e9, d13, 2 * x)


def test_break_even_is_zero_when_the_small_model_is_also_cheaper_to_train():
    target = chinchilla_point(HOFFMANN_2022, 13e9).loss
    assert break_even_demand(HOFFMANN_2022, target, 13e9, 100e9) == 0.0


def test_break_even_rejects_swapped_sizes():
    target = chinchilla_point(HOFFMANN_2022, 13e9).loss
    with pytest.raises(ValueError, match="swap"):
        break_even_demand(HOFFMANN_2022, target, 13e9, 7e9)


# ------------------------------------------------------------------------------------------ Gadre et al.


def test_token_multiplier_is_d_over_n():
    assert token_multiplier(70e9, 1.4e12) == pytest.approx(20.0)
    with pytest.raises(ValueError):
        token_multiplier(0, 1e12)


@pytest.mark.parametrize(("c", "m"), [(1e22, 320), (5.76e23, 20), (1e18, 5)])
def test_size_and_tokens_round_trip(c, m):
    n, d = size_and_tokens(c, m)
    assert 6 * n * d == pytest.approx(c)
    assert d / n == pytest.approx(m)


def test_gadre_law_is_chinchilla_with_a_shared_exponent():
    e = 0.3
    law = ParametricLaw(E=1.8, A=400.0, B=900.0, alpha=e, beta=e)
    g = OvertrainingLaw.from_chinchilla_form(1.8, 400.0, 900.0, e)
    for c, m in [(1e20, 20), (1e22, 640), (3e18, 5)]:
        n, d = size_and_tokens(c, m)
        assert g.loss(c, m) == pytest.approx(law.loss(n, d), rel=1e-12)
    # the compute-optimal multiplier is the Chinchilla frontier's D/N for alpha = beta
    assert g.compute_optimal_multiplier == pytest.approx(law.tokens_per_param(1e21), rel=1e-9)


def test_same_slope_for_every_multiplier():
    c = np.array([1e18, 1e21])
    for m in (5, 20, 320, 640):
        reducible = np.asarray(GADRE_2024_RPJ.loss(c, m)) - GADRE_2024_RPJ.E
        slope = np.diff(np.log(reducible)) / np.diff(np.log(c))
        assert slope[0] == pytest.approx(-GADRE_2024_RPJ.eta, rel=1e-12)


def test_compute_penalty_is_one_at_the_optimum_and_grows_away_from_it():
    m_star = GADRE_2024_RPJ.compute_optimal_multiplier
    assert GADRE_2024_RPJ.compute_penalty(m_star) == pytest.approx(1.0)
    pen = np.asarray(GADRE_2024_RPJ.compute_penalty([m_star * 2, m_star * 20, m_star * 200]))
    assert np.all(np.diff(pen) > 0) and pen[0] > 1


def test_gadre_refit_matches_facts_and_the_papers_extrapolations():
    """RedPajama fit e = 0.273, E = 1.837; predicted C4 loss 2.520 for the 1.44B model at
    M = 640 (actual 2.502) and 2.443 for the 6.89B model at M = 20 (actual 2.425), both ≈ 0.7% high."""
    g = GADRE_2024_RPJ
    assert 2 * g.eta == pytest.approx(0.273, abs=5e-4)
    assert g.E == pytest.approx(1.837, abs=5e-4)
    small = g.loss_of_run(1_439_795_200, 640 * 1_439_795_200)
    big = g.loss_of_run(6_889_410_560, 20 * 6_889_410_560)
    assert small == pytest.approx(2.520, abs=5e-4)
    assert big == pytest.approx(2.443, abs=5e-4)
    assert (small - 2.502) / 2.502 == pytest.approx(0.007, abs=0.001)
    assert (big - 2.425) / 2.425 == pytest.approx(0.007, abs=0.001)


def test_overtraining_law_validates():
    with pytest.raises(ValueError, match="eta"):
        OvertrainingLaw(E=1.8, a=1.0, b=1.0, eta=-0.1)
    with pytest.raises(ValueError, match="multiplier"):
        GADRE_2024_RPJ.loss(1e20, 0)


def test_sardana_figure1_example_is_reproduced_with_the_authors_constants():
    """Sardana et al. 2024 (arXiv:2401.00448), Fig. 1: a Chinchilla-optimal 13B model with 2T tokens of
    inference demand is replaced by a ~7B model trained longer, saving 1.7e22 FLOPs (17%). The constants
    are those of the authors' code (nikhilsardana/beyond-chinchilla, utils.py)."""
    from scaling_helpers.overtraining import SARDANA_2024_CONSTANTS, compare_with_chinchilla

    cmp = compare_with_chinchilla(SARDANA_2024_CONSTANTS, 13e9, 2e12)
    assert cmp.chinchilla.train_tokens / 13e9 == pytest.approx(44.3, abs=0.1)
    assert cmp.optimum.n_params == pytest.approx(6.97e9, rel=2e-3)
    assert cmp.saving_fraction == pytest.approx(0.1745, abs=5e-4)
    assert cmp.saving_flops == pytest.approx(1.69e22, rel=5e-3)

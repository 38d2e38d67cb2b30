"""Seeded simulation of voting vs verifiers and the compute-matched comparison (testtime.simulate/matched)."""

from __future__ import annotations

import numpy as np
import pytest

from scaling_helpers.compute import generation_flops
from scaling_helpers.testtime import (
    ProblemSet,
    compute_matched,
    difficulty_summary,
    folk_reasoning_quality,
    majority_vote_limit,
    make_problem_set,
    matched_samples,
    simulate_strategies,
)


@pytest.fixture(scope="module")
def problems() -> ProblemSet:
    return make_problem_set(500, 0.4, 1.2, seed=0)


@pytest.fixture(scope="module")
def curves(problems):
    return simulate_strategies(problems, 1024, seed=0)


def test_problem_set_is_a_distribution_and_reproducible(problems):
    np.testing.assert_allclose(problems.answer_probs.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    assert problems.answer_probs.min() >= 0
    again = make_problem_set(500, 0.4, 1.2, seed=0)
    np.testing.assert_array_equal(again.p_correct, problems.p_correct)
    assert not np.array_equal(make_problem_set(500, 0.4, 1.2, seed=1).p_correct, problems.p_correct)
    assert problems.p_correct.mean() == pytest.approx(0.25, abs=0.03)   # Beta(0.4, 1.2) has mean 0.25


def _hand_made(p, wrong):
    wrong = np.asarray(wrong, dtype=float)
    return ProblemSet(p_correct=np.asarray(p, dtype=float), p_wrong=wrong, rm_bias=np.zeros((len(p), wrong.shape[1] + 1)))


def test_majority_limit_counts_problems_whose_mode_is_correct():
    ps = _hand_made([0.3, 0.3, 0.6, 0.1], [[0.1] * 7, [0.2, 0.2, 0.3, 0, 0, 0, 0], [0.4, 0, 0, 0, 0, 0, 0],
                                         [0.15] * 6 + [0.0]])
    # mode correct with p = 0.3 < 1/2 (scattered errors); a tie (0.3 vs 0.3) does not count; p = 0.6 wins
    assert majority_vote_limit(ps) == pytest.approx(0.5)


def test_one_sample_is_the_same_for_every_strategy(curves):
    np.testing.assert_array_equal(curves.covered[:, 0], curves.majority[:, 0] == 1)
    np.testing.assert_array_equal(curves.covered[:, 0], curves.best_of_n[:, 0])


def test_coverage_is_monotone_and_matches_expectation(curves, problems):
    assert np.all(np.diff(curves.covered.astype(int), axis=1) >= 0)
    sim = curves.accuracy("coverage")
    se = np.sqrt(curves.expected_coverage * (1 - curves.expected_coverage) / problems.n_problems)
    assert np.all(np.abs(sim - curves.expected_coverage) <= 4 * se + 1e-3)


def test_majority_vote_plateaus_at_the_mode_limit_while_coverage_rises(curves):
    maj = curves.accuracy("majority", [256, 512, 1024])
    assert np.all(np.abs(maj - curves.majority_limit) < 0.04)
    assert curves.accuracy("coverage", 1024)[0] > curves.majority_limit + 0.4
    assert curves.accuracy("majority", 1024)[0] > curves.accuracy("majority", 1)[0] + 0.05


def test_best_of_n_is_below_coverage(curves):
    assert np.all(curves.accuracy("best_of_n") <= curves.accuracy("coverage") + 1e-12)
    assert curves.accuracy("best_of_n", 1024)[0] < curves.accuracy("coverage", 1024)[0] - 0.3


def test_perfect_reward_model_equals_oracle(problems):
    ps = ProblemSet(problems.p_correct, problems.p_wrong, np.zeros_like(problems.rm_bias))
    c = simulate_strategies(ps, 64, margin=1.0, noise_sd=0.0, seed=3)
    np.testing.assert_array_equal(c.best_of_n, c.covered)


def test_log_odds_shift(problems):
    same = problems.with_log_odds_shift(0.0)
    np.testing.assert_allclose(same.p_correct, problems.p_correct, rtol=1e-12, atol=1e-15)
    big = problems.with_log_odds_shift(1.5)
    assert np.all(big.p_correct >= problems.p_correct)
    np.testing.assert_allclose(big.answer_probs.sum(axis=1), 1.0, atol=1e-12)
    shares_before = problems.p_wrong / problems.p_wrong.sum(axis=1, keepdims=True)
    shares_after = big.p_wrong / big.p_wrong.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(shares_after, shares_before, rtol=1e-9)


def test_compute_matched_uses_two_n_flops_per_token(problems):
    cm = compute_matched(problems, problems.with_log_odds_shift(1.5), 5e9, 70e9, k_max=64)
    assert cm.flops_small == generation_flops(5e9, 200, 400) == 2 * 5e9 * 600
    assert cm.k_matched == 14
    rows = cm.by_difficulty()
    assert sum(r.n_problems for r in rows) == problems.n_problems
    # easy problems: 14 votes of the small model beat one sample of the large one; hard ones: the reverse
    assert rows[-1].small_majority > rows[-1].large_single
    assert rows[1].small_majority < rows[1].large_single
    assert matched_samples(5e9, 70e9) == pytest.approx(14.0)
    assert matched_samples(7e9, 70e9, 200, 800, generated_tokens_large=300) == pytest.approx(5.0)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda ps: make_problem_set(0), "n_problems must be a positive integer"),
        (lambda ps: make_problem_set(10, alpha=-1), "alpha must be > 0"),
        (lambda ps: make_problem_set(10, rm_bias_sd=-1), "standard deviation"),
        (lambda ps: simulate_strategies("x"), "must be a ProblemSet"),
        (lambda ps: simulate_strategies(ps, 10**6), "too large"),
        (lambda ps: simulate_strategies(ps, 8, noise_sd=float("nan")), "finite"),
        (lambda ps: compute_matched(ps, make_problem_set(10), 5e9, 70e9), "same problems"),
        (lambda ps: compute_matched(ps, ps, 70e9, 5e9, k_max=4), "swap them"),
        (lambda ps: compute_matched(ps, ps, -5e9, 70e9, k_max=4), "n_params must be > 0"),
        (lambda ps: difficulty_summary(0.4, 1.2, 5000), "k must be <="),
        (lambda ps: folk_reasoning_quality(-3), ">= 0"),
    ],
)
def test_bad_input_raises_with_advice(problems, call, match):
    with pytest.raises(ValueError, match=match):
        call(problems)


def test_accuracy_rejects_unknown_strategy_and_k(curves):
    with pytest.raises(ValueError, match="strategy must be"):
        curves.accuracy("vote")
    with pytest.raises(ValueError, match="between 1 and k_max"):
        curves.accuracy("majority", 5000)


def test_difficulty_summary():
    s1 = difficulty_summary(0.4, 1.2, 1)
    assert s1.coverage == pytest.approx(0.25) and s1.single_sample == pytest.approx(0.25)
    s = difficulty_summary(0.4, 1.2, 64)
    assert s.majority < s.coverage
    assert "k = 64" in s.text() and "coverage" in s.text()


def test_folk_formula_is_reproduced_and_unbounded():
    """The folk formula: reasoning_quality(100) = 0.5, (100000) = 0.65; it passes 1.0 at 10^12 - 1 tokens."""
    assert folk_reasoning_quality(100) == pytest.approx(0.5, abs=1e-3)
    assert folk_reasoning_quality(100_000) == pytest.approx(0.65, abs=1e-4)
    assert folk_reasoning_quality(1e12 - 1) == pytest.approx(1.0, rel=1e-12)
    assert folk_reasoning_quality(1e14) > 1.0

"""Chapter-7 exercise specs: the recognised mistakes match what the exercise data actually produce."""

from __future__ import annotations

import math

import numpy as np
import pytest

import scaling_helpers.testtime as tt
from scaling_helpers.course.specs import for_chapter
from scaling_helpers.powerlaws import fit_power_law


@pytest.fixture(scope="module")
def specs():
    return {ex.id: ex for ex in for_chapter("08_test_time")}


def _mistake(ex, value):
    return any(abs(value - m.value) <= m.rtol * abs(m.value) for m in ex.mistakes)


def _passes(ex, value, ref):
    return abs(value - ref) <= ex.atol + ex.rtol * abs(ref)


def test_chapter_shape(specs):
    assert len(specs) >= 6
    assert {"number", "numbers", "function", "choice"} <= {ex.kind for ex in specs.values()}
    inputs = specs["8.1"].inputs
    assert any(n - c < k for n, c, k in inputs)            # the n - c < k rule is exercised
    assert max(n for n, _, _ in inputs) >= 10**9             # and a huge n


def test_function_inputs_break_float_binomials(specs):
    from scipy.special import comb

    n, c, k = max(specs["8.1"].inputs, key=lambda t: t[2] * (t[0] < 10**7))
    with np.errstate(invalid="ignore", over="ignore"):
        assert not np.isfinite(1 - comb(n - c, k) / comb(n, k))


def test_estimator_mistakes_match_the_numbers(specs):
    m = tt.estimator_means(0.1, 20, 10)
    ex = specs["8.2"]
    assert _mistake(ex, m.plugin[0]) and _mistake(ex, m.truth[0])
    assert not _passes(ex, m.plugin[0], m.unbiased[0])


def test_coverage_fit_mistakes_match_the_data(specs):
    data = tt.coverage_sweep(0.3, 4.0, seed=11, k=(1, 2, 4, 8, 16, 32, 64, 128))
    fit = tt.fit_coverage_law(data.k, data.coverage)
    ex3, ex4 = specs["8.3"], specs["8.4"]
    assert _mistake(ex3, fit.a / math.log(10))                     # log10 of coverage
    assert _mistake(ex3, math.log(-fit.a))                         # reported the intercept
    assert _mistake(ex3, -fit_power_law(data.k, data.coverage).alpha)  # slope of log c vs log k (> 0)
    for m in ex3.mistakes:
        assert not _passes(ex3, m.value, fit.a) and not _passes(ex3, m.value, fit.b)
    k80 = fit.samples_for(0.8)
    assert _mistake(ex4, (math.log(0.8) / fit.a) ** fit.b)
    assert _mistake(ex4, (math.log(0.8) / (fit.a / math.log(10))) ** (1 / fit.b))
    nl = tt.fit_coverage_law(data.k, data.coverage, method="nonlinear")
    assert _passes(ex3, nl.a, fit.a) and _passes(ex3, nl.b, fit.b)   # both methods are accepted
    assert _passes(ex4, nl.samples_for(0.8), k80)


def test_vote_limit_mistakes_match_the_data(specs):
    ps = tt.make_problem_set(200, 0.6, 1.0, n_wrong=5, seed=4)
    ex = specs["8.6"]
    limit = tt.majority_vote_limit(ps)
    assert _mistake(ex, float(ps.p_correct.mean()))
    assert _mistake(ex, float(np.mean(ps.p_correct > 0.5)))
    for m in ex.mistakes:
        assert not _passes(ex, m.value, limit)


def test_swe_and_folk_formula_mistakes_are_outside_tolerance(specs):
    k75 = tt.fit_coverage_law([1, 250], [0.159, 0.56]).samples_for(0.75)
    for m in specs["8.5"].mistakes:
        assert not _passes(specs["8.5"], m.value, k75)
    for m in specs["8.7"].mistakes:
        assert not _passes(specs["8.7"], m.value, 1e12 - 1)

"""Chapter-5 exercise specs: the keys follow from the package, and every recognised mistake is a real
wrong answer that the checker names (not one that passes, and not one explained by another message)."""

from __future__ import annotations

import math

import pytest

from scaling_helpers.chinchilla import BESIROGLU_2024, HOFFMANN_2022
from scaling_helpers.course.check.compare import compare
from scaling_helpers.course.specs import for_chapter
from scaling_helpers.overtraining import (
    break_even_demand,
    chinchilla_point,
    compare_with_chinchilla,
    lifetime_flops,
    size_and_tokens,
)

SPECS = {e.id: e for e in for_chapter("05_overtraining")}
D_INF = 1e10 * 3 * 1024


def _keys():
    t70 = HOFFMANN_2022.loss(70e9, 1.4e12)
    d8 = HOFFMANN_2022.tokens_for_loss(8e9, t70)
    target = chinchilla_point(BESIROGLU_2024, 13e9).loss
    return {
        "5.2": [d8, lifetime_flops(70e9, 1.4e12, D_INF), lifetime_flops(8e9, d8, D_INF)],
        "5.3": 15e12 / 70e9 / 20,
        "5.4": compare_with_chinchilla(BESIROGLU_2024, 13e9, 5e12).optimum.n_params,
        "5.5": break_even_demand(BESIROGLU_2024, target, 7e9, 13e9),
        "5.6": list(size_and_tokens(1e22, 320)),
        "5.7": "B",
    }


KEYS = _keys()


def test_chapter_has_enough_varied_exercises():
    kinds = {e.kind for e in SPECS.values()}
    assert len(SPECS) >= 6 and {"number", "numbers", "function", "choice"} <= kinds
    assert all(e.id.startswith("5.") for e in SPECS.values())


def test_reference_answers_pass():
    for ex_id, key in KEYS.items():
        assert compare(SPECS[ex_id], key, key).passed


@pytest.mark.parametrize("ex_id", ["5.3", "5.4", "5.5"])
def test_number_mistakes_are_caught_with_their_message(ex_id):
    ex = SPECS[ex_id]
    for m in ex.mistakes:
        out = compare(ex, m.value, KEYS[ex_id])
        assert not out.passed
        assert out.detail == m.message, (m.value, out.detail)


def test_hoffmann_values_quoted_in_mistakes_are_right():
    # 5.4 and 5.5 name the Hoffmann-constant answers; check they are what a student would get
    assert compare_with_chinchilla(HOFFMANN_2022, 13e9, 5e12).optimum.n_params == pytest.approx(6.30e9, rel=0.01)
    target = chinchilla_point(HOFFMANN_2022, 13e9).loss
    assert break_even_demand(HOFFMANN_2022, target, 7e9, 13e9) == pytest.approx(1.0166e12, rel=0.01)
    assert compare_with_chinchilla(BESIROGLU_2024, 13e9, 5e12).optimum.train_tokens == pytest.approx(1.167e12,
                                                                                                   rel=0.01)


def test_total_cost_comparison_mistakes():
    ex = SPECS["5.2"]
    key = KEYS["5.2"]
    quoted_8b = lifetime_flops(8e9, 15e12, D_INF)
    out = compare(ex, (15e12, key[1], quoted_8b), key)
    assert not out.passed and "15T" in out.detail
    out = compare(ex, (key[0], key[1], quoted_8b), key)
    assert not out.passed and "not as good" in out.detail
    dollars = (key[0], lifetime_flops(70e9, 1.4e12, D_INF) * 3e-19, key[2])
    assert "dollars" in compare(ex, dollars, key).detail
    assert compare(ex, tuple(key), key).passed
    # the 8B model at 15T is genuinely worse than the 70B model under the comparison's own constants
    assert HOFFMANN_2022.loss(8e9, 15e12) > HOFFMANN_2022.loss(70e9, 1.4e12)


def test_gadre_swap_and_formula_mistakes():
    ex = SPECS["5.6"]
    n, d = KEYS["5.6"]
    assert "swap" in compare(ex, (d, n), KEYS["5.6"]).detail
    assert "6·N·D = 6C" in compare(ex, (n, math.sqrt(6 * 1e22 * 320)), KEYS["5.6"]).detail


def test_lifetime_function_exercise_rejects_a_6n_inference_cost():
    ex = SPECS["5.1"]
    key = [lifetime_flops(*args) for args in ex.inputs]
    assert compare(ex, lambda n, d, x: 6 * n * d + 2 * n * x, key).passed
    assert not compare(ex, lambda n, d, x: 6 * n * (d + x), key).passed
    assert not compare(ex, lambda n, d, x: 6 * n * d, key).passed

"""Chapter-10 exercise specs: the from-scratch planner and the derivations agree with the package."""

from __future__ import annotations

import pytest

from scaling_helpers.chinchilla import BESIROGLU_2024, ParametricLaw
from scaling_helpers.course.check.compare import compare
from scaling_helpers.course.check.keys import load_keys
from scaling_helpers.course.specs import for_chapter
from scaling_helpers.planning import Cluster, plan_training

SPECS = {e.id: e for e in for_chapter("12_decision_guide")}
KEYS = load_keys("12_decision_guide")


def _package_plan(dollars, price, n_gpus, mfu, A, B, alpha, beta):
    law = ParametricLaw(E=1.8172, A=A, B=B, alpha=alpha, beta=beta)
    p = plan_training(dollars=dollars, cluster=Cluster("H100", n_gpus, mfu, price), law=law)
    return p.n_params, p.train_tokens, p.days


def test_from_scratch_planner_key_is_the_package_planner():
    assert compare(SPECS["12.2"], _package_plan, KEYS["12.2"]).passed
    # the first input is the chapter's $1M plan with Epoch's constants
    assert SPECS["12.2"].inputs[0][4:] == (BESIROGLU_2024.A, BESIROGLU_2024.B, BESIROGLU_2024.alpha,
                                          BESIROGLU_2024.beta)


def test_chat_alternative_and_break_even():
    """10.8: the key's optimum is the planner's alternative, and at the break-even demand the two lifetime
    costs are equal (6·N·D + 2·N·X on both sides)."""
    cluster = Cluster("H100", 1024, 0.4, 2.0)
    p = plan_training(dollars=1e6, inference_tokens=1e14, cluster=cluster, law=BESIROGLU_2024)
    n_s, d_s, saving, x = KEYS["12.8"]
    assert n_s == pytest.approx(p.alternative.n_params, rel=0.01)
    assert saving == pytest.approx(p.alternative.saving_fraction, rel=0.01)
    assert 6 * n_s * d_s + 2 * n_s * x == pytest.approx(6 * p.n_params * p.train_tokens + 2 * p.n_params * x,
                                                        rel=1e-6)
    for m in SPECS["12.8"].mistakes:
        answer = [n_s, d_s, saving, m.value]
        assert m.message in compare(SPECS["12.8"], answer, KEYS["12.8"]).detail


def test_predicted_shrink_is_about_threefold():
    """12.9's key (C): the chat model is 2-5 times smaller and trains on 5-15 times more tokens."""
    p = plan_training(dollars=1e6, inference_tokens=1e14, cluster=Cluster("H100", 1024, 0.4, 2.0))
    assert 2 < p.n_params / p.alternative.n_params < 5
    assert 5 < p.alternative.train_tokens / p.train_tokens < 15
    assert KEYS["12.9"] == "C"


def test_reasoning_budget_mistakes_are_the_slips():
    ex, key = SPECS["12.7"], KEYS["12.7"]
    assert key[1] + 500 == pytest.approx(ex.mistakes[3].value)           # forgot the prompt
    assert ex.mistakes[4].value == pytest.approx(8 * (key[1] + 500) - 500)  # one sample, not eight
    for j in (3, 4):
        assert ex.mistakes[j].message in compare(ex, [key[0], ex.mistakes[j].value], key).detail

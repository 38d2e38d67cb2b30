"""Feedback that never misfires: typical wrong answers and the first thing each message tells the student.

Each row is a wrong answer a student is likely to give and a phrase its verdict line must contain; the
order matters: a reordered vector is reported as such before any "recognised mistake" can match one of
its entries, and a sign error before the entries that depend on it.
"""

from __future__ import annotations

import math

import pytest

from scaling_helpers.course.check import evaluate
from scaling_helpers.course.check.keys import load_keys

K1 = load_keys("01_power_laws")
K3 = load_keys("03_chinchilla")


def _through(sign: float):
    def f(x1, y1, x2, y2):
        a = sign * -(math.log(y2) - math.log(y1)) / (math.log(x2) - math.log(x1))
        return y1 * x1**a, a
    return f


def _rotate(v):
    return [v[-1], *v[:-1]]


CASES = [
    # (exercise, wrong answer, phrase the line must contain, phrase it must not contain)
    ("1.1", lambda: 10**0.076, "a common mistake", "tolerance"),
    ("1.1", lambda: 0.9, "0.1% of the expected value", "e-"),
    ("1.2", lambda: _through(-1.0), "the sign of alpha is wrong", "A not within"),
    ("1.2", lambda: (lambda *a: (1.0, 0.5)), "6 significant digits", "0.0001%"),
    ("1.4", lambda: list(reversed(K1["1.4"])), "right values in the wrong order", "common mistake"),
    ("1.4", lambda: (K1["1.4"][0], -K1["1.4"][1]), "the sign of alpha is wrong", "E not within"),
    ("1.4", lambda: (1.0, 0.34), "E not within tolerance (2% of the expected value)", "±"),
    ("1.6", lambda: 10**0.49, "a common mistake", "tolerance"),
    ("3.4", lambda: _rotate(K3["3.4"]), "right values in the wrong order", "common mistake"),
    ("3.4", lambda: list(reversed(K3["3.4"])), "right values in the wrong order", "budget"),
]


@pytest.mark.parametrize("ex_id,answer,must,must_not", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_first_thing_to_fix(ex_id, answer, must, must_not):
    v = evaluate(ex_id, answer())
    assert not v.passed
    assert must in v.line, v.line
    assert must_not not in v.line, v.line


def test_specific_diagnoses_do_not_show_expected_values():
    v = evaluate("1.2", _through(-1.0))
    assert "Expected about" not in v.detail and "sign" in v.detail
    assert "Expected about" in evaluate("1.2", lambda *a: (1.0, 0.5)).detail  # generic mismatch: self-study help

"""Answers as plain data: what a check cell emits in graded mode and the grader judges.

The grader decodes data that a hostile kernel produced, so decoding must never run code and
never raise anything but ``ValueError``; and judging the decoded data must give the same
verdict as self-study's in-kernel check.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling_helpers.course import specs
from scaling_helpers.course.check import evaluate, judge
from scaling_helpers.course.check.answer import MAX_ITEMS, MAX_TEXT, NO_ANSWER, Calls, Opaque, decode, encode
from scaling_helpers.course.check.keys import load_keys

KEYS = load_keys("01_power_laws")
NUMBER, NUMBERS, FUNCTION, CHOICE = (specs.get(i) for i in ("1.1", "1.4", "1.2", "1.5"))


def wire(ex, value):
    """Encode, send through JSON (as Jupyter does), decode."""
    return decode(json.loads(json.dumps(encode(ex, value))))


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_floats_survive_json_exactly(x):
    y = wire(NUMBER, x)
    assert (math.isnan(x) and math.isnan(y)) or y == x


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=20))
def test_vectors_survive(xs):
    assert wire(NUMBERS, xs) == xs
    assert wire(NUMBERS, tuple(xs)) == tuple(xs)
    np.testing.assert_array_equal(wire(NUMBERS, np.array(xs)), np.array(xs))


@pytest.mark.parametrize("value", [None, Ellipsis, NO_ANSWER, True, "B", " b ", 3, np.float32(0.5), np.int64(7)])
def test_plain_values(value):
    out = wire(CHOICE, value)
    if value is NO_ANSWER:
        assert out is NO_ANSWER
    elif isinstance(value, (np.floating, np.integer, int)) and not isinstance(value, bool):
        assert out == float(value)
    else:
        assert out == value or out is value


def test_big_and_deep_values_are_capped():
    big = wire(NUMBERS, np.zeros(MAX_ITEMS + 1))
    assert not isinstance(big, np.ndarray) and big.shape == (MAX_ITEMS + 1,)
    assert wire(CHOICE, "x" * 10_000) == "x" * MAX_TEXT
    deep: list = []
    for _ in range(50):
        deep = [deep]
    assert json.dumps(encode(NUMBERS, deep))  # bounded depth, still plain data
    assert "expected 2 numbers" in evaluate("1.4", np.zeros(MAX_ITEMS + 1)).line


def test_function_answers_are_their_results_and_loops_are_stopped():
    def good(x1, y1, x2, y2):
        a = -(math.log(y2) - math.log(y1)) / (math.log(x2) - math.log(x1))
        return y1 * x1**a, a

    calls = wire(FUNCTION, good)
    assert isinstance(calls, Calls) and len(calls.results) == len(FUNCTION.inputs)
    assert all(ok for ok, _, _ in calls.results)

    def loops(*a):
        while True:
            pass

    calls = wire(FUNCTION, loops)
    assert calls.results == ((False, None, "did not finish within 2 s (an endless loop?)"),)


def test_hostile_objects_become_descriptions():
    class Liar:
        def __float__(self):
            return 0.83946  # a value the object chose: it is judged like any number

        def __eq__(self, other):
            return True

    class Raises:
        def __float__(self):
            raise RuntimeError("boom")

    class Slow:
        def __float__(self):
            while True:
                pass

    assert wire(NUMBER, Liar()) == Opaque("Liar", 0.83946)
    assert wire(NUMBER, Raises()).error.startswith("raised RuntimeError")
    assert "did not finish" in wire(NUMBER, Slow()).error
    # __eq__ lying does not matter: the grader compares the float it was given
    assert not evaluate("1.5", Liar()).passed


@pytest.mark.parametrize("doc", [
    None, [], "x", {"t": "exec", "v": "import os"}, {"t": "float", "v": "__import__('os')"}, {"t": "float", "v": 1},
    {"t": "list", "v": "abc"}, {"t": "calls", "calls": "x"}, {"t": "calls", "calls": [1]},
    {"t": "array", "shape": ["a"], "v": []}, {"t": "float", "v": "1" * 100},
])
def test_malformed_documents_raise_value_error_only(doc):
    with pytest.raises(ValueError):
        decode(doc)


def test_deeply_nested_document_is_rejected():
    doc: dict = {"t": "list", "v": []}
    for _ in range(5000):
        doc = {"t": "list", "v": [doc]}
    with pytest.raises(ValueError):
        decode(doc)


@pytest.mark.parametrize("ex_id,value", [
    ("1.1", 0.83946), ("1.1", 10**0.076), ("1.1", "0.84"), ("1.1", [1, 2]), ("1.4", (1.0, 0.34)),
    ("1.5", "Z"), ("1.6", 32.36), ("1.3", -0.0767), ("1.2", lambda *a: (1.0, 0.5)),
])
def test_judging_the_data_equals_checking_in_the_kernel(ex_id, value):
    """The grader (judge on received data) and self-study (evaluate) agree exactly."""
    ex = specs.get(ex_id)
    received = json.loads(json.dumps(encode(ex, value)))
    assert judge(ex_id, received, KEYS[ex_id]).line == evaluate(ex_id, value).line


def test_a_forged_document_is_judged_like_any_answer():
    assert not judge("1.1", {"t": "float", "v": "0.5"}, KEYS["1.1"]).passed
    assert "could not be read" in judge("1.1", {"t": "nope"}, KEYS["1.1"]).line

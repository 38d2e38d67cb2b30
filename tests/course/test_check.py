"""The checker: specific verdicts, never an exception, whatever the answer."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scaling_helpers.course import specs
from scaling_helpers.course.check import evaluate
from scaling_helpers.course.check.compare import NO_ANSWER, compare
from scaling_helpers.course.check.keys import load_keys

KEYS = load_keys("01_power_laws")


def ex(i):
    return specs.get(i)


def test_keys_come_from_the_solutions():
    assert set(KEYS) == {e.id for e in specs.for_chapter("01_power_laws")}
    assert KEYS["1.1"] == pytest.approx(10**-0.076)
    assert KEYS["1.6"] == pytest.approx(10**0.51)
    right = [c.label for c in ex("1.5").choices]
    assert KEYS["1.5"] in right


@pytest.mark.parametrize(
    "bad",
    [None, Ellipsis, NO_ANSWER, "0.84", b"x", float("nan"), float("inf"), -math.inf, [0.84, 1], np.ones((2, 2)),
     {"a": 1}, object(), True, 1e308 * 10, complex(1, 2), np.array([]), np.array(["a"])],
)
@pytest.mark.parametrize("exercise", ["1.1", "1.2", "1.4", "1.5"])
def test_bad_answers_never_raise_and_say_not_yet(exercise, bad):
    v = evaluate(exercise, bad)
    assert v.status == "not yet"
    assert v.line.startswith(f"[{exercise}] not yet: ")
    assert "\n" not in v.line


def test_specific_messages():
    assert evaluate("1.1", None).line == "[1.1] not yet: ratio_10x has no answer yet"
    assert evaluate("1.1", NO_ANSWER).line == "[1.1] not yet: ratio_10x is not defined"
    assert "without quotes" in evaluate("1.1", "0.84").line
    assert "NaN" in evaluate("1.1", float("nan")).line
    assert "single number" in evaluate("1.1", [1, 2]).line
    # recognised mistakes get their own message
    v = evaluate("1.1", 10**0.076)
    assert v.reason == "a common mistake" and "negative" in v.detail
    v = evaluate("1.6", 10**0.49)
    assert "swap" in v.detail
    # sign and powers of ten
    assert "sign" in evaluate("1.3", -0.0767).detail
    assert "10^1" in evaluate("1.6", 32.36).detail


def test_correct_answers_and_tolerance():
    assert evaluate("1.1", 0.8394599).passed
    assert evaluate("1.1", np.float32(0.83946)).passed
    assert evaluate("1.1", np.array([0.83946])).passed
    assert not evaluate("1.1", 0.83946 * 1.01).passed
    assert evaluate("1.3", KEYS["1.3"] * 1.009).passed  # 1% tolerance
    assert not evaluate("1.3", KEYS["1.3"] * 1.02).passed
    # both least squares and Huber fits of 1.4 pass (documented per-exercise tolerance)
    from scaling_helpers.powerlaws import fit_saturating_power_law, saturating_sweep

    s = saturating_sweep()
    sq = fit_saturating_power_law(s.x, s.y, loss="squared")
    assert evaluate("1.4", (sq.E, sq.alpha)).passed
    assert evaluate("1.4", np.array([sq.E, sq.alpha])).passed
    assert evaluate("1.4", (1.0, 0.34)).reason.startswith("E not within")
    assert "expected 2" in evaluate("1.4", (1.7, 0.36, 3)).reason


def test_choices():
    right = KEYS["1.5"]
    assert evaluate("1.5", right).passed
    assert evaluate("1.5", f" {right.lower()} ").passed
    wrong = next(c for c in ex("1.5").choices if c.label != right)
    v = evaluate("1.5", wrong.label)
    assert v.line == f"[1.5] not yet: {wrong.label} is not the best answer"
    assert wrong.feedback and wrong.feedback in v.detail
    assert "not one of" in evaluate("1.5", "E").line
    assert "letter" in evaluate("1.5", 2).detail


def good(x1, y1, x2, y2):
    a = -(math.log(y2) - math.log(y1)) / (math.log(x2) - math.log(x1))
    return y1 * x1**a, a


def test_function_exercise():
    assert evaluate("1.2", good).passed
    assert evaluate("1.2", lambda *a: np.array(good(*a))).passed
    wrong = evaluate("1.2", lambda x1, y1, x2, y2: (1.0, 0.5))
    assert wrong.reason.startswith("wrong result for power_law_through(1e+08, 2.83")
    assert "raised ZeroDivisionError" in evaluate("1.2", lambda *a: 1 / 0).line
    assert "returned Ellipsis" in evaluate("1.2", lambda *a: ...).line
    assert "not a function" in evaluate("1.2", 3.0).line
    assert "expected 2 numbers" in evaluate("1.2", lambda *a: 3.0).line

    def exits(*a):
        raise SystemExit(1)

    assert "raised SystemExit" in evaluate("1.2", exits).line


def test_student_function_that_loops_is_stopped():
    def loops(*a):
        while True:
            pass

    v = evaluate("1.2", loops)
    assert "did not finish within 2 s" in v.line


def test_swallowing_exceptions_does_not_defeat_the_timeout():
    def sneaky(*a):
        while True:
            try:
                while True:
                    pass
            except Exception:  # noqa: BLE001 - what a student might write
                pass

    assert "did not finish" in evaluate("1.2", sneaky).line


def test_unknown_id_and_no_key(monkeypatch, tmp_path):
    assert evaluate("11.99", 1).status == "error"
    monkeypatch.setenv("SCALING_HELPERS_SOLUTIONS", str(tmp_path))
    v = evaluate("1.1", 0.84)
    assert v.status == "recorded"
    assert v.line == "[1.1] recorded: no answer key here, it will be graded later"


def test_object_whose_float_raises():
    class Evil:
        def __float__(self):
            raise RuntimeError("boom")

    assert evaluate("1.1", Evil()).status == "not yet"
    assert compare(ex("1.1"), Evil(), 0.5).passed is False


def test_verdict_widget_and_text():
    v = evaluate("1.1", 0.5)
    bundle = v._repr_mimebundle_()
    assert bundle["text/plain"] == v.line
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "Not yet" in v.html() and "powers of ten" not in v.html()
    assert "Correct" in evaluate("1.1", 0.83946).html()

"""Feedback that never misfires: typical wrong answers and the first thing each message tells the student.

Each row is a wrong answer a student is likely to give and a phrase its verdict line must contain; the
order matters: a reordered vector is reported as such before any "recognised mistake" can match one of
its entries, a sign error before the entries that depend on it, a recognised mistake before a generic
mismatch. Every wrong answer is built from the recorded keys, from a spec's own mistake table or by
putting a typical bug into a reference implementation; no expected value is written here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import pytest

from scaling_helpers.course.check import evaluate
from scaling_helpers.course.check.keys import load_keys
from scaling_helpers.datalimits.repetition import R_D_STAR
from scaling_helpers.testtime import pass_at_k_plugin

from . import feedback_rows
from .feedback_kit import COMMON, EXERCISES, KEYS, ORDER, from_key, key, mistake, put, rotate, scaled

K1 = load_keys("01_power_laws")
_rotate = rotate

# ---- reference implementations (each checked to pass below) and the typical bug in each ----

def _through(sign: float) -> Callable[..., tuple[float, float]]:
    def f(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float]:
        a = sign * -(math.log(y2) - math.log(y1)) / (math.log(x2) - math.log(x1))
        return y1 * x1**a, a
    return f


def _compute_optimal(six: float) -> Callable[..., tuple[float, float]]:
    def f(C: float, E: float, A: float, B: float, alpha: float, beta: float) -> tuple[float, float]:
        G = (alpha * A / (beta * B)) ** (1 / (alpha + beta))
        a, b = beta / (alpha + beta), alpha / (alpha + beta)
        return G * (C / six) ** a, (C / six) ** b / G
    return f


def _gpt_params(position_table: bool) -> Callable[..., float]:
    def f(n_layer: int, d: int, vocab: int, n_ctx: int) -> float:
        return n_layer * (12 * d * d + 13 * d) + vocab * d + (n_ctx * d if position_table else 0) + 2 * d
    return f


def _lifetime(inference_flops_per_token: float) -> Callable[..., float]:
    def f(n: float, d: float, d_inf: float) -> float:
        return 6 * n * d + inference_flops_per_token * n * d_inf
    return f


def _effective_tokens(minus_one: bool) -> Callable[..., float]:
    def f(unique: float, total: float) -> float:
        u = min(unique, total)
        r = total / u - (1 if minus_one else 0)
        return u + u * R_D_STAR * (1 - math.exp(-r / R_D_STAR))
    return f


def _max_params(pick: Callable[[float, float], float]) -> Callable[..., float]:
    def f(memory_gb: float, bandwidth_gbs: float, tokens_per_s: float, bits: int) -> float:
        per_param = bits / 8
        return pick(memory_gb * 1e9 / per_param, bandwidth_gbs * 1e9 / (tokens_per_s * per_param))
    return f


REFERENCES: dict[str, Callable[..., Any]] = {
    "1.2": _through(1.0), "3.1": _compute_optimal(6.0), "5.2": _gpt_params(True), "6.1": _lifetime(2.0),
    "9.2": _effective_tokens(True), "12.3": _max_params(min),
}

CASES: list[tuple[str, Callable[[], Any], str, str | None]] = [
    # (exercise, wrong answer, phrase the line must contain, phrase it must not contain)
    # -- chapter 1
    ("1.1", lambda: mistake("1.1", 0), COMMON, "tolerance"),
    ("1.1", lambda: 0.9, "0.1% of the expected value", "e-"),
    ("1.1", lambda: -key("1.1"), "the sign is wrong", COMMON),
    ("1.2", lambda: _through(-1.0), "the sign of alpha is wrong", "A not within"),
    ("1.2", lambda: (lambda *a: (1.0, 0.5)), "6 significant digits", "0.0001%"),
    ("1.2", lambda: from_key("1.2", lambda r: r[::-1]), ORDER, "±"),
    ("1.3", lambda: mistake("1.3"), "the sign is wrong", "tolerance"),
    ("1.3", lambda: 0.5, "not within tolerance (1% of the expected value)", COMMON),
    ("1.4", lambda: list(reversed(K1["1.4"])), ORDER, COMMON),
    ("1.4", lambda: (K1["1.4"][0], -K1["1.4"][1]), "the sign of alpha is wrong", "E not within"),
    ("1.4", lambda: (1.0, 0.34), "E not within tolerance (2% of the expected value)", "±"),
    ("1.6", lambda: mistake("1.6", 0), COMMON, "tolerance"),
    ("1.6", lambda: mistake("1.6", 1), COMMON, "10^"),
    ("1.6", lambda: scaled("1.6", 10), "off by a factor of 10^1", COMMON),
    # -- chapter 2
    ("2.1", lambda: mistake("2.1", 0), COMMON, None),
    ("2.1", lambda: mistake("2.1", 2), COMMON, None),
    ("2.2", lambda: mistake("2.2", 0), COMMON, "10^"),
    ("2.2", lambda: mistake("2.2", 1), COMMON, None),
    ("2.3", lambda: mistake("2.3", 3), COMMON, None),
    ("2.3", lambda: mistake("2.3", 4), COMMON, None),
    ("2.4", lambda: from_key("2.4", lambda r: r[::-1]), ORDER, COMMON),
    ("2.4", lambda: from_key("2.4", lambda r: [x / 1e9 for x in r]), "N_opt is off by a factor of 10^-9", None),
    ("2.5", lambda: mistake("2.5", 0), COMMON, None),
    ("2.5", lambda: mistake("2.5", 1), COMMON, "10^"),
    ("2.6", lambda: list(reversed(key("2.6"))), ORDER, COMMON),
    ("2.6", lambda: put("2.6", 0, mistake("2.6", 0)), f"N factor: {COMMON}", None),
    ("2.6", lambda: [mistake("2.6", 5)] * 2, f"N factor: {COMMON}", None),
    ("2.6", lambda: put("2.6", 1, 6.0), f"D factor: {COMMON}", None),
    ("2.7", lambda: list(reversed(key("2.7"))), ORDER, COMMON),
    ("2.7", lambda: put("2.7", 0, mistake("2.7", 1)), f"alpha_C_min: {COMMON}", None),
    ("2.7", lambda: put("2.7", 1, mistake("2.7", 4)), f"N exponent: {COMMON}", None),
    # -- chapter 3
    ("3.1", lambda: from_key("3.1", lambda r: r[::-1]), ORDER, COMMON),
    ("3.1", lambda: _compute_optimal(1.0), f"N_opt: {COMMON}", "tolerance"),
    ("3.2", lambda: list(reversed(key("3.2"))), ORDER, COMMON),
    ("3.2", lambda: put("3.2", 0, mistake("3.2", 0)), f"ratio_returned: {COMMON}", None),
    ("3.2", lambda: put("3.2", 1, mistake("3.2", 2)), f"G_fixed: {COMMON}", None),
    ("3.3", lambda: list(reversed(key("3.3"))), ORDER, COMMON),
    ("3.3", lambda: [mistake("3.3", 0), mistake("3.3", 1)], f"N_10x: {COMMON}", None),
    ("3.4", lambda: _rotate(key("3.4")), ORDER, COMMON),
    ("3.4", lambda: list(reversed(key("3.4"))), ORDER, "budget"),
    ("3.4", lambda: [mistake("3.4", i) for i in range(3)], f"rounded: {COMMON}", None),
    ("3.4", lambda: put("3.4", 2, mistake("3.4", 5)), f"Epoch: {COMMON}", None),
    ("3.5", lambda: list(reversed(key("3.5"))), ORDER, COMMON),
    ("3.5", lambda: put("3.5", 0, mistake("3.5", 0)), f"E: {COMMON}", None),
    ("3.5", lambda: scaled("3.5", -1, 1), "the sign of alpha is wrong", COMMON),
    ("3.6", lambda: mistake("3.6", 0), COMMON, None),
    ("3.6", lambda: 0.9, "not within tolerance (3% of the expected value)", None),
    # -- chapter 5
    ("5.1", lambda: mistake("5.1", 0), COMMON, None),
    ("5.1", lambda: scaled("5.1", 1e-3), "off by a factor of 10^-3", None),
    ("5.2", lambda: _gpt_params(False), COMMON, "tolerance"),
    ("5.2", lambda: from_key("5.2", lambda r: r / 1e6), "off by a factor of 10^-6", None),
    ("5.4", lambda: list(reversed(key("5.4"))), ORDER, COMMON),
    ("5.4", lambda: scaled("5.4", 1e9 / 2.0**30), f"bf16 weights: {COMMON}", None),
    ("5.4", lambda: put("5.4", 2, mistake("5.4", 4)), f"training states (mixed-precision Adam): {COMMON}", None),
    ("5.4", lambda: scaled("5.4", 1e3), "bf16 weights is off by a factor of 10^3", None),
    ("5.5", lambda: mistake("5.5", 0), COMMON, None),
    ("5.5", lambda: scaled("5.5", 1e3), "off by a factor of 10^3", None),
    ("5.6", lambda: mistake("5.6", 0), COMMON, None),
    ("5.6", lambda: mistake("5.6", 3), COMMON, None),
    ("5.7", lambda: list(reversed(key("5.7"))), ORDER, COMMON),
    ("5.7", lambda: scaled("5.7", 0.5), f"days: {COMMON}", None),
    ("5.7", lambda: put("5.7", 0, mistake("5.7", 7)), f"days: {COMMON}", None),
    ("5.8", lambda: mistake("5.8", 0), COMMON, None),
    ("5.8", lambda: mistake("5.8", 3), COMMON, "10^"),
    ("5.9", lambda: list(reversed(key("5.9"))), ORDER, COMMON),
    ("5.9", lambda: scaled("5.9", 1e-3, 1), f"H100 SXM ridge point (FLOP/byte): {COMMON}", None),
    ("5.9", lambda: put("5.9", 0, mistake("5.9", 0)), f"arithmetic intensity at batch 8 (FLOP/byte): {COMMON}", None),
    # -- chapter 6
    ("6.1", lambda: _lifetime(6.0), "wrong result for lifetime_flops(7e+10, 1.4e+12, 1e+13)", None),
    ("6.1", lambda: from_key("6.1", lambda r: r / 8.64e19 if r else r), "not within tolerance", None),
    ("6.2", lambda: _rotate(key("6.2")), ORDER, COMMON),
    ("6.2", lambda: put("6.2", 0, mistake("6.2", 0)), f"tokens_8b: {COMMON}", None),
    ("6.2", lambda: put("6.2", 1, mistake("6.2", 5)), f"flops_70b: {COMMON}", None),
    ("6.3", lambda: mistake("6.3", 0), COMMON, None),
    ("6.3", lambda: mistake("6.3", 2), COMMON, None),
    ("6.4", lambda: mistake("6.4", 0), COMMON, None),
    ("6.4", lambda: mistake("6.4", 2), COMMON, None),
    ("6.5", lambda: put("6.5", 0, mistake("6.5", 0)), f"break_even: {COMMON}", None),
    ("6.5", lambda: put("6.5", 0, mistake("6.5", 3)), f"break_even: {COMMON}", "sign"),
    ("6.6", lambda: list(reversed(key("6.6"))), ORDER, COMMON),
    ("6.6", lambda: put("6.6", 1, mistake("6.6", 2)), f"D: {COMMON}", None),
    # -- chapter 7
    ("7.1", lambda: list(reversed(key("7.1"))), ORDER, COMMON),
    ("7.1", lambda: put("7.1", 0, mistake("7.1", 0)), f"total: {COMMON}", None),
    ("7.1", lambda: put("7.1", 1, mistake("7.1", 5)), f"active: {COMMON}", None),
    ("7.2", lambda: from_key("7.2", lambda r: r[::-1]), ORDER, COMMON),
    ("7.2", lambda: from_key("7.2", lambda r: [x / 1e9 for x in r]), "total is off by a factor of 10^-9", None),
    ("7.3", lambda: list(reversed(key("7.3"))), ORDER, COMMON),
    ("7.3", lambda: put("7.3", 0, mistake("7.3", 0)), f"training FLOPs: {COMMON}", None),
    ("7.3", lambda: scaled("7.3", 100, 1), "MFU (fraction) is off by a factor of 10^2", None),
    ("7.4", lambda: list(reversed(key("7.4"))), ORDER, COMMON),
    ("7.4", lambda: scaled("7.4", 1e9 / 2.0**30), f"Mixtral 8x7B weights (GB): {COMMON}", None),
    ("7.5", lambda: _rotate(key("7.5")), ORDER, COMMON),
    ("7.5", lambda: put("7.5", 0, mistake("7.5", 0)), f"mean assignments per expert: {COMMON}", None),
    ("7.5", lambda: put("7.5", 2, mistake("7.5", 5)), f"dropped assignments: {COMMON}", None),
    ("7.7", lambda: list(reversed(key("7.7"))), ORDER, COMMON),
    ("7.7", lambda: put("7.7", 0, mistake("7.7", 0)), f"effective size at N = 1e8: {COMMON}", None),
    ("7.7", lambda: put("7.7", 0, mistake("7.7", 1)), f"effective size at N = 1e8: {COMMON}", None),
    ("7.7", lambda: put("7.7", 1, mistake("7.7", 5)), f"N where N̄/N = 2: {COMMON}", None),
    # -- chapter 8
    ("8.1", lambda: pass_at_k_plugin, "wrong result for pass_at_k(10, 3, 5)", None),
    ("8.1", lambda: from_key("8.1", lambda r: 1 - r), "wrong result for pass_at_k(10, 3, 1)", None),
    ("8.2", lambda: put("8.2", 2, key("8.2")[0]), f"mean of the plug-in estimator: {COMMON}", None),
    ("8.2", lambda: put("8.2", 0, mistake("8.2", 2)), f"true pass@10: {COMMON}", None),
    ("8.3", lambda: list(reversed(key("8.3"))), ORDER, COMMON),
    ("8.3", lambda: scaled("8.3", -1, 0), "the sign of a is wrong", COMMON),
    ("8.3", lambda: put("8.3", 0, mistake("8.3", 0)), f"a: {COMMON}", None),
    ("8.4", lambda: list(reversed(key("8.4"))), ORDER, COMMON),
    ("8.4", lambda: put("8.4", 0, mistake("8.4", 0)), f"k for 80% coverage: {COMMON}", None),
    ("8.4", lambda: put("8.4", 0, mistake("8.4", 1)), f"k for 80% coverage: {COMMON}", None),
    ("8.4", lambda: put("8.4", 1, mistake("8.4", 2)), f"factor on k that halves -log c: {COMMON}", None),
    ("8.4", lambda: put("8.4", 1, mistake("8.4", 4)), f"factor on k that halves -log c: {COMMON}", None),
    ("8.5", lambda: mistake("8.5", 0), COMMON, None),
    ("8.5", lambda: mistake("8.5", 1), COMMON, None),
    ("8.6", lambda: mistake("8.6", 0), COMMON, None),
    ("8.6", lambda: mistake("8.6", 2), COMMON, None),
    ("8.6", lambda: scaled("8.6", 100), "off by a factor of 10^2", None),
    ("8.6", lambda: 0.5, "not within tolerance (within 0.006 of the expected value)", "±"),
    ("8.7", lambda: mistake("8.7", 0), COMMON, None),
    ("8.7", lambda: mistake("8.7", 1), COMMON, None),
    # -- chapter 9
    ("9.2", lambda: _effective_tokens(False), "wrong result for effective_tokens(2.5e+10, 2.42e+11)", None),
    ("9.2", lambda: from_key("9.2", lambda r: r / 1e9), "off by a factor of 10^-9", None),
    ("9.8", lambda: mistake("9.8", 0), COMMON, None),
    ("9.8", lambda: mistake("9.8", 1), COMMON, None),
    # -- chapter 11
    ("11.1", lambda: from_key("11.1", lambda r: [r[1], r[0], r[2]]), ORDER, None),
    ("11.1", lambda: from_key("11.1", lambda r: [r[0], r[1], -r[2]]), "the sign of loss exponent is wrong", None),
    ("11.3", lambda: list(reversed(key("11.3"))), ORDER, None),
    ("11.3", lambda: scaled("11.3", -1, 0), "the sign of alpha is wrong", None),
    ("11.5", lambda: mistake("11.5", 0), COMMON, None),
    ("11.5", lambda: mistake("11.5", 1), COMMON, None),
    ("11.6", lambda: list(reversed(key("11.6"))), ORDER, COMMON),
    ("11.6", lambda: put("11.6", 1, mistake("11.6", 0)), f"excess loss L* - E: {COMMON}", None),
    # -- chapter 12
    ("12.1", lambda: mistake("12.1", 1), COMMON, None),
    ("12.1", lambda: mistake("12.1", 3), COMMON, "10^"),
    ("12.1", lambda: scaled("12.1", 1e-3), "off by a factor of 10^-3", None),
    ("12.3", lambda: _max_params(max), "wrong result for max_params_for_device(8, 100, 20, 4)", None),
    ("12.3", lambda: from_key("12.3", lambda r: r * 8), "wrong result for max_params_for_device(8, 100, 20, 4)",
     None),
    ("12.4", lambda: mistake("12.4", 0), COMMON, None),
    ("12.4", lambda: mistake("12.4", 1), COMMON, None),
    ("12.7", lambda: put("12.7", 0, mistake("12.7", 0)), f"samples: {COMMON}", None),
    ("12.7", lambda: put("12.7", 0, mistake("12.7", 2)), f"samples: {COMMON}", None),
    ("12.8", lambda: list(reversed(key("12.8"))), ORDER, None),
    ("12.8", lambda: scaled("12.8", 100, 2), "saving is off by a factor of 10^2", None),
]

# Rows kept per chapter in feedback_rows/.
for _rows in feedback_rows.modules():
    CASES.extend(_rows.CASES)
    REFERENCES.update(getattr(_rows, "REFERENCES", {}))

# Multiple choice: every wrong letter gets its own line (and its option's feedback in the widget).
for _ex_id, _ex in EXERCISES.items():
    if _ex.kind == "choice":
        for _c in _ex.choices:
            if _c.label != KEYS[_ex_id]:
                CASES.append((_ex_id, lambda c=_c: c.label, f"{_c.label} is not the best answer", None))
                CASES.append((_ex_id, lambda c=_c: f"{c.label.lower()})", f"{_c.label} is not the best answer",
                              None))

IDS = [f"{c[0]}-{i}" for i, c in enumerate(CASES)]


def test_every_exercise_has_typical_wrong_answers() -> None:
    missing = set(EXERCISES) - {c[0] for c in CASES}
    assert not missing, sorted(missing)


@pytest.mark.parametrize("ex_id,answer,must,must_not", CASES, ids=IDS)
def test_first_thing_to_fix(ex_id: str, answer: Callable[[], Any], must: str, must_not: str | None) -> None:
    v = evaluate(ex_id, answer())
    assert not v.passed
    assert must in v.line, v.line
    if must_not is not None:
        assert must_not not in v.line, v.line
    if COMMON in must:  # the recognised mistake's own message is shown, not the generic self-study help
        assert v.detail and "Expected about" not in v.detail, v.detail


@pytest.mark.parametrize("ex_id", sorted(REFERENCES))
def test_reference_implementations_pass(ex_id: str) -> None:
    """The bugged functions above differ from these by the one bug only."""
    assert evaluate(ex_id, REFERENCES[ex_id]).passed


def _numbers_in(value: Any) -> list[float]:
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _numbers_in(v)]
    return [float(value)] if isinstance(value, (int, float)) else []


def _shown(x: float, digits: int) -> list[str]:
    """``x`` as a line could show it to ``digits`` significant digits: 0.839, 8.395e+22, 8.395e22, 2,865."""
    text = f"{x:.{digits}g}"
    forms = {text, re.sub(r"e\+?(-?)0*(\d)", r"e\1\2", text)}
    if abs(x) >= 1000:
        forms.add(f"{float(f'{x:.{digits}g}'):,.0f}")
    return sorted(forms)


def _leaks(line: str, ex_id: str) -> list[str]:
    body = line.split("] ", 1)[1]
    out = []
    for x in _numbers_in(KEYS[ex_id]):
        if abs(x) <= 20 and abs(x - round(x)) < 1e-9:  # 0, 1, 4, 8 are not giveaways (and are in the inputs)
            continue
        for digits in (3, 4):
            out += [s for s in _shown(x, digits) if re.search(rf"(?<![\d.]){re.escape(s)}(?![\d])", body)]
    return out


@pytest.mark.parametrize("ex_id,answer,must,must_not", CASES, ids=IDS)
def test_line_never_shows_the_expected_value(ex_id: str, answer: Callable[[], Any], must: str,
                                             must_not: str | None) -> None:
    v = evaluate(ex_id, answer())
    assert not _leaks(v.line, ex_id), v.line


def test_leak_detector_is_not_blind() -> None:
    assert _leaks(f"[1.1] not yet: try {key('1.1'):.3g}", "1.1")
    assert _leaks(f"[5.1] not yet: about {key('5.1'):.4g}", "5.1")
    assert not _leaks("[1.1] not yet: not within tolerance (0.1% of the expected value)", "1.1")


def test_specific_diagnoses_do_not_show_expected_values() -> None:
    v = evaluate("1.2", _through(-1.0))
    assert "Expected about" not in v.detail and "sign" in v.detail
    assert "Expected about" in evaluate("1.2", lambda *a: (1.0, 0.5)).detail  # generic mismatch: self-study help


def test_mistake_messages_do_not_state_the_expected_value() -> None:
    """A mistake message may say what the wrong value is and why, never what the right one is."""
    for ex_id, ex in EXERCISES.items():
        if ex.kind == "choice":
            continue
        for m in ex.mistakes:
            assert not _leaks(f"[{ex_id}] {m.message}", ex_id), (ex_id, m.message)

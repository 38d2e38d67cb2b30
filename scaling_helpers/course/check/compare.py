"""Compare an answer with its key. Every function here returns an :class:`Outcome`; none raises.

The answer is always *decoded plain data* (:func:`.answer.decode`): numbers, strings, lists,
arrays, a function's recorded results. Nothing here calls student code, so the same function
judges in a student's kernel (self-study) and in the grader's own process (graded mode).

The ``reason`` is short, deterministic and never states the expected value (it goes into the
plain-text verdict line and the student's report); ``detail`` can be longer and goes into the
self-study widget and the instructor's report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..specs.model import Exercise
from .answer import NO_ANSWER, Calls, Opaque, _Long, _LongArray, decode, encode

__all__ = ["Outcome", "compare", "key_of", "NO_ANSWER"]


@dataclass(frozen=True)
class Outcome:
    """Result of one comparison."""

    passed: bool
    """True if the answer matches the key within tolerance."""
    reason: str = ""
    """One short sentence on what is wrong (empty when passed)."""
    detail: str = ""
    """Longer, specific feedback for the widget (a recognised mistake, a ratio, an input)."""


def _describe(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, _LongArray):
        return f"an array of shape {value.shape}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    if isinstance(value, _Long):
        return f"a {value.kind} of length {value.n}"
    if isinstance(value, Opaque):
        return f"a {value.type_name}"
    if isinstance(value, Calls):
        return "a function"
    return f"{type(value).__name__}"


def _blank(value: Any, ex: Exercise) -> Outcome | None:
    if value is NO_ANSWER:
        return Outcome(False, f"{ex.name} is not defined", f"Define <code>{ex.name}</code> in the cell above "
                       "and run it before this check.")
    if value is None or value is Ellipsis:
        return Outcome(False, f"{ex.name} has no answer yet", f"Replace <code>...</code> (or None) in "
                       f"<code>{ex.name} = ...</code> with your answer.")
    return None


def _as_float(value: Any, what: str) -> tuple[float | None, str]:
    """A scalar float from ``value`` or an explanation of why not."""
    if isinstance(value, (bool, np.bool_)):
        return None, f"{what} is a bool ({value}); expected a number"
    if isinstance(value, str):
        return None, f"{what} is a string ({value[:20]!r}); write the number without quotes"
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(()).item()
    if isinstance(value, (list, tuple, np.ndarray, _Long, _LongArray, Calls)):
        return None, f"{what} is {_describe(value)}; expected a single number"
    if isinstance(value, Opaque):
        if value.as_float is None:
            return None, f"{what} is {_describe(value)}; expected a number"
        value = value.as_float
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        return None, f"{what} is {_describe(value)}; expected a number"
    if math.isnan(x):
        return None, f"{what} is NaN (look for 0/0 or the log of a non-positive number)"
    if math.isinf(x):
        return None, f"{what} is infinite (look for a division by zero or an overflow)"
    return x, ""


def _close(x: float, ref: float, ex: Exercise) -> bool:
    return abs(x - ref) <= ex.atol + ex.rtol * abs(ref)


def _tol_text(ex: Exercise) -> str:
    """The tolerance in words, e.g. ``2% of the expected value`` or ``6 significant digits``."""
    if ex.rtol >= 1e-3:
        text = f"{ex.rtol * 100:g}% of the expected value"
    elif ex.rtol:
        text = f"{round(-math.log10(ex.rtol))} significant digits"
    elif ex.atol:
        return f"within {ex.atol:g} of the expected value"
    else:
        return "exact"
    if ex.atol >= 1e-3:
        text += f", or within {ex.atol:g} when it is near zero"
    return text


def _mistake(x: float, ex: Exercise) -> str | None:
    """The message of the recognised mistake that ``x`` matches, if any."""
    for m in ex.mistakes:
        if abs(x - m.value) <= m.rtol * abs(m.value) + 1e-300:
            return m.message
    return None


def _decades(x: float, ref: float) -> int:
    """``k`` if ``x`` is ``ref`` times 10^k (k != 0, same sign), else 0."""
    if ref == 0 or x == 0 or np.sign(x) != np.sign(ref):
        return 0
    decades = math.log10(abs(x / ref))
    return round(decades) if abs(decades - round(decades)) < 0.02 else 0


def _number(x: float, ref: float, ex: Exercise) -> Outcome:
    """One number against its key. The first thing to fix: a sign, a recognised mistake, a power of ten."""
    if _close(x, ref, ex):
        return Outcome(True)
    message = _mistake(x, ex)
    if ref != 0 and _close(-x, ref, ex):
        return Outcome(False, "the sign is wrong", message or "The size is right but the sign is wrong.")
    if message:
        return Outcome(False, "a common mistake", message)
    k = _decades(x, ref)
    if k:
        return Outcome(False, f"off by a factor of 10^{k}: check units and powers of ten",
                       f"Off by a factor of 10^{k}: check units and powers of ten.")
    detail = ""
    if ref != 0 and x != 0 and np.sign(x) == np.sign(ref):
        ratio = x / ref
        if abs(ratio - 1) < 0.5:
            detail = f"Close: about {abs(ratio - 1) * 100:.0f}% too {'high' if ratio > 1 else 'low'}."
        else:
            detail = f"About {ratio:.3g} times the expected value."
    return Outcome(False, f"not within tolerance ({_tol_text(ex)})", detail)


def _numbers(value: Any, ref: list[float], ex: Exercise, what: str) -> Outcome:
    if isinstance(value, (_Long, _LongArray)):
        return Outcome(False, f"{what} is {_describe(value)}; expected {len(ref)} numbers",
                       f"Expected {len(ref)} numbers.")
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
        return Outcome(False, f"{what} is {_describe(value)}; expected {len(ref)} numbers",
                       f"Give a tuple or array of {len(ref)} numbers.")
    try:
        arr = np.asarray(value, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return Outcome(False, f"{what} holds non-numbers", "Every entry must be a number.")
    if arr.size != len(ref):
        return Outcome(False, f"{what} has {arr.size} entries; expected {len(ref)}",
                       f"Expected {len(ref)} numbers.")
    names = ex.extra.get("names") or [f"entry {i}" for i in range(len(ref))]
    for i, x in enumerate(arr):
        if not math.isfinite(x):
            return Outcome(False, f"{names[i]} is {x}", "Every entry must be finite.")
    ok = [r is not None and _close(float(x), float(r), ex) for x, r in zip(arr, ref, strict=True)]
    if all(ok):
        return Outcome(True)
    # The first thing to fix, in this order: the order of the entries, a sign, a recognised mistake in any
    # entry, then the first wrong entry.
    if len(ref) > 1 and all(r is not None for r in ref) and _same_values(arr, ref, ex):
        return Outcome(False, f"{what} has the right values in the wrong order",
                       f"The entries are swapped or reordered: give them in the order ({', '.join(names)}).")
    flipped = [i for i, (x, r) in enumerate(zip(arr, ref, strict=True))
               if not ok[i] and r is not None and r != 0 and _close(-float(x), float(r), ex)]
    if flipped:
        return Outcome(False, f"the sign of {names[flipped[0]]} is wrong",
                       "Fix this sign first: the other entries may depend on it.")
    for i, x in enumerate(arr):
        message = None if ok[i] else _mistake(float(x), ex)
        if message:
            return Outcome(False, f"{names[i]}: a common mistake", message)
    i = ok.index(False)
    sub = _number(float(arr[i]), float(ref[i]), ex) if ref[i] is not None else Outcome(False)
    if sub.reason.startswith("off by"):
        return Outcome(False, f"{names[i]} is {sub.reason}", sub.detail)
    return Outcome(False, f"{names[i]} not within tolerance ({_tol_text(ex)})", sub.detail)


def _same_values(arr: Any, ref: list[Any], ex: Exercise) -> bool:
    """True if ``arr`` is a reordering of ``ref`` (every entry matched once, within tolerance)."""
    left = [float(r) for r in ref]
    for x in arr:
        j = next((j for j, r in enumerate(left) if _close(float(x), r, ex)), None)
        if j is None:
            return False
        left.pop(j)
    return True


def _function(calls: Any, ref: list[Any], ex: Exercise) -> Outcome:
    if not isinstance(calls, Calls):
        return Outcome(False, f"{ex.name} is {_describe(calls)}, not a function",
                       f"Define it with <code>def {ex.name}(...):</code>.")
    for i, (args, expected) in enumerate(zip(ex.inputs, ref, strict=True)):
        shown = ", ".join(f"{a:g}" if isinstance(a, float) else repr(a) for a in args)
        if i >= len(calls.results):
            return Outcome(False, f"{ex.name}({shown}) was not called", "")
        ok, value, error = calls.results[i]
        if not ok:
            return Outcome(False, f"{ex.name}({shown}) {error}", "")
        if value is None or value is Ellipsis:
            return Outcome(False, f"{ex.name}({shown}) returned {value!r}",
                           "Write the body of the function and <code>return</code> the result.")
        if isinstance(expected, list):
            out = _numbers(value, expected, ex, "the result")
        else:
            x, why = _as_float(value, f"{ex.name}({shown})")
            if x is None:
                return Outcome(False, why, "")
            out = _number(x, float(expected), ex)
        if not out.passed:
            specific = any(s in out.reason for s in ("wrong order", "the sign", "common mistake"))
            detail = out.detail if specific else f"{out.detail} Expected about {_fmt(expected)}, got {_fmt(value)}."
            return Outcome(False, f"wrong result for {ex.name}({shown}): {out.reason}", detail.strip())
    return Outcome(True)


def _fmt(v: Any) -> str:
    try:
        arr = np.asarray(v, dtype=float)
        return np.array2string(arr, precision=4) if arr.ndim else f"{float(arr):.4g}"
    except (TypeError, ValueError):
        return repr(v)[:40]


def _choice(value: Any, ref: str, ex: Exercise) -> Outcome:
    labels = [c.label for c in ex.choices]
    if not isinstance(value, str):
        return Outcome(False, f"{ex.name} is {_describe(value)}; expected one of {', '.join(labels)}",
                       "Answer with the letter in quotes, e.g. <code>\"B\"</code>.")
    pick = value.strip().upper().rstrip(").")
    if pick not in labels:
        return Outcome(False, f"{value[:10]!r} is not one of {', '.join(labels)}", "")
    if pick == ref:
        return Outcome(True)
    fb = next((c.feedback for c in ex.choices if c.label == pick), "")
    return Outcome(False, f"{pick} is not the best answer", fb)


def compare(ex: Exercise, value: Any, key: Any) -> Outcome:
    """Compare ``value`` with the recorded ``key`` according to ``ex.kind``. Never raises.

    ``value`` is decoded answer data; for convenience (tests, notebooks) a plain Python function
    is accepted too and first run on the exercise's inputs, as the check cell would.
    """
    try:
        if ex.kind == "function" and callable(value) and not isinstance(value, Calls):
            value = decode(encode(ex, value))
        blank = _blank(value, ex)
        if blank:
            return blank
        if ex.kind == "number":
            x, why = _as_float(value, ex.name)
            return Outcome(False, why) if x is None else _number(x, float(key), ex)
        if ex.kind == "numbers":
            return _numbers(value, list(key), ex, ex.name)
        if ex.kind == "function":
            return _function(value, list(key), ex)
        if ex.kind == "choice":
            return _choice(value, str(key), ex)
        return Outcome(False, f"unknown exercise kind {ex.kind!r}")
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - e.g. a student object whose __float__ raises
        return Outcome(False, f"could not check the answer ({type(exc).__name__})", str(exc)[:200])


def key_of(ex: Exercise, value: Any) -> Any:
    """The JSON-serialisable key recorded from a reference answer (build time only)."""
    if ex.kind == "number":
        return float(value)
    if ex.kind == "numbers":
        return [float(v) for v in np.asarray(value, dtype=float).reshape(-1)]
    if ex.kind == "function":
        outs = []
        for args in ex.inputs:
            out = value(*args)
            arr = np.asarray(out, dtype=float)
            outs.append([float(v) for v in arr.reshape(-1)] if arr.ndim else float(arr))
        return outs
    if ex.kind == "choice":
        return str(value).strip().upper()
    raise ValueError(f"unknown exercise kind {ex.kind!r}")

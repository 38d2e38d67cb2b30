"""An answer as plain data: what the check cell emits, and what the grader judges.

In graded mode the student's kernel is untrusted, so it decides nothing: ``check`` turns the
answer into a small JSON document (:func:`encode`) and puts it in its output's metadata; the
grader, in its own process, turns it back into plain Python values (:func:`decode`) and
compares them with the key. Self-study takes the same two steps in one process, so the
feedback is identical in both modes.

Only plain data crosses: numbers (as strings, so NaN and infinities survive JSON), strings
(truncated), lists, arrays (shape plus values, capped), and for a ``function`` exercise its
results on the exercise's inputs, each call made under a time limit. Nothing in a payload can
run code when decoded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..specs.model import Exercise
from .sandbox import call_with_timeout

__all__ = ["Calls", "NoAnswer", "NO_ANSWER", "Opaque", "decode", "encode", "MAX_ITEMS", "MAX_TEXT"]

#: Longest string kept (choice answers are one letter; the rest is only quoted in messages).
MAX_TEXT = 200
#: Most elements of a list or array kept; longer ones keep only their length or shape.
MAX_ITEMS = 1000
#: Deepest nesting kept.
MAX_DEPTH = 4


class NoAnswer:
    """Sentinel for a variable that is not defined."""

    def __repr__(self) -> str:
        return "<not defined>"


NO_ANSWER = NoAnswer()


@dataclass(frozen=True)
class Opaque:
    """An object that is not plain data, described by its type and its ``float()`` (if any)."""

    type_name: str
    """The type's name, e.g. ``"Fraction"``."""
    as_float: float | None = None
    """``float(value)`` when that worked."""
    error: str = ""
    """Why ``float(value)`` failed, e.g. ``"raised TypeError"``."""


@dataclass(frozen=True)
class Calls:
    """A function answer, represented by its results on the exercise's inputs."""

    results: tuple[tuple[bool, Any, str], ...]
    """One ``(ok, decoded value, error)`` per input, in order; calls stop at the first failure."""


def _num(x: float) -> dict[str, Any]:
    return {"t": "float", "v": repr(float(x))}


def _float_of(value: Any, timeout: float) -> dict[str, Any]:
    res = call_with_timeout(float, (value,), timeout)
    out: dict[str, Any] = {"t": "object", "type": type(value).__name__[:60]}
    if res.ok and isinstance(res.value, float):
        out["float"] = repr(res.value)
    else:
        out["error"] = res.error[:MAX_TEXT] or "float() did not return a float"
    return out


def _encode(value: Any, depth: int, timeout: float) -> dict[str, Any]:
    if value is NO_ANSWER:
        return {"t": "undefined"}
    if value is None:
        return {"t": "none"}
    if value is Ellipsis:
        return {"t": "ellipsis"}
    if isinstance(value, (bool, np.bool_)):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, (int, np.integer)):
        try:
            return _num(float(value))
        except OverflowError:
            return {"t": "float", "v": "inf" if value > 0 else "-inf"}
    if isinstance(value, (float, np.floating)):
        return _num(float(value))
    if isinstance(value, str):
        return {"t": "str", "v": value[:MAX_TEXT], "len": len(value)}
    if isinstance(value, bytes):
        return {"t": "object", "type": "bytes", "error": "bytes, not a number"}
    if isinstance(value, np.ndarray):
        shape = [int(s) for s in value.shape]
        out: dict[str, Any] = {"t": "array", "shape": shape}
        if value.size <= MAX_ITEMS and depth < MAX_DEPTH:
            try:
                out["v"] = [_encode(x, depth + 1, timeout) for x in value.reshape(-1).tolist()]
            except Exception:  # noqa: BLE001 - object arrays may hold anything
                out["error"] = "could not read the array's entries"
        return out
    if isinstance(value, (list, tuple)):
        out = {"t": type(value).__name__ if type(value) in (list, tuple) else "list", "len": len(value)}
        if len(value) <= MAX_ITEMS and depth < MAX_DEPTH:
            out["v"] = [_encode(x, depth + 1, timeout) for x in list(value)]
        return out
    return _float_of(value, timeout)


def encode(ex: Exercise, value: Any) -> dict[str, Any]:
    """The answer ``value`` to exercise ``ex`` as plain JSON data. Never raises.

    For a ``function`` exercise the function is called on each of ``ex.inputs`` (each call
    stopped after ``ex.timeout`` seconds) and only the results are kept.
    """
    try:
        if ex.kind == "function" and callable(value) and not isinstance(value, type(NO_ANSWER)):
            calls = []
            for args in ex.inputs:
                res = call_with_timeout(value, tuple(args), ex.timeout)
                if not res.ok:
                    calls.append({"ok": False, "error": res.error[:MAX_TEXT]})
                    break
                calls.append({"ok": True, "v": _encode(res.value, 1, ex.timeout)})
            return {"t": "calls", "calls": calls}
        if callable(value) and not isinstance(value, (np.ndarray, list, tuple, str)) and ex.kind != "function":
            return {"t": "object", "type": "function", "error": "a function, not a value"}
        return _encode(value, 0, ex.timeout)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - a hostile object may raise anything
        return {"t": "object", "type": "unknown", "error": f"could not read the answer ({type(exc).__name__})"}


def _float(text: Any) -> float:
    if not isinstance(text, str) or len(text) > 40:
        raise ValueError("not a number")
    return float(text)


def _decode(doc: Any, depth: int) -> Any:
    if not isinstance(doc, dict) or depth > MAX_DEPTH + 2:
        raise ValueError("malformed answer")
    t = doc.get("t")
    if t == "undefined":
        return NO_ANSWER
    if t == "none":
        return None
    if t == "ellipsis":
        return Ellipsis
    if t == "bool":
        return bool(doc.get("v"))
    if t == "float":
        return _float(doc.get("v"))
    if t == "str":
        v = doc.get("v")
        return str(v)[:MAX_TEXT] if isinstance(v, str) else ""
    if t in ("list", "tuple"):
        items = doc.get("v")
        n = int(doc.get("len", 0))
        if items is None:
            return _Long(t, n)
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise ValueError("malformed list")
        vals = [_decode(x, depth + 1) for x in items]
        return tuple(vals) if t == "tuple" else vals
    if t == "array":
        shape = tuple(int(s) for s in doc.get("shape", ()))
        items = doc.get("v")
        if items is None or not isinstance(items, list) or len(items) > MAX_ITEMS:
            return _LongArray(shape)
        vals = [_decode(x, depth + 1) for x in items]
        arr = np.empty(len(vals), dtype=object)
        arr[:] = vals
        try:
            arr = arr.astype(float)
        except (TypeError, ValueError):
            pass
        return arr.reshape(shape) if math.prod(shape) == len(vals) else arr
    if t == "object":
        f = doc.get("float")
        return Opaque(str(doc.get("type", "object"))[:60], _float(f) if f is not None else None,
                      str(doc.get("error", ""))[:MAX_TEXT])
    if t == "calls":
        calls = doc.get("calls")
        if not isinstance(calls, list) or len(calls) > 100:
            raise ValueError("malformed calls")
        out = []
        for c in calls:
            if not isinstance(c, dict):
                raise ValueError("malformed call")
            if c.get("ok"):
                out.append((True, _decode(c.get("v"), depth + 1), ""))
            else:
                out.append((False, None, str(c.get("error", "failed"))[:MAX_TEXT]))
        return Calls(tuple(out))
    raise ValueError(f"unknown answer type {str(t)[:20]!r}")


def decode(doc: Any) -> Any:
    """Plain Python values from an :func:`encode` document (``ValueError`` if malformed)."""
    try:
        return _decode(doc, 0)
    except (TypeError, OverflowError, RecursionError) as exc:
        raise ValueError(f"malformed answer ({type(exc).__name__})") from None


@dataclass(frozen=True)
class _Long:
    """A list or tuple too long to transmit: only its length is known."""

    kind: str
    n: int

    def __len__(self) -> int:
        return self.n


@dataclass(frozen=True)
class _LongArray:
    """An array too large to transmit: only its shape is known."""

    shape: tuple[int, ...]

"""Building blocks for the feedback tables: recorded keys, spec mistakes and typical bugs.

``test_feedback.py`` holds the table for the original chapters; a chapter may keep its rows in
``tests/course/feedback_rows/chNN.py`` (a list ``CASES`` and a dict ``REFERENCES``), built from these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from scaling_helpers.course import specs
from scaling_helpers.course.check.keys import load_keys

ORDER = "right values in the wrong order"
COMMON = "a common mistake"

KEYS: dict[str, Any] = {}
for _stem in specs.CHAPTERS:
    KEYS.update(load_keys(_stem))
EXERCISES = specs.all_exercises()
K1 = load_keys("01_power_laws")


def key(ex_id: str) -> Any:
    return KEYS[ex_id]


def mistake(ex_id: str, i: int = 0) -> float:
    """The value of the spec's ``i``-th recognised mistake."""
    return EXERCISES[ex_id].mistakes[i].value


def put(ex_id: str, i: int, value: float) -> list[float]:
    """The key of a ``numbers`` item with entry ``i`` replaced by ``value``."""
    v = list(key(ex_id))
    v[i] = value
    return v


def scaled(ex_id: str, factor: float, i: int | None = None) -> list[float] | float:
    """The key times ``factor`` (one entry ``i`` of a vector, or all of it)."""
    k = key(ex_id)
    if not isinstance(k, list):
        return k * factor
    return [x * factor if i is None or j == i else x for j, x in enumerate(k)]


def rotate(v: Sequence[float]) -> list[float]:
    return [v[-1], *v[:-1]]


def from_key(ex_id: str, transform: Callable[[Any], Any]) -> Callable[..., Any]:
    """A student function that returns ``transform`` of the recorded result for each checked input."""
    inputs = EXERCISES[ex_id].inputs

    def f(*args: Any) -> Any:
        return transform(key(ex_id)[inputs.index(tuple(args))])

    return f

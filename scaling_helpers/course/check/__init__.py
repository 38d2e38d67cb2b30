"""The exercise checker: ``check("1.3")`` at the end of every answer cell.

``check`` looks up the answer variable named in the exercise's spec, compares it with the
key recorded in the solutions and displays a :class:`Verdict`: a widget with a specific
message in JupyterLab and one deterministic plain-text line (``[1.3] correct`` or
``[1.3] not yet: ...``) that nbval compares with the solution's stored output. It never
raises on a bad answer.
"""

from __future__ import annotations

import inspect
import json
import os
from typing import Any

from .. import specs
from .compare import NO_ANSWER, compare, key_of
from .keys import load_keys, recording
from .verdict import Verdict

__all__ = ["check", "evaluate", "Verdict"]

_UNSET = object()
#: Set by the grader: a file to which every genuine check appends its verdict (JSON lines).
#: A relative path is taken from the kernel's starting folder (recorded at import time, so a
#: notebook that changes directory still logs to the grader's file).
GRADE_LOG_ENV = "SCALING_HELPERS_GRADE_LOG"
_START_DIR = os.getcwd()


def _lookup(name: str, depth: int = 3) -> Any:
    try:
        from IPython import get_ipython

        ip = get_ipython()
    except ImportError:  # pragma: no cover - IPython ships with the course
        ip = None
    if ip is not None:
        return ip.user_ns.get(name, NO_ANSWER)
    frame = inspect.currentframe()
    for _ in range(depth):
        frame = frame.f_back if frame else None
    return frame.f_globals.get(name, NO_ANSWER) if frame else NO_ANSWER


def evaluate(exercise_id: str, value: Any = _UNSET) -> Verdict:
    """Check one answer and return the :class:`Verdict` without displaying it.

    Parameters
    ----------
    exercise_id
        The id printed above the exercise, e.g. ``"1.3"``.
    value
        The answer. By default the variable named in the exercise spec is looked up in the
        notebook's namespace.
    """
    exercise_id = str(exercise_id)
    try:
        ex = specs.get(exercise_id)
    except KeyError:
        return Verdict(exercise_id, "error", "unknown exercise id; do not edit the check cell")
    if value is _UNSET:
        value = _lookup(ex.name)
    keys = load_keys(specs.chapter_of(exercise_id))
    if exercise_id not in keys:
        return Verdict(exercise_id, "recorded", "no answer key here, it will be graded later",
                       detail="No solutions were found next to this notebook, so the answer cannot be "
                              "checked now. It will be graded from your submitted notebook.")
    out = compare(ex, value, keys[exercise_id])
    status = "correct" if out.passed else "not yet"
    return Verdict(exercise_id, status, out.reason, out.detail, hint=ex.hint, explanation=ex.explanation)


def _log(verdict: Verdict) -> None:
    path = os.environ.get(GRADE_LOG_ENV)
    if not path:
        return
    try:
        with open(os.path.join(_START_DIR, path), "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"exercise": verdict.exercise, "passed": verdict.passed,
                                 "line": verdict.line}) + "\n")
    except OSError:
        pass


def check(exercise_id: str, value: Any = _UNSET) -> None:
    """Check an answer and display the verdict (widget + one plain-text line).

    Parameters
    ----------
    exercise_id
        The exercise id, e.g. ``"1.3"``.
    value
        Optional explicit answer; by default the variable named by the exercise is used.
    """
    exercise_id = str(exercise_id)
    if value is _UNSET and exercise_id in specs.all_exercises():
        value = _lookup(specs.get(exercise_id).name)
    if recording():
        # Build time: this is the reference solution. Record its key in the output metadata.
        ex = specs.get(exercise_id)
        if value is NO_ANSWER:
            raise RuntimeError(f"solution for {exercise_id} does not define {ex.name}")
        verdict = Verdict(exercise_id, "correct", explanation=ex.explanation)
        meta = {"scaling_helpers": {"exercise": exercise_id, "key": key_of(ex, value)}}
        _display(verdict, meta)
        return
    verdict = evaluate(exercise_id, value)
    _log(verdict)
    _display(verdict, {"scaling_helpers": {"exercise": exercise_id}})


def _display(verdict: Verdict, metadata: dict[str, Any]) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display(verdict, metadata=metadata)
            return
    except ImportError:  # pragma: no cover
        pass
    print(verdict.line)

"""The exercise checker: ``check("1.3")`` at the end of every answer cell.

``check`` looks up the answer variable named in the exercise's spec and turns it into plain
data (:func:`.answer.encode`; a function is called on the exercise's inputs). Then:

* **Self-study** (the solutions are reachable): it compares that data with the key recorded
  in the solutions and displays a :class:`Verdict`, a widget with specific feedback and one
  deterministic plain-text line (``[1.3] correct`` or ``[1.3] not yet: ...``).
* **Graded mode** (the kernel runs in the grader's sandbox, where no key exists): it decides
  nothing. It displays ``[1.3] recorded`` and puts the answer data in the output's metadata
  (``metadata["scaling_helpers"]["answer"]``); the grader, in its own process, decodes it and
  compares it with the key (see :mod:`scaling_helpers.course.grade.nbval_plugin`).

Both paths judge with the same :func:`.compare.compare` on the same decoded data, so the
feedback is the same. ``check`` never raises on a bad answer.

In self-study the checker counts each exercise's wrong attempts in the kernel; from the third
on, the widget adds the exercise's second hint (``method_hint``). The plain-text line never
changes with the count.

A **written** item (``check("3.w1")``, see :mod:`.written_panel`) is marked by a person: the
line is the same whatever the student wrote and no answer data is emitted (the grader reads the
text from the notebook file).
"""

from __future__ import annotations

import inspect
from dataclasses import replace
from typing import Any

from .. import specs
from .answer import NO_ANSWER, decode, encode
from .compare import compare, key_of
from .keys import load_explanations, load_keys, recording
from .verdict import Verdict
from .written import line, written_chapter, written_item

__all__ = ["check", "evaluate", "judge", "Verdict", "reset_attempts"]

_UNSET = object()

#: Wrong attempts per exercise id in this kernel (self-study); the second hint shows from the third on.
_attempts: dict[str, int] = {}
#: The wrong attempt from which the widget shows an exercise's ``method_hint``.
SECOND_HINT_AFTER = 3
_BLANK = ("undefined", "none", "ellipsis")


def reset_attempts() -> None:
    """Forget the wrong attempts counted so far (the second hints hide again)."""
    _attempts.clear()


def _is_blank(answer: dict[str, Any] | None) -> bool:
    """True for an answer not given yet (``...``, ``None``, undefined, a stub function)."""
    if not isinstance(answer, dict):
        return True
    if answer.get("t") in _BLANK:
        return True
    calls = answer.get("calls") if answer.get("t") == "calls" else None
    return bool(calls) and all(c.get("ok") and (c.get("v") or {}).get("t") in _BLANK for c in calls)


def _written_verdict(exercise_id: str) -> Verdict | None:
    try:
        item = written_item(exercise_id)
    except (KeyError, RuntimeError):
        return None
    status, reason = line(item).split("] ", 1)[1].split(": ", 1)  # the same line as check() prints
    return Verdict(exercise_id, status, reason)


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


def judge(exercise_id: str, answer: Any, key: Any, explanation: str = "") -> Verdict:
    """The verdict on an encoded ``answer`` (see :func:`.answer.encode`) against ``key``.

    Pure: it runs no student code, so the grader calls it in its own process. Never raises.
    """
    try:
        ex = specs.get(exercise_id)
    except KeyError:
        return Verdict(exercise_id, "error", "unknown exercise id; do not edit the check cell")
    try:
        value = decode(answer)
    except ValueError as exc:
        return Verdict(exercise_id, "not yet", f"the answer could not be read ({exc})", hint=ex.hint)
    out = compare(ex, value, key)
    return Verdict(exercise_id, "correct" if out.passed else "not yet", out.reason, out.detail, hint=ex.hint,
                   explanation=explanation)


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
    verdict, _ = _evaluate(str(exercise_id), value)
    return verdict


def _evaluate(exercise_id: str, value: Any) -> tuple[Verdict, dict[str, Any] | None]:
    try:
        ex = specs.get(exercise_id)
    except KeyError:
        written = _written_verdict(exercise_id)
        if written is not None:
            return written, None
        return Verdict(exercise_id, "error", "unknown exercise id; do not edit the check cell"), None
    if value is _UNSET:
        value = _lookup(ex.name)
    answer = encode(ex, value)
    stem = specs.chapter_of(exercise_id)
    keys = load_keys(stem)
    if exercise_id not in keys:
        return Verdict(exercise_id, "recorded", "no answer key here, it will be graded later",
                       detail="No solutions were found next to this notebook, so the answer cannot be "
                              "checked now. It will be graded from your submitted notebook."), answer
    return judge(exercise_id, answer, keys[exercise_id], load_explanations(stem).get(exercise_id, "")), answer


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
    if _check_written(exercise_id):
        return
    if value is _UNSET and exercise_id in specs.all_exercises():
        value = _lookup(specs.get(exercise_id).name)
    if recording():
        # Build time: this is the reference solution. Record its key in the output metadata.
        ex = specs.get(exercise_id)
        if value is NO_ANSWER:
            raise RuntimeError(f"solution for {exercise_id} does not define {ex.name}")
        verdict = Verdict(exercise_id, "correct")
        meta = {"scaling_helpers": {"exercise": exercise_id, "key": key_of(ex, value)}}
        _display(verdict, meta)
        return
    verdict, answer = _evaluate(exercise_id, value)
    if verdict.status == "not yet" and not _is_blank(answer):
        _attempts[exercise_id] = _attempts.get(exercise_id, 0) + 1
        method = specs.get(exercise_id).method_hint
        if method and _attempts[exercise_id] >= SECOND_HINT_AFTER:
            verdict = replace(verdict, method_hint=method)
    meta: dict[str, Any] = {"exercise": exercise_id}
    if answer is not None:
        meta["answer"] = answer
    _display(verdict, {"scaling_helpers": meta})


def _check_written(exercise_id: str) -> bool:
    """Display a written item's panel; False if ``exercise_id`` is not a written item."""
    try:
        item = written_item(exercise_id)
        stem = written_chapter(exercise_id)
    except (KeyError, RuntimeError):
        return False
    from .written_panel import WrittenPanel

    _display(WrittenPanel(item, stem, interactive=not recording()), {"scaling_helpers": {"exercise": exercise_id}})
    return True


def _display(verdict: Any, metadata: dict[str, Any]) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display(verdict, metadata=metadata)
            return
    except ImportError:  # pragma: no cover
        pass
    print(verdict.line)

"""The lecture notebooks' quick checks, one data module per chapter.

A lecture cell reads ``quiz("1.a")``: the question, the options, the feedback and which option
is right live here (``chNN.py``, tuple ``QUIZZES``), so the right answer is not visible in the
notebook. :func:`scaling_helpers.common.quick_check.quick_check` still builds an ad-hoc quick check.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path

from ..common.display import Labelled
from ..common.quick_check import quick_check
from .model import Option, QuickCheck

__all__ = ["Option", "QuickCheck", "all_quizzes", "get", "quiz"]


def all_quizzes() -> dict[str, QuickCheck]:
    """Every quick check of every chapter, by id, in chapter order.

    Raises
    ------
    RuntimeError
        If two entries share an id.
    """
    out: dict[str, QuickCheck] = {}
    modules = sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name)
    for info in modules:
        if info.name.startswith("ch") and info.name[2:].isdigit():
            for q in import_module(f"{__name__}.{info.name}").QUIZZES:
                if q.id in out:
                    raise RuntimeError(f"quick-check id {q.id!r} is used twice")
                out[q.id] = q
    return out


def get(qid: str) -> QuickCheck:
    """The quick check with this id; ``KeyError`` if there is none."""
    return all_quizzes()[qid]


def quiz(qid: str) -> Labelled:
    """The quick-check widget for one id, e.g. ``quiz("1.a")`` in lecture 1.

    Parameters
    ----------
    qid
        The quick check's id, ``"<chapter>.<letter>"``.

    Returns
    -------
    Labelled
        Displays as the widget in JupyterLab and as ``Quick check: <question>`` in plain text.
    """
    q = get(qid)
    return quick_check(q.question, [o.text for o in q.options], q.answer, [o.feedback for o in q.options])

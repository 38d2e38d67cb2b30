"""Exercise specifications, one module per chapter.

A spec says *how* an answer is checked (variable name, kind, tolerance, points, hints);
the reference *values* live in the solution notebooks' stored outputs (recorded when the
solutions are executed by the build command), so there is one truth.
"""

from __future__ import annotations

from importlib import import_module

from .model import Choice, Exercise, Mistake

__all__ = ["Choice", "Exercise", "Mistake", "CHAPTERS", "get", "all_exercises", "chapter_of"]

#: chapter stem -> module name. Add a chapter here and in a module ``chNN.py``.
CHAPTERS: dict[str, str] = {
    "01_power_laws": "ch01",
}


def all_exercises() -> dict[str, Exercise]:
    """Every exercise of every chapter, by id. Raises if two chapters reuse an id."""
    out: dict[str, Exercise] = {}
    for stem, mod in CHAPTERS.items():
        for ex in import_module(f"{__name__}.{mod}").EXERCISES:
            if ex.id in out:
                raise RuntimeError(f"exercise id {ex.id!r} is used twice ({stem})")
            out[ex.id] = ex
    return out


def chapter_of(exercise_id: str) -> str:
    """The chapter stem (e.g. ``"01_power_laws"``) that an exercise id belongs to."""
    for stem, mod in CHAPTERS.items():
        if any(ex.id == exercise_id for ex in import_module(f"{__name__}.{mod}").EXERCISES):
            return stem
    raise KeyError(exercise_id)


def get(exercise_id: str) -> Exercise:
    """The spec of one exercise; ``KeyError`` if the id is unknown."""
    return all_exercises()[exercise_id]


def for_chapter(stem: str) -> list[Exercise]:
    """The exercises of one chapter, in order."""
    return list(import_module(f"{__name__}.{CHAPTERS[stem]}").EXERCISES)

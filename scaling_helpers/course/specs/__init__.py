"""Exercise specifications, one module per chapter.

A spec says *how* an answer is checked (variable name, kind, tolerance, points, hints);
the reference *values* live in the solution notebooks' stored outputs (recorded when the
solutions are executed by the build command), so there is one truth.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path

from .model import Choice, Criterion, Exercise, Mistake, Written

__all__ = ["Choice", "Criterion", "Exercise", "Mistake", "Written", "CHAPTERS", "get", "all_exercises", "chapter_of",
           "for_chapter", "written_for_chapter", "all_written"]


def _discover() -> dict[str, str]:
    """Chapter stem -> module name, from every ``chNN.py`` module here (each defines ``STEM``)."""
    found: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if info.name.startswith("ch") and info.name[2:].isdigit():
            found[import_module(f"{__name__}.{info.name}").STEM] = info.name
    return found


#: chapter stem (e.g. ``"01_power_laws"``) -> spec module. A chapter is added by creating
#: ``chNN.py`` with ``STEM`` and ``EXERCISES``; nothing else needs editing.
CHAPTERS: dict[str, str] = _discover()


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


def written_for_chapter(stem: str) -> list[Written]:
    """The written (rubric-graded) items of one chapter, in order (a spec module's ``WRITTEN``)."""
    return list(getattr(import_module(f"{__name__}.{CHAPTERS[stem]}"), "WRITTEN", ()))


def all_written() -> dict[str, Written]:
    """Every written item of every chapter, by id. Raises if an id is used twice or by an exercise."""
    out: dict[str, Written] = {}
    taken = set(all_exercises())
    for stem in CHAPTERS:
        for item in written_for_chapter(stem):
            if item.id in out or item.id in taken:
                raise RuntimeError(f"written item id {item.id!r} is used twice ({stem})")
            out[item.id] = item
    return out

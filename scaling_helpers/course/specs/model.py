"""Typed description of one graded exercise."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["number", "numbers", "function", "choice"]
Level = Literal["core", "stretch"]


class NamedData(tuple):  # type: ignore[type-arg]
    """A tuple of floats that a function item is called with, shown by its name in verdict lines (a data set
    such as ``x_pure1`` or ``<C of seed-3 runs>``) instead of by its values."""

    name: str = ""

    def __new__(cls, name: str, values: Any) -> NamedData:
        out = super().__new__(cls, (float(v) for v in values))
        out.name = name
        return out

    def __repr__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer and what to say about it (checked before the generic hint)."""

    value: float
    """The wrong value a common mistake produces."""
    message: str
    """What the student most likely did, and how to fix it."""
    rtol: float = 1e-2
    """Relative tolerance for recognising this mistake."""


@dataclass(frozen=True)
class Choice:
    """One option of a multiple-choice exercise."""

    label: str
    """The letter a student answers with, e.g. ``"B"``."""
    text: str
    """The option as shown to the student."""
    feedback: str = ""
    """Shown when a student picks this option and it is wrong (why it is tempting, why not)."""


@dataclass(frozen=True)
class Exercise:
    """How one graded item is checked.

    The reference value and the explanation shown with a correct answer live in the solutions
    notebook (the explanation in the check cell's ``scaling_helpers`` metadata), not here: this
    package is installed for students, so nothing in it may give an answer away.
    """

    id: str
    """Unique id such as ``"1.3"`` (chapter.item); shown in every verdict line."""
    name: str
    """Variable the student assigns the answer to (the check cell looks it up by name)."""
    kind: Kind
    """``number`` (a float), ``numbers`` (fixed-length vector), ``function`` (called on
    :attr:`inputs`) or ``choice`` (a letter among :attr:`choices`)."""
    title: str
    """Short description used in reports."""
    points: int = 1
    """Points awarded when correct."""
    rtol: float = 1e-3
    """Relative tolerance (per element for vectors and function outputs)."""
    atol: float = 0.0
    """Absolute tolerance; an answer passes if within ``atol + rtol * |reference|``."""
    hint: str = ""
    """First hint, shown with every wrong answer that no :class:`Mistake` explains: it names the
    idea, never the course helper that solves the item."""
    method_hint: str = ""
    """Second hint, shown in self-study from the third wrong attempt on: it names the method
    (still not the solving helper). Empty means the first hint is all there is."""
    mistakes: tuple[Mistake, ...] = ()
    """Recognised wrong answers, each with a specific message (``number`` kind)."""
    choices: tuple[Choice, ...] = ()
    """Options of a ``choice`` exercise."""
    inputs: tuple[tuple[Any, ...], ...] = ()
    """Argument tuples a ``function`` answer is called with."""
    length: int | None = None
    """Required length of a ``numbers`` answer."""
    timeout: float = 2.0
    """Seconds one call of a student's function may take before it is stopped."""
    unit: str = ""
    """Unit of a numeric answer, named in messages (e.g. ``"tokens"``)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Free-form settings for a chapter's own checks."""
    level: Level = "core"
    """``core`` (every student) or ``stretch`` (for those who want more); shown in the notebook."""
    minutes: int = 10
    """Time a strong student needs for the item, used for the notebook's time estimate."""


@dataclass(frozen=True)
class Criterion:
    """One line of a written answer's rubric."""

    text: str
    """What the answer must do to earn the points (e.g. "names the fixed budget C = 6ND")."""
    points: int
    """Points for meeting the criterion."""


@dataclass(frozen=True)
class Written:
    """A written answer graded by a person with a rubric (a critique, an explanation, a design choice).

    The student writes in a markdown cell whose ``scaling_helpers`` metadata is
    ``{"written": id}``; the solutions hold the model answer in that cell. The grader collects the
    text from the notebook file without running it, into a per-class review file with the rubric.
    """

    id: str
    """Unique id such as ``"3.w1"`` (chapter, ``w``, number); never reused by an :class:`Exercise`."""
    title: str
    """Short description used in reports and the review file."""
    rubric: tuple[Criterion, ...]
    """What earns points; the item's points are the sum of the criteria's."""
    min_words: int = 40
    """Fewer words than this is not yet an answer (self-study shows no model answer before)."""
    max_words: int = 250
    """The answer should fit in this many words (stated to the student; longer is flagged, not cut)."""
    level: Level = "core"
    """``core`` or ``stretch``, as for :class:`Exercise`."""
    minutes: int = 10
    """Time a strong student needs for the item."""

    @property
    def points(self) -> int:
        """Points available: the sum of the rubric's criteria."""
        return sum(c.points for c in self.rubric)

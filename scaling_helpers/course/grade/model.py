"""Typed results of grading one submission."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ItemResult", "GradeReport", "WrittenResult"]


@dataclass
class ItemResult:
    """The grade of one exercise."""

    exercise: str
    """Exercise id, e.g. ``"1.3"``."""
    title: str
    """Short description of the exercise."""
    points: float
    """Points awarded."""
    max_points: float
    """Points available."""
    passed: bool
    """True if the answer was judged correct by the official check."""
    message: str
    """Why: the official verdict line, or what prevented grading this item."""
    flags: list[str] = field(default_factory=list)
    """Integrity notes for the instructor (edited check cell, redefined checker, restored cell...).
    They never change the points: verdicts come from the answer data alone."""
    detail: str = ""
    """Specific feedback that may reveal the expected value (ratios, expected function outputs):
    for the instructor's report only, never written to a student's report."""
    explanation: str = ""
    """The idea behind the answer, from the solutions (it may state the answer): instructor's report only."""


@dataclass
class WrittenResult:
    """A written answer collected from the submission file, to be marked by a person."""

    exercise: str
    """Written item id, e.g. ``"3.w1"``."""
    title: str
    """Short description of the item."""
    max_points: float
    """Points available (the rubric's sum)."""
    found: bool
    """False when no cell of the submission carries the item's metadata."""
    words: int = 0
    """Words in the student's text (placeholder removed)."""
    text: str = ""
    """The student's text as written (markdown); instructor's report and review file only."""
    message: str = ""
    """What the report says, e.g. ``"to be marked (4 points)"``."""
    flags: list[str] = field(default_factory=list)
    """Notes for the marker (too short, too long, cell duplicated)."""


@dataclass
class GradeReport:
    """Everything the grader concluded about one submission."""

    submission: str
    """Path of the submitted notebook as given on the command line."""
    chapter: str | None
    """Chapter stem, e.g. ``"01_power_laws"``; ``None`` if it could not be told."""
    items: list[ItemResult]
    """One entry per exercise of the chapter, in order."""
    graded: bool
    """False when the submission could not be graded at all (e.g. not a notebook)."""
    problems: list[str] = field(default_factory=list)
    """Submission-level messages (invalid JSON, kernel death, timeouts, cells that raised)."""
    seconds: float = 0.0
    """Wall time of grading."""
    sandboxed: bool = True
    """True when the kernel ran in the sandbox; False only with ``--no-sandbox`` (trusted notebooks)."""
    written: list[WrittenResult] = field(default_factory=list)
    """The chapter's written items, collected from the file (never from the kernel), to be marked."""

    @property
    def points(self) -> float:
        """Total points awarded."""
        return sum(i.points for i in self.items)

    @property
    def max_points(self) -> float:
        """Total points available automatically (written items are not included)."""
        return sum(i.max_points for i in self.items)

    @property
    def written_max_points(self) -> float:
        """Points of the written items, marked by a person (not included in :attr:`max_points`)."""
        return sum(w.max_points for w in self.written)

    def to_dict(self, *, instructor: bool = False) -> dict[str, Any]:
        """A JSON-ready dictionary; without ``instructor`` the items' ``detail`` is left out."""
        d = asdict(self)
        d["points"], d["max_points"] = self.points, self.max_points
        d["written_max_points"] = self.written_max_points
        if not instructor:
            for it in d["items"]:
                it.pop("detail", None)
                it.pop("explanation", None)
            for it in d["written"]:
                it.pop("text", None)
        return d

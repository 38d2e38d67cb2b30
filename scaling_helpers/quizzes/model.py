"""Typed description of one lecture quick check (self-study, not graded)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    """One option of a quick check."""

    text: str
    """The option as shown next to its radio button (plain text)."""
    feedback: str
    """Shown when a student checks this option: why it is right, or why it is tempting but wrong."""


@dataclass(frozen=True)
class QuickCheck:
    """A multiple-choice quick check of a lecture notebook."""

    id: str
    """Unique id ``"<chapter>.<letter>"``, e.g. ``"1.a"``; the lecture cell is ``quiz("1.a")``."""
    question: str
    """The question (plain text); the plain-text output is ``Quick check: <question>``."""
    options: tuple[Option, ...]
    """The options, in the order shown."""
    answer: int
    """Index in :attr:`options` of the right option."""

    def __post_init__(self) -> None:
        if len(self.options) < 2:
            raise ValueError(f"quick check {self.id}: needs at least two options")
        if not 0 <= self.answer < len(self.options):
            raise ValueError(f"quick check {self.id}: answer index {self.answer} is not an option")
        if any(not o.text.strip() or not o.feedback.strip() for o in self.options):
            raise ValueError(f"quick check {self.id}: every option needs a text and its own feedback")

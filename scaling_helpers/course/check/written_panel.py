"""``check("3.w1")`` for a written answer: one fixed line, and in self-study the rubric and the model answer.

The plain-text line (:func:`.written.line`) never depends on what the student wrote, so nbval
passes on the solutions and on a blank copy alike, and it never contains the model answer. The
widget shows the rubric; when the solutions are reachable (the same lookup as the answer keys)
it adds a button that shows the model answer, read from the solutions notebook, once the
student's *saved* notebook holds at least ``min_words`` words in the written cell.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..specs.model import Written
from .keys import find_solution_notebook
from .written import answer_text, count_words, line, rubric_lines, written_cells

__all__ = ["WrittenPanel", "model_answer", "reveal", "saved_notebook", "student_words"]

RELEASED_LATER = "The model answer is released after grading."
BUTTON = "I have written my answer: show the model answer"


def model_answer(item: Written, stem: str) -> str | None:
    """The model answer from the solutions notebook's written cell, or ``None`` if unreachable."""
    path = find_solution_notebook(stem)
    if path is None:
        return None
    try:
        found = written_cells(json.loads(path.read_text(encoding="utf-8"))).get(item.id)
    except (OSError, ValueError, RecursionError):
        return None
    return answer_text(found[0]) or None if found else None


def saved_notebook(stem: str) -> Path | None:
    """The student's saved exercises notebook for chapter ``stem`` (``exercises/NN.ipynb`` in the
    working folder, or the working folder itself when it is ``exercises/``), or ``None``."""
    name = f"{stem}.ipynb"
    found: list[Path] = []
    session = os.environ.get("JPY_SESSION_NAME", "")  # set by jupyter-server to the notebook's path
    if session and Path(session).name == name:
        found.append(Path(session))
    try:
        here = Path.cwd()
    except OSError:
        here = None
    if here is not None:
        found.append(here / "exercises" / name)
        if here.name == "exercises":
            found.append(here / name)
    return next((p for p in found if p.is_file()), None)


def student_words(item: Written, stem: str) -> int:
    """Words the student's saved notebook holds in the item's written cell (0 if none is found)."""
    path = saved_notebook(stem)
    if path is None:
        return 0
    try:
        cells = written_cells(json.loads(path.read_text(encoding="utf-8"))).get(item.id, [])
    except (OSError, ValueError, RecursionError):
        return 0
    return max((count_words(answer_text(c)) for c in cells), default=0)


@dataclass(frozen=True)
class Reveal:
    """What the button shows: the model answer, or why not yet."""

    shown: bool
    """True if the model answer may be shown."""
    text: str
    """The model answer (markdown) or the reason it is not shown."""


def reveal(item: Written, stem: str) -> Reveal:
    """Decide whether the model answer may be shown now (reads files only; never raises)."""
    answer = model_answer(item, stem)
    if answer is None:
        return Reveal(False, RELEASED_LATER)
    words = student_words(item, stem)
    if words < item.min_words:
        return Reveal(False, f"Write at least {item.min_words} words and save the notebook first "
                             f"(your saved notebook has {words} in this answer).")
    return Reveal(True, answer)


class WrittenPanel:
    """What ``check`` displays for a written item: the fixed line and, as a widget, the rubric."""

    def __init__(self, item: Written, stem: str, *, interactive: bool = True) -> None:
        self.item, self.stem, self.interactive = item, stem, interactive

    @property
    def line(self) -> str:
        """The deterministic plain-text line."""
        return line(self.item)

    def rubric_html(self) -> str:
        """The rubric and word range as HTML."""
        rows = "".join(f"<li>{html.escape(r)}</li>" for r in rubric_lines(self.item))
        return (f"<b>&#9998; Written answer</b> <span style='color:#555'>(exercise {html.escape(self.item.id)}, "
                f"{self.item.points} points, {self.item.min_words}–{self.item.max_words} words)</span>"
                f"<div>Your instructor marks it with this rubric:</div><ul>{rows}</ul>")

    def widget(self) -> Any:
        """An ``ipywidgets`` box: rubric, and in self-study the button and its answer area."""
        import ipywidgets as w

        head = w.HTML(value=self.rubric_html())
        if not self.interactive:
            return w.VBox([head])
        if find_solution_notebook(self.stem) is None:
            return w.VBox([head, w.HTML(value=f"<i>{RELEASED_LATER}</i>")])
        out = w.Output()
        button = w.Button(description=BUTTON, layout=w.Layout(width="auto"))

        def _click(_: Any) -> None:
            from IPython.display import Markdown, display

            res = reveal(self.item, self.stem)
            out.clear_output()
            with out:
                if res.shown:  # rendered by the front end as markdown, with its maths
                    labelled = res.text.lstrip("*_ ").lower().startswith("model answer")
                    display(Markdown(("" if labelled else "**Model answer.** ") + res.text
                                     + "\n\n*Compare it with yours, criterion by criterion.*"))
                else:
                    display(Markdown(f"*{res.text}*"))

        button.on_click(_click)
        return w.VBox([head, button, out])

    def __repr__(self) -> str:
        return self.line

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {}
        try:
            bundle.update(self.widget()._repr_mimebundle_() or {})
        except Exception:  # noqa: BLE001 - no widget support: the text line is enough
            pass
        bundle["text/plain"] = self.line
        return bundle

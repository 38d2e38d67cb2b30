"""Quick-check widget for self-study: pick an option, press Check, read the feedback."""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as w

from .display import Labelled

__all__ = ["quick_check"]


def quick_check(question: str, options: Sequence[str], answer: int, feedback: Sequence[str]) -> Labelled:
    """A multiple-choice quick check with specific feedback for every option.

    Parameters
    ----------
    question
        The question (plain text).
    options
        The options shown as radio buttons.
    answer
        Index of the correct option.
    feedback
        One explanation per option, shown when that option is checked.

    Returns
    -------
    Labelled
        Displays as the widget in JupyterLab and as ``Quick check: <question>`` in plain text.
    """
    if len(options) != len(feedback) or not 0 <= answer < len(options):
        raise ValueError("quick_check needs one feedback text per option and a valid answer index.")
    radio = w.RadioButtons(options=list(options), value=None, layout=w.Layout(width="auto"))
    button = w.Button(description="Check", button_style="primary")
    verdict = w.HTML(value="")
    verdict.add_class("quick-check-verdict")

    def on_click(_: object) -> None:
        if radio.index is None:
            verdict.value = "<i>Pick an option first.</i>"
            return
        ok = radio.index == answer
        head = "&#10004; Correct." if ok else "&#10008; Not quite."
        colour = "#0072B2" if ok else "#D55E00"
        verdict.value = (f"<div style='border-left:4px solid {colour};padding:2px 8px'><b style='color:{colour}'>"
                         f"{head}</b> {html.escape(feedback[radio.index])}</div>")

    button.on_click(on_click)
    box = w.VBox([w.HTML(f"<b>Quick check.</b> {html.escape(question)}"), radio, button, verdict])
    box.add_class("quick-check")
    return Labelled(box, f"Quick check: {question}")

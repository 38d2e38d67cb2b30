"""A verdict: one deterministic plain-text line for nbval and terminals, a widget for JupyterLab."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

__all__ = ["Verdict"]

# Colour-blind-safe pair (Okabe-Ito blue / vermillion) plus an icon, never colour alone.
_STYLE = {
    "correct": ("#0072B2", "&#10004;", "Correct"),
    "not yet": ("#D55E00", "&#10008;", "Not yet"),
    "recorded": ("#555555", "&#9998;", "Recorded"),
    "error": ("#D55E00", "&#9888;", "Cannot check"),
    "written answer": ("#555555", "&#9998;", "Written answer"),
}


@dataclass(frozen=True)
class Verdict:
    """What the checker concluded about one answer."""

    exercise: str
    """Exercise id, e.g. ``"1.3"``."""
    status: str
    """``"correct"``, ``"not yet"``, ``"recorded"`` (no key available) or ``"error"``."""
    reason: str = ""
    """Short reason; part of the plain-text line."""
    detail: str = ""
    """Specific feedback (HTML allowed) shown in the widget."""
    hint: str = ""
    """The exercise's hint, shown with a wrong answer."""
    explanation: str = ""
    """The idea behind a correct answer."""
    method_hint: str = ""
    """The second hint (the method), shown in the widget from the third wrong attempt on; never in
    :attr:`line`."""

    @property
    def passed(self) -> bool:
        """True if the answer is correct."""
        return self.status == "correct"

    @property
    def line(self) -> str:
        """The deterministic one-line summary, e.g. ``[1.3] not yet: 1.3 has no answer yet``."""
        text = f"[{self.exercise}] {self.status}"
        return f"{text}: {self.reason}" if self.reason and not self.passed else text

    def html(self) -> str:
        """The verdict as an HTML snippet (used by the widget)."""
        colour, icon, title = _STYLE.get(self.status, _STYLE["error"])
        parts = [f"<b style='color:{colour}'>{icon} {title}</b> <span style='color:#555'>"
                 f"(exercise {html.escape(self.exercise)})</span>"]
        if self.reason and not self.passed:
            parts.append(f"<div class='scaling-verdict-reason'>{html.escape(self.reason)}.</div>")
        for extra in (self.detail, self.hint if not self.passed else self.explanation):
            if extra:
                parts.append(f"<div>{extra}</div>")
        if self.method_hint and not self.passed:
            parts.append(f"<div class='scaling-verdict-method'><b>Second hint.</b> {self.method_hint}</div>")
        body = "".join(parts)
        return (f"<div class='scaling-verdict' data-status='{self.status}' style='border-left:4px solid "
                f"{colour};padding:4px 10px;margin:2px 0'>{body}</div>")

    def widget(self) -> Any:
        """An ``ipywidgets.HTML`` showing :meth:`html`."""
        import ipywidgets as w

        return w.HTML(value=self.html())

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

"""Show a widget with a short, deterministic plain-text representation.

A bare widget's text/plain repr (``VBox(children=(...))``) is long and changes with
ipywidgets versions; nbval compares it. :class:`Labelled` shows the widget in JupyterLab
and the given one-line ``text`` everywhere else (terminals, nbval, static HTML without
widget state).
"""

from __future__ import annotations

from typing import Any

__all__ = ["Labelled"]


class Labelled:
    """A widget plus a one-line plain-text stand-in."""

    def __init__(self, widget: Any, text: str) -> None:
        self.widget = widget
        """The ipywidgets widget."""
        self.text = text
        """What plain-text front-ends show."""

    def __repr__(self) -> str:
        return self.text

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_() or {})
        bundle["text/plain"] = self.text
        return bundle

"""Check: every widget view a lecture shows has its state saved in the notebook.

A deck shows a widget from the model state stored in the notebook's metadata. The build command
(``python -m scaling_helpers.build --lectures``) stores it; JupyterLab does not by default, so a
lecture run in JupyterLab and autosaved keeps the views' ids in its outputs but loses their state,
and every widget on the slides would become a plain-text stub. This check finds that mismatch
before anything is exported and says what to do.
"""

from __future__ import annotations

from typing import Any

from .sizes import widget_state

__all__ = ["MissingWidgetState", "missing_widget_state", "check_widget_state"]

_VIEW = "application/vnd.jupyter.widget-view+json"


class MissingWidgetState(ValueError):
    """A lecture notebook shows widget views whose state was not saved."""


def missing_widget_state(nb: Any) -> list[str]:
    """Model ids of the widget views in ``nb``'s outputs that have no saved state (in order, no repeats)."""
    state = widget_state(nb)
    missing: list[str] = []
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            view = out.get("data", {}).get(_VIEW)
            model_id = view.get("model_id") if isinstance(view, dict) else None
            if model_id and model_id not in state and model_id not in missing:
                missing.append(model_id)
    return missing


def check_widget_state(nb: Any, stem: str) -> Any:
    """Return ``nb`` unchanged, or raise :class:`MissingWidgetState` naming the fix."""
    missing = missing_widget_state(nb)
    if missing:
        raise MissingWidgetState(
            f"notebooks/{stem}.ipynb shows {len(missing)} widget(s) whose state was not saved (the notebook was "
            "probably run and saved in JupyterLab, which does not store widget state by default), so the slides "
            f"would show plain-text stubs. Re-execute it with `python -m scaling_helpers.build --lectures {stem}`, "
            "or build with `python -m scaling_helpers.slides --execute`, which runs a copy first; in JupyterLab, "
            "Settings > Save Widget State Automatically keeps the state from then on.")
    return nb

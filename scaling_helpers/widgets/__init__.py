"""Interactive widgets. Each wraps a pure function the notebook also calls without widgets,
so static renders and nbval see the same figure."""

from .display import Labelled
from .explorer import law_explorer
from .quiz import quick_check

__all__ = ["Labelled", "law_explorer", "quick_check"]

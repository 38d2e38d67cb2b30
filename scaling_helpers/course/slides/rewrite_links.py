"""Transform: point a lecture's links at the pages of the built site, not at notebook files.

In the repository a lecture links its sibling lectures as ``02_kaplan.ipynb`` (or
``../notebooks/02_kaplan.ipynb``) and its exercises as ``../exercises/02_kaplan.ipynb``. In the site,
lectures become ``slides/NN.slides.html`` and ``handouts/NN.html``, and the exercise notebooks are
copied to ``exercises/`` (a student downloads them from there). Lecture links are rewritten to the
page of the same kind; exercise links already resolve once the notebooks are copied.
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["rewrite_links", "LECTURE_LINK_RE"]

#: A markdown link target naming a lecture notebook: ``(02_kaplan.ipynb)``, ``(../notebooks/02_kaplan.ipynb#sec)``.
LECTURE_LINK_RE = re.compile(r"\]\((?:\.\./notebooks/|\./)?(\d\d_[A-Za-z0-9_]+)\.ipynb(#[^)\s]*)?\)")


def rewrite_links(nb: Any, kind: str = "slides") -> Any:
    """Rewrite lecture links in markdown cells to ``NN.slides.html`` (``kind="slides"``) or ``NN.html``
    (``kind="handout"``); in place, returns ``nb``."""
    if kind not in ("slides", "handout"):
        raise ValueError(f"kind must be 'slides' or 'handout', not {kind!r}")
    suffix = ".slides.html" if kind == "slides" else ".html"
    for cell in nb.cells:
        if cell.cell_type == "markdown" and ".ipynb" in cell.source:
            cell.source = LECTURE_LINK_RE.sub(lambda m: f"]({m.group(1)}{suffix}{m.group(2) or ''})", cell.source)
    return nb


#: The two variants, as pipeline steps.
rewrite_links_slides = functools.partial(rewrite_links, kind="slides")
rewrite_links_handout = functools.partial(rewrite_links, kind="handout")

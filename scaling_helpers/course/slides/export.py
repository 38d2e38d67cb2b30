"""nbconvert exporters set up for offline pages: every URL nbconvert lets us configure is local.

Pages live one folder below the site root (``slides/``, ``handouts/``) and load
``../assets/...``; :mod:`.localise_assets` and :mod:`.check_offline` deal with the rest.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from .npm_assets import URLS

__all__ = ["slides_exporter", "handout_exporter", "local_urls", "REVEAL"]

#: reveal.js settings: white theme (its fonts ship with reveal.js; "simple" imports Google Fonts),
#: a 16:9 canvas for projectors, slide numbers, and scrolling for a slide that still overflows.
REVEAL = {"reveal_theme": "white", "reveal_width": "1280", "reveal_height": "720", "reveal_number": "c/t",
          "reveal_scroll": True, "reveal_transition": "slide"}


def local_urls(prefix: str = "../assets/") -> dict[str, str]:
    """The HTMLExporter options that name a script, pointed at the local copies under ``prefix``."""
    return {
        "require_js_url": prefix + URLS["require"],
        "jquery_url": prefix + URLS["jquery"],
        "mathjax_url": prefix + URLS["mathjax"],
        "widget_renderer_url": prefix + URLS["widgets"],
    }


def _ensure_base_templates() -> None:
    """Let nbconvert find its own templates when they live outside ``sys.prefix``: a virtual
    environment made with ``--system-site-packages`` does not search the base installation's
    ``share/jupyter``. Adds that folder to ``JUPYTER_PATH`` (only then, and only once)."""
    from jupyter_core.paths import jupyter_path

    base = Path(sys.base_prefix) / "share" / "jupyter"
    if (base / "nbconvert" / "templates").is_dir() and str(base) not in jupyter_path():
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (os.environ.get("JUPYTER_PATH"), str(base)) if p)


def slides_exporter(prefix: str = "../assets/") -> Any:
    """A reveal.js ``SlidesExporter`` loading everything from ``prefix``."""
    from nbconvert import SlidesExporter

    _ensure_base_templates()
    return SlidesExporter(reveal_url_prefix=prefix + URLS["reveal"], **REVEAL, **local_urls(prefix),
                          exclude_input_prompt=True, exclude_output_prompt=True, embed_images=True)


def handout_exporter(prefix: str = "../assets/") -> Any:
    """A JupyterLab-style ``HTMLExporter`` (the whole notebook, one page) loading everything from ``prefix``."""
    from nbconvert import HTMLExporter

    _ensure_base_templates()
    return HTMLExporter(template_name="lab", **local_urls(prefix), embed_images=True)

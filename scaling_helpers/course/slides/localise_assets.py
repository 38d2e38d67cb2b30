"""Transform (HTML): point every script and style sheet at the local copies in ``assets/``.

The exporters are already configured with local URLs where nbconvert has an option for it
(``reveal_url_prefix``, ``require_js_url``, ``jquery_url``, ``mathjax_url``,
``widget_renderer_url``; see :mod:`.export`). This step handles what is left:

* a CDN URL of a bundled package that reached the page another way (a changed template
  default, a cell's own HTML) is rewritten to the local copy;
* the template's MermaidJS loader (an ES-module import from a CDN, with no option to turn it
  off) is removed. The course has no Mermaid diagrams; a page that does have one stops the
  build with a clear message instead of rendering a blank diagram offline.
"""

from __future__ import annotations

import re

from .npm_assets import URLS

__all__ = ["localise_assets", "OfflineError", "CDN_PATTERNS"]


class OfflineError(ValueError):
    """A page would need the network."""


#: CDN URL (regex) of a bundled file -> key of its local copy in :data:`~.npm_assets.URLS`.
CDN_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"https?://(?:unpkg\.com|cdn\.jsdelivr\.net/npm)/reveal\.js@[^/\"']+"), "reveal"),
    (re.compile(r"https?://cdnjs\.cloudflare\.com/ajax/libs/require\.js/[^\"']+"), "require"),
    (re.compile(r"https?://cdnjs\.cloudflare\.com/ajax/libs/jquery/[^\"']+"), "jquery"),
    (re.compile(r"https?://cdnjs\.cloudflare\.com/ajax/libs/mathjax/[^\"']+"), "mathjax"),
    (re.compile(r"https?://(?:unpkg\.com|cdn\.jsdelivr\.net/npm)/@jupyter-widgets/html-manager@[^/\"']*"
                r"/dist/embed-amd\.js"), "widgets"),
)

_SCRIPT_RE = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)


def _drop_mermaid(html: str) -> str:
    if 'class="jp-Mermaid' in html:
        raise OfflineError("this notebook has a Mermaid diagram, but MermaidJS is not bundled for offline use: "
                           "draw the diagram as an image instead")
    return _SCRIPT_RE.sub(lambda m: "" if "mermaid" in m.group(0).lower() and "module" in m.group(0)[:40]
                          else m.group(0), html)


def localise_assets(html: str, prefix: str = "../assets/") -> str:
    """Rewrite bundled packages' CDN URLs to ``prefix`` + local path and drop the Mermaid loader."""
    for pattern, key in CDN_PATTERNS:
        html = pattern.sub(prefix + URLS[key], html)
    return _drop_mermaid(html)

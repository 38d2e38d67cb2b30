"""Transform (HTML): stop the build if a page would still load anything from the network.

Checked: the asset attributes of ``<script>``, ``<link>``, ``<img>``, ``<iframe>``, media and
``<object>`` elements; ``url(...)`` and ``@import`` in ``<style>`` blocks and ``style``
attributes; URLs inside inline scripts (where nbconvert's templates build loader URLs); and
``src=`` inside JSON script blocks (the saved widget state, whose HTML widgets could embed an
image). Hyperlinks (``<a href>``) are not assets: a reference to a paper stays a link.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .localise_assets import OfflineError

__all__ = ["check_offline", "remote_references", "css_remote_references", "is_remote"]

ASSET_ATTRS = {
    "script": ("src",), "link": ("href",), "img": ("src", "srcset"), "iframe": ("src",),
    "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "embed": ("src",), "object": ("data",), "image": ("href", "xlink:href"), "input": ("src",),
}
#: XML namespace names look like URLs but are never fetched.
NAMESPACES = ("http://www.w3.org/",)
_REMOTE_RE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_CSS_RE = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*((?:[a-z][a-z0-9+.-]*:)?//[^"')\s]+)""", re.I)
_JS_URL_RE = re.compile(r"""["'`]((?:https?:)?//[^"'`\s]+)""", re.I)
_JSON_SRC_RE = re.compile(r"""src\s*=\s*\\?["']?\s*((?:https?:)?//[^"'\\\s>]+)""", re.I)


def is_remote(url: str) -> bool:
    """True for ``http(s)://``, protocol-relative ``//host`` and other scheme://host URLs."""
    return bool(_REMOTE_RE.match(url)) and not url.strip().lower().startswith("file:")


def css_remote_references(css: str) -> list[str]:
    """Remote URLs loaded by a style sheet (``url(...)``, ``@import``)."""
    return [u for u in _CSS_RE.findall(css) if is_remote(u)]


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: tuple[str, str] | None = None  # (tag, type) of the script/style being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        for name in ASSET_ATTRS.get(tag, ()):
            for url in (values.get(name, "").split(",") if name == "srcset" else [values.get(name, "")]):
                if url and is_remote(url.split()[0] if url.split() else url):
                    self.found.append(f"<{tag} {name}={url.strip()!r}>")
        for url in css_remote_references(values.get("style", "")):
            self.found.append(f"style attribute of <{tag}>: {url}")
        if tag in ("script", "style"):
            self._in = (tag, values.get("type", "").lower())

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is None:
            return
        tag, kind = self._in
        if tag == "style":
            self.found += [f"<style>: {u}" for u in css_remote_references(data)]
        elif "json" in kind:
            self.found += [f"src= in <script type={kind!r}>: {u}" for u in _JSON_SRC_RE.findall(data)]
        else:
            self.found += [f"inline <script>: {u}" for u in _JS_URL_RE.findall(data)
                           if not u.startswith(NAMESPACES)]


def remote_references(html: str) -> list[str]:
    """Every remote asset reference in a page (empty if the page works offline)."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def check_offline(html: str) -> str:
    """Return ``html`` unchanged, or raise :class:`OfflineError` listing its remote references."""
    found = remote_references(html)
    if found:
        raise OfflineError("the page would load from the network:\n  " + "\n  ".join(found[:20]))
    return html

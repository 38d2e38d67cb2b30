"""The site's ``index.html``: one row per chapter with links to its slides, handout and exercise notebook."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Entry", "index_html", "write_index"]


@dataclass(frozen=True)
class Entry:
    """A chapter on the index: file stem (``01_power_laws``) and title."""

    stem: str
    title: str


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scaling Laws for LLMs: slides and handouts</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: 0.4em 0.6em; border-bottom: 1px solid #ddd; }}
kbd {{ border: 1px solid #bbb; border-radius: 3px; padding: 0 0.3em; font-size: 0.9em; }}
</style>
</head>
<body>
<h1>Scaling Laws for LLMs: slides and handouts</h1>
<p>Everything here works without internet: open this file in a browser. In a slide deck,
<kbd>&rarr;</kbd>/<kbd>Space</kbd> advance, <kbd>Esc</kbd> shows the overview, <kbd>S</kbd> opens the
speaker view and <kbd>F</kbd> goes full screen. Handouts are the whole lecture notebook on one page,
with the saved widget views. Exercise notebooks download as <code>.ipynb</code> files: open them in
JupyterLab next to the course package.</p>
<table>
<thead><tr><th>chapter</th><th>slides</th><th>handout</th><th>exercises</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


def index_html(entries: list[Entry], site: Path) -> str:
    """The index page for ``entries``, linking only the files that exist under ``site``."""
    rows = []
    for e in entries:
        cells = [html.escape(e.title)]
        for sub, suffix, label in (("slides", ".slides.html", "slides"), ("handouts", ".html", "handout"),
                                   ("exercises", ".ipynb", "notebook")):
            rel = f"{sub}/{e.stem}{suffix}"
            cells.append(f'<a href="{html.escape(rel)}">{label}</a>' if (site / rel).exists() else "")
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return PAGE.format(rows="\n".join(rows))


def write_index(entries: list[Entry], site: Path) -> Path:
    """Write ``<site>/index.html``; return its path."""
    path = site / "index.html"
    path.write_text(index_html(entries, site), encoding="utf-8")
    return path

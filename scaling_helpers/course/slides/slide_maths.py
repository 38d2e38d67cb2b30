"""Transform (HTML): typeset each formula of a deck once, on one line.

nbconvert's MathJax configuration breaks long formulas to fit their container. reveal.js keeps
the slides that are not shown out of the layout, so when MathJax typesets them their cells
measure zero wide and a formula in a table cell is broken after every symbol (one character
per line, a slide three times too tall). To repair that, the reveal template re-typesets the
new slide on every slide change; but on a slow machine a lecturer who moves on before the first
typesetting has finished gets every formula of the slide twice (measured in Chromium with the
CPU throttled four times).

So a deck gets a second MathJax configuration block, read after the template's, that turns
automatic line breaking off (formulas stay on one line, as in the handouts), and the
template's re-typesetting handler is not registered (it has nothing left to repair).
"""

from __future__ import annotations

__all__ = ["slide_maths", "CONFIG", "RERENDER"]

CONFIG = ('<script type="text/x-mathjax-config">\n'
          "MathJax.Hub.Config({CommonHTML: {linebreaks: {automatic: false}}});\n"
          "</script>\n")
#: The reveal template's registration of its re-typesetting handler.
RERENDER = "Reveal.addEventListener('slidechanged', update);"


def slide_maths(html: str) -> str:
    """Add :data:`CONFIG` at the end of ``<head>`` and drop the :data:`RERENDER` registration."""
    head_end = html.lower().find("</head>")
    if head_end < 0:
        raise ValueError("the page has no </head>: cannot configure MathJax")
    html = html[:head_end] + CONFIG + html[head_end:]
    return html.replace(RERENDER, "// (scaling_helpers: formulas are typeset once; no re-typesetting)")

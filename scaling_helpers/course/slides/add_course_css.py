"""Transform (HTML): link the course's style sheet, last in ``<head>`` so that it wins.

Slides: nbconvert's reveal template shows images at their natural size (the course's figures
are up to 1300 px wide and 600 px tall) and sets text at 160%; on reveal's 1280x720 canvas a
figure would push its caption off the slide. ``slides.css`` caps figure height, tightens code
and output blocks, and sizes headings (without reveal's capitals).

Handouts: the lab template leaves the page font unset, so saved widget views (which inherit
it) would show in the browser's serif font; ``handout.css`` gives them the notebook's UI font.

:func:`write_css` writes both to ``assets/course/``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["add_course_css", "write_css", "STYLE_SHEETS"]

SLIDES_CSS = """\
/* Scaling Laws for LLMs: slide style (loaded after nbconvert's reveal CSS). */
.reveal .slides section { font-size: var(--jp-content-font-size1); line-height: 1.35; }
.reveal .jp-RenderedMarkdown h1, .reveal .jp-RenderedMarkdown h2, .reveal .jp-RenderedMarkdown h3 {
  text-transform: none; color: #1a3d6d; }
.reveal .jp-RenderedMarkdown h1 { font-size: 2.0em; margin: 0 0 0.4em; }
.reveal .jp-RenderedMarkdown h2 { font-size: 1.55em; margin: 0 0 0.35em; }
.reveal .jp-RenderedMarkdown h3 { font-size: 1.25em; margin: 0 0 0.3em; }
.reveal .jp-RenderedMarkdown p, .reveal .jp-RenderedMarkdown li { margin-bottom: 0.35em; }
.reveal .jp-RenderedMarkdown blockquote { margin: 0.3em 0; padding: 0.2em 0.8em; width: auto;
  font-style: normal; box-shadow: none; border-left: 4px solid #e69f00; background: #fff8e8; }
.reveal .jp-Cell { padding: 2px 0; }
.reveal .jp-OutputArea-output img { max-height: 540px; max-width: 100%; width: auto; height: auto; margin: 0; }
.reveal div.highlight > pre, .reveal div.jp-OutputArea-output > pre { font-size: 16px; line-height: 1.3; }
.reveal .jp-InputArea-editor { border-radius: 4px; }
"""

HANDOUT_CSS = """\
/* Scaling Laws for LLMs: handout style (loaded after nbconvert's lab CSS). */
.jupyter-widgets { font-family: var(--jp-ui-font-family); }
"""

#: kind of page -> (path under assets/, contents)
STYLE_SHEETS: dict[str, tuple[str, str]] = {
    "slides": ("course/slides.css", SLIDES_CSS),
    "handout": ("course/handout.css", HANDOUT_CSS),
}


def write_css(site_assets: Path) -> list[Path]:
    """Write the :data:`STYLE_SHEETS` under ``site_assets``; return their paths."""
    paths = []
    for rel, text in STYLE_SHEETS.values():
        path = site_assets / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def add_course_css(html: str, kind: str = "slides", prefix: str = "../assets/") -> str:
    """Link the course style sheet for ``kind`` (``"slides"`` or ``"handout"``) last in ``<head>``."""
    link = f'<link rel="stylesheet" href="{prefix}{STYLE_SHEETS[kind][0]}">\n'
    head_end = html.lower().find("</head>")
    if head_end < 0:
        raise ValueError("the page has no </head>: cannot add the course style sheet")
    return html[:head_end] + link + html[head_end:]

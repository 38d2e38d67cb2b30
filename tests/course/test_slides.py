"""Offline slides and handouts: the slide transforms, the offline checks, and a full build."""

from __future__ import annotations

import copy
import hashlib
import os
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from scaling_helpers.course.slides import npm_assets
from scaling_helpers.course.slides.add_course_css import add_course_css
from scaling_helpers.course.slides.assign_slides import assign_slides
from scaling_helpers.course.slides.check_offline import check_offline, remote_references
from scaling_helpers.course.slides.hide_quiz_source import hide_quiz_source
from scaling_helpers.course.slides.localise_assets import OfflineError, localise_assets
from scaling_helpers.course.slides.pipeline import build_site, lecture_notebooks, slide_copy
from scaling_helpers.course.slides.rewrite_links import rewrite_links
from scaling_helpers.course.slides.sizes import (
    IMAGE_MAX_PX,
    LINE_PX,
    SLIDE_BUDGET,
    SLIDE_WIDTH_PX,
    cell_lines,
    markdown_lines,
    widget_lines,
    widget_state,
)
from scaling_helpers.course.slides.skip_setup import skip_setup
from scaling_helpers.course.slides.slide_maths import RERENDER, slide_maths
from scaling_helpers.course.slides.split_cells import split_cells, split_markdown
from scaling_helpers.course.slides.strip_test_markers import strip_test_markers
from scaling_helpers.course.slides.widget_state_check import (
    MissingWidgetState,
    check_widget_state,
    missing_widget_state,
)

from ..conftest import ROOT


def types(nb) -> list[str]:
    return [c.metadata["slideshow"]["slide_type"] for c in nb.cells]


def paragraph(n_lines: int, word: str = "scaling") -> str:
    """A paragraph of about ``n_lines`` slide lines."""
    return " ".join([word] * (n_lines * 10))


def stream(text: str):
    return new_output("stream", name="stdout", text=text)


# ---------------------------------------------------------------- assign_slides


def test_headings_choose_slide_types():
    nb = new_notebook(cells=[
        new_markdown_cell("# Chapter 11 — Title\n\nWhy this matters."),
        new_code_cell("x = 1"),
        new_markdown_cell("## 1. First section\n\nSome text."),
        new_code_cell("print(x)", outputs=[stream("1\n")]),
        new_markdown_cell("### A sub-topic\n\nMore."),
        new_markdown_cell("A comment on the result."),
        new_markdown_cell("## 2. Second section"),
        new_markdown_cell("#### A minor heading does not start a slide"),
    ])
    assert types(assign_slides(nb)) == ["slide", "-", "slide", "-", "subslide", "-", "slide", "-"]


def test_first_shown_cell_is_the_title_slide_even_after_skipped_cells():
    nb = new_notebook(cells=[new_code_cell("import numpy"), new_markdown_cell("Intro without a heading")])
    nb.cells[0].metadata["slideshow"] = {"slide_type": "skip"}
    assert types(assign_slides(nb)) == ["skip", "slide"]


def test_a_long_slide_continues_on_sub_slides_and_code_stays_with_its_text():
    third = int(SLIDE_BUDGET / 3)
    nb = new_notebook(cells=[
        new_markdown_cell("## A long section"),
        *[new_markdown_cell(paragraph(third)) for _ in range(4)],
        new_code_cell("\n".join(f"y{i} = {i}" for i in range(third))),  # follows text: never torn from it
        new_code_cell("\n".join(f"z{i} = {i}" for i in range(third))),
        new_code_cell("\n".join(f"w{i} = {i}" for i in range(third))),
    ])
    got = types(assign_slides(nb))
    assert got[0] == "slide"
    assert "subslide" in got  # the section is split ...
    assert got[5] == "-"  # ... but the code cell right after text stays with it
    assert got.count("slide") == 1  # continuation sub-slides, not new slides
    # every sub-slide fits the budget (no single cell here is larger than it)
    size, sizes = 0.0, []
    for cell, kind in zip(nb.cells, got, strict=True):
        if kind in ("slide", "subslide") and size:
            sizes.append(size)
            size = 0.0
        size += cell_lines(cell)
    sizes.append(size)
    assert max(sizes) <= SLIDE_BUDGET
    assert len(sizes) < len(nb.cells)


def test_text_moves_with_the_code_it_introduces():
    half = int(SLIDE_BUDGET / 2)
    nb = new_notebook(cells=[
        new_markdown_cell("## Section\n\n" + paragraph(half)),
        new_markdown_cell("The figure below:"),
        new_code_cell("\n".join(f"a{i} = {i}" for i in range(half))),
    ])
    assert types(assign_slides(nb)) == ["slide", "subslide", "-"]


def test_authored_slideshow_metadata_wins():
    nb = new_notebook(cells=[
        new_markdown_cell("# Title"),
        new_markdown_cell("## Heading kept on the same slide"),
        new_markdown_cell("plain text made a slide"),
        new_markdown_cell("### notes"),
        new_code_cell("1 + 1"),
    ])
    nb.cells[1].metadata["slideshow"] = {"slide_type": "-"}
    nb.cells[2].metadata["slideshow"] = {"slide_type": "slide"}
    nb.cells[3].metadata["slideshow"] = {"slide_type": "notes"}
    nb.cells[4].metadata["slideshow"] = {"slide_type": "fragment"}
    assert types(assign_slides(nb)) == ["slide", "-", "slide", "notes", "fragment"]


# ---------------------------------------------------------------- split_cells


def test_split_markdown_at_inner_headings():
    src = "Comment on the last figure.\n\n## 3. Next section\n\nIntro.\n\n### Detail\n\nText."
    assert split_markdown(src) == ["Comment on the last figure.", "## 3. Next section\n\nIntro.",
                                   "### Detail\n\nText."]


def test_split_markdown_between_paragraphs_never_inside_fences_lists_or_maths():
    big = paragraph(int(SLIDE_BUDGET / 2))
    fence = "```python\nx = 1\n\ny = 2\n```"
    maths = "$$\na = b\n\nc = d\n$$"
    src = "\n\n".join([big, "After this chapter you can", "1. one\n2. two", fence, big, maths, big])
    pieces = split_markdown(src)
    assert len(pieces) > 1
    assert "\n\n".join(pieces).replace("\n", "") == src.replace("\n", "")
    assert any("After this chapter you can\n\n1. one" in p for p in pieces)  # lead-in stays with its list
    assert any(fence in p for p in pieces) and any(maths in p for p in pieces)
    assert all(markdown_lines(p) <= SLIDE_BUDGET or p.count("\n\n") == 0 for p in pieces)


def test_split_markdown_cuts_a_long_list_between_items_and_keeps_short_tails():
    items = "\n".join(f"* reference {i}: " + paragraph(2, "ref") for i in range(20))
    pieces = split_markdown("## References\n\n" + items + "\n\nNext: the exercises.")
    assert len(pieces) >= 2 and pieces[0].startswith("## References")
    assert all(p.lstrip().startswith(("* reference", "## References")) for p in pieces)
    assert pieces[-1].endswith("Next: the exercises.")  # the one-line tail is not a slide of its own


def test_split_cells_gives_new_ids_and_respects_authored_cells():
    long = "\n\n".join(paragraph(int(SLIDE_BUDGET / 3)) for _ in range(4))
    nb = new_notebook(cells=[new_markdown_cell("Comment.\n\n## Next\n\nText."),
                             new_markdown_cell("Comment.\n\n## Kept\n\nText."),
                             new_markdown_cell("## Long\n\n" + long)])
    nb.cells[1].metadata["slideshow"] = {"slide_type": "slide"}
    nb.cells[2].metadata["slideshow"] = {"slide_type": "slide"}
    split_cells(nb)
    sources = [c.source for c in nb.cells]
    assert sources[:3] == ["Comment.", "## Next\n\nText.", "Comment.\n\n## Kept\n\nText."]  # authored: not at headings
    assert len(sources) > 4 and sources[3].startswith("## Long")  # ... but still for length
    assert nb.cells[3].metadata["slideshow"] == {"slide_type": "slide"}  # the first piece keeps the metadata
    assert all("slideshow" not in c.metadata for c in nb.cells[4:])
    assert len({c.id for c in nb.cells}) == len(nb.cells)
    nbformat.validate(nb)


# ---------------------------------------------------------------- small transforms


def test_skip_setup_marks_only_import_cells_without_outputs():
    nb = new_notebook(cells=[
        new_code_cell("import numpy as np\nfrom x import (a,\n    b)\n\nuse_course_style()"),
        new_code_cell("import numpy as np\nx = 1"),
        new_code_cell("import numpy as np", outputs=[stream("hi\n")]),
        new_code_cell("import os"),
    ])
    nb.cells[3].metadata["slideshow"] = {"slide_type": "-"}
    skip_setup(nb)
    assert [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells] == ["skip", None, None, "-"]


def test_hide_quiz_source_and_strip_test_markers():
    view = new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "m"},
                                            "text/plain": "Quick check: ?"})
    nb = new_notebook(cells=[new_code_cell('quick_check("?", ["a"], answer=0, feedback=["f"])', outputs=[view]),
                             new_code_cell("# NBVAL_IGNORE_OUTPUT\nboot = run()  # NBVAL_ not a marker line")])
    hide_quiz_source(strip_test_markers(nb))
    assert nb.cells[0].metadata["transient"]["remove_source"] is True
    assert "transient" not in nb.cells[1].metadata
    assert nb.cells[1].source == "boot = run()  # NBVAL_ not a marker line"


def test_slide_copy_leaves_the_notebook_untouched():
    path = lecture_notebooks(ROOT)["01_power_laws"]
    nb = nbformat.read(path, as_version=4)
    before = copy.deepcopy(nb)
    deck = slide_copy(nb)
    assert nb == before
    assert all("slideshow" in c.metadata for c in deck.cells)


# ---------------------------------------------------------------- offline HTML


def test_localise_assets_rewrites_cdn_urls_and_drops_the_mermaid_loader():
    html = ('<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>'
            '<link rel="stylesheet" href="https://unpkg.com/reveal.js@4.0.2/dist/reveal.css">'
            "<script>var s = 'https://unpkg.com/@jupyter-widgets/html-manager@*/dist/embed-amd.js';</script>"
            '<script type="module">\n  import mermaid from "https://cdnjs.cloudflare.com/ajax/libs/mermaid/11/m.mjs";'
            "</script>")
    out = localise_assets(html)
    assert 'src="../assets/requirejs/require.js"' in out
    assert 'href="../assets/reveal.js/dist/reveal.css"' in out
    assert "'../assets/html-manager/dist/embed-amd.js'" in out
    assert "mermaid" not in out
    assert remote_references(out) == []
    with pytest.raises(OfflineError, match="Mermaid"):
        localise_assets('<div class="jp-Mermaid"><pre class="mermaid">graph TD</pre></div>')


@pytest.mark.parametrize("html", [
    '<script src="https://cdn.example.org/x.js"></script>',
    '<link rel="stylesheet" href="//cdn.example.org/x.css">',
    '<img src="http://example.org/a.png">',
    '<style>@import url(https://fonts.googleapis.com/css?family=Lato);</style>',
    '<style>@font-face { src: url("https://example.org/f.woff") }</style>',
    '<div style="background: url(http://example.org/bg.png)"></div>',
    "<script>var src = 'https://unpkg.com/thing@1/dist/x.js';</script>",
    '<script type="application/vnd.jupyter.widget-state+json">{"value": "<img src=\\"https://x.org/a.png\\">"}</script>',
])
def test_check_offline_finds_remote_assets(html):
    assert remote_references(html)
    with pytest.raises(OfflineError):
        check_offline(html)


def test_check_offline_allows_links_local_files_and_namespaces():
    html = ('<a href="https://arxiv.org/abs/2203.15556">paper</a><script src="../assets/x.js"></script>'
            '<img src="data:image/png;base64,AAAA"><svg xmlns="http://www.w3.org/2000/svg"></svg>'
            "<script>var ns = 'http://www.w3.org/2000/svg'; // see https://example.org</script>"
            "<style>/* https://example.org */ .a { background: url(../assets/a.png) }</style>")
    assert check_offline(html) == html


def test_slide_maths_and_course_css_go_last_in_the_head():
    html = ('<html><head><script type="text/x-mathjax-config">init()</script></head><body><script>'
            + RERENDER + "</script><pre>&lt;/head&gt;</pre></body></html>")
    out = add_course_css(slide_maths(html))
    head = out[:out.index("</head>")]
    assert head.index("init()") < head.index("linebreaks: {automatic: false}") < head.index("course/slides.css")
    assert RERENDER not in out
    assert 'href="../assets/course/handout.css"' in add_course_css(html, kind="handout")


def test_missing_npm_gives_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv(npm_assets.ENV_VAR, str(tmp_path / "empty-cache"))
    monkeypatch.setattr(npm_assets.shutil, "which", lambda _name: None)
    with pytest.raises(npm_assets.AssetsUnavailable, match=r"(?s)`npm` is not installed.*apt-get install npm"):
        npm_assets.ensure_packages()


# ---------------------------------------------------------------- the full build

REMOTE_ATTR = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
REMOTE_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//""", re.I)
REMOTE_URL = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.I)
ANCHOR = re.compile(r"""<a\s[^>]*>""", re.I)


def _npm_ready() -> bool:
    cache = npm_assets.js_cache()
    return shutil.which("npm") is not None or all(
        (cache / f"{n.replace('/', '+')}@{v}" / ".complete").exists() for n, v in npm_assets.PACKAGES.items())


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A snapshot of the lecture notebooks (the build reads these, so the tests see one consistent set)."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "exercises", root / "exercises")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory, course):
    if not _npm_ready() and not os.environ.get("CI"):
        pytest.skip("npm is not installed and the JavaScript cache is empty (apt-get install npm)")
    digests = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in lecture_notebooks(course).values()}
    out = tmp_path_factory.mktemp("site")
    report = build_site(course, out)
    print(f"built {len(digests)} decks and handouts in {report.total_seconds:.1f} s")
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in digests}
    assert after == digests, "building slides must not modify the notebooks"
    return out


@pytest.mark.slow
def test_every_lecture_has_a_deck_a_handout_and_an_index_entry(site, course):
    stems = list(lecture_notebooks(course))
    assert stems
    index = (site / "index.html").read_text(encoding="utf-8")
    for stem in stems:
        assert (site / "slides" / f"{stem}.slides.html").stat().st_size > 10_000
        assert (site / "handouts" / f"{stem}.html").stat().st_size > 10_000
        assert f'href="slides/{stem}.slides.html"' in index and f'href="handouts/{stem}.html"' in index


@pytest.mark.slow
def test_no_page_or_style_sheet_references_a_remote_asset(site, course):
    checked = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            text = ANCHOR.sub("<a>", text)  # hyperlinks to papers are not assets
        for pattern in (REMOTE_ATTR, REMOTE_IMPORT, REMOTE_URL):
            hit = pattern.search(text)
            assert hit is None, f"{path.relative_to(site)}: {text[max(0, hit.start() - 80):hit.end() + 80]!r}"
        for cdn in ("unpkg.com", "cdnjs.cloudflare.com", "cdn.jsdelivr.net", "fonts.googleapis.com"):
            assert cdn not in text, f"{path.relative_to(site)} mentions {cdn}"
        checked += 1
    assert checked >= 2 * len(lecture_notebooks(course)) + 3


@pytest.mark.slow
def test_local_assets_exist_and_are_the_ones_the_pages_load(site):
    for rel in ("reveal.js/dist/reveal.js", "reveal.js/dist/reveal.css", "reveal.js/dist/theme/white.css",
                "reveal.js/plugin/notes/notes.js", "requirejs/require.js", "jquery/dist/jquery.min.js",
                "html-manager/dist/embed-amd.js", "mathjax/MathJax.js", "mathjax/config/TeX-AMS_CHTML-full.js",
                "mathjax/config/Safe.js", "mathjax/jax/output/CommonHTML/jax.js", "course/slides.css"):
        assert (site / "assets" / rel).is_file(), rel
    assert list((site / "assets" / "mathjax" / "fonts" / "HTML-CSS" / "TeX" / "woff").rglob("*.woff"))
    assert list((site / "assets" / "reveal.js" / "dist" / "theme" / "fonts").rglob("*.woff"))
    for page in [*site.glob("slides/*.html"), *site.glob("handouts/*.html")]:
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r"""(?:src|href)=["'](\.\./assets/[^"'?#]+)""", text):
            assert (page.parent / url).resolve().is_file(), f"{page.name} loads a missing {url}"


def _sections(html: str) -> tuple[int, int]:
    """(horizontal slides, leaf sub-slides) of a reveal deck."""
    depth = top = leaves = 0
    last_open = False
    for tag in re.findall(r"<(/?)section\b", html):
        if tag == "":
            top += depth == 0
            depth += 1
            last_open = True
        else:
            leaves += last_open
            depth -= 1
            last_open = False
    assert depth == 0
    return top, leaves


@pytest.mark.slow
def test_decks_have_several_slides_but_far_fewer_than_cells(site, course):
    """A slide per section, far fewer than cells; sub-slides continue a slide only where it is too long.

    Every cell the deck should show is on it, once: nothing is lost by the splitting.
    """
    for stem, path in lecture_notebooks(course).items():
        nb = nbformat.read(path, as_version=4)
        html = (site / "slides" / f"{stem}.slides.html").read_text(encoding="utf-8")
        top, leaves = _sections(html)
        # a short notebook (the project's brief) has a slide per section; a lecture far fewer slides than cells
        assert 3 <= top <= max(len(nb.cells) / 3, 8), f"{stem}: {top} slides for {len(nb.cells)} cells"
        deck = slide_copy(nb)
        shown = [c for c in deck.cells if c.metadata["slideshow"]["slide_type"] != "skip"]
        assert html.count('class="jp-Cell ') == len(shown), stem
        if "widgets" in nb.metadata:
            assert '<script type="application/vnd.jupyter.widget-view+json">' in html  # saved views on slides


@pytest.mark.slow
def test_handouts_carry_the_saved_widget_state(site, course):
    for stem, path in lecture_notebooks(course).items():
        nb = nbformat.read(path, as_version=4)
        if "widgets" not in nb.metadata:
            continue
        html = (site / "handouts" / f"{stem}.html").read_text(encoding="utf-8")
        assert '<script type="application/vnd.jupyter.widget-state+json">' in html
        assert html.count('<script type="application/vnd.jupyter.widget-view+json">') >= 1
        assert "../assets/html-manager/dist/embed-amd.js" in html


# ------------------------------------------------------------------ links, exercises, widget state, notes
def test_rewrite_links_points_lectures_at_pages_and_leaves_exercises():
    nb = new_notebook(cells=[new_markdown_cell(
        "See [chapter 2](02_kaplan.ipynb), [§3](../notebooks/03_chinchilla.ipynb#fit) and "
        "[the exercises](../exercises/01_power_laws.ipynb); [a paper](https://arxiv.org/abs/2001.08361).")])
    slides = rewrite_links(copy.deepcopy(nb), "slides").cells[0].source
    assert "](02_kaplan.slides.html)" in slides and "](03_chinchilla.slides.html#fit)" in slides
    assert "](../exercises/01_power_laws.ipynb)" in slides and "](https://arxiv.org/abs/2001.08361)" in slides
    assert "](02_kaplan.html)" in rewrite_links(copy.deepcopy(nb), "handout").cells[0].source
    with pytest.raises(ValueError, match="kind"):
        rewrite_links(nb, "pdf")


def _with_lost_widget_state() -> tuple[str, Any]:
    """A lecture that shows widgets, as JupyterLab saves it after a run: views kept, state dropped."""
    for stem, path in lecture_notebooks(ROOT).items():
        nb = nbformat.read(path, as_version=4)
        if widget_state(nb):
            nb.metadata.pop("widgets")
            return stem, nb
    raise AssertionError("no lecture shows a widget")


def test_lost_widget_state_is_found_and_the_message_says_what_to_do():
    for path in lecture_notebooks(ROOT).values():  # as the build command saves them: nothing missing
        assert missing_widget_state(nbformat.read(path, as_version=4)) == [], path.name
    stem, nb = _with_lost_widget_state()
    assert missing_widget_state(nb)
    with pytest.raises(MissingWidgetState, match=rf"build --lectures {stem}.*--execute"):
        check_widget_state(nb, stem)


def test_build_site_stops_before_writing_anything_when_widget_state_was_lost(tmp_path):
    stem, nb = _with_lost_widget_state()
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / f"{stem}.ipynb")
    with pytest.raises(MissingWidgetState):
        build_site(tmp_path, tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_exercise_links_resolve_inside_the_site(site, course):
    index = (site / "index.html").read_text(encoding="utf-8")
    linked = 0
    for page in [*site.glob("slides/*.html"), *site.glob("handouts/*.html")]:
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r"""href=["'](\.\./exercises/[^"'#?]+|[0-9]{2}_[a-z0-9_]+\.(?:slides\.)?html)""", text):
            assert (page.parent / url).resolve().is_file(), f"{page.name} links to a missing {url}"
            linked += 1
    assert linked >= len(lecture_notebooks(course))
    for stem in lecture_notebooks(course):
        if (course / "exercises" / f"{stem}.ipynb").exists():
            assert f'href="exercises/{stem}.ipynb"' in index


@pytest.mark.slow
def test_speaker_notes_reach_the_decks(site, course):
    with_notes = 0
    for stem, path in lecture_notebooks(course).items():
        nb = nbformat.read(path, as_version=4)
        notes = sum(1 for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes")
        html = (site / "slides" / f"{stem}.slides.html").read_text(encoding="utf-8")
        assert html.count('<aside class="notes">') >= notes, stem  # a long note may be split, never lost
        with_notes += notes > 0
    assert with_notes >= 1


def test_widget_lines_uses_the_saved_display_width_of_an_explorer_image():
    from ipywidgets.embed import embed_data

    from scaling_helpers.lab.widgets import theory_explorer

    box = theory_explorer().widget
    img = box.children[1]
    state = copy.deepcopy(embed_data(views=[box])["manager_state"]["state"])
    model = state[img.model_id]["state"]
    layout = state[model["layout"].removeprefix("IPY_MODEL_")]["state"]
    assert layout["width"] == "920px" and model["width"] == "920"  # what a saved notebook keeps
    png_w, png_h = 1840, 820  # 4.6 x 2 in by 4.1 in at 200 dpi
    shown = widget_lines(img.model_id, state)
    assert shown == pytest.approx(min(png_h * 920 / png_w, IMAGE_MAX_PX) / LINE_PX + 0.3)
    layout["width"] = None  # only the width trait left
    assert widget_lines(img.model_id, state) == pytest.approx(shown)
    model["width"] = ""  # neither: the image is stretched to the slide, so it is taller
    stretched = widget_lines(img.model_id, state)
    assert stretched == pytest.approx(min(png_h * SLIDE_WIDTH_PX / png_w, IMAGE_MAX_PX) / LINE_PX + 0.3)
    assert stretched > shown

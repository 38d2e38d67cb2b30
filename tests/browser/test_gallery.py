"""What a lecturer sees, for every chapter: the explorer as the handout shows it and two slides of the deck.

Screenshots go to ``test-artifacts/browser/gallery/`` (``NN_explorer.png``, ``NN_slide_title.png``,
``NN_slide_figure.png``). Each picture is taken after checking what makes it usable in a lecture hall:
explorer images are drawn at least 1.5 pixels per displayed pixel (sharp on a high-density screen) and not
stretched beyond the static figures' width; a figure on a slide is shown at no less than 3/4 of its size, so
that its smallest text (10 pt at 100 px per inch, about 14 px) stays above 10 px on reveal's 1280x720 canvas.
"""

from __future__ import annotations

import os
import shutil

import nbformat
import pytest

from scaling_helpers.course.slides.pipeline import build_site, lecture_notebooks
from scaling_helpers.course.slides.sizes import widget_state

from ..conftest import ROOT
from .lab import CHROMIUM, CHROMIUM_ARGS
from .test_slides import MATHJAX_IDLE, REVEAL, Offline

pytestmark = pytest.mark.browser

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("Debian chromium is not installed (.ci/run installs it)", allow_module_level=True)
if shutil.which("npm") is None and not os.environ.get("CI"):
    pytest.skip("npm is not installed: the slides' JavaScript comes from the npm registry", allow_module_level=True)

GALLERY = ROOT / "test-artifacts" / "browser" / "gallery"
STEMS = list(lecture_notebooks(ROOT))
#: Smallest on-slide scale of a static figure (see the module docstring).
MIN_SLIDE_SCALE = 0.75
#: Widest an explorer image may be shown: the widest static figure (two panels of 5 in at 100 px per inch).
MAX_EXPLORER_WIDTH = 1100


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("gallery")
    shutil.copytree(ROOT / "notebooks", work / "notebooks")  # a snapshot: other work may edit notebooks/
    shutil.copytree(ROOT / "exercises", work / "exercises")
    build_site(work, work / "site")
    GALLERY.mkdir(parents=True, exist_ok=True)
    return work / "site"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def _has_explorer(stem: str) -> bool:
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    return any(m.get("model_name") == "ImageModel" for m in widget_state(nb).values())


@pytest.mark.parametrize("stem", [s for s in STEMS if _has_explorer(s)])
def test_explorer_is_sharp_and_sized_like_the_static_figures(site, browser, stem):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=2)
    net = Offline(page)
    page.goto((site / "handouts" / f"{stem}.html").as_uri())
    img = page.locator(".jupyter-widgets img").first
    img.wait_for(timeout=60_000)
    img.scroll_into_view_if_needed()
    page.wait_for_function("(el) => el.complete && el.naturalWidth > 0", arg=img.element_handle(), timeout=30_000)
    natural, shown = page.evaluate("(el) => [el.naturalWidth, el.getBoundingClientRect().width]",
                                   img.element_handle())
    box = img.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")
    (box if box.count() else img).screenshot(path=str(GALLERY / f"{stem}_explorer.png"))
    net.check()
    page.close()
    assert shown <= MAX_EXPLORER_WIDTH, f"{stem}: explorer stretched to {shown:.0f} px"
    assert natural >= 1.5 * shown, f"{stem}: {natural} px drawn for {shown:.0f} px shown: blurry on a 2x screen"


def _open_deck(page, site, stem: str) -> None:
    page.goto((site / "slides" / f"{stem}.slides.html").as_uri())
    page.wait_for_function(f"() => window.require && require.defined && require.defined('{REVEAL}')",
                           timeout=60_000)
    page.evaluate(f"() => {{ window.Reveal = require('{REVEAL}'); }}")
    page.wait_for_function("() => Reveal.isReady()", timeout=30_000)


def _settle(page) -> None:
    page.wait_for_timeout(900)  # the slide transition
    page.wait_for_function(MATHJAX_IDLE, timeout=30_000)


@pytest.mark.parametrize("stem", STEMS)
def test_title_slide_and_first_figure_slide(site, browser, stem):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    net = Offline(page)
    _open_deck(page, site, stem)
    _settle(page)
    page.screenshot(path=str(GALLERY / f"{stem}_slide_title.png"))
    # the first slide with a static figure (an output image, not a widget's)
    found = page.evaluate("""() => {
        for (const s of Reveal.getSlides()) {
            if (s.querySelector('.jp-OutputArea-output > img')) {
                const idx = Reveal.getIndices(s); Reveal.slide(idx.h, idx.v); return true; }
        }
        return false; }""")
    if found:
        _settle(page)
        page.wait_for_function("""() => [...Reveal.getCurrentSlide().querySelectorAll('.jp-OutputArea-output > img')]
            .every(i => i.complete && i.naturalWidth > 0)""", timeout=30_000)
        scales = page.evaluate("""() => [...Reveal.getCurrentSlide().querySelectorAll('.jp-OutputArea-output > img')]
            .map(i => i.getBoundingClientRect().height / Reveal.getScale() / i.naturalHeight)""")
        page.screenshot(path=str(GALLERY / f"{stem}_slide_figure.png"))
        assert scales and min(scales) >= MIN_SLIDE_SCALE, f"{stem}: a figure shown at {min(scales):.2f} of its size"
    net.check()
    page.close()

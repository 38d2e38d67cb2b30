"""One way to show a matplotlib figure in an explorer widget: sharp, at the static figures' size, and fast.

* **Size.** Static figures are shown at 100 px per inch (``figure.dpi`` of the course style). An explorer's
  ``ipywidgets.Image`` gets the same fixed display width (figure inches x 100 px, ``max_width: 100%`` so it
  shrinks in a narrow cell); the layout is part of the saved widget state, so handouts and slides keep it.
* **Sharpness.** The PNG is rendered at twice that resolution (200 dpi), so a high-density screen draws at
  least two image pixels per displayed pixel.
* **Speed.** Blitting on the Agg canvas: the static parts (axes, ticks, labels, legend) are drawn once and
  saved; a slider move restores them and draws only the *animated* artists (the lines that move). The
  whole figure is re-drawn only when something static changed (axis limits, titles, labels, texts,
  legend entries; see :meth:`WidgetFigure.static_key`). The PNG is encoded losslessly for speed (:func:`encode_png`).

The old path (a full ``savefig`` at 72-90 dpi, the Image stretched to the cell) stays available for the
benchmark: explorers built inside ``with legacy_rendering():`` use it.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["DISPLAY_DPI", "SCALE", "WidgetFigure", "legacy_rendering", "legacy_active", "image_widget", "sticky_limits",
           "encode_png"]

#: Pixels per inch at which the course shows every figure (``figure.dpi`` in the course style).
DISPLAY_DPI = 100.0
#: Image pixels per displayed pixel of an explorer's PNG.
SCALE = 2.0

_MODE = {"legacy": False}


@contextmanager
def legacy_rendering() -> Iterator[None]:
    """Inside this block, new :class:`WidgetFigure` objects use the old path (full redraw at the old dpi,
    default PNG compression, image without a fixed size); for side-by-side benchmarks only."""
    before = _MODE["legacy"]
    _MODE["legacy"] = True
    try:
        yield
    finally:
        _MODE["legacy"] = before


def legacy_active() -> bool:
    """Whether explorers built now use the old rendering path (inside :func:`legacy_rendering`)."""
    return _MODE["legacy"]


def _legend_key(ax: Axes) -> tuple:
    legend = ax.get_legend()
    if legend is None or not legend.get_visible() or legend.get_animated():
        return ()
    handles = tuple(str(getattr(h, "get_color", lambda: None)()) + str(getattr(h, "get_markerfacecolor",
                                                                                lambda: None)())
                    for h in legend.legend_handles)
    return tuple(t.get_text() for t in legend.texts) + handles


def _text_key(artists: Iterable[Artist]) -> tuple:
    return tuple((t.get_text(), t.get_position(), t.get_visible()) for t in artists  # type: ignore[attr-defined]
                 if not t.get_animated())


class WidgetFigure:
    """A figure drawn into PNG bytes for an ``ipywidgets.Image``, blitting the animated artists.

    Parameters
    ----------
    fig
        The figure (no layout engine after the first draw: its layout is frozen then, so that a move never
        re-runs it).
    animated
        Artists that change on a slider move (lines, markers, bars, texts); more can be added with
        :meth:`animate`. Everything else is drawn only when :meth:`static_key` changes.
    legacy_dpi
        Resolution of the old path (what the explorer used before, 72-90 dpi).
    legacy_blit
        The old path blitted too (chapter 2's explorer did): there it differs only by resolution and encoding.
    """

    #: Full redraws of all instances (the benchmark reports how often a move could not be blitted).
    full_draws_total = 0

    def __init__(self, fig: Figure, animated: Iterable[Artist] = (), *, legacy_dpi: float = 72.0,
                 legacy_blit: bool = False) -> None:
        self.fig = fig
        self.legacy = legacy_active()
        self.legacy_dpi = float(legacy_dpi)
        self._blit = not self.legacy or legacy_blit
        self.canvas = FigureCanvasAgg(fig)
        self.animated: list[Artist] = []
        self._key: tuple | None = None
        self._background: Any = None
        self._renderer: Any = None
        self._on_top: list[Any] = []
        self.full_draws = 0
        self.animate(*animated)
        fig.set_dpi(DISPLAY_DPI * SCALE if not self.legacy else self.legacy_dpi)

    def animate(self, *artists: Artist, new: bool = False) -> None:
        """Mark ``artists`` as moving: drawn on every move over the saved static background, in z-order.
        ``new=True`` says they were created after the last full redraw (not in the background): no redraw.

        A static legend of an axes holding a moving artist stays on top of it: its pixels, saved after each
        full redraw, are pasted back after the moving artists are drawn (an opaque legend box, at no cost).
        """
        for a in artists:
            if a not in self.animated:
                self.animated.append(a)
                if self._blit:
                    a.set_animated(True)
        if not new:
            self._key = None

    def _static_legends(self) -> list[Artist]:
        axes = {id(a.axes): a.axes for a in self.animated if getattr(a, "axes", None) is not None}
        legends = [ax.get_legend() for ax in axes.values()]
        return [lg for lg in legends if lg is not None and lg.get_visible() and not lg.get_animated()]

    def invalidate(self) -> None:
        """Force a full redraw at the next :meth:`png` (after changing a static artist not in the key)."""
        self._key = None

    @property
    def display_width(self) -> int:
        """Display width in CSS pixels: the figure's inches at 100 px per inch, like the static figures."""
        return int(round(self.fig.get_figwidth() * DISPLAY_DPI))

    def static_key(self) -> tuple:
        """What the static background shows: per axes the limits, scales, titles, labels, non-animated texts
        and legend entries, plus the figure's texts. A different key means a full redraw."""
        sup = [t for t in (self.fig._suptitle, self.fig._supxlabel, self.fig._supylabel) if t is not None]
        parts: list[Any] = [self.fig.get_size_inches().tolist(), _text_key(self.fig.texts), _text_key(sup)]
        for ax in self.fig.axes:
            parts.append((ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale(), ax.get_visible(),
                          _text_key([ax.title, ax._left_title, ax._right_title]),
                          ax.get_xlabel(), ax.get_ylabel(), _text_key(ax.texts), _legend_key(ax),
                          tuple(ax.get_xticks()), tuple(ax.get_yticks())))
        return tuple(parts)

    def png(self) -> bytes:
        """The figure as PNG bytes (blitted unless something static changed)."""
        if not self._blit:
            buf = io.BytesIO()
            self.fig.savefig(buf, format="png", dpi=self.legacy_dpi)
            return buf.getvalue()
        key = self.static_key()
        if key != self._key or self._background is None or self.canvas.get_renderer() is not self._renderer:
            self.canvas.draw()  # the static parts only: animated artists are skipped
            self.fig.set_layout_engine("none")  # freeze a constrained layout after its first run
            self._renderer = self.canvas.get_renderer()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            self._on_top = [self.canvas.copy_from_bbox(lg.get_window_extent()) for lg in self._static_legends()]
            self._key = self.static_key()  # after the draw: autoscaled limits are final now
            self.full_draws += 1
            WidgetFigure.full_draws_total += 1
        else:
            self.canvas.restore_region(self._background)
        for a in sorted(self.animated, key=lambda a: a.get_zorder()):
            if a.get_visible():
                self.fig.draw_artist(a)
        for region in self._on_top:
            self.canvas.restore_region(region)
        if self.legacy:  # the old blitting path encoded with matplotlib's imsave (Pillow defaults)
            from matplotlib.image import imsave

            buf = io.BytesIO()
            imsave(buf, np.asarray(self.canvas.buffer_rgba()), format="png")
            return buf.getvalue()
        return encode_png(np.asarray(self.canvas.buffer_rgba()))

    def image(self) -> Any:
        """A new ``ipywidgets.Image`` showing :meth:`png` at the static figures' size."""
        return image_widget(self.png(), None if self.legacy else self.display_width)


def image_widget(png: bytes, width_px: int | None) -> Any:
    """An ``ipywidgets.Image`` of ``png`` shown ``width_px`` CSS pixels wide (height from the aspect ratio,
    never wider than its container). ``None`` keeps the old stretched image."""
    import ipywidgets as w

    if width_px is None:
        return w.Image(value=png, format="png")
    return w.Image(value=png, format="png", width=str(width_px),
                   layout=w.Layout(width=f"{width_px}px", height="auto", max_width="100%"))


def sticky_limits(current: tuple[float, float], lo: float, hi: float, *, log: bool, pad: float = 0.05,
                  headroom: float = 0.3, min_fill: float = 0.4, floor: float | None = None) -> tuple[float, float]:
    """Axis limits for data spanning ``[lo, hi]`` that change only when they must.

    The ``current`` limits are kept while the data fit inside them and fill at least ``min_fill`` of the
    span (in log10 units on a log axis). Otherwise the new limits leave ``pad`` of the data span on each side
    plus ``headroom`` (a share of the span) for the next moves, never below ``floor``. A slider move then
    usually keeps the axes, so the figure is blitted instead of re-drawn.
    """
    if log and (min(lo, hi) <= 0 or min(current) <= 0):
        if min(lo, hi) <= 0:
            raise ValueError(f"a log axis needs positive data; got [{lo}, {hi}].")
        current = (max(current), max(current))  # unusable limits (a fresh axes): refit below
    f = np.log10 if log else (lambda v: v)
    inv = (lambda v: 10.0**v) if log else (lambda v: v)
    a, b = float(f(min(current))), float(f(max(current)))
    lo_t, hi_t = float(f(min(lo, hi))), float(f(max(lo, hi)))
    span = max(hi_t - lo_t, 1e-9 * max(abs(hi_t), 1.0))
    if a <= lo_t and hi_t <= b and span >= min_fill * (b - a):
        return current
    new_lo, new_hi = float(inv(lo_t - (pad + headroom) * span)), float(inv(hi_t + (pad + headroom) * span))
    if floor is not None:
        new_lo = max(new_lo, floor)
    return new_lo, new_hi


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_png(rgba: np.ndarray) -> bytes:
    """Lossless PNG bytes of an ``(h, w, 4)`` uint8 RGBA array, encoded for speed.

    No per-row filter and zlib at level 1: a figure is mostly flat colour, so this is several times faster
    than Pillow's adaptive filtering at compression level 6, for a file of 60-240 kB at the explorers'
    sizes (1280-2080 x 520-820 px); decoders read it like any PNG.
    """
    arr = np.asarray(rgba)
    if arr.dtype != np.uint8 or arr.ndim != 3 or arr.shape[2] != 4:
        raise ValueError(f"expected an (h, w, 4) uint8 RGBA array; got shape {arr.shape} of {arr.dtype}.")
    h, wd = arr.shape[:2]
    raw = np.empty((h, wd * 4 + 1), np.uint8)
    raw[:, 0] = 0  # filter type "none" for every row
    raw[:, 1:] = arr.reshape(h, -1)
    packer = zlib.compressobj(1, zlib.DEFLATED, 15, 9)
    data = packer.compress(raw.tobytes()) + packer.flush()
    header = struct.pack(">IIBBBBB", wd, h, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")

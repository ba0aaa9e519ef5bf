"""The page region a value was read from, cut out of the page image as a small PNG.

Boxes are in the geometry of what was read: for OCR pages the pixels of the OCR'd image
(rendered at the page's dpi, turned by its rotation, levelled by its skew), for text-layer
pages PDF points. A page is rendered again at the review's modest dpi and put through the
same turn and levelling, so the boxes only need scaling.
"""
from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ingest import images, orientation, pdf
from ingest.discover import FileKind, sha256_of, sniff
from ingest.options import RunOptions
from schemas.page import Box, Page, TextLine
from schemas.records import Provenance

log = logging.getLogger(__name__)

MARGIN_INCHES = 0.08
MAX_CROP = (900, 420)  # pixels: a paragraph stays legible, a whole-page span stays small


def region(provenance: Provenance, page: Page) -> Box | None:
    """Union of the boxes of what the span covers: OCR words, or the parts of a text layer's lines."""
    if provenance.box is not None:
        return provenance.box
    start, end = provenance.start, provenance.end
    if page.method == "ocr":
        return Box.union([w.box for w in page.words if w.start < end and w.end > start])
    return Box.union([_part(line, start, end) for line in page.lines if line.start < end and line.end > start])


def _part(line: TextLine, start: int, end: int) -> Box:
    """The stretch of a text-layer line its characters start..end take, widened by a tenth of the line
    either side: only whole lines have boxes, and proportional type makes the share an estimate."""
    box, length = line.box, max(1, line.end - line.start)
    width = box.x1 - box.x0
    first = (max(start, line.start) - line.start) / length
    last = (min(end, line.end) - line.start) / length
    return Box(x0=max(box.x0, int(box.x0 + width * (first - 0.1))), y0=box.y0,
               x1=min(box.x1, int(box.x0 + width * (last + 0.1)) + 1), y1=box.y1)


def lowest_confidence(provenance: Provenance, page: Page) -> float | None:
    """The least confident OCR word of the span; None on a text-layer page."""
    found = [w.confidence for w in page.words if w.start < provenance.end and w.end > provenance.start]
    return min(found) if found else None


@dataclass
class PageImage:
    image: Image.Image
    scale: float  # image pixels per unit of the page's boxes


class PageImages:
    """The page images of one file at the review's dpi, failures kept as messages.

    Only the last image made is kept: the review asks for its pages in page order, each once, so a
    long scan's images are not all held at once (200 pages at 100 dpi would be ~190 MB).
    """

    def __init__(self, path: str, options: RunOptions, dpi: int):
        self.path = path
        self.options = options
        self.dpi = dpi
        self._failed: dict[int, str] = {}
        self._last: tuple[int, PageImage] | None = None
        self._kind: FileKind | None = None

    def get(self, page: Page) -> PageImage | str:
        if page.page in self._failed:
            return self._failed[page.page]
        if self._last is not None and self._last[0] == page.page:
            return self._last[1]
        self._last = None  # let the previous page's image go before the next one is made
        try:
            made = self._make(page)
        except Exception as exc:  # a file gone or changed, a library bug: its crops are lost, not the run
            log.debug("%s page %d: no page image", self.path, page.page, exc_info=True)
            self._failed[page.page] = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            return self._failed[page.page]
        self._last = (page.page, made)
        return made

    def _make(self, page: Page) -> PageImage:
        if self._kind is None:
            if sha256_of(Path(self.path)) != page.sha256:
                raise ValueError("the file changed after it was read")
            self._kind = sniff(Path(self.path))
        index, limits = page.page - 1, self.options.limits
        if self._kind is FileKind.PDF:
            image, dpi = pdf.render_page(self.path, index, self.options.password, self.dpi, limits)
            if page.method == "text":
                return PageImage(image, dpi / 72.0)
        else:
            image, dpi = images.load_frame(self.path, index, limits)
            if dpi > self.dpi:
                image = image.resize((round(image.width * self.dpi / dpi), round(image.height * self.dpi / dpi)),
                                     Image.LANCZOS, reducing_gap=2.0)
        image = orientation.turn(image, page.rotation)
        if page.skew:
            image = orientation.deskew(image, page.skew)
        if page.image_size is None:
            raise ValueError("the page record gives no image size")
        return PageImage(image, image.width / page.image_size[0])


def crop_name(page: Page, box: Box, dpi: int) -> str:
    """Named by content: the same region of the same file keeps its name from run to run."""
    key = f"{page.sha256}:{page.page}:{box.x0},{box.y0},{box.x1},{box.y1}:{dpi}"
    return hashlib.sha256(key.encode()).hexdigest()[:20] + ".png"


def cut(made: PageImage, box: Box, dpi: int) -> bytes:
    """The box plus a margin, clipped to the page, shrunk to at most MAX_CROP, as PNG bytes."""
    return png(piece(made, box, dpi))


def piece(made: PageImage, box: Box, dpi: int) -> Image.Image:
    """The box plus a margin, clipped to the page: a copy, which outlives the page image."""
    margin = MARGIN_INCHES * dpi
    image = made.image
    left = max(0, int(box.x0 * made.scale - margin))
    top = max(0, int(box.y0 * made.scale - margin))
    right = min(image.width, int(box.x1 * made.scale + margin) + 1)
    bottom = min(image.height, int(box.y1 * made.scale + margin) + 1)
    if right <= left or bottom <= top:
        raise ValueError(f"the box {box.x0},{box.y0},{box.x1},{box.y1} lies outside the page image")
    return image.crop((left, top, right, bottom))


def png(image: Image.Image) -> bytes:
    """A piece shrunk to at most MAX_CROP, as PNG bytes."""
    image.thumbnail(MAX_CROP, Image.LANCZOS)
    buffer = io.BytesIO()
    # zlib level 3, not PIL's 6: as small within 3 % on these crops, in 60 % of the time (thousands a batch)
    image.save(buffer, format="PNG", optimize=False, compress_level=3)
    return buffer.getvalue()

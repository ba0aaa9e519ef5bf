"""The per-page stage, run in workers: one page context in, one Page record out.

Decides page by page: a trustworthy text layer is used as it is; anything else
is rendered and OCR'd, upright and level.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from PIL import Image

from ingest import images, ocr, orientation, pdf
from ingest.discover import FileKind
from ingest.errors import IngestError, PageError, PageMemoryError
from ingest.options import RunOptions
from ingest.textlayer import assess, collapse_overprint
from schemas.page import Page


@dataclass(frozen=True)
class PageTask:
    """Everything a worker needs for one page; small and picklable."""

    path: str
    sha256: str
    kind: FileKind
    index: int  # 0-based
    options: RunOptions
    read_from: str | None = None  # where a worker reads the file, if not at `path` (a copy on a Ray node)

    @property
    def file_to_read(self) -> str:
        return self.read_from or self.path


def process_page(task: PageTask) -> Page:
    started = time.perf_counter()
    try:
        if task.kind is FileKind.PDF:
            page = _pdf_page(task)
        else:
            image, dpi = images.load_frame(task.file_to_read, task.index, task.options.limits)
            page = _ocr_page(task, image, dpi)
        page.seconds = round(time.perf_counter() - started, 3)
        return page
    except MemoryError:
        raise PageMemoryError("ran out of memory (worker memory cap)",
                              path=task.path, page=task.index + 1) from None
    except IngestError as exc:
        exc.path, exc.page = task.path, exc.page or task.index + 1
        raise
    except Exception as exc:  # a library bug on a strange page must not look like ours
        raise PageError(f"{type(exc).__name__}: {exc}", path=task.path, page=task.index + 1) from None


def _pdf_page(task: PageTask) -> Page:
    opts = task.options
    layer = pdf.read_text_layer(task.file_to_read, task.index, opts.password)
    verdict = assess(layer.text, layer.has_images, layer.vector_objects, opts.text_layer)
    if verdict.usable:
        text, overprinted = collapse_overprint(layer.text)
        warnings = [f"{overprinted} overprinted line(s) collapsed"] if overprinted else []
        lines = layer.lines if text == layer.text else []  # the lines' offsets are the layer's
        return _record(task, method="text", text=text, warnings=warnings, lines=lines)
    image, dpi = pdf.render_page(task.file_to_read, task.index, opts.password, opts.ocr.dpi, opts.limits)
    page = _ocr_page(task, image, dpi)
    if layer.text.strip():
        page.warnings.append(f"text layer not used: {verdict.reason}")
    return page


def _ocr_page(task: PageTask, image: Image.Image, dpi: float) -> Page:
    opts = task.options.ocr
    timeout = task.options.limits.page_timeout
    tesseract = ocr.engine(opts.engine)
    # Scanner noise is measured, not guessed from confidence: a blur that helps a speckled page
    # costs a clean one (see orientation.smooth), and the speckle parts the two.
    speckle = orientation.speckle(image, dpi) if opts.smooth or opts.despeckle_above else None
    if opts.despeckle_above and speckle > opts.despeckle_above:
        image = orientation.despeckle(image, dpi)
    smoothed = False
    # Under 4 inches a side the stated resolution is doubtful (a 1-dpi TIFF tag, a clipping): small
    # type then passes for specks, and the blur would erase it.
    sized_like_a_page = min(image.size) / dpi >= 4
    if opts.smooth and sized_like_a_page and speckle > opts.smooth_above_speckle:
        blurred = orientation.smooth(image, opts.smooth, dpi)
        # On a sparse page the melted specks can darken the paper until Tesseract's threshold
        # takes it for ink and finds no text at all: then the page is read as scanned.
        if orientation.ink_share(blurred) <= opts.smooth_max_ink_gain * orientation.ink_share(image):
            image, smoothed = blurred, True
    level, skew = _level(image, opts)
    result = tesseract.recognize(level, opts.lang, dpi, timeout, opts.detect_inverted)
    rotation = 0
    if result.mean_confidence < opts.retry_below_confidence:
        # Low confidence is what a turned page looks like; only then pay for OSD. OSD's own
        # confidence swings with the pixels, so its guess is verified by OCR'ing the turned page.
        osd = tesseract.detect_orientation(level, timeout)
        if osd and osd.rotate:
            turned, turned_skew = _level(orientation.turn(image, osd.rotate), opts)
            retry = tesseract.recognize(turned, opts.lang, dpi, timeout, opts.detect_inverted)
            if retry.mean_confidence > result.mean_confidence + opts.min_confidence_gain:
                result, rotation, level, skew = retry, osd.rotate, turned, turned_skew
    warnings = [] if result.text.strip() else ["no text found on the page"]
    return _record(task, method="ocr", text=result.text, rotation=rotation, skew=skew,
                   dpi=round(dpi, 1), image_size=level.size,
                   ocr_confidence=round(result.mean_confidence, 1), words=result.words,
                   speckle=None if speckle is None else round(speckle, 1),
                   smoothed=opts.smooth if smoothed else None, warnings=warnings)


def _level(image: Image.Image, opts) -> tuple[Image.Image, float | None]:
    """The image with its skew undone, and the skew; None when left as it was."""
    if not opts.deskew:
        return image, None
    skew = orientation.estimate_skew(image, opts.max_skew)
    if abs(skew) < orientation.MIN_SKEW:
        return image, None
    return orientation.deskew(image, skew), round(skew, 2)


def _record(task: PageTask, **fields) -> Page:
    return Page(source=task.path, sha256=task.sha256, page=task.index + 1, **fields)


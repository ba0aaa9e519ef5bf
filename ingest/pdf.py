"""Reading PDFs: page count, text layer and rendering (pdfplumber + pypdfium2).

pypdfium2 is trusted for the page count (pdfplumber silently reports 0 pages
for some damaged files) and for rendering; pdfplumber for the text layer, which
it decodes better (non-Unicode CMaps). Workers keep the last opened documents,
so consecutive pages of one file do not re-parse it.
"""
from __future__ import annotations

import logging
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from pdfminer.layout import LTChar
from pdfminer.pdftypes import PDFStream
from pdfplumber.page import ALL_ATTRS
from pdfplumber.utils import resolve_all, resolve_and_decode
from PIL import Image

from ingest.errors import CorruptPdfError, PasswordRequiredError, RenderError
from ingest.options import LimitOptions
from schemas.page import Box, TextLine

log = logging.getLogger(__name__)

# pdfminer logs every recoverable syntax problem at WARNING; they are not ours to report.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def open_pdfium(path: str, password: str | None) -> pdfium.PdfDocument:
    """Open with pdfium, mapping its failures to typed errors.

    The empty user password is tried first, so files that are encrypted but
    open for anyone are never reported as needing one.
    """
    for attempt in (None, password) if password else (None,):
        try:
            return pdfium.PdfDocument(path, password=attempt)
        except pdfium.PdfiumError as exc:
            if "password" not in str(exc).lower():
                raise CorruptPdfError(f"cannot parse the PDF ({exc})", path=path) from None
    if password:
        raise PasswordRequiredError("the PDF is encrypted and the given password is wrong", path=path)
    raise PasswordRequiredError("the PDF is encrypted: give its password with --password", path=path)


def count_pages(path: str, password: str | None) -> int:
    doc = open_pdfium(path, password)
    try:
        n = len(doc)
    finally:
        doc.close()
    if n == 0:
        raise CorruptPdfError("the PDF has no readable pages", path=path)
    return n


@dataclass
class TextLayer:
    text: str
    has_images: bool
    vector_objects: int  # drawn shapes: many of them with little text means text set as outlines
    lines: list[TextLine] = field(default_factory=list)  # geometry of the text's lines, when known


def _text_lines(page, text: str) -> list[TextLine]:
    """The lines pdfplumber set the text in, with their boxes and type: the extractors join a wrapped
    line to the next from these, not from its length. Empty when the lines do not spell the text."""
    found = page.extract_text_lines(strip=True, return_chars=True)
    if "\n".join(l["text"] for l in found) != text:
        return []
    out, pos = [], 0
    for line in found:
        chars = [c for c in line["chars"] if not c.get("text", "").isspace()] or line["chars"]
        sizes = Counter(round(float(c.get("size", 0)), 1) for c in chars)
        bold = sum("bold" in str(c.get("fontname", "")).lower() for c in chars) * 2 > len(chars)
        box = Box(x0=int(line["x0"]), y0=int(line["top"]), x1=int(round(line["x1"])), y1=int(round(line["bottom"])))
        out.append(TextLine(start=pos, end=pos + len(line["text"]), box=box,
                            size=sizes.most_common(1)[0][0] if sizes else 0.0, bold=bold))
        pos += len(line["text"]) + 1
    return out


_PLAIN = (float, int, str, bool, type(None))


def _plain(value) -> bool:
    """A value pdfplumber's `resolve_all` would hand back as it is (or as an equal new tuple)."""
    return type(value) in _PLAIN or (type(value) is tuple and all(type(v) in _PLAIN for v in value))


def _quick_chars(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    """Give `page` a faster `process_object` for characters, with the same dicts as pdfplumber's.

    pdfplumber turns every pdfminer object into a dict generically: a regex for its type's name and
    `resolve_all` recursing into every attribute, the six numbers of each character's matrix too.
    That was 40 % of a text-layer page's time (the other objects, few, take pdfplumber's own way).
    pdfplumber is pinned in uv.lock; tests/ingest/test_units.py checks the dicts are pdfplumber's.
    """
    original = page.process_object
    x0, top = page.mediabox[:2]
    height, doctop, number, norm = page.height, page.initial_doctop, page.page_number, page.pdf.unicode_norm
    spaces: dict = {}

    def process_object(obj):
        if type(obj) is not LTChar or isinstance(obj.fontname, bytes):
            return original(obj)
        attr = {k: v if _plain(v) else resolve_all(v) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
        attr["object_type"] = "char"
        attr["page_number"] = number
        name = obj.ncs.name
        if name not in spaces:
            spaces[name] = resolve_and_decode(name)
        attr["ncs"] = spaces[name]
        text = obj.get_text()
        attr["text"] = unicodedata.normalize(norm, text) if norm is not None else text
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        attr["top"] = (height - attr["y1"]) + top
        attr["bottom"] = (height - attr["y0"]) + top
        attr["doctop"] = doctop + attr["top"]
        if x0 != 0:
            attr["x0"] = attr["x0"] + x0
            attr["x1"] = attr["x1"] + x0
        return attr

    page.process_object = process_object
    return page


class _OpenDocument:
    """One PDF opened by both libraries; pdfplumber lazily, as it can be slow or fail."""

    def __init__(self, path: str, password: str | None):
        self.path = path
        self.password = password
        self.pdfium = open_pdfium(path, password)
        self._plumber: pdfplumber.PDF | None = None
        self._plumber_failed = False

    def plumber_page(self, index: int):
        if self._plumber_failed:
            return None
        try:
            if self._plumber is None:
                self._plumber = pdfplumber.open(self.path, password=self.password or "")
            pages = self._plumber.pages
            return _quick_chars(pages[index]) if index < len(pages) else None
        except Exception as exc:  # pdfminer raises many types, TypeError among them
            log.debug("%s: pdfplumber cannot open (%r); using pdfium text", self.path, exc)
            self._plumber_failed = True
            return None

    def forget_streams(self) -> None:
        """pdfminer keeps every object it has parsed, each page's content stream and a scan's page
        image among them (~0.35 MB a scan page): a long file's piled up in the worker. Streams are
        dropped once their page is read (parsed again if another page needs one); the small objects,
        fonts and resources, stay."""
        cached = getattr(self._plumber.doc, "_cached_objs", None) if self._plumber else None
        if cached:  # objid -> (object, generation)
            for objid in [objid for objid, (obj, _) in cached.items() if isinstance(obj, PDFStream)]:
                del cached[objid]

    def close(self) -> None:
        """Never fails: a damaged file must not break the next file's page on eviction."""
        for closer in (self._plumber.close if self._plumber else None, self.pdfium.close):
            try:
                if closer:
                    closer()
            except Exception as exc:
                log.debug("%s: error while closing (%r)", self.path, exc)


class DocumentCache:
    """The few documents a worker has open, most recent last."""

    def __init__(self, size: int = 2):
        self.size = size
        self._docs: OrderedDict[tuple[str, str | None], _OpenDocument] = OrderedDict()

    def get(self, path: str, password: str | None) -> _OpenDocument:
        key = (path, password)
        if key in self._docs:
            self._docs.move_to_end(key)
            return self._docs[key]
        doc = _OpenDocument(path, password)
        self._docs[key] = doc
        while len(self._docs) > self.size:
            _, old = self._docs.popitem(last=False)
            old.close()
        return doc


_cache = DocumentCache()


def read_text_layer(path: str, index: int, password: str | None) -> TextLayer:
    doc = _cache.get(path, password)
    page = doc.plumber_page(index)
    if page is not None:
        try:
            text = page.extract_text() or ""
            shapes = len(page.curves) + len(page.lines) + len(page.rects)
            return TextLayer(text=text, has_images=bool(page.images), vector_objects=shapes,
                             lines=_text_lines(page, text) if text else [])
        except Exception as exc:
            log.debug("%s page %d: pdfplumber failed (%r); using pdfium", path, index + 1, exc)
        finally:
            page.close()  # drop pdfplumber's per-page caches: memory must not grow with pages
            doc.forget_streams()
    return _pdfium_text(doc.pdfium, index)


def _pdfium_text(doc: pdfium.PdfDocument, index: int) -> TextLayer:
    page = doc[index]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
        kinds = [obj.type for obj in page.get_objects(max_depth=2)]
    finally:
        textpage.close()
        page.close()
    return TextLayer(text=text, has_images=pdfium.raw.FPDF_PAGEOBJ_IMAGE in kinds,
                     vector_objects=kinds.count(pdfium.raw.FPDF_PAGEOBJ_PATH))


def render_scale(width_pt: float, height_pt: float, dpi: int, limits: LimitOptions) -> float:
    """The scale to render at: the asked dpi, lowered to fit the pixel budget."""
    return limits.fit(width_pt, height_pt, dpi / 72.0)


def render_page(path: str, index: int, password: str | None, dpi: int,
                limits: LimitOptions) -> tuple[Image.Image, float]:
    """Render one page as an 8-bit grayscale image; returns it and the dpi used."""
    doc = _cache.get(path, password)
    page = doc.pdfium[index]
    try:
        width, height = page.get_size()
        scale = render_scale(width, height, dpi, limits)
        try:
            # RGB rendering is twice as fast as pdfium's own grayscale conversion.
            rgb = page.render(scale=scale, may_draw_forms=True, rev_byteorder=True).to_numpy()
        except pdfium.PdfiumError as exc:
            raise RenderError(f"pdfium cannot render the page ({exc})") from None
    finally:
        page.close()
    return Image.fromarray(_to_gray(rgb), mode="L"), scale * 72.0


def _to_gray(rgb: np.ndarray) -> np.ndarray:
    if rgb.ndim == 2:
        return rgb
    channels = rgb[..., :3]
    # Scans are gray already: one channel is exact and avoids a float pass over 25 MB.
    if np.array_equal(channels[::97, ::89, 0], channels[::97, ::89, 1]):
        return np.ascontiguousarray(channels[..., 1])
    weights = np.array([0.299, 0.587, 0.114], dtype=np.float32)
    return (channels.astype(np.float32) @ weights).clip(0, 255).astype(np.uint8)

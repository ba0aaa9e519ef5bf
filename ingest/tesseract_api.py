"""Tesseract's C++ API through tesserocr, kept loaded in each worker (engine ``api``).

A ``tesseract`` process per page starts up and loads its model every time, and
gets its image through a file; here each worker process initialises the engine
once and hands it the page's pixels from memory. The wheel brings its own
libtesseract (``check_available`` names the version); the language data are the
Debian packages', found as Tesseract would (TESSDATA_PREFIX, then Debian's path).
"""
from __future__ import annotations

import glob
import os
from contextlib import contextmanager
from functools import lru_cache

from PIL import Image

from ingest.errors import MissingDependencyError, OcrError, PageTimeoutError
from ingest.ocr import OcrText, Orientation, from_tsv

_TESSDATA_GLOBS = ("/usr/share/tesseract-ocr/*/tessdata", "/usr/share/tessdata", "/usr/local/share/tessdata")
_OSD_MIN_CHARACTERS = "10"  # as the cli engine's `-c min_characters_to_try=10`


@lru_cache(maxsize=None)
def tessdata_dir() -> str:
    prefix = os.environ.get("TESSDATA_PREFIX")
    candidates = [prefix] if prefix else [p for pattern in _TESSDATA_GLOBS for p in sorted(glob.glob(pattern))]
    for path in reversed(candidates):  # the newest Tesseract's data first
        if os.path.isdir(path):
            return path.rstrip("/") + "/"
    raise MissingDependencyError(
        "Tesseract language data not found (Debian: apt-get install tesseract-ocr-spa; "
        "or set TESSDATA_PREFIX to a tessdata folder)")


@lru_cache(maxsize=None)
def check_available(lang: str) -> str:
    """Fail early, once, with a clear message if tesserocr or a language is missing."""
    try:
        import tesserocr
    except ImportError:
        raise MissingDependencyError("tesserocr is not installed (make setup installs it)") from None
    _, installed = tesserocr.get_languages(tessdata_dir())
    missing = [code for code in lang.split("+") if code not in installed]
    if missing:
        raise MissingDependencyError(
            f"Tesseract language data missing in {tessdata_dir()}: {', '.join(missing)} "
            f"(Debian: apt-get install {' '.join('tesseract-ocr-' + m for m in missing)})")
    return tesserocr.tesseract_version().splitlines()[0]


@lru_cache(maxsize=None)
def _engine(lang: str, osd: bool = False):
    """One loaded engine per language (and one for orientation) for the life of the worker."""
    import tesserocr

    check_available("osd" if osd else lang)
    psm = tesserocr.PSM.OSD_ONLY if osd else tesserocr.PSM.AUTO
    try:
        api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang="osd" if osd else lang, psm=psm)
    except RuntimeError as exc:
        raise MissingDependencyError(f"Tesseract could not load {lang!r} from {tessdata_dir()}: {exc}") from None
    if osd:
        api.SetVariable("min_characters_to_try", _OSD_MIN_CHARACTERS)
    return api


@contextmanager
def _library_chatter_muted():
    """Leptonica prints harmless warnings ("box outside rectangle") straight to the process's
    stderr; the cli engine's tesseract process keeps them to itself, and so do we."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _set_image(api, image: Image.Image, dpi: float | None = None) -> bytes:
    """Give the engine the page's grey pixels; the caller holds the buffer until it has read the results."""
    grey = image.convert("L")
    pixels = grey.tobytes()
    api.SetImageBytes(pixels, grey.width, grey.height, 1, grey.width)
    if dpi:
        api.SetSourceResolution(int(round(dpi)))
    return pixels


def recognize(image: Image.Image, lang: str, dpi: float, timeout: float = 0,
              detect_inverted: bool = False) -> OcrText:
    """OCR one page image: its text in reading order and its words with boxes."""
    api = _engine(lang)
    api.SetVariable("tessedit_do_invert", "1" if detect_inverted else "0")
    held = _set_image(api, image, dpi)
    try:
        with _library_chatter_muted():
            finished = api.Recognize(int(timeout * 1000))
        if not finished and timeout:
            raise PageTimeoutError(f"took longer than {timeout:g} s; Tesseract stopped it")
        if not finished:
            raise OcrError("tesseract could not recognise the page")
        tsv = api.GetTSVText(0)
    finally:
        api.Clear()
    del held
    return from_tsv(tsv)


def detect_orientation(image: Image.Image, timeout: float = 0) -> Orientation | None:
    """Tesseract's orientation guess, or None when it cannot tell.

    The API takes no time limit for this; the worker's page time limit covers it.
    """
    api = _engine("osd", osd=True)
    held = _set_image(api, image)
    try:
        with _library_chatter_muted():
            guess = api.DetectOrientationScript()
    finally:
        api.Clear()
    del held
    if not guess:
        return None  # too few characters: nothing to trust
    # orient_deg is how far the image is turned clockwise; undoing it takes the rest of the circle.
    return Orientation(rotate=(360 - int(guess["orient_deg"])) % 360, confidence=float(guess["orient_conf"]))

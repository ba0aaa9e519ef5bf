"""Tesseract as a command, one process per page, through pytesseract (engine ``cli``).

Images are handed over as uncompressed PGM files in shared memory: PNG
encoding of a noisy 300-dpi page costs more than a second here, PGM a few ms.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import pytesseract
from PIL import Image

from ingest.errors import MissingDependencyError, OcrError
from ingest.ocr import OcrText, Orientation, from_tsv

_TMP_DIR = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


@lru_cache(maxsize=None)
def check_available(lang: str) -> str:
    """Fail early, once, with a clear message if Tesseract or a language is missing."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingDependencyError(
            "tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-spa)")
    installed = set(pytesseract.get_languages(config=""))
    missing = [code for code in lang.split("+") if code not in installed]
    if missing:
        raise MissingDependencyError(
            f"Tesseract language data missing: {', '.join(missing)} "
            f"(Debian: apt-get install {' '.join('tesseract-ocr-' + m for m in missing)})")
    return f"tesseract {pytesseract.get_tesseract_version()}"


@contextmanager
def _pgm_file(image: Image.Image):
    pixels = np.asarray(image.convert("L"))
    fd, name = tempfile.mkstemp(suffix=".pgm", dir=_TMP_DIR)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(b"P5 %d %d 255\n" % (pixels.shape[1], pixels.shape[0]))
            fh.write(pixels.tobytes())
        yield name
    finally:
        os.unlink(name)


def recognize(image: Image.Image, lang: str, dpi: float, timeout: float = 0,
              detect_inverted: bool = False) -> OcrText:
    """OCR one page image: its text in reading order and its words with boxes."""
    config = f"--psm 3 --dpi {int(round(dpi))} -c tessedit_do_invert={int(detect_inverted)}"
    with _pgm_file(image) as name:
        try:
            tsv = pytesseract.image_to_data(name, lang=lang, config=config, timeout=timeout)
        except pytesseract.TesseractNotFoundError:
            raise MissingDependencyError("tesseract is not installed") from None
        except RuntimeError as exc:  # pytesseract's timeout
            raise OcrError(f"tesseract did not finish ({exc})") from None
        except pytesseract.TesseractError as exc:
            raise OcrError(f"tesseract failed: {exc.message.strip() or exc.status}") from None
    return from_tsv(tsv)


_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def detect_orientation(image: Image.Image, timeout: float = 0) -> Orientation | None:
    """Tesseract's orientation guess, or None when it cannot tell."""
    with _pgm_file(image) as name:
        try:
            osd = pytesseract.image_to_osd(name, config="--psm 0 -c min_characters_to_try=10",
                                           timeout=timeout)
        except (pytesseract.TesseractError, RuntimeError):
            return None  # too few characters: nothing to trust
    rotate, conf = _OSD_ROTATE.search(osd), _OSD_CONF.search(osd)
    if not rotate or not conf:
        return None
    return Orientation(rotate=int(rotate.group(1)) % 360, confidence=float(conf.group(1)))

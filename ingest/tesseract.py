"""The one place that talks to Tesseract (through pytesseract).

Images are handed over as uncompressed PGM files in shared memory: PNG
encoding of a noisy 300-dpi page costs more than a second here, PGM a few ms.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pytesseract
from PIL import Image

from ingest.errors import MissingDependencyError, OcrError
from schemas.page import Box, Word

_TMP_DIR = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


@dataclass
class OcrText:
    text: str
    words: list[Word] = field(default_factory=list)

    @property
    def mean_confidence(self) -> float:
        if not self.words:
            return 0.0
        return sum(w.confidence for w in self.words) / len(self.words)


@dataclass
class Orientation:
    rotate: int  # clockwise degrees that make the page upright
    confidence: float


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
    return str(pytesseract.get_tesseract_version())


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


def recognize(image: Image.Image, lang: str, dpi: float, timeout: float = 0) -> OcrText:
    """OCR one page image: its text in reading order and its words with boxes."""
    config = f"--psm 3 --dpi {int(round(dpi))}"
    with _pgm_file(image) as name:
        try:
            data = pytesseract.image_to_data(name, lang=lang, config=config, timeout=timeout,
                                             output_type=pytesseract.Output.DICT)
        except pytesseract.TesseractNotFoundError:
            raise MissingDependencyError("tesseract is not installed") from None
        except RuntimeError as exc:  # pytesseract's timeout
            raise OcrError(f"tesseract did not finish ({exc})") from None
        except pytesseract.TesseractError as exc:
            raise OcrError(f"tesseract failed: {exc.message.strip() or exc.status}") from None
    return _assemble(data)


def _assemble(data: dict) -> OcrText:
    """Rebuild page text from TSV rows, remembering where each word landed."""
    parts: list[str] = []
    words: list[Word] = []
    length = 0
    last_line = last_par = None
    for i, raw in enumerate(data["text"]):
        token = (raw or "").strip()
        if int(data["level"][i]) != 5 or not token:
            continue
        par = (data["block_num"][i], data["par_num"][i])
        line = par + (data["line_num"][i],)
        if last_line is not None:
            sep = " " if line == last_line else ("\n" if par == last_par else "\n\n")
            parts.append(sep)
            length += len(sep)
        left, top = int(data["left"][i]), int(data["top"][i])
        box = Box(x0=left, y0=top, x1=left + int(data["width"][i]), y1=top + int(data["height"][i]))
        conf = min(100.0, max(0.0, float(data["conf"][i])))
        words.append(Word(text=token, start=length, end=length + len(token), box=box, confidence=conf))
        parts.append(token)
        length += len(token)
        last_line, last_par = line, par
    return OcrText(text="".join(parts), words=words)


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

"""What OCR gives back, and the seam between the page stage and the Tesseract bindings.

Both bindings run Tesseract on the same Debian language data (tesseract-ocr-spa,
-osd) and return the same records; they differ in how the engine is reached:

- ``api`` (ingest/tesseract_api.py, tesserocr): the engine stays loaded in each
  worker and takes the page's pixels from memory. The default: on the samples'
  light scans it needs about a sixth less CPU per page than a tesseract process
  per page, at the same character error rate (figures in README.md).
- ``cli`` (ingest/tesseract_cli.py, pytesseract): one ``tesseract`` process per
  page, the Tesseract that Debian installs.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Literal

from schemas.page import Box, Word

EngineName = Literal["api", "cli"]
_MODULES = {"api": "ingest.tesseract_api", "cli": "ingest.tesseract_cli"}
_TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
                "left", "top", "width", "height", "conf", "text")
_WORD_LEVEL = "5"


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


def engine(name: EngineName) -> ModuleType:
    """The binding module; each offers check_available, recognize and detect_orientation."""
    return importlib.import_module(_MODULES[name])


def from_tsv(tsv: str) -> OcrText:
    """Page text in reading order, rebuilt from Tesseract's TSV, remembering where each word landed."""
    parts: list[str] = []
    words: list[Word] = []
    length = 0
    last_line = last_par = None
    for row in tsv.splitlines():
        cells = dict(zip(_TSV_COLUMNS, row.split("\t")))
        token = cells.get("text", "").strip()
        if cells["level"] != _WORD_LEVEL or not token:
            continue  # the header, block/paragraph/line rows, and empty words
        par = (cells["block_num"], cells["par_num"])
        line = par + (cells["line_num"],)
        if last_line is not None:
            sep = " " if line == last_line else ("\n" if par == last_par else "\n\n")
            parts.append(sep)
            length += len(sep)
        left, top = int(cells["left"]), int(cells["top"])
        box = Box(x0=left, y0=top, x1=left + int(cells["width"]), y1=top + int(cells["height"]))
        conf = min(100.0, max(0.0, float(cells["conf"])))
        words.append(Word(text=token, start=length, end=length + len(token), box=box, confidence=conf))
        parts.append(token)
        length += len(token)
        last_line, last_par = line, par
    return OcrText(text="".join(parts), words=words)

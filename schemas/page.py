"""Records of the ingest stage: one per input file and one per page."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FileStatus = Literal["ok", "partial", "failed"]
PageMethod = Literal["text", "ocr"]


class Box(BaseModel):
    """A rectangle in pixels of the image that was OCR'd (origin top-left)."""

    model_config = ConfigDict(frozen=True)

    x0: int
    y0: int
    x1: int
    y1: int

    @staticmethod
    def union(boxes: list["Box"]) -> "Box | None":
        if not boxes:
            return None
        return Box(x0=min(b.x0 for b in boxes), y0=min(b.y0 for b in boxes),
                   x1=max(b.x1 for b in boxes), y1=max(b.y1 for b in boxes))


class Word(BaseModel):
    """One OCR word, where it sits in the page text and on the page image."""

    text: str
    start: int = Field(description="offset of the word in Page.text")
    end: int
    box: Box
    confidence: float = Field(ge=0, le=100)


class TextLine(BaseModel):
    """One line of a text layer: where it sits in the page text, on the page (PDF points), and its type."""

    start: int = Field(description="offset of the line in Page.text")
    end: int
    box: Box
    size: float = Field(description="the font size most of its characters have")
    bold: bool = Field(description="most of its characters are set in a bold face")


class Page(BaseModel):
    """The text of one page, and how it was obtained."""

    source: str = Field(description="input path as given or found")
    sha256: str
    page: int = Field(ge=1, description="1-based page (or image frame) number")
    method: PageMethod
    text: str
    rotation: int = Field(0, description="clockwise rotation applied before OCR (0/90/180/270)")
    skew: float | None = Field(None, description="degrees of skew corrected before OCR")
    dpi: float | None = Field(None, description="resolution the page was rendered at for OCR")
    image_size: tuple[int, int] | None = Field(None, description="(width, height) of the OCR'd image")
    ocr_confidence: float | None = Field(None, description="mean Tesseract word confidence, 0-100")
    speckle: float | None = Field(None, description="isolated dark pixels per million of the page image, "
                                                    "the scanner noise that chose the clean-up")
    smoothed: float | None = Field(None, description="sigma (pixels at 300 dpi) of the blur applied before "
                                                     "OCR to a speckled page")
    words: list[Word] = Field(default_factory=list)
    lines: list[TextLine] = Field(default_factory=list, description="text-layer pages: the lines' geometry")
    warnings: list[str] = Field(default_factory=list)
    seconds: float = Field(0.0, description="time the worker spent on the page")


class ErrorRecord(BaseModel):
    """A typed error, as data."""

    type: str
    message: str
    page: int | None = None


class FileRecord(BaseModel):
    """What happened to one input file."""

    path: str
    sha256: str | None
    kind: Literal["pdf", "image", "unknown"]
    pages: int = Field(0, description="pages (or frames) the file has")
    status: FileStatus
    pages_ok: int = 0
    methods: dict[str, int] = Field(default_factory=dict)
    errors: list[ErrorRecord] = Field(default_factory=list)
    seconds: float = Field(0.0, description="worker time spent on the file's pages")

"""Options of a run, as one pydantic tree (picklable, so workers get a copy)."""
from __future__ import annotations

import math
import os
from functools import cache
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from ingest.errors import PageTooLargeError
from ingest.ocr import EngineName
from schemas.extraction import ExtractionOptions


class OcrOptions(BaseModel):
    engine: EngineName = Field(
        "api", description="how Tesseract is reached: 'api' keeps it loaded in each worker (tesserocr), "
                           "'cli' runs a tesseract process per page (pytesseract); see ingest/ocr.py")
    lang: str = Field("spa", description="Tesseract language(s), e.g. 'spa' or 'spa+eng'")
    dpi: int = Field(300, ge=100, le=1200, description="resolution pages are rendered at for OCR (under 100 dpi "
                                                       "ordinary type is too small for Tesseract)")
    deskew: bool = Field(True, description="estimate and undo small skew before OCR")
    max_skew: float = Field(10.0, description="largest skew (degrees) looked for")
    smooth: float = Field(
        1.4, ge=0, le=5, description="Gaussian blur (sigma in pixels at 300 dpi) before OCR of a page whose "
                                     "speckle is over `smooth_above_speckle`; 0: never (measured in "
                                     "ingest.orientation.smooth)")
    smooth_above_speckle: float = Field(
        320.0, ge=0, description="speckle (isolated dark pixels per million, measured on the page image) over "
                                 "which a page is smoothed; 0: every page")
    smooth_max_ink_gain: float = Field(
        2.0, ge=1, description="a blur that would make a global threshold take this many times more of the "
                               "page for ink is not applied (see ingest.orientation.smooth)")
    despeckle_above: float = Field(
        0.0, ge=0, description="a page whose speckle is over this has its specks removed before OCR; 0: never. "
                               "Off by default: measured in ingest.orientation.despeckle")
    detect_inverted: bool = Field(
        False, description="let Tesseract also try each doubtful line as white on black (its default): "
                           "on the samples' scans that costs a fifth more time and reads no better "
                           "(benchmarks/ocr_throughput.py); on for pages with reversed-out banners")
    retry_below_confidence: float = Field(
        60.0, description="mean word confidence under which orientation is checked and OCR retried")
    min_confidence_gain: float = Field(
        10.0, description="a page is turned as OSD suggests only if OCR is this much more confident")


class TextLayerOptions(BaseModel):
    max_junk_ratio: float = Field(0.3, description="share of garbled tokens that condemns a text layer")
    max_junk_ratio_over_image: float = Field(
        0.05, description="the same for text over a page image (an old OCR layer): OCR again is cheap")
    min_junk_tokens: int = Field(5, description="garbled tokens needed before a layer over an image is redone")
    min_letters_over_image: int = Field(
        20, description="a page with images needs this many letters of text before OCR is skipped")
    outline_objects: int = Field(1000, description="drawn shapes that suggest text set as outlines")
    min_letters_over_outlines: int = Field(50, description="letters needed among that many shapes")


class LimitOptions(BaseModel):
    max_pixels: int = Field(40_000_000, description="pixel budget of one rendered page or image frame")
    max_side: int = Field(20_000, description="longest side of a rendered page or image frame, in pixels")
    page_timeout: float = Field(600.0, gt=0, allow_inf_nan=False,
                                description="seconds one page may take before its worker is stopped")
    extract_timeout: float = Field(
        120.0, gt=0, allow_inf_nan=False,
        description="seconds the extraction of one document's records may take before its worker is stopped")
    worker_memory_mb: int = Field(6144, ge=256, description="address-space cap of each page worker")

    def fit(self, width: float, height: float, scale: float, unit: str = "pt") -> float:
        """`scale` (pixels per unit), lowered so that a width x height page fits the pixel budget
        and the longest side; a page that would then be too thin to read is a PageTooLargeError."""
        if width <= 0 or height <= 0 or not math.isfinite(width * height):
            raise PageTooLargeError(f"page has an unusable size {width} x {height} {unit}")
        if width * height * scale * scale > self.max_pixels:
            # Slightly under, so rounding each side up still keeps within the budget.
            scale = math.sqrt(self.max_pixels / (width * height)) * 0.999
        if max(width, height) * scale > self.max_side:
            scale = self.max_side / max(width, height)
        if min(width, height) * scale < 100:  # nothing legible could come out of it
            raise PageTooLargeError(
                f"page is {width:.0f} x {height:.0f} {unit}; within {self.max_pixels:,} pixels "
                f"it would be {min(width, height) * scale:.1f} px wide")
        return scale


class SinkOptions(BaseModel):
    database: str | None = Field(
        None, description="SQLite path or postgresql:// URL; default DIR/ingest.db")
    tables: list[Literal["csv", "parquet"]] = Field(
        default_factory=list, description="extra flat files per record type, besides JSON Lines")


class ReviewOptions(BaseModel):
    enabled: bool = Field(True, description="write DIR/review/index.html and its crops at the end of a run")
    lang: Literal["es", "en"] = Field("es", description="language of the review page's text")
    low_confidence: float = Field(
        60.0, ge=0, le=100, description="a value with an OCR word under this confidence is marked on the page")
    dpi: int = Field(100, ge=50, le=300, description="resolution pages are rendered at for the crops")


class RunOptions(BaseModel):
    ocr: OcrOptions = Field(default_factory=OcrOptions)
    text_layer: TextLayerOptions = Field(default_factory=TextLayerOptions)
    limits: LimitOptions = Field(default_factory=LimitOptions)
    sinks: SinkOptions = Field(default_factory=SinkOptions)
    review: ReviewOptions = Field(default_factory=ReviewOptions)
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1,
                         description="page workers of the local pool, or CPUs of a Ray started for the run")
    executor: Literal["local", "ray"] = Field(
        "local", description="where pages run: 'local', a process pool on this machine; 'ray', Ray tasks "
                             "(the `ray` extra), on a Ray started for the run or on the cluster at `ray_address`")
    ray_address: str | None = Field(None, description="address of a running Ray cluster (host:port); "
                                                      "default: start a Ray on this machine for the run")
    password: str | None = Field(None, description="password for encrypted PDFs")
    resume: bool = Field(True, description="skip files already finished in the output folder")
    extraction: ExtractionOptions = Field(default_factory=ExtractionOptions)

    @field_validator("ray_address")
    @classmethod
    def _ray_address_needs_ray(cls, address: str | None, info: ValidationInfo) -> str | None:
        if address is not None and info.data.get("executor") != "ray":
            raise ValueError("a Ray cluster is used only with --executor ray")
        return address

    def reading_fingerprint(self) -> str:
        """What decides a file's pages and records: a finished file is reused only if it matches.
        It includes the extractors' fingerprint (their version, code and data files), so a change
        of extractors reads finished files again."""
        import hashlib

        settings = self.ocr.model_dump_json() + self.text_layer.model_dump_json() + str(self.limits.max_pixels)
        settings += f"extractors={extractors_fingerprint()}"  # the records too: other extractors, other records
        chosen = self.extraction.model_dump_json(exclude_defaults=True)
        if chosen != "{}":  # only when set, so that files finished with the defaults stay reusable
            settings += f"extraction={chosen}"
        return hashlib.sha256(settings.encode()).hexdigest()[:16]


@cache
def extractors_fingerprint() -> str:
    """`extractors.fingerprint()`, from `extractors/version.py` loaded by its path: importing the
    package would load all the extractors' modules into the main process (0.6 s, and memory every
    page worker forked from it would carry) for one hash of their files."""
    import importlib.util

    found = importlib.util.find_spec("extractors")  # finds the package without running it
    path = os.path.join(found.submodule_search_locations[0], "version.py")
    spec = importlib.util.spec_from_file_location("_extractors_version", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.fingerprint()

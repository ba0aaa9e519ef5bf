"""The crops show what was read: Tesseract reads each crop back as the value's own text."""
from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from rapidfuzz import fuzz

from ingest import ocr
from ingest.options import RunOptions
from review.crops import PageImages, crop_name, cut, region
from schemas.page import Page
from schemas.records import DocumentRecords
from sinks.jsonl import read_jsonl

DPI = 100


def _one_line_values(records: DocumentRecords):
    """Values read from a single short line: their crop holds little else."""
    doc = records.document
    for record in [doc, *doc.recipients, *records.emails, *records.urls]:
        p = record.provenance
        if p is not None and "\n" not in p.raw and len(p.raw) >= 8:
            yield p


@pytest.mark.parametrize("name", ["000.digital.pdf", "003.scan-heavy.pdf", "000.scan-light.tif", "rotated.pdf"])
def test_a_crop_reads_back_as_the_value(samples_run, name):
    """Text layers (boxes in points), scans (pixels at 300 dpi) and a page turned 90° before OCR."""
    out = samples_run.out
    pages = [p for p in read_jsonl(out / "pages.jsonl", Page) if p.source.endswith(name)]
    records = next(r for r in read_jsonl(out / "records.jsonl", DocumentRecords)
                   if r.document.source.endswith(name))
    images = PageImages(pages[0].source, RunOptions(), DPI)
    by_number = {p.page: p for p in pages}
    scores = {}
    for provenance in _one_line_values(records):
        page = by_number[provenance.page]
        made = images.get(page)
        assert not isinstance(made, str), made
        box = region(provenance, page)
        crop = Image.open(io.BytesIO(cut(made, box, DPI)))
        big = crop.resize((crop.width * 3, crop.height * 3), Image.LANCZOS)  # Tesseract wants ~300 dpi
        text = ocr.engine("api").recognize(big, "spa", DPI * 3).text
        scores[provenance.raw] = fuzz.partial_ratio(provenance.raw.casefold(), text.casefold())
        assert crop_name(page, box, DPI).endswith(".png")
    assert scores, f"{name} has one-line values"
    assert sum(s >= 75 for s in scores.values()) >= 0.8 * len(scores), json.dumps(scores, ensure_ascii=False)

"""The pipeline on the project's own scans, with real Tesseract, measured against ground truth."""
from __future__ import annotations

import re

import pytest
from rapidfuzz.distance import Levenshtein

from tests.conftest import SAMPLES


def gt_pages(stem: str) -> list[str]:
    return (SAMPLES / "gt" / f"{stem}.gt.txt").read_text(encoding="utf-8").split("\f")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = fold(reference), fold(hypothesis)
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


def test_every_page_of_every_file_has_a_record(samples_run):
    assert samples_run.returncode == 0, samples_run.stderr[-2000:]
    files, pages = samples_run.files(), samples_run.pages()
    for name, record in files.items():
        assert record["status"] == "ok"
        assert [p["page"] for p in pages[name]] == list(range(1, record["pages"] + 1))


def test_light_scans_read_within_3_percent_cer(samples_run):
    pages = samples_run.pages()
    errors = chars = 0
    for stem in ("000", "001", "002", "003", "004"):
        ocr = pages[f"{stem}.scan-light.pdf"]
        truth = gt_pages(stem)
        assert len(ocr) == len(truth)
        for page, reference in zip(ocr, truth):
            assert page["method"] == "ocr"
            errors += Levenshtein.distance(fold(reference), fold(page["text"]))
            chars += len(fold(reference))
    assert errors / chars <= 0.03, f"CER {errors / chars:.2%}"


def test_rotated_page_is_turned_and_readable(samples_run):
    first, second = samples_run.pages()["rotated.pdf"]
    assert first["rotation"] == 0 and second["rotation"] == 90
    assert cer(gt_pages("000")[1], second["text"]) < 0.10


def test_mixed_pdf_is_decided_page_by_page(samples_run):
    pages = samples_run.pages()["mixed.pdf"]
    assert [p["method"] for p in pages] == ["text", "ocr", "ocr", "ocr", "ocr"]
    assert cer(gt_pages("003")[0], pages[0]["text"]) < 0.005


@pytest.mark.parametrize("name, frames", [("000.scan-light.tif", 2), ("003.scan-light.tif", 5),
                                          ("000.scan-light.png", 1), ("003.scan-light.png", 1)])
def test_images_give_one_page_per_frame(samples_run, name, frames):
    pages = samples_run.pages()[name]
    assert len(pages) == frames
    stem = name[:3]
    assert cer(gt_pages(stem)[0], pages[0]["text"]) < 0.05


def test_ocr_words_point_into_the_page_text(samples_run):
    page = samples_run.pages()["001.scan-light.pdf"][0]
    assert page["words"] and page["ocr_confidence"] > 80
    for word in page["words"]:
        assert page["text"][word["start"]:word["end"]] == word["text"]
        box = word["box"]
        assert 0 <= box["x0"] < box["x1"] <= page["image_size"][0]
        assert 0 <= box["y0"] < box["y1"] <= page["image_size"][1]


def test_digital_pdf_uses_its_text_layer(samples_run):
    pages = samples_run.pages()["000.digital.pdf"]
    assert [p["method"] for p in pages] == ["text", "text"]
    assert all(cer(ref, p["text"]) == 0 for ref, p in zip(gt_pages("000"), pages))

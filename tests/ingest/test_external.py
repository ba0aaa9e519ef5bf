"""One regression test per real third-party problem file (tests/resources/external).

Each expectation restates the file's line in MANIFEST.tsv.
"""
from __future__ import annotations

import csv

import pytest
from rapidfuzz import fuzz

from tests.conftest import EXTERNAL

MANIFEST = {row["file"]: row for row in csv.DictReader(
    (EXTERNAL / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)}

# file -> (status, error type or None, methods, a phrase the text must contain)
EXPECTED = {
    "ocrmypdf-c02-22.pdf": ("ok", None, {"ocr": 1}, "path amongst"),
    "ocrmypdf-skew.pdf": ("ok", None, {"ocr": 1}, "state-of-the-art composition"),
    "ocrmypdf-rotated_skew.pdf": ("ok", None, {"ocr": 1}, "state-of-the-art composition"),
    "ocrmypdf-cardinal.pdf": ("ok", None, {"ocr": 4}, "state-of-the-art composition"),
    "ocrmypdf-francais.pdf": ("ok", None, {"ocr": 1}, "whisky"),
    "ocrmypdf-jbig2.pdf": ("ok", None, {"ocr": 1}, "state-of-the-art composition"),
    "pdfminer-175.pdf": ("ok", None, {"ocr": 2}, "CLEVELAND"),
    "ocrmypdf-multipage.pdf": ("ok", None, {"ocr": 5, "text": 1}, "throne of England"),
    "unstructured-pdf-with-ocr-text.pdf": ("ok", None, {"ocr": 1}, "TO:"),
    "fondue-es-holmberg-horacio-kalibang-p9.png": ("ok", None, {"ocr": 1}, "preludio"),
    "tesseract-eurotext.tif": ("ok", None, {"ocr": 1}, "zorro"),
    "tesseract-phototestrot.tif": ("ok", None, {"ocr": 1}, "12 point text"),
    "docling-2206.01062.tif": ("ok", None, {"ocr": 2}, "DocLayNet"),
    "ocrmypdf-baiona_cmyk.jpg": ("ok", None, {"ocr": 1}, "Angelu"),
    "pdfjs-bug1815476.pdf": ("ok", None, {"text": 1}, "EXPEDIENTE"),
    "pdfplumber-2023-06-20-PV.pdf": ("ok", None, {"text": 2}, "PROCÈS-VERBAL"),
    "pdfminer-issue-791-non-unicode-cmap.pdf": ("ok", None, {"text": 1}, "Peněžní prostředky"),
    "ocrmypdf-type3_font_nomapping.pdf": ("ok", None, {"ocr": 1}, ""),
    "tabula-argentina_diputados_voting_record.pdf": ("ok", None, {"text": 1}, "Diputados"),
    "ocrmypdf-skew-encrypted.pdf": ("failed", "PasswordRequiredError", {}, None),
    "pysample-libreoffice-writer-password.pdf": ("failed", "PasswordRequiredError", {}, None),
    "ocrmypdf-encrypted_algo4.pdf": ("ok", None, {"ocr": 1}, "CONGRESS"),
    "pdfplumber-empty.pdf": ("failed", "EmptyFileError", {}, None),
    "docling-corrupted.pdf": ("failed", "UnsupportedFormatError", {}, None),
    "ocrmypdf-invalid.pdf": ("failed", "CorruptPdfError", {}, None),
    "pdfjs-xref_command_missing.pdf": ("ok", None, {"text": 1}, "Reduced test-case"),
    "pdfminer-zen_of_python_corrupted.pdf": ("ok", None, {"text": 1}, "Beautiful is better than ugly"),
    "pdfjs-bug1020226.pdf": ("failed", "CorruptPdfError", {}, None),
    "pdfjs-poppler-85140-0.pdf": ("failed", "PageTooLargeError", {}, None),
    "pdfjs-REDHAT-1531897-0.pdf": ("failed", "CorruptPdfError", {}, None),
    "pdfjs-bomb_giant.pdf": ("ok", None, {"text": 1}, "GIANT JBIG2 BOMB"),
    "ocrmypdf-hugemono.pdf": ("ok", None, {"ocr": 1}, "tiny amount of text"),
    "pdfjs-bug1978317.pdf": ("ok", None, {"text": 1}, "Hello World"),
    "pdfjs-issue12810.pdf": ("ok", None, {"ocr": 1}, "TREES"),
    "pdfjs-operator_list_cycle.pdf": ("ok", None, {"ocr": 1}, ""),
    "unstructured-pdf2image-memory-error-test-400p.pdf": ("ok", None, None, "IDRS Terminal Responses"),
}


def test_every_manifest_file_has_an_expectation():
    assert set(EXPECTED) == set(MANIFEST)


def test_batch_finishes_with_the_failure_exit_code(external_run):
    assert external_run.returncode == 1, external_run.stderr[-2000:]
    assert "Traceback" not in external_run.stderr
    assert set(external_run.files()) == set(MANIFEST)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_file_behaves_as_manifest_says(external_run, name):
    status, error, methods, phrase = EXPECTED[name]
    record = external_run.files()[name]
    assert record["status"] == status, record["errors"]
    assert [e["type"] for e in record["errors"]] == ([error] if error else [])
    if methods is not None:
        assert record["methods"] == methods
    pages = external_run.pages().get(name, [])
    assert len(pages) == record["pages_ok"]
    if phrase:
        assert any(phrase in p["text"] for p in pages), [p["text"][:200] for p in pages]
    if error:
        # The error is on stderr too, naming the file.
        assert any(name in line and error_message(record) in line
                   for line in external_run.stderr.splitlines())


def error_message(record: dict) -> str:
    return record["errors"][0]["message"]


def test_page_count_comes_from_pdfium_when_pdfplumber_sees_none(external_run):
    assert external_run.files()["pdfminer-175.pdf"]["pages"] == 2
    assert external_run.files()["pdfjs-bug1978317.pdf"]["pages"] == 1


def test_cardinal_pages_are_each_turned_upright(external_run):
    pages = external_run.pages()["ocrmypdf-cardinal.pdf"]
    # The same scan at four orientations: turned upright, all four read alike.
    assert sum(p["rotation"] != 0 for p in pages) >= 2
    first = pages[0]["text"]
    for page in pages[1:]:
        assert fuzz.ratio(first, page["text"]) > 95


def test_giant_page_is_rendered_within_the_pixel_budget(external_run):
    page = external_run.pages()["ocrmypdf-hugemono.pdf"][0]
    width, height = page["image_size"]
    assert width * height <= 40_000_000 and page["dpi"] < 300


def test_impossible_page_size_names_the_page(external_run):
    (error,) = external_run.files()["pdfjs-poppler-85140-0.pdf"]["errors"]
    assert error["page"] == 1 and "pt" in error["message"]


def test_encrypted_file_asks_for_the_password(external_run):
    (error,) = external_run.files()["ocrmypdf-skew-encrypted.pdf"]["errors"]
    assert "--password" in error["message"]


def test_overprinted_header_is_collapsed(external_run):
    (page,) = external_run.pages()["tabula-argentina_diputados_voting_record.pdf"]
    assert "[[[[" not in page["text"] and any("overprinted" in w for w in page["warnings"])


def test_long_pdf_gives_every_page(external_run):
    pages = external_run.pages()["unstructured-pdf2image-memory-error-test-400p.pdf"]
    assert [p["page"] for p in pages] == list(range(1, 401))

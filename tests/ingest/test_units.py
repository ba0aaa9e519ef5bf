"""Unit tests of the ingest stage's small modules, on direct inputs."""
from __future__ import annotations

import pdfplumber
import pytest
import numpy as np
from PIL import Image, ImageDraw

from ingest import orientation, pdf
from ingest.discover import FileKind, find_inputs, sniff
from ingest.errors import EmptyFileError, PageTooLargeError, UnsupportedFormatError, UsageError
from ingest.options import LimitOptions, TextLayerOptions
from ingest.textlayer import assess, collapse_overprint
from tests.conftest import SAMPLES

OPTS = TextLayerOptions()


@pytest.mark.parametrize("text, images, shapes, usable", [
    ("Guatemala, 24 de enero de 2020. Señor Alcalde: reciba un cordial saludo.", False, 0, True),
    ("Vea https://munixela.laip.gt/ y https://www.opengovpartnership.org/es/?a=1&b=2 hoy", False, 0, True),
    ("GIANT JBIG2 BOMB 100000x100000 = 1.16GB each", False, 0, True),
    ("(cid:25)(cid:18)(cid:7)", False, 0, False),
    ("", True, 0, False),
    ("«POAH «3E*»CM tanntxim. inc. /^. ^ FRG&t H^uid 3s«»teership A&s-oeiete© with more words here",
     True, 0, False),
    ("3HQČåQtSURVWĜHGN 3HQČåQtSURVWĜHGN QD ÒþWHFK", False, 0, False),
    ("R O T I D E F", False, 50_000, False),
    ("Page 3", True, 0, False),
])
def test_text_layer_verdicts(text, images, shapes, usable):
    assert assess(text, images, shapes, OPTS).usable is usable


def test_overprint_collapses_only_repeated_runs():
    text, fixed = collapse_overprint("[[[[ÉÉÉÉÇÇÇÇ VVVVöööö\nLlamada  normal, sin cambios")
    assert fixed == 1 and text == "[ÉÇ Vö\nLlamada  normal, sin cambios"


@pytest.mark.parametrize("name", ["000.digital.pdf", "003.digital.pdf", "mixed.pdf", "000.scan-light.pdf"])
def test_quick_chars_are_pdfplumbers(name):
    """pdf._quick_chars copies what pdfplumber's process_object makes of a character: the same dicts,
    so the same text and lines (a pdfplumber upgrade that changes them fails here)."""
    path = SAMPLES / name
    with pdfplumber.open(path) as plain, pdfplumber.open(path) as quick:
        for ours, theirs in zip(quick.pages, plain.pages):
            pdf._quick_chars(ours)
            assert ours.chars == theirs.chars
            assert {k: len(v) for k, v in ours.objects.items()} == {k: len(v) for k, v in theirs.objects.items()}
            assert ours.extract_text() == theirs.extract_text()


@pytest.fixture(scope="module")
def page_image() -> Image.Image:
    image, _ = pdf.render_page(str(SAMPLES / "001.digital.pdf"), 0, None, 150, LimitOptions())
    return image


@pytest.mark.parametrize("angle", [-3.0, -1.2, 0.8, 2.5])
def test_skew_estimate_recovers_a_known_rotation(page_image, angle):
    base = orientation.estimate_skew(page_image)
    turned = page_image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    assert orientation.estimate_skew(turned) == pytest.approx(base - angle, abs=0.25)


def test_skew_of_a_blank_page_is_zero():
    assert orientation.estimate_skew(Image.new("L", (1000, 1400), 255)) == 0.0


def test_render_scale_respects_the_pixel_budget():
    limits = LimitOptions(max_pixels=10_000_000)
    assert pdf.render_scale(612, 792, 300, limits) == pytest.approx(300 / 72)
    scale = pdf.render_scale(8400, 8400, 300, limits)
    assert (8400 * scale) ** 2 <= 10_000_000 * 1.0001
    with pytest.raises(PageTooLargeError):
        pdf.render_scale(595, 2**31, 300, limits)


def test_sniff_by_content_not_name(tmp_path):
    fake = tmp_path / "letter.pdf"
    fake.write_text("hello")
    with pytest.raises(UnsupportedFormatError):
        sniff(fake)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        sniff(empty)
    assert sniff(SAMPLES / "000.scan-light.tif") is FileKind.IMAGE
    assert sniff(SAMPLES / "mixed.pdf") is FileKind.PDF


def test_find_inputs_recurses_and_rejects_missing_paths(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.PDF").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "gold.json").write_text("{}")
    found, skipped = find_inputs([str(tmp_path)])
    assert [p.name for p in found] == ["a.png", "b.PDF"]
    assert [p.name for p in skipped] == ["gold.json"]
    with pytest.raises(UsageError):
        find_inputs([str(tmp_path / "missing")])


def test_smoothing_lowers_the_character_error_rate_of_a_speckled_scan(monkeypatch):
    """Real Tesseract on a real heavy scan, with and without the blur."""
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")  # as in the workers: threads only contend here
    from ingest import ocr
    from ingest.options import OcrOptions
    from tests.ingest.test_samples import cer, gt_pages

    image, dpi = pdf.render_page(str(SAMPLES / "000.scan-heavy.pdf"), 0, None, 300, LimitOptions())
    reference = gt_pages("000")[0]
    tesseract = ocr.engine(OcrOptions().engine)
    plain = cer(reference, tesseract.recognize(image, "spa", dpi).text)
    smoothed = cer(reference, tesseract.recognize(orientation.smooth(image, 1.4, dpi), "spa", dpi).text)
    assert smoothed < plain * 0.8, (plain, smoothed)
    assert orientation.smooth(image, 0, dpi) is image


def test_despeckling_removes_lone_specks_and_keeps_strokes_and_dots_beside_them():
    page = Image.new("L", (400, 300), 235)
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 100, 104, 160), fill=20)  # a stroke
    draw.rectangle((106, 156, 108, 158), fill=20)  # a full stop beside it
    specks = [(30, 40), (300, 250), (350, 60)]
    for x, y in specks:
        draw.rectangle((x, y, x + 1, y + 1), fill=40)
    assert orientation.speckle(page, 300) == pytest.approx(len(specks) * 4 / (400 * 300) * 1e6)
    pixels = np.asarray(orientation.despeckle(page, 300))
    assert all(pixels[y, x] == 235 for x, y in specks)
    assert (pixels[100:161, 100:105] == 20).all() and (pixels[156:159, 106:109] == 20).all()
    clean = Image.new("L", (400, 300), 235)
    assert orientation.speckle(clean, 300) == 0 and orientation.despeckle(clean, 300) is clean


def test_the_speckle_tells_a_heavy_scan_from_a_light_one_and_only_the_heavy_one_is_smoothed(monkeypatch):
    """Real Tesseract on real scans, through the page stage with its default options."""
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    from ingest.options import OcrOptions, RunOptions
    from ingest.pages import PageTask, process_page
    from tests.ingest.test_samples import cer, gt_pages

    def first_page(name: str, **ocr):
        task = PageTask(str(SAMPLES / name), "0" * 64, FileKind.PDF, 0, RunOptions(ocr=OcrOptions(**ocr)))
        return process_page(task)

    reference = gt_pages("002")[0]
    light, heavy = first_page("002.scan-light.pdf"), first_page("002.scan-heavy.pdf")
    assert light.speckle < OcrOptions().smooth_above_speckle < heavy.speckle
    assert light.smoothed is None and heavy.smoothed == OcrOptions().smooth
    as_scanned = first_page("002.scan-heavy.pdf", smooth=0)
    assert as_scanned.smoothed is None and as_scanned.speckle is None
    assert cer(reference, heavy.text) < cer(reference, as_scanned.text) * 0.8


def test_a_sparse_speckled_page_the_blur_would_darken_into_ink_is_read_as_scanned(monkeypatch):
    """corpus/tune/inf2's heavy scan, page 2: a few lines on a grey, speckled page. Blurred, Tesseract's
    threshold took the paper for ink and lost half the text (CER 0.58 against 0.15 as scanned)."""
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    from rapidfuzz.distance import Levenshtein

    from ingest.options import OcrOptions, RunOptions
    from ingest.pages import PageTask, process_page
    from tests.conftest import ROOT

    path = ROOT / "corpus" / "tune" / "pdf" / "inf2.scan-heavy.pdf"
    image, dpi = pdf.render_page(str(path), 1, None, 300, LimitOptions())
    blurred = orientation.smooth(image, OcrOptions().smooth, dpi)
    assert orientation.ink_share(blurred) > OcrOptions().smooth_max_ink_gain * orientation.ink_share(image)
    page = process_page(PageTask(str(path), "0" * 64, FileKind.PDF, 1, RunOptions()))
    assert page.speckle > OcrOptions().smooth_above_speckle and page.smoothed is None
    truth = " ".join((ROOT / "corpus" / "tune" / "gt" / "inf2.gt.txt").read_text("utf-8").split("\f")[1].split())
    assert Levenshtein.distance(truth, " ".join(page.text.split())) / len(truth) < 0.3


def test_the_ink_share_is_what_a_global_threshold_takes_for_ink():
    page = Image.new("L", (400, 300), 230)
    ImageDraw.Draw(page).rectangle((0, 0, 99, 299), fill=30)  # a quarter of the page dark
    assert orientation.ink_share(page) == pytest.approx(0.25, abs=0.01)

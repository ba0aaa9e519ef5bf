"""Both Tesseract bindings, on real scans: the same records, the same orientation, clear set-up errors."""
from __future__ import annotations

import pytest
from PIL import ImageOps

from ingest import ocr, orientation, pdf
from ingest.errors import MissingDependencyError, PageTimeoutError
from ingest.options import LimitOptions
from tests.conftest import SAMPLES, run_cli
from tests.ingest.test_samples import cer, gt_pages

ENGINES = ["api", "cli"]


@pytest.fixture(autouse=True)
def single_threaded(monkeypatch):
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")  # as in the workers


@pytest.fixture(scope="module")
def light_page():
    return pdf.render_page(str(SAMPLES / "001.scan-light.pdf"), 0, None, 300, LimitOptions())


@pytest.mark.parametrize("name", ENGINES)
def test_engine_reads_a_light_scan_with_words_where_the_text_says(name, light_page):
    image, dpi = light_page
    result = ocr.engine(name).recognize(image, "spa", dpi)
    assert cer(gt_pages("001")[0], result.text) < 0.03
    assert len(result.words) > 100 and 50 < result.mean_confidence <= 100
    for word in result.words:
        assert result.text[word.start:word.end] == word.text
        assert 0 <= word.box.x0 < word.box.x1 <= image.width and 0 <= word.box.y0 < word.box.y1 <= image.height


def test_engines_agree_on_the_words_of_a_page(light_page):
    image, dpi = light_page
    api, cli = (ocr.engine(name).recognize(image, "spa", dpi) for name in ENGINES)
    assert cer(cli.text, api.text) < 0.02
    assert abs(len(api.words) - len(cli.words)) <= 0.02 * len(cli.words)


@pytest.fixture(scope="module")
def reversed_out_page(light_page):
    """The light page with a band of it printed white on black, as a letterhead banner is."""
    image, dpi = light_page
    image = image.convert("L")
    band = (0, int(image.height * 0.25), image.width, int(image.height * 0.40))
    image.paste(ImageOps.invert(image.crop(band)), band)
    return image, dpi, band


@pytest.mark.parametrize("name", ENGINES)
def test_engine_reads_white_on_black_only_when_told_to(name, reversed_out_page):
    image, dpi, (_, top, _, bottom) = reversed_out_page

    def band_text(detect_inverted):
        result = ocr.engine(name).recognize(image, "spa", dpi, 0, detect_inverted)
        return " ".join(w.text for w in result.words if w.box.y0 >= top and w.box.y1 <= bottom)

    assert "Aprovecho" not in band_text(False)
    assert "Aprovecho la presente" in band_text(True)


@pytest.mark.parametrize("name", ENGINES)
def test_engine_tells_how_to_turn_a_sideways_page(name):
    image, _ = pdf.render_page(str(SAMPLES / "rotated.pdf"), 1, None, 300, LimitOptions())
    guess = ocr.engine(name).detect_orientation(image)
    assert guess is not None and guess.rotate == 90
    upright = ocr.engine(name).detect_orientation(orientation.turn(image, guess.rotate))
    assert upright is None or upright.rotate == 0


@pytest.mark.parametrize("name", ENGINES)
def test_missing_language_is_a_clear_setup_error(name):
    with pytest.raises(MissingDependencyError, match="zzz"):
        ocr.engine(name).check_available("spa+zzz")


def test_api_engine_without_language_data_names_the_fix(monkeypatch, tmp_path):
    from ingest import tesseract_api

    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "nowhere"))
    tesseract_api.tessdata_dir.cache_clear()
    try:
        with pytest.raises(MissingDependencyError, match="TESSDATA_PREFIX"):
            tesseract_api.tessdata_dir()
    finally:
        tesseract_api.tessdata_dir.cache_clear()


def test_api_engine_stops_at_the_time_limit(light_page):
    image, dpi = light_page
    with pytest.raises(PageTimeoutError, match="0.01 s"):
        ocr.engine("api").recognize(image, "spa", dpi, timeout=0.01)
    assert ocr.engine("api").recognize(image, "spa", dpi).words  # the engine is usable afterwards


@pytest.mark.e2e
def test_cli_engine_end_to_end_turns_the_rotated_page(tmp_path):
    run = run_cli(str(SAMPLES / "rotated.pdf"), "--ocr-engine", "cli", "-q", out=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    page = run.pages()["rotated.pdf"][1]
    assert page["method"] == "ocr" and page["rotation"] == 90
    assert cer(gt_pages("000")[1], page["text"]) < 0.05


def test_tsv_rows_become_text_with_word_offsets():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t10\t10\t20\t8\t91.5\tCompromiso\n"
           "5\t1\t1\t1\t1\t2\t40\t10\t6\t8\t88\t10\n"
           "5\t1\t1\t1\t2\t1\t10\t30\t20\t8\t70\tHITO\n"
           "5\t1\t2\t1\t1\t1\t10\t60\t20\t8\t-1\t \n"
           "5\t1\t2\t1\t1\t2\t10\t60\t20\t8\t60\tAvance\n")
    result = ocr.from_tsv(tsv)
    assert result.text == "Compromiso 10\nHITO\n\nAvance"
    assert [(w.text, result.text[w.start:w.end]) for w in result.words] == [
        ("Compromiso", "Compromiso"), ("10", "10"), ("HITO", "HITO"), ("Avance", "Avance")]
    assert result.words[1].box.x1 == 46 and result.mean_confidence == pytest.approx((91.5 + 88 + 70 + 60) / 4)

"""A scanned table's bar, read as another thin glyph, known by its box (extractors/glyphs.py)."""
from __future__ import annotations

import re

from extractors import extract_document, glyphs
from extractors.text import build
from schemas.page import Box, Page, Word
from tests.conftest import make_pages

LETTER, BAR = 33, 42  # pixel heights: a line's words, and a bar running from descender to capital


def _scanned(text: str, shapes: dict[int, tuple[int, int]] | None = None) -> Page:
    """An OCR page of `text`, its words boxed 16 px a character and LETTER px tall, except the words
    `shapes` gives (by their order on the page) a (width, height)."""
    page = make_pages(text, "ocr")[0]
    words, x, line = [], 0, 0
    for k, m in enumerate(re.finditer(r"\S+", text)):
        row = text.count("\n", 0, m.start())
        if row != line:
            x, line = 0, row
        width, height = (shapes or {}).get(k, (16 * len(m.group(0)), LETTER))
        words.append(Word(text=m.group(0), start=m.start(), end=m.end(), confidence=80.0,
                          box=Box(x0=x, y0=60 * row, x1=x + width, y1=60 * row + height)))
        x += width + 12
    page.words = words
    return page


def _word_index(text: str, word: str, nth: int = 0) -> int:
    found = [k for k, m in enumerate(re.finditer(r"\S+", text)) if m.group(0) == word]
    return found[nth]


def test_a_thin_glyph_as_tall_as_a_bar_is_the_bar_and_a_wide_or_short_one_is_not():
    text = "Hito ¡ Inicio ! Término\n"
    bar = {_word_index(text, "¡"): (5, BAR)}
    assert [text[o] for o in glyphs.bar_offsets(_scanned(text, bar))] == ["¡"]
    # `!` of a letter's height, and a `¡` as wide as a letter, are the glyphs OCR read
    assert glyphs.bar_offsets(_scanned(text, {_word_index(text, "¡"): (14, BAR)})) == []
    assert glyphs.bar_offsets(_scanned(text)) == []


def test_a_digit_shaped_like_a_bar_is_one_only_on_a_line_another_bar_makes_a_row():
    row = "N° 4 Actividad | Inicio\n"
    footer = "Página 1 de 2\n"
    assert [row[o] for o in glyphs.bar_offsets(_scanned(row, {_word_index(row, "4"): (6, BAR)}))] == ["4"]
    assert glyphs.bar_offsets(_scanned(footer, {_word_index(footer, "1"): (6, BAR)})) == []


def test_a_text_layer_keeps_its_characters():
    text = "Hito ¡ Inicio\n"
    page = _scanned(text, {1: (5, BAR)})
    page.method = "text"
    assert glyphs.bar_offsets(page) == []


def test_the_bar_is_restored_in_the_document_text_with_its_repair_kept():
    text = ("Hito 1: Diagnóstico\n"
            "N° 4 Actividad i Inicio ! Término | Avance\n"
            "1 ¡ Levantamiento de datos | sept. 2023 | nov. 2023 | 100%\n")
    shapes = {_word_index(text, w): (5, BAR) for w in ("4", "i", "!", "¡")}
    doc = build([_scanned(text, shapes)])
    assert "N° | Actividad | Inicio | Término | Avance" in doc.text
    assert "1 | Levantamiento de datos |" in doc.text
    at = doc.text.index("| Levantamiento")
    provenance = doc.locate(at, at + 1)
    assert [(r.rule, r.before, r.after) for r in provenance.repairs] == [("bar_shape", "¡", "|")]


def test_a_table_whose_bars_ocr_misread_gives_its_activities():
    text = ("Compromiso 4: Compras públicas abiertas\n\n"
            "Hito 1: Diagnóstico de las compras municipales\n\n"
            "N° ! Actividad ¡ Inicio ! Término ¡ % avance\n"
            "1 ¡ Levantamiento de datos de compra | sept. 2023 ] nov. 2023 ¡ 100%\n"
            "2 | Entrevistas a encargados de compras ! oct. 2023 | dic. 2023 i 100%\n")
    bars = {k: (5, BAR) for k, m in enumerate(re.finditer(r"\S+", text)) if m.group(0) in "!¡]i"}
    plain = extract_document([_scanned(text)])
    shaped = extract_document([_scanned(text, bars)])
    read = lambda r: sorted((a.milestone, a.number, a.title, a.progress) for a in r.activities)  # noqa: E731
    assert read(shaped) == [(1, 1, "Levantamiento de datos de compra", 100),
                            (1, 2, "Entrevistas a encargados de compras", 100)]
    assert read(plain) != read(shaped)


def test_a_word_too_flat_for_a_letter_and_read_unsure_is_no_text():
    text = "Hito Actividad Período Avance don\n4.1 4.1.1 Asambleas comunitarias 100 %\n"
    junk = _word_index(text, "don")
    page = _scanned(text, {junk: (68, 4)})
    page.words[junk].confidence = 6.0
    assert [w.text for w in glyphs.flat_words(page)] == ["don"]
    doc = build([page])
    assert doc.text.splitlines()[0].rstrip() == "Hito Actividad Período Avance"
    # read sure, or as tall as a letter, it is the page's text
    page.words[junk].confidence = 90.0
    assert glyphs.flat_words(page) == []
    assert glyphs.flat_words(_scanned(text)) == []


def test_a_space_ocr_set_inside_an_address_where_the_page_shows_no_gap_is_no_space():
    text = "Correo electrónico: seguimiento.aga@mef.gov. py y también el portal\n"
    page = _scanned(text)
    tail = _word_index(text, "py")
    page.words[tail] = page.words[tail].model_copy(update={"box": Box(
        x0=page.words[tail - 1].box.x1 + 3, y0=0, x1=page.words[tail - 1].box.x1 + 35, y1=LETTER)})
    assert [text[a:b] for a, b in glyphs.split_addresses(page)] == [" "]
    assert "seguimiento.aga@mef.gov.py" in {e.email for e in extract_document([page]).emails}
    # the gap of a space between words: two words
    assert glyphs.split_addresses(_scanned(text)) == []

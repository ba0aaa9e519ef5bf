"""What a scanned word's box says that its OCR reading does not.

Tesseract reads a table's bar as whatever thin glyph its model finds likeliest there (`¡`, `!`,
`i`, `]`, `;`, `1`, `/`), so a row's cell boundaries vanish from the text. The box still shows the
bar: a stroke as thin as a rule that runs from below the baseline to above the capitals, taller than
any letter of its line. Measured on the tune sets' scans (2026-12-07): of the lone thin marks
(`¡ ! ; ] '`) at least 0.95 times as tall as their line's words and at most a fifth as wide as
tall, every one is a `|` in the source, in tables and in `Estado: ... | Avance: ...` lines alike;
a slash or a bracket is wider. A letter or digit so shaped is a bar only at 1.05 times and beside
another bar: a footer's page number can be as thin, and under 1.05 a `y` or a `Y` is as tall.

The boxes also tell a rule or a speck read as a word (too flat for a letter) from text, and a
space OCR set inside an address (`mef.gov. py`) from a space between words (the gap's width).
"""
from __future__ import annotations

import re
from statistics import median

from extractors import settings
from schemas.page import Page, Word

# the readings Tesseract gives a bar that no word is made of
_THIN = frozenset("!¡ij[](){};:/\\¦'")


def bar_offsets(page: Page) -> list[int]:
    """Offsets in `page.text` of the one-character words whose box is a table bar's."""
    opts = settings.current().ocr
    out = []
    for line in _lines(page):
        usual = _usual_height(line)
        if not usual:
            continue

        def shaped(w: Word, height: float) -> bool:
            tall = w.box.y1 - w.box.y0
            return tall >= height * usual and w.box.x1 - w.box.x0 <= opts.bar_thinness * tall

        single = [w for w in line if w.end - w.start == 1]
        marks = [w for w in single if w.text in _THIN and shaped(w, opts.bar_height)]
        out += [w.start for w in marks]
        if marks or any(w.text == "|" for w in single):
            out += [w.start for w in single if w.text.isalnum() and w.text not in _THIN
                    and shaped(w, opts.bar_height_alnum)]
    return sorted(out)


def flat_words(page: Page) -> list[Word]:
    """Words OCR read unsure whose box is too flat for any letter: a rule, a scanner's streak, a
    stamp's edge (`don` 4 px tall on a line of 34 px letters, confidence 6)."""
    opts = settings.current().ocr
    out = []
    for line in _lines(page):
        usual = _usual_height(line)
        out += [w for w in line if usual and any(c.isalnum() for c in w.text)
                and w.confidence < opts.flat_word_confidence and w.box.y1 - w.box.y0 <= opts.flat_word * usual]
    return out


# the piece of an address before a gap: a dotted name ending in a dot or a comma (`mef.gov.`,
# `cnc.gob,`); after it, a label (`py`, `gt,`)
_ADDRESS_HEAD = re.compile(r"^\S*\w[.@]\w+[.,]$")
_ADDRESS_TAIL = re.compile(r"^[a-z]{2,3}(?:[.,;:)]|$)")


def split_addresses(page: Page) -> list[tuple[int, int]]:
    """Spans of the spaces OCR set inside an address where the page shows no gap (`mef.gov.<4 px>py`
    on a line whose words stand 13 px apart): the address's pieces are one word."""
    opts = settings.current().ocr
    out = []
    for line in _lines(page):
        gaps = [b.box.x0 - a.box.x1 for a, b in zip(line, line[1:])]
        if len(gaps) < 2:
            continue
        usual = median(gaps)
        for (a, b), gap in zip(zip(line, line[1:]), gaps):
            if gap <= opts.address_gap * usual and _ADDRESS_HEAD.match(a.text) and _ADDRESS_TAIL.match(b.text) \
                    and page.text[a.end:b.start] == " ":
                out.append((a.end, b.start))
    return out


def _usual_height(line: list[Word]) -> float | None:
    """The median height of the line's words of three letters or more."""
    heights = [w.box.y1 - w.box.y0 for w in line if sum(c.isalpha() for c in w.text) >= 3]
    return median(heights) if heights else None


def _lines(page: Page) -> list[list[Word]]:
    """The page's OCR words, line by line as the page text sets them; none on a text layer."""
    if page.method != "ocr":
        return []
    by_line: dict[int, list[Word]] = {}
    breaks = [i for i, c in enumerate(page.text) if c == "\n"]
    k = 0
    for w in sorted(page.words, key=lambda w: w.start):
        while k < len(breaks) and breaks[k] < w.start:
            k += 1
        by_line.setdefault(k, []).append(w)
    return list(by_line.values())

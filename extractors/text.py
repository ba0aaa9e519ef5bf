"""Normalised document text with a map back to page characters.

Extractors work on one string for the whole document (pages joined by form
feeds) in which OCR noise that would break parsing is repaired: Unicode NFC,
words hyphenated across line ends, paragraphs wrapped over several lines,
footers glued to the next page's first line, misread structure keywords.
`DocText.locate` turns any span of that string back into page coordinates.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from statistics import quantiles
from typing import Callable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extractors import furniture, glyphs, layout, ocrfix, settings
from extractors import lexicon as lx
from schemas.page import Box, Page, TextLine
from schemas.records import Provenance, Repair

PAGE_BREAK = "\n\f\n"
FOOTER = furniture.FOOTER
_FOOTER_GLUED = re.compile(r"(P[áa]gina\s+\d+\s+de\s+\d+)(?=\S)")
_HYPHEN = re.compile(r"(?<=[a-záéíóúñ])-\n(?=[a-záéíóúñ])")
# a line end after a URL's `/`, `-` or `_`, before a path that goes on (`seguimiento/compromiso-6`)
_URL_BREAK = re.compile(r"(?<=[-/_=&?])\n(?=[a-z0-9][\w\-./?=&%#~]*[-/_=&?\d][\w\-./?=&%#~]*(?:[\s,;:)]|\.?$))", re.M)
_URL_BEFORE = re.compile(r"(?:https?://|www\.)\S*$", re.I)


def _url_break(m: re.Match) -> str:
    """A URL the line end cut is glued back (its hyphen kept: a URL's, not a word's)."""
    line = m.string[m.string.rfind("\n", 0, m.start()) + 1:m.start()]
    return "" if _URL_BEFORE.search(line) else "\n"
_STRAY = re.compile(r"(?<=\s)[|¦](?=\s)")
_KEYWORD_START = re.compile(r"^\W{0,3}([^\W\d_]{3,15})")
# a labelled field line: "Dirección: 4a calle", "FECHA: ...", "A : ...", "Lugar y fecha: ..."
_FIELD = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ]{0,15}(?: [a-zA-ZáéíóúñÁÉÍÓÚÑ]{1,15}){0,2} ?[:;]\s")
_TERMINAL = (".", ":", ";", "!", "?")
_LIST_START = re.compile(r"^\s*([•·●▪\-–—*]|\d{1,3}[.)]\s|https?://|www\.)")  # not a year: "2025. Avance"


@dataclass
class Edited:
    """A string and, for each of its characters, the source offset it came from."""

    text: str
    origin: list[int]
    repairs: list[tuple[int, int, Repair]] = field(default_factory=list)  # source span, repair

    def sub(self, pattern: re.Pattern, repl: Callable[[re.Match], str] | str,
            rule: str | None = None) -> "Edited":
        """Replace every match; with `rule`, each change is kept as a repair of the source span."""
        if not pattern.search(self.text):  # most passes find nothing: keep the offsets as they are
            return self
        out, origin, last = [], [], 0
        repairs = list(self.repairs)
        for m in pattern.finditer(self.text):
            new = repl(m) if callable(repl) else m.expand(repl)
            if rule and new != m.group(0) and m.end() > m.start():
                repairs.append(self._repair(m, new, rule))
            out.append(self.text[last:m.start()])
            origin.extend(self.origin[last:m.start()])
            out.append(new)
            width = max(m.end() - m.start(), 1)
            base = self.origin[m.start()] if m.start() < len(self.origin) else (
                self.origin[-1] + 1 if self.origin else 0)
            span = self.origin[m.start():m.end()] or [base]
            origin.extend(span[min(i, width - 1)] if i < len(span) else span[-1]
                          for i in range(len(new)))
            last = m.end()
        out.append(self.text[last:])
        origin.extend(self.origin[last:])
        return Edited("".join(out), origin, repairs)

    def _repair(self, m: re.Match, new: str, rule: str) -> tuple[int, int, Repair]:
        """The repair as the part that changed (`Acfivdad` -> `Actividad`), and its source span."""
        old = m.group(0)
        head = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        while head and old[head - 1].isalnum():  # whole words, as a reader would quote them
            head -= 1
        while tail and old[len(old) - tail].isalnum():
            tail -= 1
        a, b = m.start() + head, max(m.end() - tail, m.start() + head + 1)
        span = self.origin[a:b] or [self.origin[m.start()]]
        return span[0], span[-1] + 1, Repair(rule=rule, before=old[head:len(old) - tail],
                                             after=new[head:len(new) - tail])


@dataclass
class Line:
    text: str
    start: int  # offset in DocText.text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class DocText:
    pages: Sequence[Page]
    text: str
    origin: list[tuple[int, int] | None]  # (page index, offset in page.text)
    lines: list[Line] = field(default_factory=list)  # the content's lines: no page furniture
    repairs: list[list[tuple[int, int, Repair]]] = field(default_factory=list)  # per page
    furniture: list[tuple[int, int]] = field(default_factory=list)  # spans of page numbers, running heads

    def content(self) -> str:
        """`text` with the page furniture blanked out, offsets kept."""
        chars = list(self.text)
        for start, end in self.furniture:
            chars[start:end] = " " * (end - start)
        return "".join(chars)

    @property
    def has_ocr(self) -> bool:
        return any(p.method == "ocr" for p in self.pages)

    def page_of(self, pos: int) -> Page:
        for i in range(min(pos, len(self.origin) - 1), -1, -1):
            if self.origin[i] is not None:
                return self.pages[self.origin[i][0]]
        return self.pages[0]

    def confidence(self, start: int, end: int) -> float:
        """Mean OCR confidence of the words under a span (100 for a text layer)."""
        hits = [o for o in self.origin[start:max(end, start + 1)] if o is not None]
        if not hits:
            return 0.0
        page = self.pages[hits[0][0]]
        if page.method != "ocr":
            return 100.0
        offs = [o for p, o in hits if p == hits[0][0]]
        s, e = min(offs), max(offs) + 1
        conf = [w.confidence for w in page.words if w.start < e and w.end > s]
        return sum(conf) / len(conf) if conf else 0.0

    def locate(self, start: int, end: int) -> Provenance | None:
        """Page, page span, raw page text and OCR box of a span of `text`."""
        hits = [o for o in self.origin[start:max(end, start + 1)] if o is not None]
        if not hits:
            return None
        page_idx = hits[0][0]
        offs = [o for p, o in hits if p == page_idx]
        page = self.pages[page_idx]
        s, e = min(offs), max(offs) + 1
        boxes = [w.box for w in page.words if w.start < e and w.end > s]
        repairs = tuple(r for rs, re_, r in (self.repairs[page_idx] if self.repairs else ()) if rs < e and re_ > s)
        return Provenance(file=page.source, page=page.page, start=s, end=e,
                          raw=page.text[s:e], box=Box.union(boxes), repairs=repairs)


_STRAY_LETTER = re.compile(r"^\W{0,3}[^\W\d_]\s+(?=[^\W\d_]{4,})")
_SPACED = re.compile(r"^\W{0,3}((?:[^\W\d_]{1,6} ){1,3}[^\W\d_]{1,12})(?=\W|$)")


def _opening_label(line: str) -> tuple[str, re.Match] | None:
    """The field label a line opens with, a letter or two misread (`Media de verificación`):
    its printed form, and the match whose first group spans it."""
    for label, printed in lx.lexicon()["labels"].items():
        n = len(label.split())
        m = re.match(rf"^\W{{0,3}}(\S+(?:\s+\S+){{{n - 1}}})", line) if n > 1 else None
        if m and fuzz.ratio(lx.fold(m.group(1).rstrip(":.")), label) >= settings.current().match.label:
            return printed, m
    return None


def _label_start(line: str) -> bool:
    return _opening_label(line) is not None


def _label_fix(line: str) -> str:
    """A field label with a letter or two misread (`Medio de yerificación`), written as printed."""
    found = _opening_label(line)
    if not found:
        return line
    printed, m = found
    head = m.group(1).rstrip(":.")
    if lx.fold(head) == lx.fold(printed):
        return line
    return line[:m.start(1)] + printed + line[m.start(1) + len(head):]


def _ocr_line_start(line: str) -> str:
    """A margin speck before a keyword (`A Actividad 7`), a keyword OCR spaced out (`Ti em poralidad`)."""
    structure = lx.lexicon()["structure"]
    m = _STRAY_LETTER.match(line)
    if m:
        word = _KEYWORD_START.match(line[m.end():])
        one_letter_word = line[:m.end()].strip()[-1:] in "aeouy"  # "y medio de ...": prose
        if word and not one_letter_word and (lx.fold(word.group(1)) in structure
                                             or _label_start(line[m.end():])):
            return line[m.end():]
    m = _SPACED.match(line)
    if m and lx.fold(m.group(1).split()[0]) not in structure:  # `Fase T.`: a keyword and a misread numeral
        joined = m.group(1).replace(" ", "")
        numbered = re.match(r"\s+\d{1,2}\b", line[m.end(1):]) is not None
        hit = lx.fold(joined) if lx.fold(joined) in structure else \
            lx.best(joined, structure, 75 if numbered else 88)
        if hit:
            return line[:m.start(1)] + structure[hit] + line[m.end(1):]
    return line


@lru_cache(maxsize=1)
def _phrase_keywords() -> list[tuple[str, str, int]]:
    """The layout grammar's level keywords of several words, folded and as printed."""
    forms = sorted({f for level in layout.grammar()["levels"] for f in level["forms"] if " " in f})
    return [(lx.fold(f), f[0].upper() + f[1:], len(f.split())) for f in forms]


_PHRASE_NUMBER = re.compile(r"\s+[\dIVXivx]{1,4}[\d.,:)\-]*(?=\s|$)")


def _phrase_keyword_fix(line: str) -> str:
    """A level keyword of several words with a letter or two misread, or a speck before it
    (`Enea de acción 2.1.`, `£. ¿nea de acción 3.1.`), when a number follows it: the closest
    keyword, unless the line already opens with one."""
    match = settings.current().match
    scored = []
    for folded, printed, n in _phrase_keywords():
        m = re.match(rf"^(\W{{0,4}})(\S+(?:\s+\S+){{{n - 1}}})", line)
        if not m or not _PHRASE_NUMBER.match(line, m.end()):
            continue
        head = lx.fold(m.group(2))
        if head == folded:
            return line
        score = fuzz.ratio(head, folded)
        rest_same = head.split(None, 1)[1:] == folded.split(None, 1)[1:]
        if score >= match.keyword or rest_same and fuzz.ratio(head.split()[0], folded.split()[0]) >= match.phrase_first_word:
            scored.append((score, printed, m.end()))
    if not scored:
        return line
    _, printed, end = max(scored)
    return printed + line[end:]


_SECTION_NUMBER = re.compile(r"^(\W{0,3}\d{1,2}(?:\.\d{1,2})*\.\s+)(?=[^\W\d_])")


@lru_cache(maxsize=1)
def _reference_words() -> frozenset[str]:
    return frozenset(lx.fold(l) for l in lx.lexicon()["reference_labels"] if " " not in l)


@lru_cache(maxsize=1)
def _header_words() -> dict[str, str]:
    return {k: v for k, v in lx.lexicon()["structure"].items() if k in lx.lexicon()["numbered_headers"]}


def _keyword_fix(line: str, ocr: bool = False) -> str:
    """Restore a structure keyword OCR misread at the start of a line, or after the line's
    section number (`3. Comproaiiso 9: ...`)."""
    section = _SECTION_NUMBER.match(line) if ocr else None
    if section:
        return section.group(1) + _keyword_fix(line[section.end():], ocr)
    if ocr:
        line = _label_fix(_ocr_line_start(_phrase_keyword_fix(line)))
    m = _KEYWORD_START.match(line)
    if not m:
        return line
    word = m.group(1)
    structure = lx.lexicon()["structure"]
    key = lx.fold(word)
    if key in structure or key in _reference_words():
        return line  # "ACTA No. 03-2025": a reference's own label, not a misread "Act."
    rest = line[m.end():]
    num = re.match(r"\s+(\S{1,4}?)[.,:]?(\s|$)", rest)
    numbered = num is not None and not (num.group(1).isalpha() and num.group(1).islower()
                                        and len(num.group(1)) >= 2)
    match = settings.current().match
    cutoff = match.keyword
    header_shaped = numbered and word[0].isupper() and re.match(r"\s+\d{1,2}\s*:\s+[A-ZÁÉÍÓÚÑ]", rest)
    if numbered and (word.isupper() or len(word) <= 5):
        cutoff = match.keyword_caps_short if word.isupper() and len(word) == 4 else match.keyword_numbered
    elif header_shaped:
        cutoff = match.keyword_numbered  # the shape of a numbered header ("Acfivdad 2: Reunión ...") backs a weaker match
    # in a numbered header's shape the word is a level's, never a field label's (`Mio 3: ...` is no Medio)
    hit = lx.best(word, _header_words() if header_shaped else structure, cutoff)
    colon = rest.startswith(":")
    if not hit and colon:  # "Bito: Capacitación ...": the colon of an unnumbered header backs one letter
        hit = next((h for h in lx.lexicon()["numbered_headers"] if layout.substituted(key, h)), None)
        if hit:
            return line[:m.start(1)] + structure[hit] + rest
    if not hit or key.startswith(hit) or (len(word) <= 6 and not numbered and
                                          hit in lx.lexicon()["numbered_headers"]):
        return line
    if hit in lx.lexicon()["numbered_headers"] and not numbered and (hit != "actividad" or not colon):
        return line
    return line[:m.start(1)] + structure[hit] + rest


def _fix_keywords(ed: Edited, ocr: bool = False) -> Edited:
    pattern = re.compile(r"^[^\n]+", re.M)
    return ed.sub(pattern, lambda m: _keyword_fix(m.group(0), ocr), rule="structure_keyword" if ocr else None)


_UNREAD_HEADER = re.compile(r"^(\W{0,2})([^\W\d_]{2,8})(?=\s+(\d{1,2})\s*:\s+[A-ZÁÉÍÓÚÑ])")


def _sequence_keywords(ed: Edited) -> Edited:
    """A header OCR misread past the keyword repair (`Mio 3: Capacitación ...` after `Hito 1` and
    `Hito 2`): a word near the keyword (ratio 55 or more) of a numbered header whose number it
    continues, in the shape of a numbered header, is that keyword."""
    last: dict[str, tuple[str, int]] = {}  # folded keyword: (as printed, number) of its latest header

    def line(m: re.Match) -> str:
        h = layout.header(m.group(0))
        if h is not None:
            word = _KEYWORD_START.match(m.group(0))
            if word and lx.fold(word.group(1)) in lx.lexicon()["numbered_headers"] and len(h.path or ()) == 1:
                last[lx.fold(word.group(1))] = (word.group(1), h.path[0])
            return m.group(0)
        un = _UNREAD_HEADER.match(m.group(0))
        if not un or layout.level_word(un.group(2)):
            return m.group(0)
        read = lx.fold(un.group(2))
        scored = [(fuzz.ratio(read, key), printed) for key, (printed, n) in last.items() if n + 1 == int(un.group(3))]
        near = [s for s in scored if s[0] >= 55]
        return un.group(1) + max(near)[1] + m.group(0)[un.end():] if near else m.group(0)
    return ed.sub(re.compile(r"^[^\n]+", re.M), line, rule="header_sequence")


_BAR_FORMS = "¡[]()!¦"  # how Tesseract prints the bar between two table cells


def _table_bars(ed: Edited) -> Edited:
    """On a scanned table row (see `_table_rows`), a bar OCR printed as `¡`, `]`, `[` or `(`
    beside a space, or opening the row, is the bar."""
    forms = re.escape(_BAR_FORMS)
    rows = _table_rows(ed.text)

    def row(m: re.Match) -> str:
        text = m.group(0)
        if m.start() not in rows:
            return text
        text = re.sub(rf"^[{forms}:](?=\s?\w)", "|", text)
        # a row's number and the bar after it read as a colon or a semicolon (`7.2.1; Diseño ...`)
        text = re.sub(r"^(\W{0,2}\d{1,3}(?:[.,]\d{1,3}){0,3})[;:](?=\s+[A-ZÁÉÍÓÚÑ])", r"\1 |", text)
        return re.sub(rf"(?<=\S)[{forms}](?=\s)|(?<=\s)[{forms}](?=\s|\S|$)", "|", text)
    return ed.sub(re.compile(r"^[^\n]*\|[^\n]*$", re.M), row, rule="table_bar")


def _fused_cell_bars(ed: Edited) -> Edited:
    """On a scanned table row, a percentage above 100 that no bar precedes took the bar in
    front of it as a digit (`jun-24 180%` for `jun-24 | 80 %`, `2025 10%` run together as
    `202510%`) or lost it (`2 53%` as `253%`): the bar goes back before the last number
    that can be a percentage."""
    def cell(m: re.Match) -> str:
        digits = m.group("n")
        before = m.string[:m.start()].rstrip()
        if int(digits) <= 100 or before.endswith("|"):
            return m.group(0)
        spaced = m.string[m.start() - 1:m.start()].isspace()
        for at in range(len(digits) - 2, -1, -1):
            rest = digits[at + 1:]
            if digits[at] == "1" and int(rest) <= 100 and (rest == "0" or rest[0] != "0"):
                head = digits[:at]
                return (head + " | " if head or not spaced else "| ") + rest + m.group("pct")
        rest = digits[-2:]
        return digits[:-2] + " | " + rest + m.group("pct") if rest[0] != "0" else m.group(0)

    rows = _table_rows(ed.text)

    def row(m: re.Match) -> str:
        return _FUSED_PERCENT.sub(cell, m.group(0)) if m.start() in rows else m.group(0)
    return ed.sub(re.compile(r"^[^\n]*\|[^\n]*$", re.M), row, rule="fused_cell_bar")


def _table_rows(text: str) -> set[int]:
    """Offsets of the lines that are table rows: two bars or more, or one bar beside such a
    row (a scanned row whose other bars OCR lost)."""
    starts, bars, at = [], [], 0
    for line in text.split("\n"):
        if line.strip():  # OCR sets blank lines between rows
            starts.append(at)
            bars.append(line.count("|"))
        at += len(line) + 1
    full = [n >= 2 for n in bars]
    return {start for i, start in enumerate(starts) if full[i] or (bars[i] and (
        (i > 0 and full[i - 1]) or (i + 1 < len(full) and full[i + 1])))}


_FUSED_PERCENT = re.compile(r"(?<![\w.,])(?P<n>\d{3,8})(?P<pct>\s?%)")


@lru_cache(maxsize=1)
def _percent_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    forms = ocrfix.forms()
    anywhere = re.compile(r"(?<![\w.,])(\d{1,3}) (?:" + "|".join(map(re.escape, forms["percent_sign_forms"]))
                          + r")(?![\w%])")
    labels = sorted((lx.fold(f) for f in layout.grammar()["fields"]["progress"]), key=len, reverse=True)
    after_label = re.compile(r"(?i)(?<![^\W\d_])(?:" + "|".join(re.escape(l).replace(r"\ ", r"\s+") for l in labels)
                             + r")\s*[:;.]?\s+(?:del?\s+)?(\d{1,3}) (?:" +
                             "|".join(map(re.escape, forms["percent_sign_forms_after_label"])) + r")(?![\w%])")
    # a digit read as a letter next to the sign (`B0 %`, `O %`), or the sign doubled (`73 %%`)
    lookalike = re.compile(r"(?<![\w.,])([\dOoBSlI]{1,3})(\s?%)%?(?![\w%])")
    return anywhere, after_label, lookalike


def _lookalike_percent(m: re.Match) -> str:
    digits = ocrfix.forms()["header_digits"]
    n = "".join(digits.get(c, c) for c in m.group(1))
    if not n.isdigit() or int(n) > 100 or (m.group(1) == n and not m.group(0).endswith("%%")) or \
            (not any(c.isdigit() for c in m.group(1)) and len(m.group(1)) > 1):
        return m.group(0)
    return n + m.group(2)


def _percent_signs(ed: Edited) -> Edited:
    """`80 Yo`, `80 9%`: a percent sign set apart from its number, as OCR prints it; after a
    progress label also forms that elsewhere are words (`Avance: 25 Y`); `B0 %`, `73 %%`."""
    anywhere, after_label, lookalike = _percent_patterns()
    percent = lambda m: m.group(0)[:m.start(1) - m.start()] + m.group(1) + " %" if int(m.group(1)) <= 100 else m.group(0)
    ed = ed.sub(anywhere, percent, rule="percent_sign")
    ed = ed.sub(after_label, percent, rule="percent_sign")
    return ed.sub(lookalike, _lookalike_percent, rule="percent_digit")


def _drop_stray_bars(ed: Edited) -> Edited:
    """A lone `|` on a scanned line is a speck or a rule, unless the line is a table row."""
    def line(m: re.Match) -> str:
        text = m.group(0)
        return text if text.count("|") >= 2 else _STRAY.sub("", text)
    return ed.sub(re.compile(r"^[^\n]*[|¦][^\n]*$", re.M), line, rule="stray_bar")


def _starts_block(line: str) -> bool:
    """A line that opens a unit of its own: a header or field of the layout grammar, a list
    item, a table row, a footer."""
    m = _KEYWORD_START.match(line)
    if m and lx.fold(m.group(1)) in lx.lexicon()["structure"]:
        return True
    stripped = line.strip()
    return bool(_LIST_START.match(line) or _DOTTED_START.match(line) or FOOTER.match(stripped) or _FIELD.match(line)
                or layout.header(stripped) or layout.fields(stripped) or layout.cells(stripped)
                or _LETTER_ITEM.match(stripped) or _TITLED_NAME.match(stripped)
                or lx.fold(stripped.rstrip(".:")) in lx.lexicon()["recipient_terminators"])


# "1.2 Publicación ...", "Acúvidad 4.2.3 Publicación ...": a numbered unit, its keyword however read
_DOTTED_START = re.compile(r"^\s*(?:[A-ZÁÉÍÓÚÑ][^\W\d_]{2,13}\s+)?\d{1,3}(?:\.\d{1,3})+\.?\s+[A-ZÁÉÍÓÚÑ]")
_LETTER_ITEM = re.compile(r"^[a-zA-Z][).]\s+\S")
# a line opening with a person's title and name: a signature's name line ("Ec. Martín Olivera Sosa"),
# a recipient's ("Lic. Norma Beatriz Giménez Ortiz, Directora ...")
_TITLED_NAME = re.compile(r"^(?:[A-ZÁÉÍÓÚ][a-záéíóú]{0,4}\.\s*){1,2}[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+")


def _heading(line: str) -> bool:
    """A line mostly in capitals: a heading, which a wrap never continues."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _caps_line(line: str) -> bool:
    """A short line in capitals (`FIRMAS`, `ANEXO I`) after a line of prose: a heading of its own,
    which no wrapped sentence runs on to (a sentence broken before a lone acronym breaks after a
    connector, which `_join_after_connector` mends). Without a text layer's geometry only."""
    words = line.split()
    letters = [c for c in line if c.isalpha()]
    return 0 < len(words) <= 4 and len(letters) >= 4 and all(c.isupper() for c in letters)


def _continues(line: str) -> bool:
    """A wrapped line that merely starts with a lower-case word, a keyword ("compromiso número 8
    del ...") or an ordinal before one ("segundo hito, los consejos ..."): no header is set so."""
    m = _KEYWORD_START.match(line)
    if not (m and m.start(1) == 0 and m.group(1).islower()) or re.match(r"\w+\s+\S{1,6}\s*[.:\-–)]\s*[A-ZÁÉÍÓÚ]", line):
        return False
    word = lx.fold(m.group(1))
    if word in lx.lexicon()["structure"]:
        return True
    nxt = re.match(r"\w+\s+([^\W\d_]+)", line)
    return word in layout._ordinals() and nxt is not None and lx.fold(nxt.group(1)) in lx.lexicon()["structure"]


def wrapped_line_ends(lines: Sequence[TextLine]) -> set[int] | None:
    """Page offsets of the line ends a text layer wraps into the next line: the next line is set
    in the same type with no paragraph space before it, and the line reaches the right edge of the
    text. None when the page gives no geometry."""
    if len(lines) < 2:
        return None
    rights = sorted(l.box.x1 for l in lines)
    right = rights[int(0.9 * (len(rights) - 1))]
    left = min(l.box.x0 for l in lines)
    out = set()
    for a, b in zip(lines, lines[1:]):
        height = max(a.box.y1 - a.box.y0, 1)
        gap = b.box.y0 - a.box.y1
        if a.size == b.size and a.bold == b.bold and 0 <= gap < 0.6 * height \
                and a.box.x1 >= right - 0.1 * (right - left):
            out.add(a.end)
    return out


def _join_wrapped(ed: Edited, wraps: set[int] | None = None) -> Edited:
    """Join lines that a column wrapped; keep real line structure. With a text layer's geometry
    (`wraps`, from `wrapped_line_ends`) the page says which lines wrap; otherwise a line about as
    long as the page's longest ones is taken to wrap."""
    lines = ed.text.split("\n")
    lengths = sorted(len(l) for l in lines if l.strip())
    if len(lengths) < 4 and wraps is None:
        return ed
    wide = quantiles(lengths, n=10)[-1] * 0.72 if len(lengths) >= 2 else 0
    keep = set()
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        body = line.rstrip()
        wraps_here = (ed.origin[pos] in wraps) if wraps is not None and pos < len(ed.origin) else \
            len(body) >= wide and not body.endswith(_TERMINAL) and not _heading(body)
        if (wraps_here and nxt.strip() and not layout.cells(body.strip()) and body.count("|") < 2
                and not (wraps is None and _caps_line(nxt) and not _heading(body))
                and (not _starts_block(nxt) or _continues(nxt))):
            keep.add(pos)
        pos += 1
    out = list(ed.text)
    for p in keep:
        out[p] = " "
    return Edited("".join(out), ed.origin, ed.repairs)


def _join_wrapped_rows(ed: Edited) -> Edited:
    """A `|` table row too long for the page wraps onto lines of its own (`| 3.3 Planes ... | nov-25 |`
    then `abr-25 | 0 % |`): its lines are joined where together they have as many bars as the
    table's header row, and no fewer."""
    lines = ed.text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    width, joins, i = 0, [], 0
    while i < len(lines):
        row = lines[i].strip()
        bars = row.count("|")
        if row.startswith("|") and row.endswith("|") and bars >= 3 and (not width or bars == width):
            width = bars
        elif not row.startswith("|"):
            width = width if row else 0
        elif width and bars < width:
            k, total = i, bars
            while total < width and k + 1 < len(lines) and lines[k + 1].strip() \
                    and not lines[k + 1].lstrip().startswith("|"):
                k += 1
                total += lines[k].count("|")
            if total == width and k > i:
                joins += [starts[j + 1] - 1 for j in range(i, k)]
                i = k
        i += 1
    if not joins:
        return ed
    out = list(ed.text)
    for p in joins:
        out[p] = " "
    return Edited("".join(out), ed.origin, ed.repairs)


_AFTER_CONNECTOR = re.compile(r"([ ](?:de|del|la|las|los|y|e|en|para))\n(?:[ \t]*\n)?(?:[-–—•·*][ ]+)?(?=[^\W\d_])")
# a colon set off by a space at a line's end is a speck: Spanish sets no space before it
_SPECK_COLON = re.compile(r"(?<=[^\W\d_]) +:(?=\n[^\W\d_])")


def _join_after_connector(ed: Edited, ocr: bool) -> Edited:
    """A scanned line ending in `de`/`y`/... continues on the next, even behind a stray bullet
    or a blank line; but not into a new block ("... y\n\nActividad 2 ..."), nor into a numbered
    header right below (`EJE 3 - INTEGRIDAD PÚBLICA y` with a speck read as `y`, then
    `Línea de acción 3.1 - ...`). A text layer's lines are its own: there, only a header's
    title broken by hand (`Actividad 6.3.2. Curso ... Instituto Nacional de`) goes on."""
    def join(m: re.Match) -> str:
        if not ocr and (m.group(0).count("\n") > 1 or
                        layout.header(ed.text[ed.text.rfind("\n", 0, m.start()) + 1:m.end()].strip()) is None):
            return m.group(0)
        next_line = ed.text[m.end():m.end() + 200].split("\n", 1)[0]
        if m.group(0).count("\n") > 1 and _starts_block(next_line):
            return m.group(0)
        h = layout.header(next_line.strip())
        if h is not None and h.path:
            return m.group(0)
        return m.group(1) + " "
    return ed.sub(_AFTER_CONNECTOR, join)


def _drop_blank_lines(ed: Edited) -> Edited:
    return ed.sub(re.compile(r"\n[ \t]*(?=\n)"), "")


_DOUBLE_ACCENT = re.compile(r"(?<=[^\W\d_])[áéíóú](?=[áéíóú][^\W\d_])")
_BANG_L = re.compile(r"(?<=[a-záéíóúñ]{3})[!\]](?=[ ]+[a-záéíóúñ])")
_BRACKET_IN_CAPS = re.compile(r"(?<=[A-ZÑ])[\[\]|](?=[A-ZÑ]{2})")
# an acronym's leading I read as an opening bracket or mark that nothing closes ("([FAM)", "¡FAM y")
# ("[AAIP)" is the bracket misread: a closing one follows)
_BRACKET_FOR_I = re.compile(r"(?<=\()[\[¡](?=[A-ZÑ]{2,}\b)|(?<![^\s])[\[¡](?=[A-ZÑ]{2,}\b(?!\))(?![^\n]*[\]!]))")
_SPLIT_ACRONYM = re.compile(r"(?<=[A-ZÑ]{2}-[A-ZÑ]) (?=[A-ZÑ]{2,}\b)")  # "ABCD-E FG" for "ABCD-EFG"
_GLUED_DIGIT = re.compile(r"(?<=\d )\d(?=([^\W\d_]{4,10})\b)")  # "15 3marzo 2019"
_LOOKALIKE_YEAR = re.compile(r"(?P<month>[^\W\d_]{3,10})(?P<de>\s+del?\s+)(?P<y>[12][\dOoUQDlI|SBZ]{3})(?![^\W_])")
# a day-month-year date with one slash lost: "03/032025", "2803/2025"
_SLASH_LOST = re.compile(r"(?P<lead>(?:[^\W\d_]+:?|[|!¡])\s+)(?P<date>[0-3]\d/?[01]\d/?[12]\d{3})(?![\d/])")
# a day-month-year date whose slash a scan read as a colon or a dot: "01/07:2024", "22:11/2024"
_SLASH_MISREAD = re.compile(r"(?<![\d/:.])(?P<d>[0-3]?\d)(?P<s1>\.?[/:]|\.)(?P<m>[01]?\d)(?P<s2>[/:])(?P<y>[12]\d{3})(?![\d/:])")
# the `de` between a day and its month misread ("14 Je julio", "13 do febrero"); a day's digit
# misread ("J de junio", "2] de abril")
_DAY_DE = re.compile(r"(?P<day>\b[0-3]?\d|\b[JlIS]|\b[1-3][\]|!lI])(?P<s1>\s+)(?P<de>[^\W\d_]{2,3})(?P<s2>\s+)(?P<month>[^\W\d_]{3,10})\b")
_SPLIT_YEAR = re.compile(r"([^\W\d_]{3,12})(\s+(?:de\s+|del\s+)?)(19|20)[;:,.]?\s(\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _word_forms() -> tuple[re.Pattern, dict[str, str]]:
    forms = ocrfix.forms()["word_forms"]
    return re.compile(r"(?<=[a-záéíóúñ,] )(" + "|".join(map(re.escape, forms)) +
                      r")(?= [A-Za-zÁÉÍÓÚÑáéíóúñ])"), forms


@lru_cache(maxsize=1)
def _caps_word_forms() -> tuple[re.Pattern, dict[str, str]]:
    forms = ocrfix.forms()["caps_word_forms"]
    return re.compile(r"(?<=[A-ZÁÉÍÓÚÑ]{3} )(" + "|".join(map(re.escape, forms)) +
                      r")(?= [A-ZÁÉÍÓÚÑ]{3})"), forms


def _lookalike_year(m: re.Match) -> str:
    digits = ocrfix.forms()["year_digits"]
    year = "".join(digits.get(c, c) for c in m.group("y"))
    if year == m.group("y") or not re.fullmatch(r"(19|20)\d\d", year) or lx.month(m.group("month")) is None:
        return m.group(0)
    return m.group("month") + m.group("de") + year


def _is_date(day: str, month: str, year: str) -> bool:
    try:
        return date(int(year), int(month), int(day)) is not None and 1900 <= int(year) <= 2100
    except ValueError:
        return False


def _slash_lost(m: re.Match) -> str:
    """A date with one slash or both lost, after a word that leads a date or in a table cell."""
    lead = lx.fold(m.group("lead").strip(" :"))
    digits = m.group("date").replace("/", "")
    if m.group("date").count("/") == 2 or (lead not in ocrfix.forms()["date_lead_words"] and lead not in "|!¡") \
            or not _is_date(digits[:2], digits[2:4], digits[4:]):
        return m.group(0)
    return m.group("lead") + f"{digits[:2]}/{digits[2:4]}/{digits[4:]}"


def _slash_misread(m: re.Match) -> str:
    if "/" not in m.group("s1") + m.group("s2") or not _is_date(m.group("d"), m.group("m"), m.group("y")):
        return m.group(0)
    return f"{m.group('d')}/{m.group('m')}/{m.group('y')}"


def _day_de(m: re.Match) -> str:
    if lx.month(m.group("month")) is None:
        return m.group(0)
    day, de = m.group("day"), m.group("de")
    # the forms seen, or any word a letter from `de` there (`áe`, `dde`): between a day and its
    # month Spanish writes nothing else (`del` aside)
    misread_de = de in ocrfix.forms()["de_forms"] or lx.fold(de) != "del" and Levenshtein.distance(lx.fold(de), "de") == 1
    if not misread_de and (day.isdigit() or lx.fold(de) != "de"):
        return m.group(0)
    if not day.isdigit():  # a stroke read as a letter is a 1; an S, a 5 ("Cusco, S de abril")
        day = day[0] + "1" if day[0].isdigit() else "5" if day == "S" else "1"
    if int(day) > 31:
        return m.group(0)
    return day + m.group("s1") + "de" + m.group("s2") + m.group("month")


def _ocr_words(ed: Edited) -> Edited:
    """Character-level OCR slips: a year split after a month (`Agosto 20; 20`), a speck
    glued to a month after its day (`15 3marzo`), two accented vowels in a row,
    `!` or `]` for `l` at a word's end, a bracket inside an acronym (`I[NAP`) or for its leading I (`[FAM`), a space inside
    the second acronym of a pair (`ABCD-E FG`), `v` for `y`, `J` for `l` in articles (`Jos` -> `los`), a misread connector between capitalised words
    (`MINISTERIO PE COMUNICACIÓN`)."""
    rx, forms = _word_forms()
    ed = ed.sub(_SPLIT_YEAR, lambda m: m.group(0) if lx.month(m.group(1)) is None else
                m.group(1) + m.group(2) + m.group(3) + m.group(4), rule="split_year")
    ed = ed.sub(_GLUED_DIGIT, lambda m: m.group(0) if lx.month(m.group(1), 90) is None else "",
                rule="glued_digit")
    ed = ed.sub(_LOOKALIKE_YEAR, _lookalike_year, rule="year_lookalike")
    ed = ed.sub(_SLASH_LOST, _slash_lost, rule="date_slash")
    ed = ed.sub(_SLASH_MISREAD, _slash_misread, rule="date_slash")
    ed = ed.sub(_DAY_DE, _day_de, rule="date_day")
    ed = ed.sub(_DOUBLE_ACCENT, "", rule="double_accent")
    ed = ed.sub(_BANG_L, "l", rule="bang_for_l")
    ed = ed.sub(_BRACKET_IN_CAPS, "", rule="bracket_in_acronym")
    ed = ed.sub(_BRACKET_FOR_I, "I", rule="bracket_for_i")
    ed = ed.sub(_SPLIT_ACRONYM, "", rule="split_acronym")
    def repl(m: re.Match) -> str:
        before = re.search(r"([^\W\d_]+)\W*$", m.string[:m.start()])
        if before and lx.fold(before.group(1)) in lx.lexicon()["structure"]:
            return m.group(1)  # "hito v de": a numeral, not a misread word
        return forms[m.group(1)]
    ed = ed.sub(rx, repl, rule="ocr_word")
    caps, caps_forms = _caps_word_forms()
    return ed.sub(caps, lambda m: caps_forms[m.group(1)], rule="ocr_word")


MAX_RUN = 200  # characters without a space: no word, URL or code is longer
MAX_LINE = 1000  # characters of one line; longer ones are broken at a space


def _bounded(ed: Edited) -> Edited:
    """Lines no longer than MAX_LINE and runs without spaces no longer than MAX_RUN, so that no
    extractor meets input it was not written for (a 50,000-character line), and their time stays
    linear. Digits in other scripts (a superscript `¹`) are read as the digits they are."""
    ed = ed.sub(re.compile(rf"\S{{{MAX_RUN}}}(?=\S)"), lambda m: m.group(0) + "\n")
    ed = ed.sub(re.compile(rf"[^\n]{{{MAX_LINE}}}"), lambda m: _break_at_space(m.group(0)))
    return ed.sub(_OTHER_DIGITS, lambda m: str(unicodedata.digit(m.group(0))), rule="script_digit")


_OTHER_DIGITS = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x80, 0x10000)
                                          if unicodedata.digit(chr(c), None) is not None) + "]")


def _break_at_space(chunk: str) -> str:
    at = chunk.rfind(" ")
    return chunk[:at] + "\n" + chunk[at + 1:] if at > 0 else chunk + "\n"


# a word set letter-spaced for emphasis ("P r e s e n t e", "A T E N T A M E N T E")
_LETTER_SPACED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_] ){4,}[^\W\d_](?![^\W\d_])")


def _letter_spaced(m: re.Match) -> str:
    word = m.group(0).replace(" ", "")
    return word if lx.fold(word) in lx.spanish_words() else m.group(0)


def _prepared(text: str, page: Page | None = None) -> Edited:
    """The page's text in NFC, with what its OCR boxes show (`glyphs`: table bars, no flat words,
    addresses whole), bounded lines, letter-spaced words closed up and a glued footer on a line of
    its own."""
    chars = list(text)
    repairs = []
    for at in glyphs.bar_offsets(page) if page else ():
        repairs.append((at, at + 1, Repair(rule="bar_shape", before=chars[at], after="|")))
        chars[at] = "|"
    for w in glyphs.flat_words(page) if page else ():  # blanked, not cut: the offsets stay the page's
        repairs.append((w.start, w.end, Repair(rule="not_text", before=text[w.start:w.end], after="")))
        chars[w.start:w.end] = " " * (w.end - w.start)
    for a, b in glyphs.split_addresses(page) if page else ():
        repairs.append((a - 1, b + 1, Repair(rule="address_gap", before=text[a - 1:b + 1], after=text[a - 1] + text[b])))
        chars[a:b] = [""] * (b - a)
    origin = [i for i, c in enumerate(chars) for _ in c]
    text = "".join(chars)
    nfc = unicodedata.normalize("NFC", text)
    ed = Edited(nfc, origin, repairs) if len(nfc) == len(text) else Edited(nfc, [
        origin[min(i, len(origin) - 1)] for i in range(len(nfc))], repairs)
    ed = _bounded(ed.sub(re.compile(r"\r\n?"), "\n"))
    ed = ed.sub(_LETTER_SPACED, _letter_spaced, rule="letter_spaced")
    return ed.sub(_FOOTER_GLUED, lambda m: m.group(1) + "\n")


def _repaired(ed: Edited, ocr: bool, lines: Sequence[TextLine]) -> Edited:
    ed = ed.sub(_URL_BREAK, _url_break).sub(_HYPHEN, "")
    if ocr:
        ed = _drop_stray_bars(_fused_cell_bars(_table_bars(ed)))
        ed = _ocr_words(ed)
    if ocr:  # a text layer says what it says: OCR repairs are for OCR pages
        ed = _percent_signs(_sequence_keywords(_fix_keywords(ed, ocr)))  # after the keywords: `Ayance: 80 oh` has its label
    if ocr:
        ed = ed.sub(_SPECK_COLON, "", rule="speck_colon")
    ed = _join_after_connector(_join_wrapped(_join_wrapped_rows(ed), None if ocr else wrapped_line_ends(lines)), ocr)
    return _drop_blank_lines(ed)


def normalise_page(text: str, ocr: bool = False, lines: Sequence[TextLine] = ()) -> Edited:
    return _repaired(_prepared(text), ocr, lines)


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Each line's span, its newline included."""
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, min(pos + len(raw) + 1, len(text))))
        pos += len(raw) + 1
    return out


def _select(ed: Edited, spans: Sequence[tuple[int, int]]) -> Edited:
    """The parts of `ed` at `spans`, in order, each keeping its offsets."""
    text = "".join(ed.text[a:b] for a, b in spans)
    origin = [o for a, b in spans for o in ed.origin[a:b]]
    inside = {ed.origin[i] for a, b in spans for i in range(a, b) if i < len(ed.origin)}
    return Edited(text, origin, [r for r in ed.repairs if r[0] in inside])


def build(pages: Sequence[Page]) -> DocText:
    """The document's text. Page furniture (page numbers, running headers and footers) is taken out
    of each page before the repairs join wrapped lines, so that no line wraps into it, and set
    after the page's content, out of `lines`, where mentions still find its phones and e-mails."""
    prepared = [_prepared(page.text, page) for page in pages]
    spans = [_line_spans(ed.text) for ed in prepared]
    filled = [[k for k, (a, b) in enumerate(page) if ed.text[a:b].strip()] for ed, page in zip(prepared, spans)]
    running = [{ks[k] for k in found} for ks, found in zip(filled, furniture.running(
        [[ed.text[slice(*page[k])].strip() for k in ks] for ed, page, ks in zip(prepared, spans, filled)]))]
    parts: list[str] = []
    origin: list[tuple[int, int] | None] = []
    repairs: list[list[tuple[int, int, Repair]]] = []
    furniture_spans: list[tuple[int, int]] = []
    at = 0
    for i, (page, ed, page_spans, drop) in enumerate(zip(pages, prepared, spans, running)):
        if i:
            parts.append(PAGE_BREAK)
            origin.extend([None] * len(PAGE_BREAK))
            at += len(PAGE_BREAK)
        content = [s for k, s in enumerate(page_spans) if k not in drop]
        body = _repaired(_select(ed, content) if drop else ed, page.method == "ocr", page.lines)
        extra = _select(ed, [s for k, s in enumerate(page_spans) if k in drop])
        text, page_origin = body.text, body.origin
        if drop:  # the furniture after the content, a line each
            head, tail = body.text.rstrip("\n"), extra.text.rstrip("\n")
            text = head + "\n" + tail
            page_origin = body.origin[:len(head)] + [extra.origin[0]] + extra.origin[:len(tail)]
            pos = at + len(head) + 1
            for line in tail.split("\n"):
                furniture_spans.append((pos, pos + len(line)))
                pos += len(line) + 1
        parts.append(text)
        origin.extend((i, o) for o in page_origin)
        repairs.append(body.repairs + extra.repairs)
        at += len(text)
    doc = DocText(pages, "".join(parts), origin, repairs=repairs, furniture=furniture_spans)
    doc.lines = [l for l in split_lines(doc.text) if not any(a <= l.start < b for a, b in furniture_spans)]
    return doc


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped and stripped != "\f" and not FOOTER.match(stripped):
            out.append(Line(stripped, pos + raw.index(stripped)))
        pos += len(raw) + 1
    return out

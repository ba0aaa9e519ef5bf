"""Percentages, URLs, e-mails and phone numbers mentioned anywhere in the text."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractors import lexicon as lx
from extractors import ocrfix


@dataclass
class Found:
    start: int
    end: int
    raw: str
    value: object


_DIGITISH = "0-9OoIl"
PERCENT = re.compile(rf"(?<![\w.,])(?P<n>[{_DIGITISH}]{{1,3}}(?:[.,]\d{{1,2}})?)\s?%"
                     r"|(?<![\w.,])(?P<n2>\d{1,3}(?:[.,]\d{1,2})?)\s+por\s+ciento\b")  # "80 por ciento"
# "por ciento" also as a scan prints it ("pos ciento", "por cíento", "por clento")
PERCENT_WORDS = re.compile(r"\b(?P<w>[^\W\d_]+(?:\s+y\s+[^\W\d_]+)?)\s+p[o0][rs]\s+c[iíl1]ento\b", re.I)
URL = re.compile(r"(?:https?:\s?//|www\.)[^\s<>\"“”'()\[\]{}]+", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
# an optional country or area code (`+54`, `(51)`), then digit groups joined by a space, dot or dash
# an area or country code in brackets may have two parts: "(593 2) 394 6200", "(2) 2158900"
_CODE = r"\(\+?\d{1,4}(?:\s\d{1,3})?\)"
PHONE = re.compile(rf"(?<![\w+-])\+\s?\d{{1,3}}(?:[ .-]\d{{1,8}}){{1,4}}(?![\w-])"  # "+591 2 2821300"
                   rf"|(?<![\w+-])(?:\+\s?\d{{1,3}}[\s.-]?|{_CODE}[\s.-]?)?\d{{1,4}}(?:[ .-]\d{{2,4}}){{1,4}}(?![\w-])"
                   rf"|(?<![\w+-])(?:{_CODE}\s?\d{{5,12}}|\d{{7,12}})(?![\w-])")  # "(072) 523418"


def _digits(s: str) -> str:
    return s.translate(str.maketrans("OoIl", "0011"))


_PROGRESS_BEFORE = re.compile(r"(?i)\b(?:avance|cumplimiento|ejecuci[oó]n|progreso)\b\W{0,3}$")


def percentages(text: str, ocr: bool = False) -> list[Found]:
    out: list[Found] = []
    for m in PERCENT.finditer(text):
        raw = m.group("n") or m.group("n2")
        if not any(c.isdigit() for c in raw):
            continue
        value = float(_digits(raw).replace(",", "."))
        if ocr and 100 < value < 200 and (raw[1] == "0" or raw[2] == "0"):
            value = 100.0  # a speck turned one 0 of "100" into another digit
        elif ocr and value in (200, 300, 400, 700) and _PROGRESS_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            value = 100.0  # "Avance 300%": the 1 of a progress's "100" read as a digit it resembles
        if 0 <= value <= 100:
            out.append(Found(m.start(), m.end(), m.group(0), value))
    for m in PERCENT_WORDS.finditer(text):
        value = _spelt_percent(m)
        if value is not None:
            out.append(Found(m.start(), m.end(), m.group(0), value))
    return sorted(out, key=lambda f: f.start)


def _spelt_percent(m: re.Match) -> float | None:
    total = [lx.number_word(w) for w in m.group("w").split() if lx.fold(w) != "y"]
    return float(sum(total)) if total and all(v is not None for v in total) and sum(total) <= 100 else None


def percentages_in_digits(text: str) -> str:
    """The text with each percentage written in words ("del cuarenta y cinco por ciento") in digits
    ("del 45 %"), for patterns that read figures."""
    def digits(m: re.Match) -> str:
        value = _spelt_percent(m)
        return m.group(0) if value is None else f"{value:g} %"
    return PERCENT_WORDS.sub(digits, text)


def normalise_url(url: str) -> str:
    url = re.sub(r"(?i)^(https?:)\s+//", r"\1//", url.rstrip(".,;:!?»›"))
    m = re.match(r"(?i)(https?://)([^/?#]+)(.*)", url)
    if m:  # a speck read as a comma inside the host name
        return m.group(1).lower() + m.group(2).lower().replace(",", ".") + m.group(3)
    m = re.match(r"(?i)(www\.[^/?#]+)(.*)", url)
    return (m.group(1).lower() + m.group(2)) if m else url


def _continued(text: str, start: int, raw: str) -> tuple[str, int]:
    """A URL cut at a line end continues on the next line (bare path, or up to a closing `>`)."""
    end = start + len(raw)
    nxt = re.match(r"\n([a-z0-9][\w\-./?=&%#~]*[\-./_?=][\w\-./?=&%#~]*)(?=\s|$)", text[end:])
    if raw[-1] in "-/_." and nxt and not re.match(r"(?i)https?://|www\.", nxt.group(1)):
        raw += nxt.group(1).rstrip(".,;:")
        return raw, start + len(raw) + 1
    opened = text[max(0, start - 1):start] == "<"
    closing = re.match(r"[\n ]([^\s<>]+)>", text[end:])
    if opened and closing and not re.match(r"(?i)https?:|www\.", closing.group(1)):
        raw += closing.group(1)
        return raw, start + len(raw) + 1
    return raw, end


def urls(text: str, ocr: bool = False, confidence=None) -> list[Found]:
    out = []
    for m in URL.finditer(text):
        raw = m.group(0).rstrip(".,;:!?»›")
        raw, end = _continued(text, m.start(), raw)
        if re.search(r"\.[a-z]{2,}|//\d{1,3}[.,]\d{1,3}[.,]\d{1,3}[.,]\d{1,3}", raw, re.I):
            out.append(Found(m.start(), end, text[m.start():end], normalise_url(raw)))
    if not ocr:
        return out
    hits = ocrfix.ocr_urls(text)
    for f in out:  # URLs without a scheme, which the OCR reader does not look for
        if not any(h.start <= f.start < h.end or f.start <= h.start < f.end for h in hits):
            if str(f.value).lower().startswith("www."):
                hit = ocrfix.UrlHit(f.start, f.end, str(f.value), str(f.value).split("/")[0])
                fixed, glued = ocrfix.fix_host(hit.host[4:])
                if fixed and not glued:  # "www.datos.gav.co": the second level misread, as after a scheme
                    ocrfix.rehost(hit, "www." + fixed)
                hits.append(hit)
    hits.sort(key=lambda h: h.start)
    ocrfix.host_words(hits, text)
    ocrfix.host_labels(hits, text)
    ocrfix.consensus(hits, confidence)
    hits = [h for h in hits if ocrfix.host_ok(h.host)]  # a garbled TLD the consensus did not repair
    ocrfix.schemes(hits)
    ocrfix.trailing_slashes(hits)
    ocrfix.path_words(hits, text)
    ocrfix.slug_words(hits, text)
    ocrfix.spanish_path_words(hits)
    ocrfix.written_path_words(hits, text)
    ocrfix.compound_words(hits, text)
    ocrfix.path_segments(hits)
    ocrfix.same_readings(hits, text)
    return [Found(h.start, h.end, text[h.start:h.end], h.value) for h in hits]


def emails(text: str, ocr: bool = False) -> list[Found]:
    out = []
    for m in EMAIL.finditer(text):
        raw = m.group(0).rstrip(".")
        if re.search(r"\.[a-z]{2,}$", raw, re.I):
            out.append(Found(m.start(), m.start() + len(raw), raw, raw.lower()))
    if not ocr:
        return out
    unsure = []
    for s, e, value, seen_at in ocrfix.ocr_emails(text):
        if not any(f.start <= s < f.end or s <= f.start < e for f in out):
            out.append(Found(s, e, text[s:e], value))
            if not seen_at:
                unsure.append(out[-1])
    acronyms = Counter(re.findall(r"\b[A-Z]{4,10}\b", text))
    for f in out:
        value, f.start = ocrfix.joined_local(str(f.value), text, f.start)
        f.raw = text[f.start:f.end]
        value = ocrfix.fix_local_part(value, text, f.start)
        f.value = ocrfix.fix_domain_label(value, acronyms)
    out = [f for f in out if not any(f is u for u in unsure) or ocrfix.plausible_local(str(f.value), text, f.start)]
    return sorted(out, key=lambda f: f.start)


def phones(text: str, ocr: bool = False) -> list[Found]:
    """Numbers a phone cue introduces, or written with a parenthesised country code; on a scan, a
    code a digit misread (`(302)` for 502) is the calling code it resembles."""
    cues = lx.lexicon()["phone_cues"]
    out = []
    for m in PHONE.finditer(text):
        raw = m.group(0).strip()
        digits = re.sub(r"\D", "", raw)
        if not 7 <= len(digits) <= 15:
            continue
        if re.fullmatch(r"(19|20)\d\d[\s.-](19|20)\d\d", raw) or re.match(r"\((19|20)\d\d\)", raw):
            continue  # a range of years; a year in brackets, no area code
        def cued_in(span: str) -> bool:
            folded = lx.fold(span)
            if any(re.search(rf"\b{re.escape(lx.fold(c))}\b", folded) for c in cues):
                return True
            # on a scan, a cue a letter misread right before the number (`Tei. 809-...`); not a word
            # in capitals, a code's letters (`FAU 20527141762`, a signature's tax number)
            last = re.search(r"\b([^\W\d_]{3,9})[.,:;]?\s*$", span) if ocr else None
            if not last or last.group(1).isupper():
                return False
            word = lx.fold(last.group(1))
            return any(len(c) == len(word) and sum(a != b for a, b in zip(lx.fold(c), word)) == 1 for c in cues)
        # "Tel. +34 976 71 45 00 · Secretaría: 976 71 45 32": a line of numbers a cue opens
        cued = cued_in(text[max(0, m.start() - 30):m.start()]) or \
            len(digits) >= 8 and cued_in(text[text.rfind("\n", 0, m.start()) + 1:m.start()])
        if cued or raw.startswith("(") or raw.startswith("+"):
            out.append(Found(m.start(), m.start() + len(m.group(0)), raw, digits))
    if ocr and out:
        named = lx.countries_named(text)
        for f in out:
            f.value = _calling_code(f.raw, str(f.value), named)
    return out


def _calling_code(raw: str, digits: str, named: set[str]) -> str:
    """A printed code no Spanish-speaking country uses, a digit misread from the code of a country
    the document names (`(302)` in a Guatemalan letter: 502); area codes stay (`(606)`, Colombia)."""
    code = re.match(r"[(+]\+?\s?(\d{3})\b", raw)
    codes = lx.lexicon()["calling_codes"]
    if not code or code.group(1) in codes:
        return digits
    near = [c for c, country in codes.items() if country in named and ocrfix.confusable(code.group(1), c)]
    return near[0] + digits[3:] if len(near) == 1 else digits

"""Percentages, URLs, e-mails and phone numbers mentioned anywhere in the text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import lexicon as lx


@dataclass
class Found:
    start: int
    end: int
    raw: str
    value: object


_DIGITISH = "0-9OoIl"
PERCENT = re.compile(rf"(?<![\w.,])(?P<n>[{_DIGITISH}]{{1,3}}(?:[.,]\d{{1,2}})?)\s?%")
PERCENT_WORDS = re.compile(r"\b(?P<w>[^\W\d_]+(?:\s+y\s+[^\W\d_]+)?)\s+por\s+ciento\b", re.I)
URL = re.compile(r"(?:https?:\s?//|www\.)[^\s<>\"“”'()\[\]{}]+", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
PHONE = re.compile(r"(?<![\w-])(?:\(?\+?\d{1,3}\)?[\s.-]?)?\d{3,4}[\s.-]?\d{4}(?![\w-])")


def _digits(s: str) -> str:
    return s.translate(str.maketrans("OoIl", "0011"))


def percentages(text: str, ocr: bool = False) -> list[Found]:
    out: list[Found] = []
    for m in PERCENT.finditer(text):
        raw = m.group("n")
        if not any(c.isdigit() for c in raw):
            continue
        value = float(_digits(raw).replace(",", "."))
        if ocr and 100 < value < 200 and (raw[1] == "0" or raw[2] == "0"):
            value = 100.0  # a speck turned one 0 of "100" into another digit
        if 0 <= value <= 100:
            out.append(Found(m.start(), m.end(), m.group(0), value))
    for m in PERCENT_WORDS.finditer(text):
        words = m.group("w").split()
        total = [lx.number_word(w) for w in words if lx.fold(w) != "y"]
        if total and all(v is not None for v in total) and sum(total) <= 100:
            out.append(Found(m.start(), m.end(), m.group(0), float(sum(total))))
    return sorted(out, key=lambda f: f.start)


def normalise_url(url: str) -> str:
    url = re.sub(r"(?i)^(https?:)\s+//", r"\1//", url.rstrip(".,;:!?»›"))
    m = re.match(r"(?i)(https?://)([^/?#]+)(.*)", url)
    if m:  # a speck read as a comma inside the host name
        return m.group(1).lower() + m.group(2).lower().replace(",", ".") + m.group(3)
    m = re.match(r"(?i)(www\.[^/?#]+)(.*)", url)
    return (m.group(1).lower() + m.group(2)) if m else url


def urls(text: str) -> list[Found]:
    out = []
    for m in URL.finditer(text):
        raw = m.group(0).rstrip(".,;:!?»›")
        end = m.start() + len(raw)
        # a URL cut at a line end continues on the next line when that is a bare path
        nxt = re.match(r"\n([a-z0-9][\w\-./?=&%#~]*[\-./_?=][\w\-./?=&%#~]*)(?=\s|$)", text[end:])
        if raw[-1] in "-/_." and nxt and not re.match(r"(?i)https?://|www\.", nxt.group(1)):
            raw += nxt.group(1).rstrip(".,;:")
            end = m.start() + len(raw) + 1
        if re.search(r"\.[a-z]{2,}|//\d{1,3}[.,]\d{1,3}[.,]\d{1,3}[.,]\d{1,3}", raw, re.I):
            out.append(Found(m.start(), end, text[m.start():end], normalise_url(raw)))
    return out


def emails(text: str) -> list[Found]:
    out = []
    for m in EMAIL.finditer(text):
        raw = m.group(0).rstrip(".")
        if re.search(r"\.[a-z]{2,}$", raw, re.I):
            out.append(Found(m.start(), m.start() + len(raw), raw, raw.lower()))
    return out


def phones(text: str) -> list[Found]:
    """Numbers a phone cue introduces, or written with a parenthesised country code."""
    cues = lx.lexicon()["phone_cues"]
    out = []
    for m in PHONE.finditer(text):
        raw = m.group(0).strip()
        digits = re.sub(r"\D", "", raw)
        if not 7 <= len(digits) <= 15:
            continue
        if re.fullmatch(r"(19|20)\d\d[\s.-](19|20)\d\d", raw):
            continue  # a range of years
        before = lx.fold(text[max(0, m.start() - 30):m.start()])
        cued = any(re.search(rf"\b{re.escape(lx.fold(c))}\b", before) for c in cues)
        if cued or raw.startswith("(") or raw.startswith("+"):
            out.append(Found(m.start(), m.start() + len(m.group(0)), raw, digits))
    return out

"""What a document says about itself: type, reference, date line, people."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import lexicon as lx
from extractors.dates import FoundDate, find_dates
from extractors.text import DocText, Line

REFERENCE = re.compile(r"^(?:(?:Oficio|Ref(?:erencia)?\.?)\s*(?:No\.?|Núm\.?)?\s*:?\s*)?"
                       r"([A-Z]{2,}(?:[-/][A-Z]{1,})*[-/]\d{1,5}[-/](?:19|20)\d{2})\W*$")
_NAME_WORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+"
NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:de\s+(?:la\s+|los\s+)?)?{_NAME_WORD}){{1,5}}")


@dataclass
class Header:
    doc_type: str
    reference: tuple[Line, str] | None
    issued: FoundDate | None
    place: str | None
    recipients: list[tuple[int, str]]
    signatories: list[tuple[int, str]]


def _count(text: str, cues: list[str]) -> int:
    folded = lx.fold(text)
    return sum(folded.count(lx.fold(c)) for c in cues)


def doc_type(doc: DocText, has_reference: bool) -> str:
    head = doc.text[:600]
    lex = lx.lexicon()
    letter = _count(doc.text, lex["letter_cues"]) + (2 if has_reference else 0)
    salutation = any(re.match(rf"(?i)^({'|'.join(lex['recipient_openers'])})\.?\b", l.text)
                     for l in doc.lines[:12])
    closing = any(lx.fold(l.text).startswith(tuple(lx.fold(c) for c in lex["closings"]))
                  for l in doc.lines)
    progress = len(re.findall(r"(?i)\bavance\s*(?:del\s*)?\d{1,3}\s?%", doc.text))
    if salutation and (closing or letter >= 2):
        return "letter"
    if _count(head, lex["report_cues"]) or progress >= 3:
        return "progress_report"
    if _count(doc.text, lex["plan_cues"]) >= 3:
        return "work_plan"
    if _count(head, lex["news_cues"]) or re.search(r"(?im)^source url", doc.text):
        return "news"
    return "letter" if letter >= 3 else "other"


def reference(doc: DocText) -> tuple[Line, str] | None:
    for line in doc.lines[:6]:
        m = REFERENCE.match(line.text)
        if m:
            return line, m.group(1)
    return None


def _date_line(doc: DocText) -> tuple[FoundDate, str | None] | None:
    for line in doc.lines[:15]:
        found = [d for d in find_dates(line.text) if d.has_year]
        if not found:
            continue
        d = found[0]
        before = line.text[:d.start].strip(" ,.")
        after = line.text[d.end:].strip(" ,.")
        # on a scan, a stamp may print beside the date ("| RECIBI"): no lower-case word there
        stamp = doc.has_ocr and not re.search(r"[a-záéíóúñ]{3,}", after)
        if (after and not stamp) or (before and not re.fullmatch(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}", before)):
            continue
        shifted = FoundDate(line.start + d.start, line.start + d.end, d.raw, d.value, d.weekday, True)
        return shifted, before or None
    return None


def issued(doc: DocText) -> tuple[FoundDate | None, str | None]:
    found = _date_line(doc)
    if found:
        return found
    head = doc.text[:500]
    for d in find_dates(head):
        if d.has_year and re.search(r"(?i)\b(al|hasta el|con fecha|fecha de corte)\s*$", head[:d.start]):
            return d, None
    return None, None


def _clean_name(text: str) -> str | None:
    titles = {lx.fold(t) for t in lx.lexicon()["person_titles"]}
    words = text.replace('"', " ").replace("”", " ").split()
    while words and lx.fold(words[0]).rstrip(".:,") in titles:
        words.pop(0)
    m = NAME.match(" ".join(words))
    if not m:
        return None
    return " ".join(lx.restore_accents(w) for w in m.group(0).split())


def recipients(doc: DocText) -> list[tuple[int, str]]:
    openers = {lx.fold(t) for t in lx.lexicon()["recipient_openers"]}
    lines = doc.lines[:15]
    for i, line in enumerate(lines):
        first = lx.fold(line.text.split()[0]).rstrip(".:,") if line.text.split() else ""
        if first not in openers or line.text.rstrip().endswith(":"):
            continue
        for cand in (line.text, lines[i + 1].text if i + 1 < len(lines) else ""):
            name = _clean_name(cand)
            if name:
                return [(line.start, name)]
    return []


def signatories(doc: DocText) -> list[tuple[int, str]]:
    closings = tuple(lx.fold(c) for c in lx.lexicon()["closings"])
    for i, line in enumerate(doc.lines):
        if not lx.fold(line.text).startswith(closings):
            continue
        for nxt in doc.lines[i + 1:i + 4]:
            name = _clean_name(nxt.text)
            if name:
                return [(nxt.start, name)]
    return []


def read(doc: DocText) -> Header:
    ref = reference(doc)
    kind = doc_type(doc, ref is not None)
    date, place = issued(doc)
    is_letter = kind == "letter"
    return Header(kind, ref, date, place,
                  recipients(doc) if is_letter else [], signatories(doc) if is_letter else [])

"""Page furniture: page numbers and the running headers and footers a document repeats on its
pages. They are not content: a description that goes on over a page break must not take the
next page's header into it, nor a list its footer.
"""
from __future__ import annotations

import re
from typing import Sequence

from rapidfuzz import fuzz

from extractors import layout
from extractors import lexicon as lx

# "Página 2 de 5", read with OCR's slips ("P?gina 2 de S")
FOOTER = re.compile(r"^\W{0,3}P[áa\W]?gina\s+\S{0,3}\s*de\s+\S{1,3}\W{0,3}$", re.I)
# a line that is only a page number: "3", "- 3 -", "3/5", "Pág. 3", "Página 3"
PAGE_NUMBER = re.compile(r"^[\W_]{0,3}(?:p[áa]g(?:ina|\.)?\s*)?\d{1,3}(?:\s*(?:de|/)\s*\d{1,3})?[\W_]{0,3}$", re.I)
ZONE = 3  # lines at the top and at the bottom of a page where running headers and footers sit
MIN_KEY = 6  # characters a repeated line needs beyond its numbers, else any short line repeats
SAME = 90  # likeness of two pages' lines taken for one running line (OCR reads each a little differently)


def _key(line: str) -> str:
    """The line without its numbers (a page's own), case, accents and punctuation."""
    return re.sub(r"[\W_]+", " ", re.sub(r"\d+", "#", lx.fold(line))).strip()


def _content(line: str) -> bool:
    """A unit's header, a field or a table row: content, even where a page repeats it."""
    return bool(layout.header(line) or layout.fields(line) or layout.cells(line))


def running(pages: Sequence[Sequence[str]]) -> list[set[int]]:
    """For each page (its non-blank lines, in order), the indices of its furniture: page numbers
    in its top or bottom lines, and lines there that the same place of another page repeats (of
    two others in a document of four pages or more, since two pages may share a heading by
    chance). The first page's top lines stay: there they are the letterhead, which names the
    sender and the place."""
    zones = [[(i, _key(lines[i])) for i in _zone(len(lines)) if not _content(lines[i])]
             for lines in pages]
    needed = 2 if len(pages) >= 4 else 1
    out: list[set[int]] = []
    for p, lines in enumerate(pages):
        found = {i for i, line in enumerate(lines) if FOOTER.match(line)}  # OCR may misplace it
        found |= {i for i in _zone(len(lines)) if PAGE_NUMBER.match(lines[i])}
        for i, key in zones[p]:
            if len(key.replace("#", "").replace(" ", "")) < MIN_KEY or (p == 0 and i < ZONE):
                continue
            top = i < ZONE
            repeats = sum(1 for q, zone in enumerate(zones) if q != p and any(
                (j < ZONE) == top and (other == key or fuzz.ratio(other, key) >= SAME) for j, other in zone))
            if repeats >= needed:
                found.add(i)
        out.append(found)
    return out


def _zone(n: int) -> list[int]:
    return sorted(set(range(min(ZONE, n))) | set(range(max(n - ZONE, 0), n)))

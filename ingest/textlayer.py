"""Is a PDF text layer worth using, or should OCR replace it?

Junk comes as `(cid:N)` runs (fonts without a Unicode map), mojibake from broken
encodings, an old low-quality OCR layer over a scan, or text drawn as vector
outlines with only a few real characters. URLs, codes and numbers are fine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.options import TextLayerOptions

_CID = re.compile(r"\(cid:\d+\)")
# Symbols that do not occur inside real words, but do in misread ones ("3s«»teership", "H^uid").
_INNER_SYMBOL = re.compile(r"\w[«»*^£©®¥§|\\{}<>]|[«»*^£©®¥§|\\{}<>]\w")
_CASE_FLIP = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


@dataclass
class Verdict:
    usable: bool
    reason: str
    junk_ratio: float


def _junk(token: str) -> bool:
    if _INNER_SYMBOL.search(token):
        return True
    # "3HQČåQtSURVWĜHGN"-style mojibake flips case inside a word again and again.
    return any(len(_CASE_FLIP.findall(run)) > 1 for run in _LETTER_RUN.findall(token))


def assess(text: str, has_images: bool, vector_objects: int, opts: TextLayerOptions) -> Verdict:
    cid_chars = sum(len(m) for m in _CID.findall(text))
    tokens = _CID.sub(" ", text).split()
    if not tokens:
        return Verdict(False, "only unmapped glyphs (cid:N)" if cid_chars else "no text layer", 0.0)
    junk_tokens = sum(_junk(t) for t in tokens)
    junk = junk_tokens / len(tokens)
    letters = sum(ch.isalpha() for t in tokens for ch in t)
    if cid_chars > 0.2 * len(text.strip()):
        return Verdict(False, f"{cid_chars} of {len(text.strip())} characters are unmapped glyphs", junk)
    # Over a scan, a few garbled labels are weak evidence; a garbled share of real prose is not.
    poor_ocr_layer = has_images and junk > opts.max_junk_ratio_over_image and junk_tokens >= opts.min_junk_tokens
    if junk > opts.max_junk_ratio or poor_ocr_layer:
        return Verdict(False, f"{junk:.0%} of tokens look misread or garbled", junk)
    if has_images and letters < opts.min_letters_over_image:
        return Verdict(False, f"only {letters} letters over a page image", junk)
    if vector_objects > opts.outline_objects and letters < opts.min_letters_over_outlines:
        return Verdict(False, f"only {letters} letters among {vector_objects} drawn shapes", junk)
    return Verdict(True, "ok", junk)


def collapse_overprint(text: str) -> tuple[str, int]:
    """Undo lines drawn several times over ("[[[[ÉÉÉÉ" -> "[É"); returns the text and lines fixed."""
    fixed = 0
    lines = []
    for line in text.split("\n"):
        runs = [len(m.group(0)) for m in re.finditer(r"(\S)\1*", line)]
        times = min(runs) if runs else 1
        if times >= 2 and sum(runs) >= 8 and all(r % times == 0 for r in runs):
            line = re.sub(r"(\S)\1{%d}" % (times - 1), r"\1", line)
            fixed += 1
        lines.append(line)
    return "\n".join(lines), fixed

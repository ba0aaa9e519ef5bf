"""Normalised text and blocking keys, so that near-identical documents meet cheaply."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, no accents, words only: what OCR and typesetting agree on."""
    # Decomposing then dropping non-ASCII strips accents in C, not per character in Python.
    ascii_only = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(" ", ascii_only).strip()


def blocking_keys(normalised: str, bands: int = 8, shingle: int = 3) -> set[str]:
    """MinHash-style keys: two readings of one document share some; unrelated documents rarely.

    The smallest hashes of a document's word 3-grams (shingles) act as a bottom-k
    sketch: readings that share most shingles share some of the smallest ones,
    and since shingles are near-unique to a text, keys are too, so candidate
    buckets stay small without comparing every pair.
    """
    words = normalised.split()
    if len(words) < shingle:
        return {f"short:{normalised[:64]}"}
    grams = {" ".join(words[i:i + shingle]) for i in range(len(words) - shingle + 1)}
    hashed = sorted(hashlib.blake2b(g.encode(), digest_size=8).hexdigest() for g in grams)
    return set(hashed[:bands])

"""Normalised text and blocking keys, so that near-identical documents meet cheaply."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, no accents, words only: what OCR and typesetting agree on."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_only).strip()


def blocking_keys(normalised: str, bands: int = 8, min_length: int = 6) -> set[str]:
    """MinHash-style keys: documents sharing most long words share some key.

    Long words survive OCR better than short ones; taking the smallest hashes
    of the word set gives keys that match across two readings of one document
    without comparing every pair.
    """
    words = {w for w in normalised.split() if len(w) >= min_length}
    if not words:
        return {f"short:{normalised[:64]}"}
    hashed = sorted(hashlib.blake2b(w.encode(), digest_size=8).hexdigest() for w in words)
    return set(hashed[:bands])

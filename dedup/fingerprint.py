"""Normalised text and blocking keys, so that near-identical documents meet cheaply."""
from __future__ import annotations

import functools
import unicodedata

import numpy as np

# Every ASCII character but a-z and 0-9 becomes a space (what is left after NFKD is ASCII).
_WORDS_ONLY = str.maketrans({chr(i): " " for i in range(128) if not (chr(i).isdigit() or "a" <= chr(i) <= "z")})

_BASE = np.uint64(0x100000001B3)  # odd, so invertible modulo 2**64: a span's hash is a prefix difference
_BASE_INVERSE = np.uint64(pow(int(_BASE), -1, 2**64))
_SPACE = ord(" ")


def normalise(text: str) -> str:
    """Lower case, no accents, words only: what OCR and typesetting agree on."""
    # Decomposing then dropping non-ASCII strips accents in C, not per character in Python.
    ascii_only = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return " ".join(ascii_only.translate(_WORDS_ONLY).split())


def blocking_keys(normalised: str, bands: int = 10, shingle: int = 3) -> set[int]:
    """MinHash-style keys: two readings of one document share some; unrelated documents rarely.

    The smallest hashes of a document's word 3-grams (shingles) act as a bottom-k
    sketch: readings that share most shingles share some of the smallest ones,
    and since shingles are near-unique to a text, keys are too, so candidate
    buckets stay small without comparing every pair.

    A shingle's hash is that of its characters (a polynomial hash, mixed), taken for all
    shingles at once from the text's prefix hashes: hashing each shingle in Python cost
    most of the grouping of a large batch.
    """
    codes = np.frombuffer(normalised.encode("ascii", "replace"), dtype=np.uint8)
    letters = np.empty(len(codes) + 2, dtype=bool)
    letters[0] = letters[-1] = False
    np.not_equal(codes, _SPACE, out=letters[1:-1])
    edges = np.flatnonzero(letters[1:] != letters[:-1])  # alternately a word's start and its end
    starts, ends = edges[::2], edges[1::2]
    if len(starts) < shingle:
        return {int(_mix(_span_hashes(codes[:64], np.array([0]), np.array([min(len(codes), 64)])))[0])}
    hashes = np.sort(_mix(_span_hashes(codes, starts[:1 - shingle], ends[shingle - 1:])))
    smallest = hashes[:bands]
    if (smallest[1:] == smallest[:-1]).any():  # a shingle repeated: the smallest distinct ones
        smallest = np.unique(hashes)[:bands]
    return set(smallest.tolist())


def _span_hashes(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """sum(codes[j] * BASE**(j - start)) over each span, modulo 2**64 (numpy's uint64 wraps)."""
    powers, inverse = _powers(1 << len(codes).bit_length())  # a few sizes, each computed once
    with np.errstate(over="ignore"):
        prefix = np.concatenate(([np.uint64(0)], np.cumsum(codes * powers[:len(codes)], dtype=np.uint64)))
        return (prefix[ends] - prefix[starts]) * inverse[starts]


@functools.cache
def _powers(length: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**j and BASE**-j for j up to `length`, modulo 2**64."""
    with np.errstate(over="ignore"):
        return tuple(np.concatenate(([np.uint64(1)], np.cumprod(np.full(length, base, dtype=np.uint64))))
                     for base in (_BASE, _BASE_INVERSE))


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: the smallest hashes must be a fair sample of the shingles."""
    with np.errstate(over="ignore"):
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return h ^ (h >> np.uint64(31))

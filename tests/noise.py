"""Generate OCR-like noisy variants of clean Spanish text, deterministically."""
from __future__ import annotations

import random
import unicodedata

SUBSTITUTIONS = {
    "drop_accents": lambda s, r: "".join(c for c in unicodedata.normalize("NFD", s)
                                         if not unicodedata.combining(c)),
    "e_acute_to_6": lambda s, r: s.replace("é", "6"),
    "o_acute_to_e": lambda s, r: s.replace("ó", "é"),
    "n_tilde_to_ii": lambda s, r: s.replace("ñ", "ii"),
    "rn_to_m": lambda s, r: s.replace("m", "rn"),
    "m_to_rn": lambda s, r: s.replace("rn", "m"),
    "l_to_1": lambda s, r: _some(s, r, "l", "1"),
    "I_to_l": lambda s, r: _some(s, r, "I", "l"),
    "O_to_0": lambda s, r: _some(s, r, "O", "0"),
    "split_word": lambda s, r: _split(s, r),
    "join_words": lambda s, r: _join(s, r),
}


def _some(s: str, r: random.Random, a: str, b: str) -> str:
    return "".join(b if c == a and r.random() < 0.5 else c for c in s)


def _split(s: str, r: random.Random) -> str:
    words = s.split(" ")
    long = [i for i, w in enumerate(words) if len(w) > 8 and w.isalpha()]
    if long:
        i = r.choice(long)
        k = len(words[i]) // 2
        words[i] = words[i][:k] + " " + words[i][k:]
    return " ".join(words)


def _join(s: str, r: random.Random) -> str:
    words = s.split(" ")
    pairs = [i for i in range(len(words) - 1) if words[i].islower() and words[i + 1].islower()]
    if pairs:
        i = r.choice(pairs)
        words[i:i + 2] = [words[i] + words[i + 1]]
    return " ".join(words)


def noisy(text: str, kind: str, seed: int = 0) -> str:
    return SUBSTITUTIONS[kind](text, random.Random(seed))


KINDS = sorted(SUBSTITUTIONS)

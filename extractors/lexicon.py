"""The document vocabulary, loaded from data files, and fuzzy look-ups against it."""
from __future__ import annotations

import gzip
import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from extractors import settings


@lru_cache(maxsize=None)
def _data(name: str) -> dict:
    return json.loads(resources.files("extractors").joinpath(f"data/{name}.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """`lexicon.json`, with the one-word level keywords of the layout grammar among the
    structure words that OCR repairs restore (`Fose 2.` -> `Fase 2.`) and that need a number."""
    data = dict(_data("lexicon"))
    levels = {fold(f): f[0].upper() + f[1:] for level in _data("grammar")["levels"] for f in level["forms"]
              if " " not in f and f.isalpha() and fold(f) not in data["structure"]}
    data["structure"] = {**data["structure"], **levels}
    data["numbered_headers"] = [*data["numbered_headers"], *levels]
    return data


@lru_cache(maxsize=1)
def _word_list() -> tuple[str, ...]:
    raw = resources.files("extractors").joinpath("data/spanish_words.txt.gz").read_bytes()
    return tuple(gzip.decompress(raw).decode("utf-8").split())


@lru_cache(maxsize=1)
def spanish_words() -> frozenset[str]:
    """Spanish word forms, folded: the word list of Tesseract's Spanish model (made by
    `data/spanish_words.sh`), names and acronyms included. A word of a scan that is not one,
    and that the document does not repeat, is a misreading."""
    return frozenset(w.lower() for w in _word_list())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The forms that list writes in lower case: words, not names or acronyms (`reporte`,
    `gerencia`; not `inap`)."""
    return frozenset(w for w in _word_list() if w.islower())


@lru_cache(maxsize=2)
def _sorted_words(common: bool) -> list[str]:
    return sorted(common_words() if common else spanish_words())


def one_slip_word(word: str, common: bool = False) -> str | None:
    """The Spanish word one edit from a folded `word`, when exactly one is (of the lower-case
    forms only with `common`)."""
    from rapidfuzz.distance import Levenshtein
    near = process.extract(word, _sorted_words(common), scorer=Levenshtein.distance, score_cutoff=1, limit=2)
    return near[0][0] if len(near) == 1 else None


@lru_cache(maxsize=1)
def _countries() -> list[dict]:
    folder = resources.files("extractors").joinpath("data/countries")
    return [json.loads(f.read_text("utf-8")) for f in sorted(folder.iterdir(), key=lambda f: f.name)
            if f.name.endswith(".json")]


def _named_lexicons(text: str) -> list[dict]:
    """The country lexicons whose cues the text contains."""
    folded = fold(text)
    return [lexicon for lexicon in _countries() if any(fold(c) in folded for c in lexicon["cues"])]


def institutions(text: str) -> dict:
    """The institutions of the countries the text names (their lexicons' cues), merged;
    empty for a document of a country no lexicon covers, so that none fires there."""
    merged: dict = {"acronyms": {}, "names": []}
    for lexicon in _named_lexicons(text):
        merged["acronyms"].update(lexicon["acronyms"])
        merged["names"].extend(lexicon["names"])
    return merged


def countries_named(text: str) -> set[str]:
    """The countries whose lexicon's cues the text contains."""
    return {lexicon["country"] for lexicon in _named_lexicons(text)}


def fold(s: str) -> str:
    """Lower case without accents: the key OCR noise cannot disturb much."""
    return _fold_word(s) if len(s) <= 40 else _fold(s)


@lru_cache(maxsize=1 << 16)
def _fold_word(s: str) -> str:
    # Words and cues are folded again and again (about a second a batch); whole texts are not kept.
    return _fold(s)


def _fold(s: str) -> str:
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFD", s.lower())
    # Only non-ASCII characters can be marks: the callback runs for those alone, the rest stays in C.
    return _NON_ASCII.sub(_unmarked, s)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _unmarked(m: re.Match) -> str:
    return "" if unicodedata.combining(m.group(0)) else m.group(0)


def best(word: str, choices, cutoff: float) -> str | None:
    """The choice closest to `word` (folded), if at least `cutoff` similar."""
    hit = process.extractOne(fold(word), list(choices), scorer=fuzz.ratio, score_cutoff=cutoff)
    return hit[0] if hit else None


def month(word: str, cutoff: float | None = None) -> int | None:
    """Month number of a (possibly noisy) Spanish month name; `cutoff`: the likeness needed,
    by default `MatchOptions.month`."""
    w = fold(word).strip(".,")
    if len(w) < 3 or not w.isalpha():
        return None
    months = lexicon()["months"]
    if w in months:
        return months[w]
    if w in lexicon()["month_abbreviations"]:  # exact only: short forms are too close to words
        return lexicon()["month_abbreviations"][w]
    if len(w) < 4:
        return None
    key = best(w, months, settings.current().match.month if cutoff is None else cutoff)
    return months[key] if key else None


def weekday(word: str) -> int | None:
    w = fold(word)
    days = lexicon()["weekdays"]
    if w in days:
        return days[w]
    key = best(w, days, 80) if len(w) >= 5 else None
    return days[key] if key else None


def number_word(word: str, fuzzy: bool = False) -> int | None:
    w = fold(word)
    if w.isdigit():
        return int(w)
    words = lexicon()["number_words"]
    if w in words:
        return words[w]
    if fuzzy and len(w) >= 4:
        from rapidfuzz.distance import Levenshtein
        key = best(w, words, 75)
        # a slip changes a letter or two, not the length by two ("datos" is no misread "dos"), and
        # one letter in a short word ("quienes" is three from "quince")
        return words[key] if key and abs(len(key) - len(w)) <= 1 and \
            Levenshtein.distance(key, w) <= (1 if len(w) <= 7 else 2) else None
    return None


@lru_cache(maxsize=None)
def _accent_index() -> dict[str, str]:
    return {fold(w): w for w in lexicon()["accented_words"]}


_OCR_CION = re.compile(r"(?i)ci[oóéeíd][dn]?n$")


def restore_accents(word: str) -> str:
    """Put back accents OCR dropped or garbled, only where the word is known."""
    if len(word) < 3 or not word.isalpha():
        return word
    key = fold(word)
    index = _accent_index()
    target = index.get(key)
    if target is None and re.search(r"[áéíóúÁÉÍÓÚ]", word):
        for vowel in "aeiou":  # OCR swaps one accented vowel for another (é for ó)
            alt = fold(re.sub(r"[áéíóú]", vowel, word.lower(), count=1))
            if alt in index:
                target = index[alt]
                break
    if target is None and _OCR_CION.search(key) and not key.endswith("ciones"):
        target = _OCR_CION.sub("ción", word.lower())
    if target is None:
        return word
    if word.isupper():
        return target.upper()
    if word[0].isupper():
        return target[0].upper() + target[1:]
    return target


def restore_text(text: str) -> str:
    return re.sub(r"[^\W\d_]+", lambda m: restore_accents(m.group(0)), text)


@lru_cache(maxsize=1)
def person_names() -> dict[str, str]:
    """Given names and surnames common in Spanish-speaking countries (`data/person_names.txt`),
    folded to their usual spelling: what a scan's misread name is one slip from."""
    raw = resources.files("extractors").joinpath("data/person_names.txt").read_text("utf-8")
    return {fold(w): w for w in raw.split() if not w.startswith("#")}


def nearest_person_name(word: str) -> str | None:
    """The one known name `word` is with a letter misread (two in a word of seven letters or more),
    in its usual spelling; None when `word` is a known name or word, or no single name is so near.
    Letters misread, not added or lost: a scan garbles a rare name's letters, and a name one letter
    longer or shorter is most often another name (`Ttito` is no `Tito`)."""
    from rapidfuzz.distance import Hamming
    key = fold(word)
    names = person_names()
    if len(key) < 4 or not key.isalpha() or key in names or key in spanish_words():
        return None
    limit = 1 if len(key) < 7 else 2
    near = [(d, n) for n in _names_of_length(len(key)) if (d := Hamming.distance(key, n)) <= limit]
    closest = [n for d, n in near if d == min(near)[0]] if near else []
    return names[closest[0]] if len(closest) == 1 else None


@lru_cache(maxsize=None)
def _names_of_length(n: int) -> tuple[str, ...]:
    return tuple(k for k in person_names() if len(k) == n)

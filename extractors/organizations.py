"""Institutions named in the text, by acronym where the document gives one."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from extractors import lexicon as lx
from extractors import ocrfix
from extractors import settings
from extractors.nlp import pipeline

# two joined by a hyphen: one body when defined so (`(ANCP-CCE)`), else two; with digits, a code
_ACR = r"[A-ZÑ][A-ZÁÉÍÓÚÑ]{2,9}(?:-[A-ZÑ][A-ZÁÉÍÓÚÑ]{1,9}(?![\w@/-]))?"  # accents: INVÍAS
ACRONYM = re.compile(rf"(?<![\w#@/.]){_ACR}(?![\w@/]|\.[a-z]|-\d)")
# an acronym in mixed case (`MinTIC`, `UACh`, `CIPyT`, `UNCuyo`): two capitals or more, not all capitals
MIXED_ACRONYM = re.compile(r"(?<![\w#@/.])(?=[A-ZÑ][a-zñ]*[A-ZÑ])[A-ZÑ][A-Za-zÑñ]{2,11}(?![\w@/]|\.[a-z]|-\d)")
# a name's last words and its acronym in brackets, in any case, two letters or more: "(AyA)", "(MA)"
_LATER_ALIAS = re.compile(r"^((?:\s+(?:de|del|la|las|los|y|e|para|el)\b|\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+){0,6})"
                          r"\s*\(\s*([A-ZÑ][A-Za-zÑñ]{1,11})\s*\)")
# a name that wraps after a connector goes on at the next line's capitalised words
_WRAPPED = re.compile(r"^[ \t]+(?:de|del|de la|de los|de las|y|e|para|por)[ \t]*\n[ \t]*[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+"
                      r"(?:[ \t]+(?:(?:de|del|la|las|los|y|e)[ \t]+)?[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+)*")
_GLOSSED = re.compile(rf"^\W{{0,3}}({_ACR})\s*[:=–—-]\s*$")  # the acronym a glossary line defines
# a one-word alias in parentheses right after a name: "Universidad de la República (Udelar)"
_PAREN_ALIAS = re.compile(r"^\s*\(\s*([A-ZÑ][A-Za-zÑñ]{2,11}(?:-[A-ZÑ][A-Za-zÑñ]{1,11})?)\s*\)")
_CAPS_WORD = re.compile(r"^[A-ZÁÉÍÓÚÑ]{3,}$")
# an acronym with the place of the body it names: "(GORE Tumbes)", "(GAD Cuenca)"
_PLACED_ACRONYM = re.compile(rf"^\s*\(\s*({_ACR})\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)\s*\)")
_ATTACHED = re.compile(rf"^\s*(?:[-—–(+]{{1,3}}\s*)?({_ACR})\b(?![a-z])")  # `+`: a dash on a scan
_ATTACHED_AFTER_LIST = re.compile(
    r"^(?:,\s*[A-ZÁÉÍÓÚ][\wáéíóúñ]+)+\s+(?:y|e)\s+[A-ZÁÉÍÓÚ][\wáéíóúñ]+\s*[-—–(]{1,3}\s*([A-ZÑ]{3,10})\b")
# an infinitive in capitals followed by what follows a verb (an article, `a`, `que`)
_OPERATIVE_VERB = re.compile(r"[A-ZÑ]{3,}(?:AR|ER|IR)\s+(?:el|la|los|las|a|al|que|en|de)\s")
_ALIAS = re.compile(r"^\W{0,3}\s*(?:en\s+ingl[eé]s|por\s+sus\s+siglas\s+en\s+ingl[eé]s)", re.I)


@dataclass
class FoundOrg:
    start: int
    end: int
    name: str
    full_name: str | None


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(lx.fold(h) for h in lx.lexicon()["org_heads"])


@lru_cache(maxsize=1)
def _phrase_heads() -> dict[str, tuple[str, ...]]:
    """Head words the lexicon names only in phrases (`gobierno de`, `gobierno regional`), with those."""
    single = {lx.fold(h) for h in lx.lexicon()["org_heads"] if " " not in h.strip()}
    out: dict[str, list[str]] = {}
    for h in lx.lexicon()["org_heads"]:
        words = lx.fold(h).split()
        if len(words) > 1 and words[0] not in single:
            out.setdefault(words[0], []).append(" ".join(words))
    return {k: tuple(v) for k, v in out.items()}


def _headed(name: str) -> bool:
    """A name whose first word heads bodies only in a phrase (`Gobierno Abierto` is no
    `Gobierno de ...`) opens with one of those phrases; any other name passes."""
    folded = lx.fold(name)
    first = folded.split()[0] if folded.split() else ""
    phrases = _phrase_heads().get(first)
    return phrases is None or any(folded.startswith(p) for p in phrases)


@lru_cache(maxsize=None)
def _stoplist() -> frozenset[str]:
    return frozenset(lx.fold(w).upper() for w in lx.lexicon()["acronym_stoplist"])


def _in_caps_run(text: str, start: int, end: int) -> bool:
    before = re.search(r"([^\s,]+)[ ,]+$", text[max(0, start - 40):start])
    after = re.match(r"[ ,]+([^\s,]+)", text[end:end + 40])
    return any(m and _CAPS_WORD.match(m.group(1).strip(".:;")) for m in (before, after))


def _line_has_lowercase(text: str, pos: int) -> bool:
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    return re.search(r"\b[a-záéíóúñ]{3,}\b", text[ls:le if le >= 0 else None]) is not None


def _delimited(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    bullet = re.fullmatch(r"\W{0,3}[-—–•*+»«]\s*", text[line_start:start]) is not None
    return bool((re.search(r"[-—–(]\s*$", text[max(0, start - 3):start]) and not bullet)
                or re.match(r"^\s*[-—–)]", text[end:end + 3]))


def _spelt_before(text: str, start: int, acr: str) -> bool:
    """The words just before an acronym spell it (`Instituto ... Pública INAP`)."""
    return _spelling(text, start, acr) is not None


def _spelling(text: str, start: int, acr: str) -> list[str] | None:
    """The words just before `start` that spell `acr`, if some do."""
    return _spelling_in(_window(text, start), acr)


def _window(text: str, start: int) -> tuple[list[str], tuple[str, ...]]:
    """The words a name before `start` can take, and their keys."""
    words = _WORD.findall(text[max(0, start - 120):start])
    return words, _keys(words)


def _spelling_in(window: tuple[list[str], tuple[str, ...]], acr: str) -> list[str] | None:
    span = _spelling_span(window, acr)
    return window[0][span[0]:span[1]] if span else None


def _spelling_span(window: tuple[list[str], tuple[str, ...]], acr: str) -> tuple[int, int] | None:
    """Where in the window the words that spell `acr` start and end, the latest end first."""
    words, keys = window
    key = _key(acr)
    n = len(words)  # the name may be followed by a few specks ("... Asistencia Social pt VE")
    for j in range(n, max(0, n - 3), -1):
        spells_from = _speller(key, keys, j)
        for i in range(max(0, j - 12), j):
            if spells_from(i):
                return i, j
    return None


def _caps_nearby(text: str, start: int) -> bool:
    """An upper-case word among the three before (a heading: "INSTITUTO DE FOMENTO")."""
    words = re.findall(r"[^\W\d_]+", text[max(0, start - 40):start])[-3:]
    return any(_CAPS_WORD.match(w) for w in words)


def _is_word(acr: str, text: str, lower_only: bool = False) -> bool:
    """The text writes the acronym as a word, in lower case or capitalised (`Ine`, `ine`), not
    inside an address."""
    word = acr[0] + acr[1:].lower()
    forms = (acr.lower(),) if lower_only else (word, acr.lower())
    if all(re.fullmatch(r"\w+", f) for f in forms):
        return any(f in _word_tokens(text) for f in forms)
    pattern = "|".join(map(re.escape, forms))
    return re.search(rf"(?<![\w@./])(?:{pattern})(?![\w@/]|\.\w)", text) is not None


@lru_cache(maxsize=4)
def _word_tokens(text: str) -> frozenset[str]:
    """The text's runs of word characters that stand as words: no `@`, `.` or `/` before them,
    no `@` or `/` after them, nor a dot that an address goes on from."""
    out = set()
    for m in re.finditer(r"\w+", text):
        before = text[m.start() - 1:m.start()]
        after = text[m.end():m.end() + 2]
        if before in ("@", ".", "/") or after[:1] in ("@", "/") or re.match(r"\.\w", after):
            continue
        out.add(m.group(0))
    return frozenset(out)


def _in_code(text: str, start: int, end: int) -> bool:
    """Inside a whitespace-delimited token that holds digits: a code, not a name."""
    left = re.search(r"\S*$", text[max(0, start - 40):start]).group(0)
    right = re.match(r"\S*", text[end:end + 40]).group(0)
    return bool(re.search(r"\d", left + right)) and bool(re.search(r"[-/#]", left + right))


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    lex = lx.lexicon()
    return frozenset(lx.fold(w).strip(".") for w in lex["phone_cues"] + lex["email_cues"])




def _written_words(text: str) -> set[str]:
    """Words of six letters or more the text writes twice in lower or title case, and known words."""
    words = Counter(lx.fold(w) for w in re.findall(
        r"(?<![\w@./])[A-ZÁÉÍÓÚÑa-záéíóúñ][a-záéíóúñ]{5,}(?![\w@/]|\.\w)", text))
    return {w for w, n in words.items() if n >= 2} | {lx.fold(w) for w in lx.lexicon()["accented_words"]}


def _near(word: str, words) -> bool:
    w = lx.fold(word).lower()
    return any(abs(len(v) - len(w)) <= 1 and Levenshtein.distance(v, w) <= 1 for v in words)


def acronyms(text: str, counts: Counter, confidence=None, known: dict | None = None) -> list[tuple[int, int, str]]:
    """`counts`: how often the text writes each acronym-shaped word."""
    out = []
    written = _written_words(text)
    for m in ACRONYM.finditer(text):
        acr = m.group(0)
        if lx.fold(acr).upper() in _stoplist() or re.fullmatch(r"[IVXLC]+", acr):
            continue
        if not _accent_set_apart(acr, text):
            continue

        if counts[acr] == 1 and len(acr) >= 6 and _near(acr, written) \
                and not _spelt_before(text, m.start(), acr):
            continue  # a word in capitals, or one misread (`DASICOS`, `YOMENTO`): no institution
        if _ALIAS.match(text[m.end():m.end() + 40]):
            continue  # the English alias of a name already given in Spanish
        delimited = _delimited(text, m.start(), m.end()) or "-" in acr  # a pair sets its parts apart
        if not delimited and (_in_caps_run(text, m.start(), m.end())
                              or not _line_has_lowercase(text, m.start())) \
                and not _spelt_before(text, m.start(), acr):
            continue
        if text[max(0, m.start() - 1):m.start()] == "(" and not _after_institution(text, m.start(), acr):
            continue  # "(PEI)" after a plan's name is not an institution
        if confidence and not delimited and counts[acr] < 2 and \
                confidence(m.start(), m.end()) < settings.current().ocr.low_confidence and not _spelt_before(text, m.start(), acr):
            continue  # on a scan, a lone capitalised word read with low confidence: a stamp, a logo
        if len(acr) >= 5 and _caps_nearby(text, m.start()) and _is_word(acr, text):
            continue  # "INSTITUTO DE FOMENTO": a word the document also writes in lower case
        if any(b != acr and b.startswith(acr) and (counts[b] > counts[acr] or confidence and
                                                   counts[b] == counts[acr] and len(b) >= len(acr) + 2)
               for b in counts):
            continue  # a cut-off reading of an acronym the document repeats (INF for INFOM; MIDEPL.AN)
        if re.match(r"\.?\s+\d{1,2}(?:[.,]\d{1,2})+\b", text[m.end():m.end() + 12]):
            continue  # a level's label before its dotted number ("ACP 1.1.1"), not an institution
        if _in_code(text, m.start(), m.end()):
            continue  # part of a reference code ("IF-2024-0671-GDEMZA-DGA")
        if _is_word(acr, text, lower_only=True) and not delimited and not _spelt_before(text, m.start(), acr):
            continue  # a word in capitals ("PARA:", "REFERENCIA") the document also writes in lower case
        if len(acr) >= 4 and (lx.fold(acr) in lx.common_words() or acr.lower() in lx.common_words()) \
                and not _enclosed(text, m.start(), m.end()):
            continue  # a Spanish word in capitals ("AGENDA", "ANUAL —"), unless set apart as a name is: (MIDES), -MIDES-
        if lx.fold(acr) in _cue_words():
            continue  # a field cue in capitals ("PBX", "TEL")
        if _named_kind_before(text, m.start()):
            continue  # "el estándar OCDS", "la metodología MESTA": a thing, not an institution
        if _OPERATIVE_VERB.match(text, m.start()) and not _spelt_before(text, m.start(), acr):
            continue  # "APROBAR el Plan", "DISPONER que ...": a resolution's verb in capitals
        if "-" in acr and (not re.search(rf"\(\s*{acr}\s*\)", text) or
                           any(_written_alone(part, text) for part in acr.split("-"))):
            first, second = acr.split("-")  # "mesa técnica INFOM-ANAM": two bodies; "(ANCP-CCE)": one
            out += [(m.start(), m.start() + len(first), first), (m.end() - len(second), m.end(), second)]
            continue
        # a reading OCR is sure of is the document's own acronym, known or not (CNEA beside a known CNE)
        unsure = confidence and confidence(m.start(), m.end()) < settings.current().ocr.name_word_sure
        name = known_acronym(acr, counts, known or {}) if unsure else acr
        out.append((m.start(), m.end(), name))
    return out


def _enclosed(text: str, start: int, end: int) -> bool:
    """In brackets, or between dashes (`-MIDES-`), as an acronym is set beside its name."""
    before, after = text[max(0, start - 2):start].rstrip(), text[end:end + 2].lstrip()
    return before.endswith("(") and after.startswith(")") or before.endswith(("-", "–", "—")) and \
        after.startswith(("-", "–", "—"))


def _written_alone(acr: str, text: str) -> bool:
    """Written outside a hyphenated pair (`-ANAM-`, as Guatemalan texts set acronyms, counts)."""
    return re.search(rf"(?<!\w)(?<![A-ZÑ]-){re.escape(acr)}(?!\w)(?!-[A-ZÑ])", text) is not None


def known_acronym(acr: str, counts: Counter, known: dict) -> str:
    """On a scan, an acronym read once and one letter from exactly one known institution's
    (a country lexicon in data/countries/) is that one; a three-letter one only by a letter a scan
    confuses with the known one's."""
    if acr in known or counts[acr] >= 2 or len(acr) < 3:
        return acr
    near = [k for k in known
            if Levenshtein.distance(acr, k) == 1 and (len(acr) >= 4 or len(k) == len(acr) and _lookalike(acr, k))]
    return near[0] if len(near) == 1 else acr


def _lookalike(a: str, b: str) -> bool:
    """Two words of one length whose one differing letter a scan confuses (`PDE` for `PDH`; not `CNC` for `CGC`)."""
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and any(diff[0][0] in g and diff[0][1] in g for g in ocrfix.forms()["capital_confusions"])


def _known_names(found: list[FoundOrg], data: dict, text: str) -> None:
    """On a scan, a name read with a slip takes the spelling of the known institution it is
    (its acronym, when the document gives that acronym too, or opens a bracket after the name:
    the definition "Name (ACR)" whose acronym the scan garbled, `(Min (19)`, `( E PRES)`)."""
    spelt = {lx.fold(n): n for n in [*data["acronyms"].values(), *data["names"]]}
    acronym_of = {lx.fold(n): a for a, n in data["acronyms"].items()}
    given = {f.name for f in found}
    for f in found:
        if " " not in f.name:
            continue
        folded = lx.fold(f.name)
        following = " ".join(lx.fold(text[f.end:f.end + 80]).split())
        longer = [n for n in spelt if n.startswith(folded + " ") and following.startswith(n[len(folded) + 1:])]
        after = text[f.end:f.end + 80]
        words_left = longer and re.match(rf"(?:\s+\S+){{{len(longer[0].split()) - len(folded.split())}}}", after)
        if words_left:  # the name went on past a line's end: "... la Innovación\nGubernamental"
            after, folded = after[words_left.end():], longer[0]
        hit = (folded, 100, None) if folded in spelt else process.extractOne(
            folded, list(spelt), scorer=fuzz.ratio, score_cutoff=settings.current().organizations.name_match)
        if hit:
            acr = acronym_of.get(hit[0])
            defined = acr is not None and re.match(r"\s{0,2}\(", after) is not None
            f.name = acr if acr in given or defined else spelt[hit[0]]


@lru_cache(maxsize=1)
def _kind_nouns() -> frozenset[str]:
    return frozenset(lx.fold(w) for w in lx.lexicon()["kind_nouns"])


def _named_kind_before(text: str, pos: int) -> bool:
    before = re.search(r"([^\W\d_]+(?:\s+[^\W\d_]+)?)\s*\(?\s*$", text[max(0, pos - 40):pos])
    if not before:
        return False
    words = before.group(1).split()
    return lx.fold(words[-1]) in _kind_nouns() or lx.fold(" ".join(words)) in _kind_nouns()


def _after_institution(text: str, pos: int, acr: str = "") -> bool:
    """A head noun among the last eight words before, or among those that spell `acr` ("Mesa de
    Concertación para la Lucha contra la Pobreza (MCLCP)": a name longer than the window)."""
    words = _WORD.findall(text[max(0, pos - 160):pos])
    keys, key = _keys(words), _key(acr)
    spelt = next((i for i in range(len(words) - 1, max(-1, len(words) - 16), -1)
                  if acr and _spells(key, keys[i:])), len(words) - 8)
    return any(lx.fold(w) in _heads() for w in words[min(spelt, len(words) - 8):])


def initials_match(acronym: str, name: str) -> bool:
    """Whether the acronym can be spelt from prefixes of the name's words, in order."""
    return _spells(_key(acronym), _keys(_WORD.findall(name)))


_WORD = re.compile(r"[^\W\d_]+")


def _key(word: str) -> str:
    return lx.fold(word).upper()


def _keys(words: list[str]) -> tuple[str, ...]:
    return tuple(map(_key, words))


@lru_cache(maxsize=1)
def _connectors() -> frozenset[str]:
    return frozenset(lx.lexicon()["org_connectors"])


@lru_cache(maxsize=1 << 16)
def _spells(acr: str, words: tuple[str, ...]) -> bool:
    return _speller(acr, words, len(words))(0)


def _speller(acr: str, words: tuple[str, ...], end: int):
    """Whether the words from i up to `end` spell `acr`, for any i: the windows that end together
    share their partial spellings."""
    connectors = _connectors()
    skippable = [w.lower() in connectors for w in words[:end]]
    memo: dict[tuple[int, int], bool] = {}

    def go(i: int, j: int) -> bool:
        if (i, j) in memo:
            return memo[i, j]
        if j == len(acr):
            found = all(skippable[i:])
        elif i == end:
            found = False
        elif j == 0 and not skippable[i] and words[i][:1] != acr[:1]:
            found = False  # the usual answer, without the search
        else:
            w = words[i]
            found = (skippable[i] and go(i + 1, j)) or any(
                go(i + 1, j + k) for k in range(1, min(len(w), len(acr) - j) + 1) if w[:k] == acr[j:j + k])
        memo[i, j] = found
        return found
    return lambda i: go(i, 0)


def _merge_variants(found: list[tuple[int, int, str]], text: str = "",
                    domains: tuple[str, ...] = (), ocr: bool = False,
                    written: Counter | None = None) -> dict[str, str]:
    """Map OCR variants of an acronym (JINFOM) to the form the document repeats.

    Votes come from the acronyms themselves and from the labels of e-mail and web
    domains (`@infom.gob.gt`); a tie goes to the form without an accent or tilde
    (acronyms are written without), then to the form the words of a name in the
    text spell. `written`: how often the text writes each acronym-shaped word.
    """
    counts: dict[str, int] = {}
    for _, _, a in found:
        counts[a] = counts.get(a, 0) + 1
    domain = {lx.fold(d).upper() for d in domains if re.fullmatch(r"[a-zA-Z]{4,10}", d)}
    # a name may wrap onto the next line, or end where a block's next line starts with another
    names = _capitalised_names().findall(text) + _capitalised_names().findall(text.replace("\n", " \x00 "))
    tails = {" ".join(n.split()[i:]) for n in names for i in range(len(n.split()) - 1)}
    spelt = lambda a: any(initials_match(a, n) for n in tails)  # noqa: E731
    canon = {}
    for a in counts:
        better = [b for b in counts if b != a and counts[b] > counts[a] and len(b) >= 4
                  and (Levenshtein.distance(a, b) <= 1 or ocr and counts[a] == 1 and counts[b] >= 3
                       and len(b) == len(a) + 1 >= 5 and Levenshtein.distance(a, b) == 2
                       and not spelt(a))]  # a letter lost and one misread (NEOM for INFOM)
        if not better:
            pool = [b for b in set(counts) | domain if b != a and len(b) >= 3
                    and Levenshtein.distance(a, b) <= 1 and counts.get(b, 0) + (b in domain) >= counts[a]]
            plain = [b for b in pool if lx.fold(a).upper() == b]
            better = plain or [b for b in pool if not spelt(a) and spelt(b) and b.isascii()
                               and (len(b) >= 4 or len(a) == len(b))]
        canon[a] = _unique_best(better, counts) or a
    if ocr:
        _letter_vote(canon, counts, domain,
                     written if written is not None else Counter(m.group(0) for m in ACRONYM.finditer(text)))
    return canon


def _letter_vote(canon: dict[str, str], counts: dict[str, int], domain: set[str], written: Counter) -> None:
    """On a scan, readings of one acronym that no reading outnumbers (CPUCS, UPCCS, CPCCS, each once;
    STLEC, STLUC, SYLCC beside the domain `stlcc`; `written`: every acronym-shaped word, an institution
    or not, is a reading too) are spelt letter by letter as most of them read it,
    when that spelling is one of the readings and each reading is one letter from it. Three readings
    at least, four letters at least: short acronyms are too close to each other to vote."""
    votes = Counter({a: counts[a] for a in canon if canon[a] == a and len(a) >= 4})
    votes.update(d for d in domain if len(d) >= 4)
    votes.update({w: n for w, n in written.items() if w not in votes and len(w) >= 4 and
                  any(len(a) == len(w) and Levenshtein.distance(a, w) == 1 for a in votes)})
    done: set[str] = set()
    for seed in sorted(votes, key=lambda a: -votes[a]):
        if seed in done:
            continue
        group = [a for a in votes if a not in done and len(a) == len(seed) and Levenshtein.distance(a, seed) <= 2]
        if sum(votes[a] for a in group) < 3 or len(group) < 2:
            continue
        spelt = "".join(_letter_of(group, votes, i) for i in range(len(seed)))
        if spelt not in group or any(Levenshtein.distance(a, spelt) > 1 for a in group) or \
                sum(votes[a] for a in group if a != spelt and votes[a] > 1) > 0:
            continue  # a reading the document repeats is a name of its own, not a slip
        done.update(group)
        for a in group:
            if a in canon:
                canon[a] = spelt


def _letter_of(group: list[str], votes: Counter, i: int) -> str:
    """The letter most readings have at position `i`; none (`?`, no spelling) when two tie."""
    letters: Counter = Counter()
    for a in group:
        letters[a[i]] += votes[a]
    (top, n), *rest = letters.most_common(2)
    return "?" if rest and rest[0][1] == n else top


@lru_cache(maxsize=1)
def _capitalised_names() -> re.Pattern:
    """Runs of capitalised words joined by the connectors a body's name uses (`Acceso a la Información`)."""
    joins = "|".join(map(re.escape, sorted(_connectors(), key=len, reverse=True)))
    return re.compile(rf"[A-ZÁÉÍÓÚ][\wáéíóúñ]+(?:\s+(?:(?:{joins})\s+)*[A-ZÁÉÍÓÚ][\wáéíóúñ]+){{1,7}}")


def _unique_best(candidates: list[str], counts: dict[str, int]) -> str | None:
    """The candidate the document writes most often; None when two tie (MEE between MEC and MEF):
    then the name beside it decides later, if any does."""
    ranked = sorted(set(candidates), key=lambda b: -counts.get(b, 0))
    if not ranked or len(ranked) > 1 and counts.get(ranked[0], 0) == counts.get(ranked[1], 0):
        return None
    return ranked[0]


_LATER_ACRONYM = re.compile(r"^((?:\s+(?:de|del|la|las|los|y|e|para|el)\b|\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+){0,6})"
                            rf"\s*[-—–(:¡|!]{{1,3}}\s*({_ACR})\b")  # `¡(`: a speck before the bracket


def _trim_trailing_head(name: str) -> str:
    """`... y Transparencia Dirección`: a head word ending a name begins the next one."""
    words = name.split()
    connectors = set(lx.lexicon()["org_connectors"])
    if len(words) > 3 and lx.fold(words[-1]) in _heads() and words[-2].lower() not in connectors:
        return " ".join(words[:-1])
    return name


def organizations(text: str, domains: tuple[str, ...] = (), confidence=None) -> list[FoundOrg]:
    """`domains`: labels of the e-mail and web addresses found, votes for acronym spellings;
    `confidence(start, end)`: OCR confidence of a span, on scans."""
    lexicon = lx.institutions(text)
    if confidence:
        text = _unbent_brackets(text, set(lexicon["acronyms"]))
    counts = Counter(m.group(0) for m in ACRONYM.finditer(text))
    found = acronyms(text, counts, confidence, lexicon["acronyms"])
    canon = _merge_variants(found, text, domains, confidence is not None, counts)

    def spell(acr: str) -> str:
        """The canonical spelling; on a scan, an unseen acronym read as the known one it is near."""
        if acr not in canon and confidence:
            acr = known_acronym(acr, counts, lexicon["acronyms"])
        return canon.get(acr, acr)

    out: list[FoundOrg] = [FoundOrg(s, e, canon[a], None) for s, e, a in found]
    known = sorted({canon[a] for _, _, a in found})
    restored = lx.restore_text(text)  # so "Comisién" still heads a name
    doc = pipeline()(restored if len(restored) == len(text) else text)
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        start, end = ent.start_char, ent.end_char
        if confidence and ent.text.isupper() and not _words_recur(ent.text, text):
            continue  # a heading in capitals with a word read nowhere else: misread, no name
        name = " ".join(ent.text.split())
        wrapped = None if name.isupper() else _WRAPPED.match(text[end:end + 120])
        if wrapped:
            end += wrapped.end()
            name = " ".join((name + wrapped.group(0)).split())
        rest = text[end:end + 120]
        district = _district_form().match(rest)
        if district:  # "Alcaldía Mayor de Bogotá D.C."
            name, end = name + district.group(0), end + len(district.group(0))
            rest = text[end:end + 120]
        legal = _legal_form().match(rest)
        if legal:  # "..., A.C. (CHRC)": the form is part of the name, an acronym may follow it
            name, end = name + legal.group(0).rstrip(), end + len(legal.group(0).rstrip())
            rest = text[end:end + 120]
        m = _ATTACHED.match(rest) or _ATTACHED_AFTER_LIST.match(rest) or _alias(rest, text)
        attached = m.group(1) if m and m.group(1) not in _stoplist() and _attaches(m) \
            and _accent_set_apart(m.group(1), text) else None
        placed = _PLACED_ACRONYM.match(rest)
        if attached and placed and placed.group(1) == attached and placed.group(2) in name.split():
            attached = f"{attached} {placed.group(2)}"  # "Gobierno Regional de Tumbes (GORE Tumbes)"
        post = _POST_BEFORE.match(name)
        if post and post.group(1).lower() in _posts():  # "Coordinadora del Núcleo de ...": a post of the body
            start += post.end()
            name = name[post.end():]
            if not _headed(name) or (" " not in name and lx.fold(name) in lx.common_words()):
                continue  # "Coordinadora de Gobierno Abierto", "... de Participación": a post, no body named
        later = _LATER_ACRONYM.match(rest)
        if not attached and later and ("\n" not in later.group(0) or "(" in later.group(0)) and \
                initials_match(spell(later.group(2)), name + later.group(1)):
            attached = later.group(2)
        alias = _LATER_ALIAS.match(rest) if not attached else None
        if alias and initials_match(alias.group(2), name + alias.group(1)):
            attached = alias.group(2)  # "... Acueductos y Alcantarillados (AyA)", "Ministerio de Ambiente (MA)"
            name += " ".join([""] + alias.group(1).split())
        glossed = _GLOSSED.search(text[text.rfind("\n", 0, start) + 1:start])
        if not attached and glossed and initials_match(glossed.group(1), name):
            attached = glossed.group(1)  # a list of acronyms: "DTIC: Dirección de Tecnologías ..."
        if not attached:
            name = _trim_trailing_head(name)
        if attached:
            out.append(FoundOrg(start, end, spell(attached), name))
            continue
        # a pair's first part is the body named ("Secretaría de Gobierno Digital" of SGTD-PCM)
        linked = [a for a in known if initials_match(a.split("-")[0], name)]
        label = linked[0] if linked else lx.restore_text(name)
        out.append(FoundOrg(start, end, label, name))
    out += _legal_named(text, out)
    out += _mixed_acronyms(text, {f.name for f in out if not f.name.isupper() and " " not in f.name})
    out = _drop_unspellable_twins(out)
    _letterhead_names(out, text)
    _link_misread_names(out)
    out += _listed_with(text, out)
    if confidence:
        _written_spelling(out, text)
    out = _name_consensus(out)
    out = [f for f in out if not _internal_unit(f)]
    if confidence:
        _known_names(out, lexicon, text)
        _respell_by_name(out, text, set(lexicon["acronyms"]))
    return sorted(out, key=lambda f: f.start)


_BENT = re.compile(r"(?<=\()\s*([A-ZÁÉÍÓÚÑ01]{2,10})\s*(?=\))")
_UNBEND = str.maketrans("10ÁÉÍÓÚ", "IOAEIOU")


def _unbent_brackets(text: str, known: set[str]) -> str:
    """On a scan, an acronym in brackets with a 1 or 0 for an I or O (`(1A1P)`), or an accent a
    speck put on it (`(AGÉSIC)`), read as written: an accent only where the document or a lexicon
    has the plain form, as some acronyms carry one (INVÍAS). Same length, so offsets hold."""
    def plain(m: re.Match) -> str:
        acr = m.group(1)
        fixed = acr.translate(_UNBEND)
        if fixed == acr or not re.search(r"[A-Z]", acr):
            return m.group(0)
        if re.search(r"[ÁÉÍÓÚ]", acr) and not (fixed in known or re.search(rf"\b{fixed}\b", text)):
            fixed = acr.translate(str.maketrans("10", "IO"))
        return m.group(0).replace(acr, fixed)
    return _BENT.sub(plain, text)


@lru_cache(maxsize=1)
def _subunit_heads() -> frozenset[str]:
    return frozenset(lx.fold(w) for w in lx.lexicon()["subunit_heads"])


def _internal_unit(f: FoundOrg) -> bool:
    """A unit named by a sub-unit's head and no acronym of its own (`Gerencia de Asesoría Jurídica`)."""
    return " " in f.name and lx.fold(f.name.split()[0]) in _subunit_heads()


def _abbreviations(key: str) -> re.Pattern:
    """The lexicon's dotted abbreviations under `key` after a name (`, A.C.`, ` D.C.`), a space
    allowed after each dot; used with match: anchored where it is tried."""
    forms = "|".join(r"\s?".join(map(re.escape, re.findall(r"[^.]+\.", f)))
                     for f in sorted(lx.lexicon()[key], key=len, reverse=True))
    return re.compile(rf",?\s(?:{forms})(?!\w)")


@lru_cache(maxsize=1)
def _legal_form() -> re.Pattern:
    return _abbreviations("legal_forms")


@lru_cache(maxsize=1)
def _district_form() -> re.Pattern:
    return _abbreviations("district_forms")


_CAPITALISED_RUN = re.compile(r"(?<![\w.])((?:[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+)(?:\s+(?:(?:de|del|la|las|los|y|e|por|para|el)\s+)*"
                              r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+){0,7})(?=,?\s[A-Z]\.)")


def _legal_named(text: str, found: list[FoundOrg]) -> list[FoundOrg]:
    """A run of capitalised words before a legal form (`organización civil Puebla Vigila, A.C.`):
    a body, though no head noun opens its name. Not the first word of a sentence alone."""
    out = []
    if not _legal_form().search(text):
        return out  # most documents name no such body: the run of capitals is not looked for
    for m in _CAPITALISED_RUN.finditer(text):
        legal = _legal_form().match(text, m.end())
        if not legal or any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
            continue
        start, words = m.start(), m.group(1).split()
        opens_sentence = start == 0 or re.search(r"(?:[.!?:;]\s+|\n)$", text[max(0, start - 4):start])
        if opens_sentence and lx.fold(words[0]) in lx.common_words():
            start += len(words[0]) + 1  # "Llegó ...": a sentence's first word, capitalised as such
            words = words[1:]
        if not words:
            continue
        end = m.end() + len(legal.group(0))
        name = text[start:end]
        attached = _ATTACHED.match(text[end:end + 20])
        out.append(FoundOrg(start, end, attached.group(1) if attached else name, name))
    return out


_LETTERS = "ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"


def _respell_by_name(found: list[FoundOrg], text: str, known: set[str]) -> None:
    """On a scan, an acronym in brackets that its name does not spell, but does with one letter
    changed or dropped, is that spelling misread ("Fondo Social para la Vivienda (ESV)" -> FSV,
    "Gerencia Regional de Infraestructura (GRID)" -> GRI); wherever else it is written too."""
    fixes: dict[str, str] = {}
    connectors = _connectors()
    for acr in {f.name for f in found}:
        if acr in known or "-" in acr or not ACRONYM.fullmatch(acr):
            continue
        openings = [m.start() for m in re.finditer(rf"\(\s*{re.escape(acr)}\s*\)", text)]
        if not openings or any(_spelt_before(text, p, acr) for p in openings):
            continue
        variants = {acr[:i] + c + acr[i + 1:] for i in range(len(acr)) for c in _LETTERS if c != acr[i]}
        if len(acr) > 3:
            variants |= {acr[:i] + acr[i + 1:] for i in range(len(acr))}
        window = _window(text, openings[0])
        spans = {v: span for v in variants if (span := _spelling_span(window, v))}
        # the name ends at the bracket: a variant the words up to it spell beats one that
        # leaves the name's last word out (MEF, not MEY, for "Economía y Finanzas (MEE)")
        last = max((j for _, j in spans.values()), default=0)
        spelt = {v: window[0][i:j] for v, (i, j) in spans.items() if j == last}
        if len(spelt) == 1:
            v, words = spelt.popitem()
            # only a name read cleanly can overrule its acronym ("Sociedad de la letorminción (AGESIC)")
            if all(lx.fold(w).lower() in connectors or len(w) >= 3 and lx.fold(w).lower() in lx.spanish_words()
                   for w in words):
                fixes[acr] = v
    for f in found:
        f.name = fixes.get(f.name, f.name)


_NAME_WORD = re.compile(r"[^\W\d_]{4,}")


def _written_spelling(found: list[FoundOrg], text: str) -> None:
    """On a scan, a word of a full name that is no Spanish word and that the text writes once
    (`Gabierno`) takes the spelling of the nearest word the text writes at least twice: one
    slip away, two for long words; the document's own prose repeats its institutions' words.
    Failing that, it takes the one Spanish word an OCR letter confusion undone makes of it
    (`Salnd`), or a long word the one Spanish word a slip away, if only one is."""
    written = _NAME_WORD.findall(text)
    counts = Counter(lx.fold(w) for w in written)
    words = lx.spanish_words()

    def respell(word: str) -> str:
        key = lx.fold(word)
        if counts[key] >= 2 or key in words:
            return word
        limit = 1 if len(key) <= 6 else 2
        near = [v for v, n in counts.items() if n >= 2 and abs(len(v) - len(key)) <= limit
                and Levenshtein.distance(v, key, score_cutoff=limit) <= limit]
        if not near and len(key) >= 4:  # else the one Spanish word a letter confusion undone makes
            near = [v for v in [ocrfix.confusion_word(key)] if v]
        if not near and len(key) >= 6:  # else the one Spanish word a slip away, if only one is
            near = [v for v in [lx.one_slip_word(key)] if v]
        if not near:
            return word
        best = max(near, key=lambda v: (-Levenshtein.distance(v, key), counts[v], v))
        spelt = Counter(w for w in written if lx.fold(w) == best).most_common(1)
        new = spelt[0][0] if spelt else lx.restore_accents(best)
        if word.isupper():
            return new.upper()
        return new[0].upper() + new[1:].lower() if word[0].isupper() else new.lower()

    for f in found:
        if " " in f.name and not f.name.isupper():
            f.name = _NAME_WORD.sub(lambda m: respell(m.group(0)), f.name)


def _words_recur(name: str, text: str) -> bool:
    """Every word of the name of four letters or more is written at least twice in the text."""
    folded = lx.fold(text)
    return all(folded.count(lx.fold(w)) >= 2 for w in re.findall(r"[^\W\d_]{4,}", name))


_POST_BEFORE = re.compile(r"^([^\W\d_]+(?:\s+[Gg]eneral)?)\s+(?:del|de\s+la|de\s+los|de\s+las|de)\s+(?=[A-ZÁÉÍÓÚÑ])")


@lru_cache(maxsize=1)
def _posts() -> frozenset[str]:
    """Posts as written, accents kept: `secretaria` is a post, `Secretaría` a body."""
    return frozenset(p.lower() for p in lx.lexicon()["posts"])


def _accent_set_apart(acr: str, text: str) -> bool:
    """An accent in capitals is a word's (GESTIÓN) or a misreading's, unless the text sets the
    acronym apart on both sides somewhere, as a name's is (`-INVÍAS-`, `(INVÍAS)`)."""
    return not re.search(r"[ÁÉÍÓÚ]", acr) or re.search(rf"[(—–-]\s*{acr}\s*[)—–-]", text) is not None


def _attaches(m: re.Match) -> bool:
    """An acronym right after a name is the name's unless it starts another line bare (the
    `OFICIO N.°` under a letterhead) or is a Spanish word no bracket or dash sets apart."""
    between = m.group(0)[:m.start(1) - m.start(0)]
    marked = any(c in between for c in "(-—–+")
    if "\n" in between and not marked:
        return False
    return marked or len(m.group(1)) < 4 or lx.fold(m.group(1)) not in lx.common_words()


def _alias(rest: str, text: str) -> re.Match | None:
    """A parenthesised one-word alias of a name, if it is no word the text writes in lower case."""
    m = _PAREN_ALIAS.match(rest)
    if not m or m.group(1).isupper() or _is_word(m.group(1), text, lower_only=True) or lx.month(m.group(1)):
        return None
    return m


def _mixed_acronyms(text: str, names: set[str]) -> list[FoundOrg]:
    """Mixed-case acronyms the document gives a name for, written again on their own."""
    out = []
    for m in MIXED_ACRONYM.finditer(text):
        if m.group(0) in names and not _in_code(text, m.start(), m.end()):
            out.append(FoundOrg(m.start(), m.end(), m.group(0), None))
    return out


# what a letterhead adds after an institution's name: its state, province or city
_PLACE_TAIL = re.compile(r"(?:del|de la|de)\s+(?:estado|provincia|municipio|ciudad|departamento|region|canton|"
                         r"distrito)\s+de\s+\S+(?:\s+\S+){0,3}")


def _letterhead_names(found: list[FoundOrg], text: str) -> None:
    """A name in capitals (a letterhead: `MINISTERIO DE ... INFORMACIÓN`) that the text also
    writes in other case is that institution, named as there (by its acronym, if it has one,
    also where the body defines it over a line break), and so is one that only adds its place
    (`SECRETARÍA DE MOVILIDAD Y TRANSPORTE DEL ESTADO DE PUEBLA` of `... Transporte (SMT)`)."""
    named = {lx.fold(f.full_name or f.name): f.name for f in found
             if " " in (f.full_name or f.name) and not (f.full_name or f.name).isupper()}
    for f in found:
        whole = f.full_name or f.name
        if " " not in whole or not whole.isupper():
            continue
        key = lx.fold(whole)
        if key in named:
            f.name = named[key]
            continue
        written = re.compile(r"\s+".join(map(re.escape, whole.split())) + rf"\s*\(\s*({_ACR})\s*\)", re.I)
        defined = next((m.group(1) for m in written.finditer(text) if not m.group(0).isupper()), None)
        if defined:
            f.name = defined
            continue
        placed = next((v for k, v in named.items() if key.startswith(k + " ") and v.isupper()
                       and _PLACE_TAIL.fullmatch(key[len(k):].strip())), None)
        if placed:
            f.name = placed


def _link_misread_names(found: list[FoundOrg]) -> None:
    """A name read with a slip (`Derechos Fiunanos`) takes the acronym its clean readings have."""
    linked = {lx.fold(f.full_name): f.name for f in found if f.full_name and f.name.isupper()}
    for f in found:
        if f.full_name and not f.name.isupper() and linked:
            hit = process.extractOne(lx.fold(f.full_name), list(linked), scorer=fuzz.ratio, score_cutoff=settings.current().organizations.name_match)
            if hit:
                f.name = linked[hit[0]]


def _words_known(name: str) -> int:
    """How many of a name's words of four letters or more the Spanish word list holds."""
    return sum(lx.fold(w) in lx.spanish_words() for w in re.findall(r"[^\W\d_]{4,}", name))


def _name_consensus(found: list[FoundOrg]) -> list[FoundOrg]:
    """Full names written out without an acronym: drop a cut-off reading of a longer name
    found too, and give near-identical readings of one name the spelling most repeated."""
    fulls = [lx.fold(x) for f in found for x in (f.full_name, f.name) if x and " " in x]
    kept = []
    for f in found:
        key = lx.fold(f.name)
        if " " in f.name and any(o != key and o.startswith(key) for o in fulls):
            continue
        kept.append(f)
    names = [f.name for f in kept if " " in f.name and not f.name.isupper()]
    votes = {n: names.count(n) for n in names}
    for f in kept:
        if f.name not in votes:
            continue
        twins = [n for n in votes if n != f.name and fuzz.ratio(lx.fold(n), lx.fold(f.name)) >= settings.current().organizations.same_name]
        # Between readings written as often, the one whose words are all words: `Gabiemo` is a misreading
        best = max(twins + [f.name], key=lambda n: (votes[n], _words_known(n)))
        if (votes[best], _words_known(best)) > (votes[f.name], _words_known(f.name)):
            f.name = best
    return kept


_TITLE = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:\s+(?:de|del|la|los|las|y)?\s*[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+){1,4}"
_ITEM = rf"(?:[A-ZÑ]{{3,10}}|{_TITLE})"
_ENUM = re.compile(rf"(?<!\w)({_ITEM}(?:\s*[,.]\s*{_ITEM})+)"  # a comma OCR may read as a dot
                   rf"(?:\s*,?\s+(?:y|e)\s+({_ITEM}))?\s*,?\s+entre\s+otr[oa]s\b")


def _listed_with(text: str, found: list[FoundOrg]) -> list[FoundOrg]:
    """Names enumerated beside an institution ("como ANAM, Munis Abiertas, ..., entre otras")."""
    known = {lx.fold(f.name) for f in found} | {lx.fold(f.full_name) for f in found if f.full_name}
    out = []
    for m in _ENUM.finditer(text):
        items = [(m.start(1) + i.start(), i.group(0)) for i in re.finditer(_ITEM, m.group(1))]
        if m.group(2):
            items.append((m.start(2), m.group(2)))
        if not any(lx.fold(name) in known for _, name in items):
            continue
        for start, name in items:
            name = " ".join(name.split())
            if " " in name and lx.fold(name) not in known:
                out.append(FoundOrg(start, start + len(name), name, name))
    return out


def _drop_unspellable_twins(found: list[FoundOrg]) -> list[FoundOrg]:
    """Of two acronyms attached to one name, keep the one its words spell (CGC, not CAC)."""
    by_name: dict[str, set[str]] = {}
    for f in found:
        if f.full_name and f.name.isupper():
            by_name.setdefault(lx.fold(f.full_name), set()).add(f.name)
    drop = set()
    for name, acrs in by_name.items():
        spelt = {a for a in acrs if initials_match(a, name)}
        if spelt and len(acrs) > 1:
            drop |= acrs - spelt
    return [f for f in found if f.name not in drop]

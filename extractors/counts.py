"""Count claims: "los cinco ejes prioritarios: A; B; C; D y E" -> claimed 5, listed 5."""
from __future__ import annotations

import os
import re

from rapidfuzz import fuzz
from dataclasses import dataclass
from functools import lru_cache

from extractors import layout, lexicon as lx
from extractors.text import FOOTER, PAGE_BREAK

_NUMBER = r"(\d{1,3}|[^\W\d_]{2,14})"
_UNUSED = re.compile(rf"\b{_NUMBER}\s+((?:[^\W\d_]{{3,}})(?:\s+[^\W\d_]{{3,}}){{0,3}})(?=[^.:\n]{{0,120}}:)")
_STOP = {"de", "del", "en", "que", "con", "para", "por", "los", "las", "la", "el", "y", "se"}
# a plural count's subject is a plural noun phrase: a word in -ar/-er/-ir after it is a verb
_INFINITIVE = re.compile(r"[a-záéíóúñ]{2,}(?:ar|er|ir)")
# what may follow the subject's words up to the colon and still be the subject: "de consulta pública"
_COMPLEMENT = re.compile(r"\s+((?:de|del)(?:\s+(?:la|las|los|el))?(?:\s+[^\W\d_]{2,}){1,3})\s*")
# the words a sentence goes on with after a list, which no item of it opens with
_GOES_ON = {"con", "para", "en", "que", "de", "del", "a", "al", "donde",
            "por", "según", "como", "se", "sin", "mientras", "cuando", "entre", "hasta", "desde", "sobre", "tras"}


# a count stated after its subject: "<subject> son cuatro:", "<subject> son los siguientes tres:"
_COUNT_AFTER = re.compile(r"(?:^|\s)(?:(?:las|los|sus)\s+)?(?P<subject>[^\W\d_]{4,}(?:\s+[^\W\d_]+){0,6}?)\s+"
                          r"(?:son|serán|fueron|eran)\s+(?:(?:los|las)\s+)?(?:siguientes\s+)?"
                          r"(?P<n>[^\W\d_]{3,10}|\d{1,2})\s*$", re.I)


# a count whose items follow in the sentence without a colon: "con tres talleres presenciales en
# Temuco, Antofagasta y Coyhaique", "las tres mesas temáticas —justicia abierta, salud y agua—"
_NAME = r"[A-ZÁÉÍÓÚÑ][\w.\-]+(?:\s+(?:de|del|la|las|los|y)?\s*[A-ZÁÉÍÓÚÑ][\w.\-]+){0,3}"
_INLINE = re.compile(
    rf"\b(?P<n>[^\W\d_]{{3,10}}|\d{{1,2}})\s+(?P<subject>[^\W\d_]{{4,}}s(?:\s+[^\W\d_]{{4,}}){{0,2}})"
    rf"(?:\s+en\s+(?P<places>{_NAME}(?:,\s+{_NAME})*\s+y\s+{_NAME})(?![\w-])"
    rf"|[^—–\n]{{0,40}}?\s+[—–]\s?(?P<dashed>[^—–\n:;]{{3,120}}?,[^—–\n:;]{{3,120}}?\s+y\s+[^—–\n:;]{{2,60}}?)\s?[—–]"
    rf"|(?:\s+(?:de|del)\s+[^\W\d_]{{3,}})?\s*\((?P<bracketed>[^()\n:;]{{3,120}}?,[^()\n:;]{{3,120}}?\s+y\s+[^()\n:;]{{2,60}}?)\))")


_PARTICIPLE = re.compile(r"(?:ad|id)[oa]s?$")


@dataclass
class FoundClaim:
    start: int
    end: int
    raw: str
    subject: str
    claimed: int
    items: list[str]


def _clause(item: str) -> bool:
    """A capitalised word and three lower-case ones or more: a sentence whose full stop a scan
    read as a comma (`..., Tacna y Mariscal Nieto, Cada municipalidad podrá acreditar ...`), not
    a name (`San Román`, `Consejo de la Judicatura`)."""
    words = item.split()
    return bool(re.match(r"[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+$", words[0])) and \
        sum(bool(re.match(r"[a-záéíóúñ]{4,}$", w)) for w in words[1:]) >= 3


def _split_inline(text: str) -> list[str]:
    # an item's aside in brackets ("Central (Areguá, 14 de marzo de 2025), Itapúa (...)") is part of it
    text = re.sub(r"\([^()]*\)", lambda m: re.sub(r"[,;]|\s(?:y|e)\s", " ", m.group(0)), text)
    if ";" not in text and len(re.findall(r"(?<!\d):(?!\d)", text)) >= 2:
        text = re.sub(r"(?<!\d):(?!\d)", ";", text)  # items a scan set off by colons: semicolons misread
    if text.count(";") == 1 and "," in text.split(";")[0]:
        text = text.split(";")[0]  # "A, B, C y D; cada una ...": one semicolon ends a comma list
    sep = ";" if ";" in text else ","
    # among items set off by semicolons, a colon is a semicolon misread
    items = [i.strip(" .") for i in re.split("[;:]" if sep == ";" else sep, text) if i.strip(" .")]
    if not items:
        return []
    closing = next((k for k in range(len(items) - 1) if re.search(r"\s(?:y|e)\s", items[k])
                    and (all(re.match(r"[a-záéíóúñ]", it) for it in items[k + 1:])
                         and items[k + 1].split()[0].lower() in _GOES_ON
                         or _clause(items[k + 1]))), None)
    # "Granadilla, Sánchez y Tirrases, con una ...": the list ends where a phrase goes on; not at
    # "ambiente y territorio, servicios digitales y ...", an item with its own conjunction
    if closing is not None and closing >= 1:
        items = items[:closing + 1]
    opened = re.match(r"(?:y|e)\s+(\S.*)$", items[-1])
    if opened and len(items) >= 3:  # ", e Integridad y datos": the comma ends the list, the item is whole
        items[-1] = opened.group(1)
        last = [items[-1]]
    else:
        last = re.split(r"\s+(?:y|e)\s+(?!.*\s(?:y|e)\s)", items[-1])
    if len(last) == 2:
        items = items[:-1] + last
        merged_tail = 2
    else:
        merged_tail = 1
    out, i = [], 0
    # "Salud, Seguridad Alimentaria y Nutricional": a one-word item opening a
    # coordinated pair is one heading, not two
    while i < len(items):
        if (sep == "," and i + 1 < len(items) - merged_tail + 1 and len(items[i].split()) == 1
                and re.search(r"\s(?:y|e)\s", items[i + 1]) and items[i][:1].isupper()):
            out.append(items[i] + ", " + items[i + 1])
            i += 2
        else:
            out.append(items[i])
            i += 1
    return out


_DOT_FOR_COMMA = re.compile(r"\.\s+(?=[a-záéíóúñ])")  # a sentence never opens in lower case
_ANY_DOT = re.compile(r"\.\s+(?=\S)")


_NAME = r"[A-ZÁÉÍÓÚÑ][\w]+(?:\s+(?:de\s+|del\s+|la\s+)?[A-ZÁÉÍÓÚÑ][\w]+)*"
# what follows a full stop that is a comma misread: names only, the last after `y`, then a stop or a comma
_NAMES_TO_THE_END = re.compile(rf"\.\s+({_NAME}(?:,\s+{_NAME})*\s+(?:y|e)\s+{_NAME})(?=\s*[.,;])")


def _first_sentence(text: str) -> str:
    """Up to the first full stop; a dot before a lower-case word is a comma misread, and so is one
    before names that end the list (`Cartago. Heredia, Guanacaste y Puntarenas.`): no sentence is
    names alone."""
    text = _NAMES_TO_THE_END.sub(lambda m: ", " + m.group(1), text, count=1)
    return _DOT_FOR_COMMA.sub(", ", re.split(r"\.(?=\s*$|\s+[^a-záéíóúñ\s])", text)[0])


# `+`, `»`, `«`: a bullet as a scan prints it, maybe with the space after it lost
_MARKER = re.compile(r"^\s*(?:[•·●▪\-–—*+»«]\s|\d{1,2}[.)]\s|[a-z][.)]\s|[»«+](?=[A-ZÁÉÍÓÚÑ]))")


def _kind(line: str) -> str | None:
    """A list marker's kind: a bullet, or a number or letter."""
    m = _MARKER.match(line)
    return None if not m else "bullet" if m.group(0).strip()[0] in "•·●▪-–—*+»«" else "ordinal"


def _split_lines(text: str, subject: str = "", ocr: bool = False) -> list[str]:
    """The items of a list below its lead-in, one a line. A line opening with a level or field
    word ends it (the list was a heading's), unless the subject counts those units ("tres hitos:"
    over "• Hito 1 ..."). On a scan, a line of two letters or fewer inside a list is a speck
    (`Lu`, `e` between numbered items), and a dot left of a lost number still marks an item
    (`. Mgs. Carlos ...`)."""
    unit = lx.fold(subject.split()[0]) if subject.split() else ""
    items, marked, kind = [], False, None
    rows = [r for r in text.split("\n") if r.strip(" \f")]
    if ocr:
        rows = [re.sub(r"^\s*\.(?=\s+[A-ZÁÉÍÓÚÑ])", "-", r) for r in rows
                if len(re.findall(r"[^\W\d_]", r)) > 2 or re.search(r"\d", r)]
    for k, raw in enumerate(rows):
        line = raw.strip(" •·-–—*+»«\f")
        if not line or FOOTER.match(line) or layout.is_rule(raw) or \
                not items and (cells := layout.cells(raw)) and layout.column_names(cells):
            continue  # a table's header row and rules: its rows are the items
        lead = re.match(r"[^:]{0,40}:(?!\s?/)(.*)$", line)
        if not items and lead and not re.search(r"[^\W\d_]{3}", lead.group(1)):
            continue  # the lead-in goes on to the real colon ("se listan los:\naccesos: ;")
        opener = re.match(r"(?i)^(actividad|hito|avance|compromiso)\b", line)
        if len(line) > (200 if _MARKER.match(raw) else 100) or opener and not unit.startswith(lx.fold(opener.group(1))):
            break  # (a bullet or a number marks an item however long it runs)
        letters = [c for c in line if c.isalpha()]
        if items and (len(letters) >= 6 and all(c.isupper() for c in letters)
                      or marked and re.match(r"\s*1[.)]\s", raw) and len(items) >= 2):
            break  # a heading in capitals ("SEGUNDO: ORDEN DEL DÍA"), or a list numbered from 1 again
        if items and marked and not _MARKER.match(raw):
            if line[0].islower():  # a wrapped item's next line
                items[-1] += " " + line
                continue
            if not (k + 1 < len(rows) and _kind(rows[k + 1]) == kind and len(line) <= 100):
                break  # a numbered or bulleted list ends at the first line without its marker,
            # unless the marker was lost on one item only (a scan), the next line having its own
        if not items:
            marked, kind = bool(_MARKER.match(raw)), _kind(raw)
        items.append(line)
    return items


def _prose_below(text: str) -> list[str]:
    """The items of a list that runs on as prose on the line after its colon ("...:\nA, B y C.")."""
    first = next((r.strip() for r in text.split("\n") if r.strip()), "")
    if len(first) > 100 and first.count(",") >= 2 and not _MARKER.match(first):
        return _split_inline(_first_sentence(first))
    return []


def _distinct(items: list[str], ocr: bool = False) -> list[str]:
    """Items once each; on a scan, near-identical spellings (OCR variants) count once."""
    keys = [re.sub(r"[\W_]+", "", lx.fold(it)) for it in items]
    prefix = len(os.path.commonprefix(keys)) if len(keys) > 1 else 0
    suffix = len(os.path.commonprefix([k[::-1] for k in keys])) if len(keys) > 1 else 0
    cores = [k[prefix:len(k) - suffix] or k for k in keys]
    out, kept = [], []
    for it, core in zip(items, cores):
        # items numbered otherwise are others however alike their words (`Compromiso 6`, `Compromiso 9`)
        if any(fuzz.ratio(core, other) >= (75 if ocr else 95) and _numbers(it) == numbers
               for other, numbers in kept):
            continue
        kept.append((core, _numbers(it)))
        out.append(it)
    return out


def _numbers(item: str) -> list[str]:
    """The numbers an item writes as words of their own (not a digit OCR put in an address)."""
    return re.findall(r"(?<![\w/.:@])\d+(?![\w/@]|\.\w)", item)


@lru_cache(maxsize=1)
def _time_units() -> frozenset[str]:
    return frozenset(lx.fold(u) for u in lx.lexicon()["time_units"])


# words no list ends with: a line ending in one goes on below
_CUT_AFTER = frozenset(["la", "el", "los", "las", "lo", "de", "del", "y", "e", "o", "u", "a", "al", "en", "con",
                        "por", "para", "un", "una", "unos", "unas", "sus", "su"])


def _sentence_on(text: str, most: int = 5) -> str:
    """The lines that finish a sentence a line end cut, up to its full stop; none across a blank
    line, a list item or a page break."""
    out = []
    for line in text.split("\n")[:most]:
        if not line.strip() or _MARKER.match(line) or PAGE_BREAK in line:
            break
        out.append(line.strip())
        if re.search(r"[.!?]$", line.strip()):
            return " ".join(out)
    return ""


def _colon_sentences(text: str):
    """(start, colon, end) for every colon of every line: the sentence that leads to the colon
    (from the last full stop before it) and the rest of the line; found in linear time."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        colon = body.find(":")
        while colon >= 0:
            if not (body[colon - 1:colon].isdigit() and body[colon + 1:colon + 2].isdigit()):  # no time (10:00)
                yield pos + body.rfind(".", 0, colon) + 1, pos + colon, pos + len(line)
            colon = body.find(":", colon + 1)
        pos += len(line)


def _inline_claims(text: str, ocr: bool, taken: list[FoundClaim]) -> list[FoundClaim]:
    out = []
    for m in _INLINE.finditer(text):
        n = lx.number_word(m.group("n"), fuzzy=ocr and not m.group("n").isdigit())
        if n is None or not 2 <= n <= 30 or any(c.start <= m.start() < c.end + 120 for c in taken):
            continue
        listed = m.group("places") or m.group("dashed") or m.group("bracketed")
        items = _distinct([i.strip(" .") for i in re.split(r",\s+|\s+y\s+", listed) if i.strip(" .")], ocr)
        if len(items) < 2 or m.group("places") and len(items) != n:
            continue  # "cuatro reuniones en Lima y Cusco": places where they were held, no enumeration
        words = m.group("subject").split()
        while len(words) > 1 and _PARTICIPLE.search(words[-1]):
            words.pop()  # "talleres realizados", "mesas temáticas instaladas": the noun phrase only
        subject = " ".join(words)
        raw = f"{m.group('n')} {subject}"
        out.append(FoundClaim(m.start(), m.start() + len(raw), raw, subject, n, items))
    return out


def claims(text: str, ocr: bool = False) -> list[FoundClaim]:
    return _colon_claims(text, ocr) + _inline_claims(text, ocr, _colon_claims(text, ocr))


def _colon_claims(text: str, ocr: bool = False) -> list[FoundClaim]:
    out = []
    for s_start, s_colon, s_end in _colon_sentences(text):
        s_text = text[s_start:s_end]
        colon = s_colon - s_start
        # "tres (3) instituciones": the figure a number word repeats in brackets, blanked in place
        before = re.sub(r"(?<=[^\W\d_]) \(\d{1,3}\)(?= )", lambda m: " " * len(m.group(0)), s_text[:colon])
        found = None
        words = list(re.finditer(r"[^\W_]+", before))
        for k, w in enumerate(words):
            n = lx.number_word(w.group(0), fuzzy=ocr and not w.group(0).isdigit())  # a text layer spells its numbers
            if n is None or n < 2 or k + 1 == len(words) or words[k + 1].group(0)[0].isdigit():
                continue
            if s_start + w.start() and text[s_start + w.start() - 1] in "./@" \
                    or before[w.end():w.end() + 1] in ("/", "."):
                continue  # a part of an address ("...109.93/fotografía:"), not a count
            if re.search(r"[(),;:%]", before[w.end():words[k + 1].start()]):
                continue  # "prioridad 5 (Meta 9 ...", "enero de 2020, así ...", "40 % ...": no subject follows
            if n >= 1000:
                continue  # a year, not a count
            if k and w.group(0).isdigit() and lx.fold(words[k - 1].group(0)) in lx.lexicon()["structure"]:
                continue  # "las actividades del compromiso 3 presentan ...": a unit's number, no count
            following = lx.fold(words[k + 1].group(0))
            if lx.number_word(following) is not None or following in ("mil", "cientos") or following in _time_units():
                continue  # "dos mil veinticinco", "veintinueve días del mes": a date or a span, not a count of things
            first = k + 1
            if k + 3 < len(words) and following == "de" and \
                    lx.fold(words[k + 2].group(0)) in ("sus", "los", "las", "estos", "estas", "nuestros", "nuestras"):
                first = k + 3  # "siete de sus miembros:": a part of a whole, counted all the same
            subject_words = []
            for nxt in words[first:first + 4]:
                if lx.fold(nxt.group(0)) in _STOP or len(nxt.group(0)) < 3:
                    break
                if subject_words and _INFINITIVE.fullmatch(nxt.group(0)):
                    break  # "seis direcciones remitir su reporte:": the clause goes on with a verb
                subject_words.append(nxt.group(0))
            if subject_words:
                last = words[first - 1 + len(subject_words)]
                complement = _COMPLEMENT.fullmatch(before[last.end():])
                if complement:  # "tres instancias de consulta pública:": the noun's complement runs to the colon
                    subject_words += complement.group(1).split()
                found = (w, n, " ".join(subject_words))
        stated = _COUNT_AFTER.search(before) if not found else None
        if stated and (n := lx.number_word(stated.group("n"))) and n >= 2:
            # "Las dependencias que integran el compromiso son cuatro: ..."
            found = (stated, n, " ".join(stated.group("subject").split()))
        if not found:
            continue
        m, n, subject = found
        if len(before) - m.end() > 120:
            continue
        tail = s_text[colon + 1:].strip()
        if tail.startswith("/"):
            continue  # a URL's scheme, however garbled ("htlp://"), is no lead-in
        if tail and lx.fold(tail.split()[-1]) in _CUT_AFTER:
            tail += " " + _sentence_on(text[s_end:])  # "...: la\nDirección de ..., la Oficina ...\n–OMJ–."
        if tail:
            items = _split_inline(_first_sentence(tail))
            if len(items) < 2:  # "Salud. Educación, Ambiente.": dots for commas
                dotted = _split_inline(_ANY_DOT.sub(", ", tail))
                items = dotted if len(dotted) <= n else items
        else:
            after = text[s_end:].replace(PAGE_BREAK, "\n")
            items = _split_lines(after, subject, ocr) or _prose_below(after)
        if len(items) < 2:
            continue
        start = s_start + m.start()
        if any(c.start == start for c in out):
            continue  # a later colon of the same sentence: the claim is read already
        last = subject.split()[-1]
        at = before.find(last, m.end())
        end = s_start + at + len(last) if at >= 0 else start + len(m.group(0))
        raw = text[start:end]  # as printed, the figure a number word repeats in brackets included
        out.append(FoundClaim(start, end, raw, subject, n, _distinct(items, ocr)))
    return out

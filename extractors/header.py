"""What a document says about itself: type, reference, date line, people.

Letters and memos of any Spanish-speaking administration share a few blocks: a
reference (`Oficio No. X`, `MEMORÁNDUM N° X`, a bare code), a date line with its
place (`Lima, 3 de marzo del 2024`, `... de México a 08 de julio de 2025.`), a recipient
block closed by `PRESENTE` / `Su Despacho` or a memo's `A:` field, and signature
blocks after a closing (`Atentamente`, `Fdo.:`) or a name over a post at the end. The
words of each block are data (`data/lexicon.json`); copy lists (`c.c.p.`) are nobody's
recipients.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from extractors import lexicon as lx
from extractors import settings
from extractors.dates import FoundDate, find_dates
from extractors.text import DocText, Line

_BARE_REFERENCE = re.compile(r"^([A-Z]{2,}(?:[-/][A-Z]{1,})*[-/]\d{1,5}[-/](?:19|20)\d{2})\W*$")
# a code: letters and digits joined by - / . # _, with a digit and at least one joint
_CODE = re.compile(r"(?=[\w./#-]*\d)[A-Z0-9][\w]*(?:\s?[-/.#_]\s?[\w]+)+")
_NAME_WORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+|[A-ZÁÉÍÓÚÑ]{2,}"
_PARTICLE = r"(?:de|del|de\s+la|de\s+los|y|DE|DEL|DE\s+LA|Y)"
NAME = re.compile(rf"(?:{_NAME_WORD})(?:\s+(?:{_PARTICLE}\s+)?(?:{_NAME_WORD})){{1,5}}")
# after a date line's date: punctuation, or the time of an e-mail's `Fecha:` (`10:42`, `a las 17:15 h`)
_DATE_LINE_TAIL = re.compile(r"^[\s,]*(?:(?:a\s+las\s+)?\d{1,2}:\d{2}(?:\s*(?:h|hrs|horas))?)?[\s.,;:\-–—]*$", re.I)


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


def _first(text: str, cues: list[str]) -> int | None:
    """Where the first of the cues that are words stands in the text."""
    folded = lx.fold(text)
    found = [m.start() for c in cues if lx.fold(c)[:1].isalnum()
             for m in [re.search(rf"\b{re.escape(lx.fold(c))}\b", folded)] if m]
    return min(found, default=None)


def _starts_with(text: str, words) -> str | None:
    folded = lx.fold(text).strip()
    for w, fw in _longest_first(tuple(words)):
        if folded.startswith(fw) and (len(folded) == len(fw) or not folded[len(fw)].isalnum()
                                      or not fw[-1].isalnum()):
            return w
    return None


@lru_cache(maxsize=64)
def _longest_first(words: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(w, lx.fold(w)) for w in sorted(words, key=len, reverse=True)]


UNTYPED = "untyped"  # no cue says what the document is: its structure will (extractors._structural_type)


def _unspaced(text: str) -> str:
    """`P R E S E N T E` as `PRESENTE`."""
    return text.replace(" ", "") if re.fullmatch(r"(?:\S ){3,}\S\W*", text.strip()) else text


def _reports(doc: DocText) -> bool:
    """A letter that is a report: labelled as one (`INFORME N° ...`), or carrying a report under a
    heading of its own (`ANEXO I - REPORTE DE AVANCE`)."""
    cues = [lx.fold(c) for c in lx.lexicon()["report_cues"]]
    subject = re.compile(rf"(?i)^\W{{0,2}}(?:{'|'.join(map(re.escape, lx.lexicon()['memo_subject']))})\s*[:.]")
    for line in doc.lines:
        letters = [c for c in line.text if c.isalpha()]
        heading = len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.7 * len(letters) \
            and not subject.match(line.text)  # "REF.: REPORTE DE AVANCE ...": what the letter is about, no report it carries
        if heading and any(c in lx.fold(line.text) for c in cues):
            return True
    return any(re.match(r"(?i)^\W{0,2}(?:informe|reporte)\s+(?:N|No|Nro|Nº|N°)\b", l.text) for l in doc.lines[:8])


# a paragraph that opens with its place and date and goes on as a sentence: a news item's dateline
@lru_cache(maxsize=1)
def _sentence_after() -> str:
    """A full stop and a new sentence (`. La Autoridad ...`), opened by a word of the lexicon's."""
    return rf"\.\s+(?:{'|'.join(map(re.escape, lx.lexicon()['sentence_openers']))})\s"


@lru_cache(maxsize=1)
def _news_dateline() -> re.Pattern:
    return re.compile(r"^[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+(?:\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+){0,3},\s+\d{1,2}\s+de\s+"
                      rf"[^\W\d_]+\s+(?:de|del)\s+\d{{4}}{_sentence_after()}")


def _minutes(doc: DocText) -> bool:
    return bool(_count(doc.text[:300], lx.lexicon()["minutes_cues"]) or any(
        re.match(r"(?i)^\W{0,2}(?:acta|minuta)\b", l.text) for l in doc.lines[:4]))


def doc_type(doc: DocText, has_reference: bool) -> str:
    head = doc.text[:600]
    lex = lx.lexicon()
    if _minutes(doc):
        return "other"  # minutes, whatever they list
    if any((re.search(r"\d{4}\s*\.\s*[-–—]\s*[A-ZÁÉÍÓÚ]", l.text) or _news_dateline().match(l.text))
           and find_dates(l.text) for l in doc.lines[:6]):
        return "news"  # a dateline: "Asunción, 14 de mayo de 2024.- La Secretaría ..."
    letter = _count(doc.text, lex["letter_cues"]) + (2 if has_reference else 0)
    salutation = any(re.match(rf"(?i)^({'|'.join(lex['recipient_openers'])})\.?\b", l.text)
                     for l in doc.lines[:12])
    closing = any(_starts_with(l.text, lex["closings"]) for l in doc.lines)
    addressed = bool(_terminator(doc.lines[:30])) or bool(_memo_field(doc.lines[:20], lex["memo_to"])) \
        or _memo_heading(doc.lines[:20])
    progress = len(re.findall(r"(?i)\bavance\s*(?:del\s*)?\d{1,3}\s?%", doc.text))
    if (salutation or addressed) and (closing or letter >= 2):
        return "progress_report" if _reports(doc) else "letter"
    report_at, news_at = _first(head, lex["report_cues"]), _first(head, lex["news_cues"])
    if progress < 3 and news_at is not None and (report_at is None or news_at < report_at):
        return "news"  # a newsroom's masthead ("Sala de Prensa | Noticias") over the report it covers
    if _count(head, lex["report_cues"]) or progress >= 3:
        return "progress_report"
    if _count(head, lex["news_cues"]) or re.search(r"(?im)^source url", doc.text):
        return "news"
    if _count(doc.text, lex["plan_cues"]) >= 3:
        return "work_plan"
    return "letter" if letter >= 3 or has_reference else UNTYPED


@lru_cache(maxsize=1)
def _reference_label() -> re.Pattern:
    """A reference label, up to two words qualifying it (`CIRCULAR EXTERNA`, `ACTA DE SESIÓN
    ORDINARIA`), and a number sign (`No.`, `N°`): the sign is group `sign`."""
    labels = "|".join(re.escape(l).replace(r"\ ", r"\s+")
                      for l in sorted(lx.lexicon()["reference_labels"], key=len, reverse=True))
    return re.compile(rf"^\W{{0,2}}(?:{labels})(?:\s+(?:de\s+|del\s+)?[A-ZÁÉÍÓÚ][A-Za-záéíóúÁÉÍÓÚ]+){{0,2}}\.?\s*"
                      r"(?P<sign>N[.,]?\s?[”\"]?[?*]\s*|(?:No|Nro|Núm|Num|N|Nº|N°|N\.º|N\.°)\.?\s*[º°]?\s*)?"  # `N.?`, `N*`, `N”*`: a scan's °
                      r"(?:de\s+referencia\s*)?[:.\-–]?\s*", re.I)


# a code's further part after a space: capitals with a slash or dash ("014-2025-GR CUSCO/GGR")
_CODE_TAIL = re.compile(r"\s[A-ZÁÉÍÓÚÑ]{2,}(?:[-/#][A-ZÁÉÍÓÚÑ0-9]+)+")


def reference(doc: DocText) -> tuple[Line, str] | None:
    """The document's own reference: a labelled code in the first lines, or a bare code line.
    After a number sign (`Acta N° 41`) a plain number is a reference too."""
    for line in doc.lines[:12]:
        m = _BARE_REFERENCE.match(line.text)
        if m:
            return line, m.group(1)
        label = _reference_label().match(line.text)
        if not label or label.end() == 0:
            continue
        rest = line.text[label.end():]
        code = _CODE.match(rest)
        if code and re.search(r"[A-Za-z]", code.group(0)) or code and len(re.sub(r"\D", "", code.group(0))) >= 3:
            tail = _CODE_TAIL.match(rest, code.end())
            value = re.sub(r"\s*([-/.#_])\s*", r"\1", code.group(0)).rstrip(".-/")
            value += tail.group(0) if tail else ""
            if len(value) >= 4 and not find_dates(value):
                return line, value
        number = re.match(r"(\d{1,6}(?:[-/]\d{2,4})?)\b", rest) if label.group("sign") else None
        if number and not find_dates(number.group(1)):
            return line, number.group(1)
    return None


def _place(before: str) -> str | None:
    """The place written before a date line's date: `Lima,`, `... de México a`, `Mendoza;`,
    `Tumbes, con fecha de corte al`."""
    # a scan reads the comma that ends the place as a dot: `Tumbes. con fecha de corte al`, `Pue.. a`
    text = re.sub(r"(?i)[,;.]?\s+(?:con\s+)?(?:fecha\s+de\s+)?corte\s+al\s*$", "", before.strip())  # a report's cut-off
    text = re.sub(r"(?i)(?:[,;]?\s+(?:a\s+los|a|el\s+d[ií]a|hoy))?[\s,;]*$", "", text)
    text = re.sub(r"\.\.+$", ".", text)
    text = re.sub(r"(?<=[^\W\d_]{4})\.$", "", text)  # "Asunción." for "Asunción,": a dot no abbreviation ends
    text = re.sub(r"(?i)^(?:lugar\s+y\s+fecha|fecha)\s*:\s*", "", text).strip(" ,;:")
    initials = re.sub(r"\b[A-ZÁÉÍÓÚÑ]{1,2}\.\s?", "X ", text)  # "Santo Domingo, D. N.", "Quito, D.M."
    if not text or len(text) > 70 or re.search(r"\d|[.!?]\s|[/|()]", initials):
        return None
    words = re.findall(r"[^\W\d_]+\.?", text)
    if not words or not words[0][0].isupper() or lx.fold(words[0]) in _not_places():
        return None
    lower = [w for w in words if w[0].islower() and lx.fold(w) not in ("de", "del", "la", "las", "los", "el", "y")]
    return text if not lower else None


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(lx.fold(w) for w in lx.lexicon()["not_places"])


def _date_line(doc: DocText) -> tuple[FoundDate, str | None] | None:
    """The first line (among the first fifteen, else the last ten) that is a date, with the place before it."""
    lines = doc.lines
    n = len(lines)
    for index in list(range(min(15, n))) + list(range(max(n - 10, 0), n)):
        line = lines[index]
        found = [d for d in find_dates(line.text) if d.has_year]
        if not found:
            continue
        d = found[0]
        before = line.text[:d.start]
        after = line.text[d.end:]
        # on a scan, a stamp may print beside the date ("| RECIBI"): no lower-case word there
        stamp = doc.has_ocr and not re.search(r"[a-záéíóúñ]{3,}", after)
        label = re.match(r"(?i)^\W{0,2}(fecha|lugar y fecha|date)\s*[:.]?\s*$", before)
        place = None if label else _place(before)
        if not before.strip() and place is None and index and len(lines[index - 1].text) <= 40 \
                and "," in lines[index - 1].text:
            place = _place(lines[index - 1].text)  # "Santo Domingo, D. N." on the line above the date
        # "Asunción, 12 de mayo de 2024.- El ...", and a news item's "Panamá, 22 de agosto de 2024. La ..."
        dateline = re.match(r"^\s*\.?\s*[-–—]+\s*\S", after) or place and re.match(rf"\s*{_sentence_after()}", after)
        if not (_DATE_LINE_TAIL.match(after) or stamp or dateline):
            continue
        if before.strip() and place is None and not label and not re.fullmatch(r"\W*", before):
            continue
        shifted = FoundDate(line.start + d.start, line.start + d.end, d.raw, d.value, d.weekday, True)
        return shifted, place
    return None


def issued(doc: DocText) -> tuple[FoundDate | None, str | None]:
    """The date line's date and place; else a date the head introduces as the document's; in
    minutes with no date line, the meeting's (the first full date of the opening)."""
    found = _date_line(doc)
    head = doc.text[:800]
    opening = doc.text[:2500]  # minutes name their city in the opening formula, after the list of those present
    if found:
        return found if found[1] or not _minutes(doc) else (found[0], _meeting_place(opening, doc.text[-1500:]))
    if _minutes(doc):
        dated = [d for d in find_dates(head) if d.has_year and d.value]
        if dated:
            return dated[0], _meeting_place(opening, doc.text[-1500:])
    for d in find_dates(head):
        if d.has_year and re.search(r"(?i)\b(al|hasta el|con fecha|fecha de corte|con corte al|corte al|"
                                    r"fecha|publicado el|actualizado al)\s*:?\s*$", head[:d.start]):
            return d, None
    return None, None


_PLACE_FIELD = re.compile(r"(?im)^\W{0,2}lugar\s*:\s*([^\n]+)$")
_IN_THE_CITY = re.compile(r"\ben\s+la\s+ciudad\s+de\s+([A-ZÁÉÍÓÚÑ][^\W\d_]+(?:\s+(?:de\s+)?[A-ZÁÉÍÓÚÑ][^\W\d_]+){0,3})",
                          re.I)


# "En Zaragoza, siendo las diez horas ...": the opening formula of minutes names the city
_OPENING_CITY = re.compile(r"(?m)(?:^|\.\s+)En\s+([A-ZÁÉÍÓÚÑ][^\W\d_]+(?:\s+(?:de\s+)?[A-ZÁÉÍÓÚÑ][^\W\d_]+){0,3}),"
                           r"\s+(?:siendo\s+las|a\s+los|a\s+las|el\s+d[ií]a)\b")


# "Para constancia se firma en Armenia, a los veintitrés (23) días ...": the closing formula names it too
_SIGNED_AT = re.compile(r"\bfirm(?:a|an|ó|aron|ada|ado)\s+en\s+([A-ZÁÉÍÓÚÑ][^\W\d_]+(?:\s+(?:de\s+)?[A-ZÁÉÍÓÚÑ][^\W\d_]+){0,3}),"
                        r"\s+(?:a\s+los|a\s+las|el\s+d[ií]a|el|hoy)\b")


def _meeting_place(head: str, close: str = "") -> str | None:
    """Where minutes say the meeting was: their `Lugar:` field where it names a place rather than a
    room ("Sala de Sesiones ..."), else the city of the opening formula ("En la ciudad de Loja, a los ..."),
    else that of the closing one (`se firma en Armenia, a los ...`)."""
    field = _PLACE_FIELD.search(head)
    if field:
        value = field.group(1).strip()
        first, place = re.match(r"[^\W\d_]+", value), _place(value)
        if first and place and lx.fold(first.group(0)) not in lx.lexicon()["venue_words"]:
            return place
        last = _place(value.rsplit(",", 1)[-1]) if "," in value else None
        if first and last and lx.fold(first.group(0)) in lx.lexicon()["venue_words"] \
                and lx.fold(last.split()[0]) not in lx.lexicon()["venue_words"]:
            return last  # "Sala Goya, Edificio Pignatelli, Paseo María Agustín, 36, Zaragoza": the address ends in the city
    city = _IN_THE_CITY.search(head) or _OPENING_CITY.search(head) or _SIGNED_AT.search(close)
    return city.group(1) if city and city.group(1)[0].isupper() else None


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(lx.fold(t).rstrip(".") for t in lx.lexicon()["person_titles"])


@lru_cache(maxsize=1)
def _posts() -> frozenset[str]:
    return frozenset(lx.fold(p) for p in lx.lexicon()["posts"])


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(lx.fold(h).split()[0] for h in lx.lexicon()["org_heads"])


def _is_post(text: str) -> bool:
    words = lx.fold(text).replace(",", " ").split()
    return bool(words) and (words[0] in _posts() or " ".join(words[:2]) in _posts())


def _clean_name(text: str) -> str | None:
    """A person's name as the line writes it, titles dropped; None when the line is no name."""
    words = text.replace('"', " ").replace("”", " ").replace("“", " ").split()
    titled = False
    while words and (_known_title(words[0]) or _TITLE_ABBREVIATION.fullmatch(words[0]) and len(words) > 2):
        words.pop(0)
        titled = True
    joined = " ".join(words).strip(" ,.:;")
    if not joined or re.search(r"\d|@|/", joined):
        return None
    if lx.fold(joined.split()[0]) in ("el", "la", "los", "las"):
        return None  # "LA PRESIDENTA": a post over a signature, a name opens with no article
    m = NAME.match(joined)
    if not m or re.match(r"\s*[^\W\d_]", joined[m.end():]):
        return None  # more words follow: a sentence or a heading, not a name on its own
    name_words = m.group(0).split()
    folded = [lx.fold(w) for w in name_words]
    if folded[0] in _heads() or folded[0] in _posts() or lx.best(folded[0], _heads(), 85) \
            or len(folded[0]) >= 7 and lx.best(folded[0], _posts(), 80):
        return None  # an institution or a post, however OCR spelt its first word ("Subsecrerario de ...")
    def common(w: str) -> bool:
        return w in lx.common_words() and w not in lx.person_names()
    post = next((k for k in range(2, len(folded)) if folded[k] in _posts()), None)
    if post is not None:  # "Jorge Luis Flores Mamani Director General": the post a line joined to the name
        name_words, folded = name_words[:post], folded[:post]
    if len(folded) > 2 and folded[1] in ("de", "del") and all(common(w) for w in folded[2:] if len(w) >= 4):
        return None  # "PERSONALES DEL ESTADO DE JALISCO": a name goes on in names, not in common words
    # "Directora de Transparencia y Gobierno Abierto": words of a post, no one's names; but a title and
    # a surname no word list has make a name of given names the word list has ("Ing. Edwin Ronald Pariona")
    if sum(len(w) >= 4 and common(w) for w in folded) >= 2 and not (
            titled and len(folded) >= 3 and not common(folded[-1]) and "de" not in folded):
        return None
    if len(folded) > 1 and folded[1] in _posts() and folded[0] in ("sub", "vice", "sub-", "vice-"):
        return None  # "Sub Gerente de ...": a post written in two words
    if any(w in _heads() for w in folded) and len(folded) > 2:
        return None
    return " ".join(name_words)


def _titled(text: str) -> bool:
    """The line opens with a person's title (`Lic.`, `Abog.`, `Ing.`)."""
    first = text.split(None, 1)[0] if text.strip() else ""
    return _known_title(first) or bool(_TITLE_ABBREVIATION.fullmatch(first))


# a title: a known one, or any short abbreviation before the name ("Abg.", "Mg.", "Econ.")
_TITLE_ABBREVIATION = re.compile(r"[^\W\d_]{1,5}\.(?:[^\W\d_]{1,3}\.)?")


def _known_title(word: str) -> bool:
    return lx.fold(word).rstrip(".:,") in _titles()


def _is_copy(text: str) -> bool:
    return _starts_with(text, lx.lexicon()["copy_cues"]) is not None


def _terminator(lines: list[Line]) -> int | None:
    terms = lx.lexicon()["recipient_terminators"]
    long_terms = [lx.fold(w) for w in terms if len(w) >= 7 and " " not in w]
    for i, line in enumerate(lines):
        t = lx.fold(_unspaced(line.text)).strip(" .:-–—,")
        if any(t == lx.fold(w).strip(".") for w in terms):
            return i
        # `PRE SIENTE`: a spaced-out `P R E S E N T E` a scan misread, letters and spaces only
        squeezed = t.replace(" ", "")
        if squeezed.isalpha() and len(squeezed) <= 12 and line.text.strip().isupper() \
                and lx.best(squeezed, long_terms, _TERMINATOR_SIMILARITY):
            return i
    return None


_TERMINATOR_SIMILARITY = 85  # one letter added or changed in `presente` (the line alone and in capitals)


def _memo_heading(lines: list[Line]) -> bool:
    """Both a memo's `A:` and `DE:` fields, whoever they name ("A: Directores Generales ...")."""
    lex = lx.lexicon()
    return all(any(re.match(rf"(?i)^\W{{0,2}}(?:{'|'.join(map(re.escape, labels))})\s*:\s*\S", l.text) for l in lines)
               for labels in (lex["memo_to"], lex["memo_from"]))


def _memo_field(lines: list[Line], labels) -> list[tuple[int, str]]:
    """The names a memo's `A:` / `DE:` field gives, on its line and the lines it runs on to."""
    pattern = re.compile(rf"^\W{{0,2}}(?:{'|'.join(re.escape(l) for l in labels)})\s*:\s*(.*)$", re.I)
    for i, line in enumerate(lines):
        m = pattern.match(line.text)
        if not m:
            continue
        out = []
        parts = [(line.start + m.start(1), m.group(1))]
        for nxt in lines[i + 1:i + 6]:
            if re.match(r"^\W{0,2}[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:", nxt.text):
                break
            parts.append((nxt.start, nxt.text))
        for start, text in parts:
            for piece in re.split(r"\s*(?:;|\s/\s|\s[–—-]\s|,\s(?=(?:[A-Z][a-z]{0,5}\.)))\s*", text):
                # "Nombre <correo@...>": the name; on a scan the address's `<` and `@` misread too
                # (`“ipalmaf?minsegpres.gob.cl>`), still a bracket before a domain
                piece = re.sub(r"<[^>]*>|\S+@\S+|[<“«\"(]\S+\.[a-z]{2,4}\b\S*", "", piece)
                name = _clean_name(piece.split(",")[0])
                if name:
                    out.append((start, name))
        return out
    return []


def _forwarded_recipients(lines: list[Line]) -> list[tuple[int, str]]:
    """In a printed e-mail thread, the `Para:` of each earlier message's header (a `De:` line
    with `Para:` a few lines below it)."""
    lex = lx.lexicon()
    sender = re.compile(rf"^\W{{0,2}}(?:{'|'.join(re.escape(l) for l in lex['memo_from'])})\s*:", re.I)
    out = []
    for i, line in enumerate(lines):
        if sender.match(line.text):
            out += _memo_field(lines[i + 1:i + 4], lex["memo_to"])
    return out


def recipients(doc: DocText) -> list[tuple[int, str]]:
    lines = [l for l in doc.lines[:30] if not _is_copy(l.text)]
    memo = _memo_field(lines[:20], lx.lexicon()["memo_to"])
    if memo:
        return _dedupe(memo + _forwarded_recipients(doc.lines))
    end = _terminator(lines)
    if end is not None:
        start = max(0, end - 6)
        for i in range(end - 1, start - 1, -1):
            if find_dates(lines[i].text) or _reference_label().match(lines[i].text) and \
                    lines[i].text.strip().endswith(tuple("0123456789")):
                start = i + 1
                break
        block = []  # "Señores / Abog. Ramón ..., Director ... / Lic. Norma ..., Directora ... / Presentes"
        for line in lines[start:end]:
            if block and not _titled(line.text):
                continue  # a post or an institution; a further recipient opens with a title ("Lic. ...")
            name = _clean_name(line.text) or _clean_name(line.text.split(",")[0])
            if name:
                block.append((line.start, name))
        if block:
            return block
    openers = {lx.fold(t) for t in lx.lexicon()["recipient_openers"]}
    head = lines[:15]
    closing = next((i for i, l in enumerate(head) if _starts_with(l.text, lx.lexicon()["closings"])), None)
    head = head[:closing]  # a name under the closing signs the letter
    for i, line in enumerate(head):
        first = lx.fold(line.text.split()[0]).rstrip(".:,") if line.text.split() else ""
        if first not in openers or line.text.rstrip().endswith(":"):
            continue
        for cand in (line.text, head[i + 1].text if i + 1 < len(head) else ""):
            name = _clean_name(cand)
            if name:
                return [(line.start, name)]
    return []


def _split_side_by_side(text: str) -> list[str]:
    """`Lic. Ana Pérez Ing. Luis Gómez`: two signatures side by side, split at a title."""
    titles = sorted(lx.lexicon()["person_titles"], key=len, reverse=True)
    rx = re.compile(rf"\s(?=(?:{'|'.join(re.escape(t) for t in titles)})\.?\s+[A-ZÁÉÍÓÚÑ])", re.I)
    parts = [_unsigned(p) for p in rx.split(text) for p in _SIGNED.split(p) if p.strip()]
    return parts if len(parts) > 1 else [text]


# `Fdo.:` as printed, or as a scan reads its F (`Edo.:`, never Estado's `Edo.` with a colon after it)
_MARK = r"(?:fdo|edo(?=\.:)|firmado|firma)"
_SIGNED = re.compile(rf"(?i)\s(?={_MARK}\s*[.:])")  # `Fdo.: A  Fdo.: B`: two signatures side by side


def _unsigned(text: str) -> str:
    """A signature line without its `Fdo.:` / `Firmado:` mark."""
    return re.sub(rf"(?i)^\W{{0,2}}{_MARK}\s*[.:]+\s*", "", text)


def _names_from(lines: list[Line]) -> list[tuple[int, str]]:
    out = []
    cues = lx.lexicon()["signature_cues"]
    for line in lines:
        if _is_copy(line.text):
            break
        text = _unsigned(line.text)
        cue = _starts_with(text, cues)  # "Revisado por: NAME, post" below "Elaborado por: ..."
        if cue and lx.fold(text).startswith(lx.fold(cue)):
            text = text[len(cue):]
        for part in [p for cell in text.split("|") for p in _split_side_by_side(cell)]:
            name = _clean_name(part)
            if name:
                out.append((line.start, name))
    return out


# contact and annex lines below a document's signatures
_TRAILER = re.compile(r"(?i)^\W{0,2}(?:anexos?|adjuntos?|cel|celular|tel|tel[ée]fonos?|correo|e-?mail)\b|@")


def signatories(doc: DocText) -> list[tuple[int, str]]:
    """Names after a closing or a signature cue, or a name over a post at the document's end."""
    lex = lx.lexicon()
    lines = doc.lines
    for i, line in enumerate(lines):
        cue = _starts_with(line.text, lex["signature_cues"])
        marked = None if cue else re.match(rf"(?i)\W{{0,2}}{_MARK}\s*[.:]+", line.text)
        if marked:  # "Edo.: NAME": the mark as a scan read it
            cue = marked.group(0)
        if cue:
            text = line.text[len(cue):] if marked or lx.fold(line.text).startswith(lx.fold(cue)) else ""
            same = _names_from([Line(text, line.start + len(line.text) - len(text))]) if text.strip() else []
            found = same + _names_from(lines[i + 1:i + 25])
            for j in (i - 2, i - 3):  # the first signer over "Visto bueno: NAME": a name, its post (and body)
                if found and j >= 0 and _is_post(lines[j + 1].text) and (above := _clean_name(lines[j].text)):
                    found.insert(0, (lines[j].start, above))
                    break
            if found:
                return _dedupe(found)
    signed = []  # every closing's block: a printed e-mail thread closes each of its messages
    for i, line in enumerate(lines):
        if not (_starts_with(line.text, lex["closings"]) or _ends_closing(line.text)):
            continue
        found = []
        for nxt in lines[i + 1:i + 12]:
            if _is_copy(nxt.text) or _starts_with(nxt.text, lex["closings"]):
                break
            text = _unsigned(nxt.text)
            names = [n for cell in text.split("|") for p in _split_side_by_side(cell) if (n := _clean_name(p))]
            if names:
                found.extend((nxt.start, n) for n in names)
            elif found and not _is_post(nxt.text) and len(found) >= 1 and len(nxt.text) > 80:
                break
        signed += found
    if signed:
        return _dedupe(signed)
    end = len(lines)
    while end > 0 and (_TRAILER.search(lines[end - 1].text) or _is_copy(lines[end - 1].text)):
        end -= 1  # "Cel. 312 745 8890", "Anexo: listado de asistencia": below the signatures
    tail = lines[max(0, end - 14):end]
    block = _name_over_line_block(tail)
    if len(block) >= 2:
        return block
    for k, line in enumerate(tail[:-1]):
        name = _clean_name(_unsigned(line.text))
        if name and _is_post(tail[k + 1].text):
            return [(line.start, name)]
    return _memo_field(lines[:25], lex["memo_from"])


def _name_over_line_block(lines: list[Line]) -> list[tuple[int, str]]:
    """Signatures closing minutes: names each over one short line (a post or an institution),
    one after another to the end."""
    found, k = [], 0
    while k < len(lines) - 1:
        name = _clean_name(lines[k].text)
        below = lines[k + 1].text
        if name and (len(below.split()) <= 6 or _is_post(below) and len(below.split()) <= 10) \
                and not _clean_name(below):
            found.append((lines[k].start, name))
            k += 2
        else:  # the block runs to the end: what came before it was no signature
            found, k = [], k + 1
    return found


def _ends_closing(text: str) -> bool:
    """`Saludo a usted muy atentamente,`: a short line that ends with a closing word."""
    words = lx.fold(text).strip(" ,.:;").split()
    single = {lx.fold(c) for c in lx.lexicon()["closings"] if " " not in c.strip()}
    return 0 < len(words) <= 8 and words[-1] in single


def _dedupe(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    seen, out = set(), []
    for start, name in found:
        if lx.fold(name) not in seen:
            seen.add(lx.fold(name))
            out.append((start, name))
    return out


def _written_more(word: str, capitalised: Counter) -> str | None:
    """The one capitalised word of the document a letter away from `word` that it writes more
    often (`Quishpe` in a signature, `Quizhpe` twice in the minutes): the name as read elsewhere."""
    word = word.capitalize()
    if len(word) < 5:
        return None
    def accents(w: str) -> int:
        return sum(not c.isascii() for c in w)
    accented = [w for w in capitalised if lx.fold(w) == lx.fold(word) and accents(w) > accents(word)]
    if len(accented) == 1 and lx.fold(word) not in lx.person_names():  # a scan loses accents, rather
        return accented[0]  # than adds them; a known name has its spelling already
    near = [w for w in capitalised if len(w) == len(word) and capitalised[w] > capitalised[word]
            and Levenshtein.distance(lx.fold(w), lx.fold(word)) == 1]
    return near[0] if len(near) == 1 else None


def _respelt(doc: DocText, at: int, name: str, capitalised: Counter) -> str:
    """A scanned name's word the document writes a letter otherwise more often (or with its accent) is
    that spelling; one OCR read unsure and written once, a letter or two misread from exactly one known given name or surname
    (`Plores`, `Fesveira`), is that name; a word read sure stays, known or not."""
    sure = settings.current().ocr.name_word_sure
    words = name.split()
    pos = at
    for k, word in enumerate(words):
        found = doc.text.find(word, pos, pos + 200)
        if found < 0:
            continue
        pos = found + len(word)
        elsewhere = _written_more(word, capitalised)
        if elsewhere:
            words[k] = elsewhere.upper() if word.isupper() else elsewhere
            continue
        usual = lx.person_names().get(lx.fold(word))
        # a scan lost the name's accent (Mejia); not one on a capital, which writers drop too (Oscar)
        if usual and not usual[1:].isascii() and word.isascii() and capitalised[word.capitalize()] < 2:
            words[k] = usual.upper() if word.isupper() else usual
            continue
        if usual and word[1:] == usual[1:] and not word[0].isascii() and usual[0].isascii():
            words[k] = usual  # an accent a speck put on a capital no spelling of the name has (Ándrea)
            continue
        if doc.confidence(found, pos) >= sure or capitalised[word.capitalize()] >= 2:
            continue  # read sure, or spelt so twice: the document's own spelling
        near = lx.nearest_person_name(word)
        if near:
            words[k] = near.upper() if word.isupper() else near
    return " ".join(words)


def _agreed_code(line: Line, code: str, text: str) -> str:
    """A scanned reference code whose letter group no other word of the document writes, one letter
    from exactly one acronym it does write (`ONCAF-DE-...` under a letterhead's `(ONCAE)`), is spelt so."""
    elsewhere = Counter(re.findall(r"\b[A-ZÑ]{3,}\b", text[:line.start] + text[line.start + len(line.text):]))
    def agreed(m: re.Match) -> str:
        group = m.group(0)
        if elsewhere[group]:
            return group
        near = [a for a in elsewhere if len(a) == len(group) and Levenshtein.distance(a, group) == 1]
        return near[0] if len(near) == 1 else group
    code = re.sub(r"[A-Z0-9]+", _one_kind, code)
    return re.sub(r"(?<![A-ZÑ])[A-ZÑ]{3,}(?![A-ZÑ])", agreed, code)


def _one_kind(m: re.Match) -> str:
    """A code's group is letters or digits: an `O` touching the digits of a group of numbers is a 0
    (`DO00231`), a lone `1` between the letters of a group of letters an I (`C1PT`)."""
    group = m.group(0)
    digits = sum(c.isdigit() for c in group)
    if digits >= 3:
        return re.sub(r"O(?=\d)|(?<=\d)O", "0", group)
    if digits == 1 and len(group) >= 4:
        return re.sub(r"(?<=[A-Z])1(?=[A-Z])", "I", group)
    return group


def read(doc: DocText) -> Header:
    ref = reference(doc)
    if ref and doc.has_ocr:
        ref = (ref[0], _agreed_code(ref[0], ref[1], doc.text))
    kind = doc_type(doc, ref is not None)
    date, place = issued(doc)
    addressed = kind == "letter" or kind == "progress_report" and _reports(doc)  # a report sent as a letter
    people = [recipients(doc) if addressed else [], signatories(doc)]
    if doc.has_ocr:  # accents OCR lost, put back where the name is a known spelling
        capitalised = Counter(w.capitalize() for w in re.findall(r"\b[A-ZÁÉÍÓÚÑ][^\W\d_]{4,}\b", doc.text))
        people = [[(at, _respelt(doc, at, lx.restore_text(name), capitalised)) for at, name in group]
                  for group in people]
    return Header(kind, ref, date, place, *people)

"""Compromisos, hitos and actividades, read from the logical lines of a document.

Hitos may be headed ("HITO 3.") or be bare description paragraphs followed by
their activities (work plans); then their numbers come from references such as
"desarrollo del hito 7" or, failing that, from their order.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extractors import lexicon as lx
from extractors import layout, ocrfix, plan, settings
from extractors.dates import FoundPeriod, find_periods, month_count, span_period
from extractors.mentions import _digits, percentages_in_digits
from extractors.text import Line



@lru_cache(maxsize=1)
def _progress_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    g = layout.grammar()
    phrases = layout._alternation(g["progress_phrases"])
    value = r"([0-9OoIl]{1,3}(?:[.,]\d+)?)\s?(?:%|por\s*ciento\b)"
    stated = re.compile(rf"\b(?:{phrases})\s*(?:\(\s*%\s*\)\s*)?(?:de\s+un\s+|en\s+un\s+|del?\s*)?(?:[:\-=(]\s*)?{value}",
                        re.I)
    before = re.compile(r"\b([0-9]{1,3}(?:[.,]\d+)?)\s?%\s+de\s+(?:avance|cumplimiento|ejecuci[oó]n)\b", re.I)
    verbs = "|".join(map(re.escape, g["done_verbs"]))
    done = re.compile(rf"\b(?:{verbs})\w*\s*(?:\s(?:al|en\s+un|en\s+el|el|un)|\()\s*([0-9]{{1,3}})\s?%", re.I)
    return stated, before, done


_FIELD_VALUE = re.compile(r"^\W{0,2}([0-9OoIl]{1,3}(?:[.,]\d+)?)\s?(?:%|por\s*ciento\b)?(?!\s*\d)")
RE_HITO_REF = re.compile(r"\bhito\s+(\d{1,2})\b", re.I)
# the grammar's number prefixes ("N.° 2", "número 2", "No. 2")
_NUMBER_PREFIX = rf"(?:(?:{layout.number_prefixes()})\s*)?"
RE_COMMIT_REF = re.compile(rf"\bcompromiso\s+{_NUMBER_PREFIX}(\d{{1,3}})\b", re.I)
# a hito named in running text, its description introduced by "que es", a colon, dashes or quotes,
# perhaps after a short qualifier ("el hito 2 del referido compromiso, «...»")
RE_PROSE_HITO = re.compile(
    r"\bhito\s+(\d{1,2}(?:[.,]\d{1,2})?)(?:"
    r"\s*[,.]\s*que\s+(?:es|consiste\s+en)\s+(?:(?:el|la|los|las|un|una)\s+)?(?P<a>.+?\.)(?=\s+[A-ZÁÉÍÓÚ]|\s*$)"
    r"|(?:\s+[^«\"“.:\n]{1,40}?)?\s*[,:]?\s*[«\"“](?P<b>[^»\"”\n]{8,})[»\"”]"
    r"|\s*[—–]\s*(?P<c>[^—–\n]{8,}?)\s*[—–]"
    r"|\s*,\s+(?!(?:y\s+|e\s+)?hitos?\b)(?P<d>[a-záéíóúñ](?:[^;.,\n()]|[.,](?=\S)|\n(?=(?-i:[a-záéíóúñh]))){8,}?)"
    r"(?=;\s+(?:y\s+|e\s+)?hito\b|\.(?:\s|$)|,\s(?![^,;.\n]*\s[ye]\s[^,;\n]*[.;]))"
    r"|\s*\((?P<e>[^()\n\d%]{8,})\)\s*(?:[:,]|(?-i:\s[a-záéíóúñ])))", re.I)  # "Hito 7.1, publicación ...; Hito 7.2, ..."; "Hito 1.1 (registro ...):"
RE_PROSE_COMMIT = re.compile(r"\bcompromiso\s+[“\"«]([^”\"»]{10,})[”\"»]", re.I)
# "Compromiso 4 (hito 1, hito 2)"; the keyword as OCR may have garbled it
# ... its parenthesis closed, or left open where OCR lost the ")": to the end of the line,
# or to the next item of the list when OCR ran two items into one line
_LISTED = r"\b[^\W\d_]{4}\s+\d{1,2}\b"
_ITEM = r"\b[^\W\d_]{3,12}\s+\d{1,3}\s*[^\w\s(]?\s*\("
_OPEN_TEXT = rf"(?:(?!{_ITEM})[^()\n])*"
RE_COMMIT_HITOS = re.compile(
    rf"\b([^\W\d_]{{3,12}})\s+(\d{{1,3}})\s*[^\w\s(]?\s*\("
    rf"(?:(?P<closed>[^()]*{_LISTED}[^()]*)\)|(?P<open>{_OPEN_TEXT}{_LISTED}{_OPEN_TEXT})(?=$|{_ITEM}))",
    re.I | re.M)
RE_LISTED_REF = re.compile(r"\b([^\W\d_]{3,5})\s+(\d{1,2})\b")
# every "compromiso N" / "compromisos N y M" / "compromisos N, M" mention; a plural may list
# its numbers with a garbled or lost conjunction ("compromisos 1 10")
RE_COMMIT_MENTION = re.compile(
    rf"\bcompromiso(s?)\s+{_NUMBER_PREFIX}(\d{{1,3}})\b((?:(?:[ \t]*(?:,|\by\b|\be\b|&)[ \t]*|[ \t]+)\d{{1,3}}\b)*)",
    re.I)


@dataclass
class Item:
    kind: str
    number: int | None
    printed: int | None
    start: int
    end: int
    title: str | None = None
    commitment: int | None = None
    milestone: "Item | None" = None
    text: list[str] = field(default_factory=list)
    periods: list[FoundPeriod] = field(default_factory=list)
    period_start: int = 0  # offset of the Temporalidad value in the document text
    product: str | None = None
    verification: str | None = None
    label: str = ""  # the header as printed, for flags
    milestone_number: int | None = None  # stated by a dotted number ("Actividad 2.1.3"), open hito or not
    progress_text: str = ""  # a progress field's or column's value
    notes: list[str] = field(default_factory=list)  # "Observación:", "Descripción:" values: what the progress rests on
    start_text: str = ""  # "Fecha de inicio" / "Fin" values, made into a period when the item closes
    end_text: str = ""
    start_text_at: int = 0
    span_raw: str = ""
    scheme: str = ""  # how the header printed its number (layout.Header.scheme)

    @property
    def body(self) -> str:
        return " ".join(self.text)


@dataclass
class Structure:
    commitments: list[Item]
    milestones: list[Item]
    activities: list[Item]


def parse_number(token: str | None, commitment: int | None = None) -> int | None:
    """The number of a header token as OCR may print it: digits, roman, a digit's look-alike."""
    if not token:
        return None
    token = token.strip(".,:")
    if re.fullmatch(r"\d+(\.\d+)*", token):
        n = int(token.split(".")[-1][:5])
        return n if n <= layout.MAX_NUMBER else None
    r = layout.roman(token)
    if r is not None and (token.isupper() or len(token) > 1):
        return r
    digits = ocrfix.forms()["header_digits"]
    if len(token) == 1 and token in digits:  # a digit OCR read as a letter (`Actividad l.`)
        return int(digits[token])
    return layout.roman(token)


_ROLE_KIND = {"commitment": "commit", "milestone": "hito", "activity": "act", "group": "group"}
HEADER_KINDS = ("commit", "hito", "act")


@dataclass
class LineInfo:
    kind: str  # commit, hito, act, group, row, rule (inside a table), text, or the name of the line's first field
    header: layout.Header | None = None
    fields: list[layout.Field] = field(default_factory=list)
    cells: list[tuple[str, int]] | None = None
    item: re.Match | None = None  # a list item: bullet, `a)`, `3.`
    announced: tuple[str, int | None] | None = None  # a list heading: its units' role, the unit it names


@lru_cache(maxsize=1)
def _list_headings() -> list[tuple[str, re.Pattern]]:
    """Per role, a heading that announces a list of its units, and may name the unit the list
    hangs under (`Actividades del segundo hito`, `Acciones de la meta 2`)."""
    g = layout.grammar()
    parents = layout._alternation([f for level in g["levels"] if level["role"] == "milestone"
                                   for f in level["forms"]])
    ordinals = layout._alternation(g["ordinals"])
    under = (rf"(?:\s+(?:del|de\s+la|de\s+los|de\s+las)\s+(?:(?P<ord>{ordinals})\s+)?(?:{parents})"
             rf"(?:\s+(?P<num>\d{{1,2}}(?:\.\d{{1,2}})*|[IVXivx]{{1,4}}))?)?")
    # a qualifier in lower case may follow: "Hitos propuestos para la discusión"
    tail = r"(?:\s+(?-i:[a-záéíóúñ]+)){0,5}"
    return [(role, re.compile(rf"^\W{{0,2}}(?:{layout._alternation(forms)}){under}{tail}\s*:?\s*$", re.I))
            for role, forms in g["list_headings"].items()]


@lru_cache(maxsize=1)
def _heading_words() -> frozenset[str]:
    g = layout.grammar()
    forms = [f for fs in g["list_headings"].values() for f in fs] + list(g["ordinals"]) + \
        [f for level in g["levels"] if level["role"] == "milestone" for f in level["forms"]]
    return frozenset(w for f in forms for w in lx.fold(f).split() if len(w) >= 4)


def _heading_spelling(text: str) -> str:
    """A short line's words one slip from a word of the list headings take its spelling
    (`Mitos` for `Hitos`, `seguado` for `segundo`): OCR misreads headings too."""
    if len(text.split()) > 6:
        return text
    words = _heading_words()

    def respell(m: re.Match) -> str:
        w = lx.fold(m.group(0))
        near = [v for v in words if abs(len(v) - len(w)) <= 1 and Levenshtein.distance(v, w) == 1]
        return near[0] if w not in words and len(near) == 1 else m.group(0)
    return re.sub(r"[^\W\d_]{4,}", respell, text)


def announced_list(text: str, ocr: bool = False) -> tuple[str, int | None] | None:
    """The role of the units a heading announces, and the number of the unit it names."""
    if ocr:
        text = _heading_spelling(text)
    for role, rx in _list_headings():
        m = rx.match(text)
        if m:
            if m.group("ord"):
                return role, layout._ordinals().get(lx.fold(m.group("ord")))
            return role, parse_number(m.group("num")) if m.group("num") else None
    return _level_column(text)


def _level_column(text: str) -> tuple[str, None] | None:
    """A table's header row whose first column is a level (`Compromiso   Aportes   Incorporados`):
    its rows are units of that level."""
    m = re.match(rf"^\W{{0,2}}(?P<kw>{layout.level_forms()})(?:e?s)?\s+(?P<cols>(?-i:[A-ZÁÉÍÓÚÑ%])[^.,;:]*)$", text, re.I)
    if not m or len(m.group("cols").split()) < 2 or len(text) > 90 or \
            re.search(rf"\b(?:{layout.level_forms()})\b", m.group("cols"), re.I):
        return None  # a second level column (`Hito  Actividad  Período`): a table of activities
    h = layout.header(f"{m.group('kw')} 1 X")
    return (h.level.role, None) if h else None


# a bullet (as printed, or as OCR prints one: `+`, `»`, `-`), or a letter or number and `)` / `.`


_LIST_ITEM = re.compile(r"^\W{0,1}(?:(?P<bullet>[•·●▪*+»«\-–])|(?P<num>[a-zA-Z]|\d{1,2})[).])\s+(?P<rest>[A-ZÁÉÍÓÚÑ¿\d].*)$")
# "3.2.1 Adopción del estándar ...": an item numbered by its unit's path and its own number, no mark after it
_DOTTED_ITEM = re.compile(r"^\W{0,1}(?P<num>\d{1,2}(?:\.\d{1,2}){1,2})\.?\s+(?P<rest>[A-ZÁÉÍÓÚÑ¿].*)$")
_OUTER_ROLES = frozenset({"group", "commitment", "milestone"})


def _header_of(text: str, ocr: bool, bare: set[str], own: dict[str, layout.Level]) -> layout.Header | None:
    h = layout.header(text) or layout.own_header(text, own)
    if h is None and ocr:
        h = layout.ocr_header(text, lambda t: header_number(t) if t[:1].isdigit() or t[-1:].isdigit()
                              else parse_number(t))
    if h is None:
        b = layout.bare_header(text)
        h = b if b and b.level.name in bare else None
    return h


def classify(lines: list[Line], ocr: bool = False) -> list[LineInfo]:
    """Each line's part in the layout, with the roles the document's levels play."""
    bare = layout.bare_forms_in_use([l.text for l in lines])
    own = layout.own_levels([l.text for l in lines])
    out, heads = [], []
    spaced: list[str | None] | None = None  # the columns of a table without rules, while its rows last
    table: LineInfo | None = None  # the open `|`-table's last row, which its wrapped lines carry on
    border = False
    for i, line in enumerate(lines):
        if table is not None and layout.is_rule(line.text):
            out.append(LineInfo("rule"))
            continue
        carried = layout.continued_cells(line.text, table.cells, border, ocr) if table is not None else None
        if carried:
            table.cells = carried
            out.append(LineInfo("rule"))
            continue
        table = None
        head = layout.spaced_header(line.text)
        if head:
            spaced = layout.column_names(head)
            out.append(LineInfo("row", cells=head))
            continue
        row = layout.typed_row(line.text, spaced) if spaced else None
        if not row and spaced and not (i + 1 < len(lines) and layout.typed_row(lines[i + 1].text, spaced)):
            spaced = None  # the table ended; one row a scan garbled does not end it
        if row:
            out.append(LineInfo("row", cells=row))
            continue
        found = layout.fields(line.text, ocr)
        named = layout.cells(line.text)
        if named and layout.column_names(named):  # "Act. | Descripción | Período |": a table's header row
            out.append(LineInfo("row", cells=named))
            table, border = out[-1], line.text.lstrip().startswith("|")
            continue
        h = None if found and " " in found[0].label.strip() else _header_of(line.text, ocr, bare, own)
        if h:
            out.append(LineInfo("header", header=h))
            heads.append((i, h))
            continue
        row = layout.cells(line.text) if not found else None  # "Plazo: ... | Producto: ...": fields
        if row:
            out.append(LineInfo("row", cells=row))
            table, border = out[-1], line.text.lstrip().startswith("|")
            continue
        found = found or _unlabelled_period(line.text)
        if found:
            out.append(LineInfo(found[0].name, fields=found))
            continue
        item = _LIST_ITEM.match(line.text) or _DOTTED_ITEM.match(line.text)
        announced = None if item else announced_list(line.text, ocr)
        out.append(LineInfo("item", item=item) if item else
                   LineInfo("list", announced=announced) if announced else LineInfo("text"))
    if ocr:
        _lost_dots([h for _, h in heads])
        _misread_item_marks(lines, out)
    role = layout.roles(heads)
    for info in out:
        if info.header:
            info.kind = _ROLE_KIND[role[info.header.level.name]]
    return out


def _unlabelled_period(text: str) -> list[layout.Field]:
    """`Del 15/08/2024 al 30/05/2024 | Avance: 0%`: a line that opens with a date range and nothing
    else up to the line's end, a separator or a full stop states its unit's period as a `Periodo:`
    field would; fields may follow it. A sentence that opens with a range and goes on is no such line."""
    lead = re.match(r"^\W{0,2}", text).end()
    cut = re.search(r"\s*[|;]\s*|\.\s+(?=[A-ZÁÉÍÓÚ])|$", text[lead:])
    segment = text[lead:lead + cut.start()]
    found = _period_only(segment) if len(segment) < 60 and re.search(r"\d", segment) \
        and not segment.rstrip().endswith(",") else []  # every period names a year
    if not found or found[0].start == found[0].end:
        return []
    tail = lead + cut.end()
    more = layout.fields(text[tail:])
    if cut.group(0).startswith(".") and not more:
        return []  # "Marzo a junio de 2024. Se realizaron ...": a sentence goes on
    return [layout.Field("period", segment, lead)] + [
        layout.Field(f.name, f.value, f.offset + tail, f.label, f.unit) for f in more]


# a list mark a scan misread: the dot as a comma (`2, Mesa ...`), the 1 as a letter (`L. Publicación`)
_OCR_ITEM_MARK = re.compile(r"^(\W?)(\d{1,2},|[lLI|]\.)(?=\s+[A-ZÁÉÍÓÚÑ¿])")
_ITEM_NEIGHBOURHOOD = 12  # lines within which the next or the previous item of the list stands


def _misread_item_marks(lines: list[Line], infos: list[LineInfo]) -> None:
    """A numbered list's mark a scan misread is the number the list's order gives, when the item
    before it or after it is printed with that number's neighbour (`L.` before `2.`, `2,` before
    `3.`); read in order, so that `L.` before `2,` before `3.` are 1, 2 and 3."""
    def number(i: int) -> int | None:
        item = infos[i].item if infos[i].kind == "item" else None
        num = item.group("num") if item else None
        return int(num) if num and num.isdigit() else None

    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            m = _OCR_ITEM_MARK.match(line.text)
            if not m or infos[i].kind not in ("text", "item") or number(i) is not None:
                continue
            n = 1 if m.group(2)[0] in "lLI|" else int(m.group(2)[:-1])
            after = next((number(j) for j in range(i + 1, min(len(lines), i + _ITEM_NEIGHBOURHOOD))
                          if number(j) is not None), None)
            before = next((number(j) for j in range(i - 1, max(-1, i - _ITEM_NEIGHBOURHOOD), -1)
                           if number(j) is not None), None)
            if after != n + 1 and (before is None or before != n - 1):
                continue
            item = _LIST_ITEM.match(f"{m.group(1)}{n}.{line.text[m.end():]}")
            if item:
                line.text = item.string
                infos[i] = LineInfo("item", item=item)
                changed = True


def _lost_dots(headers: list[layout.Header]) -> None:
    """On a scan, a level the document numbers with dotted paths (`Actividad 2.3.1`) printed
    with the dots lost (`Actividad 232`, `Hito 62`): its digits, one per part, are the path."""
    depths = layout.path_depths(headers, least=2)
    for h in headers:
        depth = depths.get(h.level.name)
        if not depth or not h.path or len(h.path) != 1 or not re.fullmatch(r"[1-9]{2,3}", h.token or ""):
            continue
        common, n = depth.most_common(1)[0]
        if len(h.token) == common and n >= 2:
            h.path, h.scheme = tuple(int(c) for c in h.token), "ocr_dotted"


FIELD_KINDS = frozenset(layout.grammar()["fields"])


_ABBREV = None


def first_sentence(text: str) -> str:
    global _ABBREV
    if _ABBREV is None:
        _ABBREV = {a.lower().rstrip(".") for a in lx.lexicon()["abbreviations"]}
    for m in re.finditer(r"\.(?=\s+[A-ZÁÉÍÓÚÑ¿“\"])", text):
        word = re.findall(r"[\w.]+$", text[:m.start()])
        if word and word[0].lower().rstrip(".") in _ABBREV:
            continue
        return text[:m.end()].strip()
    return text.strip()


# a phase's label before the period it states ("Fase I, primer semestre de 2025")
_PHASE_LABEL = re.compile(r"^[^\W\d_]+\s+(?:[IVX]{1,4}|\d{1,2})\s*[,:–-]\s*")


def _period_only(segment: str) -> list[FoundPeriod]:
    """The one period a segment states, when it states nothing else: months, years, semesters,
    quarters and their joining words, after a phase's label at most."""
    body = _PHASE_LABEL.sub("", segment.strip())
    words = re.findall(r"[^\W\d_]+", body.lower())
    found = find_periods(body)
    if len(found) != 1 or not words:
        return []
    period_words = lx.lexicon()["period_words"]
    return found if all(w in period_words or lx.month(w) for w in words) else []


def _stated_period(title: str) -> tuple[list[FoundPeriod], str, str]:
    """A bracket in a title, or a sentence after its first, that states a period and nothing else
    (`... desde el portal (marzo a junio de 2025)`, `Relevamiento de recorridos. Trimestre 3 2024.`):
    the period, the title without it, and the segment. A bracket with other words stays."""
    segments = [(m.start(), m.end(), m.group(1)) for m in re.finditer(r"\s*\(([^()]{4,60})\)", title)]
    # a closing sentence, tried from its longest reading: abbreviated months carry dots ("oct.–dic. 2024")
    segments += [(m.start(), len(title), title[m.end():].strip().rstrip(".;").strip())
                 for m in re.finditer(r"(?<=[.;])\s+", title) if 4 <= len(title) - m.end() <= 60]
    for start, end, inside in segments:
        found = _period_only(inside)
        if found:
            rest = (title[:start] + title[end:]).strip()
            rest = re.sub(r"\s+([.,;:])", r"\1", rest)
            return found, (rest.rstrip(" ") if rest.endswith(".") else rest.rstrip(" .")) or title, inside
    return [], title, ""


def _dated_clause(title: str) -> tuple[list[FoundPeriod], str, str]:
    """`actualización del módulo ..., realizada durante el I trimestre de 2024, con un avance del
    100%`: a title that goes on in clauses, one of which dates it in a few words besides the
    period. The period, the title before that clause, and the clauses from it on."""
    cuts = [m.start() for m in re.finditer(r",\s", title)]
    for k, cut in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else len(title)
        clause = title[cut + 1:end].strip(" .;")
        found = find_periods(clause)
        if len(found) == 1 and len(title[:cut].split()) >= 3 and \
                len(clause.replace(found[0].raw, " ").split()) <= 4:
            return found, title[:cut].rstrip(), title[cut + 1:].strip()
    return [], title, ""


def _clean_title(text: str) -> str:
    text = re.sub(r"^\W*Actividad\s*[:.]\s*", "", text.strip(), flags=re.I)
    return lx.restore_text(text.strip(" ,;:-–"))


def _virtual_hitos(lines: list[Line], infos: list[LineInfo]) -> set[int]:
    """Lines that are the description of an unnumbered hito (work-plan layout)."""
    kinds = [x.kind for x in infos]
    if "hito" in kinds or "act" not in kinds:
        return set()
    out, waiting_period = set(), False
    for i, line in enumerate(lines):
        k = kinds[i]
        if k == "act":
            waiting_period = True
        elif k == "period":
            waiting_period = False
        if k != "text" or len(line.text) < 40 or i + 1 >= len(lines) or line.text.rstrip().endswith(":"):
            continue  # (a line ending in a colon introduces what follows; it describes no hito)
        letters = [c for c in line.text if c.isalpha()]
        if RE_COMMIT_REF.search(line.text) and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
            continue  # "ANEXO. HOJA DE RUTA DEL COMPROMISO 2": a heading over the commitment's activities
        prev = kinds[i - 1] if i else "text"
        if prev in ("commit",) or (prev == "act" and not infos[i - 1].header.title):
            continue
        nxt = kinds[i + 1]
        heads = nxt == "act" or (nxt == "period" and not waiting_period)
        if heads and (prev not in FIELD_KINDS or len(line.text) >= 120):
            out.add(i)
    return out


def _take_text(lines, infos, i, virtual) -> tuple[str | None, int]:
    """The text line after i, if it is plain text (a value or a title on its own line)."""
    if i + 1 < len(lines) and infos[i + 1].kind == "text" and i + 1 not in virtual:
        return lines[i + 1].text, i + 1
    return None, i


def _description(lines, infos, i, rest) -> str | None:
    parts = [rest] if rest else []
    j = i
    while (not parts or not re.search(r"\.\s*$", parts[-1])) and j + 1 < len(lines) \
            and (infos[j + 1].kind == "text" or not parts and infos[j + 1].kind == "description") \
            and len(parts) < 4 and not (parts and _new_sentence(parts[-1], lines[j + 1].text)):
        j += 1
        parts.append(lines[j].text)
    if not parts:
        return None
    text = re.sub(r"^\W*Descripci\S*\s*[:.]\s*", "", " ".join(parts), flags=re.I)
    text = first_sentence(text)
    return lx.restore_text(text[0].upper() + text[1:]) if text else None


def _new_sentence(title: str, nxt: str) -> bool:
    """A title without a full stop, then a line opening a sentence of its own (`Los resultados
    del laboratorio se publicarán ...`): the title ended; a wrapped title goes on in lower case."""
    first = nxt.split(None, 1)[0] if nxt.strip() else ""
    return first in lx.lexicon()["sentence_openers"] and len(title.split()) >= 3


_LONE_HEADER = re.compile(r"^\W{0,3}([^\W\d_]{2,12})\s+(\d{1,2})\s*[.:]?\s*$")


def _glued_number(line: str, keyword: str) -> tuple[re.Match, int] | None:
    """`HITOT.`: a lone header whose number OCR glued to the keyword, as a look-alike or
    after a speck (`HITOi7.`)."""
    m = re.match(rf"^\W{{0,3}}{re.escape(keyword)}(?P<glued>(?:[^\W\d_](?=\d))?(?P<num>\S))\s*[.,:](?P<junk>.*)$",
                 line)
    if not m or re.search(r"[^\W\d_]{3}", m.group("junk")):
        return None
    n = parse_number(m.group("num"))
    return (m, n) if n is not None else None


_DOTTED_START = re.compile(r"^\W{0,3}([^\W\d_]{3,14})\s+(\d{1,2}(?:[.,]\d{1,2}){1,3})\.?\s+(?=[A-ZÁÉÍÓÚÑ¿])")


def _misread_dotted_headers(lines: list[Line], infos: list[LineInfo]) -> None:
    """`Acúvidad 4.2.4 Publicación ...`: a keyword misread beyond fuzzy repair before a dotted
    number of the depth the document gives one level's headers, under a path its headers
    opened, and not taken yet: the number's shape and place say which level it is, when the
    word is still near the keyword those headers print."""
    by_depth: dict[int, dict[str, list[int]]] = {}
    for i, x in enumerate(infos):
        h = x.header
        if x.kind in HEADER_KINDS and h and h.path and len(h.path) >= 2:
            by_depth.setdefault(len(h.path), {}).setdefault(h.level.name, []).append(i)
    taken = {x.header.path for x in infos if x.header and x.header.path}
    structure = lx.lexicon()["structure"]
    for i, line in enumerate(lines):
        m = _DOTTED_START.match(line.text) if infos[i].kind == "text" else None
        if not m or lx.fold(m.group(1)) in structure:
            continue
        path = layout.parse_path(m.group(2))[0]
        levels = by_depth.get(len(path) if path else 0)
        if not path or path in taken or not levels or len(levels) > 1:
            continue
        members = next(iter(levels.values()))
        if len(members) < 2 or not any(infos[k].header.path[:-1] == path[:-1] for k in members):
            continue
        keyword = _DOTTED_START.match(lines[members[0]].text)
        if not keyword or fuzz.ratio(lx.fold(m.group(1)), lx.fold(keyword.group(1))) < \
                settings.current().match.dotted_keyword:
            continue
        h = layout.header(keyword.group(1) + line.text[m.end(1):])
        if h is None or h.path != path:
            continue
        line.text = line.text[:m.start(1)] + keyword.group(1) + line.text[m.end(1):]
        infos[i] = LineInfo(infos[members[0]].kind, header=layout.header(line.text[m.start(1):]))
        taken.add(path)


def _misread_headers(lines: list[Line], infos: list[LineInfo], ocr: bool) -> None:
    """A lone `WORD N.` line shaped like the document's own lone `KEYWORD N.` headers is one.

    OCR may garble a header keyword beyond fuzzy repair (`HEUPO 1.`); when the
    document heads at least two units of one level with lone upper-case `KEYWORD N.`
    lines and the number is not taken yet, the line's shape and place decide.
    """
    if not ocr:
        return
    shaped: dict[str, list[int]] = {}
    for i, l in enumerate(lines):
        m = _LONE_HEADER.match(l.text)
        if infos[i].kind in HEADER_KINDS and m and m.group(1).isupper():
            shaped.setdefault(m.group(1), []).append(i)
    if not shaped:
        return
    keyword, rows = max(shaped.items(), key=lambda kv: len(kv[1]))
    if len(rows) < 2:
        return
    kind = infos[rows[0]].kind
    taken = {infos[i].header.number for i in rows}
    for i, line in enumerate(lines):
        glued = _glued_number(line.text, keyword) if infos[i].kind == "text" else None
        m = _LONE_HEADER.match(line.text)
        if glued and glued[1] not in taken:
            g, n = glued
            line.text = f"{line.text[:g.start('glued')]} {n}{line.text[g.end('glued'):]}"
        elif infos[i].kind == "text" and m and m.group(1).isupper() and int(m.group(2)) not in taken \
                and lx.fold(m.group(1)) not in lx.lexicon()["structure"]:
            line.text = line.text[:m.start(1)] + keyword + line.text[m.end(1):]
        else:
            continue
        h = layout.header(line.text)
        if h is None:
            continue
        infos[i] = LineInfo(kind, header=h)
        taken.add(h.number)


def _one_digit_apart(a: int, b: int, confusable: bool = True) -> bool:
    """One digit apart; with `confusable`, a digit pair scans confuse (data/ocr_forms.json)."""
    x, y = str(a), str(b)
    if confusable:
        return ocrfix.confusable(x, y)
    return len(x) == len(y) and sum(p != q for p, q in zip(x, y)) == 1


def _ink(n: int) -> int:
    ink = ocrfix.forms()["digit_ink"]
    return sum(ink[d] for d in str(n))


def _lighter(a: int, b: int) -> bool:
    """`a` differs from `b` in one digit that has less ink (scan noise adds strokes)."""
    return _ink(a) < _ink(b)


# the keyword garbled by OCR, the number after a stray mark ("comproíniso'10")
RE_GARBLED_MENTION = re.compile(r"\b([^\W\d_]{8,12})[^\w\s]?\s*(\d{1,3})\b")
_CITES_PLAN_WITHIN = 40  # characters after a mention in which a plan it belongs to is named


def commitment_mentions(text: str) -> list[tuple[int, int, bool]]:
    """(number, offset, listed) of every commitment number the text states of its own plan.

    `listed` marks numbers stated together in one plural list ("compromisos 10 y 19").
    A commitment of an earlier plan ("el compromiso número 8 del tercer PAN 2016-2018")
    is not the document's and does not count.
    """
    out = []
    for m in RE_COMMIT_MENTION.finditer(text):
        nums = [(int(m.group(2)), m.start(2))]
        if m.group(1):
            base = m.start(3)
            nums += [(int(d.group()), base + d.start()) for d in re.finditer(r"\d{1,3}", m.group(3))]
        listed = len(nums) > 1
        out.extend((n, o, listed) for n, o in nums)
    for m in RE_GARBLED_MENTION.finditer(text):
        word = lx.fold(m.group(1))
        if word not in ("compromiso", "compromisos") and Levenshtein.distance(word, "compromiso") <= 2:
            out.append((int(m.group(2)), m.start(2), False))
    earlier = plan.earlier_plans(text)
    return [x for x in out if not any(0 <= p.start - x[1] <= _CITES_PLAN_WITHIN for p in earlier)]


def consensus_headers(numbers: list[int], text: str) -> list[int]:
    """Header numbers corrected by what the rest of an OCR document states.

    A header number is replaced by a number one confusable digit away that the
    document states more often (counting the header itself), or that the document
    lists among its commitments next to another header's number while the header's
    own number is stated nowhere else. A header never takes a number another header has.
    """
    mentions = commitment_mentions(text)
    votes = Counter(n for n, _, _ in mentions)
    for n in numbers:
        votes[n] = max(votes[n], numbers.count(n))
    out = list(numbers)
    for i, h in enumerate(numbers):
        taken = set(out[:i] + numbers[i + 1:])
        cands = [c for c in votes if c not in taken and _one_digit_apart(c, h)
                 and votes[c] >= 2 and votes[c] > votes[h]]
        if cands:
            out[i] = max(cands, key=lambda c: (votes[c], -c))
    groups = _lists(text)
    for i, h in enumerate(out):
        if h != numbers[i] or h < 10 or votes[h] > numbers.count(h):
            continue  # a one-digit number shares no digit with its candidate: no evidence
        others = set(out[:i] + out[i + 1:])
        cands = {c for g in groups if others & set(g) for c in g
                 if c not in others and c not in out and _one_digit_apart(c, h, confusable=False)}
        if len(cands) == 1:
            out[i] = cands.pop()
    return out


def header_number(token: str) -> int | str:
    """The number a header prints; where OCR made a digit a letter no table maps, a pattern with `?`."""
    if token.isdigit():
        return int(token)
    digits = ocrfix.forms()["header_digits"]
    read = "".join(c if c.isdigit() else digits.get(c, "?") for c in token)
    return read if "?" in read else int(read)


def fill_unreadable(numbers: list[int | str], text: str) -> list[int | None]:
    """An unreadable header number becomes the number the document states most often that fits
    its legible digits and no other header has; None when nothing fits."""
    votes = Counter(n for n, _, _ in commitment_mentions(text))
    taken = {n for n in numbers if isinstance(n, int)}
    out: list[int | None] = []
    for n in numbers:
        if isinstance(n, str):
            shape = re.compile(n.replace("?", r"\d"))
            fits = [c for c in votes if c not in taken and shape.fullmatch(str(c))]
            n = max(fits, key=lambda c: (votes[c], -c), default=None)
            taken.add(n)
        out.append(n)
    return out


def _header_numbers(infos: list[LineInfo], heads: list[int], text: str, ocr: bool) -> list[int | None]:
    numbers = fill_unreadable([infos[i].header.number if infos[i].header.path else
                               header_number(infos[i].header.token) if infos[i].header.token else None
                               for i in heads], text)
    if not ocr:
        return numbers
    known = [n for n in numbers if n is not None]
    agreed = iter(consensus_headers(known, text))
    return _roman_headers_by_order([None if n is None else next(agreed) for n in numbers],
                                   [infos[i].header for i in heads])


def _roman_headers_by_order(numbers: list[int | None], headers: list[layout.Header]) -> list[int | None]:
    """Where a scanned document numbers its commitments in roman numerals (one header shows two
    strokes or more), a header OCR read as something else (`COMPROMISO 1418` for `III.`), or as
    letters that look like strokes (`ll`), takes its number from the nearest roman header and
    the order between them."""
    roman = [h.scheme in ("roman", "ocr_roman") and len(h.token.rstrip(".:")) >= 2 for h in headers]
    if not any(roman):
        return numbers
    printed = [h.scheme == "roman" and len(h.token.rstrip(".:")) >= 2 for h in headers]
    out = list(numbers)
    for j, h in enumerate(headers):
        if h.scheme == "roman":
            continue
        # strokes OCR made of letters (`ll` for III) yield to a numeral printed as one (`IV`)
        anchors = printed if h.scheme == "ocr_roman" else roman
        k = min((k for k in range(len(headers)) if anchors[k] and numbers[k] is not None and k != j),
                key=lambda k: abs(k - j), default=None)
        guess = numbers[k] + (j - k) if k is not None else None
        if guess and guess > 0 and guess not in out:
            out[j] = guess
    return out


def _lists(text: str) -> list[list[int]]:
    groups = []
    for m in RE_COMMIT_MENTION.finditer(text):
        if m.group(1) and m.group(3):
            groups.append([int(m.group(2))] + [int(d) for d in re.findall(r"\d{1,3}", m.group(3))])
    return groups


def parse(lines: list[Line], doc_text: str, ocr: bool = False) -> Structure:
    infos = classify(lines, ocr)
    _misread_headers(lines, infos, ocr)
    if ocr:
        _misread_dotted_headers(lines, infos)
    heads = [i for i, x in enumerate(infos) if x.kind == "commit"]
    numbers = dict(zip(heads, _header_numbers(infos, heads, doc_text, ocr)))
    found = _Reader(lines, infos, numbers, _virtual_hitos(lines, infos), ocr).read()
    _drop_remarks(found.activities)
    if not (found.commitments or found.milestones or found.activities):
        _prose_units(doc_text, found)
    _prose(doc_text, found.commitments, found.milestones)
    _under_prose_milestones(found)
    if not found.activities:
        found.activities.extend(_prose_activities(doc_text, found.milestones))
    elif found.milestones and all(h.label == "prose" for h in found.milestones):
        known = {_activity_key(a) for a in found.activities}  # a news text lists some, names the rest in prose
        found.activities.extend(a for a in _prose_activities(doc_text, found.milestones, apposed_only=True)
                                if _activity_key(a) not in known)
    _default_commitment(doc_text, found.commitments, found.milestones, found.activities, ocr)
    _month_grid(lines, found.activities)
    _remarks_by_number(doc_text, found.activities)
    _infer_milestone_numbers(found.milestones, found.activities)
    _implied_milestones(found.milestones, found.activities)
    if ocr:
        _lost_prose_dots(found.milestones)
        _roman_by_order(found.milestones, key=lambda h: h.commitment)
        _roman_by_order(found.activities, key=activity_list)
        _misread_numbers(found.milestones, key=lambda h: h.commitment)
        _misread_numbers(found.activities, key=activity_list, by_order=True)
    return found


_MONTH_INITIALS = "efmamjjasond"


def _month_columns(cells: list[str]) -> list[int] | None:
    """The months a schedule's header names, one a column (`E | F | M | ...`, `Ene | Feb | ...`),
    in calendar order from the first."""
    if len(cells) < 6:
        return None
    firsts = "".join(lx.fold(c)[:1] for c in cells)
    if any(len(c) > 4 or (len(c) > 1 and lx.month(c) is None) for c in cells):
        return None
    start = (_MONTH_INITIALS * 2).find(firsts)
    return [(start + k) % 12 + 1 for k in range(len(cells))] if 0 <= start < 12 else None


def _month_grid(lines: list[Line], activities: list[Item]) -> None:
    """A schedule of months marked with X (`| 1.1.2 |   | X | X |`): each run of marked months is
    a period of the activity the row's code names, in the year the lines above the table state."""
    months = year = None
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.text.strip().strip("|").split("|")] if line.text.count("|") >= 6 else []
        if not cells:
            months = None
            continue
        header = _month_columns(cells[1:])
        if header:
            months = header
            above = " ".join(l.text for l in lines[max(0, i - 3):i])
            found = re.findall(r"\b(19\d\d|20\d\d)\b", above)
            year = int(found[-1]) if found else None
            continue
        if months is None or year is None:
            continue
        path = layout.parse_path(cells[0])[0]
        marks = [bool(re.fullmatch(r"[xX✓✔■●]+", c)) for c in cells[1:1 + len(months)]]
        if not path or not any(marks):
            continue
        target = next((a for a in activities if a.number == path[-1] and not a.periods and (
            len(path) < 2 or a.milestone_number == path[-2]) and (len(path) < 3 or a.commitment == path[-3])), None)
        if target is None:
            continue
        runs, k = [], 0
        while k < len(marks):
            if marks[k]:
                j = k
                while j + 1 < len(marks) and marks[j + 1] and months[j + 1] == months[j] + 1:
                    j += 1
                runs.append((months[k], months[j]))
                k = j + 1
            else:
                k += 1
        target.periods = [FoundPeriod(f"{year}-{a:02d}", f"{year}-{b:02d}", line.text, 0) for a, b in runs]
        target.period_start = line.start


def activity_list(a: Item) -> tuple:
    """The list an activity is numbered in: its hito's, as its dotted number states or as the
    reading order gives it."""
    if a.milestone_number is not None:
        return a.commitment, a.milestone_number
    hito = a.milestone
    return a.commitment, hito.number if hito is not None and hito.number is not None else id(hito)


def _row_heads(infos: list[LineInfo]) -> set[int]:
    """The first parts of the dotted numbers that open table rows, as printed without a `1`
    before them (a scan reads the bar before a cell as one)."""
    heads = set()
    for x in infos:
        m = re.match(r"^\W*(\d{1,3})[.,]\d", x.cells[0][0]) if x.kind == "row" and x.cells else None
        if m and not (m.group(1).startswith("1") and len(m.group(1)) >= 2):
            heads.add(int(m.group(1)))
    return heads


class _Reader:
    """One pass over the lines: each header opens its item, fields and text fill the open one,
    and the rows of a table under a header row are items of their own."""

    def __init__(self, lines: list[Line], infos: list[LineInfo], numbers: dict[int, int | None],
                 virtual: set[int], ocr: bool = False):
        self.lines, self.infos, self.numbers, self.virtual, self.ocr = lines, infos, numbers, virtual, ocr
        self.row_heads = _row_heads(infos) if ocr else set()
        self.found = Structure([], [], [])
        self.commit: int | None = None
        self.hito: Item | None = None
        self.act: Item | None = None
        self.columns: list[str | None] | None = None
        self.row_kind = "act"
        self.skip: set[int] = set()
        self.keyworded_activities = any(x.kind == "act" for x in infos)
        self.announced = False  # a heading ("Actividades:") announced the list that follows
        self.milestone_list = False  # a heading ("Hitos") announced a list of milestones
        self.notes = False  # a heading ("Notas") announced items that are no units
        self.commitment_list = False  # a table's header row announced rows of commitments
        self.listed: Item | None = None  # the activity a list item opened
        self.outer: int | None = None  # the last number of a list read outside any unit
        self.inner_items = False  # the open unit has numbered items of its own
        # a document that names its units hitos and never activities, yet heads no hito: the
        # items listed under its commitments are those hitos ("a) Publicación ... Estado: ...")
        words = {lx.fold(w) for line in lines for w in re.findall(r"[^\W\d_]{4,}", line.text)}
        self.items_are_milestones = bool(words & {"hito", "hitos"}) and not words & {"actividad", "actividades"} \
            and not any(x.kind == "hito" for x in infos)

    def read(self) -> Structure:
        for i, line in enumerate(self.lines):
            if i in self.skip:
                continue
            info = self.infos[i]
            k = info.kind
            if k not in ("row", "rule") and not any(x.kind in ("row", "rule")
                                                    for x in self.infos[i + 1:i + (3 if self.ocr else 2)]):
                self.columns = None  # the table ended (a line inside it may be a garbled row; two, on a scan)
            if k == "rule":
                continue  # a table's rule, or a line its row above wrapped onto (read with that row)
            if k != "item":
                self.commitment_list = False
            elif self._resumes_outer_list(info.item):
                self._close()  # "4. Presentación del tablero" after "3. Seguimiento al Compromiso 3": its hitos end
                self.hito = self.act = None
            if k == "commit":
                self._close()
                self._commitment(i, line, info.header)
            elif k == "group":
                self._close()
                self.hito = self.act = None
            elif k == "hito" or i in self.virtual:
                self._close()
                self._milestone(i, line, info.header if k == "hito" else None)
            elif k == "act":
                self._close()
                self._activity(i, line, info.header)
            elif k == "row":
                self._row(i, line, info.cells)
            elif k == "item" and self.commitment_list and info.item.group("num"):
                self._listed_commitment(line, info.item)
            elif k == "item" and self.milestone_list:
                self._close()
                self._listed_milestone(i, line, info.item)
            elif k == "item" and self._is_listed_unit(i, info):
                self._close()
                if self.items_are_milestones and self.commit is not None:
                    self.act = None
                    self._listed_milestone(i, line, info.item)
                else:
                    self._listed_activity(i, line, info.item)
            elif k == "list":
                self._announce(*info.announced)
            elif (k in FIELD_KINDS or k == "text") and self.act is None and self.hito is not None \
                    and RE_COMMIT_REF.search(line.text) and "%" in line.text:
                continue  # "Avance ponderado del Compromiso N.° 4: 56,7 %": the commitment's, not its last hito's
            elif k in FIELD_KINDS and info.fields[0].unit in _OUTER_ROLES:
                if self.hito is not None:  # "Avance del hito: 65 %": the hito's, not its open activity's
                    self.hito.text.append(line.text)
            elif k in FIELD_KINDS:
                if self.act is None and self.hito is not None:
                    self.hito.text.append(line.text)  # "Estado: Completado. Avance: 100 %" of the hito itself
                for f in info.fields:
                    self._field(i, line, f)
            else:
                if _ORDINAL_HITO_OPENS.match(line.text) and self.hito is None:
                    self._close()  # "El segundo hito, ...": the text goes on to another hito, named in prose
                    self.act = None
                text = self._inline(i, line, line.text, 0) if self.act else line.text
                (self.act or self.hito or Item("none", None, None, 0, 0)).text.append(text)
                if self.act is not None and self.act.progress_text and k == "text" and self._remark_open(i):
                    self.act.notes.append(text)  # "Avance: 100 %" then "La traducción será realizada ...": what the figure rests on
        self._close()
        return self.found

    def _remark_open(self, i: int) -> bool:
        """The line goes on from the progress field by plain lines only, within the sentence that
        opened after it: a remark on the figure, not a paragraph about the unit as a whole."""
        j = i - 1
        while j >= 0 and self.infos[j].kind == "text":
            if re.search(r"[.!?]$", self.lines[j].text.strip()):
                return False  # the remark's sentence ended: what follows is a new paragraph
            j -= 1
        return j >= 0 and self.infos[j].kind == "progress"

    def _resumes_outer_list(self, item: re.Match) -> bool:
        """A numbered item that continues the list read outside any unit (an agenda, a report's
        sections), where the open unit numbered no items of its own: the unit has ended."""
        num = item.group("num") if item else None
        number = int(num.rstrip(".")) if num and num.rstrip(".").isdigit() else None
        if self.hito is None and self.act is None:
            self.outer, self.inner_items = number if number is not None else self.outer, False
            return False
        if number is None:
            return False
        if self.inner_items or self.outer is None or number != self.outer + 1:
            self.inner_items = True
            return False
        self.outer = number
        return True

    def _is_listed_unit(self, i: int, info: LineInfo) -> bool:
        """A list item is an activity where the document heads none with a keyword, the item
        hangs under a commitment or milestone (or beside another such item), and fields
        describe it: on its line, or on the next."""
        rest = info.item.group("rest")
        path = layout.parse_path(info.item.group("num") or "")[0]
        if path and len(path) > 1 and not self._under_open_unit(path[:-1]):
            return False  # "2.1 Antecedentes": a section's number, not the open hito's
        keyed = re.match(r"(\d{1,2}(?:\.\d{1,2}){1,2})\s*:", rest)
        if keyed and self._known_activity(tuple(int(p) for p in keyed.group(1).split("."))):
            return False  # "- 2.1.1: SIAPA. Entregable: ...": a remark keyed to a row read already
        if self.notes or self.keyworded_activities or (self.hito is None and self.commit is None
                                         and layout.inline_fields(rest) is None):
            return False  # under no unit, only an item that carries its own fields is an activity
        if self.act is not None and self.act is not self.listed:
            return False
        nxt = self.infos[i + 1].kind if i + 1 < len(self.infos) else "text"
        return self.announced or layout.inline_fields(rest) is not None or nxt in FIELD_KINDS

    def _under_open_unit(self, prefix: tuple[int, ...]) -> bool:
        """The path printed before an item's own number is that of the open hito (`3.2` under
        Hito 3.2, `2` under Hito 2)."""
        if self.hito is None:
            return False
        return (self.commit, self.hito.printed)[-len(prefix):] == prefix or \
            (self.commit, self.hito.number)[-len(prefix):] == prefix

    def _known_activity(self, path: tuple[int, ...]) -> bool:
        def own(a: Item) -> tuple:
            milestone = a.milestone_number if a.milestone is None else a.milestone.number
            return (a.commitment, milestone, a.number)[-len(path):]
        return any(own(a) == path for a in self.found.activities)

    def _listed_activity(self, i: int, line: Line, item: re.Match) -> None:
        rest = item.group("rest")
        inline = layout.inline_fields(rest)
        title = rest[:inline[0]].strip() if inline else rest
        path = layout.parse_path(item.group("num"))[0] if item.group("num") else None
        number = path[-1] if path else None
        self.act = Item("activity", number, number, line.start, line.end, title=_clean_title(title),
                        commitment=self.commit, milestone=self.hito, label=line.text[:item.start("rest")].strip())
        self.listed = self.act
        self.found.activities.append(self.act)
        if inline:
            self._inline(i, line, rest, item.start("rest"))

    def _announce(self, role: str, parent: int | None) -> None:
        """A heading announced a list of milestones or of activities; the activities hang under
        the milestone it names, if the document has it."""
        self._close()
        self.act = None
        self.milestone_list, self.announced = role == "milestone", role == "activity"
        self.commitment_list = role == "commitment"
        self.notes = role == "none"
        named = [m for m in self.found.milestones if parent is not None and m.number == parent
                 and m.commitment == self.commit]
        if named:
            self.hito = named[-1]

    def _listed_commitment(self, line: Line, item: re.Match) -> None:
        """A row of a table of commitments: its number and its title, without the figures after it."""
        path = layout.parse_path(item.group("num"))[0]
        title = re.sub(r"(?:\s+[\d.,]+\s*%?)+\s*$", "", item.group("rest")).strip()
        if path and len(path) == 1 and not any(c.number == path[0] for c in self.found.commitments):
            self.found.commitments.append(Item("commitment", path[0], path[0], line.start, line.end,
                                               title=title, label="row"))

    def _listed_milestone(self, i: int, line: Line, item: re.Match) -> None:
        """An item of a milestone list: numbered as printed, else by its order under the commitment."""
        rest = item.group("rest")
        inline = layout.inline_fields(rest)
        path = layout.parse_path(item.group("num"))[0] if item.group("num") else None
        order = sum(1 for m in self.found.milestones if m.commitment == self.commit) + 1
        self.hito = Item("milestone", path[-1] if path else order, path[-1] if path else None,
                         line.start, line.end, commitment=self.commit,
                         title=_description(self.lines, self.infos, i, rest[:inline[0]] if inline else rest),
                         label=line.text[:item.start("rest")].strip())
        self.hito.text.append(rest)
        self.found.milestones.append(self.hito)

    def _next_text(self, i: int) -> str | None:
        """The plain-text line after i, taken (skipped later) as this line's value or title."""
        text, j = _take_text(self.lines, self.infos, i, self.virtual)
        if text:
            self.skip.add(j)
        return text

    def _close(self) -> None:
        """The open activity's start and end fields become its period; with no period field, a
        bracket or closing sentence of its title that states only a period (`_stated_period`)."""
        a = self.act
        if a is not None and (a.start_text or a.end_text) and not a.periods:
            found = span_period(a.start_text, a.end_text)
            if found:
                if a.end_text and a.end_text in a.span_raw:
                    found.raw = a.span_raw[:a.span_raw.index(a.end_text) + len(a.end_text)]
                a.periods = [found]
                a.period_start = a.start_text_at
        if a is not None and not a.periods and a.title:
            a.periods, a.title, inside = _stated_period(a.title)
            if not a.periods:
                a.periods, a.title, inside = _dated_clause(a.title)
                if a.periods:  # what follows the title ("..., con un avance del 100%") is still the item's
                    a.text.insert(0, inside)
            if a.periods:  # the provenance: where the title printed it, on the activity's line or the next
                for line in self.lines[bisect_left(self.lines, a.start, key=lambda l: l.start):]:
                    if line.start >= a.end + 400:
                        break
                    if inside[:12] in line.text:
                        a.period_start = line.start + line.text.index(inside[:12])
                        break

    def _span(self, a: int, b: int) -> str:
        """The document's text from offset `a` to `b`, out of its lines; "" where lines the reader
        does not see (a page's footer) lie between."""
        inside = [l for l in self.lines if l.start < b and l.start + len(l.text) > a]
        if any(n.start != p.start + len(p.text) + 1 for p, n in zip(inside, inside[1:])):
            return ""
        return "\n".join(l.text[max(a - l.start, 0):b - l.start] for l in inside)

    def _hito_range(self, h: Item, name: str, value: str, at: int) -> None:
        """A hito's own start, end or period (its fields, or its row's cells): the range it is planned
        for, kept apart from its activities' periods."""
        if name == "period" and not h.periods:
            h.periods, h.period_start = find_periods(value), at
        elif name in ("start", "end"):
            setattr(h, f"{name}_text", value)
            if name == "start":
                h.start_text_at = at
            if h.start_text and h.end_text and not h.periods:
                found = span_period(h.start_text, h.end_text)
                if found:  # quoted from the start's value to the end's, where the two are near
                    span = self._span(h.start_text_at, at + len(value)) if name == "end" else ""
                    found.raw = span if span and span.count("\n") <= 1 else h.start_text
                    h.periods, h.period_start = [found], h.start_text_at

    def _commitment(self, i: int, line: Line, h: layout.Header) -> None:
        self.announced = self.milestone_list = self.notes = False
        title = h.title or self._next_text(i)
        self.commit = self.numbers[i]
        if self.commit is not None:
            printed = h.number if h.path else header_number(h.token)
            self.found.commitments.append(Item(
                "commitment", self.commit, printed if isinstance(printed, int) else None,
                line.start, line.end, title=title and lx.restore_text(title), label="header"))
        self.hito = self.act = None

    def _milestone(self, i: int, line: Line, h: layout.Header | None) -> None:
        self.announced = self.milestone_list = self.notes = False
        printed = h.number if h else None
        rest = h.title if h else line.text
        if h and h.path and len(h.path) >= 2:
            self.commit = h.path[-2]
        if self.ocr and isinstance(printed, int) and printed >= 10 and printed % 10 == 1 and \
                printed // 10 == 1 + max((m.number or 0 for m in self.found.milestones if m.commitment == self.commit), default=0):
            printed //= 10  # "Hito 4.21" after Hito 4.1: the bar after the number read as a 1
        self.hito = Item("milestone", printed, printed, line.start, line.end,
                         title=_description(self.lines, self.infos, i, rest), commitment=self.commit,
                         label=line.text[:h.title_offset].strip(" .:-–") if h else "",
                         scheme=h.scheme if h else "")
        self.found.milestones.append(self.hito)
        self.act = None

    def _inline(self, i: int, line: Line, text: str, base: int) -> str:
        """Fields that follow a sentence on the line (`... Calendario: del 4 al 12 de abril`):
        they fill the open item; the text before them is returned."""
        found = layout.inline_fields(text)
        if not found:
            return text
        cut, fs = found
        for k, f in enumerate(fs):  # the last label may close the line, its value below it
            self._field(i, line, layout.Field(f.name, f.value, base + f.offset, f.label, f.unit),
                        below=k == len(fs) - 1)
        return text[:cut].strip()

    def _parents(self, path: tuple[int, ...] | None) -> tuple[int | None, int | None]:
        """An activity's commitment and milestone number as its dotted number states them
        (`2.1.3`: commitment 2, milestone 1; `1.3`: milestone 1 under an open hito, else
        commitment 1), else the open commitment."""
        if path and len(path) >= 3:
            return path[-3], path[-2]
        if path and len(path) == 2:
            return (self.commit, path[-2]) if self.hito is not None else (path[-2], None)
        return self.commit, None

    def _activity(self, i: int, line: Line, h: layout.Header) -> None:
        inline = layout.inline_fields(h.title)
        title = h.title[:inline[0]].strip() if inline else h.title
        if not re.sub(r"(?i)^\W*actividad\W*", "", title):
            title = self._next_text(i)
        printed = h.number
        commit, milestone_number = self._parents(h.path)
        hito = self.hito
        if hito is not None and milestone_number is not None and hito.number != milestone_number:
            hito = None
        self.act = Item("activity", printed, printed, line.start, line.end,
                        title=_clean_title(title) if title else None, commitment=commit,
                        milestone=hito, label=line.text[:h.title_offset].strip(" .:-–"),
                        milestone_number=milestone_number, scheme=h.scheme)
        self.found.activities.append(self.act)
        if inline:
            self._inline(i, line, h.title, h.title_offset)

    def _without_bar(self, cell: str) -> str:
        """`17.1.2` or `1 7.1.2` where the table's other rows number `7.1.3`, `7.2`, or under
        Compromiso 7: the bar before the cell read as a `1`, glued to the number or beside it."""
        m = re.match(r"^(\W*)1(\s?)(\d{1,2})(?=[.,]\d)", cell)
        if not m:
            return cell
        known = self.row_heads | ({self.commit} if self.commit is not None else set())
        if int(m.group(3)) in known and (m.group(2) or int("1" + m.group(3)) not in known):
            return m.group(1) + cell[m.start(3):]
        return cell

    def _path_in_context(self, cell: str, path: tuple[int, ...] | None) -> tuple[int, ...] | None:
        """A row's number a scan garbled (`17.1.1`, `141.31`, `171,2`, `1 4.2 1` under Hito 7.1, 4.1,
        4.2: a bar read as `1` beside it, dots lost or read as spaces): where the path read does
        not lie under the open hito, but its digits are the hito's path with at most a `1` before
        and after it, the path is the hito's with the number next in its list."""
        hito = self.hito
        if hito is None or hito.number is None or hito.commitment is None:
            return path
        prefix = (hito.commitment, hito.number)
        if path and (len(path) == 3 and path[:2] == prefix or len(path) == 2 and path[0] == prefix[0]
                     or len(path) not in (2, 3)):
            return path  # under the open hito, or a hito of the open commitment
        expected = 1 + sum(1 for a in self.found.activities if a.milestone is hito)
        if path and len(path) == 3 and path[0] == prefix[0] and path[2] == expected and path[1] != prefix[1] \
                and _one_digit_apart(path[1], prefix[1], confusable=False):
            return (*prefix, expected)  # "4.3.2" as the second row under Hito 4.1: its middle digit misread
        if path and len(path) == 3 and path[1:] == (prefix[1], expected) and path[0] != prefix[0] \
                and expected >= 2 and _one_digit_apart(path[0], prefix[0], confusable=False):
            return (*prefix, expected)  # "4.2.2" after row 1.2.1 under Hito 1.2: its first digit misread
        digits, want = re.sub(r"\D", "", cell), f"{prefix[0]}{prefix[1]}"
        at = digits.find(want)
        before, after = (digits[:at], digits[at + len(want):]) if at >= 0 else ("", "")
        if at < 0 or before not in ("", "1") or not after or len(after) > 2:
            return path
        options = {int(after)} | ({int(after[:-1])} if len(after) == 2 and after.endswith("1") else set())
        return (*prefix, expected) if expected in options else path

    def _row(self, i: int, line: Line, cells: list[tuple[str, int]]) -> None:
        names = layout.column_names(cells)
        if names:
            self.columns = names
            title_word = next((lx.fold(c) for (c, _), n in zip(cells, names) if n in ("number", "title")
                               and _hito_column(c, self.ocr)), lx.fold(cells[names.index("title")][0]))
            self.row_kind = ("hito" if _hito_column(title_word, self.ocr) else
                             "mixed" if "/" in title_word else "act")
            return
        if not self.columns:
            return
        if len(cells) < len(self.columns) and self.columns[0] == "number":
            cells = _split_number_cell(cells)
        values = _cell_values(self.columns, cells)
        title = values.get("title", ("", 0))[0]
        if not title:
            return
        if self.ocr and "number" in values:
            values["number"] = (self._without_bar(values["number"][0]), values["number"][1])
        elif self.ocr:
            title = self._without_bar(title)
        path = _cell_path(values["number"][0]) if "number" in values else None
        numbered = re.match(r"(\d{1,3}(?:[.,]\d{1,3})+)\.?\s+(\S.*)", title) if not path else None  # `4.1,2`: a scan's comma
        if numbered:  # "| 5.2 Publicación mensual ... |": the number opens the title cell
            path, title = layout.parse_path(numbered.group(1))[0], numbered.group(2)
        unit = layout.bare_header(title)
        if self.ocr and not unit and "number" in values:
            path = self._path_in_context(values["number"][0], path)
        number = path[-1] if path else None
        heading = self.row_kind == "mixed" and path and len(path) == 2 and (
            set(values) <= {"number", "title"} or self._opens_rows_under(i, path))
        if unit and unit.level.role == "milestone" or self.row_kind == "hito" or heading:
            # a table of hitos, or a hito row of a mixed table ("| 2.1 | HITO: Simplificación ... |")
            self.hito = Item("milestone", number, number, line.start, line.end,
                             title=first_sentence(unit.title if unit else title),
                             commitment=path[-2] if path and len(path) >= 2 else self.commit, label=title)
            # the row's other cells (its dates, progress, status) are what the hito says of itself
            self.hito.text += [text for name, (text, _) in values.items() if name not in ("number", "title") and text]
            for name in ("period", "start", "end"):
                if values.get(name, ("", 0))[0]:
                    self._hito_range(self.hito, name, values[name][0], line.start + values[name][1])
            self.found.milestones.append(self.hito)
            return
        commit, milestone_number = self._parents(path)
        self.act = Item("activity", number, number, line.start, line.end, title=_clean_title(title),
                        commitment=commit, milestone=self.hito, label=line.text,
                        milestone_number=milestone_number)
        self.found.activities.append(self.act)
        for name in ("period", "start", "end", "progress"):  # the cells fill it as field lines would
            if values.get(name, ("", 0))[0]:
                text, off = values[name]
                self._field(-1, line, layout.Field(name, text, off), below=False)
        self._close()
        self.act = None

    def _opens_rows_under(self, i: int, path: tuple[int, ...]) -> bool:
        """The next row's number continues this row's (`7.1` then `7.1.1`): a hito row of a
        mixed table, whatever its other cells hold."""
        j = i + 1
        while j < min(i + 3, len(self.infos)) and self.infos[j].kind == "text" and len(self.lines[j].text) < 20:
            j += 1  # a speck's line between two rows
        nxt = self.infos[j] if j < len(self.infos) else None
        if not nxt or nxt.kind != "row" or not nxt.cells:
            return False
        below = _cell_path(self._without_bar(nxt.cells[0][0]) if self.ocr else nxt.cells[0][0])
        return bool(below) and len(below) == len(path) + 1 and below[:len(path)] == path

    def _field(self, i: int, line: Line, f: layout.Field, below: bool = True) -> None:
        value = f.value
        if len(value) <= 2 and not re.fullmatch(r"\d%?", value):
            value = ""  # a speck after the label ("Temporalidad A"): the value is below; "0%" is one
        vstart = line.start + f.offset if value else line.start
        if not value and below:
            value = self._next_text(i)
            if value:
                vstart = self.lines[i + 1].start
        if self.act is None and self.hito is not None and value and f.name in ("period", "start", "end"):
            self._hito_range(self.hito, f.name, value, vstart)  # "Fecha de inicio:" under a hito, no activity
            return
        if self.act is None or not value:
            return
        a = self.act
        if f.name == "period" and not a.periods:
            a.periods = find_periods(value)
            a.period_start = vstart
        elif f.name in ("start", "end"):
            setattr(a, f"{f.name}_text", value)
            if f.name == "start":
                a.start_text_at = vstart
                at = line.text.find(f.label) if f.label else -1
                a.span_raw = line.text[at if at >= 0 else vstart - line.start:]  # to the end value
                a.start_text_at = line.start + at if at >= 0 else vstart
        elif f.name == "product":
            a.product = value
        elif f.name == "verification":
            a.verification = value
        elif f.name == "progress" and not a.progress_text:  # a second one is a unit whose header went unread
            a.progress_text = value
        elif f.name == "status" and not a.progress_text:  # "Estado: En ejecución – 60 %"
            pct = re.search(r"\d{1,3}(?:[.,]\d+)?\s?%", value)
            a.progress_text = value[pct.start():] if pct else ""
        elif f.name in ("notes", "description"):
            a.notes.append(value)
        if f.name not in ("progress", "status") and not a.progress_text:
            stated = _progress_patterns()[0].search(value)  # "Periodo: I semestre 2024 (avance 100%)"
            if stated:
                a.progress_text = value[stated.start(1):]


def _cell_path(text: str) -> tuple[int, ...] | None:
    """The path a number cell states, the specks a scan leaves around it (`'2,2.1`, `2.1.3/`) aside."""
    text = text.strip("'\"!/|[]¡")
    text = re.sub(r"(?<=\d) (?=[.,]\d)|(?<=\d[.,]) (?=\d)", "", text)  # "4 .2.2": a space OCR put by a dot
    return layout.parse_path(text)[0] if text else None


_PERCENT_CELL = re.compile(r"^\W{0,2}\d{1,3}(?:[.,]\d{1,2})?\s?%\W{0,2}$")
_TRAILING_PERCENT = re.compile(r"\s+(\d{1,3}(?:[.,]\d{1,2})?\s?%)\W{0,2}$")


def _hito_column(name: str, ocr: bool) -> bool:
    """A header cell that names hitos (`Hitos`, `Meta`), or on a scan one a letter misread (`Hita`)."""
    w = lx.fold(name).rstrip("s")
    return w in ("hito", "meta") or ocr and any(layout.substituted(w, k) and w[:1] == k[:1] for k in ("hito", "meta"))


def _cell_values(columns: list[str | None], cells: list[tuple[str, int]]) -> dict[str, tuple[str, int]]:
    """Cells by column name. A scanned row that lost bars has fewer cells than the header: up to
    the title they are read in order; after it, a cell that is only a percentage is the progress,
    one that is a period the period (its trailing percentage the progress, where the bar between
    them was lost), and the others fill the remaining columns in order."""
    if len(cells) >= len(columns) or "title" not in columns:
        return {name: cell for name, cell in zip(columns, cells) if name}
    lead = columns.index("title") + 1
    values = {name: cell for name, cell in zip(columns[:lead], cells[:lead]) if name}
    rest: list[tuple[str, int]] = []
    for text, off in cells[lead:]:
        tail = _TRAILING_PERCENT.search(text)
        if _PERCENT_CELL.match(text) and "progress" in columns and "progress" not in values:
            values["progress"] = (text, off)
        elif "period" in columns and "period" not in values and find_periods(text):
            values["period"] = (text[:tail.start()] if tail else text, off)
            if tail and "progress" in columns and "progress" not in values:
                values["progress"] = (tail.group(1), off + tail.start(1))
        else:
            rest.append((text, off))
    free = [name for name in columns[lead:] if name and name not in values and name not in ("period", "progress")]
    values.update({name: cell for name, cell in zip(free, rest)})
    return values


def _split_number_cell(cells: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A row one cell short whose first cell opens with the number (`2.1.3/ Aprobación`,
    `2.3.1 1 Consulta`): the bar between them was lost or misread."""
    first, off = cells[0]
    m = _NUMBER_THEN_TITLE.match(first)
    if not m:
        return cells
    return [(m.group("num"), off + m.start("num")), (m.group("title"), off + m.start("title"))] + cells[1:]


_NUMBER_THEN_TITLE = re.compile(r"^\W?(?P<num>\d{1,3}(?:[.,]\d{1,3})+)\W?\s+(?:[1lI|!/]\s+)?(?P<title>[^\W\d_].*)$")


@lru_cache(maxsize=1)
def _prose_activity() -> re.Pattern:
    """`La actividad 4.1.2, "Migración del historial ...", ...`: an activity a report names in
    its prose by its dotted number and quoted title, or by a title set between commas (`La
    Actividad 3.1, conformación de los comités, ...`); the keywords are the grammar's, not as
    part of another level's name (`Línea de acción 2.3`)."""
    kw = "|".join(re.escape(f.rstrip(".")) for level in layout.grammar()["levels"]
                  if level["role"] == "activity" for f in level["forms"] if " " not in f)
    return re.compile(rf"(?<!\bde\s)\b(?:{kw})\s+(\d{{1,2}}(?:\.\d{{1,2}}){{1,2}})(?:\s*,?\s*[«\"“](?P<title>[^»\"”\n]{{8,}})[»\"”]"
                      rf"|\s*,\s*(?P<apposed>(?-i:[a-záéíóúñ])[^,;:.\n()«\"“]{{8,120}}?)\s*,)", re.I)


@lru_cache(maxsize=1)
def _activity_reference() -> re.Pattern:
    """A later passage naming an activity by its dotted number: in prose ("Respecto de la actividad
    6.2.1, ...") or as a keyed line ("• 2.3: ..."); the keywords are the grammar's activity levels."""
    kw = "|".join(re.escape(f.rstrip(".")) for level in layout.grammar()["levels"]
                  if level["role"] == "activity" for f in level["forms"] if " " not in f)
    return re.compile(rf"(?:\b(?:{kw})\.?\s+|^[ \t]*[•·▪◦*-][ \t]*)(?P<path>\d{{1,2}}(?:\.\d{{1,2}}){{1,2}})\b(?![.,]\d)"
                      r"(?P<key>[ \t]*:)?", re.I | re.M)


def _drop_remarks(activities: list[Item]) -> None:
    """`1. Act. 1.2.2: se publicaron 4 de los 10 ...` after the table that lists activity 1.2.2:
    a remark on that activity (read by `_remarks_by_number`), not a second one; a header's
    title opens with a capital, a remark's sentence goes on in lower case."""
    seen = set()
    for a in list(activities):
        key = _activity_key(a)
        if key in seen and a.title and a.title[0].islower() and None not in key:
            activities.remove(a)
        seen.add(key)


def _remarks_by_number(text: str, activities: list[Item]) -> None:
    """What a report says elsewhere about a numbered activity (a minute's remark, a bullet of
    observations) is part of the statement its progress rests on: it goes to the activity's notes.
    A number is matched against the activities found, whichever way their levels were numbered."""
    def named(path: list[int]) -> Item | None:
        if len(path) == 3:
            hits = [a for a in activities if a.commitment == path[0] and a.number == path[2]
                    and (a.milestone_number if a.milestone is None else a.milestone.number) == path[1]]
        else:
            hits = [a for a in activities if a.number == path[1] and (
                (a.milestone is None and a.milestone_number is None and a.commitment == path[0])
                or (a.milestone_number if a.milestone is None else a.milestone.number) == path[0])]
        return hits[0] if len(hits) == 1 else None

    for m in _activity_reference().finditer(text):
        if any(a.start <= m.start() < a.end for a in activities):  # an activity's own header
            continue
        if m.group(0).lstrip()[:1] in "•·▪◦*-" and not m.group("key"):  # a bullet must key its remark
            continue
        act = named([int(p) for p in m.group("path").split(".")])
        remark = first_sentence(text[m.end():m.end() + 400].split("\n\n")[0]).lstrip(" ,:;-–")
        if act is not None and remark:
            act.notes.append(" ".join(remark.split()))


def _activity_key(a: Item) -> tuple:
    return a.commitment, a.milestone_number if a.milestone is None else a.milestone.number, a.number


def _under_prose_milestones(found: Structure) -> None:
    """`Actividad 1.2: ...` under no hito header, in a text that names its hitos in prose (`El primer
    hito ...`) and heads no commitment 1: the dotted number is hito 1's, not commitment 1's."""
    headed = {c.number for c in found.commitments if c.label == "header"}
    for a in found.activities:
        if a.milestone is not None or a.milestone_number is not None or a.commitment in headed or \
                not re.search(rf"\b{a.commitment}\.{a.number}\b", a.label or ""):
            continue
        hitos = [h for h in found.milestones if h.label == "prose" and h.number == a.commitment]
        if len(hitos) == 1:
            a.milestone, a.milestone_number, a.commitment = hitos[0], hitos[0].number, hitos[0].commitment


def _prose_activities(text: str, milestones: list[Item], apposed_only: bool = False) -> list[Item]:
    """Activities named in prose, each with its sentence (and the next, when it goes on about
    "esta actividad") as the text its progress and period are read from. `apposed_only`: those
    beside a list of others (a news text lists one hito's, names the next hitos' in prose), by
    a title between commas under a hito the text names."""
    out = []
    for m in _prose_activity().finditer(text):
        path = [int(p) for p in m.group(1).split(".")]
        title = "title" if m.group("title") else "apposed"
        if apposed_only and title == "title":
            continue
        stop = _sentence_end(text, m.end(title))
        follow = re.match(r"\s*([^.\n]*\besta actividad\b[^.\n]*\.)", text[stop:], re.I)
        sentence = text[m.end(title):stop] + (" " + follow.group(1) if follow else "")
        commitment, hito = (path[0], path[1]) if len(path) == 3 else (None, path[0])
        parents = [h for h in milestones if h.number == hito and (commitment is None or h.commitment in (commitment, None))]
        parent = parents[0] if len(parents) == 1 or commitment is not None and parents else None
        if title == "apposed" and parent is None:
            continue  # "la actividad 2.1, ..." without the hito it belongs to: a passing reference
        item = Item("activity", path[-1], path[-1], m.start(), m.end(), title=lx.restore_text(
                        " ".join(m.group(title).split())), milestone=parent, milestone_number=hito, label=m.group(0),
                    commitment=commitment if commitment is not None else parent.commitment if parent else None)
        item.text.append(sentence)
        # an apposed title runs on into the clause that dates it ("el mapeo ... realizado entre enero y marzo")
        at = m.start(title) if title == "apposed" else m.end(title)
        item.periods, item.period_start = _clause_periods(text[at:stop], at)
        out.append(item)
    if not out and not apposed_only:
        out = _ordinal_activities(text)
    return out


@lru_cache(maxsize=1)
def _ordinal_activity() -> re.Pattern:
    """`La segunda actividad, "Capacitación del personal ...", ...`: an activity a letter names by its
    place in the list and quotes; the ordinals and keywords are the grammar's."""
    kw = "|".join(re.escape(f.rstrip(".")) for level in layout.grammar()["levels"]
                  if level["role"] == "activity" for f in level["forms"] if " " not in f and len(f) > 4)
    ords = "|".join(sorted(map(re.escape, layout.grammar()["ordinals"]), key=len, reverse=True))
    return re.compile(rf"\b(?P<ord>{ords})\s+(?:{kw})\s*,?\s*[«\"“](?P<title>[^»\"”\n]{{8,}})[»\"”]", re.I)


def _ordinal_activities(text: str) -> list[Item]:
    """Activities a text names in order with quoted titles, each with its sentence; they hang from the
    commitment named before them (the one the text is about, when it names only one)."""
    out: list[Item] = []
    mentions = commitment_mentions(text)
    stated = {n for n, _, listed in mentions if not listed}
    ordinals = layout._ordinals()
    for m in _ordinal_activity().finditer(text):
        number = ordinals.get(lx.fold(m.group("ord")))
        if number is None or any(a.number == number for a in out):
            continue
        sentence = text[m.end("title"):_sentence_end(text, m.end("title"))]
        commitment = _stated_commitment(text, m.start(), mentions)
        if commitment is None and len(stated) == 1:
            commitment = next(iter(stated))
        item = Item("activity", number, number, m.start(), m.end(), title=" ".join(m.group("title").split()),
                    commitment=commitment, label=m.group(0))
        item.text.append(sentence)
        item.periods, item.period_start = _clause_periods(sentence, m.end("title"))
        out.append(item)
    return out


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence going on at `at` ends: after the full stop a capital or the text's end follows."""
    end = re.compile(r"\.(?=\s+[A-ZÁÉÍÓÚ¿“\"]|\s*$)").search(text, at)
    return end.end() if end else len(text)


def _clause_periods(sentence: str, at: int) -> tuple[list[FoundPeriod], int]:
    """The period a prose activity's sentence states, read clause by clause ("con temporalidad de marzo
    a mayo de 2025, ..., publicada el 26 de febrero"): the first clause that states one, and where it starts."""
    pos = 0
    for clause in re.split(r"(?<=[,;])", sentence):
        found = find_periods(clause)
        if found:
            return found, at + pos
        pos += len(clause)
    return [], at


@lru_cache(maxsize=1)
def _prose_unit() -> re.Pattern:
    return re.compile(rf"\b(?P<kw>{layout.level_forms()})\s+(?P<num>\d{{1,2}}(?:\.\d{{1,2}}){{0,2}}|[IVX]{{1,5}})"
                      r"\b(?![.,]\d)(?:\s*,?\s*[«\"“](?P<title>[^»\"”\n]{6,})[»\"”])?", re.I)


def _prose_units(text: str, found: Structure) -> None:
    """Units of any level a text in prose names with a quoted title or a dotted number (`en el
    Eje 2, "Participación ciudadana", Línea de acción 2.3, ..., Actuación 2.3.1`), their roles
    as a document heading them would give. Only where some level is other than compromiso, hito
    and actividad, whose mentions in prose `_prose` and `_prose_activities` read."""
    named = []
    for m in _prose_unit().finditer(text):
        h = layout.header(f"{m.group('kw')} {m.group('num')} X")
        if h is None or not h.path or not (m.group("title") or len(h.path) >= 2):
            continue
        named.append((m, h))
    if not named or all(h.level.fixed for _, h in named):
        return
    role = layout.roles(list(enumerate(h for _, h in named)))
    commitment, hitos = None, {}
    for m, h in named:
        title = m.group("title") and " ".join(m.group("title").split())
        kind, path = role.get(h.level.name), h.path
        if kind == "commitment":
            commitment = path[-1]
            if not any(c.number == commitment for c in found.commitments):
                found.commitments.append(Item("commitment", commitment, commitment, m.start(), m.end(),
                                              title=title, label="prose"))
        elif kind == "milestone":
            c = path[-2] if len(path) >= 2 else commitment
            key = (c, path[-1])
            if key not in hitos:
                hitos[key] = Item("milestone", path[-1], path[-1], m.start(), m.end(), title=title,
                                  commitment=c, label="prose")
                found.milestones.append(hitos[key])
            elif title and not hitos[key].title:
                hitos[key].title = title
        elif kind == "activity":
            c, hito = (path[-3], path[-2]) if len(path) >= 3 else (commitment, path[-2] if len(path) == 2 else None)
            if any(a.commitment == c and a.milestone_number == hito and a.number == path[-1] for a in found.activities):
                continue
            found.activities.append(Item("activity", path[-1], path[-1], m.start(), m.end(), title=title,
                                         commitment=c, milestone=hitos.get((c, hito)), milestone_number=hito,
                                         label="prose"))


def _prose(text: str, commitments: list[Item], milestones: list[Item]) -> None:
    """Commitments and hitos named in running text (letters, news items)."""
    structured = bool(milestones)
    tabled = {h.commitment for h in milestones}
    mentions = None
    for m in RE_PROSE_HITO.finditer(text):
        desc = " ".join((m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e")).split())
        path = [int(p) for p in m.group(1).replace(",", ".").split(".")]  # "Hito 1,1": a comma for the dot
        commitment = path[0] if len(path) == 2 else None
        # beside a table of another commitment's hitos, only a hito whose number states its own
        if not structured or commitment is not None and commitment not in tabled:
            if commitment is None:
                mentions = commitment_mentions(text) if mentions is None else mentions
                commitment = _stated_commitment(text, m.start(), mentions)
                stated = {n for n, _, listed in mentions if not listed}
                if commitment is None and len(stated) == 1:
                    commitment = next(iter(stated))  # the one commitment the text is about
            if any(h.number == path[-1] and h.commitment == commitment for h in milestones):
                continue  # named again further on: the hito is read already
            milestones.append(Item("milestone", path[-1], path[-1], m.start(), m.end(),
                                   title=lx.restore_text(desc[0].upper() + desc[1:]), label="prose",
                                   commitment=commitment))
    if not structured:  # "el segundo hito, el tablero de interrupciones, se encuentra ..."
        mentions = commitment_mentions(text)
        stated = {n for n, _, listed in mentions if not listed}
        ordinals = layout._ordinals()
        for m in _ORDINAL_HITO.finditer(text):
            number = ordinals.get(lx.fold(m.group("ord")))
            commitment = _stated_commitment(text, m.start(), mentions)
            if commitment is None and len(stated) == 1:
                commitment = next(iter(stated))  # the one commitment the text is about
            if number is None or any(h.number == number and h.commitment == commitment for h in milestones):
                continue
            desc = m.group("desc") or m.group("quoted") or m.group("what")
            desc = desc and lx.restore_text(desc[0].upper() + desc[1:]) if m.group("what") else desc
            milestones.append(Item("milestone", number, number, m.start(), m.end(), label="prose",
                                   title=desc and " ".join(desc.split()), commitment=commitment))
    if not structured:  # "cuyo hito 5.2 registra ...": a dotted number states its commitment
        for m in _DOTTED_HITO.finditer(text):
            commitment, number = int(m.group(1)), int(m.group(2))
            if not any(h.number == number and h.commitment == commitment for h in milestones):
                milestones.append(Item("milestone", number, number, m.start(), m.end(), label="prose",
                                       commitment=commitment))
    if not structured:  # "el compromiso 3 ... tiene su hito 2 al 60 %", "cumplió sus hitos 1 y 2"
        mentions = commitment_mentions(text)
        for m in _OWN_HITOS.finditer(text):
            commitment = _stated_commitment(text, m.start(), mentions)
            for d in re.finditer(r"\d{1,2}", m.group(0)):
                if commitment is not None and not any(h.number == int(d.group()) and h.commitment == commitment
                                                      for h in milestones):
                    milestones.append(Item("milestone", int(d.group()), int(d.group()), m.start() + d.start(),
                                           m.start() + d.end(), label="prose", commitment=commitment))
    if not commitments:  # commitments the prose numbers, with the title quoted after the number
        for n, at, listed in commitment_mentions(text):
            quoted = _QUOTED_TITLE.match(text, at + len(str(n)))
            title = quoted and " ".join(quoted.group(1).split())
            named = next((c for c in commitments if c.number == n), None)
            if named and title and not named.title:
                named.title = title  # named first in passing, its title quoted further on
            if listed or named:
                continue
            commitments.append(Item("commitment", n, n, at, at + len(str(n)), label="prose", title=title))
    if not commitments:
        for m in RE_PROSE_COMMIT.finditer(text):
            commitments.append(Item("commitment", None, None, m.start(), m.end(),
                                    title=" ".join(m.group(1).split())))
    for m in _commitment_hito_lists(text):
        n = int(m.group(2))
        if not any(c.number == n for c in commitments):
            commitments.append(Item("commitment", n, n, m.start(), m.end()))
        inside, base = _listed(m)
        listed = list(RE_LISTED_REF.finditer(inside))
        spelt = sum(lx.fold(h.group(1)) == "hito" for h in listed)
        for h in listed:  # "(hito 1, mito 2)": OCR-tolerant, more so among well-read items
            if not _hito_word(h.group(1), 2 if spelt >= 2 else 1):
                continue
            milestones.append(Item("milestone", int(h.group(2)), int(h.group(2)),
                                   base + h.start(), base + h.end(), commitment=n))
    _prose_statements(text, milestones)


def _prose_statements(text: str, milestones: list[Item]) -> None:
    """A hito named in running text says of itself what its paragraph goes on to say, up to the next
    hito named: the text its claims are checked against (a `100 %` beside "se publicará en octubre")."""
    starts = sorted(h.start for h in milestones if h.label == "prose")
    for h in milestones:
        if h.label != "prose" or h.text:
            continue
        line_end = text.find("\n", h.end)
        for _ in range(3):  # a sentence a line end cut goes on below, unless a list item or a heading starts there
            nxt = text.find("\n", line_end + 1) if line_end >= 0 else -1
            said = text[h.end:line_end]
            if line_end < 0 or nxt < 0 or re.search(r"[^\W\d_]", said) and re.search(r"[.:;!?]\s*$", said) \
                    or _LIST_ITEM.match(text[line_end + 1:nxt]) or not text[line_end + 1:nxt].strip():
                break
            line_end = nxt
        end = min([line_end if line_end >= 0 else len(text)] + [s for s in starts if s > h.start])
        if text[h.end:end].strip():
            h.text.append(" ".join(text[h.end:end].split()))


# an ordinal hito in prose, with its description set off by commas and opened by an article, or quoted
_ORDINAL_HITO = re.compile(
    r"\b(?P<ord>[^\W\d_]{4,9})\s+hito\b(?:\s+del\s+(?:referido\s+|mismo\s+)?compromiso(?:\s+\d{1,3})?)?"
    r"(?:\s*,\s*(?:(?P<desc>(?:el|la|los|las|un|una)\s[^,;.:\n]{6,}?)\s*(?=,)|[«\"“](?P<quoted>[^»\"”\n]{8,})[»\"”]"
    r"|que\s+(?:es|consiste\s+en)\s+(?P<what>[^,;\n]{8,}?)\s*(?=[,.;])))?",
    re.I)
_ORDINAL_HITO_OPENS = re.compile(rf"^\W{{0,2}}(?:el|la)\s+(?:{'|'.join(map(re.escape, layout.grammar()['ordinals']))})"
                                 r"\s+(?:hito|meta)\b", re.I)
_DOTTED_HITO = re.compile(r"\bhito\s+(\d{1,2})\.(\d{1,2})\b(?![.,]\d)", re.I)
_OWN_HITOS = re.compile(r"\bsus?\s+hitos?\s+\d{1,2}(?:\s*(?:,|\by\b|\be\b)\s*\d{1,2})*\b(?![.,]\S)", re.I)
_QUOTED_TITLE = re.compile(r"\s*,?\s*[«\"“]([^»\"”\n]{8,})[»\"”]")


def _stated_commitment(text: str, pos: int, mentions: list[tuple[int, int, bool]]) -> int | None:
    """The commitment a hito named in prose belongs to: the last one numbered in its paragraph or
    the paragraph before ("... el Compromiso 9 ...\nEl taller corresponde al hito 2 del referido ...")."""
    start = max(text.rfind("\n", 0, max(text.rfind("\n", 0, pos), 0)), pos - 800, 0)
    found = [n for n, at, listed in mentions if start <= at < pos and not listed]
    return found[-1] if found else None


def _hito_word(word: str, slips: int = 1) -> bool:
    """`hito` with at most `slips` letters misread (`mito`, `hita`; with 2, `huo`, `hiso`)."""
    word = lx.fold(word)
    return 3 <= len(word) <= 5 and Levenshtein.distance(word, "hito") <= slips


def _listed(m: re.Match) -> tuple[str, int]:
    """The parenthesis' content and where it starts."""
    which = "closed" if m.group("closed") is not None else "open"
    return m.group(which), m.start(which)


def _commitment_hito_lists(text: str) -> list[re.Match]:
    """`Compromiso N (hito ...)` mentions; in a list of them, an item whose keyword
    OCR garbled beyond recognition (`amis 10 (hito 2, hito 3)`) keeps the list's shape."""
    found = [m for m in RE_COMMIT_HITOS.finditer(text)
             if any(_hito_word(h.group(1)) for h in RE_LISTED_REF.finditer(_listed(m)[0]))]
    spelt = [m for m in found if lx.fold(m.group(1)) == "compromiso"]
    if len(spelt) >= 2:
        return found
    return [m for m in found if lx.best(m.group(1), ["compromiso"], 70)]


def _default_commitment(text, commitments, milestones, activities, ocr: bool = False) -> None:
    """A plan about one compromiso may never head its sections with it.

    With headers present, a stray mention never overrides them: the orphans take
    the first mention of a header's number, else the first header's number. Without
    headers the first mention counts, unless on an OCR page another mention one
    confusable digit away is stated more often, or as often with less ink.
    """
    orphans = [x for x in milestones + activities if x.commitment is None and x.label != "prose"]
    m = RE_COMMIT_REF.search(text)
    if not orphans or not m:
        return
    n, start, end = int(m.group(1)), m.start(), m.end()
    headed = [c.number for c in commitments if c.label == "header"]
    if headed:
        refs = [r for r in RE_COMMIT_REF.finditer(text) if int(r.group(1)) in headed]
        if refs:
            n, start, end = int(refs[0].group(1)), refs[0].start(), refs[0].end()
        else:
            n = headed[0]
    elif ocr:
        votes = Counter(v for v, _, _ in commitment_mentions(text))
        # noise adds ink: of two readings one digit apart and stated as often, the lighter
        better = [c for c in votes if _one_digit_apart(c, n) and votes[c] > votes[n]
                  or _one_digit_apart(c, n, confusable=False) and votes[c] == votes[n] and _lighter(c, n)]
        if better:
            n = max(better, key=lambda c: (votes[c], -_ink(c), -c))
            r = next((r for r in RE_COMMIT_REF.finditer(text) if int(r.group(1)) == n), None)
            if r:
                start, end = r.start(), r.end()
    for x in orphans:
        x.commitment = n
    if not any(c.number == n for c in commitments):
        commitments.append(Item("commitment", n, n, start, end))


def _implied_milestones(milestones: list[Item], activities: list[Item]) -> None:
    """A hito no header names but activities' dotted numbers state (`Actividad 2.3.1` under no
    `Hito 2.3`): the hito exists, without a description."""
    for a in activities:
        c, n = a.commitment, a.milestone_number
        if c is None or n is None or a.milestone is not None:
            continue
        if not any(h.commitment == c and h.number == n for h in milestones):
            milestones.append(Item("milestone", n, n, a.start, a.start, commitment=c, label="implied"))


def _infer_milestone_numbers(milestones: list[Item], activities: list[Item]) -> None:
    prev: dict[int | None, int] = {}
    for h in milestones:
        if h.number is None:
            refs = Counter()
            for a in activities:
                if a.milestone is h:
                    blob = " ".join(filter(None, [a.title, a.body, a.product, a.verification]))
                    refs.update(int(r) for r in RE_HITO_REF.findall(blob))
            guess = prev.get(h.commitment, 0) + 1
            h.number = refs.most_common(1)[0][0] if refs else guess
        prev[h.commitment] = h.number


def _lost_prose_dots(milestones: list[Item]) -> None:
    """`Hito 11 (registro ...)` under Compromiso 1, where the text names its other hitos
    `Hito 1.2`, `Hito 2.1`: a scan lost the dot; the second digit is the hito's number."""
    prose = [h for h in milestones if h.label == "prose"]
    if not any(h.number is not None and h.number < 10 for h in prose):
        return
    taken = {(h.commitment, h.number) for h in prose}
    for h in prose:
        if h.number is not None and 11 <= h.number <= 99 and h.commitment is not None and \
                str(h.number)[0] == str(h.commitment) and (h.commitment, h.number % 10) not in taken:
            h.number = h.printed = h.number % 10
            taken.add((h.commitment, h.number))


def _roman_by_order(items: list[Item], key) -> None:
    """On a scan, units a document numbers in roman numerals take their numbers from their
    order: OCR reads the strokes of `II` as `11`, `Il`, `HH`, `12`, and no single reading can be
    trusted. A level counts as roman when one of its headers shows a roman numeral of two or more
    strokes, or strokes OCR made of one (`HH`)."""
    by_level: dict[str, list[Item]] = {}
    for x in items:
        by_level.setdefault(x.label.split()[0].lower() if x.label else "", []).append(x)
    for level, members in by_level.items():
        tokens = [x.label.split()[-1].rstrip(".:") for x in members if x.label and len(x.label.split()) > 1]
        roman_level = any(x.scheme == "ocr_roman" and len(t) > 1 for x, t in zip(members, tokens)) or \
            any(x.scheme == "roman" and len(t) > 1 for x, t in zip(members, tokens))
        if not level or not roman_level:
            continue
        groups: dict = {}
        for x in members:
            groups.setdefault(key(x), []).append(x)
        for group in groups.values():
            for n, x in enumerate(group, start=1):
                x.number = x.printed = n


def _misread_numbers(items: list[Item], key, by_order: bool = False) -> None:
    """A number repeated, or skipping ahead, where the order leaves one number free one OCR
    digit confusion away (`HITO 3.` between 4 and 6, `Actividad 16` after 9), is that number
    misread, not a numbering slip. `key` groups the items that count in one list. With `by_order`,
    so is a number printed once between the list's opening (or the number before) and the one after
    the free number, whatever its digits (`9, 2, 3`: 1; `1, 11, 3`: 2): the order alone makes it
    certain; a number printed twice stays a repeat for `renumber` and the numbering check."""
    groups: dict = {}
    for x in items:
        groups.setdefault(key(x), []).append(x)
    for group in groups.values():
        nums = [x.number for x in group]
        for i, x in enumerate(group):
            prev = group[i - 1].number if i else 0 if by_order else None
            nxt = group[i + 1].number if i + 1 < len(group) else None
            if x.number is None or prev is None:
                continue
            cand = prev + 1
            if cand in nums or x.number == cand:
                continue
            confused = (nums.count(x.number) >= 2 or x.number > cand) and nxt in (None, cand + 1) \
                and ocrfix.confusable(str(x.number), str(cand))
            ordered = by_order and nxt == cand + 1 and nums.count(x.number) == 1
            if confused or ordered:
                x.number = x.printed = nums[i] = cand


def renumber(items: list[Item]) -> list[Item]:
    """Give a repeated number its intended value where order makes it certain.

    Returns the items whose printed numbers repeat or skip (for numbering flags).
    """
    bad = []
    nums = [x.printed for x in items]
    printed = {n for n in nums if n is not None}
    for i, x in enumerate(items):
        if x.printed is None or i == 0:
            continue
        prev = items[i - 1].number
        nxt = items[i + 1].printed if i + 1 < len(items) else None
        if prev is None:
            continue
        if nums.count(x.printed) > 1 and x.printed != prev + 1:
            cand = prev + 1
            if cand not in printed and (nxt is None or nxt == cand + 1):
                x.number = cand
                bad.append(x)
                continue
        if x.printed == prev or x.printed > prev + 1 and x.number == x.printed and \
                not (i + 1 < len(items) and items[i + 1].printed == x.printed):
            if x.printed == prev and any(b.printed == x.printed for b in bad):
                continue
            bad.append(x)
    return bad


def progress(item: Item, ocr: bool) -> tuple[float | None, float | None, str]:
    """An activity's progress (0-100), its progress as stated, and the statement that gives it.

    A progress field or column gives it first; else a progress phrase in the item's text,
    in any of the grammar's phrasings. A stated value over 100 is no progress, but is
    kept as stated so that it can be flagged.
    """
    body = percentages_in_digits(" ".join(filter(None, [item.title, item.body])))
    stated_rx, before_rx, done_rx = _progress_patterns()
    field = percentages_in_digits(item.progress_text)  # "Avance: cincuenta por ciento"
    m = _FIELD_VALUE.match(field) if field else None
    statement = item.progress_text
    if not m:
        m = stated_rx.search(body) or before_rx.search(body)
        statement = body[m.start():] if m else body
    if not m:
        m = done_rx.search(body)
        statement = body
    if not m:
        return None, None, ""
    statement = "\n".join([statement, *item.notes])
    token = _digits(m.group(1)).replace(",", ".")
    if not re.fullmatch(r"\d+(?:\.\d+)?", token):
        return None, None, ""
    stated = float(token)
    if ocr and stated.is_integer() and _one_digit_apart(int(stated), 100):
        stated = 100.0  # a speck turned a 0 of "100" into a digit it resembles ("108")
    return (stated if stated <= 100 else None), stated, statement


def fix_impossible_years(units: list[Item], text_years: Counter) -> None:
    """A period year no plan has (`ene. 2624`) is a misread of the year one digit away that the
    document writes most (`ocrfix.plausible_year`); left as read when there is none."""
    for u in units:
        for p in u.periods:
            for side in ("start", "end"):
                value = getattr(p, side)
                year = ocrfix.plausible_year(int(value[:4]), text_years)
                if str(year) != value[:4]:
                    setattr(p, side, f"{year}{value[4:]}")


def fix_ocr_years(activities: list[Item], text_years: Counter | None = None) -> None:
    """Repair a period year one OCR digit away from the plan's years.

    Only forward ranges that are implausibly long and single months outside
    every other year of the plan are touched; inverted ranges stay as printed
    so that they are flagged.
    """
    years = Counter()
    for a in activities:
        for p in a.periods:
            years.update({int(p.start[:4]), int(p.end[:4])})
    if not years:
        return
    common = [y for y, _ in years.most_common()]

    def near(y: int) -> int | None:
        for c in common:
            if c != y and years[c] > years[y] and sum(x != z for x, z in zip(str(c), str(y))) == 1:
                return c
        return None

    for a in activities:
        for p in a.periods:
            y1, y2 = int(p.start[:4]), int(p.end[:4])
            if y1 < y2 and month_count(p.start, p.end) > 24 and near(y1) == y2:
                p.start = f"{y2}{p.start[4:]}"
            elif p.start == p.end and years[y1] <= 1 and near(y1) and \
                    (text_years or {}).get(str(y1), 0) < 3:  # a year the text keeps writing is real
                fixed = near(y1)
                p.start = p.end = f"{fixed}{p.start[4:]}"

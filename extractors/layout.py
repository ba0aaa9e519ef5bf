"""The layout grammar (`data/grammar.json`) applied to lines: headers, fields, table rows.

A header is a level keyword with a number in any of the schemes the grammar knows
(`Hito 2.1`, `COMPROMISO IV`, `Meta b)`, `Primera acción:`, `Act. 3`), or without one
when the document uses that form repeatedly. A field line opens with a label of the
grammar (`Fecha de inicio: ... – Fecha de fin: ...` holds two). Which role a level
plays (commitment, milestone, activity) depends on the levels the document uses,
decided once per document by `roles`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from extractors import lexicon as lx
from extractors import ocrfix, settings

ROLES = ("commitment", "milestone", "activity")
MAX_NUMBER = 9999  # a printed list number beyond this is not a list number

_ACCENTED = {"a": "aáà", "e": "eé", "i": "ií", "o": "oó", "u": "uúü", "n": "nñ"}


def _form_pattern(form: str) -> str:
    """A grammar form as a regex that tolerates case, accents and spacing."""
    out = []
    for ch in lx.fold(form):
        if ch == " ":
            out.append(r"\s+")
        elif ch in _ACCENTED:
            out.append(f"[{_ACCENTED[ch]}]")
        elif ch == ".":
            out.append("[.,]")  # `Act,` for `Act.`: a scan's comma for an abbreviation's dot
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alternation(forms) -> str:
    return "|".join(_form_pattern(f) for f in sorted(forms, key=len, reverse=True))


@dataclass(frozen=True)
class Level:
    name: str
    rank: int
    role: str
    fixed: bool = False  # the word names its role (hito): no numbering moves it


@dataclass
class Header:
    level: Level
    path: tuple[int, ...] | None  # the printed number, whole: (2, 1, 3) for "2.1.3"; None: unnumbered
    token: str  # the number as printed
    title: str
    title_offset: int  # in the line
    scheme: str  # arabic, dotted, roman, letter, ordinal, ocr, none

    @property
    def number(self) -> int | None:
        return self.path[-1] if self.path else None


@dataclass
class Field:
    name: str
    value: str
    offset: int  # of the value in the line
    label: str = ""  # as printed
    unit: str | None = None  # the role of the unit the label names (`Avance del hito`: milestone)


@lru_cache(maxsize=1)
def grammar() -> dict:
    return lx._data("grammar")


@lru_cache(maxsize=1)
def number_prefixes() -> str:
    """The grammar's number prefixes (`N.°`, `número`) as one regex alternation."""
    return _alternation(grammar()["number_prefixes"])


def _ordinals() -> dict[str, int]:
    return {lx.fold(word): n for word, n in grammar()["ordinals"].items()}


@lru_cache(maxsize=1)
def _levels() -> dict[str, Level]:
    return {l["name"]: Level(l["name"], l["rank"], l["role"], l.get("fixed", False)) for l in grammar()["levels"]}


@lru_cache(maxsize=1)
def _form_to_level() -> dict[str, str]:
    return {lx.fold(f): l["name"] for l in grammar()["levels"] for f in l["forms"]}


def level_word(word: str) -> bool:
    """A word the grammar names a level by (`meta`, `fase`, `hito`)."""
    return lx.fold(word) in _form_to_level()


# a number path's parts are joined by dots, or by a comma OCR printed for one ("2,1 - Mesas")
_NUM_TOKEN = (r"(?P<num>\d{1,5}(?:\.\d{1,5}|,\d{1,2}(?=[\s.:\-–—)]|[.,]\d))*\.?(?![^\W_])|[IVXLC]{1,7}(?![\w])|[ivx]{1,5}(?=[.)])"
              r"|[a-zA-Z](?=\))|(?-i:[a-z])(?=\.\s))")
_SEP = r"[.,:;\-–—)]"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    g = grammar()
    kw = _alternation(f for l in g["levels"] for f in l["forms"])
    prefix = number_prefixes()
    ordinal = _alternation(g["ordinals"])
    words = _alternation(w for w, n in lx.lexicon()["number_words"].items() if n <= 20)
    return {
        "worded": re.compile(
            rf"^\W{{0,3}}(?P<kw>{kw})(?![^\W\d_])\s+(?P<word>{words})(?![^\W\d_])\s*(?P<sep>[.:\-–—)])\s*(?P<rest>.*)$",
            re.I),
        "numbered": re.compile(
            rf"^\W{{0,3}}(?P<kw>{kw})(?![^\W\d_])\s*(?P<colon>:\s*)?(?:(?:{prefix})\s*)?{_NUM_TOKEN}\s*(?P<sep>{_SEP})?"
            rf"\s*(?P<rest>.*)$", re.I),
        "ordinal": re.compile(
            rf"^\W{{0,3}}(?P<ord>{ordinal})\s+(?P<kw>{kw})(?![^\W\d_])\s*(?P<sep>{_SEP})\s*(?P<rest>.*)$", re.I),
        "bare": re.compile(rf"^\W{{0,3}}(?P<kw>{kw})(?![^\W\d_])\s*(?P<sep>[:\-–—])\s*(?P<rest>\S.*)$", re.I),
    }


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_VALID = re.compile(r"^C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def roman(token: str) -> int | None:
    t = token.upper()
    if not t or not _ROMAN_VALID.match(t):
        return None
    total = 0
    for a, b in zip(t, t[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES.get(b, 0) > v else v
    return total or None


def parse_path(token: str) -> tuple[tuple[int, ...] | None, str]:
    """A printed number as a path and its scheme; None when it is out of range."""
    token = token.strip().rstrip(".)").lstrip("(").replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)*", token):
        parts = tuple(int(p) for p in token.split(".")) if all(len(p) <= 5 for p in token.split(".")) else ()
        if not parts or any(p > MAX_NUMBER for p in parts):
            return None, "out_of_range"
        return parts, "dotted" if len(parts) > 1 else "arabic"
    r = roman(token)
    if r is not None and (token.isupper() or len(token) > 1):
        return (r,), "roman"
    if len(token) == 1 and token.isalpha():
        return (ord(token.lower()) - ord("a") + 1,), "letter"
    return None, "none"


def _level(keyword: str) -> Level:
    key = lx.fold(" ".join(keyword.split())).replace(",", ".")
    forms = _form_to_level()
    return _levels()[forms[key] if key in forms else forms[key + "."]]  # `Act` for `Act.` on a scan


def _is_title_start(rest: str, sep: str | None) -> bool:
    """What follows a header's number: nothing, a separator, or a title; not running prose
    ("Compromiso 14 del Tercer Plan ..." wrapped to a line's start)."""
    if not rest:
        return True
    if sep == ",":  # "Compromiso 10, 11 y 12 fueron ...": a list in prose, unless a title follows
        return rest[0].isupper()
    return bool(sep) or not rest[0].islower()


# what may stand before a header: a report's own section number ("2.1.1 Hito 4.1."), a check box
# as printed ("[x]", "[ ]", "☑") or as a scan prints it ("[xj", "ix]", "«|": a short token with a bracket),
# after a speck a scan may set before it (". 3. Compromiso 9")
# (a check box as a scan prints it: `[=]`, `| |`, `ix]`)
_BEFORE_HEADER = re.compile(r"^\s*(?:[.,'`:;]\s+)?(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|\[[xX✓✔~ ·=-]?\]|[☐☑☒✓✔]"
                            r"|[\[(|] [\])|]"
                            r"|(?=\S{0,2}[\[\]()|«»])[^\s\w]?[xXijl~·-]{0,2}[^\s\w]?)\s+(?=[^\W\d_])")


@lru_cache(maxsize=1)
def level_forms() -> str:
    """Every level word of the grammar, as one regex alternation."""
    return _alternation(f for l in grammar()["levels"] for f in l["forms"])


def header(line: str) -> Header | None:
    """The header a line opens with, numbered or by ordinal word; unnumbered forms see `bare_header`.
    A section number or a check box may come first (`2.1.1 Hito 4.1. ...`, `[x] Act. 3.1.1 ...`)."""
    h = _header(line)
    section = _BEFORE_HEADER.match(line) if h is None else None
    if section:
        inner = _header(line[section.end():])
        if inner and inner.path:
            return Header(inner.level, inner.path, inner.token, inner.title,
                          inner.title_offset + section.end(), inner.scheme)
    return h


def _header(line: str) -> Header | None:
    p = _patterns()
    m = p["numbered"].match(line)
    if m:
        path, scheme = parse_path(m.group("num"))
        if scheme == "out_of_range" or (path and len(path) == 1 and 1900 <= path[0] <= 2100):
            return None  # a year names a target ("Meta 2030"), not a place in a list
        # "Hito: 4.1 Inventario ...": a label's colon before a dotted number, not a value ("Meta: 100 %")
        labelled = m.group("colon") and not (path and len(path) >= 2)
        # "Línea de acción 3.1. fortalecimiento ...": after a dotted number's own dot a title, its capital
        # perhaps misread; prose wrapped to a line's start has a plain number ("Compromiso 14 del ...")
        dotted_stop = path is not None and len(path) >= 2 and m.group("num").endswith(".")
        if path is not None and not labelled and (dotted_stop or _is_title_start(m.group("rest"), m.group("sep"))):
            return Header(_level(m.group("kw")), path, m.group("num").rstrip("."), m.group("rest").strip(),
                          m.start("rest"), scheme)
    m = p["worded"].match(line)  # "Actividad dos: ..."
    if m:
        n = lx.number_word(m.group("word"))
        if n:
            return Header(_level(m.group("kw")), (n,), m.group("word"), m.group("rest").strip(),
                          m.start("rest"), "word")
    m = p["ordinal"].match(line)
    if m:
        n = _ordinals().get(lx.fold(m.group("ord")))
        if n:
            return Header(_level(m.group("kw")), (n,), m.group("ord"), m.group("rest").strip(),
                          m.start("rest"), "ordinal")
    return None


def bare_header(line: str) -> Header | None:
    """`Actividad: title`: a level keyword with no number, numbered later by its order."""
    m = _patterns()["bare"].match(line)
    if not m or not (m.group("rest")[0].isupper() or m.group("rest")[0] in "¿\"“«"):
        return None
    return Header(_level(m.group("kw")), None, "", m.group("rest").strip(), m.start("rest"), "none")


def roles(headers: list[tuple[int, Header]]) -> dict[str, str]:
    """The role each level plays in this document.

    Each level starts with its grammar role. Two levels with one role split it: the
    outer (lower rank, else the first to appear) moves up a role if that role is free, or
    if the levels holding it are outer still and can move up themselves.
    With no commitment level, the innermost grouping level (an `eje`) is the commitment.
    """
    first: dict[str, int] = {}
    for i, h in headers:
        first.setdefault(h.level.name, i)
    seen = Counter(h.level.name for _, h in headers)
    numbered = {h.level.name for _, h in headers if h.path}
    every = sorted({h.level for _, h in headers}, key=lambda l: (l.rank, first[l.name]))
    # a level seen once, unnumbered ("Tarea : :", a scanned table's header) shapes no other's role
    levels = [l for l in every if l.name in numbered or seen[l.name] >= 2]
    role = {l.name: l.role for l in every}
    order = ["group", *ROLES]
    for _ in range(len(levels) + 1):
        changed = False
        for outer in levels:
            for inner in levels:
                if outer is inner or role[outer.name] != role[inner.name] or role[outer.name] == "group":
                    continue
                if (outer.rank, first[outer.name]) > (inner.rank, first[inner.name]):
                    continue
                up = order[max(order.index(role[outer.name]) - 1, 0)]
                holders = [l for l in levels if role[l.name] == up]
                above = order[max(order.index(up) - 1, 0)]
                if holders and up != "group" and (above not in role.values() or above == "group") and all(
                        (h.rank, first[h.name]) < (outer.rank, first[outer.name]) for h in holders):
                    for h in holders:  # Resultado / Producto / Actividad: the outer levels move up in turn
                        role[h.name] = above
                if up not in role.values() or up == "group":
                    role[outer.name] = up
                    changed = True
        if not changed:
            break
    if "commitment" not in role.values():
        groups = [l for l in levels if role[l.name] == "group"]
        if groups and any(r in role.values() for r in ("milestone", "activity")):
            role[groups[-1].name] = "commitment"
    role.update(_roles_by_depth(headers, role))
    return role


def path_depths(headers: list[Header], least: int = 1) -> dict[str, Counter]:
    """Per level, how many of its headers print a number of each depth (`2.1.3`: 3), from `least` up."""
    depths: dict[str, Counter] = {}
    for h in headers:
        if h.path and len(h.path) >= least:
            depths.setdefault(h.level.name, Counter())[len(h.path)] += 1
    return depths


def _roles_by_depth(headers: list[tuple[int, Header]], role: dict[str, str]) -> dict[str, str]:
    """Where three numbered levels print numbers one, two and three parts deep (`EJE I`,
    `Objetivo 1.1`, `ACP 1.1.1`), the numbering states the hierarchy: commitment, milestone,
    activity, whatever the grammar's roles for their words. Where two print numbers one and two
    parts deep, the second under the first's (`Resultado 1`, `Producto 1.1`) and no level is a
    commitment, the outer one heads the hierarchy: the commitment, unless its word names its role
    (`Hito 1`, `Actividad 1.1` under a commitment the text names elsewhere)."""
    modal = {name: c.most_common(1)[0][0] for name, c in path_depths([h for _, h in headers]).items()}
    if sorted(modal.values()) == [1, 2, 3]:
        return {name: ROLES[d - 1] for name, d in modal.items()}
    if sorted(modal.values()) != [1, 2] or "commitment" in role.values():
        return {}
    levels = {h.level.name: h.level for _, h in headers}
    outer, inner = sorted(modal, key=modal.get)
    heads = {h.path[0] for _, h in headers if h.level.name == outer and h.path}
    under = [h.path[0] in heads for _, h in headers if h.level.name == inner and h.path and len(h.path) == 2]
    if levels[outer].fixed or not under or not all(under):
        return {}
    return {outer: "commitment", inner: role[inner] if levels[inner].fixed else "milestone"}


# a document's own abbreviation for a level (`ACP 1.1.1 Actualización ...`, `OE 2.1 ...`): capitals,
# a dotted number, a title
# a level of the document's own, in capitals, before its number; the title may be the next cell
# (a scan may glue the number to the initials' dot, `AE.1.2`, print a comma after it, `OE 1,`, or lose
# the space before the next cell's bar, `|AE 1.1| Portal`)
_OWN_LEVEL = re.compile(r"^\W{0,3}(?P<kw>[A-ZÑ]{2,6})(?:\.\s*|\s+)(?P<num>\d{1,2}(?:[.,]\d{1,2}){0,2})[.,]?"
                        r"(?:\s*\|\s*|\s+)(?P<rest>[A-ZÁÉÍÓÚÑ¿\"“].*)$")


# two letters in capitals that are words, not a level's initials (`AE 1.1` is one, `EL 1.1` none)
_FUNCTION_WORDS = frozenset({"EL", "LA", "LO", "DE", "EN", "UN", "YA", "SE", "AL", "NO", "SI", "ES", "OR", "TO"})


@lru_cache(maxsize=1)
def _initials() -> dict[str, str]:
    """The initials of the grammar's level names of several words (`OE`: objetivo estratégico),
    which documents head units with; each with its level."""
    out = {}
    for level in grammar()["levels"]:
        for form in level["forms"]:
            words = [w for w in lx.fold(form).split() if w not in ("de", "del", "la", "el", "y")]
            if len(words) >= 2:
                out["".join(w[0] for w in words).upper()] = level["name"]
    return out


def own_levels(lines: list[str]) -> dict[str, Level]:
    """Abbreviations the document heads units with, as levels of its own: a word in capitals
    that opens at least two lines before a dotted number, no grammar form nor a word Spanish
    writes in lower case. The number's depth is the level's rank (`1.1.1`: an activity)."""
    depths: dict[str, Counter] = {}
    for line in lines:
        m = _OWN_LEVEL.match(line)
        if m:
            depths.setdefault(m.group("kw"), Counter())[len(re.split(r"[.,]", m.group("num")))] += 1
    known = _form_to_level()
    out = {}
    for kw, count in depths.items():
        depth, n = count.most_common(1)[0]
        if n < 2 or lx.fold(kw) in known or lx.fold(kw) + "." in known:
            continue
        named = _initials().get(kw)
        if named:  # `OE 1.`: the initials of a level the grammar names
            out[kw] = _levels()[named]
        elif depth >= 2 and (lx.fold(kw) not in lx.common_words() or len(kw) == 2 and kw not in _FUNCTION_WORDS):  # a number's depth says the rank of a level with no name (`AE 1.1`); a
            out[kw] = Level(lx.fold(kw), depth, ROLES[depth - 1])  # lone number (`ANEXO 1`) none
    return out


def own_header(line: str, levels: dict[str, Level]) -> Header | None:
    m = _OWN_LEVEL.match(line) if levels else None
    if not m or m.group("kw") not in levels:
        return None
    path, scheme = parse_path(m.group("num"))
    title = m.group("rest").split(" | ")[0].strip(" |")  # a table row's next cells are no part of it
    return Header(levels[m.group("kw")], path, m.group("num"), title, m.start("rest"), scheme) if path else None


def bare_forms_in_use(lines: list[str]) -> set[str]:
    """Levels whose unnumbered form (`Actividad: ...`) the document uses as headers: those it
    also numbers, or writes unnumbered at least twice. A word that is also a field label
    (`Producto: ...` under each numbered `Actividad 6.1.1`) is that field when the document
    numbers another level of its rank and never this one."""
    numbered = {h.level.name: h.level for l in lines if (h := header(l))}
    bare = Counter(h.level.name for l in lines if (h := bare_header(l)))
    ranks = {l.rank for l in numbered.values()}
    labels = {form for form, _ in _field_forms()}
    label_levels = {name for form, name in _form_to_level().items() if form in labels}
    return set(numbered) | {
        name for name, n in bare.items()
        if n >= 2 and not (name not in numbered and _levels()[name].rank in ranks and name in label_levels)}


# ------------------------------------------------------------------ fields


@lru_cache(maxsize=1)
def _field_forms() -> list[tuple[str, str]]:
    forms = [(lx.fold(f), name) for name, fs in grammar()["fields"].items() for f in fs]
    return sorted(forms, key=lambda x: len(x[0]), reverse=True)


@lru_cache(maxsize=1)
def _field_pattern() -> re.Pattern:
    alt = _alternation(f for fs in grammar()["fields"].values() for f in fs)
    qualifier = _alternation(grammar()["field_qualifiers"])
    unit = _alternation(f for l in grammar()["levels"] for f in l["forms"])
    # "Avance del hito:", "Plazo de la acción:": the label names the unit the value belongs to
    return re.compile(rf"(?P<label>{alt})(?:\s+(?:{qualifier}))?(?:\s+(?:del|de\s+la)\s+(?P<unit>{unit}))?"
                      rf"(?![^\W\d_])\s*(?:\(\s*%\s*\)|%)?\s*(?P<sep>[:\-–—]\s*|$)?", re.I)


def _field_name(label: str) -> str:
    key = lx.fold(" ".join(label.split()))
    return next(name for form, name in _field_forms() if form == key)


_SEGMENT_BREAK = re.compile(r"\s*(?:[|;]|\s[–—-]\s|\s{2,}|/\s)\s*$")


def fields(line: str, ocr: bool = False) -> list[Field]:
    """The labelled fields a line holds: `Label: value`, or a label alone (its value below).

    A one-word label needs a separator or the line's end (`Avance: 40 %`, `Plazo`), so
    that prose opening with the word is not taken; a longer label may be followed by its
    value directly. Further labels may follow on the line after a separator
    (`Fecha de inicio: 06/02/2025 – Fecha de fin: 28/02/2025`).
    """
    rx = _field_pattern()
    lead = re.match(r"^\W{0,3}", line).end()
    m = rx.match(line, lead)
    if not m and ocr:
        m = _fuzzy_label(line, lead)
        if m:
            return m
    if not m:
        return []
    one_word = len(m.group("label").split()) == 1 and lx.fold(m.group("label")) != "temporalidad"
    if one_word and m.group("sep") is None:
        return []
    starts = [(m.start("label"), m.end(), m.group("label"), m.group("unit"))]
    starts += _later_labels(line, m.end())
    return _split(line, starts)


def _later_labels(line: str, pos: int) -> list[tuple[int, int, str]]:
    """Labels further on a field line: after a separator, or followed by a colon."""
    rx = _field_pattern()
    out = []
    for cand in rx.finditer(line, pos):
        sep = cand.group("sep") or ""
        if cand.start() and line[cand.start() - 1].isalnum():
            continue
        after_break = _SEGMENT_BREAK.search(line[:cand.start()])
        # "...; periodo: octubre a diciembre; avance 100 %": after a break, a value may follow bare
        if ":" in sep or (sep.strip() and after_break) or (after_break and re.match(r"\s*\d", line[cand.end():])):
            if out and cand.start() < out[-1][1]:
                continue
            out.append((cand.start("label"), cand.end(), cand.group("label"), cand.group("unit")))
    return out


def _split(line: str, starts: list[tuple[int, int, str, str | None]]) -> list[Field]:
    found: list[Field] = []
    for k, (_, vstart, label, unit) in enumerate(starts):
        vend = starts[k + 1][0] if k + 1 < len(starts) else len(line)
        raw = line[vstart:vend]
        value = re.sub(r"[\s|;–—-]+$", "", raw).strip()
        found.append(Field(_field_name(label), value, vstart + (len(raw) - len(raw.lstrip())), label,
                           _level(unit).role if unit else None))
    return found


def inline_fields(text: str) -> tuple[int, list[Field]] | None:
    """Fields that follow a sentence on the same line (`Fase I. Diagnóstico. Calendario: ...`):
    where they begin, and the fields. Only a label with a colon after a sentence's end counts."""
    rx = _field_pattern()
    for cand in rx.finditer(text):
        if ":" not in (cand.group("sep") or "") or not re.search(r"(?:[.;)]|\s[–—-])\s+$", text[:cand.start()]):
            continue
        starts = [(cand.start("label"), cand.end(), cand.group("label"), cand.group("unit"))]
        starts += _later_labels(text, cand.end())
        return cand.start(), _split(text, starts)
    return None


def _fuzzy_label(line: str, lead: int) -> list[Field] | None:
    """A label OCR misread by a letter or two (`Medio de yerificación:`, `Perioda:`): a label
    of several words, or of one word of five letters or more with its colon and a letter
    substituted; then the labels further on the line, as `fields` reads them."""
    words = line[lead:].split()
    for form, name in _field_forms():
        n = len(form.split())
        if len(words) < n or (n == 1 and (len(form) < 5 or not re.match(r"[^\W\d_]+[:;]", words[0]))):
            continue
        head = " ".join(words[:n])
        if (substituted(lx.fold(head.rstrip(":;.")), form) if n == 1 else
                fuzz.ratio(lx.fold(head.rstrip(":;.")), form) >= settings.current().match.label):
            end = line.find(words[n - 1], lead) + len(words[n - 1])
            later = _later_labels(line, end)
            value = line[end:later[0][0] if later else len(line)]
            first = Field(name, re.sub(r"[\s|;–—-]+$", "", value.lstrip(" :;.-–—")).strip(),
                          end + len(value) - len(value.lstrip(" :;.-–—")), head)
            return [first] + (_split(line, later) if later else [])
    return None


def substituted(word: str, form: str) -> bool:
    """`word` is `form` with a letter (two in a long word) misread, as OCR substitutes them;
    a letter more or less makes another word (`fecha` is not `fechas`)."""
    if len(word) != len(form):
        return False
    return sum(a != b for a, b in zip(word, form)) <= (2 if len(form) >= 9 else 1)


# ------------------------------------------------------------------ tables


@lru_cache(maxsize=1)
def _columns() -> dict[str, str]:
    return {lx.fold(f): name for name, fs in grammar()["columns"].items() for f in fs}


def cells(line: str) -> list[tuple[str, int]] | None:
    """The cells of a `|`-separated row (at least two cells once its empty last ones are
    dropped), with their offsets."""
    if line.count("|") < 2:
        return None
    out, pos = [], 0
    for part in line.split("|"):
        stripped = part.strip()
        out.append((stripped, pos + (part.find(stripped) if stripped else 0)))
        pos += len(part) + 1
    if out and not out[0][0]:
        out = out[1:]
    while out and not re.search(r"\w", out[-1][0]):
        out = out[:-1]  # "| 2.1 | HITO: ... | | | |": a row whose last cells are empty
    if len(out) > 2 and not out[1][0] and 0 < len(out[0][0]) <= 4:
        out = out[:1] + out[2:]  # "| a| | Actualizar ...": the bar after a number cell printed twice
    filled = sum(bool(text) for text, _ in out)
    if len(out) < 2 or filled < len(out) and (filled < 3 or filled < 2 * (len(out) - filled)):
        return None  # empty cells inside: bars of a rule or a scan's specks, not a row; a row of
    return out       # many cells may leave one or two empty (a cell spanned from the row above)


_RULE = re.compile(r"^\s*[|+]?(?:[-=_:]{2,}[|+]?){2,}\s*$")


def is_rule(line: str) -> bool:
    """`----+------+----`: the rule under a table's header row, inside the table."""
    return bool(_RULE.match(line))


def continued_cells(line: str, row: list[tuple[str, int]], border: bool,
                    ocr: bool = False) -> list[tuple[str, int]] | None:
    """A line of a `|`-table whose first cell is empty (`| municipalidades |  |  | listas de`)
    carries on the cells of the row above, which wrapped inside their columns: that row's cells
    with these lines' words added. `border`: the table's rows open with a bar of their own; `ocr`:
    a scan may print the opening bar as a mark (`¿la atención recibida. |`)."""
    text = line.strip()
    if ocr:
        text = re.sub(r"^[¡!¿'\[\]{}]\s*(?=[^\W\d_]|\|)", "| ", text)
    if not text.startswith("|") or text.count("|") < 2:
        return None
    parts = [p.strip() for p in text.split("|")]
    if border:
        parts = parts[1:]
    if not parts or parts[0] or not any(parts):
        return None  # its first cell is filled: a row of its own
    filled = [p for p in parts if p]
    if 2 * len(filled) > max(len(row), 2) or any(re.match(r"\d{1,2}(?:\.\d{1,2})+\.?\s", p) for p in filled):
        return None  # "| | 3.2 Publicación ... | UAIP | jul-25 | 40 % |": a row under a spanned first cell
    merged = list(row)
    for k, part in enumerate(parts):
        if not part:
            continue
        while len(merged) <= k:
            merged.append(("", merged[-1][1] if merged else 0))
        before, off = merged[k]
        if before.endswith("-") and before[-2:-1].islower() and part[:1].islower():
            joined = before[:-1] + part  # a word hyphenated inside its column
        else:
            joined = before + ("" if not before or before.endswith(("-", "/")) else " ") + part
        merged[k] = (joined, off)
    return merged


_UNIT_COLUMNS = {"number", "period", "start", "end", "progress", "status", "verification"}


def _parent_column(names: list[str | None], cells: list[tuple[str, int]]) -> list[str | None]:
    """`Hito | Actividad | ...`: two title columns, the first a hito's, hold the hito's number
    and then the activity."""
    if names.count("title") == 2 and lx.fold(cells[names.index("title")][0]).strip(" :").rstrip("s") in ("hito", "meta"):
        names = list(names)
        names[names.index("title")] = "parent"
    return names


_BAR_WORD = re.compile(r"\s+[il1!¡\]\[:;]\s+")  # how a scan prints a header row's lost bar


def _header_key(text: str) -> str:
    """A header cell as the grammar's column names are written: folded, `:` dropped, and an
    abbreviation's dot a scan printed as a comma restored (`Cód,`)."""
    key = lx.fold(re.sub(r"\s+", " ", text)).strip(" :")
    return key[:-1] + "." if key.endswith(",") else key


def column_names(row: list[tuple[str, int]]) -> list[str | None] | None:
    """A header row names its columns after the grammar; None when fewer than two are known."""
    names: list[str | None] = []
    for text, _ in row:
        key = _header_key(text)
        words = key.split(" ")
        parts = [p for p in _BAR_WORD.split(key) if p]
        if key not in _columns() and len(words) == 2 and all(map(_column, words)):
            names.extend(map(_column, words))  # "Fin Avance": the bar between two names lost
        elif key not in _columns() and len(parts) == 2 and all(map(_column, parts)):
            names.extend(map(_column, parts))  # "N.º i Actividad": the bar read as a letter
        elif key not in _columns() and len(words) >= 2 and _column(words[0]) == "number" \
                and _column(" ".join(words[1:])) and _column(" ".join(words[1:])) != "number":
            names.extend(["number", _column(" ".join(words[1:]))])  # "N.º Hito / actividad": the bar lost
        else:
            names.append(_column(key))
    if len(names) == len(row):
        exact = [_header_key(t) in _columns() for t, _ in row]
        if any(n == "title" and e for n, e in zip(names, exact)):  # "Actividad | Meta física": the
            names = [None if n == "title" and not e else n for n, e in zip(names, exact)]  # target, no title
    titles = [k for k, n in enumerate(names) if n == "title"]
    if len(names) == len(row) and len(titles) >= 2 and "number" not in names \
            and lx.fold(_header_key(row[titles[0]][0])).rstrip("s") in _level_words() \
            and not any(lx.fold(_header_key(row[k][0])).rstrip("s") in _level_words() for k in titles[1:]):
        names[titles[0]] = "number"  # "Hito | Descripción": the unit's column numbers what the other describes
    names = _parent_column(names, row) if len(names) == len(row) else names
    known = [n for n in names if n]
    if len(known) < 2 or "title" not in names or not _UNIT_COLUMNS & set(known):
        return None  # a list of tasks with their owners only ("Tarea | Responsable") tracks no plan
    return names


@lru_cache(maxsize=1)
def _level_words() -> frozenset[str]:
    return frozenset(lx.fold(f) for level in grammar()["levels"] for f in level["forms"])


@lru_cache(maxsize=4096)
def _column(key: str) -> str | None:
    names = _columns()
    parts = [p.strip() for p in key.split("/")]  # "Hito / actividad": a column of either
    found = (names.get(key) or names.get(key.rstrip("."))
             or next((names[p] for p in parts if p in names), None)
             or names.get(key.split(" ")[0]))  # "Avance reportado": a known name qualified
    if found or not key:
        return found
    letters = re.sub(r"[^\w ]", "", key).strip()
    if len(letters) <= 2 and letters in _short_columns():  # "N.?", "Nº": the number column, its sign misread
        return _short_columns()[letters]
    if 2 <= len(letters) <= 3 and letters[0] in "uUiIlL1" and letters[1:] in _short_columns():
        return _short_columns()[letters[1:]]  # "UN.": the bar before "N." read as a letter
    if len(letters) <= 2:
        return None
    word = key.split(" ")[0]
    if word[:-1] in names and word[-1] in "il1!|]":
        return names[word[:-1]]  # "Fini Avance": the bar after `Fin` read as a letter
    return _misread_column(word)


@lru_cache(maxsize=1)
def _columns_by_length() -> dict[int, list[tuple[int, str, str]]]:
    """Column names of four letters or more by length, each with its place in the grammar's order."""
    out: dict[int, list[tuple[int, str, str]]] = {}
    for i, (k, n) in enumerate(_columns().items()):
        if len(k) >= 4:
            out.setdefault(len(k), []).append((i, k, n))
    return out


def _misread_column(word: str) -> str | None:
    """The first column name (in the grammar's order) `word` is with a letter misread ("Avanoe"; in
    a four-letter name only a later letter: "Hita"), or, in a name of five letters or more, with one
    of OCR's letter confusions (i for l) and a letter misread ("Ciaye"). Only names of the lengths
    the word and its undone confusions have are compared: names are many."""
    by_length = _columns_by_length()
    best: tuple[int, str] | None = None
    for i, k, n in by_length.get(len(word), ()):
        if (len(k) >= 5 or word[:1] == k[:1]) and substituted(word, k):
            best = (i, n)
            break
    undone: dict[int, list[str]] = {}
    for v in ocrfix.confusions_undone(word):
        undone.setdefault(len(v), []).append(v)
    for length, variants in undone.items():
        if length < 5:
            continue
        for i, k, n in by_length.get(length, ()):
            if best and i >= best[0]:
                break
            if any(v == k or substituted(v, k) for v in variants):
                best = (i, n)
                break
    return best[1] if best else None


@lru_cache(maxsize=1)
def _short_columns() -> dict[str, str]:
    return {re.sub(r"[^\w ]", "", k).strip(): n for k, n in _columns().items()
            if len(re.sub(r"[^\w ]", "", k).strip()) in (1, 2)}


def spaced_header(line: str) -> list[tuple[str, int]] | None:
    """A header row whose rules and gaps were lost (`Clave Actividad Inicio Término Avance`):
    three words or more, every one a column name, one of them the title's. Its cells, as
    `cells` gives them."""
    words = [(m.group(0), m.start()) for m in re.finditer(r"\S+", line)]
    names = _parent_column([_column(lx.fold(w).strip(" :")) for w, _ in words], words)
    if len(words) < 3 or None in names or "title" not in names or len(set(names)) < len(names):
        return None
    return words


# a cell's value by its column, read from the row's end: what each typed column can hold
_DAY_OR_MONTH = r"(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|[^\W\d_]{3,10}\.?)"
# "15/09/2025", "jun-2025", "nov. 25"; a month's first letter a scan may print as a mark (`¡un-2025`)
_DATE_CELL = r"\d{1,2}/\d{1,2}/\d{2,4}|(?:[^\W\d_]|[¡!])[^\W\d_]{2,9}\.?[-/ ]?\d{2,4}"
_TYPED_CELL = {
    # `%` as a scan may print it; a dash or "sin dato" where none is stated
    "progress": r"\d{1,3}(?:[.,]\d{1,2})?\s?(?:%{1,2}|Yo?)|[—–-]|sin\s+dato|s/d|n/d",
    # "01/02 a 28/02", "marzo 2025", "abr.–jun. 2025", "T3 2025"
    "period": rf"{_DAY_OR_MONTH}(?:\s*(?:a|al|[-–—])\s*{_DAY_OR_MONTH})?(?:\s+\d{{4}})?|[TS][1-4]\s+\d{{4}}",
    "start": _DATE_CELL,
    "end": _DATE_CELL,
}


def typed_row(line: str, columns: list[str | None]) -> list[tuple[str, int]] | None:
    """A row of a table without rules, cut into the header's columns: the number opens it,
    the typed cells (progress, start, end) close it from the right, the title is what lies
    between. None when the line does not have that shape."""
    if not columns or columns[-1] not in _TYPED_CELL or "title" not in columns:
        return None
    t = columns.index("title")
    if columns[:t] not in ([], ["number"], ["parent"]) or any(c not in _TYPED_CELL for c in columns[t + 1:]):
        return None
    cells, end = [], len(line.rstrip())
    for name in reversed(columns[t + 1:]):
        m = re.search(rf"(?:^|\s)({_TYPED_CELL[name]})\s*$", line[:end])
        if not m or (name in ("start", "end", "period") and not re.match(r"[TS][1-4]\s", m.group(1))
                     and not _has_month_or_day(m.group(1), loose=True)):
            return None
        cells.insert(0, (m.group(1), m.start(1)))
        end = m.start(1)
    head = line[:end].rstrip()
    title_at = len(head) - len(head.lstrip())
    if t:  # the number column, or the hito's
        m = re.match(r"\s*(\d{1,3}(?:[.,]\d{1,3}){0,3}\.?|[a-z]\))\s+(?=\S)", head)
        if not m:
            return None
        cells.insert(0, (m.group(1), m.start(1)))
        title_at = m.end()
    if not re.search(r"[^\W\d_]{3}", head[title_at:]):
        return None
    cells.insert(t, (head[title_at:], title_at))
    return cells


def _has_month_or_day(token: str, loose: bool = False) -> bool:
    """A day (`03/03/2025`) or a month (`ene-2025`); `loose`: where a table's column says a date
    stands, three letters and a year are enough (`mav-2025` as a scan prints `may-2025`)."""
    word = re.split(r"[-/ .\d]", token)[0]
    return "/" in token or lx.month(word, cutoff=settings.current().match.month_exact) is not None or (
        loose and len(word) == 3 and re.search(r"\d{4}$", token) is not None)


@lru_cache(maxsize=1)
def _ocr_pattern() -> re.Pattern:
    # an abbreviation's dot may be lost on a scan (`Act 2`)
    kw = _alternation(f for l in grammar()["levels"] for f in l["forms"]).replace("[.,]", "[.,]?")
    strokes = re.escape("".join(c for c in ocrfix.forms()["roman_lookalikes"] if len(c) == 1))
    return re.compile(rf"^\W{{0,3}}(?P<kw>{kw})\s+(?P<num>\d{{1,3}}|\d{{1,2}}[^\W\d_]|[^\W\d_]\d{{1,2}}|\S{{1,2}}?"
                      rf"|(?-i:[{strokes}]{{3,4}}))"  # `JIL` for III: a numeral's strokes, read by `ocr_roman`
                      rf"\s*[.,:\-–)]?(?:\s+(?P<rest>.*))?$", re.I)


def ocr_roman(token: str) -> int | None:
    """A header token OCR made of a roman numeral's strokes (`HH`, `Il`, `UU` for II)."""
    looks = ocrfix.forms()["roman_lookalikes"]
    if not 1 <= len(token) <= 4 or any(c not in looks or c == "_doc" for c in token):
        return None
    if len(token) == 1 and token not in "IVX":
        return None  # one stroke misread is a digit's look-alike, read elsewhere, or unreadable
    strokes = "".join(looks[c] for c in token)
    value = roman(strokes)
    if value is None and set(strokes) == {"I"}:
        value = len(strokes)  # too many strokes for a numeral: the count is a reading, order decides
    return value if value is not None and value <= 20 else None


def ocr_header(line: str, read_number) -> Header | None:
    """A header whose number OCR printed as a look-alike (`HITO l.`, `Compromiso 1Ó`).

    `read_number(token)` gives the number, or a `?` pattern of its legible digits, or None.
    The path is None when the number is unreadable; `token` keeps what was printed.
    """
    m = _ocr_pattern().match(line)
    if not m:
        return None
    token = m.group("num")
    n = read_number(token)
    if (n is None or isinstance(n, str)) and ocr_roman(token.rstrip(".:")) is not None:
        rest = (m.group("rest") or "").strip()
        return Header(_level(m.group("kw")), (ocr_roman(token.rstrip(".:")),), token, rest,
                      m.start("rest") if m.group("rest") else len(line), "ocr_roman")
    if isinstance(n, int) and n > MAX_NUMBER or n is None and (re.fullmatch(r"[^\W\d_]{2,}", token)
                                                                or token in ("a", "e", "o", "u", "y")
                                                                or token.isalpha() and not token.isascii()):
        return None  # a word ("Actividad de ...", "Producto a entregar"), not a number misread
    rest = (m.group("rest") or "").strip()
    return Header(_level(m.group("kw")), (n,) if isinstance(n, int) else None, m.group("num"), rest,
                  m.start("rest") if m.group("rest") else len(line), "ocr")

"""Calendar dates and month ranges written in Spanish, tolerant of OCR noise."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from extractors import lexicon as lx
from extractors import settings


def _opts():
    return settings.current().match


_WORD = r"[^\W\d_]{3,12}"
DAY_DATE = re.compile(
    rf"(?:(?P<wd>{_WORD}),?\s+)?(?<![\d/])(?P<d>[0-3]?\d)(?:\s+de)?\s+(?P<m>{_WORD})\.?,?"
    rf"(?:\s*(?:(?:de|del)[:;]?\s+)?(?P<y>[12]\d{{3,4}}(?!\d))|\s+(?P<py>del\s+presente\s+a[ñn]o))?",
    re.I)
# a date in words, as minutes and notarial texts write it: "veintiséis de mayo de dos mil veinticinco"
_IN_WORDS = r"[^\W\d_]{2,14}(?:\s+y\s+[^\W\d_]{3,8})?"
WORD_DATE = re.compile(
    rf"(?:(?P<wd>{_WORD}),?\s+)?(?:(?:el\s+)?d[ií]a\s+)?(?P<d>{_IN_WORDS})\s+de\s+(?P<m>{_WORD})"
    rf"(?:\s+(?:de|del)\s+(?P<y>(?:dos\s+mil|mil\s+[^\W\d_]{{5,12}})(?:\s+[^\W\d_]{{1,14}}){{0,3}})"
    rf"|\s+(?P<py>del\s+presente\s+a[ñn]o))?", re.I)
# `29/10/2024`, and as Peru and Spain also write it, `29.10.2024` and `29-10-2024` (one separator throughout)
NUMERIC_DATE = re.compile(r"(?<![\w/.\-])(?P<d>[0-3]?\d)(?P<sep>[/.\-])(?P<m>[01]?\d)(?P=sep)(?P<y>[12]\d{3})"
                          r"(?![\d/]|[.\-]\d)")
_CAPITALISED_BEFORE = re.compile(r"\b[A-ZÁÉÍÓÚÑ][^\W\d_]*\s+$")


@dataclass
class FoundDate:
    start: int
    end: int
    raw: str
    value: date | None  # None: written, but not a real date
    weekday: int | None
    has_year: bool


_YEAR_AHEAD = re.compile(r"\s*(?:al|a|y|hasta)\s+(?:el\s+)?[0-3]?\d\s+de\s+[^\W\d_]+\s+(?:de|del)\s+([12]\d{3})\b")


def _bare_day(text: str, m: re.Match) -> bool:
    """"hasta el 10 de junio": a day and a month written out, in the document's year; not a street
    or a square named after a date (`Plaza 25 de Mayo`: Spanish writes months in lower case), nor
    the date of a law numbered with its year (`Ley 19/2013, de 9 de diciembre`), nor a range's
    start whose end names another year."""
    if not re.fullmatch(r"\s+de\s+", text[m.end("d"):m.start("m")]) or not m.group("m").islower():
        return False
    if re.search(r"\d/\d{4},?\s+(?:de\s+)?$", text[max(0, m.start("d") - 20):m.start("d")]):
        return False
    return not _YEAR_AHEAD.match(text, m.end())


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Every day-precision date; impossible ones come back with value None."""
    out: list[FoundDate] = []
    for m in DAY_DATE.finditer(text):
        month = lx.month(m.group("m"), cutoff=_opts().month_beside_year if m.group("y") or m.group("py") else _opts().month)
        if month is None:
            continue
        day = int(m.group("d"))
        wd = lx.weekday(m.group("wd")) if m.group("wd") else None
        start = m.start() if wd is not None else m.start("d")
        raw = text[start:m.end()].rstrip(".,")
        if m.group("y"):
            year_txt = m.group("y")
            value = _make(int(year_txt), month, day) if len(year_txt) == 4 else None
            out.append(FoundDate(start, start + len(raw), raw, value, wd, True))
        elif default_year and (m.group("py") or wd is not None or _bare_day(text, m)):
            out.append(FoundDate(start, start + len(raw), raw, _make(default_year, month, day),
                                 wd, False))
    for m in WORD_DATE.finditer(text):
        day, month = in_words(m.group("d")), lx.month(m.group("m"), cutoff=90)
        year = _year_in_words(m.group("y")) if m.group("y") else None
        if day is None or month is None or not 1 <= day <= 31 or m.group("y") and year is None:
            continue
        wd = lx.weekday(m.group("wd")) if m.group("wd") else None
        start = m.start() if wd is not None else m.start("d")
        if year:
            end = m.start("y") + len(year[1])
            out.append(FoundDate(start, end, text[start:end], _make(year[0], month, day), wd, True))
        elif default_year and (m.group("py") or wd is not None or re.search(r"\bel\s+$", text[max(0, start - 4):start])) \
                and m.group("m").islower():  # "el doce de junio", "miércoles siete de agosto": the document's year
            end = m.end()
            out.append(FoundDate(start, end, text[start:end].rstrip(".,"), _make(default_year, month, day), wd, False))
    for m in NUMERIC_DATE.finditer(text):
        if m.group("sep") != "/" and _CAPITALISED_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            continue  # "Acuerdo Interno DS-11-2017" as a scan reads it ("15-11-2017"): a code after its name
        value = _make(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        out.append(FoundDate(m.start(), m.end(), m.group(0), value, None, True))
    out.extend(_range_starts(text, {f.start for f in out}))
    out.sort(key=lambda f: f.start)
    return out


def calendar_slip(raw: str) -> bool:
    """An impossible date a writer can make: a day of 29 to 31 in a real month (`31 de junio`,
    `29/02/2023`), or a typed year (`03 de marzo del 20189`). On a scan the others (`36 de junio`,
    `30/00/2025`) are digits OCR misread, not dates the document claims."""
    numbers = re.findall(r"\d+", raw)
    if len(numbers) < 2:
        return False
    day, month_ok = int(numbers[0]), len(numbers) < 3 or 1 <= int(numbers[1]) <= 12
    return 1 <= day <= 31 and month_ok and (day >= 29 or len(numbers[-1]) != 4)


def in_words(phrase: str) -> int | None:
    """A number under a thousand written in words ("treinta y uno", "primero", "ciento dos")."""
    total, seen = 0, False
    for word in re.findall(r"[^\W\d_]+", phrase):
        w = lx.fold(word)
        if w == "y" and seen:
            continue
        n = 1 if w == "primero" else lx.number_word(w)
        if n is None:
            return None
        total, seen = total + n, True
    return total if seen else None


def _year_in_words(phrase: str) -> tuple[int, str] | None:
    """The year a phrase opens with ("dos mil veinticinco", "mil novecientos noventa y nueve"), and
    the words it takes; words after it (a time, "siendo las ...") are not read."""
    words = phrase.split()
    for n in range(len(words), 1, -1):
        head = words[:n]
        folded = [lx.fold(w) for w in head]
        if "mil" not in folded:
            continue
        k = folded.index("mil")
        thousands = in_words(" ".join(head[:k])) if k else 1
        rest = in_words(" ".join(head[k + 1:])) if k + 1 < n else 0
        if thousands and rest is not None and 1900 <= thousands * 1000 + rest <= 2099:
            return thousands * 1000 + rest, " ".join(head)
    return None


def _range_starts(text: str, taken: set[int]) -> list[FoundDate]:
    """The first day of a day range that names its month and year only once
    (`del 3 al 15 de abril de 2024`, `entre el 15 y el 26 de enero de 2024`)."""
    out = []
    for m in _DAY_RANGE.finditer(text):
        if m.start("d1") in taken or m.group("y1"):
            continue
        month = lx.month((m.group("m1") or m.group("m2")).rstrip("."))
        if month is None:
            continue
        value = _make(int(m.group("y2")), month, int(m.group("d1")))
        raw_end = m.end("m1") if m.group("m1") else m.end("d1")
        out.append(FoundDate(m.start("d1"), raw_end, text[m.start("d1"):raw_end], value, None, True))
    return out


# ----------------------------------------------------------------- periods

@dataclass
class FoundPeriod:
    start: str
    end: str
    raw: str
    offset: int  # of raw inside the text given


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
          "primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4}
# a digit with an ordinal's ending: `1er`, `2do`, `3ro`, `4to`, `4.º`, `2°`
_ORD_DIGIT = r"\d(?:er|ro|do|to|\.?[º°o])?"
_SEMESTER = re.compile(rf"(?P<n>\b[IVX]{{1,3}}|\b{_ORD_DIGIT}|primer|segundo)\s+semestre\s+(?:de\s+|del\s+)?(?P<y>\d{{4}})"
                       r"|semestre\s+(?P<n2>[IVX]{1,3}|\d)\s+(?:de\s+|del\s+)?(?P<y2>\d{4})"
                       r"|\bS(?P<n3>[12])\s?[-/]?\s?(?P<y3>\d{4})\b"  # `S2-2024`
                       r"|\b(?P<n4>[12])S\s?[-/]?\s?(?P<y4>\d{4})\b", re.I)  # `2S 2025`
_QUARTER = re.compile(rf"(?P<n>\b[IVX]{{1,3}}|\b{_ORD_DIGIT}|primer|segundo|tercer|cuarto)\s+trimestre\s+(?:de\s+|del\s+)?"
                      r"(?P<y>\d{4})|trimestre\s+(?P<n2>[IVX]{1,3}|\d)\s+(?:de\s+|del\s+)?(?P<y2>\d{4})"
                      r"|\bT(?P<n3>[1-4])\s?[-/]?\s?(?P<y3>\d{4})\b"  # `T3 2025`, `T1-2024`
                      r"|\b(?P<n4>[1-4])T\s?[-/]?\s?(?P<y4>\d{4})\b", re.I)  # `1T 2025`, as Spain writes it
_TOKEN = re.compile(r"[^\W\d_]+|\d{4}|\d{1,2}/\d{1,2}/\d{4}|(?<=[^\W\d_][-.])\d{2}(?!\d)|/")
_MONTH_WORD = r"[^\W\d_]{3,12}\.?"
# "del 3 de marzo al 15 de abril de 2024", "del 3 al 15 de abril de 2024"
_DAY_RANGE = re.compile(
    rf"(?:\bdel?\s+)?(?P<d1>[0-3]?\d)(?:\s+de\s+(?P<m1>{_MONTH_WORD})(?:\s+(?:de|del)\s+(?P<y1>\d{{4}}))?)?"
    rf"\s*(?:al|a|hasta\s+el|y\s+el|y|[-–—])\s+(?P<d2>[0-3]?\d)\s+de\s+(?P<m2>{_MONTH_WORD})\s+(?:de|del)\s+(?P<y2>\d{{4}})",
    re.I)


def _block(m: re.Match, size: int) -> tuple[str, str] | None:
    token = (m.group("n") or m.group("n2") or m.group("n3") or m.group("n4") or "").lower()
    n = _ROMAN.get(token[0] if token[:1].isdigit() else token)
    year = m.group("y") or m.group("y2") or m.group("y3") or m.group("y4")
    if not n or n * size > 12:
        return None
    first = (n - 1) * size + 1
    return f"{year}-{first:02d}", f"{year}-{first + size - 1:02d}"


def _group_period(tokens: list[tuple[str, int]]) -> tuple[str, str] | None:
    days = [t for t, _ in tokens if t.count("/") == 2]
    if len(days) >= 1:
        parsed = [NUMERIC_DATE.fullmatch(d) for d in days]
        real = [_make(int(p["y"]), int(p["m"]), int(p["d"])) for p in parsed if p]
        iso = [d.isoformat() for d in real if d]
        if iso:
            return iso[0], iso[-1]
    months: list[int] = []
    years: list[int] = []
    words = [t for t, _ in tokens]
    k = 0
    while k < len(words):
        tok = words[k]
        k += 1
        if tok.isdigit():
            years.append(int(tok) if len(tok) == 4 else 2000 + int(tok))
            continue
        joined = None
        if k < len(words) and words[k].isalpha() and lx.fold(tok) not in lx.lexicon()["months"]:
            joined = lx.month(tok + words[k], cutoff=_opts().month_exact)  # a month split in two by OCR
        if joined:
            months.append(joined)
            k += 1
            continue
        mo = lx.month(tok, cutoff=_opts().month_in_period)
        if mo:
            months.append(mo)
    if not months or not years:
        return None
    # the first year applies to the first month unless the only year closes the range
    y1, y2 = (years[0], years[-1])
    m1, m2 = months[0], months[-1]
    return f"{y1:04d}-{m1:02d}", f"{y2:04d}-{m2:02d}"


def _day_ranges(text: str) -> list[FoundPeriod]:
    out = []
    for m in _DAY_RANGE.finditer(text):
        m2 = lx.month(m.group("m2").rstrip("."))
        m1 = lx.month(m.group("m1").rstrip(".")) if m.group("m1") else m2
        if not m1 or not m2:
            continue
        y2 = int(m.group("y2"))
        y1 = int(m.group("y1")) if m.group("y1") else y2
        a, b = _make(y1, m1, int(m.group("d1"))), _make(y2, m2, int(m.group("d2")))
        if a and b:
            out.append(FoundPeriod(a.isoformat(), b.isoformat(), m.group(0), m.start()))
    return out


def find_periods(text: str) -> list[FoundPeriod]:
    """Ranges of months ("Abril de 2019 – agosto de 2020", "ene-24 a mar-24"), several joined
    by '/'; day ranges ("del 3 de marzo al 15 de abril de 2024"); semesters and quarters."""
    out: list[FoundPeriod] = _day_ranges(text)
    if out:
        return out
    for rx, size in ((_SEMESTER, 6), (_QUARTER, 3)):
        for m in rx.finditer(text):
            block = _block(m, size)
            if block:
                out.append(FoundPeriod(*block, m.group(0), m.start()))
    if out:
        return _block_ranges(text, sorted(out, key=lambda p: p.offset))
    groups: list[list[tuple[str, int]]] = [[]]
    spans: list[list[int]] = [[]]
    for m in _TOKEN.finditer(text):
        if m.group(0) == "/":
            groups.append([])
            spans.append([])
            continue
        groups[-1].append((m.group(0), m.start()))
        spans[-1].extend([m.start(), m.end()])
    for group, span in zip(groups, spans):
        listed = _listed_months(text, group)
        if listed:
            out.extend(listed)
            continue
        period = _group_period(group)
        if period and span:
            raw = text[min(span):max(span)]
            out.append(FoundPeriod(period[0], period[1], raw, min(span)))
    return out


_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|a|al|hasta(?:\s+el)?)\s*", re.I)


def _block_ranges(text: str, blocks: list[FoundPeriod]) -> list[FoundPeriod]:
    """Two semesters or quarters joined as a range (`1T 2025 – 4T 2025`, `Trimestre 3 2026 a Trimestre 2
    2026`) are one period, from the first's start to the second's end (inverted, if so printed);
    joined by `y` or listed, each is its own."""
    out: list[FoundPeriod] = []
    for b in blocks:
        prev = out[-1] if out else None
        if prev and _RANGE_JOIN.fullmatch(text[prev.offset + len(prev.raw):b.offset]):
            out[-1] = FoundPeriod(prev.start, b.end, text[prev.offset:b.offset + len(b.raw)], prev.offset)
        else:
            out.append(b)
    return out


def _listed_months(text: str, tokens: list[tuple[str, int]]) -> list[FoundPeriod]:
    """Three months or more listed with commas and `y` under one year (`febrero, julio y diciembre
    de 2025`): one single-month period each, as nothing between them says `a` or `-`."""
    months = [(lx.month(t, cutoff=_opts().month_exact), t, at) for t, at in tokens
              if not t.isdigit() and t.lower() not in ("de", "del", "y", "e")]
    years = [t for t, _ in tokens if t.isdigit() and len(t) == 4]
    if len(months) < 3 or None in [m for m, _, _ in months] or len(years) != 1:
        return []
    between = [text[a + len(t):b] for (_, t, a), (_, _, b) in zip(months, months[1:])]
    if not all(re.fullmatch(r"\s*(?:,|y|e)\s*", gap) for gap in between):
        return []
    return [FoundPeriod(f"{years[0]}-{m:02d}", f"{years[0]}-{m:02d}", t, at) for m, t, at in months]


def month_count(start: str, end: str) -> int:
    (y1, m1), (y2, m2) = (map(int, start[:7].split("-")), map(int, end[:7].split("-")))
    return (y2 - y1) * 12 + (m2 - m1)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _point(text: str) -> tuple[str, bool] | None:
    """One end of a period: a day (ISO day) or a month (ISO month); True when it has a year."""
    days = find_dates(text)
    if days and days[0].value:
        return days[0].value.isoformat(), True
    tokens = [(m.group(0), m.start()) for m in _TOKEN.finditer(text) if m.group(0) != "/"]
    months = [lx.month(t, cutoff=_opts().month_in_period) for t, _ in tokens if not t.isdigit()]
    months = [m for m in months if m]
    years = [int(t) if len(t) == 4 else 2000 + int(t) for t, _ in tokens if t.isdigit()]
    if not months:
        return None
    if not years:
        return f"{{}}-{months[0]:02d}", False
    return f"{years[0]:04d}-{months[0]:02d}", True


def span_period(start_text: str, end_text: str) -> FoundPeriod | None:
    """The period between a start field's value and an end field's (`Fecha de inicio` / `Fin`);
    a start without a year takes the end's."""
    a, b = _point(start_text or ""), _point(end_text or "")
    if not a or not b:
        return None
    (s, s_year), (e, e_year) = a, b
    if not s_year and e_year:
        s = s.replace("{}", e[:4])
    if "{}" in s or "{}" in e:
        return None
    return FoundPeriod(s, e, start_text, 0)

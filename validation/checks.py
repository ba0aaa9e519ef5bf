"""One function per flag kind: records in, flags out."""
from __future__ import annotations

import re

from extractors import lexicon as lx
from schemas.records import DocumentRecords, Flag

_WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]


def _raw(rec) -> str:
    return rec.provenance.raw if rec.provenance else ""


def invalid_dates(r: DocumentRecords) -> list[Flag]:
    return [Flag(kind="invalid_date", value=_raw(d), provenance=d.provenance,
                 explanation="a written date that does not exist in the calendar")
            for d in r.dates if d.value is None]


def weekday_mismatches(r: DocumentRecords) -> list[Flag]:
    out = []
    for d in r.dates:
        if d.value and d.weekday and _WEEKDAYS[d.value.weekday()] != d.weekday:
            out.append(Flag(kind="weekday_mismatch", value=_raw(d), provenance=d.provenance,
                            explanation=f"{d.value.isoformat()} is a {_WEEKDAYS[d.value.weekday()]}"))
    return out


def inverted_ranges(r: DocumentRecords) -> list[Flag]:
    out = []
    for a in r.activities:
        for p in a.periods:
            if p.inverted:
                out.append(Flag(kind="date_range_inverted", value=_raw(p) or f"{p.start} – {p.end}",
                                provenance=p.provenance, explanation="the period ends before it starts"))
    return out


def duplicate_urls(r: DocumentRecords) -> list[Flag]:
    seen, out = set(), []
    for u in r.urls:
        key = u.url.rstrip("/").lower()
        if key in seen and key not in {f.value.rstrip("/").lower() for f in out}:
            out.append(Flag(kind="duplicate_url", value=u.url, provenance=u.provenance,
                            explanation="the same URL is listed more than once"))
        seen.add(key)
    return out


def count_mismatches(r: DocumentRecords) -> list[Flag]:
    return [Flag(kind="count_mismatch", value=_raw(c) or c.subject, provenance=c.provenance,
                 explanation=f"states {c.claimed} but lists {c.listed}")
            for c in r.count_claims if c.claimed != c.listed]


def _future_forms() -> list[str]:
    return sorted({lx.fold(f) for f in lx.lexicon()["future_forms"]}, key=len, reverse=True)


def speaks_of_future(text: str) -> bool:
    """Whether the opening clause of a progress statement announces pending work."""
    body = re.sub(r"(?i)^\W*avance\s*(del\s*)?\d{1,3}\s?%\W*", "", text.strip())
    clause = lx.fold(re.split(r"[,.;]", body, maxsplit=1)[0])
    if any(re.search(rf"\b{re.escape(f)}\b", clause) for f in _future_forms()):
        return True
    return re.search(r"\bse\s+\w{3,}(ara|era|ira)n?\b", clause) is not None


def progress_without_evidence(r: DocumentRecords) -> list[Flag]:
    return [Flag(kind="progress_without_evidence", value=a.title or f"Actividad {a.number}",
                 provenance=a.provenance,
                 explanation="reported complete but its statement speaks of future or pending action")
            for a in r.activities if a.progress == 100 and a.evidence and speaks_of_future(a.evidence)]


def milestones_without_progress(r: DocumentRecords) -> list[Flag]:
    if r.document.type != "progress_report":
        return []
    out = []
    for m in r.milestones:
        has_acts = any(a.milestone == m.number and a.commitment == m.commitment for a in r.activities)
        if not has_acts and not re.search(r"\d\s?%", m.text or ""):
            out.append(Flag(kind="milestone_without_progress", value=f"HITO {m.number}",
                            provenance=m.provenance,
                            explanation="a hito of a progress report with no activity and no progress"))
    return out


def numbering_errors(r: DocumentRecords) -> list[Flag]:
    """Repeated or skipped activity numbers within one hito (or commitment)."""
    groups: dict[tuple, list] = {}
    for a in r.activities:
        groups.setdefault((a.commitment, a.milestone), []).append(a)
    out = []
    for acts in groups.values():
        seen: set[int] = set()
        prev = None
        for a in acts:
            p = a.printed_number
            if p is None:
                continue
            corrected = p != a.number
            repeated = p in seen and not any(b.printed_number == p and b.printed_number != b.number
                                             for b in acts)
            skipped = prev is not None and p > prev + 1 and not corrected
            if corrected or repeated or skipped:
                out.append(Flag(kind="numbering_error", value=f"Actividad {p}: {a.title or ''}".strip(" :"),
                                provenance=a.provenance,
                                explanation=f"printed {p} where the list order gives {prev + 1 if prev is not None else p}"))
            seen.add(p)
            prev = a.number
    return out


CHECKS = (invalid_dates, weekday_mismatches, inverted_ranges, duplicate_urls, count_mismatches,
          progress_without_evidence, milestones_without_progress, numbering_errors)


def check(r: DocumentRecords) -> list[Flag]:
    return [flag for fn in CHECKS for flag in fn(r)]
